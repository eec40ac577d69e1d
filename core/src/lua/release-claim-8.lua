--[[
  Ends the claim of a ticket that will not be processed, recording why: a job that
  failed for good (`ticket_failed`) or a claim that was never enqueued
  (`ticket_abandoned`). The id is then free for a new submission.

  A stored ticket keeps its claim (it is in the processed queue until popped) and no
  event is recorded: a job that fails after its ticket was stored has done its work.
  The job's payload and pending entry go in every case; when the claim is released and
  the caller asks for it (a failed job: ARGV[8] = 1), the payload moves to the failed
  payloads instead of being lost, so retry-failed-job-9.lua can claim the id again
  (see includes/keep-failed-payload.lua for how long it stays).

  Input:
    KEYS[1] claims hash
    KEYS[2] processed tickets hash
    KEYS[3] accepted payloads hash
    KEYS[4] pending claims sorted set
    KEYS[5] activity stream
    KEYS[6] failed payloads hash (job_id -> payload JSON)
    KEYS[7] failed payloads index (job_id -> when kept, ms)
    KEYS[8] failed payloads by ticket (ticket_id -> job_id)
    ARGV[1] pub/sub channel
    ARGV[2] stream cap
    ARGV[3] ts (ISO-8601)
    ARGV[4] ticket id
    ARGV[5] job id
    ARGV[6] event type
    ARGV[7] event data JSON
    ARGV[8] keep the payload for a retry: 1 or 0
    ARGV[9] now (ms)
    ARGV[10] how long failed payloads are kept (ms)
    ARGV[11] how many failed payloads are kept at most

  Output:
    1 released (and the event recorded), 0 the claim belongs to another job, is gone, or
    its ticket is stored
]]
-- @include emit-activity
-- @include keep-failed-payload
local ticketId, jobId = ARGV[4], ARGV[5]
local payload = redis.call('HGET', KEYS[3], jobId)
redis.call('HDEL', KEYS[3], jobId)
redis.call('ZREM', KEYS[4], jobId)
if redis.call('HGET', KEYS[1], ticketId) ~= jobId or redis.call('HEXISTS', KEYS[2], ticketId) == 1 then
  return 0
end
redis.call('HDEL', KEYS[1], ticketId)
if ARGV[8] == '1' and payload then
  keepFailedPayload(KEYS[6], KEYS[7], KEYS[8], ticketId, jobId, payload, tonumber(ARGV[9]), tonumber(ARGV[10]), tonumber(ARGV[11]))
end
emitActivity(KEYS[5], ARGV[6], ARGV[7])
return 1
