-- Spends a join challenge's solution once and counts the join, atomically.
-- KEYS[1]: the solution's "used" marker; KEYS[2]: the concert's joins in this second.
-- Both carry the concert's hash tag, so they share a slot on Redis Cluster.
-- ARGV[1]: how long the marker outlives the challenge's expiry (ms);
-- ARGV[2]: how long the second's counter is kept (s).
-- Returns 1 if this call spent the solution, 0 if it had been spent before.
if not redis.call('SET', KEYS[1], '1', 'NX', 'PX', ARGV[1]) then
  return 0
end
redis.call('INCR', KEYS[2])
redis.call('EXPIRE', KEYS[2], ARGV[2])
return 1
