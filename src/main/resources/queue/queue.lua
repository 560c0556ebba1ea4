-- The waiting queue of one concert. Each call runs one operation (OPERATIONS at the end,
-- one named function each) atomically.
--
-- KEYS: 1 waiting   sorted set: user -> band * 2^27 + seq (band random before the sale
--                   opens, so the pre-queue is shuffled; 2^25 after, so later comers are FIFO)
--       2 active    sorted set: user -> admission expiry (ms): min(last booking call +
--                   idle timeout, admitted at + active ttl)
--       3 admitted  hash: user -> '<admitted at (ms)>:<seq of the entry>'; as small as the
--                   active set
--       4 meta      hash: opensAt, gen (the line's generation, drawn at random with its first
--                   entry), passed (every waiting score below it was away when the line last
--                   moved past it), limit, adaptedAt, h:<instance> (adaptive admission: the
--                   limit, when it last moved, each instance's last health report), rate,
--                   rateAt (admission rate, an exponentially weighted average), tokens,
--                   tokensAt (admit-per-second bucket), sweep (the sweep's cursor),
--                   admissions (users admitted since the line began), waited and waitedMs
--                   (those of them whose arrival is known, and their summed wait from
--                   entering to admission), for metrics
--       5 seq       counter of arrivals
--       6 arrivals  sorted set: second -> first seq issued in that second, so an admitted
--                   user's time of entering is known to the second without a key per user;
--                   the last ARRIVAL_SECONDS seconds with arrivals are kept
--       7-12 seen   bitmaps, bit seq of each set when that waiting user called, one per
--                   quarter of the grace (still in line): seen:<slice> of slices epoch - 4
--                   to epoch + 1 (the caller computes them from ARGV 3 and 7 as below)
--       13-16       and one per half of the presence (here now, so admitted at the front):
--                   seen:p<slice> of slices here_epoch - 2 to here_epoch + 1 (ARGV 3, 18)
--       17 hist     string of signed 32-bit counters (BITFIELD i32 #bucket): waiting users per
--                   score bucket (bucket() below), kept by every step that adds or removes a
--                   waiting user, so an instance can tell a position without a call per user
--       18 out      bitmap, bit seq set when that entry left the waiting set (admitted, left,
--                   dropped); seqs are never reused within a generation
--       19-21       scratch keys of the progress op (marks, and two for bitmap arithmetic)
--                   and of the sweep (20), deleted before the call returns
-- Every key carries the concert's hash tag, so on Redis Cluster a call runs on the shard of
-- the concert's slot. The set of concerts with users waiting (for the refill timer) spans
-- concerts and is kept by the caller, outside the script.
-- ARGV: 1 op, 2 user (report: the instance), 3 now (ms), 4 max active, 5 active ttl (ms),
--       6 idle timeout (ms), 7 waiting grace (ms), 8 admissions per second (0 = no limit),
--       9 opens at (ms), 10 random band (1 .. 2^25-1), 11 the concert id (unused), 12 sweep batch,
--       13 entry (of the token the call answers for), 14 idle timeout while users wait (ms),
--       15 min active (0: fixed admission, the cap is max active; else adaptive, the cap is
--       the line's limit between min and max active), 16 and 17: of report and limit,
--       18 presence (ms), 19 a random salt, kept only by the call that draws the line's
--       generation: the pre-queue's bands are drawn from it (pre_band), so an instance that
--       read it can tell a waiting user's score from the entry in the user's token
--
-- Entries: a user's entry into the line is gen * 2^27 + the seq of the arrival, kept in the
-- waiting score and then in the admitted hash; below 2^52, so exact as a Lua number and in
-- the reply. The generation makes numbers unique even after Redis lost the line and seq
-- starts again. An op answering for a token treats a user whose current entry is another
-- as not in line: an earlier entry's token reads EXPIRED, keeps no place, removes nothing.
--
-- Admission: a freed slot goes to the first waiting user who is here now (called within
-- the presence); users ahead of them who are away are passed over and keep their place, so
-- a user who gave up and never said so costs no slot, and one who comes back is next.
local BAND = 33554432
local SEQ_SPACE = 134217728
local RATE_TAU = 60000
local MAX_LOOKED = 1000
local LOOK_BATCH = 100
local ARRIVAL_SECONDS = 100000
-- Histogram buckets: a pre-queue band (1 .. BAND - 1) falls in one of PRE_BUCKETS buckets
-- of PRE_WIDTH bands; a later comer's seq in one of FIFO_WIDTH seqs after them. The
-- progress op also returns the first HEAD waiting scores, so positions near the front are
-- exact.
local PRE_WIDTH = 8192
local PRE_BUCKETS = BAND / PRE_WIDTH
local FIFO_WIDTH = 1024
local HEAD = 100

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
local presence = tonumber(ARGV[18] or ARGV[7])
local slice = math.max(1, math.floor(grace / 4))
local epoch = math.floor(now / slice)
local here_slice = math.max(1, math.floor(presence / 2))
local here_epoch = math.floor(now / here_slice)

-- The reply of every operation that answers for a user: {state, position (-1 unknown),
-- active until (ms), admissions per 1000 s, entry}.
local function rate()
  local r = tonumber(redis.call('HGET', KEYS[4], 'rate') or '0')
  local at = tonumber(redis.call('HGET', KEYS[4], 'rateAt') or tostring(now))
  return r * math.exp(-math.max(0, now - at) / RATE_TAU)
end

local function reply(state, position, active_until, entry)
  return {state, position, active_until, math.floor(rate() * 1000), entry}
end

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

-- A bit set in a bitmap of the current slice; the bitmap goes once no check reads it. Its
-- first bit sets its lifetime (PEXPIRE's NX option would, but needs Redis 7, and the
-- embedded mode's Redis is 6.2).
local function mark(key, seq, lasts)
  redis.call('SETBIT', key, seq, 1)
  if redis.call('PTTL', key) == -1 then
    redis.call('PEXPIRE', key, lasts)
  end
end

-- The waiting-users histogram bucket of a score.
local function bucket(score)
  local band = math.floor(score / SEQ_SPACE)
  if band < BAND then
    return math.floor(band / PRE_WIDTH)
  end
  return PRE_BUCKETS + math.floor((score % SEQ_SPACE) / FIFO_WIDTH)
end

local function counted(score, delta)
  redis.call('BITFIELD', KEYS[17], 'INCRBY', 'i32', '#' .. string.format('%d', bucket(score)), delta)
end

-- Every removal from the waiting set goes through here: the histogram and the out bitmap
-- follow it.
local function unwait(member, score)
  if redis.call('ZREM', KEYS[1], member) == 1 then
    counted(score, -1)
    redis.call('SETBIT', KEYS[18], score % SEQ_SPACE, 1)
  end
end

-- The band of a pre-queue arrival: random to the user, but drawn from the line's salt and
-- the seq, so an instance that knows the salt knows the score of a token's entry. Lines
-- begun before salts existed draw it per call, as then (their instances ask the store).
local function pre_band(seq)
  local salt = redis.call('HGET', KEYS[4], 'salt')
  if not salt then
    return tonumber(ARGV[10])
  end
  local drawn = tonumber(string.sub(redis.sha1hex(salt .. ':' .. string.format('%d', seq)), 1, 7), 16)
  return 1 + drawn % (BAND - 1)
end

-- The declared bitmap of grace slice e (epoch - 4 .. epoch + 1) and of presence slice e
-- (here_epoch - 2 .. here_epoch + 1).
local function grace_key(e)
  return KEYS[11 + e - epoch]
end

local function presence_key(e)
  return KEYS[15 + e - here_epoch]
end

local function any_bit(key_of, from, to, seq)
  for e = from, to do
    if redis.call('GETBIT', key_of(e), seq) == 1 then
      return true
    end
  end
  return false
end

-- Seen during the last grace: dropped between grace and grace + slice after the last poll.
-- The next slice counts too: a call carries the time its instance read before waiting for
-- Redis, so it can arrive after a user who entered in the next slice, and must not drop them.
local function alive(seq)
  return any_bit(grace_key, epoch - 4, epoch + 1, seq)
end

-- Seen within the presence (away between presence and 1.5 presence after the last call).
local function here(seq)
  return any_bit(presence_key, here_epoch - 2, here_epoch + 1, seq)
end

-- The waiting user at score is seen now: still in line, here, and if the line had passed
-- over them while away, the next admission looks from them on.
local function seen(seq, score)
  mark(grace_key(epoch), seq, grace + 2 * slice)
  mark(presence_key(here_epoch), seq, 4 * here_slice)
  local passed = redis.call('HGET', KEYS[4], 'passed')
  if passed and score < tonumber(passed) then
    redis.call('HSET', KEYS[4], 'passed', string.format('%d', score))
  end
end

-- A call of the user in entry expected (nil: whichever) counts as seen before the line
-- moves, so the call that finds a slot free can admit them.
local function seen_if_waiting(expected)
  local score = redis.call('ZSCORE', KEYS[1], user)
  if score then
    score = tonumber(score)
    local seq = score % SEQ_SPACE
    if (expected == nil or entry_of(seq) == expected) and alive(seq) then
      seen(seq, score)
    end
  end
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

local function expire_admissions()
  local gone = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now)
  if #gone > 0 then
    redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
    redis.call('HDEL', KEYS[3], unpack(gone))
  end
end

-- While users wait, an admission with no booking call for idle_waiting gives its slot up.
-- Its score is its last call (or admission) + idle, unless the active ttl capped it, which
-- only a user admitted for nearly the whole ttl has: those run to the ttl.
local function end_idle_admissions()
  if idle_waiting >= idle or redis.call('ZCARD', KEYS[1]) == 0 then
    return
  end
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

-- Free slots, bounded by the admit-per-second bucket; and the bucket's level, if it bounds.
local function free_slots()
  local free = cap() - redis.call('ZCARD', KEYS[2])
  if per_second <= 0 or free <= 0 then
    return free, nil
  end
  local tokens = tonumber(redis.call('HGET', KEYS[4], 'tokens') or '1')
  local at = tonumber(redis.call('HGET', KEYS[4], 'tokensAt') or tostring(now))
  tokens = math.min(math.max(1, per_second), tokens + math.max(0, now - at) * per_second / 1000)
  return math.min(free, math.floor(tokens)), tokens
end

local function admit_waiting(member, score, seq)
  unwait(member, score)
  redis.call('ZADD', KEYS[2], now + math.min(idle, ttl), member)
  redis.call('HSET', KEYS[3], member, string.format('%d:%d', now, seq))
  local arrival = redis.call('ZREVRANGEBYSCORE', KEYS[6], seq, '-inf', 'LIMIT', 0, 1)
  if #arrival > 0 then
    return math.max(0, now - tonumber(arrival[1]) * 1000)
  end
  return nil
end

-- Gives free slots to the waiting users who are here, in line order, looking at most at
-- MAX_LOOKED users from where the line last stopped (passed).
local function fill_slots()
  local free, tokens = free_slots()
  if free <= 0 then
    return
  end
  local from = redis.call('HGET', KEYS[4], 'passed') or '-inf'
  local admitted, looked, waited, waited_ms = 0, 0, 0, 0
  while free > 0 and looked < MAX_LOOKED do
    local batch = redis.call('ZRANGEBYSCORE', KEYS[1], from, '+inf', 'WITHSCORES', 'LIMIT', 0,
      math.min(LOOK_BATCH, MAX_LOOKED - looked))
    if #batch == 0 then
      break
    end
    for i = 1, #batch, 2 do
      local score = tonumber(batch[i + 1])
      local seq = score % SEQ_SPACE
      looked = looked + 1
      from = string.format('%d', score + 1)
      if here(seq) then
        local wait = admit_waiting(batch[i], score, seq)
        if wait then
          waited = waited + 1
          waited_ms = waited_ms + wait
        end
        admitted = admitted + 1
        free = free - 1
        if free == 0 then
          break
        end
      end
    end
  end
  if from ~= '-inf' then
    redis.call('HSET', KEYS[4], 'passed', from)
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

-- Run-out admissions go; once the sale is open, idle ones too while users wait, and free
-- slots go to the next users in line who are here.
local function housekeeping()
  expire_admissions()
  if now < opens_at() then
    return
  end
  end_idle_admissions()
  fill_slots()
end

-- Where the user stands, in entry expected (nil: in whichever). A waiting user who has not
-- called for the grace drops out here.
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
      if now < opens_at() then
        return reply('WAITING', -1, 0, entry)
      end
      return reply('WAITING', redis.call('ZRANK', KEYS[1], user) + 1, 0, entry)
    end
    unwait(user, tonumber(score))
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

local OPERATIONS = {}

-- The user enters the line (or keeps the entry they have). Reply: the user's.
function OPERATIONS.enter()
  redis.call('HSET', KEYS[4], 'opensAt', ARGV[9])
  if redis.call('HSETNX', KEYS[4], 'gen', ARGV[10]) == 1 and ARGV[19] and ARGV[19] ~= '' then
    redis.call('HSET', KEYS[4], 'salt', ARGV[19])
  end
  seen_if_waiting(nil)
  housekeeping()
  local current = standing(nil)
  if current[1] ~= 'EXPIRED' then
    return current
  end
  local seq = redis.call('INCR', KEYS[5])
  if redis.call('ZADD', KEYS[6], 'NX', seq, math.floor(now / 1000)) == 1
      and redis.call('ZCARD', KEYS[6]) > ARRIVAL_SECONDS then
    redis.call('ZREMRANGEBYRANK', KEYS[6], 0, 0)
  end
  -- Which seqs had which kind of band, so an instance can tell a score from a seq: those
  -- after lastPre are later comers, those before fifoFrom the pre-queue.
  local band = BAND
  if now < opens_at() then
    band = pre_band(seq)
    redis.call('HSET', KEYS[4], 'lastPre', seq)
  else
    redis.call('HSETNX', KEYS[4], 'fifoFrom', seq)
  end
  local score = band * SEQ_SPACE + seq
  if redis.call('ZADD', KEYS[1], score, user) == 1 then
    counted(score, 1)
  end
  seen(seq, score)
  housekeeping()
  return standing(nil)
end

-- A status poll (or a stream's visit) of the token's entry. Reply: the user's.
function OPERATIONS.standing()
  seen_if_waiting(wanted)
  housekeeping()
  return standing(wanted)
end

-- A booking call: an admitted user's idle timer restarts (never past the active ttl).
-- Reply: the user's.
function OPERATIONS.admit()
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
  seen_if_waiting(wanted)
  housekeeping()
  return standing(wanted)
end

-- The user leaves: the token's entry goes, admitted or waiting. Reply: EXPIRED.
function OPERATIONS.leave()
  if current_entry() == wanted then
    redis.call('ZREM', KEYS[2], user)
    redis.call('HDEL', KEYS[3], user)
    local score = redis.call('ZSCORE', KEYS[1], user)
    if score then
      unwait(user, tonumber(score))
    end
  end
  housekeeping()
  return reply('EXPIRED', 0, 0, 0)
end

-- After the user's last payment: their admission ends, whichever its entry; a place they
-- are waiting in (they queued again, for more seats) stays theirs. Reply: EXPIRED.
function OPERATIONS.release()
  redis.call('ZREM', KEYS[2], user)
  redis.call('HDEL', KEYS[3], user)
  housekeeping()
  return reply('EXPIRED', 0, 0, 0)
end

-- The refill timer's visit. It visits only concerts with a line: one whose line is empty
-- answers EMPTY, and the caller takes it out of the set of concerts with users waiting
-- (a waiting entry puts it back), so it costs nothing until someone waits.
-- Run-out admissions of such a concert need no timer: every read counts only admissions
-- that have not run out, and the next call on the line removes them. Waiting users who
-- stopped polling drop out, a batch per call, so positions stay true. Reply: EXPIRED, or
-- EMPTY when nobody waits.
function OPERATIONS.refill()
  if redis.call('ZCARD', KEYS[1]) == 0 then
    return reply('EMPTY', 0, 0, 0)
  end
  housekeeping()
  local cursor = redis.call('HGET', KEYS[4], 'sweep')
  local from = '-inf'
  if cursor then
    from = '(' .. cursor
  end
  local batch = tonumber(ARGV[12])
  local entries = redis.call('ZRANGEBYSCORE', KEYS[1], from, '+inf', 'WITHSCORES', 'LIMIT', 0, batch)
  if #entries > 0 then
    -- Who is alive, for the whole batch in three commands: the grace slices ORed into one
    -- bitmap, read once over the batch's seqs, and tested here (not a GETBIT per slice
    -- and waiting user, which made the sweep of a long line most of Redis's work).
    local low, high = SEQ_SPACE, 0
    for i = 2, #entries, 2 do
      local seq = tonumber(entries[i]) % SEQ_SPACE
      low, high = math.min(low, seq), math.max(high, seq)
    end
    redis.call('BITOP', 'OR', KEYS[20], KEYS[7], KEYS[8], KEYS[9], KEYS[10], KEYS[11], KEYS[12])
    local first = math.floor(low / 8)
    local bits = redis.call('GETRANGE', KEYS[20], first, math.floor(high / 8))
    redis.call('DEL', KEYS[20])
    for i = 1, #entries, 2 do
      local score = tonumber(entries[i + 1])
      local seq = score % SEQ_SPACE
      local byte = string.byte(bits, math.floor(seq / 8) - first + 1) or 0
      if bit.band(byte, bit.rshift(128, seq % 8)) == 0 then
        unwait(entries[i], score)
      end
    end
  end
  if #entries < 2 * batch then
    redis.call('HDEL', KEYS[4], 'sweep')
  else
    redis.call('HSET', KEYS[4], 'sweep', entries[#entries])
  end
  return reply('EXPIRED', 0, 0, 0)
end

-- Read only: monitoring must not change the line (nor create keys for concerts without
-- one). Reply: {'SIZE', waiting, active, admissions, waited, waitedMs, cap}.
function OPERATIONS.size()
  local meta = redis.call('HMGET', KEYS[4], 'admissions', 'waited', 'waitedMs')
  return {'SIZE', redis.call('ZCARD', KEYS[1]), redis.call('ZCOUNT', KEYS[2], '(' .. now, '+inf'),
    tonumber(meta[1] or '0'), tonumber(meta[2] or '0'), tonumber(meta[3] or '0'), cap()}
end

-- An instance's health report (ARGV[2] the instance, ARGV[16] the report) is kept in meta
-- as h:<instance> = '<now>:<report>'. Once per interval (ARGV[17], ms) the first report
-- claims the step, and the caller answers with op limit. Reply: {'HOLD', cap}, or
-- {'STEP', limit, users wait (0/1), claimed at, every report of the last two intervals...}
-- (older ones are dropped).
function OPERATIONS.report()
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
end

-- The step claimed at ARGV[17] sets the limit ARGV[16], unless a later step was claimed
-- since; a risen limit admits at once. Reply: {'LIMIT', cap}.
function OPERATIONS.limit()
  if redis.call('HGET', KEYS[4], 'adaptedAt') == ARGV[17] then
    redis.call('HSET', KEYS[4], 'limit', ARGV[16])
  end
  housekeeping()
  return {'LIMIT', cap()}
end

-- A bitmap of a slice ORed with the marks, living as mark() makes it live.
local function mark_all(key, marks, lasts)
  redis.call('BITOP', 'OR', key, key, marks)
  if redis.call('PTTL', key) == -1 then
    redis.call('PEXPIRE', key, lasts)
  end
end

-- An instance's visit for all its waiters of the line at once, once per interval (the
-- only call a waiting user's poll costs, shared by all of them). ARGV[16]: a bitmap (bit
-- seq as SETBIT numbers it) of the waiting users of this generation who called the
-- instance since its last visit, from byte ARGV[17] on; they count as seen, in one write
-- per bitmap, except those no longer in line (out, or silent for the grace: the per-call
-- path would drop them), which the reply names for the instance to ask about one by one.
-- Then the line moves (housekeeping), and the reply says where it stands:
-- {'PROGRESS', opensAt, passed, gen, salt, rate (per 1000 s), fifoFrom, lastPre, seq,
--  waiting, histogram, {the first HEAD waiting members' scores}, offset of gone, gone}
-- (a missing value is '').
function OPERATIONS.progress()
  local callers = ARGV[16] or ''
  local offset = tonumber(ARGV[17] ~= '' and ARGV[17] or '0')
  local gone = ''
  if callers ~= '' then
    local marks, dropped, out = KEYS[19], KEYS[20], KEYS[21]
    redis.call('SETRANGE', marks, offset, callers)
    redis.call('BITOP', 'OR', dropped, KEYS[7], KEYS[8], KEYS[9], KEYS[10], KEYS[11], KEYS[12])
    redis.call('BITOP', 'AND', dropped, dropped, marks)
    redis.call('BITOP', 'XOR', dropped, dropped, marks)
    redis.call('BITOP', 'AND', out, marks, KEYS[18])
    redis.call('BITOP', 'OR', dropped, dropped, out)
    if redis.call('BITCOUNT', dropped) > 0 then
      gone = redis.call('GETRANGE', dropped, offset, -1)
      redis.call('BITOP', 'XOR', marks, marks, dropped)
    end
    mark_all(grace_key(epoch), marks, grace + 2 * slice)
    mark_all(presence_key(here_epoch), marks, 4 * here_slice)
    redis.call('DEL', marks, dropped, out)
  end
  if redis.call('ZCARD', KEYS[1]) > 0 then
    housekeeping()
  end
  local meta = redis.call('HMGET', KEYS[4], 'opensAt', 'passed', 'gen', 'salt', 'fifoFrom', 'lastPre')
  for i = 1, #meta do
    meta[i] = meta[i] or ''
  end
  return {'PROGRESS', meta[1], meta[2], meta[3], meta[4], math.floor(rate() * 1000), meta[5], meta[6],
    redis.call('GET', KEYS[5]) or '0', redis.call('ZCARD', KEYS[1]), redis.call('GET', KEYS[17]) or '',
    redis.call('ZRANGE', KEYS[1], 0, HEAD - 1, 'WITHSCORES'), offset, gone}
end

local operation = OPERATIONS[op]
if not operation then
  return redis.error_reply('unknown queue operation ' .. tostring(op))
end
return operation()
