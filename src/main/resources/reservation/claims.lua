-- Seat claims. KEYS[1]: the seat's claim key, holding "<reservation>:<ends ms>".
-- ARGV: 1 op (claim|extend|release), 2 reservation, 3 now (ms), 4 ends (ms).
-- A claim is live while ends > now by the service's clock: the Redis mirror of the one
-- live-hold rule that SQL and Java say in dev.ticketing.common.LiveHold (a hold ending
-- exactly at now is over), so a claim stands exactly as long as the hold it fronts. The
-- key's own expiry only collects it afterwards. Only the owner may extend or release a
-- claim.
-- Reply: 'WON' for a claim won; for a claim refused, the live claim ("<reservation>:<ends
-- ms>"), so that the caller can turn later attempts on the seat away without asking
-- again; 'OK' for extend and release.
local op, reservation = ARGV[1], ARGV[2]
local now, ends = tonumber(ARGV[3]), tonumber(ARGV[4])
local current = redis.call('GET', KEYS[1])
local owner, owner_until = nil, 0
if current then
  local sep = string.find(current, ':', 1, true)
  owner = string.sub(current, 1, sep - 1)
  owner_until = tonumber(string.sub(current, sep + 1))
end
local function keep()
  redis.call('SET', KEYS[1], reservation .. ':' .. ARGV[4], 'PX', math.max(1000, ends - now + 60000))
end
if op == 'claim' then
  if owner and owner ~= reservation and owner_until > now then
    return current
  end
  keep()
  return 'WON'
elseif op == 'extend' then
  if owner == reservation then
    keep()
  end
  return 'OK'
elseif op == 'release' then
  if owner == reservation then
    redis.call('DEL', KEYS[1])
  end
  return 'OK'
end
return redis.error_reply('unknown claim operation ' .. tostring(op))
