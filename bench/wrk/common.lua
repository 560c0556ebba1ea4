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

-- BENCH_RATE (requests per second, all threads together) turns the closed loop into a
-- paced one: each thread sends on a fixed schedule, whatever the answers take, so the
-- latency shows the time per call at that arrival rate rather than the wait behind the
-- other connections. A send falls behind its slot only when every connection of the
-- thread is busy; the achieved rate then stays below BENCH_RATE, which the RESULT shows.
local rate = tonumber(os.getenv("BENCH_RATE") or "")
if rate then
  local ffi = require("ffi")
  ffi.cdef [[
    struct bench_timespec { long tv_sec; long tv_nsec; };
    int clock_gettime(int clock, struct bench_timespec *now);
  ]]
  local now = ffi.new("struct bench_timespec")
  local function millis()
    ffi.C.clock_gettime(1, now) -- CLOCK_MONOTONIC
    return tonumber(now.tv_sec) * 1000 + tonumber(now.tv_nsec) / 1e6
  end
  local interval = 1000 * tonumber(os.getenv("BENCH_THREADS")) / rate
  local slot

  -- wrk asks before every request how many milliseconds to wait.
  function delay()
    local t = millis()
    slot = (slot or t) + interval
    return math.max(0, math.floor(slot - t))
  end
end
