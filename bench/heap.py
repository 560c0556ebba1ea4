#!/usr/bin/env python3
"""Samples the service's heap (jvm.memory.used, area=heap) and process CPU through
Actuator every second until killed; prints the peak heap at the end."""
import json
import signal
import sys
import time
import urllib.request

base = sys.argv[1]
peak = 0


def stop(*_):
    print(f"HEAP peak_used_mb={peak / 1048576:.0f}")
    sys.exit(0)


signal.signal(signal.SIGTERM, stop)
while True:
    try:
        with urllib.request.urlopen(base + "/actuator/metrics/jvm.memory.used?tag=area:heap", timeout=5) as r:
            peak = max(peak, json.load(r)["measurements"][0]["value"])
    except OSError:
        pass
    time.sleep(1)
