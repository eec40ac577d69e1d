-- The webhook delivery log's steps, shared by the delivery scripts. The log is a list of
-- delivery ids, newest first (`ids`), and a hash delivery id -> entry JSON (`entries`);
-- both hold the same ids, the last `size` of them.

-- Adds an entry at the head of the log and drops the oldest past `size`.
local function logDelivery(ids, entries, id, entryJson, size)
  redis.call('HSET', entries, id, entryJson)
  redis.call('LPUSH', ids, id)
  while redis.call('LLEN', ids) > size do
    redis.call('HDEL', entries, redis.call('RPOP', ids))
  end
end

-- Sets the fields of `patchJson` on an entry still in the log; false when it is not (any
-- more). Entries hold strings, integers and nulls only, so re-encoding changes no value.
local function patchDelivery(entries, id, patchJson)
  local json = redis.call('HGET', entries, id)
  if not json then
    return false
  end
  local entry = cjson.decode(json)
  for field, value in pairs(cjson.decode(patchJson)) do
    entry[field] = value
  end
  redis.call('HSET', entries, id, cjson.encode(entry))
  return true
end
