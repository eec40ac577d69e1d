--[[
  Empties the processed queue: its index, its data and the claims of its ticket ids
  (jobs still waiting keep their claims). Records `queue_cleared`.

  Input:
    KEYS[1] processed sorted set
    KEYS[2] processed tickets hash
    KEYS[3] claims hash
    KEYS[4] activity stream
    ARGV[1] pub/sub channel
    ARGV[2] stream cap
    ARGV[3] ts (ISO-8601)

  Output:
    the number of tickets cleared
]]
-- @include emit-activity
local ids = redis.call('ZRANGE', KEYS[1], 0, -1)
local chunk = 1000
for i = 1, #ids, chunk do
  local part = { unpack(ids, i, math.min(i + chunk - 1, #ids)) }
  redis.call('HDEL', KEYS[2], unpack(part))
  redis.call('HDEL', KEYS[3], unpack(part))
end
redis.call('DEL', KEYS[1])
emitActivity(KEYS[4], 'queue_cleared', cjson.encode({ cleared = #ids }))
return #ids
