--- clio.report.analyse: runs the analyses the report assembles over one corpus and
--- returns plain data: clio.timeline.run, clio.factions.run and clio.claims.run, the
--- functions the commands call, over the same cached annotations (clio.annotate), so an
--- option means the same to `clio report` as to the command.
local clio = require "clio"
local timeline = require "clio.timeline"

local M = {}

local function is_artifact(g) return g.rule ~= "markup" and g.rule ~= "break" and g.rule ~= "reference" end

local NO_COUNTS = {}

local function record(doc, counts, gaps, artifacts)
  return {
    index = doc.index, id = doc.id, name = doc.name, path = doc.path, start = doc.start, ["end"] = doc["end"],
    bytes = doc["end"] - doc.start, size = doc.size, meta = doc.meta or {}, sentences = counts.sentences,
    tokens = counts.tokens, words = counts.words, gaps = gaps, artifacts = artifacts, repaired = doc.repaired,
    short = doc.name:match "[^/]+$" or doc.name,
  }
end

--- The records of a summary's documents: `docs[i]` makes the record of document i
--- when first asked for (the documents the page holds, a few thousand), `#docs` counts
--- them all, and no record is made for the rest. Not to be iterated whole.
local function lazy_docs(corpus, n)
  return setmetatable({}, {
    __len = function() return n end,
    __index = function(t, i)
      if math.type(i) ~= "integer" or i < 1 or i > n then return nil end
      local doc = corpus:doc(i)
      local gaps, artifacts = doc:gaps(), {}
      for _, g in ipairs(gaps) do if is_artifact(g) then artifacts[#artifacts + 1] = g end end
      local d = record(doc, NO_COUNTS, gaps, artifacts)
      rawset(t, i, d)
      return d
    end,
  })
end

--- The corpus overview: one record per document, and totals. A summary page (mode
--- "summary") keeps no record per document: `docs` makes those the page asks for
--- (lazy_docs), and the sizes the sample needs are summed as they stream
--- (sample_tokens: each document's bytes times per_byte, the corpus's tokens per
--- byte); it counts the tokens of the documents it holds only (M.count, later).
local function overview(corpus, store, progress, mode)
  local docs, rules = {}, {}
  local totals = corpus:stats()
  local metakeys, seen = {}, {}
  local per_byte = totals.bytes > 0 and totals.tokens / totals.bytes or 0
  local sample_tokens, n = 0, 0
  -- the token counts are a cached layer ("counts"): an unchanged document is not read again
  local each
  if mode == "summary" then
    local next_doc = corpus:docs()
    each = function() local doc = next_doc(); return doc, doc and { counts = NO_COUNTS } end
  else
    each = require("clio.annotate").each(corpus, { "counts" }, { store = store })
  end
  for doc, layers in each do
    progress("reading %s", doc.name)
    local counts = layers.counts
    local gaps, artifacts = doc:gaps(), {}
    for _, g in ipairs(gaps) do
      if is_artifact(g) then
        artifacts[#artifacts + 1] = g
        rules[g.rule] = (rules[g.rule] or 0) + 1
      end
    end
    for k in pairs(doc.meta or {}) do
      if not seen[k] then seen[k] = true; metakeys[#metakeys + 1] = k end
    end
    n = n + 1
    if mode == "summary" then
      sample_tokens = sample_tokens + (doc["end"] - doc.start) * per_byte
    else
      docs[n] = record(doc, counts, gaps, artifacts)
    end
  end
  if mode == "summary" then docs = lazy_docs(corpus, n) end
  table.sort(metakeys, function(a, b)
    local order = { title = 1, author = 2, date = 3, year = 4 }
    local x, y = order[a] or 99, order[b] or 99
    if x ~= y then return x < y end
    return a < b
  end)
  return { docs = docs, totals = totals, rules = rules, metakeys = metakeys, per_byte = per_byte,
           sample_tokens = mode == "summary" and sample_tokens or nil }
end

--- Timeline entries (clio.timeline.run's, as `clio timeline` merges them), merged as
--- the events come (clio.timeline.builder): no event is kept but as its entry's
--- citation, which carries `at`, the event's clause and sentence ranges packed
--- (string.pack "<i8i8i8i8": clause start, end, sentence start, end). A summary page
--- lists at most LIMITS.citations_per_event sources of an event, so the citations past
--- those keep no text. Returns the entries and the number of events.
local function events(corpus, opts, progress)
  local b = timeline.builder()
  local n = 0
  local listed = opts.mode == "summary" and require("clio.report.summary").LIMITS.citations_per_event or math.huge
  for e in require("clio.analysis.timeline").expressions(corpus, { grammar = opts.grammar,
      reference_time = opts.reference_time, period = opts.period, lang = opts.lang,
      transient = opts.mode == "summary", threads = opts.threads, store = opts.store, progress = progress }) do
    if e.lo then
      n = n + 1
      local cite, k = b:add(e)
      if k > listed then cite.text, cite.clause = nil, nil end
      local sen = e.sentence or e.clause
      cite.at = string.pack("<i8i8i8i8", e.clause.start, e.clause["end"], sen.start, sen["end"])
    end
  end
  return b:entries(), n
end

--- What the factions section and the timeline read (clio.factions.run, as `clio factions`
--- makes them): co-occurrence edges (each with its first citation), actor nodes, the
--- first actions and their count, the number of documents that name actors, and every
--- document's mentions in a scratch file (clio.analysis.mentions_store), read back for
--- the documents the page holds and the clauses its timeline cites. lexicons: names or
--- paths (nil: the corpus's `lexicon` metadata, else none: actors discovered from the
--- texts, no sides). Memory holds no record per document but an offset.
local function faction_data(corpus, opts, progress)
  local store = require("clio.analysis.mentions_store").new()
  local actions, nactions, profiled = {}, 0, 0
  local max_actions = require("clio.report.factions").MAX_ACTIONS
  local r = require("clio.factions").run(corpus, { lexicons = opts.lexicons, lang = opts.lang, period = opts.period,
    reference_time = opts.reference_time, grammar = opts.grammar, cooccurrence = true, edge_citations = 1,
    actions = true, profiles = true, nodes = true, store = opts.store, progress = progress, keep = false,
    on_document = function(t) store:put(t.index, t.mentions) end,
    on_profile = function(p) if p.total > 0 then profiled = profiled + 1 end end,
    on_action = function(a)
      nactions = nactions + 1
      if nactions <= max_actions then actions[nactions] = a end
    end,
    transient = opts.mode == "summary" })
  if r.discovered then
    io.stderr:write("clio report: no lexicon named: actors discovered from the texts (no sides); "
      .. "name one with --lexicon NAME|FILE\n")
  end
  r.mentions, r.actions, r.nactions, r.profiled = store, actions, nactions, profiled
  return r
end

--- Claim groups with verdicts (and reference verdicts) (clio.claims.run, as `clio claims`
--- makes them), with the factions' lexicons (or discovered actors) for subjects and objects.
local function claim_data(corpus, opts, lexicons, ref, progress)
  local claims = require "clio.claims"
  local r = claims.run(corpus, { lexicons = lexicons or false, predicates = opts.predicates, ref = ref,
    lang = opts.lang, period = opts.period, reference_time = opts.reference_time, grammar = opts.grammar,
    similarity = 0.3, store = opts.store, progress = progress,
    transient = opts.mode == "summary" })
  -- a summary page lists a few groups' first claims: the rest are let go before the
  -- factions run (at a gigabyte, 80,000 claims of about 3 KB each)
  if opts.mode == "summary" then require("clio.report.claims").trim(r.groups, require("clio.report.summary").LIMITS) end
  return { groups = r.groups, reference = ref, nclaims = r.claims, date_string = claims.date_string,
    unresolved = r.unresolved, unresolved_string = claims.unresolved_string }
end

--- Everything the report shows. opts: detail (clio.report.summary.mode), lexicons,
--- grammar, reference_time, predicates, threads, reference, store (clio.annotate.store) or annotations (a folder of them),
--- progress(fmt, ...).
--- Fills the token counts (tokens, words, sentences) of overview records that lack them.
function M.count(corpus, docs, store)
  local list, recs = {}, {}
  for _, d in ipairs(docs) do
    if not d.tokens then list[#list + 1] = corpus:doc(d.index); recs[#list] = d end
  end
  local k = 0
  for _, layers in require("clio.annotate").each(corpus, { "counts" }, { docs = list, store = store }) do
    k = k + 1
    local d, c = recs[k], layers.counts
    d.tokens, d.words, d.sentences = c.tokens, c.words, c.sentences
  end
end

function M.run(corpus, opts)
  opts = opts or {}
  if opts.annotations and not opts.store then -- --annotations DIR: that store, for every analysis
    opts = setmetatable({ store = require("clio.annotate").store_at(opts.annotations) }, { __index = opts })
  end
  local progress = opts.progress or function() end
  -- a bad reference file fails before the long work
  local ref = opts.reference and require("clio.claims").load_reference(opts.reference) or nil
  local mode = require("clio.report.summary").mode(opts.detail, corpus:stats())
  local memstats = require "clio.memstats"
  local r = { overview = overview(corpus, opts.store, progress, mode), store = opts.store, mode = mode }
  memstats.mark("report: documents read", string.format("%d documents", #r.overview.docs))
  -- on a large corpus (a summary page) no analysis keeps its layers in memory for the
  -- next one: each recomputes what it reads (the claims' workers do anyway), so memory
  -- holds the results, not every layer of every document
  local aopts = setmetatable({ mode = mode }, { __index = opts })
  r.entries, r.nevents = events(corpus, aopts, progress)
  memstats.mark("report: timeline", string.format("%d events, %d entries", r.nevents, #r.entries))
  -- the claims before the factions: their worker threads (a grammar each) then start
  -- beside the timeline's results, not beside every document's mentions as well
  r.claims = claim_data(corpus, aopts, require("clio.factions").lexicons_of(corpus, opts.lexicons), ref, progress)
  memstats.mark("report: claims", string.format("%d groups, %d claims", #r.claims.groups, r.claims.nclaims or 0))
  collectgarbage()   -- what the claims let go of, before the factions start
  r.factions = faction_data(corpus, aopts, progress)
  memstats.mark("report: factions", string.format("%d documents tagged, %d mentions (%d bytes set aside), %d nodes, %d edges, %d actions",
    r.factions.mentions.n, r.factions.mentions.mentions, r.factions.mentions.scratch:size(), #r.factions.nodes,
    #r.factions.edges, r.factions.nactions))
  return r
end

return M
