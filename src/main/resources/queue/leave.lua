-- KEYS: waiting, active
-- ARGV: user, now (ms), max active, active ttl (ms)
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('ZREM', KEYS[1], ARGV[1])
promote(KEYS[1], KEYS[2], tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4]))
return redis.call('ZCARD', KEYS[2])
