--[[
  Compare-and-set on one ticket id's owner record (see reserve-owners-2.lua): replaces
  it, or deletes it, only if it still starts with what the caller saw. A pop forgets
  the record of the claim it ended (`<team>|<seq>|`) and leaves a newer one alone; a
  submission takes over a stale record of another team only if nobody changed it since.

  Input:
    KEYS[1] claim owners hash
    ARGV[1] ticket id
    ARGV[2] the record's expected start
    ARGV[3] the new record ('' deletes it)

  Output:
    1 when replaced or deleted, 0 when the record did not match
]]
local current = redis.call('HGET', KEYS[1], ARGV[1])
if not current or string.sub(current, 1, #ARGV[2]) ~= ARGV[2] then
  return 0
end
if ARGV[3] == '' then
  redis.call('HDEL', KEYS[1], ARGV[1])
else
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
end
return 1
