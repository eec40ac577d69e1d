--[[
  Records which team's claim each submitted ticket id goes to, and draws its arrival
  sequence number from the deployment-wide counter (so queue scores of different teams
  compare: S, then this global order). The owners hash lives in the deployment-wide
  slot; the claims themselves live in each team's slot (claim-tickets-8.lua), so the two
  steps are not one transaction: the caller (teams/claim-owners.ts) settles the rare
  cases where they disagree.

  An id owned by no team, or by the same team, is (re)recorded for this team with the
  new seq: a pop that ends the earlier claim then forgets only its own record
  (replace-owner-1.lua compares `<team>|<seq>|`), never this one. An id owned by another
  team is left alone and its record returned, for the caller to ask that team whether
  its claim is live. Records are stamped with Redis' own clock (TIME), so their age
  does not depend on the clocks of the API hosts.

  Input:
    KEYS[1] claim owners hash (ticket_id -> "<team>|<seq>|<reserved at, ms>")
    KEYS[2] arrival sequence counter
    ARGV[1..] triples: ticket id, team, seq ('' draws a new one; a retry keeps its job's)

  Output:
    a flat array, two entries per ticket: the other team's record ('' when this team
    now owns the id), the seq
]]
local time = redis.call('TIME')
local now = tostring(tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000))
local out = {}
for i = 1, #ARGV, 3 do
  local ticketId, team, seq = ARGV[i], ARGV[i + 1], ARGV[i + 2]
  if seq == '' then
    seq = tostring(redis.call('INCR', KEYS[2]))
  end
  local existing = redis.call('HGET', KEYS[1], ticketId)
  if existing and string.sub(existing, 1, #team + 1) ~= team .. '|' then
    out[#out + 1] = existing
  else
    redis.call('HSET', KEYS[1], ticketId, team .. '|' .. seq .. '|' .. now)
    out[#out + 1] = ''
  end
  out[#out + 1] = seq
end
return out
