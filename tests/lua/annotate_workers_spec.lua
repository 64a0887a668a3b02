-- clio.annotate.workers: annotation layers computed on worker threads give what one
-- thread gives, in the same order; the cases it must leave to one thread; documents
-- forgotten and read again.
local spec = dofile("tests/lua/spec.lua")
local it, eq = spec.it, spec.eq

local clio = require "clio"
local annotate = require "clio.annotate"
local workers = require "clio.annotate.workers"
local json = require "clio.json"

local DIR = "data/corpora/stalin-essays"

-- the groups of `clio claims -f jsonl` as text, and whether workers computed them
local function claims_run(threads, extra)
  local corpus = assert(clio.open(DIR))
  local each, used = workers.each, false
  workers.each = function(...)
    local r = each(...)
    used = used or r ~= nil
    return r
  end
  -- a fresh store each run: every layer computed, cache or none
  local dir = os.tmpname()
  os.remove(dir)
  local opts = { threads = threads, transient = true, annotations = dir }
  for k, v in pairs(extra or {}) do opts[k] = v end
  annotate.reset_stats()
  local ok, r = pcall(clio.claims.run, corpus, opts)
  workers.each = each
  assert(ok, r)
  local lines = {}
  for _, g in ipairs(r.groups) do lines[#lines + 1] = json.value(clio.claims.group_record(g, r.reference)) end
  local left = select(2, clio.claims.unresolved_string(r.unresolved))
  os.execute("rm -rf '" .. dir .. "'")
  return table.concat(lines, "\n"), used, r.claims, left, annotate.stats.computed.claims
end

it("claims on two and three workers: the records of one thread, byte for byte, in order", function()
  local saved = workers.JOB_BYTES
  workers.JOB_BYTES = 4096   -- many jobs even on this small corpus
  for _, extra in ipairs { {}, { lexicons = { "soviet-power-struggle" } } } do
    local one, used1, n1, left1, computed1 = claims_run(1, extra)
    local two, used2, n2, left2, computed2 = claims_run(2, extra)
    eq(used1, false, "one thread: no workers")
    eq(used2, true, "two threads: workers")
    if not extra.lexicons then
      local three, used3 = claims_run(3, extra)
      eq(used3, true)
      eq(three, one)
    end
    eq(#one > 1000, true, "the corpus has groups to compare")
    eq(two, one)
    eq(n2, n1)
    eq(left2, left1)
    eq(computed1, 16)
    eq(computed2, 16, "the workers' work is counted in the caller's stats")
  end
  workers.JOB_BYTES = saved
end)

-- the records of `clio factions` (discovered actors) as text, and the layers computed
local function factions_run(threads)
  local corpus = assert(clio.open(DIR))
  local dir = os.tmpname()
  os.remove(dir)
  annotate.reset_stats()
  local r = clio.factions.run(corpus, { threads = threads, transient = true, annotations = dir, cooccurrence = true })
  local lines = {}
  for _, t in ipairs(r.tagged) do
    for _, h in ipairs(t.mentions) do lines[#lines + 1] = json.value(require("clio.analysis.factions").mention_record(t, h, "jsonl")) end
  end
  for _, e in ipairs(r.edges) do lines[#lines + 1] = e.source .. "|" .. e.target .. "|" .. e.count end
  local computed = {}
  for k, v in pairs(annotate.stats.computed) do computed[k] = v end
  os.execute("rm -rf '" .. dir .. "'")
  return table.concat(lines, "\n"), computed, #r.lex.entity_order
end

it("actors discovered across documents: found on workers, joined here in order, as one thread", function()
  local saved = workers.JOB_BYTES
  workers.JOB_BYTES = 4096
  local each, used = workers.each, 0
  workers.each = function(...)
    local r = each(...)
    if r then used = used + 1 end
    return r
  end
  local one, c1, n1 = factions_run(1)
  local two, c2, n2 = factions_run(2)
  workers.each, workers.JOB_BYTES = each, saved
  eq(used, 1, "the two-thread run used workers")
  eq(#one > 10000, true, "the corpus has mentions")
  eq(two, one)
  eq(n2, n1)
  -- every layer once per document, wherever it was computed
  eq(c1, { sentences = 16, timex = 16, narrative = 16, actors = 16, mentions = 16 })
  eq(c2, c1)
end)

it("workers are not used where they could not give the same result", function()
  local corpus = assert(clio.open(DIR))
  local transient = { threads = 2, transient = true, lexicons = false }
  eq(workers.each(corpus, { "claims" }, { threads = 1, transient = true }), nil, "one thread")
  -- only layers that depend on the documents before (actors joined across documents)
  eq(workers.each(corpus, { "mentions" }, { threads = 2, transient = true, lexicons = false,
    store = require("clio.annotate.store").none() }), nil, "a caller's store")
  -- a value a worker cannot receive
  eq(workers.each(corpus, { "claims" }, setmetatable({ find = print }, { __index = transient })), nil, "a function")
  eq(workers.each(corpus, { "claims" }, { threads = 2, docs = { corpus:doc(1) }, transient = true }), nil, "a subset")
  -- without a disk store, layers kept for the run's other analyses stay in this state
  local saved = os.getenv("CLIO_NO_CACHE")
  if saved then
    eq(workers.each(corpus, { "claims" }, { threads = 2, lexicons = false }), nil, "memory store")
  end
  local ok = workers.each(corpus, { "claims" }, transient)
  eq(ok ~= nil, true, "a corpus read from files, plain options")
  local n = 0
  for doc, layers in ok do
    n = n + 1
    eq(doc.index, n)
    eq(type(layers.claims.claims), "table")
  end
  eq(n, #corpus)
end)

it("the thread count is clio.parallel's: --threads, then $CLIO_THREADS, then the CPUs past MIN_BYTES", function()
  local corpus = assert(clio.open(DIR))
  local plain = { transient = true, lexicons = false }
  local real = os.getenv
  local function each_with(env_threads, opts)
    os.getenv = function(k) if k == "CLIO_THREADS" then return env_threads end return real(k) end
    local ok, r = pcall(workers.each, corpus, { "claims" }, opts)
    os.getenv = real
    assert(ok, r)
    if r then for _ in r do end end   -- drain: the workers end with the iterator
    return r ~= nil
  end
  eq(corpus._core:bytes() < workers.MIN_BYTES, true, "a small corpus")
  eq(each_with(nil, plain), false, "nothing asked, a small corpus: one state")
  eq(each_with("2", plain), true, "$CLIO_THREADS at any size")
  eq(each_with("2", setmetatable({ threads = 1 }, { __index = plain })), false, "--threads 1 before $CLIO_THREADS")
end)

it("options travel when they are plain values, inherited ones too", function()
  local base = { lexicons = { "a.lua", "b.lua" }, similarity = 0.3, all = false, progress = print }
  local o = workers.options(setmetatable({ discover = true, vocabulary = {} }, { __index = base }))
  eq(o, { lexicons = { "a.lua", "b.lua" }, similarity = 0.3, all = false, discover = true })
  eq(workers.options({ lexicons = { { name = "loaded" } } }), nil)
  -- a caller's own callbacks stay here (clio factions writes each document's records)
  eq(workers.options({ on_document = print, progress = print, similarity = 0.3 }), { similarity = 0.3 })
  -- clio factions --profile / --actions and the report write profiles and actions as
  -- they come: the mentions are still found on the workers
  eq(workers.options({ on_profile = print, on_action = print, keep = false, edge_citations = 1 }),
    { keep = false, edge_citations = 1 })
end)

it("a forgotten document is analysed again the same", function()
  local corpus = assert(clio.open(DIR))
  local doc = corpus:doc(3)
  local toks, sents = doc:tokens(), doc:sentences()
  doc:forget()
  doc:forget()
  eq(doc:tokens(), toks)
  eq(doc:sentences(), sents)
end)

it("the corpus's bytes are counted without a table per document; released pages read again the same", function()
  local corpus = assert(clio.open(DIR))
  local total, texts = 0, {}
  for doc in corpus:docs() do
    total = total + (doc["end"] - doc.start)
    texts[doc.index] = doc:text()
  end
  eq(corpus._core:bytes(), total)
  corpus._core:release_pages()
  local d = corpus:doc(5)
  corpus._core:release_pages(d.index, -10, d.size + 10)   -- clamped to the file
  for doc in corpus:docs() do eq(doc:text(), texts[doc.index]) end
end)

return spec.done()
