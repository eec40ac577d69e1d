--[[
  Records how a try of a webhook delivery ended, all at once: its state (the next try may
  go, or it is done), its log entry (if the log still has it) and, when the delivery is
  over, `webhook_sent` or `webhook_failed`. A delivery already done is left as it is, so
  its event is recorded once however often this runs.

  Input:
    KEYS[1] delivery log entries: hash delivery id -> entry JSON
    KEYS[2] the delivery's state key (see begin-delivery-3.lua)
    KEYS[3] activity stream
    ARGV[1] pub/sub channel
    ARGV[2] stream cap
    ARGV[3] ts (ISO-8601)
    ARGV[4] delivery id
    ARGV[5] patch JSON for the entry
    ARGV[6] the new state: 'done', or 'retry:<n>'
    ARGV[7] how long the state key lives (ms)
    ARGV[8] event type, or '' for none (a try that will be retried)
    ARGV[9] event data JSON

  Output:
    1 recorded, 0 the delivery was done already (nothing written)
]]
-- @include emit-activity
-- @include delivery-log
local state = redis.call('GET', KEYS[2])
if state == 'done' or state == '1' then
  return 0
end
redis.call('SET', KEYS[2], ARGV[6], 'PX', ARGV[7])
patchDelivery(KEYS[1], ARGV[4], ARGV[5])
if ARGV[8] ~= '' then
  emitActivity(KEYS[3], ARGV[8], ARGV[9])
end
return 1
