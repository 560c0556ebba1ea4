-- The waiting queue of one concert, one atomic script per call.
--
-- KEYS: 1 waiting   sorted set: user -> band * 2^27 + seq (band random before the sale
--                   opens, so the pre-queue is shuffled; 2^25 after, so later comers are FIFO)
--       2 active    sorted set: user -> admission expiry (ms): min(last booking call +
--                   idle timeout, admitted at + active ttl)
--       3 admitted  hash: user -> '<admitted at (ms)>:<seq of the entry>'; as small as the
--                   active set
--       4 meta      hash: opensAt, gen (the line's generation, drawn at random with its first
--                   entry), limit, adaptedAt, h:<instance> (adaptive admission: the limit,
--                   when it last moved, each instance's last health report), rate, rateAt
--                   (admission rate, an exponentially
--                   weighted average), tokens, tokensAt (admit-per-second bucket), sweep,
--                   admissions (users admitted since the line began), waited and
--                   waitedMs (those of them whose arrival is known, and their summed wait
--                   from entering to admission), for metrics
--       5 seq       counter of arrivals
--       6 registry  set of concerts with users waiting (for the refill timer)
--       7 seen      prefix of the seen bitmaps: bit seq of seen:<slice> is set when that
--                   waiting user polled during that slice of time (a quarter of the grace)
--       8 arrivals  sorted set: second -> first seq issued in that second, so an admitted
--                   user's time of entering is known to the second without a key per user;
--                   the last ARRIVAL_SECONDS seconds with arrivals are kept
-- ARGV: 1 op, 2 user, 3 now (ms), 4 max active, 5 active ttl (ms), 6 idle timeout (ms),
--       7 waiting grace (ms), 8 admissions per second (0 = no limit), 9 opens at (ms),
--       10 random band (1 .. 2^25-1), 11 concert id, 12 sweep batch, 13 entry (of the token
--       the call answers for: standing, admit, leave), 14 idle timeout while users wait (ms),
--       15 min active (0: fixed admission, the cap is max active; else adaptive, the cap is
--       the line's limit between min and max active), 16 and 17: of ops report and limit
-- Reply: {state, position (-1 unknown), active until (ms), admissions per 1000 s, entry};
--        op size: {'SIZE', waiting, active, admissions, waited, waitedMs, cap};
--        op report: {'HOLD', cap} or {'STEP', limit, users wait (0/1), claimed at, reports...};
--        op limit: {'LIMIT', cap}
--
-- Entries: a user's entry into the line is gen * 2^27 + the seq of the arrival, kept in the
-- waiting score and then in the admitted hash; below 2^52, so exact as a Lua number and in
-- the reply. The generation makes numbers unique even after Redis lost the line and seq
-- starts again. An op answering for a token treats a user whose current entry is another
-- as not in line: an earlier entry's token reads EXPIRED, keeps no place, removes nothing.
local BAND = 33554432
local SEQ_SPACE = 134217728
local RATE_TAU = 60000
local MAX_SKIPPED = 1000
local ARRIVAL_SECONDS = 100000

local op, user = ARGV[1], ARGV[2]
local now = tonumber(ARGV[3])
local max_active = tonumber(ARGV[4])
local ttl = tonumber(ARGV[5])
local idle = tonumber(ARGV[6])
local grace = tonumber(ARGV[7])
local per_second = tonumber(ARGV[8])
local wanted = tonumber(ARGV[13] or '0')
local idle_waiting = tonumber(ARGV[14] or ARGV[6])
local min_active = tonumber(ARGV[15] or '0')
local slice = math.max(1, math.floor(grace / 4))
local epoch = math.floor(now / slice)

local function opens_at()
  return tonumber(redis.call('HGET', KEYS[4], 'opensAt') or '0')
end

local gen
local function entry_of(seq)
  if not gen then
    gen = tonumber(redis.call('HGET', KEYS[4], 'gen') or '0')
  end
  return gen * SEQ_SPACE + seq
end

-- Admitted at (ms) and seq of an admitted user's entry. A value written before entries were
-- kept has no seq: 0, which no arrival gets, so its entry is its own.
local function admission(member)
  local value = redis.call('HGET', KEYS[3], member)
  if not value then
    return now, 0
  end
  local at, seq = string.match(value, '^(%d+):(%d+)$')
  if at then
    return tonumber(at), tonumber(seq)
  end
  return tonumber(value), 0
end

local function touch(seq)
  local key = KEYS[7] .. epoch
  redis.call('SETBIT', key, seq, 1)
  redis.call('PEXPIRE', key, grace + 2 * slice, 'NX')
end

-- Seen during the last grace: dropped between grace and grace + slice after the last poll.
-- The next slice counts too: a call carries the time its instance read before waiting for
-- Redis, so it can arrive after a user who entered in the next slice, and must not drop them.
local function alive(seq)
  for e = epoch - 4, epoch + 1 do
    if redis.call('GETBIT', KEYS[7] .. e, seq) == 1 then
      return true
    end
  end
  return false
end

-- How many may be admitted at once: max active, or with adaptive admission (min active > 0)
-- the line's limit, which AdaptiveLimit moves (ops report and limit) between min and max.
local function limit_now()
  return tonumber(redis.call('HGET', KEYS[4], 'limit') or tostring(min_active))
end

local function cap()
  if min_active <= 0 then
    return max_active
  end
  return math.max(math.min(min_active, max_active), math.min(max_active, math.floor(limit_now())))
end

local function rate()
  local r = tonumber(redis.call('HGET', KEYS[4], 'rate') or '0')
  local at = tonumber(redis.call('HGET', KEYS[4], 'rateAt') or tostring(now))
  return r * math.exp(-math.max(0, now - at) / RATE_TAU)
end

local function housekeeping()
  local gone = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now)
  if #gone > 0 then
    redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
    redis.call('HDEL', KEYS[3], unpack(gone))
  end
  if now < opens_at() then
    return
  end
  if idle_waiting < idle and redis.call('ZCARD', KEYS[1]) > 0 then
    -- Users wait: an admission with no booking call for idle_waiting gives its slot up.
    -- Its score is its last call (or admission) + idle, unless the active ttl capped it,
    -- which only a user admitted for nearly the whole ttl has: those run to the ttl.
    local cutoff = now + idle - idle_waiting
    local idlers = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', cutoff, 'WITHSCORES')
    for i = 1, #idlers, 2 do
      local admitted_at = admission(idlers[i])
      if tonumber(idlers[i + 1]) < admitted_at + ttl then
        redis.call('ZREM', KEYS[2], idlers[i])
        redis.call('HDEL', KEYS[3], idlers[i])
      end
    end
  end
  local free = cap() - redis.call('ZCARD', KEYS[2])
  local tokens
  if per_second > 0 and free > 0 then
    tokens = tonumber(redis.call('HGET', KEYS[4], 'tokens') or '1')
    local at = tonumber(redis.call('HGET', KEYS[4], 'tokensAt') or tostring(now))
    tokens = math.min(math.max(1, per_second), tokens + math.max(0, now - at) * per_second / 1000)
    free = math.min(free, math.floor(tokens))
  end
  local admitted, skipped, waited, waited_ms = 0, 0, 0, 0
  while free > 0 and skipped < MAX_SKIPPED do
    local head = redis.call('ZPOPMIN', KEYS[1], free)
    if #head == 0 then
      break
    end
    for i = 1, #head, 2 do
      local seq = tonumber(head[i + 1]) % SEQ_SPACE
      if alive(seq) then
        redis.call('ZADD', KEYS[2], now + math.min(idle, ttl), head[i])
        redis.call('HSET', KEYS[3], head[i], string.format('%d:%d', now, seq))
        local arrival = redis.call('ZREVRANGEBYSCORE', KEYS[8], seq, '-inf', 'LIMIT', 0, 1)
        if #arrival > 0 then
          waited = waited + 1
          waited_ms = waited_ms + math.max(0, now - tonumber(arrival[1]) * 1000)
        end
        admitted = admitted + 1
        free = free - 1
      else
        skipped = skipped + 1
      end
    end
  end
  if tokens then
    redis.call('HSET', KEYS[4], 'tokens', tokens - admitted, 'tokensAt', now)
  end
  if admitted > 0 then
    redis.call('HSET', KEYS[4], 'rate', rate() + admitted * 1000 / RATE_TAU, 'rateAt', now)
    redis.call('HINCRBY', KEYS[4], 'admissions', admitted)
    if waited > 0 then
      redis.call('HINCRBY', KEYS[4], 'waited', waited)
      redis.call('HINCRBY', KEYS[4], 'waitedMs', waited_ms)
    end
  end
end

local function reply(state, position, active_until, entry)
  return {state, position, active_until, math.floor(rate() * 1000), entry}
end

-- Where the user stands, in entry {expected} (nil: in whichever entry).
local function standing(expected)
  local active_until = redis.call('ZSCORE', KEYS[2], user)
  if active_until and tonumber(active_until) > now then
    local _, seq = admission(user)
    local entry = entry_of(seq)
    if expected and expected ~= entry then
      return reply('EXPIRED', 0, 0, 0)
    end
    return reply('ACTIVE', 0, tonumber(active_until), entry)
  end
  local score = redis.call('ZSCORE', KEYS[1], user)
  if score then
    local seq = tonumber(score) % SEQ_SPACE
    local entry = entry_of(seq)
    if expected and expected ~= entry then
      -- Polling with an earlier entry's token neither keeps this entry's place nor drops it.
      return reply('EXPIRED', 0, 0, 0)
    end
    if alive(seq) then
      touch(seq)
      if now < opens_at() then
        return reply('WAITING', -1, 0, entry)
      end
      return reply('WAITING', redis.call('ZRANK', KEYS[1], user) + 1, 0, entry)
    end
    redis.call('ZREM', KEYS[1], user)
  end
  return reply('EXPIRED', 0, 0, 0)
end

-- The user's current entry, admitted or else waiting; nil if neither. Reads only.
local function current_entry()
  local active_until = redis.call('ZSCORE', KEYS[2], user)
  if active_until and tonumber(active_until) > now then
    local _, seq = admission(user)
    return entry_of(seq)
  end
  local score = redis.call('ZSCORE', KEYS[1], user)
  if score then
    return entry_of(tonumber(score) % SEQ_SPACE)
  end
  return nil
end

if op == 'enter' then
  redis.call('HSET', KEYS[4], 'opensAt', ARGV[9])
  redis.call('HSETNX', KEYS[4], 'gen', ARGV[10])
  redis.call('SADD', KEYS[6], ARGV[11])
  housekeeping()
  local current = standing()
  if current[1] ~= 'EXPIRED' then
    return current
  end
  local seq = redis.call('INCR', KEYS[5])
  if redis.call('ZADD', KEYS[8], 'NX', seq, math.floor(now / 1000)) == 1
      and redis.call('ZCARD', KEYS[8]) > ARRIVAL_SECONDS then
    redis.call('ZREMRANGEBYRANK', KEYS[8], 0, 0)
  end
  local band = BAND
  if now < opens_at() then
    band = tonumber(ARGV[10])
  end
  redis.call('ZADD', KEYS[1], band * SEQ_SPACE + seq, user)
  touch(seq)
  housekeeping()
  return standing(nil)
elseif op == 'standing' then
  housekeeping()
  return standing(wanted)
elseif op == 'admit' then
  local active_until = redis.call('ZSCORE', KEYS[2], user)
  if active_until and tonumber(active_until) > now then
    local admitted_at, seq = admission(user)
    if entry_of(seq) ~= wanted then
      return reply('EXPIRED', 0, 0, 0)
    end
    local extended = math.min(now + idle, admitted_at + ttl)
    redis.call('ZADD', KEYS[2], 'XX', extended, user)
    return reply('ACTIVE', 0, extended, wanted)
  end
  housekeeping()
  return standing(wanted)
elseif op == 'leave' or op == 'release' then
  -- leave: only the token's entry; release (after a payment): whichever entry.
  if op == 'release' or current_entry() == wanted then
    redis.call('ZREM', KEYS[2], user)
    redis.call('HDEL', KEYS[3], user)
    redis.call('ZREM', KEYS[1], user)
  end
  housekeeping()
  return reply('EXPIRED', 0, 0, 0)
elseif op == 'refill' then
  -- The timer visits only concerts with a line: one whose line is empty leaves the registry
  -- (entering puts it back) and costs nothing until someone waits. Run-out admissions of
  -- such a concert need no timer: every read counts only admissions that have not run out,
  -- and the next call on the line removes them.
  if redis.call('ZCARD', KEYS[1]) == 0 then
    redis.call('SREM', KEYS[6], ARGV[11])
    return reply('EXPIRED', 0, 0, 0)
  end
  housekeeping()
  -- Drop waiting users who stopped polling, a batch per call, so positions stay true.
  local cursor = redis.call('HGET', KEYS[4], 'sweep')
  local from = '-inf'
  if cursor then
    from = '(' .. cursor
  end
  local batch = tonumber(ARGV[12])
  local entries = redis.call('ZRANGEBYSCORE', KEYS[1], from, '+inf', 'WITHSCORES', 'LIMIT', 0, batch)
  for i = 1, #entries, 2 do
    if not alive(tonumber(entries[i + 1]) % SEQ_SPACE) then
      redis.call('ZREM', KEYS[1], entries[i])
    end
  end
  if #entries < 2 * batch then
    redis.call('HDEL', KEYS[4], 'sweep')
  else
    redis.call('HSET', KEYS[4], 'sweep', entries[#entries])
  end
  return reply('EXPIRED', 0, 0, 0)
elseif op == 'size' then
  -- Read only: monitoring must not change the line (nor create keys for concerts without one).
  local meta = redis.call('HMGET', KEYS[4], 'admissions', 'waited', 'waitedMs')
  return {'SIZE', redis.call('ZCARD', KEYS[1]), redis.call('ZCOUNT', KEYS[2], '(' .. now, '+inf'),
    tonumber(meta[1] or '0'), tonumber(meta[2] or '0'), tonumber(meta[3] or '0'), cap()}
elseif op == 'report' then
  -- An instance's health report (ARGV[2] the instance, ARGV[16] the report) is kept in meta
  -- as h:<instance> = '<now>:<report>'. Once per interval (ARGV[17], ms) the first report
  -- claims the step: the reply carries the limit, whether users wait, the claim's time and
  -- every report of the last two intervals (older ones are dropped), and the caller answers
  -- with op limit. Otherwise the reply is the limit alone.
  local interval = tonumber(ARGV[17])
  redis.call('HSET', KEYS[4], 'h:' .. user, ARGV[3] .. ':' .. ARGV[16])
  local at = tonumber(redis.call('HGET', KEYS[4], 'adaptedAt') or '0')
  if now - at < interval then
    return {'HOLD', cap()}
  end
  redis.call('HSET', KEYS[4], 'adaptedAt', ARGV[3])
  local waiting = 0
  if redis.call('ZCARD', KEYS[1]) > 0 then
    waiting = 1
  end
  local out = {'STEP', tostring(limit_now()), waiting, ARGV[3]}
  local fields = redis.call('HGETALL', KEYS[4])
  for i = 1, #fields, 2 do
    if string.sub(fields[i], 1, 2) == 'h:' then
      local reported, report = string.match(fields[i + 1], '^(%d+):(.*)$')
      if reported and now - tonumber(reported) <= 2 * interval then
        table.insert(out, report)
      else
        redis.call('HDEL', KEYS[4], fields[i])
      end
    end
  end
  return out
elseif op == 'limit' then
  -- The step claimed at ARGV[17] sets the limit ARGV[16], unless a later step was claimed
  -- since; a risen limit admits at once.
  if redis.call('HGET', KEYS[4], 'adaptedAt') == ARGV[17] then
    redis.call('HSET', KEYS[4], 'limit', ARGV[16])
  end
  housekeeping()
  return {'LIMIT', cap()}
end
return redis.error_reply('unknown queue operation ' .. tostring(op))
