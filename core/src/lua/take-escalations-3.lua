--[[
  Takes the urgent tickets due for escalation, for one worker at a time: an entry due
  (its time has come) whose ticket is still in the processed queue (not popped, not
  claimed) and still above the alerting worker's threshold is leased to the caller (its
  time moved to the lease deadline, so no other worker takes it meanwhile) and returned;
  any other due entry is dropped. The caller enqueues the escalation and then records it
  with record-escalation-2.lua, which removes the entry; a caller that dies in between
  leaves the entry to be taken again once its lease runs out.

  Input:
    KEYS[1] escalations sorted set (ticket_id -> when it is due, ms)
    KEYS[2] processed sorted set
    KEYS[3] processed tickets hash
    ARGV[1] now (ms)
    ARGV[2] most entries to take
    ARGV[3] urgency threshold: a ticket's S must be above it
    ARGV[4] lease deadline (ms): the new score of the entries taken

  Output:
    the JSON of each ticket taken
]]
local taken = {}
for _, ticketId in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))) do
  local json = redis.call('ZSCORE', KEYS[2], ticketId) and redis.call('HGET', KEYS[3], ticketId)
  if json and (tonumber(cjson.decode(json).urgency_score) or 0) > tonumber(ARGV[3]) then
    redis.call('ZADD', KEYS[1], ARGV[4], ticketId)
    taken[#taken + 1] = json
  else
    redis.call('ZREM', KEYS[1], ticketId)
  end
end
return taken
