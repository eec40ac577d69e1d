--[[
  Reads the most urgent processed ticket without removing it.

  Input:
    KEYS[1] processed sorted set
    KEYS[2] processed tickets hash

  Output:
    the ticket JSON, or nil when the queue is empty
]]
local top = redis.call('ZREVRANGE', KEYS[1], 0, 0)
if #top == 0 then
  return nil
end
return redis.call('HGET', KEYS[2], top[1])
