-- clio.analysis.summary, what `clio summary` prints, through the Lua API: rows and totals
-- that agree, cleaning gaps by rule, top words without stop words.
local spec = dofile("tests/lua/spec.lua")
local clio = require "clio"
local summary = require "clio.analysis.summary"

local corpus = assert(clio.open("data/corpora/stalin-essays"))

spec.it("a row per document whose counts add up to the corpus's", function()
  local r = summary.run(corpus)
  spec.eq(#r.rows, 16)
  local words, bytes = 0, 0
  for _, row in ipairs(r.rows) do words, bytes = words + row.words, bytes + row.bytes end
  spec.eq(r.all.doc, "(all)")
  spec.eq(r.all.words, words)
  spec.eq(r.all.bytes, bytes)
  spec.eq(r.rows[1].doc, "01-consolidation-of-power.txt")
  spec.eq(r.gaps_by_rule, { ["cut-start"] = 1, ["middle-of-paper"] = 1, ["show-more"] = 2 })
  local notes = summary.notes(r)
  spec.contains(notes[1], "16 documents, " .. summary.thousands(bytes) .. " bytes")
  spec.eq(notes[2], "gaps found by cleaning rules: 4 (cut-start 1, middle-of-paper 1, show-more 2)")
end)

spec.it("top words leave stop words out unless asked", function()
  local top = summary.top_terms(corpus, { top = 5 })
  spec.eq(#top, 5)
  local stop = clio.stopwords()
  for _, t in ipairs(top) do spec.eq(stop[t.term], nil, t.term) end
  local all = summary.top_terms(corpus, { top = 1, all_terms = true })
  spec.eq(all[1].term, "the")
  spec.eq(all[1].count >= top[1].count, true)
end)

spec.it("thousands", function()
  spec.eq(summary.thousands(1234567), "1,234,567")
  spec.eq(summary.thousands(999), "999")
end)

return spec.done()
