--[[
  Applies an agent's correction of a queued ticket's S, all at once: the corrected
  ticket replaces the stored one, it moves in the processed queue, its labelled training
  example is kept (past the pop, which deletes the ticket) and `urgency_overridden` is
  recorded.

  The caller builds the corrected ticket from the one it read (ARGV[2]), so nothing is
  re-encoded here; the correction applies only if that is still the stored ticket. A
  popped ticket is never put back: one that is no longer indexed is not in the queue.

  Input:
    KEYS[1] processed sorted set
    KEYS[2] processed tickets hash
    KEYS[3] overrides hash (ticket_id -> training example JSON)
    KEYS[4] activity stream
    ARGV[1] ticket id
    ARGV[2] the ticket JSON the correction was built from
    ARGV[3] corrected ticket JSON
    ARGV[4] sorted-set score of the corrected S (same arrival order)
    ARGV[5] training example JSON
    ARGV[6] pub/sub channel
    ARGV[7] stream cap
    ARGV[8] ts (ISO-8601)
    ARGV[9] event data JSON

  Output:
     1 corrected
     0 the stored ticket changed since it was read (nothing written; read it again)
    -1 the ticket is not in the queue
]]
-- @include emit-activity
local stored = redis.call('HGET', KEYS[2], ARGV[1])
if not stored or not redis.call('ZSCORE', KEYS[1], ARGV[1]) then
  return -1
end
if stored ~= ARGV[2] then
  return 0
end
redis.call('HSET', KEYS[2], ARGV[1], ARGV[3])
redis.call('ZADD', KEYS[1], 'XX', ARGV[4], ARGV[1])
redis.call('HSET', KEYS[3], ARGV[1], ARGV[5])
emitActivity(KEYS[4], ARGV[6], ARGV[7], ARGV[8], 'urgency_overridden', ARGV[9])
return 1
