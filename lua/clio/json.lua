--- clio.json: the one JSON encoder of clio's outputs (jsonl records, concordances,
--- timelines, the report's page data). Strings are cjson's escapes with "/" left as it
--- is; objects have their keys sorted at every depth, so that a run writes the same
--- bytes as the last one.
---
---   json.string("a \"b\"")                        --> "a \"b\""
---   json.value{ b = 1, a = { 1, 2 } }             --> {"a":[1,2],"b":1}
---   json.object({ n = 2, term = "x" }, { "term" }) --> {"term":"x","n":2}
local cjson = require "cjson"

local encode, find, gsub, concat, sort = cjson.encode, string.find, string.gsub, table.concat, table.sort
local ulen, REPLACEMENT = utf8.len, "\239\191\189"
local mtype, tostring = math.type, tostring

local json = {}

--- Marks a list that must come out as a JSON array even when empty (cjson writes an
--- empty table as {}): `setmetatable(list, json.array_mt)`.
json.array_mt = { __name = "clio.output.array" }
local array_mt = json.array_mt

-- s with each byte that does not start a valid UTF-8 sequence replaced by U+FFFD: the
-- output is UTF-8 even when a source or a script hands over broken bytes.
local function valid_utf8(s)
  local out, i, n = {}, 1, #s
  while i <= n do
    local len, bad = ulen(s, i)
    if len then out[#out + 1] = s:sub(i); break end
    out[#out + 1] = s:sub(i, bad - 1)
    out[#out + 1] = REPLACEMENT
    i = bad + 1
  end
  return concat(out)
end

--- string(s) -> s as a JSON string literal, quotes included; invalid UTF-8 bytes become
--- U+FFFD. cjson escapes "/" as "\/"; the gsub only runs on the few strings that hold
--- one (the fastest of the ways measured).
local function string_literal(s)
  if not ulen(s) then s = valid_utf8(s) end
  local e = encode(s)
  if find(e, "/", 1, true) then return (gsub(e, "\\/", "/")) end
  return e
end
json.string = string_literal

-- "key": for the keys of records, which are few and repeat on every record: kept once
-- encoded (up to KEYS_KEPT of them, so that data keys cannot grow the cache unbounded)
local KEYS_KEPT, keys_kept = 1024, 0
local key_literals = {}
local function key_literal(k)
  local lit = key_literals[k]
  if lit then return lit end
  lit = string_literal(k) .. ":"
  if keys_kept < KEYS_KEPT then keys_kept = keys_kept + 1; key_literals[k] = lit end
  return lit
end

--- value(v[, empty_list]) -> v as JSON: strings, numbers, booleans, nil (null), arrays
--- and objects (keys sorted as strings). A table is an array when its keys are exactly
--- 1..n (n > 0), or when it is marked with array_mt, or when it is empty and
--- `empty_list` is true (data whose empty tables are all lists); else an object.
--- (Called once per field of every record: the common cases are tested first and
--- written out in place.)
local value
function value(v, empty_list)
  local t = type(v)
  if t == "string" then
    return string_literal(v)
  elseif t == "number" then
    -- integers as cjson writes them (%.14g): the digits, below 1e14
    if mtype(v) == "integer" and v < 1e14 and v > -1e14 then return tostring(v) end
    return encode(v)
  elseif t == "table" then
    local parts, n = {}, #v
    local array = n == 0 and (getmetatable(v) == array_mt or (empty_list and next(v) == nil))
    if n > 0 then
      local count = 0
      for _ in next, v do count = count + 1 end
      array = count == n
    end
    if array then
      for i = 1, n do
        local x = v[i]
        parts[i] = type(x) == "string" and string_literal(x) or value(x, empty_list)
      end
      return "[" .. concat(parts, ",", 1, n) .. "]"
    end
    local keys, nk = {}, 0
    for k in next, v do nk = nk + 1; keys[nk] = tostring(k) end
    if nk > 1 then sort(keys) end
    for i = 1, nk do
      local k = keys[i]
      local x = v[k]
      if x == nil then x = v[tonumber(k)] end
      parts[i] = (key_literals[k] or key_literal(k))
        .. (type(x) == "string" and string_literal(x) or value(x, empty_list))
    end
    return "{" .. concat(parts, ",", 1, nk) .. "}"
  elseif v == nil then
    return "null"
  end
  return encode(v)
end
json.value = value

-- the columns of a writer as a set, made once per columns table
local column_sets = setmetatable({}, { __mode = "k" })
local NO_COLUMNS = {}
local function column_set(columns)
  local set = column_sets[columns]
  if not set then
    set = {}
    for _, k in ipairs(columns) do set[k] = true end
    column_sets[columns] = set
  end
  return set
end

--- object(record, columns) -> one JSON object with the columns first, in order, then the
--- other string keys sorted. Keys whose value is nil are left out.
---@param record table
---@param columns? string[]
function json.object(record, columns)
  columns = columns or NO_COLUMNS
  local parts, n = {}, 0
  for i = 1, #columns do
    local k = columns[i]
    local v = record[k]
    if v ~= nil then
      n = n + 1
      parts[n] = (key_literals[k] or key_literal(k)) .. (type(v) == "string" and string_literal(v) or value(v))
    end
  end
  local set, rest = column_set(columns), nil
  for k in next, record do
    if not set[k] and type(k) == "string" then
      rest = rest or {}
      rest[#rest + 1] = k
    end
  end
  if rest then
    sort(rest)
    for _, k in ipairs(rest) do n = n + 1; parts[n] = (key_literals[k] or key_literal(k)) .. value(record[k]) end
  end
  return "{" .. concat(parts, ",", 1, n) .. "}"
end

return json
