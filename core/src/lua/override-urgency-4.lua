--[[
  Applies an agent's correction of a queued ticket's S, all at once: the corrected
  ticket replaces the stored one, it moves in the processed queue, its labelled training
  example is kept (past the pop, which deletes the ticket) and `urgency_overridden` is
  recorded.

  The caller builds the corrected ticket from the one it read (ARGV[5]), so nothing is
  re-encoded here; the correction applies only if that is still the stored ticket. A
  popped ticket is never put back: one that is no longer indexed is not in the queue.

  Input:
    KEYS[1] processed sorted set
    KEYS[2] processed tickets hash
    KEYS[3] overrides hash (ticket_id -> training example JSON)
    KEYS[4] activity stream
    ARGV[1] pub/sub channel
    ARGV[2] stream cap
    ARGV[3] ts (ISO-8601)
    ARGV[4] ticket id
    ARGV[5] the ticket JSON the correction was built from
    ARGV[6] corrected ticket JSON
    ARGV[7] sorted-set score of the corrected S (same arrival order)
    ARGV[8] training example JSON
    ARGV[9] event data JSON

  Output:
     1 corrected
     0 the stored ticket changed since it was read (nothing written; read it again)
    -1 the ticket is not in the queue
]]
-- @include emit-activity
local ticketId = ARGV[4]
local stored = redis.call('HGET', KEYS[2], ticketId)
if not stored or not redis.call('ZSCORE', KEYS[1], ticketId) then
  return -1
end
if stored ~= ARGV[5] then
  return 0
end
redis.call('HSET', KEYS[2], ticketId, ARGV[6])
redis.call('ZADD', KEYS[1], 'XX', ARGV[7], ticketId)
redis.call('HSET', KEYS[3], ticketId, ARGV[8])
emitActivity(KEYS[4], 'urgency_overridden', ARGV[9])
return 1
