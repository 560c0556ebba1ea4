-- POST a hold on a seat of BENCH_SEATS (one id per line) as a user of BENCH_TOKENS.
-- BENCH_PICK=random: every request a random seat (contention); =next: each seat once,
-- in turn, split between threads (to fill holds for the payment run).
dofile(os.getenv("BENCH_DIR") .. "/wrk/common.lua")

local tokens, seats, body, pick, i, step

function init(args)
  tokens = lines(os.getenv("BENCH_TOKENS"))
  seats = lines(os.getenv("BENCH_SEATS"))
  body = string.format('{"concertId":"%s","concertDateId":%s}', os.getenv("BENCH_CONCERT"), os.getenv("BENCH_DATE"))
  pick = os.getenv("BENCH_PICK")
  step = tonumber(os.getenv("BENCH_THREADS"))
  i = id - step
  math.randomseed(id * 104729 + os.time())
end

function request()
  i = i + step
  local seat
  if pick == "next" then
    seat = seats[(i % #seats) + 1]
  else
    seat = seats[math.random(#seats)]
  end
  return wrk.format("POST", "/api/v1/reservations/seats/" .. seat,
    { ["Authorization"] = "Bearer " .. tokens[(i % #tokens) + 1], ["Content-Type"] = "application/json" }, body)
end
