-- timeline: dates in narrative text, normalized, anchored and placed on a cited timeline
--
-- usage: clio timeline [options] PATH...
-- Finds temporal expressions (dates, times, durations, sets) with the grammar in
-- lua/clio/timex/ (clio.timex), resolves relative ones against the most recent date before them
-- in the same document (or --reference-time), and orders the dated events. The table
-- view is the timeline: one entry per event, the same event told by several documents
-- merged and citing all of them. --format jsonl/csv/tsv prints one record per
-- expression (doc, start, end, text, type, value, mod, anchor, sentence,
-- participants); add --entries for the merged timeline entries instead.
-- --grammar FILE.lua extends the grammar: the file returns a function(tagger) that may
-- call tagger:add_rule{...}, or a table of extra data (month names, ...).
-- The work is clio.timeline.run (docs/lua-api.md): dates are computed once per document
-- and cached (clio.annotate).
local clio = require "clio"
local cli, output, timeline = clio.cli, clio.output, clio.timeline

local opts, paths = cli.parse({ ... }, {
  usage = "clio timeline [options] PATH...",
  options = cli.options(cli.corpus_options, cli.annotation_options, cli.output_options, {
    { "reference-time", value = "DATE", help = "resolve relative dates against DATE (YYYY[-MM[-DD]]), as for news" },
    { "entries", help = "print merged timeline entries, not single expressions (jsonl/csv/tsv)" },
    { "grammar", value = "FILE", list = true, help = "a Lua file extending the grammar (may repeat)" },
    { "period", value = "FROM-TO", help = "the span the story moves through (1919-1921, 499BC-449BC): dates without a year anchor inside it; default: from each document's own dates, or its 'period' metadata" },
    { "all", help = "the table view lists durations, sets and times too" },
    { "scan-all", help = "run the grammar over every sentence, not only those holding a number or a trigger word (slower; same results)" },
    { "threads", value = "N", number = true, help = "worker threads for the grammar (default: $CLIO_THREADS, else the CPUs up to 4; one for a corpus under 4 MB)" },
  }),
  min = 1,
})
local bad = timeline.check(opts)
if bad then clio.usage("%s", bad) end
local corpus <close> = cli.open_corpus(opts, paths)
opts.transient = true   -- each document's dates are read once: none is kept for the run
collectgarbage("generational")   -- many long-lived records: less re-marking

-- a grammar file that fails (here or in a worker) ends the run with its message
local function fail_on_error(ok, ...)
  if not ok then if type(...) == "string" then clio.fail("%s", ...) end error(..., 0) end
  return ...
end

if opts.format ~= "table" and not opts.entries then   -- one record per expression, streamed
  local out <close> = output.open { format = opts.format, path = opts.output, columns = timeline.EXPRESSION_COLUMNS }
  fail_on_error(pcall(function()
    for e in timeline.expressions(corpus, opts) do out:write(timeline.expression_record(e, opts.format)) end
  end))
  return out:close()
end

local tl = fail_on_error(pcall(timeline.run, corpus, opts))
local columns, items = timeline.view(tl, opts.format, opts)
local out <close> = output.open { format = opts.format, path = opts.output, columns = columns }
for _, x in ipairs(items) do
  if type(x) == "string" then out:note(x) else out:write(x) end
end
out:close()
