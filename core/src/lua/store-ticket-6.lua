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
    ARGV[1] pub/sub channel
    ARGV[2] stream cap
    ARGV[3] ts (ISO-8601)
    ARGV[4] ticket id
    ARGV[5] job id
    ARGV[6] sorted-set score (S, then arrival order)
    ARGV[7] processed ticket JSON
    ARGV[8] event data JSON

  Output:
     1 stored
     0 already stored (a retry after a successful store)
    -1 the ticket id is claimed by another job, or no longer claimed (nothing stored)
]]
-- @include emit-activity
-- Past this point the payload is either stored or of no use (its claim is gone).
local ticketId, jobId = ARGV[4], ARGV[5]
redis.call('HDEL', KEYS[5], jobId)
redis.call('ZREM', KEYS[6], jobId)
if redis.call('HGET', KEYS[3], ticketId) ~= jobId then
  return -1
end
-- HSETNX: stores unless already stored (a retry), in one command instead of HEXISTS + HSET.
if redis.call('HSETNX', KEYS[2], ticketId, ARGV[7]) == 0 then
  return 0
end
redis.call('ZADD', KEYS[1], ARGV[6], ticketId)
emitActivity(KEYS[4], 'ticket_processed', ARGV[8])
return 1
