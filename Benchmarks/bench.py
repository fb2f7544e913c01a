#!/usr/bin/env python3
"""gesprek's benchmarks: prints medians. Run with `./dev bench` (builds for release first).

Goals (issue 2): `gesprek run` of a 100-line script, end to end with its durable
transcript, at most 15 ms (about twice a Swift hello world); parse and execute
of a 100,000-line script under 0.5 s; one durable append under 1 ms.
"""
import json, os, statistics, subprocess, sys, tempfile, time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RELEASE = ROOT / ".build" / "release"
RUNS = 30


def median_ms(command, runs=RUNS, env=None):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main():
    work = Path(tempfile.mkdtemp(prefix="gesprek-bench-"))
    # A 100-line script from the samples' lines (comments and summary left out).
    lines = []
    for script in sorted((ROOT / "Scripts").glob("*.gesprek")):
        for line in script.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("//") and line.split()[0] in {"ask", "note", "say", "score", "mark"}:
                lines.append(line)
    script = work / "honderd.gesprek"
    script.write_text("\n".join((lines * 10)[:100]) + "\n", encoding="utf-8")

    counter = iter(range(10**6))
    env = dict(os.environ, XDG_DATA_HOME=str(work / "data"))

    def run_once():
        return [str(RELEASE / "gesprek"), "run", str(script), "-o", str(work / f"t{next(counter)}.jsonl")]

    times = []
    for _ in range(RUNS):
        command = run_once()
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        times.append((time.perf_counter() - start) * 1000)
    run_ms = statistics.median(times)

    hello_source = work / "hello.swift"
    hello_source.write_text('print("hallo")\n')
    subprocess.run(["swiftc", "-O", str(hello_source), "-o", str(work / "hello")], check=True)
    hello_ms = median_ms([str(work / "hello")])

    in_process = json.loads(subprocess.run([str(RELEASE / "gesprek-bench")], check=True, capture_output=True, text=True).stdout)

    print("gesprek benchmarks (medians)")
    print(f"  gesprek run, 100-line script, durable transcript   {run_ms:8.2f} ms   (goal ≤ 15 ms)")
    print(f"  Swift hello world, for comparison                   {hello_ms:8.2f} ms")
    print(f"  parse + execute, 100,000-line script, in memory     {in_process['parse_execute_100k_ms']:8.2f} ms   (goal < 500 ms)")
    print(f"  one durable append (write + fsync)                  {in_process['durable_append_ms']:8.3f} ms   (goal < 1 ms)")


if __name__ == "__main__":
    sys.exit(main())
