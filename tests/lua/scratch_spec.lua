-- core.scratch: bytes set aside on disk and read back by offset (the report's mentions).
local spec = dofile("tests/lua/spec.lua")
local core = require("clio").core
local it, eq = spec.it, spec.eq

it("puts come back by offset, before and after the buffer is written out", function()
  local s = assert(core.scratch())
  eq(s:size(), 0)
  eq(s:get(0, 0), "", "nothing put: the empty string at 0")
  local a = s:put("first")
  eq(s:get(a, 5), "first", "still in the buffer")
  local big = string.rep("0123456789", 10000)   -- past the buffer: written at once
  local b = s:put(big)
  local c = s:put("")
  local d = s:put("last\0bytes")
  eq({ a, b, c, d }, { 0, 5, 5 + #big, 5 + #big })
  eq(s:size(), 5 + #big + 10)
  eq(s:get(b, #big), big)
  eq(s:get(d, 10), "last\0bytes")
  eq(s:get(b + 99990, 15), "0123456789last\0", "across two puts")
  -- many small puts: several buffers' worth
  local at = {}
  for i = 1, 20000 do at[i] = s:put(("record %05d;"):format(i)) end
  for _, i in ipairs { 1, 777, 5461, 19999, 20000 } do eq(s:get(at[i], 13), ("record %05d;"):format(i)) end
  s:close()
end)

it("reads past what was put, and use after close, are errors", function()
  local s = assert(core.scratch())
  s:put("abc")
  spec.raises(function() s:get(1, 3) end, "outside the scratch file")
  spec.raises(function() s:get(-1, 1) end, "outside the scratch file")
  spec.raises(function() s:get(0, -1) end, "outside the scratch file")
  s:close()
  spec.raises(function() s:put("x") end, "scratch file: used after close")
  spec.raises(function() s:get(0, 1) end, "scratch file: used after close")
  s:close()   -- twice is harmless
  do local t <close> = assert(core.scratch()); t:put("x") end   -- a to-be-closed variable
end)

it("each scratch file is its own", function()
  local s, t = assert(core.scratch()), assert(core.scratch())
  s:put("one"); t:put("two")
  eq({ s:get(0, 3), t:get(0, 3) }, { "one", "two" })
  s = nil
  collectgarbage()   -- collected: its file goes, the other stays
  eq(t:get(0, 3), "two")
end)
return spec.done()
