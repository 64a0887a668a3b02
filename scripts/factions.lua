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
-- The work is clio.factions.run (docs/lua-api.md), over cached annotations.
local clio = require "clio"
local cli, output, factions = clio.cli, clio.output, clio.factions

local opts, paths = cli.parse({ ... }, {
  usage = "clio factions [--lexicon NAME|FILE]... [options] PATH...",
  options = cli.options(cli.corpus_options, cli.annotation_options, cli.output_options, {
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
local network = opts.network and #opts.network > 0
local r = factions.run(corpus, { lexicons = opts.lexicon, annotations = opts.annotations, fuzzy = not opts.no_fuzzy, pronouns = opts.pronouns,
  dates = not opts.no_dates, min_confidence = opts.min_confidence, profiles = opts.profile, unknown = opts.unknown,
  cooccurrence = opts.cooccurrence or network, actions = opts.actions or network, nodes = network,
  lang = opts.lang, progress = output.progress })
if clio.core.isatty(2) then io.stderr:write("\r\27[K") end
if r.discovered then
  io.stderr:write("clio factions: no lexicon named: actors discovered from the texts (names, kinds; no sides). "
    .. "Name one with --lexicon NAME|FILE; `clio lexicon draft` writes a starter.\n")
else
  for _, w in ipairs(factions.period_warnings(r.lex, r.tagged)) do io.stderr:write("clio factions: ", w, "\n") end
end
for _, path in ipairs(opts.network or {}) do factions.write_network(path, r) end

local function view(columns, rows)
  local out <close> = output.open { format = opts.format, path = opts.output, columns = columns }
  for _, row in ipairs(rows) do out:write(row) end
  return out
end
if opts.unknown then
  local rows = {}
  for _, u in ipairs(r.unknown) do if u.mid > 0 then rows[#rows + 1] = { name = u.name, count = u.count, example = u.example } end end
  view({ "name", "count", "example" }, rows):close()
elseif opts.profile then
  local rows = {}
  for _, p in ipairs(r.profiles) do
    for _, row in ipairs(p.rows) do row.share = math.floor(row.share * 1000 + 0.5) / 1000; rows[#rows + 1] = row end
    if opts.format == "table" and p.total == 0 then rows[#rows + 1] = { doc = p.doc, faction = "(no actors)", mentions = 0 } end
  end
  view({ "doc", "faction", "label", "mentions", "share" }, rows):close()
elseif opts.cooccurrence then
  local rows = {}
  for _, e in ipairs(r.edges) do
    rows[#rows + 1] = { source = e.source, target = e.target, count = e.count, dates = factions.date_list(e.dates), citations = e.citations }
  end
  view({ "source", "target", "count", "dates", "citations" }, rows):close()
elseif opts.actions then
  local rows = {}
  for _, a in ipairs(r.actions) do
    rows[#rows + 1] = { source = a.source, action = a.action, target = a.target, date = a.date, verb = a.verb,
      citation = a.citation, text = a.text:gsub("%s+", " "), doc = opts.format == "jsonl" and a.doc or nil,
      start = opts.format == "jsonl" and a.start or nil, ["end"] = opts.format == "jsonl" and a["end"] or nil }
  end
  view({ "source", "action", "target", "date", "verb", "citation", "text" }, rows):close()
elseif not network then
  local rows, by_kind, total = {}, {}, 0
  for _, t in ipairs(r.tagged) do
    for _, h in ipairs(t.mentions) do
      if not (opts.format == "table" and h.kind == "source" and not opts.sources) then rows[#rows + 1] = factions.mention_record(t, h, opts.format) end
      total, by_kind[h.kind] = total + 1, (by_kind[h.kind] or 0) + 1
    end
  end
  local kinds = {}
  for k, c in pairs(by_kind) do kinds[#kinds + 1] = k .. " " .. c end
  table.sort(kinds)
  local columns = { "doc", "start", "end", "text", "entity", "kind", "factions", "date", "confidence", "rule" }
  if opts.format == "table" then table.remove(columns, 3) end
  local out <close> = view(columns, rows)
  out:note(string.format("%d mentions (%s) in %d documents; lexicon: %s", total, table.concat(kinds, ", "), #corpus, r.discovered and "none (actors discovered from the texts, no sides)" or table.concat(r.lex.names, "; ")))
  out:close()
end
