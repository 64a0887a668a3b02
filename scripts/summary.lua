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

local function top_terms()
  local stop, top = opts.all_terms and {} or clio.stopwords(opts.stopwords, opts.lang), {}
  for _, t in ipairs(corpus:term_counts { kinds = "word" }) do
    if not stop[t.term] then
      top[#top + 1] = t
      if #top == opts.top then break end
    end
  end
  return top
end

local function thousands(n)
  local s = tostring(n)
  repeat
    local k
    s, k = s:gsub("^(%d+)(%d%d%d)", "%1,%2")
  until k == 0
  return s
end

local totals = corpus:stats()
local rows, by_rule = {}, {}
for doc in corpus:docs() do
  local st = doc:stats() -- counted in C, streamed: no table per token
  for _, g in ipairs(doc:gaps()) do
    if g.rule ~= "markup" and g.rule ~= "break" then -- tags and escapes are not artifacts
      by_rule[g.rule] = (by_rule[g.rule] or 0) + 1
    end
  end
  rows[#rows + 1] = {
    doc = doc.id, bytes = doc["end"] - doc.start, sentences = st.sentences, tokens = st.tokens,
    words = st.words, gaps = st.gaps, repaired = doc.repaired,
  }
end

local out <close> = output.open {
  format = opts.format, path = opts.output,
  columns = opts.terms and { "term", "count" }
    or { "doc", "bytes", "sentences", "tokens", "words", "gaps", "repaired" },
}

if opts.terms then
  for _, t in ipairs(top_terms()) do out:write(t) end
  out:close()
  return
end

if opts.format == "table" then
  local rules = {}
  for rule, n in pairs(by_rule) do rules[#rules + 1] = rule .. " " .. n end
  table.sort(rules)
  out:note(string.format("%s documents, %s bytes, %s sentences, %s tokens (%s words), vocabulary %s",
    thousands(totals.documents), thousands(totals.bytes), thousands(totals.sentences),
    thousands(totals.tokens), thousands(totals.words), thousands(totals.vocabulary)))
  out:note(string.format("gaps found by cleaning rules: %d%s", totals.gaps,
    #rules > 0 and " (" .. table.concat(rules, ", ") .. ")" or ""))
  out:note(string.format("repaired invalid UTF-8 sequences: %d", totals.repaired))
  out:note("")
end
for _, r in ipairs(rows) do out:write(r) end
out:write { doc = "(all)", bytes = totals.bytes, sentences = totals.sentences, tokens = totals.tokens,
  words = totals.words, gaps = totals.gaps, repaired = totals.repaired }
if opts.format == "table" then
  local top = {}
  for _, t in ipairs(top_terms()) do top[#top + 1] = t.term .. " " .. t.count end
  out:note("")
  out:note("top terms: " .. table.concat(top, ", "))
end
out:close()
