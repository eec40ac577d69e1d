-- Appends an activity event to the capped stream and publishes it, so readers of the
-- stream (history) and subscribers of the channel (live) see the same event and id.
-- Every script that records an event takes the same first three arguments:
--   ARGV[1] channel, ARGV[2] maxlen (approximate stream cap, XADD MAXLEN ~), ARGV[3] ts
-- and passes them here with the event's type and its data, already JSON (built by the
-- caller against core/src/domain/activity-events.ts, or here with cjson.encode).
-- Returns the event's id: its stream id, followed by `-<team>` for a team's stream
-- (`{prefix:team}:activity`), since each team has its own stream and two of them can
-- give the same stream id; readers of the history append the same (ActivityLog).
local function emitActivity(streamKey, eventType, dataJson)
  local id = redis.call('XADD', streamKey, 'MAXLEN', '~', ARGV[2], '*',
    'ts', ARGV[3], 'type', eventType, 'data', dataJson)
  local team = string.match(streamKey, '^{[^}:]*:([^}]+)}')
  if team then
    id = id .. '-' .. team
  end
  -- dataJson is spliced in as it is: decoding and re-encoding it would round its numbers.
  redis.call('PUBLISH', ARGV[1], '{"id":' .. cjson.encode(id) .. ',"ts":' .. cjson.encode(ARGV[3]) ..
    ',"type":' .. cjson.encode(eventType) .. ',"data":' .. dataJson .. '}')
  return id
end
