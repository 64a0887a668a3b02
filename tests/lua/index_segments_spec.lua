-- clio.index segments through the Lua API: a corpus indexed part by part
-- (clio.index.build with part = "K/N") and merged (clio.index.merge) is the index one
-- build writes, byte for byte, and queries as it; bad sets of segments are refused.
local spec = dofile("tests/lua/spec.lua")
local clio = require "clio"
local it, eq, contains = spec.it, spec.eq, spec.contains

local SAMPLE = "data/corpora/stalin-essays"
local corpus = assert(clio.open(SAMPLE))
local dir = os.tmpname()
os.remove(dir)
assert(clio.core.mkdir(dir))
local whole = dir .. "/whole.clio"
assert(clio.index.build(corpus, whole, { options = "split=none" }))

local function segments(n, opts)
  local files = {}
  for k = n - 1, 0, -1 do -- any order
    local path = clio.index.segment_path(dir .. "/seg" .. n, k, n)
    assert(clio.core.mkdir((path:gsub("/index%.clio$", ""))))
    local ok, err = clio.index.build(corpus, path, { options = opts or "split=none", part = k .. "/" .. n })
    assert(ok, err)
    files[#files + 1] = path
  end
  return files
end

it("merges the parts' segments into the single build, byte for byte", function()
  for _, n in ipairs { 1, 2, 3, 5 } do
    local out = dir .. "/merged-" .. n .. ".clio"
    local ok, err = clio.index.merge(segments(n), out)
    eq(ok, true, err)
    eq(spec.read(out), spec.read(whole), n .. " parts")
  end
end)

it("finds the segment files under a folder of parts", function()
  segments(3)
  local files = clio.index.segment_files { dir .. "/seg3" }
  eq(#files, 3)
  contains(files[1], "part-0-of-3/index.clio")
end)

it("queries the merged index as the single one", function()
  local a = assert(clio.index.open(dir .. "/merged-2.clio"))
  local b = assert(clio.index.open(whole))
  for _, q in ipairs { "trotsky", '"soviet union"', "stalin NEAR/3 lenin", "constitution*" } do
    eq(assert(a:query(q)):count(), assert(b:query(q)):count(), q)
  end
  eq(a:freq { min = 5 }, b:freq { min = 5 })
  eq(a:info().options, b:info().options, "the part field is gone")
  eq(a:info().options:find("part=", 1, true), nil)
end)

it("refuses a missing part, a doubled one and other options, naming the file", function()
  local files = segments(3)
  local ok, err = clio.index.merge({ files[1], files[2] }, dir .. "/x.clio")
  eq(ok, nil)
  contains(err, "of 3 is missing")
  ok, err = clio.index.merge({ files[1], files[2], files[2] }, dir .. "/x.clio")
  contains(err, "twice")
  local other = dir .. "/other.clio"
  assert(clio.index.build(corpus, other, { options = "split=blank", part = "1/3" }))
  ok, err = clio.index.merge({ files[3], other, files[1] }, dir .. "/x.clio")
  contains(err, other)
  contains(err, "split=blank against split=none")
  ok, err = clio.index.merge({ whole }, dir .. "/x.clio")
  contains(err, "not an index segment")
  eq(io.open(dir .. "/x.clio", "rb"), nil, "nothing written")
end)

os.execute("rm -rf '" .. dir .. "'")
return spec.done()
