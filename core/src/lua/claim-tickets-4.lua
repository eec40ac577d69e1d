--[[
  Claims ticket ids for new submissions, atomically for a whole batch, and records
  `ticket_accepted` for each new one (before any worker can record `ticket_processed`).

  A ticket id that already has a claim (its job is waiting, being processed, or the
  ticket sits in the processed queue) is a duplicate and keeps its job id. Otherwise a
  new arrival sequence number is drawn and the job id is derived from the ticket id:
  `<url-safe ticket id>~<seq>`. Letters, digits, '.', '_' and '-' stay as they are;
  every other byte of the UTF-8 id becomes '~' and two hex digits, so 'T-1' gives
  'T-1~7', 'FE 5' gives 'FE~205~8' and 'ORD:42' gives 'ORD~3A42~9'. Job ids are thus
  URL-safe (unreserved characters only), unique per submission (the seq), never an
  integer and free of ':' (both of which BullMQ forbids), and the seq is what follows
  the last '~'.

  Input:
    KEYS[1] claims hash (ticket_id -> job_id)
    KEYS[2] processed tickets hash (ticket_id -> JSON)
    KEYS[3] arrival sequence counter
    KEYS[4] activity stream
    ARGV[1] pub/sub channel
    ARGV[2] stream cap
    ARGV[3] ts (ISO-8601)
    ARGV[4..] ticket ids, in request order

  Output:
    a flat array, four entries per ticket id:
      job_id, duplicate (0|1), seq (0 for duplicates), stored (1 when a duplicate is
      already in the processed queue)
]]
-- @include emit-activity
local function urlSafe(ticketId)
  return (string.gsub(ticketId, '[^%w%._-]', function(c)
    return string.format('~%02X', string.byte(c))
  end))
end

local out = {}
for i = 4, #ARGV do
  local ticketId = ARGV[i]
  local existing = redis.call('HGET', KEYS[1], ticketId)
  if existing then
    out[#out + 1] = existing
    out[#out + 1] = 1
    out[#out + 1] = 0
    out[#out + 1] = redis.call('HEXISTS', KEYS[2], ticketId)
  else
    local seq = redis.call('INCR', KEYS[3])
    local jobId = urlSafe(ticketId) .. '~' .. seq
    redis.call('HSET', KEYS[1], ticketId, jobId)
    emitActivity(KEYS[4], ARGV[1], ARGV[2], ARGV[3], 'ticket_accepted',
      '{"ticket_id":' .. cjson.encode(ticketId) .. ',"job_id":' .. cjson.encode(jobId) .. '}')
    out[#out + 1] = jobId
    out[#out + 1] = 0
    out[#out + 1] = seq
    out[#out + 1] = 0
  end
end
return out
