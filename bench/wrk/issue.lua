-- POST a token issue for users of BENCH_USERS in turn (a repeat returns the same token).
dofile(os.getenv("BENCH_DIR") .. "/wrk/common.lua")

local users, concert, i

function init(args)
  users = lines(os.getenv("BENCH_USERS"))
  concert = os.getenv("BENCH_CONCERT")
  i = id * 7919
end

function request()
  i = i + 1
  return wrk.format("POST", "/api/v1/queue/concerts/" .. concert .. "/users/" .. users[(i % #users) + 1])
end
