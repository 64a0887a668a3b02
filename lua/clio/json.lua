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

local json = {}

--- Marks a list that must come out as a JSON array even when empty (cjson writes an
--- empty table as {}): `setmetatable(list, json.array_mt)`.
json.array_mt = { __name = "clio.output.array" }

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

-- A table is an array when its keys are exactly 1..n (n > 0), or when it is marked, or
-- when it is empty and empty tables are lists (`empty_list`).
local function is_array(t, empty_list)
  local n = #t
  if n == 0 then return getmetatable(t) == json.array_mt or (empty_list and next(t) == nil) end
  local count = 0
  for _ in pairs(t) do count = count + 1 end
  return count == n
end

--- value(v[, empty_list]) -> v as JSON: strings, numbers, booleans, nil (null), arrays
--- and objects (keys sorted as strings). An empty table is {} unless marked with
--- array_mt, or `empty_list` is true (data whose empty tables are all lists).
local function value(v, empty_list)
  local t = type(v)
  if t == "string" then
    return string_literal(v)
  elseif t == "table" then
    local parts = {}
    if is_array(v, empty_list) then
      for i = 1, #v do parts[i] = value(v[i], empty_list) end
      return "[" .. concat(parts, ",") .. "]"
    end
    local keys = {}
    for k in pairs(v) do keys[#keys + 1] = tostring(k) end
    sort(keys)
    for i, k in ipairs(keys) do
      local val = v[k]
      if val == nil then val = v[tonumber(k)] end
      parts[i] = string_literal(k) .. ":" .. value(val, empty_list)
    end
    return "{" .. concat(parts, ",") .. "}"
  elseif v == nil then
    return "null"
  end
  return encode(v)
end
json.value = value

--- object(record, columns) -> one JSON object with the columns first, in order, then the
--- other string keys sorted. Keys whose value is nil are left out.
---@param record table
---@param columns? string[]
function json.object(record, columns)
  local parts, seen = {}, {}
  for _, k in ipairs(columns or {}) do
    seen[k] = true
    if record[k] ~= nil then parts[#parts + 1] = string_literal(k) .. ":" .. value(record[k]) end
  end
  local rest = {}
  for k in pairs(record) do
    if not seen[k] and type(k) == "string" then rest[#rest + 1] = k end
  end
  sort(rest)
  for _, k in ipairs(rest) do parts[#parts + 1] = string_literal(k) .. ":" .. value(record[k]) end
  return "{" .. concat(parts, ",") .. "}"
end

return json
