-- bench helper: times the parts of `clio factions` on one big file.
-- usage: clio run bench/factions-corpus.lua FILE LEXICON
local clio = require "clio"
local factions = require "clio.factions"
local lexicon = require "clio.lexicon"
local file, lexfile = ...
local function now() return clio.core.clock and clio.core.clock() or os.clock() end
local t0 = os.clock()
local corpus = assert(clio.open(file))
local lex = lexicon.load_all { lexicon.resolve(lexfile) }
local m = lexicon.matcher(lex, { fuzzy = true })
local t1 = os.clock()
local bytes, hits = 0, 0
for doc in corpus:docs() do
  local text = doc:text()
  bytes = bytes + #text
  hits = hits + #m:scan(text, doc.start)
end
local t2 = os.clock()
print(string.format("match\t%.2f\t%d\t%d", t2 - t1, bytes, hits))
local tagger = factions.new { lexicon = lex, dates = true }
local t3 = os.clock()
local n, dated = 0, 0
for doc in corpus:docs() do
  local r = tagger:tag(doc)
  for _, h in ipairs(r.mentions) do n = n + 1; if h.date then dated = dated + 1 end end
end
local t4 = os.clock()
print(string.format("tag\t%.2f\t%d\t%d", t4 - t3, n, dated))
