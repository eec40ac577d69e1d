--[[
  Releases a ticket id's claim, but only if it still belongs to the given job (a job
  that failed for good frees its ticket id for a new submission).

  Input:
    KEYS[1] claims hash
    ARGV[1] ticket id
    ARGV[2] job id

  Output:
    1 released, 0 the claim belongs to another job or is gone
]]
if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then
  return redis.call('HDEL', KEYS[1], ARGV[1])
end
return 0
