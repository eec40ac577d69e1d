--[[
  The claim step of retrying a triage job that failed for good: claims its ticket id
  again for the same job, with the content kept when it failed (release-claim-8.lua),
  and records `ticket_retried`. The caller then moves the BullMQ job from failed to
  waiting (Job.retry), and the worker processes the content like any other claim's.

  A job retried by other means (bull-board's retry moves it without this step) reaches a
  worker with no content: the worker runs this step then, with ARGV[8] = 0 since the job
  is active by then, not failed.

  The content goes back with a pending entry, as a new claim's does, so that the claim
  reconciler (reconcile-claim-10.lua) covers an API that dies before moving the job: once
  the grace period has passed it finds the job still failed, and releases the id and
  keeps the content again, as it was before the retry.

  Refused, with nothing changed, when:
  - BullMQ has no such job (never existed, or past its retention): -1;
  - the job holds its ticket's claim (a retry of it is under way, or it never failed):
    -3, so of two concurrent retries of one job exactly one claims the id;
  - the job is not in BullMQ's failed set (it completed, and its ticket was popped), when
    ARGV[8] asks for it: -2;
  - another job holds the ticket id (a newer submission of the same id): -4;
  - the content kept for the job is gone (trimmed, or it failed before content was
    kept): -5.

  Input:
    KEYS[1] claims hash
    KEYS[2] accepted payloads hash
    KEYS[3] pending claims sorted set
    KEYS[4] failed payloads hash
    KEYS[5] failed payloads index
    KEYS[6] activity stream
    KEYS[7] BullMQ's failed jobs sorted set
    KEYS[8] BullMQ's hash of this job
    KEYS[9] failed payloads by ticket (ticket_id -> job_id)
    ARGV[1] pub/sub channel
    ARGV[2] stream cap
    ARGV[3] ts (ISO-8601)
    ARGV[4] ticket id (from the job's data)
    ARGV[5] job id
    ARGV[6] now (ms)
    ARGV[7] event data JSON
    ARGV[8] 1: the job must be in BullMQ's failed set (a retry through the API); 0: not
            (the worker, for a job already moved back to active)

  Output:
    1 claimed again (and the event recorded), or a negative code as above
]]
-- @include emit-activity
local ticketId, jobId = ARGV[4], ARGV[5]
if redis.call('EXISTS', KEYS[8]) == 0 then
  return -1
end
local claim = redis.call('HGET', KEYS[1], ticketId)
if claim == jobId then
  return -3
end
if ARGV[8] == '1' and not redis.call('ZSCORE', KEYS[7], jobId) then
  return -2
end
if claim then
  return -4
end
local payload = redis.call('HGET', KEYS[4], jobId)
if not payload then
  return -5
end
redis.call('HSET', KEYS[1], ticketId, jobId)
redis.call('HSET', KEYS[2], jobId, payload)
redis.call('ZADD', KEYS[3], ARGV[6], jobId)
redis.call('HDEL', KEYS[4], jobId)
redis.call('ZREM', KEYS[5], jobId)
if redis.call('HGET', KEYS[9], ticketId) == jobId then
  redis.call('HDEL', KEYS[9], ticketId)
end
emitActivity(KEYS[6], 'ticket_retried', ARGV[7])
return 1
