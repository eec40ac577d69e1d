--[[
  Stores a processed ticket, indexes it for popping and records `ticket_processed`,
  all at once; its accepted payload and pending entry go in every case. Safe to run
  again for the same job: a retried job never indexes a ticket twice.

  Input:
    KEYS[1] processed sorted set
    KEYS[2] processed tickets hash
    KEYS[3] claims hash
    KEYS[4] activity stream
    KEYS[5] accepted payloads hash
    KEYS[6] pending claims sorted set
    ARGV[1] ticket id
    ARGV[2] job id
    ARGV[3] sorted-set score (S, then arrival order)
    ARGV[4] processed ticket JSON
    ARGV[5] pub/sub channel
    ARGV[6] stream cap
    ARGV[7] ts (ISO-8601)
    ARGV[8] event data JSON

  Output:
     1 stored
     0 already stored (a retry after a successful store)
    -1 the ticket id is claimed by another job, or no longer claimed (nothing stored)
]]
-- @include emit-activity
-- Past this point the payload is either stored or of no use (its claim is gone).
redis.call('HDEL', KEYS[5], ARGV[2])
redis.call('ZREM', KEYS[6], ARGV[2])
if redis.call('HGET', KEYS[3], ARGV[1]) ~= ARGV[2] then
  return -1
end
if redis.call('HEXISTS', KEYS[2], ARGV[1]) == 1 then
  return 0
end
redis.call('HSET', KEYS[2], ARGV[1], ARGV[4])
redis.call('ZADD', KEYS[1], ARGV[3], ARGV[1])
emitActivity(KEYS[4], ARGV[5], ARGV[6], ARGV[7], 'ticket_processed', ARGV[8])
return 1
