--[[
  Claims the most urgent processed ticket for an agent, in one step: it leaves the
  processed queue for the claimed set (scored by its lease deadline), its lease is kept
  (claim id, agent, since, until, and its queue score, so that a release or an expiry
  puts it back at exactly its place) and `ticket_claimed` is recorded. Its data and the
  claim on its ticket id stay: the id stays taken (a resubmission is a duplicate, a
  retried job finds it stored) until the ack. Never hands one ticket to two agents.

  Input:
    KEYS[1] processed sorted set
    KEYS[2] processed tickets hash
    KEYS[3] claims hash
    KEYS[4] claimed sorted set (ticket_id -> lease deadline, ms)
    KEYS[5] leases hash (ticket_id -> lease JSON)
    KEYS[6] activity stream
    ARGV[1] pub/sub channel
    ARGV[2] stream cap
    ARGV[3] ts (ISO-8601), also the claim's claimed_at
    ARGV[4] claim id
    ARGV[5] agent ('' for none)
    ARGV[6] lease deadline (ms)
    ARGV[7] lease deadline (ISO-8601)
    ARGV[8] the id the caller compared across teams ('' for none), and
    ARGV[9] the best score of the other teams' heads then: as in pop-next-4.lua

  Output:
    { ticket JSON, lease JSON }, or nil when the queue is empty; with ARGV[8], a refusal
    as pop-next-4.lua answers it: { '', head id, score } or { '' }
]]
-- @include emit-activity
-- @include expect-head
local claimId, deadlineIso = ARGV[4], ARGV[7]
local agent = cjson.null
if ARGV[5] ~= '' then
  agent = ARGV[5]
end
local refused = headRefusal(KEYS[1], ARGV[8], ARGV[9])
if refused then
  return refused
end
while true do
  local popped = redis.call('ZPOPMAX', KEYS[1])
  if #popped == 0 then
    return nil
  end
  local ticketId, score = popped[1], popped[2]
  local json = redis.call('HGET', KEYS[2], ticketId)
  if json then
    local lease = cjson.encode({
      claim_id = claimId, agent = agent, claimed_at = ARGV[3], lease_expires_at = deadlineIso, score = score,
    })
    redis.call('ZADD', KEYS[4], ARGV[6], ticketId)
    redis.call('HSET', KEYS[5], ticketId, lease)
    -- S as the ticket's JSON spells it (outside its strings, a quote is never escaped):
    -- decoding and re-encoding would drop digits (cjson prints 14).
    local urgency = string.match(json, '"urgency_score":(%-?[%d%.eE%+%-]+)') or cjson.encode(cjson.decode(json).urgency_score)
    local data = cjson.encode({ ticket_id = ticketId, claim_id = claimId, agent = agent, lease_expires_at = deadlineIso })
    emitActivity(KEYS[6], 'ticket_claimed', string.sub(data, 1, -2) .. ',"urgency_score":' .. urgency .. '}')
    return { json, lease }
  end
  -- An index entry without data cannot be handed out: drop it and free its id, as the pop does.
  redis.call('HDEL', KEYS[3], ticketId)
  if ARGV[8] ~= '' then
    return nil
  end
end
