#!/usr/bin/env bash
# Runs one fuzz target for a number of seconds (build it first: Fuzz/build.sh).
#   Fuzz/run.sh language|transcript|caseload SECONDS [libFuzzer options…]
# The seeds in Fuzz/corpus/TARGET are read, never written; what libFuzzer
# learns goes to Fuzz/.build/corpus/TARGET and is kept for the next run.
# A crash is written to Fuzz/.build/crashes/TARGET/ and ends the run with a
# non-zero exit; reproduce it with `Fuzz/.build/TARGET-fuzzer FILE`.
set -euo pipefail
cd "$(dirname "$0")/.."

target=${1:?usage: Fuzz/run.sh language|transcript|caseload SECONDS}
seconds=${2:-600}
shift 2 || shift $#
case "$target" in
# Scripts are lines: 1 KB holds plenty of them and keeps every run fast.
language) limits=(-max_len=1024) ;;
# Transcripts: as long as the longest seed (a whole sample conversation).
transcript | caseload) limits=() ;;
*) echo "unknown fuzz target: $target (language, transcript or caseload)" >&2; exit 64 ;;
esac
# The caseload target reads transcripts: it starts from their seeds and dictionary.
seeds=$target
[ "$target" = caseload ] && seeds=transcript

binary=Fuzz/.build/$target-fuzzer
[ -x "$binary" ] || { echo "$binary is missing: run Fuzz/build.sh first" >&2; exit 66; }
mkdir -p "Fuzz/.build/corpus/$target" "Fuzz/.build/crashes/$target"
# Short allocation stacks in ASan reports: full ones cost a third of the speed.
export ASAN_OPTIONS=${ASAN_OPTIONS:-malloc_context_size=5}
# libFuzzer reports the crash itself; Swift's own backtracer would race it (and trips ASan).
export SWIFT_BACKTRACE=enable=no
exec "$binary" "Fuzz/.build/corpus/$target" "Fuzz/corpus/$seeds" \
    -dict="Fuzz/$seeds.dict" "${limits[@]}" -max_total_time="$seconds" -timeout=10 \
    -artifact_prefix="Fuzz/.build/crashes/$target/" -print_final_stats=1 "$@"
