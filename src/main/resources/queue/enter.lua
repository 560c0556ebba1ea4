-- KEYS: waiting, active, secrets, seq, registry
-- ARGV: user, new secret, now (ms), max active, active ttl (ms), concert
local now = tonumber(ARGV[3])
local max_active = tonumber(ARGV[4])
local ttl = tonumber(ARGV[5])
local secret = redis.call('HGET', KEYS[3], ARGV[1])
if not secret then
  secret = ARGV[2]
  redis.call('HSET', KEYS[3], ARGV[1], secret)
end
redis.call('SADD', KEYS[5], ARGV[6])
promote(KEYS[1], KEYS[2], now, max_active, ttl)
if not redis.call('ZSCORE', KEYS[2], ARGV[1]) and not redis.call('ZSCORE', KEYS[1], ARGV[1]) then
  redis.call('ZADD', KEYS[1], redis.call('INCR', KEYS[4]), ARGV[1])
  promote(KEYS[1], KEYS[2], now, max_active, ttl)
end
return {secret}
