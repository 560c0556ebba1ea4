-- Shared by every queue script: expire run-out admissions, then admit the head of the
-- line into free slots. Runs inside the calling script, so it is atomic with it.
local function promote(waiting, active, now, max_active, ttl)
  redis.call('ZREMRANGEBYSCORE', active, '-inf', now)
  local free = max_active - redis.call('ZCARD', active)
  if free > 0 then
    local admitted = redis.call('ZPOPMIN', waiting, free)
    for i = 1, #admitted, 2 do
      redis.call('ZADD', active, now + ttl, admitted[i])
    end
  end
end

local function standing(waiting, active, user)
  local active_until = redis.call('ZSCORE', active, user)
  if active_until then
    return {'ACTIVE', '0', active_until}
  end
  local rank = redis.call('ZRANK', waiting, user)
  if rank then
    return {'WAITING', tostring(rank + 1), '0'}
  end
  return {'EXPIRED', '0', '0'}
end
