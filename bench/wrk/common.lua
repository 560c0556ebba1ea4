-- Shared by the benchmark scripts: per-thread status counting and a summary with p95
-- (wrk's own --latency report stops at 50/75/90/99).
local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function lines(path)
  local list = {}
  for line in io.lines(path) do
    if line ~= "" then
      table.insert(list, line)
    end
  end
  return list
end

statuses = {}

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local counts = {}
  for _, thread in ipairs(threads) do
    local s = thread:get("statuses")
    for status, n in pairs(s) do
      counts[status] = (counts[status] or 0) + n
    end
  end
  local parts = {}
  for status, n in pairs(counts) do
    table.insert(parts, status .. "=" .. n)
  end
  table.sort(parts)
  local seconds = summary.duration / 1e6
  io.write(string.format("RESULT requests=%d rps=%.0f p50_ms=%.2f p95_ms=%.2f p99_ms=%.2f max_ms=%.2f errors=%d statuses=%s\n",
    summary.requests, summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    table.concat(parts, ",")))
end
