-- The benchmark's bulk path into one concert's line (bench/queue-line.sh only; the service
-- never runs it): puts ARGV[1] silent fans at the back of the line in one call, as the
-- service's enter op would leave them after the opening, without its per-user
-- housekeeping. Members are 22 characters, as the service's are; scores are later comers'
-- (band 2^25); the histogram counts them; the current grace and presence slices mark them
-- (so the sweep keeps them for the grace and the first admissions go to the front, as if
-- they had just polled), each as one SETRANGE of 0xFF bytes.
--
-- KEYS: 1 waiting, 2 meta, 3 seq, 4 hist, 5 seen:<grace slice>, 6 seen:p<presence slice>
-- ARGV: 1 how many, 2 grace slice lifetime (ms), 3 the line's generation, 4 its salt,
--       5 presence slice lifetime (ms)
local BAND = 33554432
local SEQ_SPACE = 134217728
local FIFO_WIDTH = 1024
local PRE_BUCKETS = BAND / 8192
local count = tonumber(ARGV[1])
redis.call('HSETNX', KEYS[2], 'gen', ARGV[3])
redis.call('HSETNX', KEYS[2], 'salt', ARGV[4])
local last = redis.call('INCRBY', KEYS[3], count)
local first = last - count + 1
redis.call('HSETNX', KEYS[2], 'fifoFrom', first)
local pairs = {}
for seq = first, last do
  table.insert(pairs, BAND * SEQ_SPACE + seq)
  table.insert(pairs, string.format('b%021d', seq))
  if #pairs == 2000 or seq == last then
    redis.call('ZADD', KEYS[1], unpack(pairs))
    pairs = {}
  end
end
local bucket = PRE_BUCKETS + math.floor(first / FIFO_WIDTH)
local seq = first
while seq <= last do
  local bucket_end = math.min(last, (bucket - PRE_BUCKETS + 1) * FIFO_WIDTH - 1)
  redis.call('BITFIELD', KEYS[4], 'INCRBY', 'i32', '#' .. string.format('%d', bucket), bucket_end - seq + 1)
  seq = bucket_end + 1
  bucket = bucket + 1
end
-- Whole bytes of marks from the first seq's byte to the last's (neighbours' bits are
-- harmless: a seq no waiting member has is never read).
local from, to = math.floor(first / 8), math.floor(last / 8)
local marks = string.rep('\255', to - from + 1)
redis.call('SETRANGE', KEYS[5], from, marks)
redis.call('PEXPIRE', KEYS[5], ARGV[2])
redis.call('SETRANGE', KEYS[6], from, marks)
redis.call('PEXPIRE', KEYS[6], ARGV[5])
return last
