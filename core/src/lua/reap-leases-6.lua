--[[
  The lease reaper's step: every claimed ticket whose lease deadline has passed (up to
  a limit, earliest deadline first) goes back to the processed queue at exactly its
  place (its original score), its lease goes, the claim is remembered as expired and
  `claim_expired` recorded, all in one step. Safe with several workers running it: a
  lease is expired once, by whichever step (this one, or an ack, release or extend of
  its claim) comes first.

  Input:
    KEYS[1] processed sorted set
    KEYS[2] processed tickets hash
    KEYS[3] claimed sorted set
    KEYS[4] leases hash
    KEYS[5] ended claims sorted set
    KEYS[6] activity stream
    ARGV[1] pub/sub channel
    ARGV[2] stream cap
    ARGV[3] ts (ISO-8601)
    ARGV[4] now (ms): leases with a deadline at or before it have run out
    ARGV[5] how long an ended claim is remembered (ms)
    ARGV[6] most ended claims remembered
    ARGV[7] most leases expired in this step

  Output:
    the ticket ids put back in the queue
]]
-- @include emit-activity
-- @include leases
local k = { index = KEYS[1], tickets = KEYS[2], claimed = KEYS[3], leases = KEYS[4], ended = KEYS[5], activity = KEYS[6] }
local lim = { retentionMs = tonumber(ARGV[5]), cap = tonumber(ARGV[6]) }
local nowMs = tonumber(ARGV[4])
local due = redis.call('ZRANGEBYSCORE', k.claimed, '-inf', ARGV[4], 'LIMIT', 0, ARGV[7])
for _, ticketId in ipairs(due) do
  local leaseJson = redis.call('HGET', k.leases, ticketId)
  if leaseJson then
    expireLease(k, lim, ticketId, cjson.decode(leaseJson), nowMs)
  else
    -- A deadline without a lease holds nothing.
    redis.call('ZREM', k.claimed, ticketId)
  end
end
return due
