--[[
  Releases a claimed ticket: the agent gives it back. While the claim holds the ticket,
  it goes back to the processed queue at exactly its place (its original score: same S,
  same arrival order), its lease goes, the claim is remembered as released and
  `ticket_released` recorded, in one step.

  A claim that does not hold the ticket changes nothing but says why (see
  ack-lease-7.lua; a lease past its deadline is expired here).

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

  Output:
    { 'ok', ticket JSON, lease JSON }, or { 'expired' | 'acked' | 'released' | 'wrong' }
]]
-- @include emit-activity
-- @include leases
local k = { index = KEYS[1], tickets = KEYS[2], claimed = KEYS[3], leases = KEYS[4], ended = KEYS[5], activity = KEYS[6] }
local lim = { retentionMs = tonumber(ARGV[7]), cap = tonumber(ARGV[8]) }
local ticketId, nowMs = ARGV[4], tonumber(ARGV[6])
local status, lease, leaseJson = judgeClaim(k, lim, ticketId, ARGV[5], nowMs)
if status ~= 'held' then
  return { status }
end
local json = redis.call('HGET', k.tickets, ticketId) or ''
endLease(k, lim, ticketId, lease, 'released', 'ticket_released', true, nowMs)
return { 'ok', json, leaseJson }
