--- clio.annotate.codec: plain Lua values to a compact binary string and back, for the
--- annotation cache. Nothing in an entry is ever run: decoding reads numbers, strings,
--- booleans and tables, and raises on anything else (a damaged entry is then recomputed).
---
--- A value is one tag byte and its payload (string.pack, little-endian):
---   F false  T true  i integer (i8)  d float (d)  s string (s4)
---   t table: I4 array length, I4 number of other keys, the array's values, then
---     key/value pairs;  a: the same, a table that output writes as a JSON array
---   r a table seen before in the same entry (I4 its number): shared tables stay shared
---   R a record (only string keys): I4 shape number, then its values (N for a missing
---     one) in the shape's key order; S defines a shape first (I4 key count, the keys)
--- Records of one kind share one shape, so their keys are written once per entry.
local output_array_mt = require("clio.output").array_mt

local spack, sunpack, byte, concat = string.pack, string.unpack, string.byte, table.concat
local mtype, next, type, getmetatable = math.type, next, type, getmetatable

local M = {}

M.MAGIC = "clio-annotation 1\n"

local T_FALSE, T_TRUE, T_INT, T_FLOAT, T_STR = byte "F", byte "T", byte "i", byte "d", byte "s"
local T_TABLE, T_ARRAY, T_REF, T_REC, T_SHAPE, T_NIL = byte "t", byte "a", byte "r", byte "R", byte "S", byte "N"

--- encode(value) -> string; raises on a function, userdata or thread inside value.
function M.encode(value)
  local out, n = {}, 0
  local seen, ntables = {}, 0
  local shapes, nshapes = {}, 0

  local function put(s) n = n + 1; out[n] = s end

  local enc
  local function record_shape(t)
    -- a record: only string keys and no array part; its keys sorted name the shape
    local keys, k = {}, 0
    for key in next, t do
      if type(key) ~= "string" then return nil end
      k = k + 1; keys[k] = key
    end
    if k == 0 then return nil end
    table.sort(keys)
    local sig = concat(keys, "\0")
    local shape = shapes[sig]
    if not shape then
      nshapes = nshapes + 1
      shape = { id = nshapes, keys = keys }
      shapes[sig] = shape
      put(spack("<BI4", T_SHAPE, k))
      for i = 1, k do put(spack("<s4", keys[i])) end
    end
    return shape
  end

  enc = function(v)
    local ty = type(v)
    if ty == "string" then
      put(spack("<Bs4", T_STR, v))
    elseif ty == "number" then
      if mtype(v) == "integer" then put(spack("<Bi8", T_INT, v)) else put(spack("<Bd", T_FLOAT, v)) end
    elseif ty == "boolean" then
      put(v and "T" or "F")
    elseif ty == "table" then
      local id = seen[v]
      if id then put(spack("<BI4", T_REF, id)); return end
      ntables = ntables + 1
      seen[v] = ntables
      local mt = getmetatable(v)
      local shape = mt == nil and v[1] == nil and record_shape(v)
      if shape then
        put(spack("<BI4", T_REC, shape.id))
        for _, key in ipairs(shape.keys) do enc(v[key]) end
        return
      end
      local len = #v
      local others = 0
      for key in next, v do
        if not (mtype(key) == "integer" and key >= 1 and key <= len) then others = others + 1 end
      end
      put(spack("<BI4I4", mt == output_array_mt and T_ARRAY or T_TABLE, len, others))
      for i = 1, len do
        local x = v[i]
        if x == nil then put "N" else enc(x) end
      end
      for key, x in next, v do
        if not (mtype(key) == "integer" and key >= 1 and key <= len) then enc(key); enc(x) end
      end
    elseif ty == "nil" then
      put "N"
    else
      error("an annotation holds a " .. ty .. " value", 0)
    end
  end
  enc(value)
  return concat(out, "", 1, n)
end

--- decode(s [, pos]) -> value; raises "damaged annotation" on a malformed string.
function M.decode(s, pos)
  pos = pos or 1
  local tables, ntables = {}, 0
  local shapes, nshapes = {}, 0
  local dec
  dec = function()
    local tag = byte(s, pos)
    local v
    if tag == T_STR then
      v, pos = sunpack("<s4", s, pos + 1)
    elseif tag == T_INT then
      v, pos = sunpack("<i8", s, pos + 1)
    elseif tag == T_REC then
      local id
      id, pos = sunpack("<I4", s, pos + 1)
      local shape = shapes[id]
      if not shape then error("damaged annotation: unknown record shape", 0) end
      v = {}
      ntables = ntables + 1
      tables[ntables] = v
      for i = 1, #shape do v[shape[i]] = dec() end
    elseif tag == T_SHAPE then
      local k
      k, pos = sunpack("<I4", s, pos + 1)
      local keys = {}
      for i = 1, k do keys[i], pos = sunpack("<s4", s, pos) end
      nshapes = nshapes + 1
      shapes[nshapes] = keys
      return dec()   -- the value that uses the shape follows
    elseif tag == T_NIL then
      pos = pos + 1
    elseif tag == T_TABLE or tag == T_ARRAY then
      local len, others
      len, others, pos = sunpack("<I4I4", s, pos + 1)
      v = tag == T_ARRAY and setmetatable({}, output_array_mt) or {}
      ntables = ntables + 1
      tables[ntables] = v
      for i = 1, len do v[i] = dec() end
      for _ = 1, others do
        local key = dec()
        if key == nil then error("damaged annotation: nil key", 0) end
        v[key] = dec()
      end
    elseif tag == T_REF then
      local id
      id, pos = sunpack("<I4", s, pos + 1)
      v = tables[id]
      if v == nil then error("damaged annotation: unknown table", 0) end
    elseif tag == T_TRUE then
      v, pos = true, pos + 1
    elseif tag == T_FALSE then
      v, pos = false, pos + 1
    elseif tag == T_FLOAT then
      v, pos = sunpack("<d", s, pos + 1)
    else
      error("damaged annotation: unknown tag at byte " .. pos, 0)
    end
    return v
  end
  local ok, v = pcall(dec)
  if not ok then
    error(type(v) == "string" and v:match "^damaged" and v or "damaged annotation: " .. tostring(v), 0)
  end
  if pos ~= #s + 1 then error("damaged annotation: trailing bytes", 0) end
  return v
end

return M
