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

The hub side is also broken down by role, told apart by /proc/PID/cmdline (role(), below):
  hub:     the jupyterhub process (python running /usr/bin/jupyterhub or -m jupyterhub);
  proxy:   configurable-http-proxy (node);
  servers: the single-user servers (jupyterhub-singleuser, or python -m jupyterhub.singleuser);
  kernels: the kernels (python -m ipykernel_launcher);
  other:   anything else carrying the marker (none in the runs seen so far).
hub_cpu_seconds_by_role and hub_peak_pss_mib_by_role give, per role, the CPU seconds and the
highest sum of PSS seen at one sample; hub_cpu_seconds_by_kind and hub_peak_pss_mib_by_kind are
the same numbers under their older names (hub, proxy, server, kernel, other).

A process's CPU is what /proc showed at its last sample, so up to INTERVAL of a process that
ended is missed: hub_cpu_seconds and the *_by_role and *_by_kind figures are floors (10 to 15 %
low for servers and kernels, which use CPU as they stop). The missed part is recovered for
processes whose parent waited for them while sampled (the hub for its servers, a server for its
kernels): the growth of the parent's cutime + cstime is their exact total. That gives
hub_cpu_seconds_missed_by_role, and hub_cpu_seconds_with_missed(_by_role), the sampled figures
plus it. The hub and its proxy, ended at the run's end, stay floors.

Usage: sample.py OUT.json -- COMMAND...   (prints the command's output; writes OUT.json)
The environment variable BENCH_SAMPLE_INTERVAL sets the seconds between samples (0.5).
Standard library only; Linux only.
"""
import json
import os
import subprocess
import sys
import time

INTERVAL = float(os.environ.get("BENCH_SAMPLE_INTERVAL", "0.5"))  # seconds between samples
TICKS = os.sysconf("SC_CLK_TCK")
PAGE = os.sysconf("SC_PAGE_SIZE")
MARKER = b"HUBLOAD_LOCALHUB="


def read(path, mode="rb"):
    try:
        with open(path, mode) as f:
            return f.read()
    except OSError:
        return None


def stat_fields(pid):
    """/proc/PID/stat's fields after the command name: [0] is field 3 (state), as in proc(5)."""
    stat = read(f"/proc/{pid}/stat")
    if stat is None:
        return None
    return stat[stat.rindex(b")") + 2 :].split()


def cpu_ticks(pid):
    fields = stat_fields(pid)
    if fields is None:
        return None
    return int(fields[11]) + int(fields[12])  # utime + stime


def parent_pid(fields):
    return int(fields[1])


def start_time(fields):
    return int(fields[19])  # starttime: with the pid, names a process even if its pid is reused


def children_ticks(fields):
    return int(fields[13]) + int(fields[14])  # cutime + cstime: children waited for


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


def argv(pid):
    raw = read(f"/proc/{pid}/cmdline") or b""
    return [a.decode(errors="replace") for a in raw.split(b"\0") if a]


def cmdline(pid):
    return " ".join(argv(pid))


ROLES = ("hub", "proxy", "servers", "kernels", "other")
# The older names of the roles, kept in sample.json for what reads them.
KIND = {"hub": "hub", "proxy": "proxy", "servers": "server", "kernels": "kernel", "other": "other"}


def role(args):
    """A hub-side process's role, from its argv. The command lines of the local hub's processes:
      /usr/bin/python3 /usr/bin/jupyterhub -f .../jupyterhub_config.py     (or python3 -m jupyterhub -f ...)
      node /usr/bin/configurable-http-proxy --ip 127.0.0.1 --port ...
      /usr/bin/python3 /usr/bin/jupyterhub-singleuser --allow-root       (or python3 -m jupyterhub.singleuser)
      /usr/bin/python3 -m ipykernel_launcher -f .../kernel-ID.json
    """
    names = [os.path.basename(a) for a in args[:3]]  # the interpreter, the script or -m, the module
    modules = [args[i + 1] for i in range(min(len(args) - 1, 3)) if args[i] == "-m"]
    if any(m.split(".")[0] in ("ipykernel_launcher", "ipykernel") for m in modules) or "ipykernel_launcher.py" in names:
        return "kernels"
    if "jupyterhub-singleuser" in names or "jupyterhub.singleuser" in modules:
        return "servers"
    if "configurable-http-proxy" in names:
        return "proxy"
    if "jupyterhub" in names[:2] or "jupyterhub" in modules:
        return "hub"
    return "other"


def descendants(root, pids):
    """root and every process below it in the process tree, as seen now."""
    children = {}
    for pid in pids:
        fields = stat_fields(pid)
        if fields is not None:
            children.setdefault(parent_pid(fields), []).append(pid)
    found, todo = set(), [root]
    while todo:
        pid = todo.pop()
        if pid not in found:
            found.add(pid)
            todo.extend(children.get(pid, ()))
    return found


class Seen:
    """What the samples saw of one hub-side process."""

    def __init__(self, first_children_ticks):
        self.first_children_ticks = first_children_ticks
        self.first = self.last = None  # sample numbers
        self.role = self.parent = None
        self.ticks = self.children_ticks = 0

    def saw(self, sample, role, parent, ticks, children):
        self.first = self.first or sample
        self.last = sample
        self.role, self.parent, self.ticks, self.children_ticks = role, parent, ticks, children


def missed_by_role(seen):
    """CPU ticks of ended processes that the samples missed, by role: what each process's parent
    waited for (the growth of its cutime + cstime between its first and last sample) less what the
    samples saw of the children it had waited for by its last sample (their own CPU and their
    cutime + cstime). The parents here are the hub (its servers) and the servers (their kernels),
    whose children are each of one role; CPU of children the samples never saw is "other"."""
    missed = {}
    for key, parent in seen.items():
        grown = parent.children_ticks - parent.first_children_ticks
        if grown <= 0:
            continue
        # Children whose parent was this process when last seen, gone by this process's last sample
        # (a process leaves /proc once its parent has waited for it).
        reaped = [s for s in seen.values() if s.parent == key[0] and parent.first <= s.last < parent.last]
        seen_ticks = sum(s.ticks + s.children_ticks for s in reaped)
        left = max(0, grown - seen_ticks)
        roles = {s.role for s in reaped}
        r = roles.pop() if len(roles) == 1 else "other"
        missed[r] = missed.get(r, 0) + left
    return missed


def is_gatling_jvm(cmd):
    return cmd.startswith("/") and "java" in cmd and ("gatlingbooter" in cmd or "io.gatling.app.Gatling" in cmd)


def main():
    out = sys.argv[1]
    command = sys.argv[sys.argv.index("--") + 1 :]
    started = time.time()
    child = subprocess.Popen(command)
    jvm = None
    jvm_hwm_kb = 0
    last_ticks = {}  # (pid, start time) -> (side, role, ticks)
    seen = {}  # (pid, start time) of a hub-side process -> what the samples saw of it (Seen)
    sample = 0
    peak = {"hub_rss_kb": 0, "hub_pss_kb": 0, "servers": 0, "kernels": 0}
    peak_by_role_pss = {}
    while child.poll() is None:
        sample += 1
        pids = [int(p) for p in os.listdir("/proc") if p.isdigit()]
        if jvm is None:
            # Only a JVM this command started: other Gatling runs may share the machine.
            for pid in sorted(descendants(child.pid, pids)):
                if is_gatling_jvm(cmdline(pid)):
                    jvm = pid
                    break
        rss = pss = 0
        by_role = {}
        for pid in pids:
            fields = stat_fields(pid)
            if fields is None:
                continue
            key = (pid, start_time(fields))
            ticks = int(fields[11]) + int(fields[12])
            if pid == jvm:
                last_ticks[key] = ("generator", "jvm", ticks)
                jvm_hwm_kb = max(jvm_hwm_kb, status_kb(pid, b"VmHWM"))
                continue
            if jvm is None:
                continue
            value = marker(pid)
            if value is None or not value.startswith(f"{jvm}:"):
                continue
            # Looked at every time: a fork shows its parent's command line until it execs.
            args = argv(pid)
            known = seen.get(key)
            r = role(args) if args or known is None else known.role  # a zombie has none: as last seen
            if known is None:
                known = seen[key] = Seen(children_ticks(fields))
            known.saw(sample, r, parent_pid(fields), ticks, children_ticks(fields))
            last_ticks[key] = ("hub", r, ticks)
            rss += status_kb(pid, b"VmRSS")
            p = pss_kb(pid)
            pss += p
            count, kb = by_role.get(r, (0, 0))
            by_role[r] = (count + 1, kb + p)
        peak["hub_rss_kb"] = max(peak["hub_rss_kb"], rss)
        peak["hub_pss_kb"] = max(peak["hub_pss_kb"], pss)
        peak["servers"] = max(peak["servers"], by_role.get("servers", (0, 0))[0])
        peak["kernels"] = max(peak["kernels"], by_role.get("kernels", (0, 0))[0])
        for r, (_, kb) in by_role.items():
            peak_by_role_pss[r] = max(peak_by_role_pss.get(r, 0), kb)
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
    cpu = {"generator": 0.0, "hub": 0.0}
    cpu_by_role = {}
    processes_by_role = {}
    for side, r, ticks in last_ticks.values():
        cpu[side] += ticks / TICKS
        if side == "hub":
            cpu_by_role[r] = cpu_by_role.get(r, 0.0) + ticks / TICKS
            processes_by_role[r] = processes_by_role.get(r, 0) + 1
    missed = missed_by_role(seen)
    by_role_cpu = {r: round(cpu_by_role[r], 1) for r in ROLES if r in cpu_by_role}
    by_role_pss = {r: round(peak_by_role_pss[r] / 1024, 1) for r in ROLES if r in peak_by_role_pss}
    result = {
        "exit_code": child.returncode,
        "wall_seconds": round(time.time() - started, 1),
        "gatling_pid": jvm,
        "generator_cpu_seconds": round(cpu["generator"], 1),
        "generator_peak_rss_mib": round(jvm_hwm_kb / 1024, 1),
        "hub_cpu_seconds": round(cpu["hub"], 1),
        "hub_cpu_seconds_by_kind": {KIND[r]: v for r, v in by_role_cpu.items() if v},
        "hub_peak_rss_mib": round(peak["hub_rss_kb"] / 1024, 1),
        "hub_peak_pss_mib": round(peak["hub_pss_kb"] / 1024, 1),
        "hub_peak_pss_mib_by_kind": {KIND[r]: v for r, v in by_role_pss.items()},
        "peak_servers": peak["servers"],
        "peak_kernels": peak["kernels"],
        "leftover_processes": leftover,
        "hub_cpu_seconds_by_role": {r: by_role_cpu.get(r, 0.0) for r in ROLES},
        "hub_peak_pss_mib_by_role": {r: by_role_pss.get(r, 0.0) for r in ROLES},
        "hub_processes_by_role": {r: processes_by_role.get(r, 0) for r in ROLES},
        "hub_cpu_seconds_missed_by_role": {r: round(missed.get(r, 0) / TICKS, 1) for r in ROLES},
        "hub_cpu_seconds_with_missed_by_role": {
            r: round(cpu_by_role.get(r, 0.0) + missed.get(r, 0) / TICKS, 1) for r in ROLES
        },
        "hub_cpu_seconds_with_missed": round(cpu["hub"] + sum(missed.values()) / TICKS, 1),
        "sample_interval_seconds": INTERVAL,
    }
    with open(out, "w") as f:
        json.dump(result, f, indent=2)
    sys.exit(child.returncode)


if __name__ == "__main__":
    main()
