-- POST a token issue for users of BENCH_USERS in turn (a repeat returns the same token),
-- each with its access token from BENCH_ACCESS (the same order) when the service signs
-- users in.
dofile(os.getenv("BENCH_DIR") .. "/wrk/common.lua")

local users, access, concert, i

function init(args)
  users = lines(os.getenv("BENCH_USERS"))
  local file = os.getenv("BENCH_ACCESS")
  if file and file ~= "" then
    access = lines(file)
    -- Without sign-in (SECURITY=open) the file holds only empty lines.
    if #access == 0 then
      access = nil
    end
  end
  concert = os.getenv("BENCH_CONCERT")
  i = id * 7919
end

function request()
  i = i + 1
  local n = (i % #users) + 1
  local headers = {}
  if access then
    headers["Authorization"] = "Bearer " .. access[n]
  end
  return wrk.format("POST", "/api/v1/queue/concerts/" .. concert .. "/users/" .. users[n], headers)
end
