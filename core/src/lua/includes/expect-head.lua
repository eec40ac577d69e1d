-- A pop across teams (teams/cross-team-queue.ts) compares the teams' heads, then pops
-- the winner's team only while that is still "the most urgent as of the comparison":
-- its head is the compared ticket, or another one scored at least `floor`, the best
-- head of the other teams when they were compared (so the many pops of a busy team do
-- not all compare again after each other's). `expected` '' pops unconditionally.
-- Nil when the pop may go on; otherwise the refusal to return: { '', head id, its score }
-- (what the caller compares next, without reading this team again), or { '' } when the
-- team has no ticket left.
local function headRefusal(indexKey, expected, floor)
  if expected == '' then
    return nil
  end
  local head = redis.call('ZREVRANGE', indexKey, 0, 0, 'WITHSCORES')
  if head[1] == nil then
    return { '' }
  end
  if head[1] == expected or tonumber(head[2]) >= tonumber(floor) then
    return nil
  end
  return { '', head[1], head[2] }
end
