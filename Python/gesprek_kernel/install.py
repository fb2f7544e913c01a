"""Install the kernelspec `gesprek` (kernel.json) so that `jupyter kernelspec list` shows it.

`python -m gesprek_kernel install [--user] [--prefix PREFIX] [--library PATH]`: by default for the
current user. The spec starts this Python with `-m gesprek_kernel`, with `PYTHONPATH` set to the
repository's `Python/` folder and `GESPREK_LIBRARY` to the C interface's library, so that the
kernel finds both wherever Jupyter is started.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile

PYTHON_FOLDER = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REPOSITORY = os.path.dirname(PYTHON_FOLDER)


def library_path() -> str | None:
    """`$GESPREK_LIBRARY`, else the release build, else the debug build of `libGesprekC.so`."""
    if os.environ.get("GESPREK_LIBRARY"):
        return os.path.abspath(os.environ["GESPREK_LIBRARY"])
    for build in ("release", "debug"):
        candidate = os.path.join(REPOSITORY, ".build", build, "libGesprekC.so")
        if os.path.exists(candidate):
            return candidate
    return None


def spec(library: str | None) -> dict:
    env = {"PYTHONPATH": PYTHON_FOLDER}
    if library:
        env["GESPREK_LIBRARY"] = library
    return {
        "argv": [sys.executable, "-m", "gesprek_kernel", "-f", "{connection_file}"],
        "display_name": "gesprek",
        "language": "gesprek",
        "interrupt_mode": "signal",
        "env": env,
        "metadata": {"debugger": False},
    }


def main(arguments: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m gesprek_kernel install", description=__doc__.split("\n\n")[0])
    parser.add_argument("--user", action="store_true", help="for the current user (the default)")
    parser.add_argument("--prefix", help="under this prefix (share/jupyter/kernels) instead")
    parser.add_argument("--library", help="the path of libGesprekC.so (default: $GESPREK_LIBRARY or .build/release|debug)")
    options = parser.parse_args(arguments)
    from jupyter_client.kernelspec import KernelSpecManager

    library = os.path.abspath(options.library) if options.library else library_path()
    with tempfile.TemporaryDirectory() as folder:
        os.chmod(folder, 0o755)
        with open(os.path.join(folder, "kernel.json"), "w", encoding="utf-8") as file:
            json.dump(spec(library), file, indent=2)
        where = KernelSpecManager().install_kernel_spec(
            folder, "gesprek", user=options.prefix is None, prefix=options.prefix, replace=True
        )
    print(f"kernelspec gesprek in {where}")
    if library is None:
        print("warning: libGesprekC.so not found; build it (swift build -c release --product GesprekC)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
