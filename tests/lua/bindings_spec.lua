-- Bindings keep every string they use alive: tables whose reads return fresh strings
-- (an __index that collects garbage first) and numbers where strings are expected.
-- Without anchoring, the ASan build reports a use after free here.
local spec = dofile("tests/lua/spec.lua")
local clio = require "clio"
local core = clio.core
local it, eq = spec.it, spec.eq

-- A proxy of `values`: every read collects garbage, then returns a string built on
-- the spot (the stored one reversed back), so nothing but the caller's stack holds it.
local function fresh(values)
  local stored = {}
  for k, v in pairs(values) do stored[k] = type(v) == "string" and v:reverse() or v end
  return setmetatable({}, {
    __index = function(_, k)
      collectgarbage()
      local v = stored[k]
      if type(v) == "string" then return v:reverse() end
      return v
    end,
    __len = function() return #values end,
  })
end

local dir = os.tmpname()
os.remove(dir)
assert(os.execute("mkdir -p " .. dir))
local function write(name, text)
  local f = assert(io.open(dir .. "/" .. name, "wb"))
  f:write(text)
  f:close()
  return dir .. "/" .. name
end

it("core.termset keeps words read through an __index", function()
  local path = write("set.txt", "Stalin met Lenin in 1917. Nobody else came.\n\nTrotsky wrote.\n")
  local c = assert(clio.open(path))
  local words = {}
  for i = 1, 40 do words[i] = "nomatch" .. i end
  words[41], words[42] = "stalin", "trotsky"
  local set = core.termset(fresh(words))
  collectgarbage()
  local spans = c:doc(1):candidates(set, false)
  eq(#spans, 2)
  eq(c:doc(1):text(spans[2].start, spans[2]["end"]), "Trotsky wrote.")
end)

it("core.termset takes numbers as their strings", function()
  local path = write("nums.txt", "The year 1917 came. Then 1924 came. Words only here.\n")
  local c = assert(clio.open(path))
  local set = core.termset(fresh({ 1917, 1924, 3, 4, 5, 6, 7, 8, 9, 10 }))
  collectgarbage()
  local spans = c:doc(1):candidates(set, false)
  eq(#spans, 2)
end)

it("core.open keeps options read through an __index", function()
  local path = write("split.txt", "alpha beta\n=====\ngamma delta\n=====\nepsilon\n")
  local c = assert(clio.open(path, fresh({ split = "separator", separator = "=====", repair = false })))
  eq(#c, 3)
  eq(c:doc(2):text(), "gamma delta")
  local jpath = write("rows.jsonl", '{"body": "one two"}\n{"body": "three"}\n')
  local j = assert(core.open({ jpath }, fresh({ text_field = "body", split = "none" })))
  eq(j:count(), 2)
end)

it("hits:kwic keeps by and sort read through an __index", function()
  local path = write("kwic.txt", "a b stalin c d. e f stalin g h.\n")
  local ix = assert(clio.index.memory(path))
  local hits = assert(ix:query("stalin"))
  local lines = hits:kwic(fresh({ by = "words", sort = "left", width = 2 }))
  eq(#lines, 2)
end)

os.execute("rm -rf " .. dir)
return spec.done()
