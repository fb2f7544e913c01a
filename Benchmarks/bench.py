#!/usr/bin/env python3
"""gesprek's benchmarks: prints medians. Run with `./dev bench` (builds for release first).

Goals: `gesprek run` of a 100-line script, end to end with its durable
transcript, within 1.5 times a Swift hello world; a 1,000,000-line script
under 10 s, with a peak memory that does not grow with the number of lines
(measured at 100,000 and 1,000,000); `export --anonymize` of a transcript with
100,000 network names linear in the names (timed at 10,000 and 100,000, not
a goal in seconds); parse and execute
of a 100,000-line script under 0.5 s; one durable append under 1 ms; from
start to the first prompt on a pseudo-terminal under 20 ms; from Enter to the
next prompt, durable write included, under 2 ms.

Reading (issue 4): `gesprek summary` of 10,000 generated transcripts (about
two million events) at least 5 times faster than jq extracting the same
dimensions per transcript, within 3 times of `cat` reading the same files,
and with a peak memory that does not grow with the number of transcripts.
The transcripts are generated once into a temporary folder and reused.
gesprek is timed as a user with 10,000 files runs it: given the folder
(`gesprek summary DIR`); also given a list (`--files-from`) and the paths
one by one (`DIR/*.jsonl`, as a shell expands it). jq and cat get the paths
one by one, as from `DIR/*.jsonl`, which costs them nothing; all read the
same files, from the page cache (each command runs once untimed first).

The C interface (issue 13): the same 100,000-line script as the in-process
figure, one gesprek_execute per line from a C host (Examples/C/host.c built
with `cc -O2` against .build/release/libGesprekC.so), each answer freed;
goal within 1.2 times the in-process parse + execute.

Notebook (issue 13): one cell of one line through jupyter_client, from the
execute request to its reply, durable write included, under 10 ms (the
kernel gesprek on the release libGesprekC.so, installed into a temporary
Jupyter folder).

The language server (issue 14): `gesprek lsp` driven by a client on pipes,
as an editor drives it: diagnostics for a 1,000-line scenario within 10 ms
of a one-character change (didChange sent to publishDiagnostics read), and
a completion within 5 ms (request to response). `--lsp-only` runs just these.

The hello world is built twice: with `swiftc -O` (the Swift runtime in
shared libraries: the goal's measure) and with `-static-stdlib`, as gesprek
is linked (`--static-swift-stdlib`); both are printed. gesprek is timed as
packaged (stripped, as `./dev package` ships it) and as built; the programs
take turns run by run, so that the ratio holds on a machine whose load drifts.

Analysis (issue 16): the DuckDB views (Transcripts/views.duckdb.sql) over the same
10,000 transcripts beside `gesprek summary DIR --format json`: reading the folder into
the views and querying every transcript's row and the total, which is what the summary
gives; median time and peak memory of each, side by side. `--duckdb-only` runs just these.

`python3 Benchmarks/bench.py --summary-only` runs just the reading part,
`--start-only` just the 100-line run against the hello worlds,
`--c-only` just the C interface against the in-process figure,
`--kernel-only` just the kernel's cell;
GESPREK_BUILD_DIR picks another release build folder than .build/release.
"""
import json, os, shutil, statistics, subprocess, sys, tempfile, time

import pexpect
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RELEASE = Path(os.environ.get("GESPREK_BUILD_DIR", ROOT / ".build" / "release"))
RUNS = 30
SUMMARY_TRANSCRIPTS = 10_000
SUMMARY_RUNS = 3
# The jq side: every event's dimensions with the transcript it is in, which is
# what counting per dimension per transcript needs. Counting them in jq too
# (`reduce` into an object per file) is several times slower; leaving that
# out keeps the comparison generous to jq.
JQ_PROGRAM = "[input_filename, (.dimensions // [])[]]"


def median_ms(command, runs=RUNS, env=None):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main():
    if "--summary-only" in sys.argv[1:]:
        return summary_benchmarks()
    if "--duckdb-only" in sys.argv[1:]:
        return print_duckdb_views(*generated_transcripts(SUMMARY_TRANSCRIPTS))
    if "--c-only" in sys.argv[1:]:
        in_process = json.loads(subprocess.run([str(RELEASE / "gesprek-bench")], check=True, capture_output=True, text=True).stdout)
        return print_c_interface(in_process, c_interface_ms())
    if "--kernel-only" in sys.argv[1:]:
        print(f"  kernel: one cell of one line, request to reply      {kernel_cell_ms():8.2f} ms   (goal < 10 ms)")
        return 0
    if "--lsp-only" in sys.argv[1:]:
        return print_lsp_benchmarks()
    if "--script-only" in sys.argv[1:]:  # just the long scripts and the anonymizer, after a release build
        return script_only()
    if "--start-only" in sys.argv[1:]:  # just the 100-line run and the hello worlds, after a release build
        return start_only()
    work = Path(tempfile.mkdtemp(prefix="gesprek-bench-"))
    env = dict(os.environ, XDG_DATA_HOME=str(work / "data"))
    lines = sample_lines()
    start = start_up(work, env)

    repl_start_ms, repl_enter_ms = repl_latencies(work, env)

    in_process = json.loads(subprocess.run([str(RELEASE / "gesprek-bench")], check=True, capture_output=True, text=True).stdout)

    c_ms = c_interface_ms()
    kernel_ms = kernel_cell_ms()
    big = long_script_benchmarks(work, env, lines)
    anonymize = anonymize_benchmarks(work, env)

    print(f"gesprek benchmarks (medians; load average {os.getloadavg()[0]:.1f} at the end)")
    print_start_up(start)
    for count, (seconds, rss) in big.items():
        goal = "   (goal < 10 s)" if count == LONG_SCRIPT else ""
        print(f"  gesprek run, {count:>9,}-line script             {seconds:8.2f} s{goal}; peak memory {rss:7.1f} MB")
    for count, seconds in anonymize.items():
        print(f"  export --anonymize, {count:>7,} network names        {seconds:8.2f} s   (linear: {seconds / count * 1e6:.1f} µs per name)")
    print(f"  parse + execute, 100,000-line script, in memory     {in_process['parse_execute_100k_ms']:8.2f} ms   (goal < 500 ms; "
          f"signed as `run` signs a script: at checkpoints)")
    print(f"  the same, every line signed (as a live session)    {in_process['parse_execute_100k_every_line_signed_ms']:8.2f} ms   "
          f"(100,000 Ed25519 signatures)")
    print_c_interface(in_process, c_ms)
    print(f"  one durable append (write + fsync)                  {in_process['durable_append_ms']:8.3f} ms   (goal < 1 ms)")
    print(f"  REPL: start to first prompt on a pseudo-terminal    {repl_start_ms:8.2f} ms   (goal < 20 ms)")
    print(f"  REPL: Enter to next prompt, durable write included  {repl_enter_ms:8.3f} ms   (goal < 2 ms)")
    print(f"  kernel: one cell of one line, request to reply      {kernel_ms:8.2f} ms   (goal < 10 ms)")
    print_lsp_benchmarks()
    summary_benchmarks()


def c_interface_ms(runs=5):
    """The median milliseconds of 100,000 gesprek_execute calls from C, the in-process benchmark's script."""
    work = Path(tempfile.mkdtemp(prefix="gesprek-bench-c-"))
    script = work / "script.gesprek"
    script.write_text(subprocess.run([str(RELEASE / "gesprek-bench"), "script", "100000"], check=True,
                                     capture_output=True, text=True).stdout, encoding="utf-8")
    host = work / "host"
    subprocess.run(["cc", "-O2", "-std=c11", "-pthread", str(ROOT / "Examples" / "C" / "host.c"),
                    "-I", str(ROOT / "Sources" / "GesprekC" / "include"), "-L", str(RELEASE), "-lGesprekC",
                    f"-Wl,-rpath,{RELEASE}", "-o", str(host)], check=True)
    times = [float(subprocess.run([str(host), "time", str(script)], check=True, capture_output=True, text=True).stdout)
             for _ in range(runs)]
    shutil.rmtree(work, ignore_errors=True)
    return statistics.median(times)


def print_c_interface(in_process, c_ms):
    # The C interface signs every line (a host's session is live), so it is compared with that figure.
    ratio = c_ms / in_process["parse_execute_100k_every_line_signed_ms"]
    print(f"  the same through the C interface, line by line      {c_ms:8.2f} ms   "
          f"(goal ≤ 1.2× in process, every line signed: {ratio:.2f}×)")


KERNEL_CELLS = 200


def kernel_cell_ms():
    """The median time from an execute request of a one-line cell to its reply, through jupyter_client, as a
    notebook front end sends it; each line is recorded durably. The kernelspec goes into a temporary folder."""
    from jupyter_client.manager import start_new_kernel

    work = Path(tempfile.mkdtemp(prefix="gesprek-bench-kernel-"))
    jupyter = work / "jupyter"
    library = os.environ.get("GESPREK_LIBRARY") or str(RELEASE / "libGesprekC.so")
    subprocess.run([sys.executable, "-m", "gesprek_kernel", "install", "--prefix", str(jupyter), "--library", library],
                   check=True, stdout=subprocess.DEVNULL, env=dict(os.environ, PYTHONPATH=str(ROOT / "Python")))
    saved = dict(os.environ)
    os.environ.update(JUPYTER_PATH=str(jupyter / "share" / "jupyter"), JUPYTER_DATA_DIR=str(jupyter / "share" / "jupyter"),
                      JUPYTER_RUNTIME_DIR=str(work / "runtime"), XDG_DATA_HOME=str(work / "data"))
    try:
        manager, client = start_new_kernel(kernel_name="gesprek")
    finally:
        os.environ.clear()
        os.environ.update(saved)
    try:
        client.execute_interactive("note eerste regel: opent het transcript", timeout=30, output_hook=lambda _: None)
        times = []
        for i in range(KERNEL_CELLS):
            start = time.perf_counter()
            msg_id = client.execute(f"ask #v Vraag {i}?")
            while True:
                reply = client.get_shell_msg(timeout=30)
                if reply["parent_header"].get("msg_id") == msg_id:
                    break
            times.append((time.perf_counter() - start) * 1000)
            assert reply["content"]["status"] == "ok", reply["content"]
        return statistics.median(times)
    finally:
        client.stop_channels()
        manager.shutdown_kernel()
        shutil.rmtree(work, ignore_errors=True)


LONG_SCRIPT = 1_000_000
LONG_RUNS = 3


def long_script_benchmarks(work, env, lines):
    """`gesprek run` of a script file of 100,000 and 1,000,000 lines: the time (median of LONG_RUNS) and the peak
    memory, which should not grow with the number of lines (the transcript is synced once, at the end)."""
    results = {}
    for count in (100_000, LONG_SCRIPT):
        script = work / f"lang-{count}.gesprek"
        with script.open("w", encoding="utf-8") as out:
            for i in range(count):
                out.write(lines[i % len(lines)] + "\n")
        times, rss = [], 0.0
        for run in range(LONG_RUNS):
            transcript = work / f"lang-{count}-{run}.jsonl"
            start = time.perf_counter()
            subprocess.run([str(RELEASE / "gesprek"), "run", str(script), "-o", str(transcript)], check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
            times.append(time.perf_counter() - start)
            transcript.unlink()
        transcript = work / f"lang-{count}-rss.jsonl"
        rss = peak_rss_mb([str(RELEASE / "gesprek"), "run", str(script), "-o", str(transcript)], env=env)
        transcript.unlink()
        script.unlink()
        results[count] = (statistics.median(times), rss)
    return results


def anonymize_benchmarks(work, env):
    """`gesprek export --anonymize` of a transcript whose network has 10,000 and 100,000 names, each mentioned in a
    note too: the time should grow with the names, not with their square."""
    results = {}
    for count in (10_000, 100_000):
        script = work / f"netwerk-{count}.gesprek"
        with script.open("w", encoding="utf-8") as out:
            for i in range(count):
                name = "".join(chr(ord("a") + (i // 26**k) % 26) for k in range(4))
                out.write(f"network add Lid{name.capitalize()} role=buurvrouw influence=+\n")
                if i % 10 == 0:
                    out.write(f"note #s Lid{name.capitalize()} belde over Zoetermeer en Ilias.\n")
        transcript = work / f"netwerk-{count}.jsonl"
        subprocess.run([str(RELEASE / "gesprek"), "run", str(script), "-o", str(transcript)], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        command = [str(RELEASE / "gesprek"), "export", str(transcript), "--format", "md", "--anonymize"]
        results[count] = median_seconds(command, runs=3, env=env)
    return results


def first_prompt_ms(binary, args, env):
    """Start to first prompt on a bare pseudo-terminal (pexpect's own spawn costs ~100 ms, so not here)."""
    import pty, select
    master, slave = pty.openpty()
    start = time.perf_counter()
    child = subprocess.Popen([binary, *args], stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True)
    seen = b""
    while "› ".encode() not in seen:
        ready, _, _ = select.select([master], [], [], 10)
        if not ready:
            raise RuntimeError("no prompt")
        seen += os.read(master, 4096)
    elapsed = (time.perf_counter() - start) * 1000
    os.write(master, b"\x04")                      # Ctrl-D: end the session cleanly
    deadline = time.time() + 10
    while child.poll() is None and time.time() < deadline:
        ready, _, _ = select.select([master], [], [], 0.05)
        if ready:
            os.read(master, 4096)                      # drain the summary so the child can finish
    child.kill() if child.poll() is None else None
    child.wait()
    os.close(master)
    os.close(slave)
    return elapsed


def repl_latencies(work, env):
    """Times the live REPL on a pseudo-terminal, as an advisor meets it."""
    env = dict(env, NO_COLOR="1", TERM="xterm-256color")
    starts = [first_prompt_ms(str(RELEASE / "gesprek"), ["--case", "BENCH", "-o", str(work / f"start{run}.jsonl")], env)
              for run in range(15)]
    enters = []
    for run in range(5):
        child = pexpect.spawn(str(RELEASE / "gesprek"), ["--case", "BENCH", "-o", str(work / f"repl{run}.jsonl")],
                              env=env, encoding="utf-8", timeout=10)
        child.expect_exact("› ")
        child.delaybeforesend = None  # pexpect sleeps 50 ms before each send by default
        for i in range(20):
            start = time.perf_counter()
            child.send(f"note #c Regel {i} met ë\r")
            child.expect_exact("› ")
            enters.append((time.perf_counter() - start) * 1000)
        child.sendeof()
        child.expect(pexpect.EOF)
        child.close()
    return statistics.median(starts), statistics.median(enters)

def generated_transcripts(count):
    """A folder of `count` generated transcripts, made once and reused while the count stays the same."""
    # The format version in the name: a folder generated by an older gesprek is not measured as this one's.
    folder = Path(tempfile.gettempdir()) / f"gesprek-bench-transcripts-v3-{count}"
    done = folder / ".generated"
    if not (done.exists() and done.read_text().strip() == str(count)):
        shutil.rmtree(folder, ignore_errors=True)
        print(f"  (generating {count:,} transcripts in {folder} …)", file=sys.stderr)
        subprocess.run([str(RELEASE / "gesprek-bench"), "generate", str(folder), str(count)], check=True,
                       stdout=subprocess.DEVNULL)
        done.write_text(str(count))
    # Private, as real transcripts are: otherwise gesprek rightly warns about every file.
    os.chmod(folder, 0o700)
    for path in folder.glob("*.jsonl"):
        if path.stat().st_mode & 0o077:
            os.chmod(path, 0o600)
    return folder, sorted(str(p) for p in folder.glob("*.jsonl"))


def median_seconds(command, runs=SUMMARY_RUNS, env=None, quiet=False):
    """The median wall time of `command`, its output (and with `quiet` or another `env` its messages) thrown away."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL if quiet or env else None, env=env)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def peak_rss_mb(command, env=None):
    """The peak resident memory of `command`, in MB.

    A child's peak includes the memory of the process that spawned it, up to
    its exec, and this script holds the whole file list. So the command is
    spawned from a small process: /usr/bin/time when there is one, otherwise
    a small Python that gets the command on stdin and reads RUSAGE_CHILDREN.
    """
    if os.access("/usr/bin/time", os.X_OK):
        result = subprocess.run(["/usr/bin/time", "-f", "%M", *command], check=True, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, text=True, env=env)
        return int(result.stderr.strip().splitlines()[-1]) / 1024
    probe = ("import json, resource, subprocess, sys; "
             "subprocess.run(json.load(sys.stdin), check=True, stdout=subprocess.DEVNULL); "
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", probe], input=json.dumps(command), check=True, capture_output=True,
                         text=True, env=env).stdout
    return int(out) / 1024  # ru_maxrss is in KiB on Linux


def summary_benchmarks():
    """`gesprek summary` of many transcripts against jq and cat, and its peak memory for 1,000 and 10,000."""
    gesprek = str(RELEASE / "gesprek")
    folder, files = generated_transcripts(SUMMARY_TRANSCRIPTS)
    size_mb = sum(os.path.getsize(f) for f in files) / 1e6
    lists = Path(tempfile.mkdtemp(prefix="gesprek-bench-lists-"))
    list_all, list_1k = lists / "all.txt", lists / "1000.txt"
    list_all.write_text("".join(f + "\n" for f in files))
    list_1k.write_text("".join(f + "\n" for f in files[:1000]))
    folder_command = [gesprek, "summary", str(folder), "--format", "json"]
    list_command = [gesprek, "summary", "--files-from", str(list_all), "--format", "json"]
    paths_command = [gesprek, "summary", *files, "--format", "json"]
    jq_command = ["jq", "-c", JQ_PROGRAM, *files]
    cat_command = ["cat", *files]

    has_jq = shutil.which("jq") is not None
    for command in [folder_command, cat_command] + ([jq_command] if has_jq else []):
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)  # the files into the page cache
    folder_s = median_seconds(folder_command)
    list_s = median_seconds(list_command)
    paths_s = median_seconds(paths_command)
    jq_s = median_seconds(jq_command) if has_jq else None
    cat_s = median_seconds(cat_command)
    # The same mechanism for both counts, so that only the number of transcripts differs.
    rss_1k = peak_rss_mb([gesprek, "summary", "--files-from", str(list_1k), "--format", "json"])
    rss_10k = peak_rss_mb(list_command)
    rss_folder = peak_rss_mb(folder_command)
    rss_paths_1k = peak_rss_mb([gesprek, "summary", *files[:1000], "--format", "json"])
    rss_paths_10k = peak_rss_mb(paths_command)
    # Without the command line: the full reader (events, then Summary), and the rows' scan on every core.
    bench = str(RELEASE / "gesprek-bench")
    rss_read_1k = peak_rss_mb([bench, "summarise", *files[:1000]])
    rss_read_10k = peak_rss_mb([bench, "summarise", *files])
    in_process = [json.loads(subprocess.run([bench, "summarise", *files[:1000]], check=True,
                                            capture_output=True, text=True).stdout) for _ in range(SUMMARY_RUNS)]
    rows = [json.loads(subprocess.run([bench, "rows", *files], check=True, capture_output=True, text=True).stdout)
            for _ in range(SUMMARY_RUNS)]
    # What checking costs: `summary --verify` verifies every file (chain, an Ed25519 signature per line,
    # the closing record) besides the scan; measured on the first 1,000 (it is linear in the files).
    plain_1k_s = median_seconds([gesprek, "summary", *files[:1000], "--format", "json"], runs=3)
    # Quiet: each generated transcript has a key of its own, which --verify rightly calls unknown.
    verify_1k_s = median_seconds([gesprek, "summary", "--verify", *files[:1000], "--format", "json"], runs=3, quiet=True)
    cat_1k_s = median_seconds(["cat", *files[:1000]], runs=3)
    shutil.rmtree(lists, ignore_errors=True)
    # The first thousand are typical: all are generated alike.
    total_events = in_process[0]["events"] * len(files) / min(len(files), 1000)

    def per_event(seconds):
        return f"({seconds * 1e6 / total_events:.2f} µs per event)"

    print(f"gesprek summary: {len(files):,} generated transcripts, about {total_events:,.0f} events, {size_mb:,.0f} MB (medians of {SUMMARY_RUNS})")
    print(f"  gesprek summary DIR --format json                  {folder_s:8.2f} s   {per_event(folder_s)}")
    print(f"  gesprek summary --files-from LIST --format json    {list_s:8.2f} s")
    print(f"  gesprek summary DIR/*.jsonl --format json          {paths_s:8.2f} s")
    if jq_s is not None:
        print(f"  jq -c '{JQ_PROGRAM}' DIR/*.jsonl")
        print(f"                                                     {jq_s:8.2f} s")
    else:
        print("  jq                                                 not installed")
    print(f"  cat DIR/*.jsonl                                    {cat_s:8.2f} s")
    if jq_s is not None:
        print(f"  gesprek vs jq: {jq_s / folder_s:5.1f}× faster                       (goal ≥ 5×)")
    print(f"  gesprek vs cat: {folder_s / cat_s:5.1f}× the time of cat              (goal ≤ 3×)")
    print(f"  summary of 1,000: {plain_1k_s:6.2f} s; with --verify {verify_1k_s:6.2f} s"
          f" ({verify_1k_s / cat_1k_s:5.1f}× cat): checking is a flag, as it costs more than 3× cat")
    per_path_kb = (rss_10k - rss_1k) * 1024 / max(len(files) - 1000, 1)
    print(f"  peak memory, --files-from: {rss_1k:6.1f} MB for 1,000, {rss_10k:6.1f} MB for {len(files):,}   (goal: does not grow;"
          f" {per_path_kb:.2f} KB more per path)")
    print(f"  peak memory, DIR: {rss_folder:6.1f} MB; paths one by one: {rss_paths_1k:6.1f} MB for 1,000, {rss_paths_10k:6.1f} MB for {len(files):,}")
    print(f"  in process, full reader + Summary (gesprek-bench summarise)  {statistics.median(r['us_per_event'] for r in in_process):6.2f} µs per event;"
          f" peak {rss_read_1k:.1f} MB for 1,000, {rss_read_10k:.1f} MB for {len(files):,}")
    rows_s = statistics.median(r["ms"] for r in rows) / 1000
    print(f"  in process, the rows' scan on every core (gesprek-bench rows) {rows_s * 1e6 / total_events:6.2f} µs per event;"
          f" {rows[0]['left_to_full_reader']} of {len(files):,} left to the full reader")
    print_duckdb_views(folder, files)


# The DuckDB side, in a process of its own (so that its peak memory is its own): the views read
# the folder (Transcripts/views.duckdb.sql), then every transcript's row and the total are fetched.
DUCKDB_VIEWS_PROGRAM = """
import sys, duckdb
con = duckdb.connect()
con.execute("SET enable_progress_bar = false")
con.execute("SET VARIABLE gesprek_transcripts = '" + sys.argv[2].replace("'", "''") + "/*.jsonl'")
con.execute(open(sys.argv[1], encoding="utf-8").read())
rows = con.execute("SELECT * FROM gesprek_transcripts ORDER BY transcript").fetchall()
total = con.execute("SELECT * FROM gesprek_total").fetchall()
print(len(rows), total[0][0])
"""


def print_duckdb_views(folder, files):
    """The DuckDB views over the bench set beside `gesprek summary DIR --format json`: median time and peak memory."""
    try:
        import duckdb
    except ImportError:
        print("  duckdb views                                       duckdb not installed (pip install duckdb)")
        return
    gesprek = [str(RELEASE / "gesprek"), "summary", str(folder), "--format", "json"]
    views = [sys.executable, "-c", DUCKDB_VIEWS_PROGRAM, str(ROOT / "Transcripts" / "views.duckdb.sql"), str(folder)]
    subprocess.run(gesprek, check=True, stdout=subprocess.DEVNULL)  # the files into the page cache
    counted = subprocess.run(views, check=True, capture_output=True, text=True).stdout.split()[-2:]
    assert counted == [str(len(files)), str(len(files))], counted
    gesprek_s, views_s = median_seconds(gesprek), median_seconds(views)
    gesprek_mb, views_mb = peak_rss_mb(gesprek), peak_rss_mb(views)
    print(f"DuckDB {duckdb.__version__} views beside gesprek summary: {len(files):,} transcripts (medians of {SUMMARY_RUNS})")
    print(f"  gesprek summary DIR --format json                  {gesprek_s:8.2f} s; peak memory {gesprek_mb:8.1f} MB")
    print(f"  DuckDB views: read DIR, every row and the total    {views_s:8.2f} s; peak memory {views_mb:8.1f} MB"
          f"   ({views_s / gesprek_s:.1f}× the time)")


LSP_RUNS = 50


def lsp_scenario(parts=200):
    """A 1,000-line scenario: a header, then parts of five lines that lead on to each other."""
    lines = ["scenario Een lange oefening", "client Fatima role=moeder", 'cast "Tante Samira" role=tante', "",
             "expect #vertrekpunt", "expect reach p%d" % (parts - 1)]
    for n in range(parts):
        lines += [f"part p{n}", f"say Fatima Dit is deel {n}; het gaat wel, zegt ze.",
                  "on ask #sociaal", f"  goto p{min(n + 1, parts - 1)}" if n + 1 < parts else "  finish Klaar.", "end"]
    return "\n".join(lines[:1000]) + "\n"


class LSPClient:
    """A minimal client on pipes: frames messages with Content-Length and reads the server's."""

    def __init__(self, binary):
        self.process = subprocess.Popen([str(binary), "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.DEVNULL)
        self.next_id = 0

    def send(self, message):
        body = json.dumps(message).encode()
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def read(self):
        length = 0
        while (line := self.process.stdout.readline()) != b"\r\n":
            name, _, value = line.decode().partition(":")
            if name.lower() == "content-length":
                length = int(value)
        return json.loads(self.process.stdout.read(length))

    def request(self, method, params):
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params})
        while (message := self.read()).get("id") != self.next_id:
            pass
        return message

    def wait_for(self, method):
        while (message := self.read()).get("method") != method:
            pass
        return message

    def close(self):
        self.request("shutdown", None)
        self.send({"jsonrpc": "2.0", "method": "exit"})
        self.process.wait(timeout=30)


def lsp_benchmarks(binary=None):
    """Median ms from a one-character didChange to its publishDiagnostics, and from a completion request to its answer."""
    client = LSPClient(binary or RELEASE / "gesprek")
    client.request("initialize", {"processId": None, "rootUri": None, "capabilities": {}})
    client.send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
    uri = "file:///bench/lang.scenario"
    text = lsp_scenario()
    client.send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": uri, "languageId": "gesprek-scenario", "version": 1, "text": text}}})
    client.wait_for("textDocument/publishDiagnostics")
    line = text.split("\n").index("part p100") + 1  # the say line of a part in the middle
    change, completion = [], []
    for version in range(2, 2 + LSP_RUNS):
        # Type one character at the end of the line, or take it away again.
        character = 40 if version % 2 == 0 else 41
        edit = {"range": {"start": {"line": line, "character": 40}, "end": {"line": line, "character": character}},
                "text": "x" if version % 2 == 0 else ""}
        start = time.perf_counter()
        client.send({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": version}, "contentChanges": [edit]}})
        client.wait_for("textDocument/publishDiagnostics")
        change.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        client.request("textDocument/completion", {"textDocument": {"uri": uri},
                                                   "position": {"line": line + 2, "character": 7}})
        completion.append((time.perf_counter() - start) * 1000)
    client.close()
    return statistics.median(change), statistics.median(completion)


def print_lsp_benchmarks():
    change_ms, completion_ms = lsp_benchmarks()
    print(f"  lsp: 1,000-line scenario, change to diagnostics      {change_ms:8.2f} ms   (goal < 10 ms)")
    print(f"  lsp: completion, request to response                 {completion_ms:8.2f} ms   (goal < 5 ms)")


START_RUNS = 200


def start_up(work, env):
    """`gesprek run` of a 100-line script into a new transcript, against the Swift hello worlds: medians in ms.

    The hello world is built as `swiftc -O` builds it (the Swift runtime in shared libraries: the goal's
    measure) and with -static-stdlib, as gesprek is linked. gesprek runs as packaged (`./dev package` strips
    the binary) and as built. The programs take turns, run by run, so that a machine that gets busier or
    quieter meanwhile moves all of them alike: the ratio is what the goal is about, and timing one program's
    runs after the other's let a shared machine's drift move it by 0.3 and more."""
    source = work / "hello.swift"
    source.write_text('print("hallo")\n')
    subprocess.run(["swiftc", "-O", str(source), "-o", str(work / "hello")], check=True)
    subprocess.run(["swiftc", "-O", "-static-stdlib", str(source), "-o", str(work / "hello-static")], check=True)
    script = work / "honderd.gesprek"
    script.write_text("\n".join((sample_lines() * 10)[:100]) + "\n", encoding="utf-8")
    built = RELEASE / "gesprek"
    packaged = work / "gesprek-packaged"
    # As Packaging/build-deb.sh makes it: stripped, and without the runpath SwiftPM gives it.
    if shutil.which("strip"):
        subprocess.run(["strip", "--strip-all", "-o", str(packaged), str(built)], check=True)
    else:
        shutil.copy(built, packaged)
    if shutil.which("patchelf"):
        subprocess.run(["patchelf", "--remove-rpath", str(packaged)], check=True)
    else:
        print("  (patchelf is not installed: the packaged binary is timed with its runpath; ./dev bench installs it)")
    programs = {
        "hello": lambda run: [str(work / "hello")],
        "hello-static": lambda run: [str(work / "hello-static")],
        "packaged": lambda run: [str(packaged), "run", str(script), "-o", str(work / f"packaged{run}.jsonl")],
        "built": lambda run: [str(built), "run", str(script), "-o", str(work / f"built{run}.jsonl")],
    }
    times = {name: [] for name in programs}
    for run in range(START_RUNS):
        for name, command in programs.items():
            start = time.perf_counter()
            subprocess.run(command(run), check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
            times[name].append((time.perf_counter() - start) * 1000)
    medians = {name: statistics.median(values) for name, values in times.items()}
    medians["packaged MB"] = packaged.stat().st_size / 1e6
    medians["built MB"] = built.stat().st_size / 1e6
    return medians


def print_start_up(m):
    hello = m["hello"]
    print(f"  gesprek run, 100-line script, durable transcript   {m['packaged']:8.2f} ms   "
          f"(goal ≤ 1.5× hello world: {m['packaged'] / hello:.2f}×; the binary as packaged, {m['packaged MB']:.0f} MB)")
    print(f"  the same run, binary as built (not stripped)       {m['built']:8.2f} ms   "
          f"({m['built'] / hello:.2f}×; {m['built MB']:.0f} MB)")
    print(f"  Swift hello world (swiftc -O, shared Swift runtime){hello:8.2f} ms   (the goal's measure)")
    print(f"  Swift hello world (swiftc -O -static-stdlib)       {m['hello-static']:8.2f} ms   "
          f"(as gesprek is linked: {m['packaged'] / m['hello-static']:.2f}×)")
    print(f"  ({START_RUNS} runs each, in turns)")


def sample_lines():
    return [line for script in sorted((ROOT / "Scripts").glob("*.gesprek"))
            for line in script.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("//") and line.split()[0] in {"ask", "note", "say", "score", "mark"}]


def start_only():
    """`--start-only`: just the 100-line run against both hello worlds (after a release build)."""
    work = Path(tempfile.mkdtemp(prefix="gesprek-bench-"))
    env = dict(os.environ, XDG_DATA_HOME=str(work / "data"))
    print_start_up(start_up(work, env))
    print(f"  load average {os.getloadavg()[0]:.1f}")
    shutil.rmtree(work, ignore_errors=True)


def script_only():
    work = Path(tempfile.mkdtemp(prefix="gesprek-bench-"))
    env = dict(os.environ, XDG_DATA_HOME=str(work / "data"))
    lines = [line for script in sorted((ROOT / "Scripts").glob("*.gesprek"))
             for line in script.read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("//") and line.split()[0] in {"ask", "note", "say", "score", "mark"}]
    for count, (seconds, rss) in long_script_benchmarks(work, env, lines).items():
        print(f"  gesprek run, {count:>9,}-line script             {seconds:8.2f} s; peak memory {rss:7.1f} MB")
    for count, seconds in anonymize_benchmarks(work, env).items():
        print(f"  export --anonymize, {count:>7,} network names        {seconds:8.2f} s")
    print(f"  load average {os.getloadavg()[0]:.1f}")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
