#!/usr/bin/env python3
"""gesprek's benchmarks: prints medians. Run with `./dev bench` (builds for release first).

Goals: `gesprek run` of a 100-line script, end to end with its durable
transcript, at most 15 ms (about twice a Swift hello world); parse and execute
of a 100,000-line script under 0.5 s; one durable append under 1 ms; from
start to the first prompt on a pseudo-terminal under 20 ms; from Enter to the
next prompt, durable write included, under 2 ms.
"""
import json, os, statistics, subprocess, sys, tempfile, time

import pexpect
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

    repl_start_ms, repl_enter_ms = repl_latencies(work, env)

    in_process = json.loads(subprocess.run([str(RELEASE / "gesprek-bench")], check=True, capture_output=True, text=True).stdout)

    print("gesprek benchmarks (medians)")
    print(f"  gesprek run, 100-line script, durable transcript   {run_ms:8.2f} ms   (goal ≤ 15 ms)")
    print(f"  Swift hello world, for comparison                   {hello_ms:8.2f} ms")
    print(f"  parse + execute, 100,000-line script, in memory     {in_process['parse_execute_100k_ms']:8.2f} ms   (goal < 500 ms)")
    print(f"  one durable append (write + fsync)                  {in_process['durable_append_ms']:8.3f} ms   (goal < 1 ms)")
    print(f"  REPL: start to first prompt on a pseudo-terminal    {repl_start_ms:8.2f} ms   (goal < 20 ms)")
    print(f"  REPL: Enter to next prompt, durable write included  {repl_enter_ms:8.3f} ms   (goal < 2 ms)")


def repl_latencies(work, env):
    """Times the live REPL on a pseudo-terminal, as an advisor meets it."""
    env = dict(env, NO_COLOR="1", TERM="xterm-256color")
    starts, enters = [], []
    for run in range(15):
        start = time.perf_counter()
        child = pexpect.spawn(str(RELEASE / "gesprek"), ["--case", "BENCH", "-o", str(work / f"repl{run}.jsonl")],
                              env=env, encoding="utf-8", timeout=10)
        child.expect_exact("› ")
        starts.append((time.perf_counter() - start) * 1000)
        for i in range(20):
            start = time.perf_counter()
            child.send(f"note #c Regel {i} met ë\r")
            child.expect_exact("› ")
            enters.append((time.perf_counter() - start) * 1000)
        child.sendeof()
        child.expect(pexpect.EOF)
        child.close()
    return statistics.median(starts), statistics.median(enters)


if __name__ == "__main__":
    sys.exit(main())
