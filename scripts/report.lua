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
local clio = require "clio"
local cli, output = clio.cli, clio.output

local opts, paths = cli.parse({ ... }, {
  usage = "clio report [options] PATH... [-o report.html]",
  options = cli.options(cli.corpus_options, {
    { "output", short = "o", value = "FILE", default = "report.html", help = "the HTML file to write" },
    { "lexicon", short = "l", value = "FILE", list = true,
      help = "a faction lexicon: a file or a name along the data search path (may repeat); none: actors discovered from the texts, no sides" },
    { "reference", short = "r", value = "FILE", help = "a reference chronology for the claims (data/reference/README.md)" },
    { "title", value = "TEXT", help = "the page title [clio report: the corpus name]" },
    { "quiet", short = "q", help = "no summary on the terminal" },
  }),
  min = 1,
})

local path = opts.output
if path == "" or path == "-" then clio.usage("--output needs a file name (the report is one HTML file)") end
if opts.reference then
  local f = io.open(opts.reference, "rb")
  if not f then clio.fail("cannot read reference %s", opts.reference) end
  f:close()
end

-- the folder must be writable before the long work starts
-- (a temporary name of the output's own, which --sandbox lets the script write)
local probe = string.format("%s.tmp-probe-%d", path, math.random(1 << 30))
local pf, perr = io.open(probe, "wb")
if not pf then clio.fail("cannot write %s: %s", path, (perr or ""):gsub("^[^:]*: ", "")) end
pf:close()
os.remove(probe)

local started = os.clock()
local corpus <close> = cli.open_corpus(opts, paths)

local function title()
  if opts.title then return opts.title end
  local names = {}
  for i, p in ipairs(paths) do
    if i > 3 then names[#names + 1] = "…" break end
    names[#names + 1] = (p:gsub("/+$", "")):match "[^/]+$" or p
  end
  return "clio report: " .. table.concat(names, ", ")
end

local page, summary = require("clio.report").build(corpus, {
  lexicons = opts.lexicon, reference = opts.reference, title = title(),
  progress = function(fmt, ...) output.progress("report: " .. fmt, ...) end,
})
if clio.core.isatty(2) then io.stderr:write("\r\27[K") end

-- written whole to a temporary name beside the target, then renamed into place
local tmp = string.format("%s.tmp-%d-%d", path, os.time(), math.random(1 << 30))
local f, err = io.open(tmp, "wb")
if not f then clio.fail("cannot write %s: %s", path, err) end
local ok, werr = f:write(page)
local closed, cerr = f:close()
if not ok or not closed then
  os.remove(tmp)
  clio.fail("cannot write %s: %s", path, werr or cerr)
end
local renamed, rerr = os.rename(tmp, path)
if not renamed then
  os.remove(tmp)
  clio.fail("cannot write %s: %s", path, rerr)
end

if not opts.quiet then
  local where = path
  if not where:match "^/" then
    local pwd = os.getenv "PWD"
    if pwd and pwd ~= "" then where = pwd .. "/" .. where:gsub("^%./", "") end
  end
  local html = require "clio.report.html"
  io.write(string.format("%s documents (%s), %s dated events%s, %d actors, %d claim groups, %d conflict%s\n",
    html.thousands(summary.documents), html.size(summary.bytes), html.thousands(summary.events),
    summary.span and (" from " .. summary.span) or "", summary.actors, summary.groups, summary.conflicts,
    summary.conflicts == 1 and "" or "s"))
  if summary.shown_events < summary.events then
    io.write(string.format("the page shows %s of the events (top per decade)\n", html.thousands(summary.shown_events)))
  end
  io.write(string.format("report: %s (%s, %.1f s)\n", where, html.size(#page), os.clock() - started))
end
