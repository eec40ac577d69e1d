-- Keeps the accepted content of a job that failed for good (hash job_id -> payload JSON,
-- indexed by when it was kept), so a retry can claim its ticket id again. Trimmed here,
-- as each one is kept, by the policy BullMQ applies to failed jobs (removeOnFail: an age
-- and a count): the content lasts as long as the job it can retry, and no longer.
local function keepFailedPayload(hashKey, indexKey, jobId, payload, nowMs, maxAgeMs, maxCount)
  redis.call('HSET', hashKey, jobId, payload)
  redis.call('ZADD', indexKey, nowMs, jobId)
  local expired = redis.call('ZRANGEBYSCORE', indexKey, '-inf', '(' .. (nowMs - maxAgeMs))
  for _, id in ipairs(expired) do redis.call('HDEL', hashKey, id) end
  if #expired > 0 then redis.call('ZREMRANGEBYSCORE', indexKey, '-inf', '(' .. (nowMs - maxAgeMs)) end
  local excess = redis.call('ZCARD', indexKey) - maxCount
  if excess > 0 then
    for _, id in ipairs(redis.call('ZRANGE', indexKey, 0, excess - 1)) do redis.call('HDEL', hashKey, id) end
    redis.call('ZREMRANGEBYRANK', indexKey, 0, excess - 1)
  end
end
