#!/usr/bin/env python3
"""Repeats measure.py's 1,000-line cold start, alternating between builds or settings, and sums up.

A single start says little on a shared two-core machine: the same build's "all registered and
subscribed" moved by +-20 % within minutes (docs/performance.md, target 5). This runs
`measure.py scale --seconds 1` RUNS times per variant, in turns (A, B, A, B, ...), so a slower
stretch of the machine falls on every variant alike, and prints one JSON object per start as it
ends, then a summary per variant: the median, the range and how many starts were within the
target.

Usage (from the repository root; each variant is an app folder, optionally with KEY=VALUE
settings for the phone after a comma):
  python3 tools/perf/starts.py --runs 8 --data /tmp/pf3 /tmp/head /tmp/head,DOTNET_TieredPGO=1
Written for this project; no third-party code.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
FIGURES = ["start_to_first_register_s", "start_to_all_registered_s", "start_to_all_subscribed_with_state_s",
           "cpu_seconds_to_ready", "start_phase_tool_cpu_seconds", "start_phase_notify_retransmissions"]


def one_start(variant, a):
    app, *env = variant.split(",")
    command = [sys.executable, os.path.join(HERE, "measure.py"), "scale", "--lines", str(a.lines), "--rate", "1000",
               "--seconds", "1", "--idle", "1", "--settle", "1", "--data", a.data, "--app", app]
    for setting in env:
        command += ["--env", setting]
    run = subprocess.run(command, capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit("measure.py failed for %s:\n%s" % (variant, run.stderr[-2000:]))
    result = json.loads(run.stdout)
    return {"variant": variant, "at": time.strftime("%H:%M:%S"), "load_before": result["load_before"][0], **{k: result.get(k) for k in FIGURES}}


def median(values):
    """The median of the figures a start produced (a start that never got there has None)."""
    present = [v for v in values if v is not None]
    return round(statistics.median(present), 3) if present else None


def summary(starts, target):
    done = [s["start_to_all_subscribed_with_state_s"] for s in starts]
    measured = [d for d in done if d is not None]
    return {
        "starts": len(done),
        "all_subscribed_median_s": median(measured),
        "all_subscribed_min_s": min(measured, default=None),
        "all_subscribed_max_s": max(measured, default=None),
        "within_target": sum(1 for d in measured if d <= target),
        "first_register_median_s": median(s["start_to_first_register_s"] for s in starts),
        "cpu_seconds_to_ready_median": median(s["cpu_seconds_to_ready"] for s in starts),
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("variants", nargs="+", help="APP_FOLDER[,KEY=VALUE...] for each build or setting to compare")
    parser.add_argument("--runs", type=int, default=6, help="starts per variant")
    parser.add_argument("--lines", type=int, default=1000)
    parser.add_argument("--data", required=True, help="the prepared data directory measure.py keeps (--data)")
    parser.add_argument("--target", type=float, default=2.0, help="seconds from start to all registered and subscribed")
    a = parser.parse_args()
    starts = {v: [] for v in a.variants}
    for _ in range(a.runs):
        for variant in a.variants:
            start = one_start(variant, a)
            starts[variant].append(start)
            print(json.dumps(start), flush=True)
    print(json.dumps({v: summary(s, a.target) for v, s in starts.items()}, indent=1))


if __name__ == "__main__":
    main()
