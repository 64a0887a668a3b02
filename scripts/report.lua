-- report: one self-contained HTML page: corpus, timeline, factions, claims, cited sources
--
-- usage: clio report [options] PATH... [-o report.html]
-- Runs the timeline, factions and claims analyses over the texts and writes ONE HTML
-- file that needs no network (inline CSS and SVG, a few lines of inline script): the
-- corpus overview (documents, metadata, sizes, cleaning gaps, repaired bytes), the
-- timeline chart (a band per interval, a dot per day, coloured by faction) beside the
-- ordered events, faction profiles, the co-occurrence network and the actions between
-- actors, the claim groups with their verdicts (conflicts first), and the source view:
-- every document's own bytes with each cited span highlighted, so every link lands on
-- the exact words. Big corpora are capped (top events per decade, cited passages only)
-- and the page says so. The file is written to a temporary name and renamed, never
-- half; a short summary goes to the terminal. docs/report.md describes each section.
-- The analyses are clio.timeline.run, clio.factions.run and clio.claims.run, as for the
-- commands, over the same cached annotations: --grammar, --lexicon, --lang, --period,
-- --predicates and --reference-time mean here what they mean there.
local clio = require "clio"
local cli, output, report = clio.cli, clio.output, require "clio.report"

local opts, paths = cli.parse({ ... }, {
  usage = "clio report [options] PATH... [-o report.html]",
  options = cli.options(cli.corpus_options, cli.annotation_options, {
    { "output", short = "o", value = "FILE", default = "report.html", help = "the HTML file to write" },
    { "lexicon", short = "l", value = "FILE", list = true,
      help = "a faction lexicon: a file or a name along the data search path (may repeat); none: actors discovered from the texts, no sides" },
    { "grammar", value = "FILE", list = true, help = "a Lua file extending the temporal grammar (may repeat), as for clio timeline" },
    { "reference-time", value = "DATE", help = "resolve relative dates against DATE (YYYY[-MM[-DD]]), as for clio timeline" },
    { "period", value = "FROM-TO", help = "the span the story moves through, as for clio timeline" },
    { "predicates", value = "NAME|FILE", list = true, help = "a predicate vocabulary for the claims, as for clio claims" },
    { "reference", short = "r", value = "FILE", help = "a reference chronology for the claims (data/reference/README.md)" },
    { "title", value = "TEXT", help = "the page title [clio report: the corpus name]" },
    { "detail", value = "MODE", choices = { "auto", "full", "summary" }, default = "auto",
      help = "full: every document in the page; summary: counts, top entries and samples, with the commands for the rest; auto: summary past 24 MB or 2,000 documents" },
    { "quiet", short = "q", help = "no summary on the terminal" },
  }),
  min = 1,
})
if opts.output == "" or opts.output == "-" then clio.usage("--output needs a file name (the report is one HTML file)") end
local bad = clio.timeline.check(opts)
if bad then clio.usage("%s", bad) end
local inputs = { table.unpack(opts.grammar or {}) }
inputs[#inputs + 1] = opts.reference
for _, file in pairs(inputs) do
  if not io.open(file, "rb") then clio.fail("cannot read %s", file) end
end
report.check_writable(opts.output)   -- before the long work

local started = os.clock()
local corpus <close> = cli.open_corpus(opts, paths)
local names = {}
for i, p in ipairs(paths) do
  if i > 3 then names[#names + 1] = "…" break end
  names[#names + 1] = (p:gsub("/+$", "")):match "[^/]+$" or p
end
local ok, page, summary = pcall(report.build, corpus, {
  lexicons = opts.lexicon, grammar = opts.grammar, reference_time = opts.reference_time, period = opts.period,
  lang = opts.lang, predicates = opts.predicates, annotations = opts.annotations,
  reference = opts.reference, title = opts.title or ("clio report: " .. table.concat(names, ", ")),
  detail = opts.detail, commands = report.commands(opts, paths),
  progress = function(fmt, ...) output.progress("report: " .. fmt, ...) end,
})
if not ok then if type(page) == "string" then clio.fail("%s", page) end error(page, 0) end
if clio.core.isatty(2) then io.stderr:write("\r\27[K") end
report.write(opts.output, page)
if not opts.quiet then io.write(report.summary_text(summary, opts.output, #page, os.clock() - started)) end
