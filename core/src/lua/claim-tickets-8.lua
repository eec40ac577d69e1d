--[[
  Claims ticket ids for new submissions, atomically for a whole batch: for each new one
  it stores the accepted content (the only content that will ever be processed for this
  claim), indexes the claim as pending and records `ticket_accepted` (before any worker
  can record `ticket_processed`).

  A new claim drops the content kept for an earlier job of the same ticket id that failed
  for good (keep-failed-payload.lua): that job can no longer be retried, so an older
  content is never processed after a newer submission was accepted.

  A ticket id that already has a claim (its job is waiting, being processed, or the
  ticket sits in the processed queue) is a duplicate: it keeps its job id, and its
  content is ignored. Otherwise the job id is derived from the ticket id and the arrival
  sequence number the caller drew from the deployment-wide counter (see
  reserve-owners-2.lua, which also records which team holds the id):
  `<url-safe ticket id>~<seq>`. Letters, digits, '.', '_'
  and '-' stay as they are; every other byte of the UTF-8 id becomes '~' and two hex
  digits, so 'T-1' gives 'T-1~7', 'FE 5' gives 'FE~205~8' and 'ORD:42' gives
  'ORD~3A42~9'. Job ids are thus URL-safe (unreserved characters only), unique per
  submission (the seq), never an integer and free of ':' (both of which BullMQ forbids),
  and the seq is what follows the last '~'.

  Input:
    KEYS[1] claims hash (ticket_id -> job_id)
    KEYS[2] activity stream
    KEYS[3] accepted payloads hash (job_id -> {"ticket", "seq", "created_at"} JSON)
    KEYS[4] pending claims sorted set (job_id -> claimed at, ms)
    KEYS[5] failed payloads hash (job_id -> payload JSON)
    KEYS[6] failed payloads index (job_id -> when kept, ms)
    KEYS[7] failed payloads by ticket (ticket_id -> job_id)
    KEYS[8] claim fences (ticket_id -> the highest seq of a submission routed to another
            team that found no claim here): a claim with a lower seq is refused
    ARGV[1] pub/sub channel
    ARGV[2] stream cap
    ARGV[3] ts (ISO-8601), also the tickets' created_at
    ARGV[4] now (ms)
    ARGV[5..] triples, in request order: ticket id, ticket JSON (with its ticket_id),
            arrival seq; a seq written `?<seq>` only asks whether the id has a claim
            here (the id was last given to this team, and that submission was routed
            elsewhere) and, when it has none, fences it at that seq

  Output:
    a flat array, two entries per ticket: job_id, duplicate (0|1); for an asking entry
    without a claim here: '', 2; for a claim refused by a fence: '', 3

  The fence is what makes taking an id over safe (teams/cross-team-queue.ts): a
  submission that reserved this team but reaches this step only after another team
  took the id over (its owner record looked stale) carries a lower seq than the asker
  that took it over, and is refused here instead of making a second live claim; its
  caller reserves again and finds the other team's claim.
]]
-- @include emit-activity
local function urlSafe(ticketId)
  return (string.gsub(ticketId, '[^%w%._-]', function(c)
    return string.format('~%02X', string.byte(c))
  end))
end

local createdAt = cjson.encode(ARGV[3])
local out = {}
for i = 5, #ARGV, 3 do
  local ticketId, seq = ARGV[i], ARGV[i + 2]
  local existing = redis.call('HGET', KEYS[1], ticketId)
  local fence = redis.call('HGET', KEYS[8], ticketId)
  if existing then
    out[#out + 1] = existing
    out[#out + 1] = 1
  elseif string.sub(seq, 1, 1) == '?' then
    local asker = string.sub(seq, 2)
    if not fence or tonumber(fence) < tonumber(asker) then
      redis.call('HSET', KEYS[8], ticketId, asker)
    end
    out[#out + 1] = ''
    out[#out + 1] = 2
  elseif fence and tonumber(fence) > tonumber(seq) then
    out[#out + 1] = ''
    out[#out + 1] = 3
  else
    if fence then
      redis.call('HDEL', KEYS[8], ticketId)
    end
    local jobId = urlSafe(ticketId) .. '~' .. seq
    redis.call('HSET', KEYS[1], ticketId, jobId)
    local superseded = redis.call('HGET', KEYS[7], ticketId)
    if superseded then
      redis.call('HDEL', KEYS[5], superseded)
      redis.call('ZREM', KEYS[6], superseded)
      redis.call('HDEL', KEYS[7], ticketId)
    end
    redis.call('HSET', KEYS[3], jobId,
      '{"ticket":' .. ARGV[i + 1] .. ',"seq":' .. seq .. ',"created_at":' .. createdAt .. '}')
    redis.call('ZADD', KEYS[4], ARGV[4], jobId)
    emitActivity(KEYS[2], 'ticket_accepted', cjson.encode({ ticket_id = ticketId, job_id = jobId }))
    out[#out + 1] = jobId
    out[#out + 1] = 0
  end
end
return out
