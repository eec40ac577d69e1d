--[[
  Reads one page of processed tickets in pop order, with the size of the whole queue,
  from one consistent snapshot.

  Input:
    KEYS[1] processed sorted set
    KEYS[2] processed tickets hash
    ARGV[1] offset (>= 0)
    ARGV[2] limit (>= 1)

  Output:
    { size, ticket JSON, ticket JSON, ... }
]]
local offset = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
local out = { redis.call('ZCARD', KEYS[1]) }
local ids = redis.call('ZREVRANGE', KEYS[1], offset, offset + limit - 1)
if #ids > 0 then
  local rows = redis.call('HMGET', KEYS[2], unpack(ids))
  for i = 1, #rows do
    if rows[i] then
      out[#out + 1] = rows[i]
    end
  end
end
return out
