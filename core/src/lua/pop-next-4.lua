--[[
  Pops the most urgent processed ticket: removes it from the index, reads and deletes
  its data, frees its ticket id and records `ticket_popped` (with the ticket's urgency
  score, as the original's event carried it), in one step, so a ticket is never
  half-popped and never handed out twice.

  Input:
    KEYS[1] processed sorted set
    KEYS[2] processed tickets hash
    KEYS[3] claims hash
    KEYS[4] activity stream
    ARGV[1] pub/sub channel
    ARGV[2] stream cap
    ARGV[3] ts (ISO-8601)
    ARGV[4] the id the caller compared across teams ('' for none): the head is taken
            only if it is still that ticket, or scored at least ARGV[5]
            (teams/cross-team-queue.ts compares the teams' heads, then pops the winner's
            team this way; see includes/expect-head.lua)
    ARGV[5] the best score of the other teams' heads when compared ('0' for none)

  Output:
    the ticket JSON, or nil when the queue is empty; with ARGV[4], a refusal when its head
    is neither the compared ticket nor scored at least ARGV[5]: { '', head id, score },
    or { '' } when it is empty (nil: an entry without data was dropped, compare again)
]]
-- @include emit-activity
-- @include expect-head
local refused = headRefusal(KEYS[1], ARGV[4], ARGV[5])
if refused then
  return refused
end
while true do
  local popped = redis.call('ZPOPMAX', KEYS[1])
  if #popped == 0 then
    return nil
  end
  local ticketId = popped[1]
  local json = redis.call('HGET', KEYS[2], ticketId)
  redis.call('HDEL', KEYS[2], ticketId)
  redis.call('HDEL', KEYS[3], ticketId)
  -- An index entry without data cannot be handed out; skip it rather than return nil
  -- while tickets remain (the conditional pop returns nil: its caller compares again).
  if not json and ARGV[4] ~= '' then
    return nil
  end
  if json then
    emitActivity(KEYS[4], 'ticket_popped',
      cjson.encode({ ticket_id = ticketId, urgency_score = cjson.decode(json).urgency_score }))
    return json
  end
end
