--- clio.report.analyse: runs the analyses the report assembles over one corpus and
--- returns plain data. An adapter over clio.timex/clio.timeline (as scripts/timeline.lua
--- runs them), clio.factions (as scripts/factions.lua) and clio.claims (as
--- scripts/claims.lua); it changes none of them.
local clio = require "clio"
local timex = require "clio.timex"
local timeline = require "clio.timeline"

local M = {}

local function is_artifact(g) return g.rule ~= "markup" and g.rule ~= "break" end

--- The corpus overview: one record per document, and totals.
local function overview(corpus, progress)
  local docs, rules = {}, {}
  local totals = corpus:stats()
  local metakeys, seen = {}, {}
  for doc in corpus:docs() do
    progress("reading %s", doc.name)
    local tokens, words = doc:tokens(), 0
    for _, t in ipairs(tokens) do
      if t.kind == "word" or t.kind == "number" then words = words + 1 end
    end
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
    docs[#docs + 1] = {
      index = doc.index, name = doc.name, path = doc.path, start = doc.start, ["end"] = doc["end"],
      bytes = doc["end"] - doc.start, size = doc.size, meta = doc.meta or {}, sentences = #doc:sentences(),
      tokens = #tokens, words = words, gaps = gaps, artifacts = artifacts, repaired = doc.repaired,
      short = doc.name:match "[^/]+$" or doc.name,
    }
  end
  table.sort(metakeys, function(a, b)
    local order = { title = 1, author = 2, date = 3, year = 4 }
    local x, y = order[a] or 99, order[b] or 99
    if x ~= y then return x < y end
    return a < b
  end)
  return { docs = docs, totals = totals, rules = rules, metakeys = metakeys }
end

--- Timeline events of every document, as scripts/timeline.lua makes them, and the
--- merged entries. Events keep their clause and sentence ranges.
local function events(corpus, progress)
  local tagger = timex.new()
  local triggers = tagger:trigger_words()
  if triggers then
    local terms = {}
    for i, tc in ipairs(corpus:term_counts { kinds = "word" }) do terms[i] = tc.term end
    for _, t in ipairs(tagger:compound_triggers(terms)) do triggers[#triggers + 1] = t end
  end
  local all, by_key = {}, {}
  for doc in corpus:docs() do
    progress("dates in %s", doc.name)
    local text, gaps = doc:text(), doc:gaps()
    local spans = triggers and doc:candidates(triggers) or nil
    local kept = clio.outside_gaps(tagger:extract(text, { base = doc.start, spans = spans }), gaps)
    tagger:anchor(kept)
    for _, ev in ipairs(timeline.events(doc.path, text, doc.start, doc:sentences(), kept)) do
      all[#all + 1] = ev
      by_key[ev.doc .. "\0" .. ev.start] = ev
    end
  end
  return timeline.build(all), by_key, #all
end

--- Mentions, profiles, co-occurrence edges and actions, as scripts/factions.lua makes
--- them. lexicons: names or paths (nil: the corpus's `lexicon` metadata, else none:
--- actors discovered from the texts, no sides).
local function faction_data(corpus, lexicons, progress)
  local factions = require "clio.factions"
  local tagger = factions.new { lexicons = factions.lexicons_of(corpus, lexicons) }
  if tagger.lex.discovered then
    io.stderr:write("clio report: no lexicon named: actors discovered from the texts (no sides); "
      .. "name one with --lexicon NAME|FILE\n")
  end
  local tagged, edges, actions, profiles = {}, {}, {}, {}
  local nodes = {}
  for doc in corpus:docs() do
    progress("actors in %s", doc.name)
    local t = tagger:tag(doc)
    t.index = doc.index
    tagged[#tagged + 1] = t
    factions.cooccurrence(t, edges)
    for _, a in ipairs(factions.actions(tagger, t)) do actions[#actions + 1] = a end
    local rows, total = factions.profile(tagger.lex, t)
    profiles[#profiles + 1] = { index = doc.index, rows = rows, total = total }
    for _, h in ipairs(t.mentions) do
      if factions.ACTOR_KINDS[h.kind] and not h.pronoun then
        local id = h.entity.id
        local n = nodes[id]
        if not n then
          n = { id = id, entity = h.entity, count = 0, factions = {} }
          nodes[id] = n
          nodes[#nodes + 1] = n
        end
        n.count = n.count + 1
        for _, f in ipairs(h.factions) do n.factions[f] = (n.factions[f] or 0) + 1 end
      end
    end
    t.text = nil -- the source view reads the document again
  end
  return { lex = tagger.lex, tagged = tagged, edges = edges, actions = actions, profiles = profiles,
           nodes = nodes }
end

--- Claim groups with verdicts (and reference verdicts), as scripts/claims.lua makes them.
local function claim_data(corpus, lex, ref, progress)
  local claims = require "clio.claims"
  local lexicon = require "clio.lexicon"
  local find_mentions = lex and claims.lexicon_mentions(lexicon.matcher(lex, { fuzzy = true })) or nil
  local predicates = claims.vocabulary { lexicons = lex and lex.files }
  local shown, nclaims, unresolved = claims.analyse(corpus, { predicates = predicates,
    find_mentions = find_mentions, similarity = 0.3, ref = ref, progress = progress })
  return { groups = shown, reference = ref, nclaims = nclaims, date_string = claims.date_string,
    unresolved = unresolved, unresolved_string = claims.unresolved_string }
end

--- Everything the report shows. opts: lexicons, reference, progress(fmt, ...).
function M.run(corpus, opts)
  opts = opts or {}
  local progress = opts.progress or function() end
  -- a bad reference file fails before the long work
  local ref = opts.reference and require("clio.claims").load_reference(opts.reference) or nil
  local r = { overview = overview(corpus, progress) }
  r.entries, r.events_by_key, r.nevents = events(corpus, progress)
  r.factions = faction_data(corpus, opts.lexicons, progress)
  r.claims = claim_data(corpus, r.factions.lex, ref, progress)
  return r
end

return M
