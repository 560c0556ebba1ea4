-- POST payments for the reservations of BENCH_PAYMENTS ("reservationId token" per line),
-- each once, split between threads; past the end the same ones again (answered from
-- the existing payment, so the run's figures come from the first pass).
dofile(os.getenv("BENCH_DIR") .. "/wrk/common.lua")

local entries, i, step

function init(args)
  entries = {}
  for _, line in ipairs(lines(os.getenv("BENCH_PAYMENTS"))) do
    local reservation, token = line:match("^(%S+)%s+(%S+)$")
    table.insert(entries, { reservation, token })
  end
  step = tonumber(os.getenv("BENCH_THREADS"))
  i = id - step
end

function request()
  i = i + step
  local e = entries[(i % #entries) + 1]
  return wrk.format("POST", "/api/v1/payments/" .. e[1], { ["Authorization"] = "Bearer " .. e[2] })
end
