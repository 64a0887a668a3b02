-- clio.annotate: the cache codec, layer keys, streaming over a subset, and the analyses
-- reading the same layers (one grammar, one dating per document).
local spec = dofile("tests/lua/spec.lua")
local it, eq, raises = spec.it, spec.eq, spec.raises

local clio = require "clio"
local annotate = require "clio.annotate"
local codec = require "clio.annotate.codec"
local store = require "clio.annotate.store"

it("codec: values come back as they went in", function()
  local shared = { id = "stalin", memberships = { { faction = "troika", lo = -17000, hi = -16000 } } }
  local v = {
    1, -2, 2 ^ 53, 0.5, -0.0 == 0 and 1.25 or 0, "text\0with nul", true, false,
    { start = 10, ["end"] = 14, text = "1922", value = "1922" },
    { start = 20, ["end"] = 24, text = "1923" },                 -- same keys minus one: another shape
    { a = shared, b = shared },
    setmetatable({}, clio.output.array_mt),
    { [3] = "sparse", x = { y = { z = {} } } },
  }
  local back = codec.decode(codec.encode(v))
  eq(back[1], 1); eq(math.type(back[1]), "integer"); eq(back[2], -2)
  eq(math.type(back[3]), "float"); eq(back[4], 0.5); eq(back[6], "text\0with nul")
  eq(back[7], true); eq(back[8], false)
  eq(back[9], v[9]); eq(back[10], v[10])
  eq(back[11].a == back[11].b, true, "a table shared stays shared")
  eq(back[11].a.memberships[1].faction, "troika")
  eq(getmetatable(back[12]), clio.output.array_mt, "an empty JSON array stays one")
  eq(back[13][3], "sparse"); eq(next(back[13].x.y.z), nil)
  local cyclic = { name = "x" }
  cyclic.self = cyclic
  local c = codec.decode(codec.encode(cyclic))
  eq(c.self == c, true, "cycles")
end)

it("codec: damaged or foreign entries are refused, functions are not encoded", function()
  local s = codec.encode({ { start = 1, text = "a" }, "b" })
  raises(function() codec.decode(s:sub(1, #s - 2)) end, "damaged annotation")
  raises(function() codec.decode(s .. "x") end, "damaged annotation")
  raises(function() codec.decode("Z") end, "damaged annotation")
  raises(function() codec.decode("r\1\0\0\0") end, "damaged annotation")
  raises(function() codec.encode({ f = print }) end, "function")
  -- what a damaged entry can claim: every prefix of a real entry is refused
  for cut = 0, #s - 1 do raises(function() codec.decode(s:sub(1, cut)) end, "damaged annotation") end
  -- a table of 2^32-1 items in a few bytes: refused when the bytes run out, not allocated first
  raises(function() codec.decode("t\255\255\255\255\0\0\0\0") end, "damaged annotation")
  -- nesting past any real annotation's depth, and a long chain of shape definitions
  raises(function() codec.decode(string.rep("t\1\0\0\0\0\0\0\0", 10000) .. "T") end, "nested too deep")
  local shapes = string.rep("S\1\0\0\0\1\0\0\0k", 100000) .. "R\1\0\0\0T"
  eq(codec.decode(shapes).k, true, "a value after 100,000 shape definitions")
  raises(function() codec.decode("t\0\0\0\0\1\0\0\0N") end, "nil key")
  raises(function() codec.decode("t\0\0\0\0\1\0\0\0d\0\0\0\0\0\0\248\127T") end, "NaN key")
  eq(codec.decode("xxT", 3), true, "decoding from a position")
  -- the message names the entry's byte, not a line of the code that read it
  eq(select(2, pcall(codec.decode, "xxZ", 3)), "damaged annotation: unknown tag at byte 3", "the message")
end)

local corpus = assert(clio.open("data/corpora/stalin-essays"))

-- first: the grammar is built once per Lua state, so no earlier test may have built it
it("one report: one grammar, every document dated once, every layer computed once", function()
  local timex = require "clio.timex"
  local new, builds = timex.new, 0
  timex.new = function(...) builds = builds + 1; return new(...) end
  local job = require "clio.timeline_job"
  local job_builds = job.builds
  annotate.reset_stats()
  local ok, err = pcall(require("clio.report.analyse").run, corpus, { lexicons = { "soviet-power-struggle" },
    store = store.open { memory = true } })
  timex.new = new
  assert(ok, err)
  eq(builds, 1, "timex.new")
  eq(job.builds - job_builds, 1, "grammars built")
  eq(annotate.stats.computed, { sentences = 16, timex = 16, narrative = 16, mentions = 16, claims = 16, counts = 16 })
end)

it("layers of a subset of documents, in the order asked", function()
  local mem = store.open { memory = true }
  local docs = { corpus:doc(3), corpus:doc(1) }
  local seen = {}
  for doc, layers in annotate.each(corpus, { "timex" }, { docs = docs, store = mem }) do
    seen[#seen + 1] = doc.index
    eq(type(layers.timex), "table")
  end
  eq(seen, { 3, 1 })
  local exprs = annotate.layer(corpus:doc(3), "timex", { store = mem })
  eq(exprs[1].text, "1924")
end)

it("a run that keeps no layer (transient, no store) computes no key, with the same layers", function()
  local fresh = assert(clio.open("data/corpora/stalin-essays"))
  local docs = { fresh:doc(2), fresh:doc(5) }
  local kept = {}
  for doc, layers in annotate.each(fresh, { "claims" }, { docs = docs, store = store.none(), transient = true }) do
    eq(rawget(doc, "_annotation_sum"), nil, "no document checksum")
    kept[#kept + 1] = codec.encode(layers.claims)
  end
  local mem = store.open { memory = true }
  local again = {}
  for doc, layers in annotate.each(fresh, { "claims" }, { docs = docs, store = mem }) do
    eq(type(rawget(doc, "_annotation_sum")), "string", "a store that keeps layers names them by key")
    again[#again + 1] = codec.encode(layers.claims)
  end
  eq(again, kept)
  fresh:close()
end)

it("claims of a paragraph without a trigger word or a year read no other layer, and claim the same", function()
  local text = "1:1 In the beginning God created the heaven and the earth.\n\nStalin took power in 1929.\n\n"
    .. "The next day Trotsky was arrested.\n\nNothing happened here.\n"
  local c = assert(clio.open(spec.write(text), { split = "blank" }))
  local opts = { store = store.none(), lexicons = false, transient = true }
  annotate.reset_stats()
  local got = {}
  for doc, layers in annotate.each(c, { "claims" }, opts) do got[doc.index] = codec.encode(layers.claims) end
  -- the verse and the last paragraph need nothing; the arrest has no year to be dated by
  eq(annotate.stats.computed, { claims = 4, sentences = 2, timex = 1 })
  local step = annotate.step "claims"
  for doc in c:docs() do
    local deps = {}
    for _, name in ipairs(annotate.deps(step, opts)) do deps[name] = annotate.layer(doc, name, opts) end
    eq(got[doc.index], codec.encode(step.compute(doc, deps, opts)), doc.start)
  end
  eq(#codec.decode(got[3]).claims, 1, "the arrest")
  c:close()
end)

it("keys: the same text read twice has the same key; a lexicon changes mentions, not timex", function()
  local tmp = os.tmpname()
  local f = assert(io.open(tmp, "wb"))
  f:write(assert(clio.read_file(clio.data_path("lexicons/soviet-power-struggle.lua"))))
  f:close()
  local a = annotate.keys(corpus:doc(2), { "mentions" }, { lexicons = { tmp } })
  f = assert(io.open(tmp, "ab")); f:write("\n-- edited\n"); f:close()
  annotate.forget_files()
  local b = annotate.keys(corpus:doc(2), { "mentions" }, { lexicons = { tmp } })
  os.remove(tmp)
  eq(a.timex, b.timex, "dates keep their key")
  eq(a.sentences, b.sentences)
  eq(a.mentions ~= b.mentions, true, "mentions get a new one")
  local again = assert(clio.open("data/corpora/stalin-essays/"))
  eq(annotate.keys(again:doc(2), { "timex" }, {}).timex, annotate.keys(corpus:doc(2), { "timex" }, {}).timex)
  eq(annotate.keys(corpus:doc(2), { "timex" }, { reference_time = "1930" }).timex
    ~= annotate.keys(corpus:doc(2), { "timex" }, {}).timex, true, "options are in the key")
end)

return spec.done()
