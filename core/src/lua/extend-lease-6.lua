--[[
  Extends a claim's lease: it now runs out at the new deadline (now + the lease the
  agent asked for). While the claim holds the ticket, the claimed set and the lease
  take the new deadline and `lease_extended` is recorded, in one step.

  A claim that does not hold the ticket changes nothing but says why (see
  ack-lease-7.lua): a lease past its deadline cannot be revived, it is expired here.

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
    ARGV[4] ticket id
    ARGV[5] claim id
    ARGV[6] now (ms)
    ARGV[7] how long an ended claim is remembered (ms)
    ARGV[8] most ended claims remembered
    ARGV[9] new lease deadline (ms)
    ARGV[10] new lease deadline (ISO-8601)

  Output:
    { 'ok', ticket JSON, lease JSON (as extended) }, or { 'expired' | 'acked' | 'released' | 'wrong' }
]]
-- @include emit-activity
-- @include leases
local k = { index = KEYS[1], tickets = KEYS[2], claimed = KEYS[3], leases = KEYS[4], ended = KEYS[5], activity = KEYS[6] }
local lim = { retentionMs = tonumber(ARGV[7]), cap = tonumber(ARGV[8]) }
local ticketId, nowMs = ARGV[4], tonumber(ARGV[6])
local status, lease = judgeClaim(k, lim, ticketId, ARGV[5], nowMs)
if status ~= 'held' then
  return { status }
end
lease.lease_expires_at = ARGV[10]
-- The score stays the string it was (cjson would print a number with fewer digits).
local leaseJson = cjson.encode(lease)
redis.call('HSET', k.leases, ticketId, leaseJson)
redis.call('ZADD', k.claimed, 'XX', ARGV[9], ticketId)
emitActivity(k.activity, 'lease_extended', cjson.encode({
  ticket_id = ticketId, claim_id = lease.claim_id, agent = lease.agent, lease_expires_at = ARGV[10],
}))
return { 'ok', redis.call('HGET', k.tickets, ticketId) or '', leaseJson }
