-- clio.index as scripts use it: build, open, query, hits, KWIC, dispersion, statistics.
local spec = dofile("tests/lua/spec.lua")
local clio = require "clio"
local it, eq, contains, raises = spec.it, spec.eq, spec.contains, spec.raises

local SAMPLE = "data/corpora/stalin-essays"
local corpus = assert(clio.open(SAMPLE))
local idx = assert(clio.index.memory(corpus))
local tmp = os.tmpname()

local file_bytes = spec.read

it("indexes every document and token of the corpus", function()
  local info = idx:info()
  eq(info.documents, 16)
  eq(info.files, 16)
  eq(info.tokens, corpus:stats().tokens)
  local docs = idx:docs()
  eq(docs[1].name, "01-consolidation-of-power.txt")
  eq(docs[3].path, clio.core.realpath(SAMPLE .. "/03-leader-after-lenin.txt"), "sources are kept by absolute path")
end)

it("finds every Trotsky, possessives included, with offsets into the files", function()
  local hits = assert(idx:query("Trotsky"))
  eq(hits:count(), 38) -- grep: 31 Trotsky + 7 Trotsky’s (Trotskyites is another word)
  eq(#hits, 38)
  local n = 0
  for h in hits:iter() do
    n = n + 1
    local d = idx:docs()[h.doc]
    eq(file_bytes(d.path):sub(h.start + 1, h["end"]), "Trotsky")
  end
  eq(n, 38)
  eq(assert(idx:query("Lenin")):count(), 30) -- 12 Lenin + 16 Lenin’s + 2 Lenins
  eq(assert(idx:query("Stalin")):count(), 128) -- 100 + 22 ’s + 1 's + 2 ?s + 3 Stalins
  eq(assert(idx:query("=Stalin")):count(), 125)
end)

it("gives KWIC lines by words or characters, sorted as AntConc does", function()
  local hits = assert(idx:query('"soviet union"'))
  local lines = hits:kwic { width = 3, limit = 2 }
  eq(#lines, 2)
  eq(lines[1].match, "Soviet Union")
  local k = lines[1]
  eq(select(2, k.left:gsub("%S+", "")) <= 3, true)
  local c = hits:kwic { width = 10, by = "chars", limit = 1 }[1]
  eq(utf8.len(c.left) <= 10, true)
  local right = hits:kwic { width = 3, sort = "right" }
  for i = 2, #right do
    local a, b = right[i - 1].right:lower(), right[i].right:lower()
    local fa, fb = a:match("^[%w']+") or "", b:match("^[%w']+") or ""
    eq(fa <= fb or a:sub(1, 1):match("%p") ~= nil or b:sub(1, 1):match("%p") ~= nil, true, a .. " / " .. b)
  end
  eq(#right, hits:count())
end)

it("reports bad queries with the character offset", function()
  local hits, err, details = idx:query("stalin AND (trotsky")
  eq(hits, nil)
  eq(err, 'query error at 19: expected ")"')
  eq(details.offset, 19)
end)

it("counts hits per document and per metadata value", function()
  local hits = assert(idx:query("Trotsky"))
  local by_doc = hits:dispersion()
  eq(#by_doc, 16)
  local total = 0
  for _, r in ipairs(by_doc) do total = total + r.hits end
  eq(total, 38)
  eq(by_doc[1].value, "01-consolidation-of-power.txt")
end)

it("lists frequencies, n-grams and collocates from C", function()
  local f = idx:freq { limit = 3 }
  eq(f[1].term, "the")
  local stop = clio.index.stopwords()
  eq(idx:freq { limit = 1, stop = stop }[1].term, "stalin")
  local g = idx:ngrams { n = 3, limit = 1 }
  eq(g[1], { ngram = "the soviet union", count = 25 })
  local list, window = idx:collocates(assert(idx:query("Stalin")), { left = 5, right = 5, min = 3 })
  eq(window > 0, true)
  local joseph
  for _, c in ipairs(list) do if c.term == "joseph" then joseph = c end end
  eq(joseph.observed, 9)
  eq(joseph.observed <= joseph.freq, true)
  eq(joseph.mi > 0 and joseph.t > 0 and joseph.ll > 0, true)
end)

it("measures keyness between subcorpora", function()
  local list, na, nb = idx:keyness { a = { 1 }, b = { 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 }, min = 5 }
  eq(na + nb, idx:info().tokens)
  eq(list[1].term, "trotsky")
  eq(list[1].ll > 0 and list[1].log_ratio > 0, true)
end)

it("writes an index file, refuses it when a source changes, and opens it again when rebuilt", function()
  local dir = os.tmpname()
  os.remove(dir)
  assert(os.execute("mkdir -p " .. dir .. " && cp " .. SAMPLE .. "/0[12]*.txt " .. dir))
  local path = dir .. ".clio"
  assert(clio.index.build({ dir }, path))
  local ix = assert(clio.index.open(path))
  eq(ix:info().documents, 2)
  assert(ix:verify())
  ix:close()
  local f = assert(io.open(dir .. "/02-policies-and-the-people.txt", "ab"))
  f:write("More text.\n")
  f:close()
  local none, err = clio.index.open(path)
  eq(none, nil)
  contains(err, "is stale: " .. dir .. "/02-policies-and-the-people.txt: changed since the index")
  contains(err, "size was 878 bytes, now 889")
  assert(clio.index.build({ dir }, path))
  assert(clio.index.open(path))
  raises(function() ix:query("x") end, "index is closed")
  os.execute("rm -rf " .. dir .. " " .. path)
end)

os.remove(tmp)
return spec.done()
