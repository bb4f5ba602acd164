#!/usr/bin/env python3
"""For bench/injector.sh: what one injector (the Gatling JVM) costs per concurrent user.

  injector.py watch RUN_DIR [S] while a run goes: finds its Gatling JVM (the one given
                               -Dhubload.bench.jvmCpu=RUN_DIR/jvm-cpu-ms.txt) and writes
                               RUN_DIR/jvm.csv every 5 s: epoch ms, the JVM's CPU ticks
                               (utime + stime), its RSS in KiB, and the machine's busy and total
                               ticks (/proc/stat), until the JVM has ended; S seconds after it
                               appeared, one full GC (jcmd PID GC.run), to read the live heap.
  injector.py report BENCH_DIR one row per run folder (<users>u-<repeat>), the medians per number
                               of users, and the marginal cost of one more concurrent user.

Per run, from its folder:
  JVM CPU s          the JVM's own CPU time at its very end (jvm-cpu-ms.txt), start-up and the
                     report included;
  user-min           the concurrency's user-minutes: for each user, from its spawn request to its
                     server gone (spans.csv);
  CPU s/user-min     JVM CPU s / user-min;
  hold               the longest stretch with at least 95 % of the users' servers ready and not
                     yet stopping: the users held (spans.csv);
  hold cores         the JVM's CPU in the hold, in cores (jvm.csv);
  machine busy       the whole machine's CPU in the hold, in % of all its cores (other work on the
                     machine included);
  busiest 30 s       the JVM's highest CPU over 30 s while users were on, in cores (start-up's JIT
                     and the ramp's logins and spawns are where it peaks);
  peak RSS           the JVM's high-water mark (sample.json);
  live heap          the heap after the one full GC that watch asked for ("Pause Full (Diagnostic
                     Command)"), when it fell in the hold: the live set of N held users; and
                     the JVM's RSS at the next sample (heap committed then, plus what is not
                     heap: metaspace, code, threads, Netty's direct buffers);
  heap after GC      from the JVM's GC log (gc-<pid>.log, -Xlog:gc): the heap used after each
                     collection; the highest in the hold, and over the whole run (the report at
                     the end included); G1's young collections leave the old generation as it
                     is, so this is the live set plus old garbage not yet collected: an upper
                     bound of what the users need;
  hub side CPU s     every hub-side process (hub, proxy, servers, kernels), sample.json's
                     hub_cpu_seconds_with_missed, and in % of the machine over the run's wall time.
Standard library only; Linux only.
"""
import glob
import json
import os
import re
import statistics
import subprocess
import sys
import time

from sample import TICKS, cmdline, is_gatling_jvm, read, stat_fields, status_kb

NPROC = os.cpu_count() or 1


def find_jvm(marker):
    for p in os.listdir("/proc"):
        if p.isdigit():
            cmd = cmdline(p)
            if marker in cmd and is_gatling_jvm(cmd):
                return int(p)
    return None


def machine_ticks():
    fields = [int(x) for x in (read("/proc/stat") or b"cpu 0").split(b"\n")[0].split()[1:]]
    total = sum(fields[:8])  # user nice system idle iowait irq softirq steal
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
    return total - idle, total


def watch(run_dir, full_gc_after=None):
    marker = f"-Dhubload.bench.jvmCpu={run_dir}/jvm-cpu-ms.txt"
    deadline = time.time() + 600  # Maven's start and the compile: the JVM must appear by then
    jvm = None
    while jvm is None:
        if time.time() > deadline:
            print(f"injector.py: no Gatling JVM for {run_dir}", file=sys.stderr)
            return
        jvm = find_jvm(marker)
        time.sleep(1)
    with open(os.path.join(run_dir, "jvm-cmdline.txt"), "w") as out:
        out.write(cmdline(jvm))
        out.write("\n")
    found = time.time()
    with open(os.path.join(run_dir, "jvm.csv"), "w") as out:
        out.write("ms,jvm_ticks,jvm_rss_kb,machine_busy_ticks,machine_total_ticks\n")
        while True:
            if full_gc_after is not None and time.time() - found >= full_gc_after:
                # One full collection while the users are held: the GC log's "Pause Full
                # (Diagnostic Command)" line then gives the live heap.
                full_gc_after = None
                subprocess.run(["jcmd", str(jvm), "GC.run"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            fields = stat_fields(jvm)
            if fields is None or fields[0] == b"Z":
                return
            ticks = int(fields[11]) + int(fields[12])
            rss = status_kb(jvm, b"VmRSS")
            busy, total = machine_ticks()
            out.write(f"{int(time.time() * 1000)},{ticks},{rss},{busy},{total}\n")
            out.flush()
            time.sleep(5)


GC = re.compile(rb"\[(\d+)ms\].*GC\(\d+\) (Pause \S+.*?) (\d+)M->(\d+)M\((\d+)M\)")


def gc_log(run_dir, pid):
    """(epoch ms, kind, MiB after, MiB committed) for each collection of the JVM."""
    events = []
    for path in glob.glob(os.path.join(run_dir, f"gc-{pid}.log*")):
        for line in (read(path) or b"").splitlines():
            m = GC.search(line)
            if m:
                events.append((int(m.group(1)), m.group(2).decode(), int(m.group(4)), int(m.group(5))))
    return sorted(events)


def spans(run_dir):
    """Per user, its sessions: (spawn request start, server gone end) in epoch ms."""
    starts, ends = {}, {}
    path = os.path.join(run_dir, "spans.csv")
    for line in (read(path) or b"").decode().splitlines():
        entry, user, start, end, _ = line.strip().split(",")
        if entry == "spawn to ready":
            starts.setdefault(user, []).append((int(start), int(end)))
        elif entry == "stop to gone":
            ends.setdefault(user, []).append((int(start), int(end)))
    return starts, ends


def hold_window(starts, ends, users):
    """The longest stretch in which at least 95 % of the users had their server ready and had not
    begun to stop (a user whose spawn failed is replaced, so the count may dip and come back)."""
    events = []
    for user, ss in starts.items():
        es = sorted(ends.get(user, []))
        for i, (_, ready) in enumerate(sorted(ss)):
            events.append((ready, 1))
            if i < len(es):
                events.append((es[i][0], -1))
    events.sort()
    need = max(1, int(users * 0.95 + 0.999))
    held, since, best = 0, None, None
    for t, d in events:
        held += d
        if held >= need and since is None:
            since = t
        elif held < need and since is not None:
            if best is None or t - since > best[1] - best[0]:
                best = (since, t)
            since = None
    return best


def summary(run_dir):
    found = glob.glob(os.path.join(run_dir, "reports", "*", "summary.json"))
    if not found:
        return None
    with open(found[0]) as f:
        return json.load(f)


def run_row(run_dir, users):
    with open(os.path.join(run_dir, "sample.json")) as f:
        sample = json.load(f)
    row = {"run": os.path.basename(run_dir), "users": users, "exit_code": sample["exit_code"]}
    cpu_file = os.path.join(run_dir, "jvm-cpu-ms.txt")
    row["jvm_cpu_s"] = (
        int(open(cpu_file).read()) / 1000 if os.path.exists(cpu_file) else sample["generator_cpu_seconds"]
    )
    starts, ends = spans(run_dir)
    user_ms = 0
    for user, ss in starts.items():
        es = sorted(ends.get(user, []))
        for i, (s, _) in enumerate(sorted(ss)):
            if i < len(es):
                user_ms += es[i][1] - s
    row["user_minutes"] = round(user_ms / 60000, 1)
    row["sessions"] = sum(len(v) for v in starts.values())
    row["jvm_cpu_s_per_user_minute"] = round(row["jvm_cpu_s"] / (user_ms / 60000), 3) if user_ms else None
    hold = hold_window(starts, ends, users)
    row["hold_s"] = round((hold[1] - hold[0]) / 1000) if hold else None
    samples = []
    path = os.path.join(run_dir, "jvm.csv")
    for line in (read(path) or b"").decode().splitlines()[1:]:
        samples.append([int(x) for x in line.split(",")])
    inside = [s for s in samples if hold and hold[0] <= s[0] <= hold[1]]
    if len(inside) >= 2:
        a, b = inside[0], inside[-1]
        seconds = (b[0] - a[0]) / 1000
        row["hold_jvm_cores"] = round((b[1] - a[1]) / TICKS / seconds, 3)
        row["hold_machine_busy_percent"] = round(100 * (b[3] - a[3]) / (b[4] - a[4]), 1)
        row["hold_jvm_rss_mib_end"] = round(b[2] / 1024)
    # The busiest 30 s of the JVM while users were on (from the first spawn to the last stop).
    first = min((s for ss in starts.values() for s, _ in ss), default=None)
    last = max((e for es in ends.values() for _, e in es), default=None)
    during = [s for s in samples if first is not None and last is not None and first <= s[0] <= last]
    rates = [
        (b[1] - a[1]) / TICKS / ((b[0] - a[0]) / 1000)
        for a, b in zip(during, during[6:])
        if b[0] > a[0]
    ]
    if rates:
        row["busiest_30s_jvm_cores"] = round(max(rates), 3)
    row["jvm_peak_rss_mib"] = sample["generator_peak_rss_mib"]
    gcs = gc_log(run_dir, sample["gatling_pid"])
    if gcs:
        row["gc_count"] = len(gcs)
        row["heap_after_gc_max_mib"] = max(g[2] for g in gcs)
        row["heap_committed_max_mib"] = max(g[3] for g in gcs)
        held = [g for g in gcs if hold and hold[0] <= g[0] <= hold[1]]
        if held:
            row["hold_heap_after_gc_max_mib"] = max(g[2] for g in held)
            row["hold_heap_after_gc_last_mib"] = held[-1][2]
            row["hold_gc_count"] = len(held)
        full = [g for g in gcs if g[1].startswith("Pause Full")]
        if full:
            row["live_heap_full_gc_mib"] = full[0][2]
            row["full_gc_in_hold"] = bool(hold and hold[0] <= full[0][0] <= hold[1])
            row["heap_committed_at_full_gc_mib"] = full[0][3]
            after = [x for x in samples if x[0] >= full[0][0]]
            if after:
                row["rss_after_full_gc_mib"] = round(after[0][2] / 1024)
    row["hub_cpu_s"] = sample["hub_cpu_seconds_with_missed"]
    row["hub_cpu_s_by_role"] = sample["hub_cpu_seconds_with_missed_by_role"]
    row["hub_machine_percent"] = round(100 * sample["hub_cpu_seconds_with_missed"] / sample["wall_seconds"] / NPROC, 1)
    row["wall_s"] = sample["wall_seconds"]
    row["peak_servers"] = sample["peak_servers"]
    row["hub_peak_pss_mib"] = sample["hub_peak_pss_mib"]
    row["leftover_processes"] = sample["leftover_processes"]
    s = summary(run_dir)
    if s:
        everything = next((e for e in s.get("entries", []) if e.get("name") == "All Requests"), None)
        if everything:
            row["requests"] = everything.get("count")
            row["ko"] = everything.get("ko")
    return row


COLUMNS = [
    ("users", "users"),
    ("run", "run"),
    ("jvm_cpu_s", "JVM CPU s"),
    ("user_minutes", "user-min"),
    ("jvm_cpu_s_per_user_minute", "CPU s/user-min"),
    ("hold_s", "hold s"),
    ("hold_jvm_cores", "JVM cores in hold"),
    ("busiest_30s_jvm_cores", "JVM cores, busiest 30 s"),
    ("jvm_peak_rss_mib", "JVM peak RSS MiB"),
    ("live_heap_full_gc_mib", "live heap (full GC in hold) MiB"),
    ("hold_heap_after_gc_max_mib", "heap after GC in hold, max MiB"),
    ("rss_after_full_gc_mib", "RSS after full GC MiB"),
    ("heap_after_gc_max_mib", "heap after GC, run max MiB"),
    ("heap_committed_max_mib", "heap committed max MiB"),
    ("hub_cpu_s", "hub side CPU s"),
    ("hub_machine_percent", "hub side % of machine"),
    ("hold_machine_busy_percent", "machine busy in hold %"),
    ("requests", "requests"),
    ("ko", "KO"),
    ("peak_servers", "servers"),
    ("leftover_processes", "left"),
]


def table(rows):
    lines = ["| " + " | ".join(h for _, h in COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    for r in rows:
        lines.append("| " + " | ".join("" if r.get(k) is None else str(r.get(k)) for k, _ in COLUMNS) + " |")
    return "\n".join(lines)


def median_row(rows):
    m = {"users": rows[0]["users"], "run": f"median of {len(rows)}"}
    for k, _ in COLUMNS[2:]:
        values = [r[k] for r in rows if isinstance(r.get(k), (int, float))]
        if values:
            m[k] = round(statistics.median(values), 3)
    return m


def report(bench):
    rows = []
    for d in sorted(glob.glob(os.path.join(bench, "*u-*"))):
        m = re.fullmatch(r"(\d+)u-(\d+)", os.path.basename(d))
        if m and os.path.exists(os.path.join(d, "sample.json")):
            rows.append(run_row(d, int(m.group(1))))
    rows.sort(key=lambda r: (r["users"], r["run"]))
    by_users = {}
    for r in rows:
        by_users.setdefault(r["users"], []).append(r)
    medians = [median_row(v) for _, v in sorted(by_users.items())]
    print("Runs:\n")
    print(table(rows))
    print("\nMedians per number of users:\n")
    print(table(medians))
    result = {"runs": rows, "medians": medians}
    if len(medians) >= 2:
        lo, hi = medians[0], medians[-1]
        dn = hi["users"] - lo["users"]
        marginal = {}
        for key in ("jvm_cpu_s", "hold_jvm_cores", "busiest_30s_jvm_cores", "jvm_peak_rss_mib",
                    "live_heap_full_gc_mib", "rss_after_full_gc_mib", "hold_heap_after_gc_max_mib",
                    "heap_after_gc_max_mib", "hub_cpu_s"):
            if key in lo and key in hi:
                per_user = (hi[key] - lo[key]) / dn
                marginal[key] = {"per_user": round(per_user, 5), "base": round(lo[key] - lo["users"] * per_user, 3)}
        if lo.get("user_minutes") and hi.get("user_minutes") and hi["user_minutes"] != lo["user_minutes"]:
            # The JVM's CPU per added user-minute of concurrency, start-up and report left out.
            marginal["jvm_cpu_s_per_user_minute"] = {
                "per_user": round((hi["jvm_cpu_s"] - lo["jvm_cpu_s"]) / (hi["user_minutes"] - lo["user_minutes"]), 5),
                "base": None,
            }
        result["marginal"] = marginal
        print(f"\nOne more concurrent user, ({hi['users']} - {lo['users']} users) / {dn}; base = at 0 users:\n")
        for key, v in marginal.items():
            if key == "jvm_cpu_s_per_user_minute":
                print(f"- jvm_cpu_s per added user-minute: {v['per_user']}")
            else:
                print(f"- {key}: {v['per_user']} per user, base {v['base']}")
    with open(os.path.join(bench, "injector.json"), "w") as f:
        json.dump(result, f, indent=2)


def main():
    if len(sys.argv) in (3, 4) and sys.argv[1] == "watch":
        watch(sys.argv[2], float(sys.argv[3]) if len(sys.argv) == 4 else None)
    elif len(sys.argv) == 3 and sys.argv[1] == "report":
        report(sys.argv[2])
    else:
        print(__doc__, file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main()
