-- Appends an activity event to the capped stream and publishes it, so readers of the
-- stream (history) and subscribers of the channel (live) see the same event and id.
--   streamKey, channel: where to write
--   maxlen:             approximate stream cap (XADD MAXLEN ~)
--   ts, eventType:      ISO-8601 time and event type
--   dataJson:           event data, already JSON
-- Returns the stream id of the event.
local function emitActivity(streamKey, channel, maxlen, ts, eventType, dataJson)
  local id = redis.call('XADD', streamKey, 'MAXLEN', '~', maxlen, '*',
    'ts', ts, 'type', eventType, 'data', dataJson)
  redis.call('PUBLISH', channel, '{"id":"' .. id .. '","ts":"' .. ts .. '","type":"' ..
    eventType .. '","data":' .. dataJson .. '}')
  return id
end
