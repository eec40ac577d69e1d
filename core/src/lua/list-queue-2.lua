--[[
  Reads one page of the processed queue as an agent views it, with the size of the whole
  queue and the number of tickets the view matches, from one consistent snapshot.

  In pop order without a filter this is a ZREVRANGE of the page. Sorting by age reads
  every index entry (the arrival sequence is the low part of its score, see
  domain/priority.ts), and a filter reads every ticket: both are O(queue size) and
  block Redis for that long (about 10 ms per 10,000 tickets), which is why the search
  text is short and the page bounded.

  Input:
    KEYS[1] processed sorted set
    KEYS[2] processed tickets hash
    ARGV[1] offset (>= 0)
    ARGV[2] limit (>= 1)
    ARGV[3] category, or '' for any
    ARGV[4] search text, ASCII-lowercased, or '' for none
    ARGV[5] sort: 'urgency', 'oldest' or 'newest'
    ARGV[6] 2^39, the size of the score's arrival part

  Output:
    { size, matching, ticket JSON, ticket JSON, ... }
]]
local offset, limit = tonumber(ARGV[1]), tonumber(ARGV[2])
local category, needle, sort = ARGV[3], ARGV[4], ARGV[5]
local seqSpace = tonumber(ARGV[6])
local size = redis.call('ZCARD', KEYS[1])
local filtered = category ~= '' or needle ~= ''

-- HMGET in chunks: unpack() of a long list (QUEUE_LIST_MAX may be 100,000) overflows Lua's stack.
local CHUNK = 500
local function appendTickets(out, ids, first, last)
  for from = first, last, CHUNK do
    local chunk = {}
    for i = from, math.min(last, from + CHUNK - 1) do chunk[#chunk + 1] = ids[i] end
    for _, json in ipairs(redis.call('HMGET', KEYS[2], unpack(chunk))) do
      if json then out[#out + 1] = json end
    end
  end
end

local ids
if sort == 'urgency' then
  if not filtered then
    local out = { size, size }
    local page = redis.call('ZREVRANGE', KEYS[1], offset, offset + limit - 1)
    appendTickets(out, page, 1, #page)
    return out
  end
  ids = redis.call('ZREVRANGE', KEYS[1], 0, -1)
else
  local flat = redis.call('ZRANGE', KEYS[1], 0, -1, 'WITHSCORES')
  local entries = {}
  for i = 1, #flat, 2 do
    -- Exact: scores are integers below 2^53 and seqSpace is a power of two.
    entries[#entries + 1] = { flat[i], seqSpace - 1 - (tonumber(flat[i + 1]) % seqSpace) }
  end
  if sort == 'oldest' then
    table.sort(entries, function(a, b) return a[2] < b[2] end)
  else
    table.sort(entries, function(a, b) return a[2] > b[2] end)
  end
  ids = {}
  for i, entry in ipairs(entries) do ids[i] = entry[1] end
end

local out = { size, 0 }
if not filtered then
  out[2] = #ids
  appendTickets(out, ids, offset + 1, math.min(#ids, offset + limit))
  return out
end

local function text(value)
  return type(value) == 'string' and value or ''
end

local matching = 0
for first = 1, #ids, CHUNK do
  local chunk = {}
  for i = first, math.min(#ids, first + CHUNK - 1) do chunk[#chunk + 1] = ids[i] end
  for _, json in ipairs(redis.call('HMGET', KEYS[2], unpack(chunk))) do
    if json then
      local ticket = cjson.decode(json)
      local hit = category == '' or ticket.category == category
      if hit and needle ~= '' then
        local haystack = string.lower(text(ticket.ticket_id) .. '\n' .. text(ticket.subject) .. '\n' ..
          text(ticket.body) .. '\n' .. text(ticket.customer_id))
        hit = string.find(haystack, needle, 1, true) ~= nil
      end
      if hit then
        matching = matching + 1
        if matching > offset and matching <= offset + limit then out[#out + 1] = json end
      end
    end
  end
end
out[2] = matching
return out
