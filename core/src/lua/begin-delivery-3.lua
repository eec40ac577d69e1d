--[[
  Starts one try of a webhook delivery, unless that would send an alert twice. The
  delivery's state key says where its tries are:
    absent        no try started
    'retry:<n>'   try n failed; the next may go
    'sending:<n>' try n is in flight, or its worker died during it: whether the receiver
                  got it is unknown, so it is never sent again (at most once)
    'done'        delivered, or failed for good
    '1'           claimed by a version that sent alerts from the triage job: sent once
  A try that may go sets 'sending:<n>' and shows the entry as sending (logging it first
  if the log does not have it: its enqueue died before logging it, or the log dropped it).

  Input:
    KEYS[1] delivery log: list of delivery ids, newest first
    KEYS[2] delivery log entries: hash delivery id -> entry JSON
    KEYS[3] the delivery's state key
    ARGV[1] delivery id
    ARGV[2] this try's number (1, 2, ...)
    ARGV[3] entry JSON to log when the log does not have it
    ARGV[4] log size (entries kept)
    ARGV[5] patch JSON for the entry (status, attempts, url_host, updated_at)
    ARGV[6] how long the state key lives (ms): longer than the delivery job is kept

  Output:
    'go'            send it
    'done'          finished before (by a worker that died before completing the job)
    'died:<n>'      try n started and never finished: do not send
]]
-- @include delivery-log
local state = redis.call('GET', KEYS[3])
if state == 'done' or state == '1' then
  return 'done'
end
if state and string.sub(state, 1, 8) == 'sending:' then
  return 'died:' .. string.sub(state, 9)
end
redis.call('SET', KEYS[3], 'sending:' .. ARGV[2], 'PX', ARGV[6])
if redis.call('HEXISTS', KEYS[2], ARGV[1]) == 0 then
  logDelivery(KEYS[1], KEYS[2], ARGV[1], ARGV[3], tonumber(ARGV[4]))
end
patchDelivery(KEYS[2], ARGV[1], ARGV[5])
return 'go'
