-- KEYS: waiting, active
-- ARGV: now (ms), max active, active ttl (ms)
promote(KEYS[1], KEYS[2], tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]))
return redis.call('ZCARD', KEYS[2])
