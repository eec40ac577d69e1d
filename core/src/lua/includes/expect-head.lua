-- A pop across teams (teams/cross-team-queue.ts) compares the teams' heads, then takes
-- the winner only if it is still its team's head: `expected` is the compared ticket id,
-- '' for an unconditional pop. True when the pop may go on.
local function headIsExpected(indexKey, expected)
  if expected == '' then
    return true
  end
  return redis.call('ZREVRANGE', indexKey, 0, 0)[1] == expected
end
