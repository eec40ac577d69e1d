--[[
  Acks a claimed ticket: the agent is done with it. While the claim holds the ticket,
  its data, its lease and the claim on its ticket id go (the id is free again, as after
  a pop), the claim is remembered as acked and `ticket_acked` recorded, in one step, so
  a ticket is acked once.

  A claim that does not hold the ticket changes nothing but says why: its lease ran out
  (one past its deadline is expired right here, the ticket going back to its place with
  `claim_expired`, if the reaper has not come by yet), it was acked or released already,
  or it is not a claim of this ticket.

  Input:
    KEYS[1] processed sorted set
    KEYS[2] processed tickets hash
    KEYS[3] claims hash
    KEYS[4] claimed sorted set
    KEYS[5] leases hash
    KEYS[6] ended claims sorted set
    KEYS[7] activity stream
    ARGV[1] pub/sub channel
    ARGV[2] stream cap
    ARGV[3] ts (ISO-8601)
    ARGV[4] ticket id
    ARGV[5] claim id
    ARGV[6] now (ms)
    ARGV[7] how long an ended claim is remembered (ms)
    ARGV[8] most ended claims remembered

  Output:
    { 'ok', ticket JSON, lease JSON }, or { 'expired' | 'acked' | 'released' | 'wrong' }
]]
-- @include emit-activity
-- @include leases
local k = { index = KEYS[1], tickets = KEYS[2], claimed = KEYS[4], leases = KEYS[5], ended = KEYS[6], activity = KEYS[7] }
local lim = { retentionMs = tonumber(ARGV[7]), cap = tonumber(ARGV[8]) }
local ticketId, nowMs = ARGV[4], tonumber(ARGV[6])
local status, lease, leaseJson = judgeClaim(k, lim, ticketId, ARGV[5], nowMs)
if status ~= 'held' then
  return { status }
end
local json = redis.call('HGET', k.tickets, ticketId) or ''
redis.call('HDEL', k.tickets, ticketId)
redis.call('HDEL', KEYS[3], ticketId)
endLease(k, lim, ticketId, lease, 'acked', 'ticket_acked', false, nowMs)
return { 'ok', json, leaseJson }
