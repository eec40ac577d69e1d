--[[
  Reads one queued ticket with its place in line (0 = popped next), from one snapshot.

  Input:
    KEYS[1] processed sorted set
    KEYS[2] processed tickets hash
    ARGV[1] ticket id

  Output:
    { ticket JSON, rank }, or nil when the ticket is not in the queue
]]
local rank = redis.call('ZREVRANK', KEYS[1], ARGV[1])
if not rank then
  return nil
end
local json = redis.call('HGET', KEYS[2], ARGV[1])
if not json then
  return nil
end
return { json, rank }
