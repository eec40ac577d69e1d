--[[
  Records an escalation that take-escalations-3.lua leased to the caller and the caller
  enqueued: removes the ticket's entry and records `ticket_escalated`, once. Nothing
  happens when the entry is gone or holds another lease (the caller's ran out and another
  worker took it: that one records it), so the event is recorded once per ticket.

  Input:
    KEYS[1] escalations sorted set (ticket_id -> when it is due, ms)
    KEYS[2] activity stream
    ARGV[1] pub/sub channel
    ARGV[2] stream cap
    ARGV[3] ts (ISO-8601)
    ARGV[4] ticket id
    ARGV[5] the lease deadline it was taken with (ms)
    ARGV[6] event data JSON

  Output:
    1 recorded, 0 not this caller's to record
]]
-- @include emit-activity
local score = redis.call('ZSCORE', KEYS[1], ARGV[4])
if not score or tonumber(score) ~= tonumber(ARGV[5]) then
  return 0
end
redis.call('ZREM', KEYS[1], ARGV[4])
emitActivity(KEYS[2], 'ticket_escalated', ARGV[6])
return 1
