-- summary: documents, sentences, tokens, vocabulary, cleaning gaps, repaired bytes, top terms
--
-- usage: clio summary [options] PATH...
-- Reads the texts (files, folders of *.txt, or - for stdin) and reports what is in
-- them. The table view prints the totals, one row per document and the most frequent
-- content words; --format jsonl/csv/tsv prints one record per document and a last
-- record for the whole corpus (doc "(all)"), or with --terms the top terms.
local clio = require "clio"
local cli = clio.cli
local output = clio.output
local summary = require "clio.analysis.summary"

local opts, paths = cli.parse({ ... }, {
  usage = "clio summary [options] PATH...",
  options = cli.options(cli.corpus_options, cli.output_options, {
    { "top", value = "N", number = true, default = 20, help = "how many top terms" },
    { "terms", help = "print the top terms as records instead of the documents" },
    { "stopwords", value = "FILE", help = "words left out of top terms [the language profile's stopwords]" },
    { "all-terms", help = "keep function words in the top terms" },
  }),
  min = 1,
})

local corpus <close> = cli.open_corpus(opts, paths)
local out <close> = output.open {
  format = opts.format, path = opts.output,
  columns = opts.terms and { "term", "count" }
    or { "doc", "bytes", "sentences", "tokens", "words", "gaps", "repaired" },
}
if opts.terms then
  for _, t in ipairs(summary.top_terms(corpus, opts)) do out:write(t) end
  out:close()
  return
end

local r = summary.run(corpus)
if opts.format == "table" then
  for _, line in ipairs(summary.notes(r)) do out:note(line) end
end
for _, row in ipairs(r.rows) do out:write(row) end
out:write(r.all)
if opts.format == "table" then
  local top = {}
  for _, t in ipairs(summary.top_terms(corpus, opts)) do top[#top + 1] = t.term .. " " .. t.count end
  out:note("")
  out:note("top terms: " .. table.concat(top, ", "))
end
out:close()
