--- clio.factions.run: actors, their factions at the date the text speaks of, and what
--- follows from them, over a corpus, from its "mentions" annotations (clio.annotate:
--- computed once per document, dates from the "timex" layer).
---
---   local r = clio.factions.run(corpus, { lexicons = { "us-parties.lua" }, cooccurrence = true })
---   for _, t in ipairs(r.tagged) do for _, h in ipairs(t.mentions) do ... end end
---
--- opts: lexicons, fuzzy (true), pronouns, dates (true), lang, min_confidence, and what to
--- gather besides the mentions: cooccurrence (edge_citations: the citations each edge
--- keeps, nil all), actions, nodes, profiles, unknown;
--- progress(fmt, ...); on_document(t) (called with each tagged document in order); keep
--- (false: r.tagged keeps no document, for a caller that had them from on_document);
--- on_profile(p), on_action(a) (each document's profile, each action, in order, kept in
--- neither r.profiles nor r.actions: a caller that writes them as they come);
--- transient (the caller reads the layers once: none is kept in
--- memory for later analyses of the run, nor any document's tokens). Returns { lex, tagger, tagged = { {doc, name, index, mentions,
--- dates} per document }, edges, actions, nodes, profiles, unknown, discovered (no
--- lexicon: actors discovered from the texts), lexicons (the ones used) }. The lexicons:
--- opts.lexicons, else the corpus's `lexicon` metadata, else none.
local clio = require "clio"
local annotate = require "clio.annotate"
local factions = require "clio.factions"
local mentions_layer = require "clio.annotate.mentions"
local memstats = require "clio.memstats"

local M = {}

local function unknown_context(corpus, lang)
  local stop, lower = clio.stopwords(nil, lang), {}
  for doc in corpus:docs() do
    for _, t in ipairs(doc:tokens()) do
      if t.kind == "word" and not t.capitalized then lower[t.term] = true end
    end
  end
  return stop, lower
end

-- what a run holds so far, for CLIO_MEMSTATS marks: the join's actors and the views
local function kept(r)
  local function count(t) local c = 0; for _ in pairs(t or {}) do c = c + 1 end; return c end
  return string.format("%d actors, %d aliases, %d tails, %d nodes, %d edges, %d actions, %d profiles, %d documents kept",
    #r.lex.entity_order, count(r.tagger.by_alias), count(r.tagger.tails), #r.nodes, #r.edges, #r.actions,
    #r.profiles, #r.tagged)
end

function M.run(corpus, opts)
  opts = opts or {}
  -- the lexicons named, else the corpus's `lexicon` metadata, else none (discovered actors)
  local lopts = setmetatable({ lexicons = factions.lexicons_of(corpus, opts.lexicons) }, { __index = opts })
  memstats.mark("factions: start", #corpus .. " documents")
  if not lopts.lexicons then lopts.corpus_sum = annotate.corpus_sum(corpus) end
  memstats.mark("factions: corpus sum")
  local tagger = mentions_layer.tagger(lopts)
  local lex = tagger.lex
  local r = { lex = lex, tagger = tagger, tagged = {}, edges = {}, actions = {}, nodes = {}, profiles = {},
    discovered = lex.discovered, lexicons = lopts.lexicons }
  local stop, lower
  if opts.unknown then stop, lower = unknown_context(corpus, opts.lang); r.unknown = {} end
  -- documents told outside the lexicon's period, gathered as they go (opts.keep false)
  local period = not lex.discovered and require("clio.lexicon").period(lex) or nil
  r.outside = {}
  local n = 0
  -- what each document names on its own is found on worker threads when that gives the
  -- same result (clio.annotate.workers); the join across documents runs here, in order
  local names = { "sentences", "mentions" }
  local each = require("clio.annotate.workers").each(corpus, names, lopts) or annotate.each(corpus, names, lopts)
  for doc, layers in each do
    n = n + 1
    if opts.progress then opts.progress("factions: %d/%d documents", n, #corpus) end
    local list = {}
    for _, h in ipairs(layers.mentions.mentions) do
      -- the lexicon's own entity (a cached layer holds a copy)
      h.entity = h.entity and lex.entities[h.entity.id] or h.entity
      if h.confidence >= (opts.min_confidence or 0) then list[#list + 1] = h end
    end
    local t = { doc = doc.id, name = doc.name, index = doc.index, mentions = list,
      dates = layers.mentions.dates, sentences = layers.sentences, text = doc:text(), base = doc.start }
    if opts.cooccurrence then factions.cooccurrence(t, r.edges, opts.edge_citations) end
    if opts.actions then
      for _, a in ipairs(factions.actions(tagger, t)) do
        if opts.on_action then opts.on_action(a) else r.actions[#r.actions + 1] = a end
      end
    end
    if opts.profiles then
      local rows, total = factions.profile(lex, t)
      local p = { index = doc.index, doc = doc.id, rows = rows, total = total }
      if opts.on_profile then opts.on_profile(p) else r.profiles[#r.profiles + 1] = p end
    end
    if opts.nodes then
      for _, h in ipairs(list) do
        if factions.ACTOR_KINDS[h.kind] and not h.pronoun then
          local node = r.nodes[h.entity.id]
          if not node then
            node = { id = h.entity.id, entity = h.entity, count = 0, factions = {} }
            r.nodes[h.entity.id] = node
            r.nodes[#r.nodes + 1] = node
          end
          node.count = node.count + 1
          for _, f in ipairs(h.factions) do node.factions[f] = (node.factions[f] or 0) + 1 end
        end
      end
    end
    if opts.unknown then factions.unknown(tagger, doc, t, stop, lower, r.unknown) end
    t.text, t.sentences = nil, nil   -- a big corpus: keep the mentions only
    if opts.on_document then opts.on_document(t) end
    if period then r.outside[#r.outside + 1] = factions.outside_period(period, t) end
    if opts.keep ~= false then r.tagged[#r.tagged + 1] = t end   -- (false: the caller had it from on_document)
    if opts.transient then doc:forget() end   -- its tokens are not needed again
    if n % 20000 == 0 and memstats.enabled() then memstats.mark("factions: " .. n .. " documents", kept(r)) end
  end
  if memstats.enabled() then memstats.mark("factions: all documents", kept(r)) end
  table.sort(r.edges, require("clio.order").most_first("source", "target"))
  if r.unknown then
    table.sort(r.unknown, require("clio.order").most_first("name"))
  end
  return r
end

--- write_network(path, r): the network of a run (with nodes, cooccurrence and actions)
--- as GraphML (path ending in .graphml) or CSV edges, written whole or not at all.
function M.write_network(path, r)
  local output = require "clio.output"
  if path:match "%.graphml$" then
    local nodes = {}
    for i, node in ipairs(r.nodes) do nodes[i] = node end
    table.sort(nodes, function(a, b) return a.entity.id < b.entity.id end)
    local tmp = ("%s.tmp-%d-%d"):format(path, os.time(), math.random(1 << 30))
    local f, err = io.open(tmp, "wb")
    if not f then clio.fail("cannot write %s: %s", path, err) end
    local ok, werr = f:write(factions.graphml(r.lex, nodes, r.edges, r.actions))
    local closed = f:close()
    if not (ok and closed and os.rename(tmp, path)) then
      os.remove(tmp)
      clio.fail("cannot write %s: %s", path, werr or "rename failed")
    end
    return
  end
  local out <close> = output.open { format = "csv", path = path,
    columns = { "source", "target", "type", "count", "dates", "citations" } }
  for _, e in ipairs(r.edges) do
    out:write { source = e.source, target = e.target, type = "co-occurrence", count = e.count,
      dates = factions.date_list(e.dates), citations = e.citations }
  end
  for _, a in ipairs(r.actions) do
    out:write { source = a.source, target = a.target, type = a.action, count = 1, dates = a.date,
      citations = a.citation }
  end
  out:close()
end

--- A mention as a record of `clio factions` (jsonl: nested fields; other formats flat).
function M.mention_record(t, h, format)
  local r = factions.record(t.doc, h, format ~= "jsonl")
  if format ~= "jsonl" then
    if not h.date and r.memberships then r.factions = r.memberships end
    r.memberships, r.name, r.cited, r.alias, r.antecedent, r.date_mod = nil, nil, nil, nil, nil, nil
    if h.date_mod then r.date = h.date .. " " .. h.date_mod end
  end
  if format == "table" then r.text = r.text:gsub("%s+", " ") end
  return r
end

--- warnings(r) -> the messages a run leaves for stderr: that no lexicon was named (actors
--- discovered from the texts), or the documents told outside the lexicon's period.
function M.warnings(r)
  if r.discovered then
    return { "no lexicon named: actors discovered from the texts (names, kinds; no sides). "
      .. "Name one with --lexicon NAME|FILE; `clio lexicon draft` writes a starter." }
  end
  return factions.period_message(r.lex, r.outside)
end

-- The rows of each view of a run: fn(r, opts) -> columns, rows[, note].
local views = {}

function views.unknown(r)
  local rows = {}
  for _, u in ipairs(r.unknown) do
    if u.mid > 0 then rows[#rows + 1] = { name = u.name, count = u.count, example = u.example } end
  end
  return { "name", "count", "example" }, rows
end

--- The rows of one document's profile (as run's on_profile gets it) as the profile
--- view prints them, each passed to emit(row). opts: format.
function M.profile_rows(p, opts, emit)
  for _, row in ipairs(p.rows) do row.share = math.floor(row.share * 1000 + 0.5) / 1000; emit(row) end
  if opts.format == "table" and p.total == 0 then emit { doc = p.doc, faction = "(no actors)", mentions = 0 } end
end

-- the columns of the views a run can write as it goes (M.profile_rows, M.action_row)
local COLUMNS = {
  profile = { "doc", "faction", "label", "mentions", "share" },
  actions = { "source", "action", "target", "date", "verb", "citation", "text" },
}

--- view_columns(name) -> the columns of the profile or actions view (a new array).
function M.view_columns(name) return table.move(COLUMNS[name], 1, #COLUMNS[name], 1, {}) end

function views.profile(r, opts)
  local rows = {}
  for _, p in ipairs(r.profiles) do M.profile_rows(p, opts, function(row) rows[#rows + 1] = row end) end
  return M.view_columns "profile", rows
end

function views.cooccurrence(r)
  local rows = {}
  for _, e in ipairs(r.edges) do
    rows[#rows + 1] = { source = e.source, target = e.target, count = e.count,
      dates = factions.date_list(e.dates), citations = e.citations }
  end
  return { "source", "target", "count", "dates", "citations" }, rows
end

--- One action (as run's on_action gets it) as the actions view prints it. opts: format.
function M.action_row(a, opts)
  local where = opts.format == "jsonl" -- jsonl records cite their text
  return { source = a.source, action = a.action, target = a.target, date = a.date, verb = a.verb,
    citation = a.citation, text = a.text:gsub("%s+", " "), doc = where and a.doc or nil,
    start = where and a.start or nil, ["end"] = where and a["end"] or nil }
end

function views.actions(r, opts)
  local rows = {}
  for _, a in ipairs(r.actions) do rows[#rows + 1] = M.action_row(a, opts) end
  return M.view_columns "actions", rows
end

--- The mentions view fed one tagged document at a time (a command that writes records
--- as the run goes, keeping none): mv.columns; mv.add(t, emit) emits t's records;
--- mv.note(r, ndocs) counts them by kind. opts: format, sources (as M.view's).
function M.mentions_view(opts)
  local by_kind, total = {}, 0
  local columns = { "doc", "start", "end", "text", "entity", "kind", "factions", "date", "confidence", "rule" }
  if opts.format == "table" then table.remove(columns, 3) end
  local mv = { columns = columns }
  function mv.add(t, emit)
    for _, h in ipairs(t.mentions) do
      if not (opts.format == "table" and h.kind == "source" and not opts.sources) then
        emit(M.mention_record(t, h, opts.format))
      end
      total, by_kind[h.kind] = total + 1, (by_kind[h.kind] or 0) + 1
    end
  end
  function mv.note(r, ndocs)
    local kinds = {}
    for k, c in pairs(by_kind) do kinds[#kinds + 1] = k .. " " .. c end
    table.sort(kinds)
    return string.format("%d mentions (%s) in %d documents; lexicon: %s", total, table.concat(kinds, ", "),
      ndocs, r.discovered and "none (actors discovered from the texts, no sides)" or table.concat(r.lex.names, "; "))
  end
  return mv
end

function views.mentions(r, opts)
  local rows, mv = {}, M.mentions_view(opts)
  local function emit(row) rows[#rows + 1] = row end
  for _, t in ipairs(r.tagged) do mv.add(t, emit) end
  return mv.columns, rows, mv.note(r, opts.ndocs or #r.tagged)
end

--- view(r, name, opts) -> columns, rows, note|nil: one view of a run as `clio factions`
--- prints it. name: "mentions" (with a note counting them by kind), "unknown",
--- "profile", "cooccurrence" or "actions" (the run must have gathered it); opts: format
--- (the table format shortens and flattens), sources (the table lists cited sources
--- too), ndocs (the documents read, for the note).
function M.view(r, name, opts)
  local fn = views[name]
  if not fn then error("no factions view '" .. tostring(name) .. "'", 2) end
  return fn(r, opts or {})
end

return M
