--[[
  Counts the processed queue's tickets in score ranges (the urgency histogram and the
  urgent/high counts), with the queue's size, from one snapshot: each is a ZCOUNT,
  O(log n), whatever the queue's size.

  Input:
    KEYS[1] processed sorted set
    ARGV    min, max, min, max, ... (ZCOUNT bounds: '(' excludes, '-inf' / '+inf')

  Output:
    { size, count, count, ... }
]]
local out = { redis.call('ZCARD', KEYS[1]) }
for i = 1, #ARGV, 2 do
  out[#out + 1] = redis.call('ZCOUNT', KEYS[1], ARGV[i], ARGV[i + 1])
end
return out
