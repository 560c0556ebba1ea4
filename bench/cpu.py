#!/usr/bin/env python3
"""Prints the CPU (in cores) that each part of a benchmark run used over a window:
the service, PostgreSQL, Redis and wrk, read from /proc before and after.
  bench/cpu.py <seconds> <service pid>"""
import os
import sys
import time

HZ = os.sysconf("SC_CLK_TCK")


def ticks():
    used = {}
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        name = stat[stat.index("(") + 1:stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2:].split()
        used[(pid, name)] = int(fields[11]) + int(fields[12])
    return used


seconds, service = float(sys.argv[1]), sys.argv[2]
before, start = ticks(), time.monotonic()
time.sleep(seconds)
after, elapsed = ticks(), time.monotonic() - start
parts = {"service": 0, "postgres": 0, "redis": 0, "wrk": 0, "other": 0}
for (pid, name), t in after.items():
    spent = t - before.get((pid, name), 0)
    if pid == service:
        parts["service"] += spent
    elif name.startswith("postgres"):
        parts["postgres"] += spent
    elif name.startswith("redis"):
        parts["redis"] += spent
    elif name == "wrk":
        parts["wrk"] += spent
    else:
        parts["other"] += spent
print("CPU " + " ".join(f"{k}={v / HZ / elapsed:.2f}" for k, v in parts.items()))
