#!/usr/bin/env python3
"""The load-test run's helper, standard library only.

  report.py sample   --url URL --out metrics.csv [--redis HOST:PORT --redis-prefix P]
      samples CPU, heap, GC, pool and queue every second from Actuator until stopped
  report.py snapshot --url URL --out server.json
      the service's own request counts by endpoint and status (http.server.requests)
  report.py report   --run DIR --audit audit.log ...
      reads Gatling's stats (DIR/gatling/js/stats.json), the simulation's summary,
      the samples and the audit, and writes DIR/report.md and DIR/report.html
  report.py redis-clean --redis HOST:PORT --redis-prefix P
"""
import argparse
import csv
import html
import json
import math
import os
import signal
import socket
import sys
import time
import urllib.error
import urllib.parse
import urllib.request


# --- Actuator and Redis ------------------------------------------------------------------

def metric(url, name, *tags):
    query = "&".join("tag=" + urllib.parse.quote(t) for t in tags)
    try:
        with urllib.request.urlopen(f"{url}/actuator/metrics/{name}" + ("?" + query if query else ""), timeout=2) as r:
            body = json.load(r)
    except (urllib.error.URLError, OSError, ValueError):
        return None
    return {m["statistic"]: m["value"] for m in body.get("measurements", [])} | {"_tags": body.get("availableTags", [])}


def value(url, name, statistic="VALUE", *tags):
    m = metric(url, name, *tags)
    return None if m is None else m.get(statistic)


class Redis:
    """Just enough RESP for SCAN and ZCOUNT."""

    def __init__(self, address):
        host, port = address.rsplit(":", 1)
        self.sock = socket.create_connection((host, int(port)), timeout=2)
        self.file = self.sock.makefile("rb")

    def call(self, *args):
        out = f"*{len(args)}\r\n"
        for a in args:
            a = str(a)
            out += f"${len(a.encode())}\r\n{a}\r\n"
        self.sock.sendall(out.encode())
        return self._read()

    def _read(self):
        line = self.file.readline().rstrip(b"\r\n")
        kind, rest = line[:1], line[1:]
        if kind in (b"+", b"-"):
            return rest.decode()
        if kind == b":":
            return int(rest)
        if kind == b"$":
            n = int(rest)
            if n < 0:
                return None
            data = self.file.read(n + 2)[:-2]
            return data.decode()
        if kind == b"*":
            return [self._read() for _ in range(int(rest))]
        raise IOError(f"unexpected Redis reply {line!r}")

    def keys(self, pattern):
        cursor, found = "0", []
        while True:
            cursor, batch = self.call("SCAN", cursor, "MATCH", pattern, "COUNT", 500)
            found += batch
            if cursor == "0":
                return found


def queue_active(redis, prefix):
    """Most ACTIVE users of any concert now (members scored by expiry in ms)."""
    now = int(time.time() * 1000)
    counts = [redis.call("ZCOUNT", k, f"({now}", "+inf") for k in redis.keys(prefix + "queue:{*}:active")]
    return max(counts, default=0)


SAMPLE_COLUMNS = ["time", "elapsed_s", "process_cpu", "system_cpu", "cpus", "process_cpu_time_s", "heap_used_mb",
                  "heap_committed_mb", "nonheap_used_mb", "gc_pauses", "gc_pause_total_s", "gc_pause_max_ms", "hikari_active",
                  "hikari_pending", "threads", "queue_active"]


def sample(args):
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(1))
    redis = Redis(args.redis) if args.redis else None
    cpus = value(args.url, "system.cpu.count")
    started = time.time()
    with open(args.out, "w", newline="") as f:
        out = csv.writer(f)
        out.writerow(SAMPLE_COLUMNS)
        while not stop:
            tick = time.time()
            gc = metric(args.url, "jvm.gc.pause") or {}
            cpu_time = value(args.url, "process.cpu.time", "TOTAL") or value(args.url, "process.cpu.time", "COUNT")
            active = None
            if redis:
                try:
                    active = queue_active(redis, args.redis_prefix)
                except OSError:
                    active = None
            row = [round(tick, 3), round(tick - started, 1), value(args.url, "process.cpu.usage"),
                   value(args.url, "system.cpu.usage"), cpus,
                   None if cpu_time is None else cpu_time / (1e9 if cpu_time > 1e7 else 1),
                   mb(value(args.url, "jvm.memory.used", "VALUE", "area:heap")),
                   mb(value(args.url, "jvm.memory.committed", "VALUE", "area:heap")),
                   mb(value(args.url, "jvm.memory.used", "VALUE", "area:nonheap")),
                   gc.get("COUNT"), gc.get("TOTAL_TIME"),
                   None if gc.get("MAX") is None else gc["MAX"] * 1000,
                   value(args.url, "hikaricp.connections.active"), value(args.url, "hikaricp.connections.pending"),
                   value(args.url, "jvm.threads.live"), active]
            out.writerow(["" if v is None else v for v in row])
            f.flush()
            time.sleep(max(0.0, 1.0 - (time.time() - tick)))


def mb(v):
    return None if v is None else round(v / 1048576, 1)


def snapshot(args):
    """Server-side request counts per endpoint and status, to tell 5xx from 4xx."""
    base = metric(args.url, "http.server.requests")
    result = {"requests": {}, "process_cpu_time_s": None}
    if base:
        tags = {t["tag"]: t["values"] for t in base["_tags"]}
        for uri in tags.get("uri", []):
            if uri.startswith("/actuator"):
                continue
            for status in tags.get("status", []):
                m = metric(args.url, "http.server.requests", "uri:" + uri, "status:" + status)
                if m and m.get("COUNT"):
                    result["requests"].setdefault(uri, {})[status] = {"count": m["COUNT"],
                                                                      "total_s": m.get("TOTAL_TIME")}
    cpu_time = value(args.url, "process.cpu.time", "TOTAL") or value(args.url, "process.cpu.time", "COUNT")
    result["process_cpu_time_s"] = None if cpu_time is None else cpu_time / (1e9 if cpu_time > 1e7 else 1)
    with open(args.out, "w") as f:
        json.dump(result, f, indent=2)


def redis_clean(args):
    redis = Redis(args.redis)
    keys = redis.keys(args.redis_prefix + "*")
    for i in range(0, len(keys), 500):
        redis.call("DEL", *keys[i:i + 500])


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("sample")
    p.add_argument("--url", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--redis")
    p.add_argument("--redis-prefix", default="")
    p = sub.add_parser("snapshot")
    p.add_argument("--url", required=True)
    p.add_argument("--out", required=True)
    p = sub.add_parser("redis-clean")
    p.add_argument("--redis", required=True)
    p.add_argument("--redis-prefix", required=True)
    p = sub.add_parser("report")
    p.add_argument("--run", required=True)
    p.add_argument("--audit", required=True)
    p.add_argument("--audit-rc", type=int, default=0)
    p.add_argument("--target-tps", type=float, default=500)
    p.add_argument("--heap", default="512m")
    p.add_argument("--max-active", type=int, default=50)
    p.add_argument("--p95-ms", type=float, default=10)
    p.add_argument("--active-ttl", default="10m (default)")
    p.add_argument("--seed-p95-ms", type=float, default=500)
    args = parser.parse_args()
    {"sample": sample, "snapshot": snapshot, "redis-clean": redis_clean, "report": report}[args.command](args)


# --- the report ---------------------------------------------------------------------------

def read_csv(path):
    if not os.path.exists(path):
        return []
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def num(v):
    try:
        return float(v)
    except (TypeError, ValueError):
        return None


def pct(values, p):
    """Nearest-rank percentile, as Gatling computes it."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, math.ceil(p / 100 * len(ordered)) - 1))]


def fmt(v, unit="", digits=1):
    if v is None:
        return "n/a"
    if isinstance(v, float) and not v.is_integer():
        return f"{v:,.{digits}f}{unit}"
    return f"{int(v):,}{unit}"


STEP_ORDER = ["token issue", "status poll", "dates", "seats", "reserve", "payment", "leave"]


def classify(step, status, expected):
    if status >= 500:
        return "server error (5xx)"
    if step == "reserve" and status == 409:
        return "business rejection: seat unavailable (409)"
    if step == "payment" and status == 409 and expected:
        return "business rejection: insufficient balance (409)"
    if status == 403:
        return "business rejection: still waiting (403)"
    if step == "leave" and status in (404, 405):
        return "leave call not available (404/405), counted OK"
    if expected:
        return "success"
    return "unexpected answer"


def gatling_assertions(log_path):
    results = []
    if not os.path.exists(log_path):
        return results
    with open(log_path, errors="replace") as f:
        for line in f:
            line = line.strip()
            if line.endswith(")") and (" : true (actual : " in line or " : false (actual : " in line):
                results.append((line.rsplit(" : ", 2)[0], " : true (" in line, line.rsplit("actual : ", 1)[1][:-1]))
    return results


def capacity(cpu_per_request_s, rps, peak_heap_mb, peak_nonheap_mb, peak_pool_active, target_tps, cores_per_instance=1.0,
             utilisation=0.6, min_instances=2):
    plan = {}
    if cpu_per_request_s:
        tps_per_core = utilisation / cpu_per_request_s
        plan["tps_per_core"] = tps_per_core
        plan["cores_total"] = math.ceil(target_tps / tps_per_core * 2) / 2
        plan["tps_per_instance"] = tps_per_core * cores_per_instance
        plan["instances"] = max(min_instances, math.ceil(target_tps / plan["tps_per_instance"]))
    else:
        plan["instances"] = min_instances
    heap = max(256, math.ceil((peak_heap_mb or 128) * 2 / 128) * 128)
    plan["heap_mb"] = heap
    plan["memory_mb"] = math.ceil((heap + max(peak_nonheap_mb or 150, 150) + 100) * 1.25 / 64) * 64
    per_instance_tps = target_tps / plan["instances"]
    busy = (peak_pool_active or 1) * (per_instance_tps / rps if rps else 1)
    plan["pool"] = max(10, math.ceil(busy * 2))
    return plan


def report(args):
    run = args.run
    name = os.path.basename(os.path.normpath(run))
    summary = {}
    if os.path.exists(os.path.join(run, "summary.json")):
        with open(os.path.join(run, "summary.json")) as f:
            summary = json.load(f)
    settings = summary.get("settings", {})
    responses = read_csv(os.path.join(run, "responses.csv"))
    activations = read_csv(os.path.join(run, "activations.csv"))
    samples = read_csv(os.path.join(run, "metrics.csv"))
    assertions = gatling_assertions(os.path.join(run, "gatling.log"))
    with open(args.audit, errors="replace") as f:
        audit_text = f.read()
    audit_table = [l for l in audit_text.splitlines() if l.startswith("|") or l.startswith("AUDIT")]
    audit_ok = args.audit_rc == 0 and any(l.startswith("AUDIT PASSED") for l in audit_table)

    # Responses per step.
    by_step, statuses, seconds = {}, {}, {}
    first = last = None
    for r in responses:
        step, status, ms, ok, end = r["step"], int(r["status"]), int(r["ms"]), r["expected"] == "1", int(r["end_ms"])
        by_step.setdefault(step, []).append(ms)
        key = (step, status, ok)
        statuses[key] = statuses.get(key, 0) + 1
        sec = end // 1000
        seconds.setdefault(sec, []).append((ms, ok))
        first = end if first is None else min(first, end)
        last = end if last is None else max(last, end)
    wall_s = max(1.0, ((last or 0) - (first or 0)) / 1000)
    total = len(responses)
    steps = sorted(by_step, key=lambda s: STEP_ORDER.index(s) if s in STEP_ORDER else 99)
    all_ms = [int(r["ms"]) for r in responses]
    classes = {}
    for (step, status, ok), n in statuses.items():
        c = classify(step, status, ok)
        classes[c] = classes.get(c, 0) + n
    server_errors = classes.get("server error (5xx)", 0)
    unexpected = classes.get("unexpected answer", 0)
    gatling_failed = next((num(a[2]) for a in assertions if a[0].startswith("Global: count of failed events")), None)
    no_response = None if gatling_failed is None else max(0, int(gatling_failed) - server_errors - unexpected)
    rps = total / wall_s

    # Activation.
    waits_ok = [int(a["waited_ms"]) for a in activations if a["active"] == "1"]
    gave_up = [int(a["waited_ms"]) for a in activations if a["active"] != "1"]
    attempts = len(waits_ok) + len(gave_up)
    activation_pct = 100.0 * len(waits_ok) / attempts if attempts else None

    # Resources.
    def col(c):
        return [v for v in (num(s.get(c)) for s in samples) if v is not None]
    cpus = next(iter(col("cpus")), None) or os.cpu_count()
    cpu_cores = [v * cpus for v in col("process_cpu")]
    heap = col("heap_used_mb")
    cpu_time = col("process_cpu_time_s")
    cpu_per_request = None
    if len(cpu_time) >= 2 and total:
        cpu_per_request = (cpu_time[-1] - cpu_time[0]) / total
    elif cpu_cores and total:
        cpu_per_request = sum(cpu_cores) * 1.0 / total
    gc_count, gc_total, gc_max = col("gc_pauses"), col("gc_pause_total_s"), col("gc_pause_max_ms")
    pool, pending, queue_active = col("hikari_active"), col("hikari_pending"), col("queue_active")
    plan = capacity(cpu_per_request, rps, max(heap, default=None), max(col("nonheap_used_mb"), default=None),
                    max(pool, default=None), args.target_tps)

    # Targets table.
    p95_target = args.p95_ms
    rows = []

    def target(metric, measured, goal, passed):
        rows.append([metric, measured, goal, "—" if passed is None else ("PASS" if passed else "FAIL")])

    target("Server errors (5xx)", fmt(server_errors), "0", server_errors == 0)
    target("Timeouts, connection errors, failed content checks", fmt(no_response), "0",
           None if no_response is None else no_response == 0)
    target("Unexpected answers (neither success nor business rejection)", fmt(unexpected), "0", unexpected == 0)
    failed_pct = 100.0 * (gatling_failed or 0) / total if total else 0.0
    target("Failed requests (seed threshold)", fmt(failed_pct, " %", 2), "< 5 %", failed_pct < 5)
    overall_p95 = pct(all_ms, 95)
    target("p95, all requests (seed threshold)", fmt(overall_p95, " ms"), f"< {fmt(args.seed_p95_ms)} ms",
           overall_p95 is not None and overall_p95 < args.seed_p95_ms)
    for step in steps:
        if step == "leave":
            continue
        v = pct(by_step[step], 95)
        target(f"p95 {step}", fmt(v, " ms"), f"≤ {fmt(p95_target)} ms", v <= p95_target)
    if name.startswith("seed-multi") or summary.get("simulation") == "SeedMultiScenario":
        target("Activation success within patience", fmt(activation_pct, " %", 1),
               f"≥ {fmt(float(settings.get('targetActivationPercent', 99)))} %",
               activation_pct is not None and activation_pct >= float(settings.get("targetActivationPercent", 99)))
    else:
        target("Activation success within patience", fmt(activation_pct, " %", 1), "(informational)", None)
    target("Throughput (mean over the run)", fmt(rps, " req/s"), "seed 002: 50 TPS" if "contention" in name else "—",
           (rps >= 50) if "contention" in name else None)
    if queue_active:
        target("Most ACTIVE users seen (sampled each second)", fmt(max(queue_active)), f"≤ {args.max_active}",
               max(queue_active) <= args.max_active)
    target("Integrity audit", "clean" if audit_ok else "VIOLATIONS", "clean", audit_ok)
    all_met = all(r[3] != "FAIL" for r in rows)

    step_rows = []
    for step in steps:
        v = by_step[step]
        codes = ", ".join(f"{s}×{n:,}" for (st, s, _), n in sorted(statuses.items()) if st == step)
        step_rows.append([step, fmt(len(v)), fmt(len(v) / wall_s, "", 1), fmt(min(v)), fmt(pct(v, 50)),
                          fmt(pct(v, 95)), fmt(pct(v, 99)), fmt(max(v)), fmt(sum(v) / len(v), "", 1), codes])
    class_rows = []
    for (step, status, ok), n in sorted(statuses.items(), key=lambda kv: (STEP_ORDER.index(kv[0][0])
                                                                          if kv[0][0] in STEP_ORDER else 99, kv[0][1])):
        class_rows.append([step, str(status), fmt(n), classify(step, status, ok)])

    server_rows = []
    before, after = load_json(os.path.join(run, "server-before.json")), load_json(os.path.join(run, "server-after.json"))
    for uri, by_status in sorted((after or {}).get("requests", {}).items()):
        for st, m in sorted(by_status.items()):
            prev = ((before or {}).get("requests", {}).get(uri, {}).get(st, {}) or {}).get("count", 0)
            delta = m["count"] - prev
            if delta:
                server_rows.append([uri, st, fmt(delta)])

    resource_rows = [
        ["Machine CPU, all processes (the load generator, databases and anything else running)",
         f"mean {fmt((avg(col('system_cpu')) or 0) * 100, ' %')}, peak {fmt((max(col('system_cpu'), default=0)) * 100, ' %')}"],
        ["Service CPU (cores of " + fmt(cpus) + ")", f"mean {fmt(avg(cpu_cores), '', 2)}, peak {fmt(max(cpu_cores, default=None), '', 2)}"],
        ["CPU per request", fmt(cpu_per_request * 1000 if cpu_per_request else None, " ms", 3)],
        ["Heap used", f"peak {fmt(max(heap, default=None), ' MB')}, mean {fmt(avg(heap), ' MB')} (limit -Xmx{args.heap})"],
        ["Non-heap used", f"peak {fmt(max(col('nonheap_used_mb'), default=None), ' MB')}"],
        ["GC pauses", f"{fmt(delta_of(gc_count))} pauses, {fmt((delta_of(gc_total) or 0) * 1000, ' ms')} in all, longest {fmt(max(gc_max, default=None), ' ms')}"],
        ["DB pool (HikariCP) active", f"peak {fmt(max(pool, default=None))}, waiting for a connection: peak {fmt(max(pending, default=None))}"],
        ["Live threads", f"peak {fmt(max(col('threads'), default=None))}"],
    ]

    outcomes = [[k, fmt(v)] for k, v in sorted(summary.get("outcomes", {}).items())]
    activation_rows = [
        ["users who waited", fmt(attempts)], ["became ACTIVE", fmt(len(waits_ok))],
        ["gave up after the patience", fmt(len(gave_up))], ["success", fmt(activation_pct, " %", 1)],
        ["wait of those admitted, p50 / p95 / p99 / max",
         " / ".join(fmt(pct(waits_ok, p), " ms") for p in (50, 95, 99)) + " / " + fmt(max(waits_ok, default=None), " ms")],
        ["patience", fmt(settings.get("patienceSeconds"), " s")],
    ]

    cap_rows, assumptions = capacity_rows(plan, cpu_per_request, args, rps, max(pool, default=None),
                                          max(pending, default=None))
    sections = [
        ("h1", f"Load test report: {summary.get('simulation', name)}"),
        ("p", f"Run {time.strftime('%Y-%m-%d %H:%M', time.localtime((first or 0) / 1000))}: "
              f"{fmt(settings.get('users'))} virtual users (closed model), ramp {fmt(settings.get('rampSeconds'))} s, "
              f"plateau {fmt(settings.get('durationSeconds'))} s, think time {fmt(settings.get('thinkMs'))} ms, "
              f"status poll every {fmt(settings.get('pollMs'))} ms, patience {fmt(settings.get('patienceSeconds'))} s; "
              f"service max-active {args.max_active}, active-ttl {args.active_ttl}, -Xmx{args.heap}; {fmt(cpus)} CPUs seen by the service "
              f"(the load generator runs on the same machine). {fmt(total)} requests in {fmt(wall_s)} s."),
        ("h2", "1. Results against the targets"),
        ("p", "All targets met." if all_met else "Not every target was met: see the FAIL rows."),
        ("table", ["Metric", "Measured", "Target", "Result"], rows),
        ("h2", "2. Latency per step (ms)"),
        ("table", ["Step", "Requests", "req/s", "min", "p50", "p95", "p99", "max", "mean", "Statuses"], step_rows),
        ("chart", "latency"),
        ("chart", "throughput"),
        ("h2", "3. Server errors and business rejections"),
        ("p", "Server errors (5xx, timeouts) are failures; business rejections are the service saying no as designed "
              "(a seat already taken, too little balance, still waiting) and pass their checks."),
        ("table", ["Step", "Status", "Count", "Class"], class_rows),
        ("table", ["Class", "Count"], [[k, fmt(v)] for k, v in sorted(classes.items())]),
        ("p", "The service's own count (Micrometer http.server.requests, this run only):"),
        ("table", ["Endpoint", "Status", "Count"], server_rows),
        ("h2", "4. Queue activation"),
        ("table", ["", ""], activation_rows),
        ("chart", "queue"),
        ("h2", "5. Business outcomes"),
        ("table", ["Outcome", "Count"], outcomes),
        ("h2", "6. Resources (sampled from Actuator every second)"),
        ("table", ["Resource", "Measured"], resource_rows),
        ("chart", "cpu"),
        ("chart", "heap"),
        ("h2", f"7. Capacity plan for {fmt(args.target_tps)} requests/s"),
        ("table", ["Item", "Recommendation", "Derived from"], cap_rows),
        ("p", "Assumptions: " + " ".join(assumptions)),
        ("h2", "8. Integrity audit"),
        ("pre", "\n".join(audit_table) or audit_text[-2000:]),
        ("h2", "9. Gatling assertions"),
        ("table", ["Assertion", "Held", "Actual"], [[a, "yes" if ok else "NO", v] for a, ok, v in assertions]),
        ("p", "Gatling's own report: gatling/index.html. Raw data: responses.csv, activations.csv, metrics.csv."),
    ]
    charts = {
        "latency": bar_chart("Latency per step: p50 / p95 / p99 (ms)", [
            (s, [pct(by_step[s], 50), pct(by_step[s], 95), pct(by_step[s], 99)]) for s in steps],
            ["p50", "p95", "p99"]),
        "throughput": line_chart("Throughput (requests/s) and p95 latency (ms) over time", [
            ("requests/s", [(sec - (first // 1000), len(v)) for sec, v in sorted(seconds.items())]),
            ("unexpected/s", [(sec - (first // 1000), sum(1 for _, ok in v if not ok)) for sec, v in sorted(seconds.items())]),
            ("p95 ms", [(sec - (first // 1000), pct([m for m, _ in v], 95)) for sec, v in sorted(seconds.items())]),
        ]) if seconds else "",
        "cpu": line_chart("Service CPU (cores)", [("process", list(zip(col("elapsed_s"), cpu_cores)))]),
        "heap": line_chart("Heap (MB)", [("used", list(zip(col("elapsed_s"), heap))),
                                         ("committed", list(zip(col("elapsed_s"), col("heap_committed_mb"))))]),
        "queue": line_chart(f"ACTIVE users (max-active {args.max_active}) and DB connections in use", [
            ("ACTIVE", list(zip(col("elapsed_s"), queue_active))), ("DB active", list(zip(col("elapsed_s"), pool)))]),
    }
    with open(os.path.join(run, "report.md"), "w") as f:
        f.write(render_md(sections))
    with open(os.path.join(run, "report.html"), "w") as f:
        f.write(render_html(sections, charts))
    print(f"{name}: {'every target met' if all_met else 'target(s) missed'}; {fmt(total)} requests, "
          f"{fmt(rps, ' req/s')}, 5xx {server_errors}, activation {fmt(activation_pct, ' %')}, "
          f"audit {'clean' if audit_ok else 'FAILED'}")
    for r in rows:
        print(f"  {r[3]:4}  {r[0]}: {r[1]} (target {r[2]})")


def capacity_rows(plan, cpu_per_request, args, rps, pool_peak, pending_peak):
    rows = []
    if cpu_per_request:
        rows.append(["CPU", f"{plan['cores_total']:g} core(s) in all; 1 core per instance handles ≈ "
                            f"{plan['tps_per_instance']:,.0f} req/s",
                     f"{cpu_per_request * 1000:.3f} ms of CPU per request measured, run at 60 % utilisation"])
    rows.append(["Instances", f"{plan['instances']}", "CPU above, and at least 2 for availability"])
    rows.append(["Heap", f"-Xmx{plan['heap_mb']}m", "twice the measured peak heap, rounded up to 128 MB, at least 256 MB"])
    rows.append(["Memory limit", f"{plan['memory_mb']} MiB per instance",
                 "heap + measured non-heap + 100 MB (thread stacks, direct buffers), plus 25 %"])
    rows.append(["DB pool per instance", f"{plan['pool']} (HikariCP maximum-pool-size)",
                 f"peak {fmt(pool_peak)} connections busy at {rps:,.0f} req/s, scaled to each instance's share, doubled; "
                 f"at least 10; all instances together must stay under PostgreSQL's max_connections"])
    if pending_peak:
        rows.append(["DB pool caveat", "the pool was exhausted during the run",
                     f"up to {fmt(pending_peak)} requests waited for a connection: the busy count above is the pool's "
                     "cap, so the recommendation is a floor; find what holds connections (e.g. row-lock waits) first"])
    rows.append(["Redis", "one shared connection per instance (Lettuce multiplexes)", "the queue's calls are single Lua scripts"])
    assumptions = [
        "CPU grows linearly with requests at this run's mix of calls;",
        "each instance gets 1 core and is planned at 60 % CPU, leaving room for spikes and GC;",
        "PostgreSQL and Redis are sized separately and are not the bottleneck;",
        "CPU per request is the service process's CPU time over the run divided by the requests sent, so start-up "
        "work is excluded but Actuator sampling and background tasks are included (a slight overestimate);",
        "measured on a shared machine where the load generator competes for the same cores.",
    ]
    return rows, assumptions


def avg(values):
    return sum(values) / len(values) if values else None


def delta_of(values):
    return values[-1] - values[0] if len(values) >= 2 else None


def load_json(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def md_cell(v):
    return str(v).replace("|", "\\|").replace("\n", " ")


def render_md(sections):
    out = []
    for kind, *body in sections:
        if kind == "h1":
            out.append(f"# {body[0]}\n")
        elif kind == "h2":
            out.append(f"## {body[0]}\n")
        elif kind == "p":
            out.append(body[0] + "\n")
        elif kind == "pre":
            out.append("```\n" + body[0] + "\n```\n")
        elif kind == "table":
            header, rows = body
            if not rows:
                out.append("(none)\n")
                continue
            out.append("| " + " | ".join(md_cell(h) for h in header) + " |")
            out.append("|" + "|".join("---" for _ in header) + "|")
            out.extend("| " + " | ".join(md_cell(c) for c in r) + " |" for r in rows)
            out.append("")
        elif kind == "chart":
            out.append(f"(chart: {body[0]}, in report.html)\n")
    return "\n".join(out)


def render_html(sections, charts):
    e = html.escape
    out = ["<!doctype html><html><head><meta charset='utf-8'><title>Load test report</title><style>",
           "body{font:14px system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}",
           "table{border-collapse:collapse;margin:.5em 0 1em}td,th{border:1px solid #ccc;padding:3px 8px;text-align:left}",
           "th{background:#f3f3f3}td.PASS{color:#070;font-weight:bold}td.FAIL{color:#b00;font-weight:bold}",
           "pre{background:#f6f6f6;padding:.8em;overflow:auto}svg{display:block;margin:.5em 0 1.5em}",
           "</style></head><body>"]
    for kind, *body in sections:
        if kind in ("h1", "h2"):
            out.append(f"<{kind}>{e(body[0])}</{kind}>")
        elif kind == "p":
            out.append(f"<p>{e(body[0])}</p>")
        elif kind == "pre":
            out.append(f"<pre>{e(body[0])}</pre>")
        elif kind == "table":
            header, rows = body
            out.append("<table><tr>" + "".join(f"<th>{e(str(h))}</th>" for h in header) + "</tr>")
            for r in rows:
                out.append("<tr>" + "".join(f"<td class='{e(str(c))}'>{e(str(c))}</td>" for c in r) + "</tr>")
            out.append("</table>")
        elif kind == "chart":
            out.append(charts.get(body[0], ""))
    out.append("</body></html>")
    return "\n".join(out)


COLOURS = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd"]


def line_chart(title, series, width=1000, height=260):
    points = [(x, y) for _, s in series for x, y in s if x is not None and y is not None]
    if not points:
        return ""
    x_max = max(x for x, _ in points) or 1
    y_max = max(y for _, y in points) or 1
    left, bottom, top, right = 50, 30, 30, 110
    w, h = width - left - right, height - top - bottom

    def sx(x):
        return left + x / x_max * w

    def sy(y):
        return top + h - y / y_max * h

    svg = [f"<svg width='{width}' height='{height}' xmlns='http://www.w3.org/2000/svg' font-size='11'>",
           f"<text x='{left}' y='16' font-weight='bold'>{html.escape(title)}</text>",
           f"<line x1='{left}' y1='{top + h}' x2='{left + w}' y2='{top + h}' stroke='#999'/>",
           f"<line x1='{left}' y1='{top}' x2='{left}' y2='{top + h}' stroke='#999'/>"]
    for i in range(5):
        y = y_max * i / 4
        svg.append(f"<text x='{left - 4}' y='{sy(y) + 4:.1f}' text-anchor='end'>{y:,.3g}</text>")
        svg.append(f"<line x1='{left}' y1='{sy(y):.1f}' x2='{left + w}' y2='{sy(y):.1f}' stroke='#eee'/>")
    svg.append(f"<text x='{left + w}' y='{top + h + 20}' text-anchor='end'>{x_max:,.0f} s</text>")
    svg.append(f"<text x='{left}' y='{top + h + 20}'>0 s</text>")
    for i, (label, s) in enumerate(series):
        pts = " ".join(f"{sx(x):.1f},{sy(y):.1f}" for x, y in s if x is not None and y is not None)
        colour = COLOURS[i % len(COLOURS)]
        svg.append(f"<polyline fill='none' stroke='{colour}' stroke-width='1.5' points='{pts}'/>")
        svg.append(f"<text x='{left + w + 8}' y='{top + 12 + i * 16}' fill='{colour}'>{html.escape(label)}</text>")
    svg.append("</svg>")
    return "\n".join(svg)


def bar_chart(title, groups, labels, width=1000, height=280):
    values = [v for _, vs in groups for v in vs if v is not None]
    if not values:
        return ""
    y_max = max(values) or 1
    left, bottom, top = 50, 40, 30
    w, h = width - left - 20, height - top - bottom
    slot = w / len(groups)
    bar = slot * 0.8 / len(labels)
    svg = [f"<svg width='{width}' height='{height}' xmlns='http://www.w3.org/2000/svg' font-size='11'>",
           f"<text x='{left}' y='16' font-weight='bold'>{html.escape(title)}</text>"]
    for i, label in enumerate(labels):
        svg.append(f"<text x='{width - 200 + i * 60}' y='16' fill='{COLOURS[i]}'>{label}</text>")
    for i in range(5):
        y = y_max * i / 4
        py = top + h - y / y_max * h
        svg.append(f"<text x='{left - 4}' y='{py + 4:.1f}' text-anchor='end'>{y:,.3g}</text>")
        svg.append(f"<line x1='{left}' y1='{py:.1f}' x2='{left + w}' y2='{py:.1f}' stroke='#eee'/>")
    for g, (name, vs) in enumerate(groups):
        x0 = left + g * slot + slot * 0.1
        for i, v in enumerate(vs):
            if v is None:
                continue
            bh = v / y_max * h
            svg.append(f"<rect x='{x0 + i * bar:.1f}' y='{top + h - bh:.1f}' width='{bar - 1:.1f}' height='{bh:.1f}' "
                       f"fill='{COLOURS[i]}'><title>{html.escape(name)} {labels[i]}: {v} ms</title></rect>")
        svg.append(f"<text x='{x0 + slot * 0.4:.1f}' y='{top + h + 16}' text-anchor='middle'>{html.escape(name)}</text>")
    svg.append("</svg>")
    return "\n".join(svg)


if __name__ == "__main__":
    main()
