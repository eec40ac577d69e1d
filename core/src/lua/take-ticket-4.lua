--[[
  Takes one named ticket out of the processed queue, wherever it is in line: an agent
  popping this one (`ticket_popped`, with `picked` = true) or removing it
  (`ticket_removed`). Like a pop, in one step: the index entry, the data and the claim
  on its id go together and the event is recorded, so the ticket is handed out (or
  dropped) once, and its id is free for a new submission.

  A claimed (leased) ticket is not in the queue: its agent acks or releases it.

  Input:
    KEYS[1] processed sorted set
    KEYS[2] processed tickets hash
    KEYS[3] claims hash
    KEYS[4] activity stream
    ARGV[1] pub/sub channel
    ARGV[2] stream cap
    ARGV[3] ts (ISO-8601)
    ARGV[4] ticket id
    ARGV[5] event type: 'ticket_popped' or 'ticket_removed'

  Output:
    the ticket JSON, or nil when the ticket is not in the queue
]]
-- @include emit-activity
local ticketId = ARGV[4]
if redis.call('ZREM', KEYS[1], ticketId) == 0 then
  return nil
end
local json = redis.call('HGET', KEYS[2], ticketId)
redis.call('HDEL', KEYS[2], ticketId)
redis.call('HDEL', KEYS[3], ticketId)
if not json then
  return nil
end
local data = { ticket_id = ticketId, urgency_score = cjson.decode(json).urgency_score }
if ARGV[5] == 'ticket_popped' then
  data.picked = true
end
emitActivity(KEYS[4], ARGV[5], cjson.encode(data))
return json
