--- A small spec runner for clio's Lua specs: `local spec = dofile("tests/lua/spec.lua")`,
--- then spec.it(name, fn) and, at the end, `return spec.done()` (exit status 1 on failure).
local spec = { passed = 0, failed = 0 }

local function show(v)
  if type(v) == "string" then return string.format("%q", v) end
  if type(v) ~= "table" then return tostring(v) end
  local keys = {}
  for k in pairs(v) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
  local parts = {}
  for _, k in ipairs(keys) do parts[#parts + 1] = tostring(k) .. "=" .. show(v[k]) end
  return "{" .. table.concat(parts, ", ") .. "}"
end

local function same(a, b)
  if type(a) ~= "table" or type(b) ~= "table" then return a == b end
  for k, v in pairs(a) do if not same(v, b[k]) then return false end end
  for k in pairs(b) do if a[k] == nil then return false end end
  return true
end

--- Fails unless got equals want (tables compared deeply).
function spec.eq(got, want, what)
  if not same(got, want) then
    error(string.format("%s\n  want %s\n  got  %s", what or "values differ", show(want), show(got)), 2)
  end
end

--- Fails unless s contains the plain text part.
function spec.contains(s, part, what)
  if type(s) ~= "string" or not s:find(part, 1, true) then
    error(string.format("%s\n  want text containing %q\n  got  %s", what or "missing text", part, show(s)), 2)
  end
end

--- The message of the error fn raises (a clio.fail table's message); fails when fn
--- raises none.
function spec.error_of(fn)
  local ok, err = pcall(fn)
  if ok then error("expected an error", 2) end
  return type(err) == "table" and (err.message or show(err)) or tostring(err)
end

--- Fails unless fn raises an error whose message contains part.
function spec.raises(fn, part)
  local ok, err = pcall(fn)
  if ok then error("expected an error containing " .. string.format("%q", part), 2) end
  local msg = type(err) == "table" and (err.message or show(err)) or tostring(err)
  if not msg:find(part, 1, true) then
    error(string.format("error %q does not contain %q", msg, part), 2)
  end
end

--- The bytes of a file.
function spec.read(path)
  local f = assert(io.open(path, "rb"))
  local s = f:read("a")
  f:close()
  return s
end

-- Texts a spec writes go to one folder of its own, made on first use and removed by
-- spec.done().
local folder, written = nil, 0

--- write(text, name?) -> the path of a new file holding text, in the spec's folder
--- (named 01.txt, 02.txt ... in order unless a name is given).
function spec.write(text, name)
  if not folder then
    folder = os.tmpname()
    os.remove(folder)
    assert(os.execute("mkdir -p " .. folder))
  end
  written = written + 1
  local path = string.format("%s/%s", folder, name or string.format("%02d.txt", written))
  local f = assert(io.open(path, "wb"))
  assert(f:write(text))
  assert(f:close())
  return path
end

--- doc(text) -> the one document of a corpus made of a new file holding text.
function spec.doc(text)
  return assert(require("clio").open(spec.write(text))):doc(1)
end

--- only(list, value, key?) -> the items of list whose key (default "event") is value.
function spec.only(list, value, key)
  local out = {}
  for _, x in ipairs(list) do if x[key or "event"] == value then out[#out + 1] = x end end
  return out
end

function spec.it(name, fn)
  local ok, err = xpcall(fn, debug.traceback)
  if ok then
    spec.passed = spec.passed + 1
  else
    spec.failed = spec.failed + 1
    io.stderr:write("FAIL ", name, "\n", tostring(err), "\n")
  end
end

function spec.done()
  if folder then os.execute("rm -rf " .. folder) end
  print(string.format("%d passed, %d failed", spec.passed, spec.failed))
  return spec.failed > 0 and 1 or 0
end

return spec
