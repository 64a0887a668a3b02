-- clio.analysis.concord, what `clio concord` prints, through the Lua API: the terminal
-- lines keep the source's spacing, jsonl is output.json's record, dispersion by document.
local spec = dofile("tests/lua/spec.lua")
local clio = require "clio"
local concord = require "clio.analysis.concord"

local corpus = assert(clio.open(spec.write("Lenin died. Then (Trotsky lost, and Trotsky left) the party.\n", "a.txt")))
local ix = assert(clio.index.memory(corpus))
local ids = clio.index.doc_ids(ix)
local hits = assert(ix:query("trotsky"))
local lines = hits:kwic { width = 2 }

spec.it("terminal lines: place, the left context aligned, the source's spacing kept", function()
  local text = concord.table_lines(lines, ids, { width = 2 })
  spec.eq(#text, 2)
  local lead = "a.txt:18  "
  spec.eq(text[1]:sub(1, #lead), lead)
  spec.contains(text[1], "Then (Trotsky lost,", "no space invented after '('")
  spec.contains(text[2], " , and Trotsky left)", "two tokens: the comma and 'and'")
  local at1, at2 = text[1]:find("Trotsky", 1, true), text[2]:find("Trotsky", 1, true)
  spec.eq(utf8.len(text[1]:sub(1, at1)), utf8.len(text[2]:sub(1, at2)), "the matches line up")
end)

spec.it("jsonl lines are the records output.json writes", function()
  local out = concord.jsonl(lines, ids)
  for i, k in ipairs(lines) do
    spec.eq(out[i], require("clio.output").json(concord.record(k, ids[k.doc]), concord.COLUMNS))
  end
end)

spec.it("dispersion by document", function()
  local columns, rows = concord.dispersion(ix, hits, "doc", ids)
  spec.eq(columns, { "doc", "hits", "tokens", "per_million" })
  spec.eq(rows[1].doc, "a.txt")
  spec.eq(rows[1].hits, 2)
end)

return spec.done()
