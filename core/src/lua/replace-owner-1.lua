--[[
  Compare-and-set on one ticket id's owner record (see reserve-owners-2.lua): replaces
  it, or deletes it, only if it still starts with what the caller saw (and, to take a
  record over, only once it is old enough by Redis' clock). A pop forgets the record of
  the claim it ended (`<team>|<seq>|`) and leaves a newer one alone; a submission takes
  over another team's record that names no live claim only after the grace period, and
  only if nobody changed it since.

  Input:
    KEYS[1] claim owners hash
    ARGV[1] ticket id
    ARGV[2] the record's expected start
    ARGV[3] the new record's `<team>|<seq>` (stamped here with Redis' time), '' deletes it
    ARGV[4] how old the record must be (ms), 0 for any age

  Output:
    1 when replaced or deleted, 0 when the record did not match (or is too young)
]]
local current = redis.call('HGET', KEYS[1], ARGV[1])
if not current or string.sub(current, 1, #ARGV[2]) ~= ARGV[2] then
  return 0
end
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local reservedAt = tonumber(string.match(current, '|([%d]+)$') or '0')
if tonumber(ARGV[4]) > 0 and now - reservedAt < tonumber(ARGV[4]) then
  return 0
end
if ARGV[3] == '' then
  redis.call('HDEL', KEYS[1], ARGV[1])
else
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[3] .. '|' .. now)
end
return 1
