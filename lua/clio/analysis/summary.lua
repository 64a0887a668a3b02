--- clio.analysis.summary: what is in a corpus, as `clio summary` prints it: a row per
--- document, the totals, the cleaning gaps by rule and the most frequent words.
---
---   local r = require("clio.analysis.summary").run(corpus)
---   for _, row in ipairs(r.rows) do print(row.doc, row.words) end
local clio = require "clio"

local M = {}

--- run(corpus) -> { rows = { {doc, bytes, sentences, tokens, words, gaps, repaired} per
--- document }, all (the same for the whole corpus, doc "(all)"), totals (corpus:stats()),
--- gaps_by_rule = { rule = count } (scraping artifacts: markup and breaks are not) }.
--- Counted in C and streamed: no table per token.
function M.run(corpus)
  local totals = corpus:stats()
  local rows, by_rule = {}, {}
  for doc in corpus:docs() do
    local st = doc:stats()
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
  local all = { doc = "(all)", bytes = totals.bytes, sentences = totals.sentences, tokens = totals.tokens,
    words = totals.words, gaps = totals.gaps, repaired = totals.repaired }
  return { rows = rows, all = all, totals = totals, gaps_by_rule = by_rule }
end

--- top_terms(corpus, opts) -> the opts.top (default 20) most frequent words as {term,
--- count}, leaving out stop words (opts.stopwords: a file, else the language profile
--- opts.lang's) unless opts.all_terms.
function M.top_terms(corpus, opts)
  local stop, top = opts.all_terms and {} or clio.stopwords(opts.stopwords, opts.lang), {}
  for _, t in ipairs(corpus:term_counts { kinds = "word" }) do
    if not stop[t.term] then
      top[#top + 1] = t
      if #top == (opts.top or 20) then break end
    end
  end
  return top
end

--- thousands(12345) -> "12,345" (clio.output.thousands)
M.thousands = require("clio.output").thousands

--- notes(r) -> the lines above the table: totals, cleaning gaps, repaired sequences.
function M.notes(r)
  local t, th, rules = r.totals, M.thousands, {}
  for rule, n in pairs(r.gaps_by_rule) do rules[#rules + 1] = rule .. " " .. n end
  table.sort(rules)
  return {
    string.format("%s documents, %s bytes, %s sentences, %s tokens (%s words), vocabulary %s",
      th(t.documents), th(t.bytes), th(t.sentences), th(t.tokens), th(t.words), th(t.vocabulary)),
    string.format("gaps found by cleaning rules: %d%s", t.gaps, #rules > 0 and " (" .. table.concat(rules, ", ") .. ")" or ""),
    string.format("repaired invalid UTF-8 sequences: %d", t.repaired),
    "",
  }
end

return M
