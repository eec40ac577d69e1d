--[[
  Records one activity event.

  Input:
    KEYS[1] activity stream
    ARGV[1] pub/sub channel
    ARGV[2] stream cap (approximate)
    ARGV[3] ts (ISO-8601)
    ARGV[4] event type
    ARGV[5] data (JSON object)

  Output:
    the event's stream id
]]
-- @include emit-activity
return emitActivity(KEYS[1], ARGV[4], ARGV[5])
