#!/usr/bin/env bash
# Parser figures side by side, in one run (docs/performance.md, "Parser"; issue 14 target 4):
# sofia-sip msg_make + reads and a memchr floor (bench.c), then our BenchmarkDotNet
# ParseNotifyReadCompare, all on the same message file; prints the figures and the ratios
# against the targets (sofia/ours >= 5, ours/memchr <= 6.5).
#
# Usage, from anywhere:  tools/perf/parser-compare/run.sh
# Environment:
#   FEATURESYNC_BENCH_FILE  the message (default: shared/bench/notify-as-feature-event.sip found
#                           above the repository, as the .NET benchmark finds it)
#   RUNS                    C harness runs, median reported (default 9)
#   BDN_ARGS                BenchmarkDotNet job arguments (default: --job short)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
runs="${RUNS:-9}"
bdn_args="${BDN_ARGS:---job short}"

if ! pkg-config --exists sofia-sip-ua 2>/dev/null; then
    echo "run.sh: sofia-sip's development files are missing (pkg-config sofia-sip-ua)." >&2
    echo "        Install them with:  sudo apt-get install -y libsofia-sip-ua-dev" >&2
    exit 1
fi
command -v gcc >/dev/null || { echo "run.sh: gcc is missing (sudo apt-get install -y gcc)" >&2; exit 1; }

message="${FEATURESYNC_BENCH_FILE:-}"
if [ -z "$message" ]; then
    dir="$repo"
    while [ "$dir" != "/" ]; do
        if [ -f "$dir/shared/bench/notify-as-feature-event.sip" ]; then
            message="$dir/shared/bench/notify-as-feature-event.sip"
            break
        fi
        dir="$(dirname "$dir")"
    done
fi
[ -n "$message" ] && [ -f "$message" ] || { echo "run.sh: no shared/bench/notify-as-feature-event.sip above $repo; set FEATURESYNC_BENCH_FILE" >&2; exit 1; }
export FEATURESYNC_BENCH_FILE="$message"

work="$(mktemp -d "${TMPDIR:-/tmp}/parser-compare.XXXXXX")"
trap 'rm -rf "$work"' EXIT

echo "commit:  $(git -C "$repo" rev-parse --short HEAD)$(git -C "$repo" diff --quiet HEAD -- Phone.SipCore tests/Phone.Benchmarks tools/perf/parser-compare || echo ' (+ uncommitted changes)')"
echo "message: $message"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"

gcc -O2 -Wall -Wextra -o "$work/bench" "$here/bench.c" $(pkg-config --cflags --libs sofia-sip-ua)
"$work/bench" "$message" "$runs" | tee "$work/c.txt"

# The .NET benchmark checks it reads the same fields: its sum must equal sofia's.
export PARSER_COMPARE_EXPECTED_SUM="$(sed -n 's/^sofia_read_sum=//p' "$work/c.txt")"
# In-process: no generated project to build (a loaded machine hit BenchmarkDotNet's 2-minute build timeout).
# shellcheck disable=SC2086
dotnet run -c Release --project "$repo/tests/Phone.Benchmarks" -- \
    --filter '*ParserBenchmarks.ParseNotifyReadCompare*' --inProcess --artifacts "$work/bdn" $bdn_args \
    | grep -E '^\|' || true
# The same fastest-short-batch measure bench.c uses, for a comparison that holds on a busy machine.
dotnet run -c Release --no-build --project "$repo/tests/Phone.Benchmarks" -- --best-batch | tee "$work/best.txt"
csv="$(find "$work/bdn" -name '*ParserBenchmarks-report.csv' | head -n 1)"
[ -n "$csv" ] || { echo "run.sh: BenchmarkDotNet wrote no report" >&2; exit 1; }
echo "load average at end:   $(cut -d' ' -f1-3 /proc/loadavg)"

python3 - "$csv" "$work/c.txt" "$work/best.txt" <<'PY'
import csv, sys

def ns(text):
    value, unit = text.replace(",", "").split()
    return float(value) * {"ns": 1, "us": 1e3, "μs": 1e3, "ms": 1e6, "s": 1e9}[unit]

row = next(r for r in csv.DictReader(open(sys.argv[1])) if r["Method"] == "ParseNotifyReadCompare")
c = dict(line.strip().split("=", 1) for line in open(sys.argv[2]) if "=" in line)
c.update(line.strip().split("=", 1) for line in open(sys.argv[3]) if "=" in line)
def report(title, ours, sofia, floor):
    print()
    print(title)
    print(f"  ours   (parse + reads + release):               {ours:8.1f} ns   allocated {row['Allocated']}")
    print(f"  sofia  (msg_make + the same reads + msg_destroy): {sofia:8.1f} ns")
    print(f"  memchr (every header line end):                 {floor:8.1f} ns")
    print(f"  sofia / ours  = {sofia / ours:5.2f}   (target >= 5)    {'met' if sofia / ours >= 5 else 'NOT met'}")
    print(f"  ours / memchr = {ours / floor:5.2f}   (target <= 6.5)  {'met' if ours / floor <= 6.5 else 'NOT met'}")

report("Typical (BenchmarkDotNet Mean; C: median of runs):",
       ns(row["Mean"]), float(c["sofia_median_ns"]), float(c["memchr_median_ns"]))
report("Best short batch, all three measured alike (--best-batch; bench.c) - holds on a busy machine:",
       float(c["ours_best_batch_ns"]), float(c["sofia_best_batch_ns"]), float(c["memchr_best_batch_ns"]))
PY
