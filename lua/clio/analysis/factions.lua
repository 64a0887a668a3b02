--- clio.factions.run: actors, their factions at the date the text speaks of, and what
--- follows from them, over a corpus, from its "mentions" annotations (clio.annotate:
--- computed once per document, dates from the "timex" layer).
---
---   local r = clio.factions.run(corpus, { lexicons = { "us-parties.lua" }, cooccurrence = true })
---   for _, t in ipairs(r.tagged) do for _, h in ipairs(t.mentions) do ... end end
---
--- opts: lexicons, fuzzy (true), pronouns, dates (true), lang, min_confidence, and what to
--- gather besides the mentions: cooccurrence, actions, nodes, profiles, unknown;
--- progress(fmt, ...). Returns { lex, tagger, tagged = { {doc, name, index, mentions,
--- dates} per document }, edges, actions, nodes, profiles, unknown, discovered (no
--- lexicon: actors discovered from the texts), lexicons (the ones used) }. The lexicons:
--- opts.lexicons, else the corpus's `lexicon` metadata, else none.
local clio = require "clio"
local annotate = require "clio.annotate"
local factions = require "clio.factions"
local mentions_layer = require "clio.annotate.mentions"

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

function M.run(corpus, opts)
  opts = opts or {}
  -- the lexicons named, else the corpus's `lexicon` metadata, else none (discovered actors)
  local lopts = setmetatable({ lexicons = factions.lexicons_of(corpus, opts.lexicons) }, { __index = opts })
  if not lopts.lexicons then lopts.corpus_sum = annotate.corpus_sum(corpus) end
  local tagger = mentions_layer.tagger(lopts)
  local lex = tagger.lex
  local r = { lex = lex, tagger = tagger, tagged = {}, edges = {}, actions = {}, nodes = {}, profiles = {},
    discovered = lex.discovered, lexicons = lopts.lexicons }
  local stop, lower
  if opts.unknown then stop, lower = unknown_context(corpus, opts.lang); r.unknown = {} end
  local n = 0
  for doc, layers in annotate.each(corpus, { "sentences", "mentions" }, lopts) do
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
    if opts.cooccurrence then factions.cooccurrence(t, r.edges) end
    if opts.actions then
      for _, a in ipairs(factions.actions(tagger, t)) do r.actions[#r.actions + 1] = a end
    end
    if opts.profiles then
      local rows, total = factions.profile(lex, t)
      r.profiles[#r.profiles + 1] = { index = doc.index, doc = doc.id, rows = rows, total = total }
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
    r.tagged[#r.tagged + 1] = t
  end
  table.sort(r.edges, function(a, b)
    if a.count ~= b.count then return a.count > b.count end
    if a.source ~= b.source then return a.source < b.source end
    return a.target < b.target
  end)
  if r.unknown then
    table.sort(r.unknown, function(a, b)
      if a.count ~= b.count then return a.count > b.count end
      return a.name < b.name
    end)
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

return M
