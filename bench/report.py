#!/usr/bin/env python3
"""Summarises bench runs made by run.sh: one table row per number of users.

For each run folder (named after its number of users): sample.json (from sample.py),
spans.csv (the suite's wall-clock entries, user by user) and the local hub's log, whose
"User NAME took X seconds to start" lines are the hub's own spawn times.
Usage: report.py BENCH_DIR [PROJECT_DIR]
"""
import glob
import json
import os
import re
import statistics
import sys

TOOK = re.compile(r"User (\S+) took ([\d.]+) seconds to start")


def hub_spawn_seconds(project, gatling_pid):
    logs = glob.glob(os.path.join(project, "target", "localhub", f"run-*-{gatling_pid}", "jupyterhub.log"))
    took = {}
    for log in logs:
        with open(log, errors="replace") as f:
            for line in f:
                m = TOOK.search(line)
                if m:
                    took[m.group(1).split(":")[0]] = float(m.group(2))
    return took


def suite_spawn_seconds(spans):
    spawn = {}
    with open(spans) as f:
        for line in f:
            entry, user, start, end, status = line.strip().split(",")
            if entry == "spawn to ready" and status == "OK":
                spawn[user] = (int(end) - int(start)) / 1000
    return spawn


def summary_entries(run_dir):
    found = glob.glob(os.path.join(run_dir, "reports", "*", "summary.json"))
    if not found:
        return {}
    with open(found[0]) as f:
        summary = json.load(f)
    return {e["name"]: e for e in summary["entries"]}, summary


def main():
    bench = sys.argv[1]
    project = sys.argv[2] if len(sys.argv) > 2 else "."
    rows = []
    for run in sorted((d for d in os.listdir(bench) if d.isdigit()), key=int):
        run_dir = os.path.join(bench, run)
        with open(os.path.join(run_dir, "sample.json")) as f:
            sample = json.load(f)
        # The JVM's own CPU time, taken at its very end, beats the last /proc sample.
        jvm_cpu = os.path.join(run_dir, "jvm-cpu-ms.txt")
        if os.path.exists(jvm_cpu):
            with open(jvm_cpu) as f:
                sample["generator_cpu_seconds"] = round(int(f.read().strip()) / 1000, 1)
        hub = hub_spawn_seconds(project, sample["gatling_pid"])
        suite = suite_spawn_seconds(os.path.join(run_dir, "spans.csv"))
        diffs = [suite[u] - hub[u] for u in suite if u in hub]
        entries, summary = summary_entries(run_dir) or ({}, {})
        total = entries.get("Global") or {}
        ko = sum(e["ko"] for e in entries.values() if not e["group"])
        count = sum(e["count"] for e in entries.values() if not e["group"])
        rows.append(
            {
                "users": int(run),
                "exit": sample["exit_code"],
                "ok %": round(100 * (count - ko) / count, 2) if count else None,
                "wall s": sample["wall_seconds"],
                "generator CPU s": sample["generator_cpu_seconds"],
                "hub CPU s": sample["hub_cpu_seconds"],
                "generator/hub CPU": round(sample["generator_cpu_seconds"] / sample["hub_cpu_seconds"], 3)
                if sample["hub_cpu_seconds"]
                else None,
                "generator peak RSS MiB": sample["generator_peak_rss_mib"],
                "hub peak PSS MiB": sample["hub_peak_pss_mib"],
                "hub peak RSS MiB": sample["hub_peak_rss_mib"],
                "peak servers": sample["peak_servers"],
                "leftover processes": sample.get("leftover_processes"),
                "spawns compared": len(diffs),
                "spawn diff median s": round(statistics.median(diffs), 3) if diffs else None,
                "spawn diff max s": round(max(diffs), 3) if diffs else None,
                "spawn diff min s": round(min(diffs), 3) if diffs else None,
            }
        )
    columns = list(rows[0].keys()) if rows else []
    print("| " + " | ".join(columns) + " |")
    print("|" + "---|" * len(columns))
    for row in rows:
        print("| " + " | ".join("" if row[c] is None else str(row[c]) for c in columns) + " |")
    with open(os.path.join(bench, "results.json"), "w") as f:
        json.dump(rows, f, indent=2)


if __name__ == "__main__":
    main()
