-- GET the path in BENCH_PATH with the bearer tokens of BENCH_TOKENS (one per line) in turn.
dofile(os.getenv("BENCH_DIR") .. "/wrk/common.lua")

local tokens, path, i

function init(args)
  tokens = lines(os.getenv("BENCH_TOKENS"))
  path = os.getenv("BENCH_PATH")
  i = id * 7919
end

function request()
  i = i + 1
  return wrk.format("GET", path, { ["Authorization"] = "Bearer " .. tokens[i % #tokens + 1] })
end
