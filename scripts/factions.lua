-- factions: every mention of every actor, on the side it stood at the date the text speaks of
--
-- usage: clio factions [--lexicon NAME|FILE]... [options] PATH...
-- With no lexicon (neither --lexicon nor a `lexicon` metadata column), lists the actors
-- discovered in the texts: people, organizations, places and groups told from
-- capitalization, titles and context, full names, no sides (docs/own-corpus.md).
-- With a lexicon, finds people, groups, organizations and cited sources named in it
-- (a name along the data search path or a file; docs/lexicons.md) whatever the spelling: aliases, possessives,
-- diacritics, near misspellings of a name (fuzzy, with a lower confidence). Each
-- mention gets the narrative date in force (the latest date the text gave before it, or
-- its sentence's own date) and the factions its actor belonged to then; with no date,
-- every membership with its range. Parenthetical citations are sources, not actors.
-- Records: doc, start, end, text, entity, kind, factions, date, confidence, rule.
-- Other views: --profile (mentions and shares by faction per document), --cooccurrence
-- (actors in the same sentence), --actions (who expels, removes, exiles, allies with,
-- executes whom), --unknown (capitalized names no lexicon knows). --network FILE
-- writes the network as GraphML (.graphml) or CSV edges (any other name).
local clio = require "clio"
local cli, output = clio.cli, clio.output
local factions = require "clio.factions"

local opts, paths = cli.parse({ ... }, {
  usage = "clio factions [--lexicon NAME|FILE]... [options] PATH...",
  options = cli.options(cli.corpus_options, cli.output_options, {
    { "lexicon", short = "l", value = "FILE", list = true,
      help = "a lexicon: a file, or a name in ~/.config/clio/lexicons, $CLIO_PATH/lexicons or the bundled ones (may repeat); none: actors discovered from the text" },
    { "profile", help = "per document: mentions and shares by faction" },
    { "cooccurrence", help = "actors named in the same sentence: counts, dates, citations" },
    { "actions", help = "directed, dated edges: one actor expels/removes/exiles/allies with/executes another" },
    { "unknown", help = "capitalized names and phrases that no lexicon knows, with counts" },
    { "network", value = "FILE", list = true, help = "write the network: FILE.graphml (GraphML) or CSV edges" },
    { "pronouns", help = "resolve he/his/she/her to the latest fitting person (confidence 0.3)" },
    { "no-fuzzy", help = "no fuzzy matching of near spellings" },
    { "no-dates", help = "do not look for narrative dates (faster; every membership is listed)" },
    { "min-confidence", value = "X", number = true, default = 0, help = "leave out mentions below X" },
    { "sources", help = "list cited sources too (table view; records always include them)" },
  }),
  min = 1,
})

local corpus <close> = cli.open_corpus(opts, paths)
local lexicons = factions.lexicons_of(corpus, opts.lexicon)
local tagger = factions.new {
  lexicons = lexicons, fuzzy = not opts.no_fuzzy, pronouns = opts.pronouns, dates = not opts.no_dates,
}
local lex = tagger.lex
if lex.discovered then
  io.stderr:write("clio factions: no lexicon named: actors discovered from the texts (names, kinds; no sides). "
    .. "Name one with --lexicon NAME|FILE; `clio lexicon draft` writes a starter.\n")
end

local want_network = opts.network and #opts.network > 0
local tagged_docs = {}
local edges, all_actions, node_counts = {}, {}, {}
local unknown_acc, lower, stop = nil, nil, nil

if opts.unknown then
  stop, lower = clio.stopwords(nil, opts.lang), {}
  for doc in corpus:docs() do
    for _, t in ipairs(doc:tokens()) do
      if t.kind == "word" and not t.capitalized then lower[t.term] = true end
    end
  end
  unknown_acc = {}
end

local n = 0
for doc in corpus:docs() do
  n = n + 1
  output.progress("factions: %d/%d documents", n, #corpus)
  local tagged = tagger:tag(doc)
  if opts.min_confidence > 0 then
    local kept = {}
    for _, h in ipairs(tagged.mentions) do
      if h.confidence >= opts.min_confidence then kept[#kept + 1] = h end
    end
    tagged.mentions = kept
  end
  tagged_docs[#tagged_docs + 1] = tagged
  if opts.cooccurrence or want_network then factions.cooccurrence(tagged, edges) end
  if opts.actions or want_network then
    for _, a in ipairs(factions.actions(tagger, tagged)) do all_actions[#all_actions + 1] = a end
  end
  if want_network then
    for _, h in ipairs(tagged.mentions) do
      if factions.ACTOR_KINDS[h.kind] and not h.pronoun then
        local c = node_counts[h.entity.id]
        if not c then c = { entity = h.entity, count = 0 }; node_counts[h.entity.id] = c; node_counts[#node_counts + 1] = c end
        c.count = c.count + 1
      end
    end
  end
  if opts.unknown then factions.unknown(tagger, doc, tagged, stop, lower, unknown_acc) end
  if not (opts.cooccurrence or opts.actions or opts.unknown or opts.profile or want_network) then
    -- mentions only: keep memory small on big corpora
    tagged.sentences, tagged.text = nil, nil
  end
end
if clio.core.isatty(2) then io.stderr:write("\r\27[K") end
if not lex.discovered then
  for _, w in ipairs(factions.period_warnings(lex, tagged_docs)) do io.stderr:write("clio factions: ", w, "\n") end
end

local function short(path) return path:match "[^/]+$" end

local function sorted_edges()
  table.sort(edges, function(a, b)
    if a.count ~= b.count then return a.count > b.count end
    if a.source ~= b.source then return a.source < b.source end
    return a.target < b.target
  end)
  return edges
end

local function write_network(path)
  if path:match "%.graphml$" then
    table.sort(node_counts, function(a, b) return a.entity.id < b.entity.id end)
    -- written whole to a temporary name, then renamed into place
    local tmp = ("%s.tmp-%d"):format(path, os.time())
    local f, err = io.open(tmp, "wb")
    if not f then clio.fail("cannot write %s: %s", path, err) end
    local ok, werr = f:write(factions.graphml(lex, node_counts, sorted_edges(), all_actions))
    f:close()
    if not ok or not os.rename(tmp, path) then
      os.remove(tmp)
      clio.fail("cannot write %s: %s", path, werr or "rename failed")
    end
  else
    local out <close> = output.open { format = "csv", path = path,
      columns = { "source", "target", "type", "count", "dates", "citations" } }
    for _, e in ipairs(sorted_edges()) do
      out:write { source = e.source, target = e.target, type = "co-occurrence", count = e.count,
        dates = factions.date_list(e.dates), citations = e.citations }
    end
    for _, a in ipairs(all_actions) do
      out:write { source = a.source, target = a.target, type = a.action, count = 1, dates = a.date,
        citations = a.citation }
    end
    out:close()
  end
end

for _, path in ipairs(opts.network or {}) do write_network(path) end

if opts.unknown then
  local out <close> = output.open { format = opts.format, path = opts.output,
    columns = { "name", "count", "example" } }
  table.sort(unknown_acc, function(a, b)
    if a.count ~= b.count then return a.count > b.count end
    return a.name < b.name
  end)
  for _, u in ipairs(unknown_acc) do
    if u.mid > 0 then out:write { name = u.name, count = u.count, example = u.example } end
  end
  out:close()
elseif opts.profile then
  local out <close> = output.open { format = opts.format, path = opts.output,
    columns = { "doc", "faction", "label", "mentions", "share" } }
  for _, t in ipairs(tagged_docs) do
    local rows, total = factions.profile(lex, t)
    for _, r in ipairs(rows) do
      if opts.format ~= "jsonl" then r.doc = short(r.doc) end
      r.share = math.floor(r.share * 1000 + 0.5) / 1000
      out:write(r)
    end
    if opts.format == "table" and total == 0 then out:write { doc = short(t.doc), faction = "(no actors)", mentions = 0 } end
  end
  out:close()
elseif opts.cooccurrence then
  local out <close> = output.open { format = opts.format, path = opts.output,
    columns = { "source", "target", "count", "dates", "citations" } }
  for _, e in ipairs(sorted_edges()) do
    out:write { source = e.source, target = e.target, count = e.count, dates = factions.date_list(e.dates),
      citations = e.citations }
  end
  out:close()
elseif opts.actions then
  local out <close> = output.open { format = opts.format, path = opts.output,
    columns = { "source", "action", "target", "date", "verb", "citation", "text" } }
  for _, a in ipairs(all_actions) do
    local r = { source = a.source, action = a.action, target = a.target, date = a.date, verb = a.verb,
      citation = a.citation, text = a.text:gsub("%s+", " ") }
    if opts.format == "jsonl" then r.doc, r.start, r["end"] = a.doc, a.start, a["end"] end
    out:write(r)
  end
  out:close()
elseif want_network then
  -- the network went to its file(s); nothing else asked for
  return
else
  local table_view = opts.format == "table"
  local columns = table_view and { "doc", "start", "text", "entity", "kind", "factions", "date", "confidence", "rule" }
    or { "doc", "start", "end", "text", "entity", "kind", "factions", "date", "confidence", "rule" }
  local out <close> = output.open { format = opts.format, path = opts.output, columns = columns }
  local total, by_kind = 0, {}
  for _, t in ipairs(tagged_docs) do
    for _, h in ipairs(t.mentions) do
      if not (table_view and h.kind == "source" and not opts.sources) then
        local r = factions.record(t.doc, h, opts.format ~= "jsonl")
        if opts.format ~= "jsonl" then
          if not h.date and r.memberships then r.factions = r.memberships end
          r.memberships, r.name, r.cited, r.alias, r.antecedent, r.date_mod = nil, nil, nil, nil, nil, nil
          if h.date_mod then r.date = h.date .. " " .. h.date_mod end
        end
        if table_view then r.doc = short(r.doc); r.text = r.text:gsub("%s+", " ") end
        out:write(r)
      end
      total = total + 1
      by_kind[h.kind] = (by_kind[h.kind] or 0) + 1
    end
  end
  local kinds = {}
  for k, c in pairs(by_kind) do kinds[#kinds + 1] = k .. " " .. c end
  table.sort(kinds)
  out:note(string.format("%d mentions (%s) in %d documents; lexicon: %s", total, table.concat(kinds, ", "),
    #corpus, lex.discovered and "none (actors discovered from the texts, no sides)" or table.concat(lex.names, "; ")))
  out:close()
end
