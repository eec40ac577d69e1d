--[[
  The claim reconciler's step for one pending claim, so that no claim leaks and every
  `ticket_accepted` is followed by `ticket_processed`, `ticket_failed` or
  `ticket_abandoned`. Safe with several workers: the decision and its effect are one
  atomic step, and a claim still due is pushed back before anyone else can act on it.

  Only a claim pending for longer than the grace period is looked at:
  - its claim is gone or moved on, or its ticket is stored: only the leftovers go;
  - its BullMQ job failed for good and the worker died before releasing the id: the id
    is released and `ticket_failed` recorded, its payload kept for a retry as the
    worker's release keeps it (release-claim-8.lua). The same holds for a retry whose
    API died between re-claiming the id (retry-failed-job-9.lua) and moving the job out
    of BullMQ's failed set: the retry is undone, and the job can be retried again. A
    retry that is under way is never mistaken for one: it moves the job within
    milliseconds, and a claim is looked at only after the grace period;
  - its BullMQ job exists (waiting, delayed, active): looked at again after `recheck`
    ms (stalled jobs are BullMQ's to recover);
  - no job at all (the API died, or its enqueue failed, between claiming and
    enqueueing): its ticket id is returned, so the caller enqueues it under the same
    job id; the worker then processes the payload stored with the claim, never a later
    submission's content. A payload that cannot be read is released instead, with
    `ticket_abandoned`.

  The ticket id is read back from the job id (see claim-tickets-8.lua: everything
  before the last '~', with '~HH' escapes decoded), so a claim is found even when its
  payload is unreadable.

  BullMQ's layout is read here: a job is a hash (KEYS[7]), and jobs that failed for good
  are in its `failed` sorted set (KEYS[6]).

  Input:
    KEYS[1] pending claims sorted set (job_id -> when to look at it next, ms)
    KEYS[2] accepted payloads hash
    KEYS[3] claims hash
    KEYS[4] processed tickets hash
    KEYS[5] activity stream
    KEYS[6] BullMQ's failed jobs sorted set
    KEYS[7] BullMQ's hash of this job
    KEYS[8] failed payloads hash (job_id -> payload JSON)
    KEYS[9] failed payloads index (job_id -> when kept, ms)
    KEYS[10] failed payloads by ticket (ticket_id -> job_id)
    ARGV[1] pub/sub channel
    ARGV[2] stream cap
    ARGV[3] ts (ISO-8601)
    ARGV[4] now (ms)
    ARGV[5] grace period (ms)
    ARGV[6] job id
    ARGV[7] recheck: how long a claim with a live job is left alone (ms)
    ARGV[8] how long failed payloads are kept (ms)
    ARGV[9] how many failed payloads are kept at most

  Output:
    the ticket id to enqueue under this job id, or false
]]
-- @include emit-activity
-- @include keep-failed-payload
local jobId = ARGV[6]
local now = tonumber(ARGV[4])
local since = redis.call('ZSCORE', KEYS[1], jobId)
if not since or tonumber(since) > now - tonumber(ARGV[5]) then
  return false
end

local encoded = string.match(jobId, '^(.*)~%d+$') or ''
local ticketId = string.gsub(encoded, '~(%x%x)', function(hex) return string.char(tonumber(hex, 16)) end)

local function forget()
  redis.call('HDEL', KEYS[2], jobId)
  redis.call('ZREM', KEYS[1], jobId)
end

local function release(eventType, reason)
  redis.call('HDEL', KEYS[3], ticketId)
  forget()
  emitActivity(KEYS[5], eventType, cjson.encode({ ticket_id = ticketId, job_id = jobId, error = reason }))
end

if redis.call('HGET', KEYS[3], ticketId) ~= jobId or redis.call('HEXISTS', KEYS[4], ticketId) == 1 then
  forget()
  return false
end
if redis.call('ZSCORE', KEYS[6], jobId) then
  local payload = redis.call('HGET', KEYS[2], jobId)
  if payload then keepFailedPayload(KEYS[8], KEYS[9], KEYS[10], ticketId, jobId, payload, now, tonumber(ARGV[8]), tonumber(ARGV[9])) end
  release('ticket_failed', redis.call('HGET', KEYS[7], 'failedReason') or 'failed')
  return false
end
if redis.call('EXISTS', KEYS[7]) == 1 then
  redis.call('ZADD', KEYS[1], now + tonumber(ARGV[7]) - tonumber(ARGV[5]), jobId)
  return false
end
local payload = redis.call('HGET', KEYS[2], jobId)
local ok, decoded = pcall(cjson.decode, payload or '')
if not ok or type(decoded) ~= 'table' or type(decoded.ticket) ~= 'table' then
  release('ticket_abandoned', 'accepted content unreadable')
  return false
end
redis.call('ZADD', KEYS[1], now, jobId)
return ticketId
