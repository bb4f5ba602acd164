#!/usr/bin/env python3
"""Runs a command (a hubload run) and measures, from /proc, what it costs.

Two sides, told apart by process:
  generator: the Gatling JVM (the java process running Gatling's booter or main class);
  hub:       every process carrying the local hub's marker HUBLOAD_LOCALHUB=<gatling pid>:...
             (the hub, its proxy, the single-user servers, their kernels).

For each side: CPU seconds (user + system, the last value seen for each process, summed) and
peak resident memory (the JVM: its own high-water mark VmHWM; the hub side: the highest sum of
the processes' RSS and of their PSS seen at one sample, PSS counting shared pages once).
Also: peak numbers of single-user servers and kernels running at once, and how many of the
run's hub processes are still alive two seconds after it ended (should be 0).

Usage: sample.py OUT.json -- COMMAND...   (prints the command's output; writes OUT.json)
Standard library only; Linux only.
"""
import json
import os
import subprocess
import sys
import time

INTERVAL = 0.5
TICKS = os.sysconf("SC_CLK_TCK")
PAGE = os.sysconf("SC_PAGE_SIZE")
MARKER = b"HUBLOAD_LOCALHUB="


def read(path, mode="rb"):
    try:
        with open(path, mode) as f:
            return f.read()
    except OSError:
        return None


def cpu_ticks(pid):
    stat = read(f"/proc/{pid}/stat")
    if stat is None:
        return None
    fields = stat[stat.rindex(b")") + 2 :].split()
    return int(fields[11]) + int(fields[12])  # utime + stime


def status_kb(pid, key):
    status = read(f"/proc/{pid}/status")
    if status is None:
        return 0
    for line in status.splitlines():
        if line.startswith(key + b":"):
            return int(line.split()[1])
    return 0


def pss_kb(pid):
    rollup = read(f"/proc/{pid}/smaps_rollup")
    if rollup is None:
        return 0
    for line in rollup.splitlines():
        if line.startswith(b"Pss:"):
            return int(line.split()[1])
    return 0


def marker(pid):
    environ = read(f"/proc/{pid}/environ")
    if not environ:
        return None
    for var in environ.split(b"\0"):
        if var.startswith(MARKER):
            return var[len(MARKER) :].decode()
    return None


def cmdline(pid):
    raw = read(f"/proc/{pid}/cmdline") or b""
    return raw.replace(b"\0", b" ").decode(errors="replace")


def kind(cmd):
    if "ipykernel" in cmd:
        return "kernel"
    if "jupyterhub-singleuser" in cmd:
        return "server"
    if "configurable-http-proxy" in cmd:
        return "proxy"
    if "jupyterhub" in cmd:
        return "hub"
    return "other"


def main():
    out = sys.argv[1]
    command = sys.argv[sys.argv.index("--") + 1 :]
    started = time.time()
    child = subprocess.Popen(command)
    jvm = None
    jvm_hwm_kb = 0
    last_ticks = {}  # pid -> (side, kind, ticks)
    peak = {"hub_rss_kb": 0, "hub_pss_kb": 0, "servers": 0, "kernels": 0}
    peak_by_kind_pss = {}
    while child.poll() is None:
        pids = [int(p) for p in os.listdir("/proc") if p.isdigit()]
        if jvm is None:
            for pid in pids:
                cmd = cmdline(pid)
                if cmd.startswith("/") and "java" in cmd and ("gatlingbooter" in cmd or "io.gatling.app.Gatling" in cmd):
                    jvm = pid
                    break
        rss = pss = servers = kernels = 0
        by_kind = {}
        for pid in pids:
            if pid == jvm:
                ticks = cpu_ticks(pid)
                if ticks is not None:
                    last_ticks[pid] = ("generator", "jvm", ticks)
                jvm_hwm_kb = max(jvm_hwm_kb, status_kb(pid, b"VmHWM"))
                continue
            if jvm is None:
                continue
            value = marker(pid)
            if value is None or not value.startswith(f"{jvm}:"):
                continue
            ticks = cpu_ticks(pid)
            if ticks is None:
                continue
            k = kind(cmdline(pid))
            last_ticks[pid] = ("hub", k, ticks)
            rss += status_kb(pid, b"VmRSS")
            p = pss_kb(pid)
            pss += p
            by_kind[k] = by_kind.get(k, 0) + p
            servers += k == "server"
            kernels += k == "kernel"
        peak["hub_rss_kb"] = max(peak["hub_rss_kb"], rss)
        peak["hub_pss_kb"] = max(peak["hub_pss_kb"], pss)
        peak["servers"] = max(peak["servers"], servers)
        peak["kernels"] = max(peak["kernels"], kernels)
        for k, v in by_kind.items():
            peak_by_kind_pss[k] = max(peak_by_kind_pss.get(k, 0), v)
        time.sleep(INTERVAL)
    # Nothing of the run's local hub may outlive it: count what is left, a moment after.
    time.sleep(2)
    leftover = 0
    if jvm is not None:
        for p in os.listdir("/proc"):
            if p.isdigit():
                value = marker(int(p))
                if value is not None and value.startswith(f"{jvm}:") and cpu_ticks(int(p)) is not None:
                    leftover += 1
    cpu = {}
    for side, k, ticks in last_ticks.values():
        cpu.setdefault(side, 0.0)
        cpu[side] += ticks / TICKS
        cpu.setdefault("hub:" + k, 0.0)
        if side == "hub":
            cpu["hub:" + k] += ticks / TICKS
    result = {
        "exit_code": child.returncode,
        "wall_seconds": round(time.time() - started, 1),
        "gatling_pid": jvm,
        "generator_cpu_seconds": round(cpu.get("generator", 0.0), 1),
        "generator_peak_rss_mib": round(jvm_hwm_kb / 1024, 1),
        "hub_cpu_seconds": round(cpu.get("hub", 0.0), 1),
        "hub_cpu_seconds_by_kind": {k[4:]: round(v, 1) for k, v in cpu.items() if k.startswith("hub:") and v},
        "hub_peak_rss_mib": round(peak["hub_rss_kb"] / 1024, 1),
        "hub_peak_pss_mib": round(peak["hub_pss_kb"] / 1024, 1),
        "hub_peak_pss_mib_by_kind": {k: round(v / 1024, 1) for k, v in peak_by_kind_pss.items()},
        "peak_servers": peak["servers"],
        "peak_kernels": peak["kernels"],
        "leftover_processes": leftover,
    }
    with open(out, "w") as f:
        json.dump(result, f, indent=2)
    sys.exit(child.returncode)


if __name__ == "__main__":
    main()
