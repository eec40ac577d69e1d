--[[
  Ends the claim of a ticket that will not be processed, recording why: a job that
  failed for good (`ticket_failed`) or a claim that was never enqueued
  (`ticket_abandoned`). The id is then free for a new submission.

  A stored ticket keeps its claim (it is in the processed queue until popped) and no
  event is recorded: a job that fails after its ticket was stored has done its work.
  The job's payload and pending entry go in every case.

  Input:
    KEYS[1] claims hash
    KEYS[2] processed tickets hash
    KEYS[3] accepted payloads hash
    KEYS[4] pending claims sorted set
    KEYS[5] activity stream
    ARGV[1] ticket id
    ARGV[2] job id
    ARGV[3] pub/sub channel
    ARGV[4] stream cap
    ARGV[5] ts (ISO-8601)
    ARGV[6] event type
    ARGV[7] event data JSON

  Output:
    1 released (and the event recorded), 0 the claim belongs to another job, is gone, or
    its ticket is stored
]]
-- @include emit-activity
redis.call('HDEL', KEYS[3], ARGV[2])
redis.call('ZREM', KEYS[4], ARGV[2])
if redis.call('HGET', KEYS[1], ARGV[1]) ~= ARGV[2] or redis.call('HEXISTS', KEYS[2], ARGV[1]) == 1 then
  return 0
end
redis.call('HDEL', KEYS[1], ARGV[1])
emitActivity(KEYS[5], ARGV[3], ARGV[4], ARGV[5], ARGV[6], ARGV[7])
return 1
