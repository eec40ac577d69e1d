--[[
  Logs a delivery that was just enqueued as pending, once: nothing happens when the log
  has it already, or when a try of it has started (its state key exists: the log may
  have dropped its entry since, and must not show a finished delivery as pending again).

  Input:
    KEYS[1] delivery log: list of delivery ids, newest first
    KEYS[2] delivery log entries: hash delivery id -> entry JSON
    KEYS[3] the delivery's state key (see begin-delivery-3.lua)
    ARGV[1] delivery id
    ARGV[2] entry JSON
    ARGV[3] log size (entries kept)

  Output:
    1 logged, 0 logged or started before
]]
-- @include delivery-log
if redis.call('EXISTS', KEYS[3]) == 1 or redis.call('HEXISTS', KEYS[2], ARGV[1]) == 1 then
  return 0
end
logDelivery(KEYS[1], KEYS[2], ARGV[1], ARGV[2], tonumber(ARGV[3]))
return 1
