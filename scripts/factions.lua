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
-- one view: the mentions, or what was asked for instead (none when only --network)
local view = opts.unknown and "unknown" or opts.profile and "profile" or opts.cooccurrence and "cooccurrence"
  or opts.actions and "actions" or not network and "mentions"
-- the mentions, each document's profile and the actions (unless the network needs them)
-- are written as each document is tagged: none is kept
local mv = view == "mentions" and factions.mentions_view { format = opts.format, sources = opts.sources } or nil
local streamed = view == "profile" or (view == "actions" and not network)
local columns = mv and mv.columns or streamed and factions.view_columns(view)
local out <close> = columns and output.open { format = opts.format, path = opts.output, columns = columns } or nil
local emit = out and function(row) out:write(row) end
local vopts = { format = opts.format }
local r = factions.run(corpus, { lexicons = opts.lexicon, annotations = opts.annotations, fuzzy = not opts.no_fuzzy, pronouns = opts.pronouns,
  dates = not opts.no_dates, min_confidence = opts.min_confidence, profiles = opts.profile, unknown = opts.unknown,
  cooccurrence = opts.cooccurrence or network, actions = opts.actions or network, nodes = network,
  lang = opts.lang, progress = output.progress, transient = true,
  on_document = mv and function(t) mv.add(t, emit) end, keep = not mv,
  on_profile = streamed and view == "profile" and function(p) factions.profile_rows(p, vopts, emit) end or nil,
  on_action = streamed and view == "actions" and function(a) emit(factions.action_row(a, vopts)) end or nil })
if clio.core.isatty(2) then io.stderr:write("\r\27[K") end
for _, w in ipairs(factions.warnings(r)) do io.stderr:write("clio factions: ", w, "\n") end
for _, path in ipairs(opts.network or {}) do factions.write_network(path, r) end

if mv then
  out:note(mv.note(r, #corpus))
  out:close()
elseif streamed then
  out:close()
elseif view then
  local columns, rows, note = factions.view(r, view, { format = opts.format, sources = opts.sources, ndocs = #corpus })
  local vout <close> = output.open { format = opts.format, path = opts.output, columns = columns }
  for _, row in ipairs(rows) do vout:write(row) end
  if note then vout:note(note) end
  vout:close()
end
