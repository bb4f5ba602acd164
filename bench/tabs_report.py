#!/usr/bin/env python3
"""Prints the runs of bench/tabs.sh side by side, one column per session.tab, as a markdown table.

For each run folder tab-<tab>/: sample.json (bench/sample.py: CPU seconds by role, memory),
jvm-cpu-ms.txt (the Gatling JVM's own CPU time, taken at its very end) and the run's report
reports/<run>/: summary.json (entries, run start and end, the hub's timeline) and index.html,
whose "Number of requests per second" chart gives the requests started in each second (Gatling's
own counts from simulation.log, in 1-second buckets for a run under 1,000 s).

Requests per second "through the proxy": every request of a run goes through
configurable-http-proxy, so it is All Requests over the run's duration (summary.json's run start
to end: Gatling's first to last record, the hub's start and stop left out). All Requests also
counts entries that are no HTTP request (the wall-clock "spawn to ready" and "stop to gone", the
messages on the kernel websocket): the table gives the HTTP requests alone too.

CPU seconds by role are sample.py's, with what its samples missed of servers and kernels as
they ended (hub_cpu_seconds_with_missed_by_role) when sample.json has it.

Usage: tabs_report.py BENCH_DIR     (writes BENCH_DIR/tabs.json too)
"""
import glob
import json
import os
import re
import sys
from datetime import datetime

TAB_ORDER = {"api": 0, "classic": 1, "lab": 2}


def load_json(path):
    with open(path) as f:
        return json.load(f)


def summary_of(run_dir):
    found = sorted(glob.glob(os.path.join(run_dir, "reports", "*", "summary.json")))
    return (load_json(found[-1]), os.path.dirname(found[-1])) if found else (None, None)


def requests_per_second(report_dir):
    """[(epoch ms, requests)] of the report's "Number of requests per second" chart, series All."""
    path = os.path.join(report_dir, "index.html")
    if not os.path.exists(path):
        return []
    with open(path, errors="replace") as f:
        html = f.read()
    at = html.find("Number of requests per second")
    if at < 0:
        return []
    m = re.search(r"name: 'All',\s*data: (\[.*?\]\]|\[\])", html[at:], re.S)
    return [tuple(p) for p in json.loads(m.group(1))] if m else []


def iso_ms(text):
    return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp() * 1000


def leaf(name):
    return name.split(" / ")[-1]


def tab_traffic(entries, match):
    picked = [e for e in entries if not e["group"] and e["name"] != "All Requests" and match(leaf(e["name"]))]
    return sum(e["count"] for e in picked), sum(e["ko"] for e in picked), len(picked)


# Entries of All Requests that are no HTTP request: the wall-clock spans, and the kernel
# websocket's messages (its opening, "kernel websocket", is an HTTP request; the execute step's
# entries are messages on it, as is its close).
WALL_CLOCK = ("spawn to ready", "stop to gone")


def not_http(entry):
    name = entry["name"]
    if entry["group"] or name == "All Requests":
        return False
    if leaf(name) in WALL_CLOCK or leaf(name) == "kernel websocket close":
        return True
    # "execute request", "execute", "execute cell N"; a tab's polls made meanwhile are HTTP.
    return name.startswith("execute / ") and leaf(name).startswith("execute")


def run_facts(run_dir):
    sample = load_json(os.path.join(run_dir, "sample.json"))
    jvm_cpu = os.path.join(run_dir, "jvm-cpu-ms.txt")
    generator_cpu = sample["generator_cpu_seconds"]
    if os.path.exists(jvm_cpu):
        with open(jvm_cpu) as f:
            generator_cpu = round(int(f.read().strip()) / 1000, 1)
    summary, report_dir = summary_of(run_dir)
    facts = {"sample": sample, "generator_cpu": generator_cpu, "summary": summary}
    if summary is None:
        return facts
    entries = summary["entries"]
    by_name = {e["name"]: e for e in entries}
    run = summary["run"]
    duration = (iso_ms(run["end"]) - iso_ms(run["start"])) / 1000
    per_second = requests_per_second(report_dir)
    steps = {b[0] - a[0] for a, b in zip(per_second, per_second[1:])}
    hub_rps = [t["requestsPerSecond"] for t in summary.get("timeline", []) if t.get("requestsPerSecond") is not None]
    facts.update(
        entries=by_name,
        duration=duration,
        per_second=per_second,
        step_ms=min(steps) if steps else 1000,
        hub_rps=hub_rps,
        not_http=sum(e["count"] for e in entries if not_http(e)),
        polls=tab_traffic(entries, lambda n: n.startswith("poll ")),
        assets=tab_traffic(entries, lambda n: "page asset" in n),
        autosaves=tab_traffic(entries, lambda n: n.startswith("autosave")),
    )
    return facts


def fmt(value, digits=1):
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:,.{digits}f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def rows_for(f):
    """(label, value) for one run, in the table's order."""
    s = f["sample"]
    summary = f["summary"]
    # With what the samples missed of servers and kernels as they ended (sample.py), if known.
    cpu = s.get("hub_cpu_seconds_with_missed_by_role") or s.get("hub_cpu_seconds_by_role") or {}
    pss = s.get("hub_peak_pss_mib_by_role") or {}
    rows = []
    add = lambda label, value, digits=1: rows.append((label, fmt(value, digits)))
    if summary is None:
        add("report", "none (see run.log)")
    else:
        run = summary["run"]
        add("users", run.get("profile", {}).get("parameters", {}).get("users"))
    add("exit code", s["exit_code"])
    if summary is not None:
        all_requests = f["entries"].get("All Requests", {})
        count, ko = all_requests.get("count", 0), all_requests.get("ko", 0)
        add("requests (All Requests)", count)
        add("KO", ko)
        add("OK %", 100 * (count - ko) / count if count else None, 2)
        add("run duration s (summary.json start to end)", f["duration"])
        add("requests/s through the proxy, mean", count / f["duration"] if f["duration"] else None, 2)
        http = count - f["not_http"]
        add("HTTP requests (less wall-clock spans and websocket messages)", http)
        add("HTTP requests/s, mean", http / f["duration"] if f["duration"] else None, 2)
        per_second = f["per_second"]
        if per_second:
            step = f["step_ms"] / 1000
            counts = [c for _, c in per_second]
            label = "requests/s, peak second" if step == 1 else f"requests/s, peak {step:g} s bucket"
            add(label, max(counts))
            window = [sum(counts[i : i + 10]) / 10 for i in range(max(1, len(counts) - 9))] if step == 1 else []
            add("requests/s, busiest 10 s", max(window) if window else None)
            if step == 1 and sum(counts) != count:
                add("(requests in the per-second chart)", sum(counts))
        else:
            add("requests/s, peak second", None)
        if f["hub_rps"]:
            add("hub's own requests/s (its metrics, 10 s samples), mean", sum(f["hub_rps"]) / len(f["hub_rps"]), 2)
            add("hub's own requests/s, peak sample", max(f["hub_rps"]))
        for label, key in (("poll", "polls"), ("page asset", "assets"), ("autosave", "autosaves")):
            n, ko_n, kinds = f[key]
            add(f"{label} requests (KO)", f"{n:,} ({ko_n:,})" if kinds else "0")
        spawn = f["entries"].get("spawn to ready")
        add("spawn to ready p50 ms", spawn["p50"] if spawn else None)
        add("spawn to ready p95 ms", spawn["p95"] if spawn else None)
        add("spawn to ready max ms", spawn["max"] if spawn else None)
    add("hub CPU s", cpu.get("hub"))
    add("proxy CPU s", cpu.get("proxy"))
    add("servers CPU s", cpu.get("servers"))
    add("kernels CPU s", cpu.get("kernels"))
    if cpu.get("other"):
        add("other hub-side CPU s", cpu.get("other"))
    add("hub side CPU s, all", s.get("hub_cpu_seconds_with_missed", s["hub_cpu_seconds"]))
    add("hub side CPU s, sampled only (as in bench/run.sh's table)", s["hub_cpu_seconds"])
    add("Gatling JVM CPU s", f["generator_cpu"])
    if summary is not None and f["entries"].get("All Requests", {}).get("count"):
        n = f["entries"]["All Requests"]["count"]
        add("proxy CPU ms per request", 1000 * cpu.get("proxy", 0.0) / n, 2)
    add("peak PSS MiB: hub / proxy / servers / kernels",
        " / ".join(fmt(pss.get(r), 0) for r in ("hub", "proxy", "servers", "kernels")))
    add("peak servers / kernels", f"{s['peak_servers']} / {s['peak_kernels']}")
    add("wall s (mvn, hub start and stop included)", s["wall_seconds"])
    add("left running after the run", s.get("leftover_processes"))
    return rows


def main():
    bench = sys.argv[1]
    runs = sorted(
        (d[len("tab-") :] for d in os.listdir(bench) if d.startswith("tab-") and os.path.exists(os.path.join(bench, d, "sample.json"))),
        key=lambda t: (TAB_ORDER.get(t, 9), t),
    )
    if not runs:
        sys.exit(f"tabs_report.py: no tab-*/sample.json under {bench}")
    facts = {tab: run_facts(os.path.join(bench, f"tab-{tab}")) for tab in runs}
    table = {tab: rows_for(facts[tab]) for tab in runs}
    labels = []
    for tab in runs:
        for label, _ in table[tab]:
            if label not in labels:
                labels.append(label)
    print("| | " + " | ".join(f"`{tab}`" for tab in runs) + " |")
    print("|---|" + "---:|" * len(runs))
    for label in labels:
        cells = [dict(table[tab]).get(label, "") for tab in runs]
        print(f"| {label} | " + " | ".join(cells) + " |")
    with open(os.path.join(bench, "tabs.json"), "w") as f:
        json.dump({tab: dict(table[tab]) for tab in runs}, f, indent=2)


if __name__ == "__main__":
    main()
