-- The steps the leased-claim scripts share (include after emit-activity: they record
-- events). `k` names the keys: index (processed sorted set), tickets (processed tickets
-- hash), claimed (sorted set ticket_id -> lease deadline, ms), leases (hash ticket_id ->
-- lease JSON), ended (sorted set of ended claims), activity (stream).
--
-- A lease JSON is {claim_id, agent, claimed_at, lease_expires_at, score}: `score` is the
-- ticket's processed-queue score as Redis wrote it (a string, so no digit is lost), which
-- puts a released or expired ticket back at exactly its place (same S, same arrival).
--
-- How a claim ended is remembered for a while, so a late ack, release or extend is told
-- what became of it: a member '<outcome>:<claim_id>:<ticket_id>' of the ended sorted set,
-- scored by when it ended (ms). `lim` bounds it: lim.retentionMs (older ones go) and
-- lim.cap (past it, the oldest go).

local LEASE_OUTCOMES = { 'acked', 'released', 'expired' }

local function endedMember(outcome, claimId, ticketId)
  return outcome .. ':' .. claimId .. ':' .. ticketId
end

-- How a claim of this ticket ended ('acked', 'released', 'expired'), or nil if unknown.
local function endedAs(k, claimId, ticketId)
  for _, outcome in ipairs(LEASE_OUTCOMES) do
    if redis.call('ZSCORE', k.ended, endedMember(outcome, claimId, ticketId)) then
      return outcome
    end
  end
  return nil
end

-- Ends a lease: the ticket leaves the claimed set, its lease goes, the outcome is
-- remembered and `eventType` recorded. `requeue`: the ticket goes back to the processed
-- queue at its original score (if its data is still there).
local function endLease(k, lim, ticketId, lease, outcome, eventType, requeue, nowMs)
  redis.call('ZREM', k.claimed, ticketId)
  redis.call('HDEL', k.leases, ticketId)
  if requeue and redis.call('HEXISTS', k.tickets, ticketId) == 1 then
    redis.call('ZADD', k.index, lease.score, ticketId)
  end
  redis.call('ZADD', k.ended, string.format('%d', nowMs), endedMember(outcome, lease.claim_id, ticketId))
  redis.call('ZREMRANGEBYSCORE', k.ended, '-inf', '(' .. string.format('%d', nowMs - lim.retentionMs))
  redis.call('ZREMRANGEBYRANK', k.ended, 0, -(lim.cap + 1))
  emitActivity(k.activity, eventType,
    cjson.encode({ ticket_id = ticketId, claim_id = lease.claim_id, agent = lease.agent }))
end

-- A lease ran out: the ticket goes back to its place, with `claim_expired`.
local function expireLease(k, lim, ticketId, lease, nowMs)
  endLease(k, lim, ticketId, lease, 'expired', 'claim_expired', true, nowMs)
end

-- Judges `claimId` on a ticket at `nowMs`. Returns 'held', the lease (decoded) and its
-- JSON while the claim holds the ticket; otherwise why not: 'expired' (a lease past its
-- deadline is expired here and now, whether or not the reaper came by), 'acked',
-- 'released', or 'wrong' (never this ticket's claim, or ended too long ago).
local function judgeClaim(k, lim, ticketId, claimId, nowMs)
  local leaseJson = redis.call('HGET', k.leases, ticketId)
  if leaseJson then
    local lease = cjson.decode(leaseJson)
    if lease.claim_id == claimId then
      local deadline = tonumber(redis.call('ZSCORE', k.claimed, ticketId))
      if deadline and deadline > nowMs then
        return 'held', lease, leaseJson
      end
      expireLease(k, lim, ticketId, lease, nowMs)
      return 'expired'
    end
  end
  return endedAs(k, claimId, ticketId) or 'wrong'
end
