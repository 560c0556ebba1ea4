-- KEYS: waiting, active, secrets
-- ARGV: user, secret, now (ms), max active, active ttl (ms)
if redis.call('HGET', KEYS[3], ARGV[1]) ~= ARGV[2] then
  return {'UNKNOWN', '0', '0'}
end
promote(KEYS[1], KEYS[2], tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5]))
return standing(KEYS[1], KEYS[2], ARGV[1])
