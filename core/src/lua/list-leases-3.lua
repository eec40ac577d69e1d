--[[
  Reads one page of the claimed tickets with their leases, soonest deadline first, and
  the number of claimed tickets, from one consistent snapshot. A lease past its
  deadline is listed until the reaper (or a touch of its claim) puts its ticket back.

  Input:
    KEYS[1] claimed sorted set
    KEYS[2] leases hash
    KEYS[3] processed tickets hash
    ARGV[1] offset (>= 0)
    ARGV[2] limit (>= 1)

  Output:
    { size, ticket JSON, lease JSON, ticket JSON, lease JSON, ... }
]]
local offset = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
local out = { redis.call('ZCARD', KEYS[1]) }
local ids = redis.call('ZRANGE', KEYS[1], offset, offset + limit - 1)
if #ids > 0 then
  local leases = redis.call('HMGET', KEYS[2], unpack(ids))
  local tickets = redis.call('HMGET', KEYS[3], unpack(ids))
  for i = 1, #ids do
    if leases[i] and tickets[i] then
      out[#out + 1] = tickets[i]
      out[#out + 1] = leases[i]
    end
  end
end
return out
