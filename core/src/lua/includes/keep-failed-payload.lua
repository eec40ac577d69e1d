-- Keeps the accepted content of a job that failed for good (hash job_id -> payload JSON,
-- indexed by when it was kept), so a retry can claim its ticket id again. Trimmed here,
-- as each one is kept, by the policy BullMQ applies to failed jobs (removeOnFail: an age
-- and a count): the content lasts as long as the job it can retry, and no longer.
--
-- byTicketKey (hash ticket_id -> job_id) says which job's content is kept for a ticket
-- id, so that a new submission of the id drops it (claim-tickets-8.lua): a retry must
-- never process an older content after a newer submission was accepted.
local function forgetKept(hashKey, byTicketKey, id)
  local kept = redis.call('HGET', hashKey, id)
  if kept then
    local ok, decoded = pcall(cjson.decode, kept)
    local keptTicket = ok and type(decoded) == 'table' and type(decoded.ticket) == 'table' and decoded.ticket.ticket_id
    if type(keptTicket) == 'string' and redis.call('HGET', byTicketKey, keptTicket) == id then
      redis.call('HDEL', byTicketKey, keptTicket)
    end
  end
  redis.call('HDEL', hashKey, id)
end

local function keepFailedPayload(hashKey, indexKey, byTicketKey, ticketId, jobId, payload, nowMs, maxAgeMs, maxCount)
  redis.call('HSET', hashKey, jobId, payload)
  redis.call('ZADD', indexKey, nowMs, jobId)
  redis.call('HSET', byTicketKey, ticketId, jobId)
  local expired = redis.call('ZRANGEBYSCORE', indexKey, '-inf', '(' .. (nowMs - maxAgeMs))
  for _, id in ipairs(expired) do forgetKept(hashKey, byTicketKey, id) end
  if #expired > 0 then redis.call('ZREMRANGEBYSCORE', indexKey, '-inf', '(' .. (nowMs - maxAgeMs)) end
  local excess = redis.call('ZCARD', indexKey) - maxCount
  if excess > 0 then
    for _, id in ipairs(redis.call('ZRANGE', indexKey, 0, excess - 1)) do forgetKept(hashKey, byTicketKey, id) end
    redis.call('ZREMRANGEBYRANK', indexKey, 0, excess - 1)
  end
end
