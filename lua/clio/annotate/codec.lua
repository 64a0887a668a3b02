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

local spack, byte, concat = string.pack, string.byte, table.concat
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

--- decode(s [, pos]) -> value; raises "damaged annotation" on a malformed string. The
--- reading half is C (core.annotation_decode, lua/l_codec.c): every layer a worker
--- computes and every cached entry comes back through it, in the command's own thread.
local annotation_decode = require("clio.core").annotation_decode
function M.decode(s, pos)
  return annotation_decode(s, pos or 1, output_array_mt)
end

return M
