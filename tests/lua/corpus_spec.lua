-- The corpus API as scripts use it, on the bundled sample corpus.
local spec = dofile("tests/lua/spec.lua")
local clio = require "clio"
local it, eq, contains = spec.it, spec.eq, spec.contains

local SAMPLE = "data/corpora/stalin-essays"
local corpus = assert(clio.open(SAMPLE))

local function doc_named(name)
  for d in corpus:docs() do if d.name == name then return d end end
end

local file_bytes = spec.read

it("open_options: the reading options, each named once, and the caller's extras", function()
  local parsed = { split = "lines", encoding = "latin1", repair = true, top = 5, format = "csv" }
  eq(clio.open_options(parsed, { lang = "fr", rules = false }),
    { split = "lines", encoding = "latin1", repair = true, lang = "fr", rules = false })
  local c = assert(clio.open(spec.write("one\ntwo\nthree\n"), clio.open_options(parsed)))
  eq(#c, 3, "split = lines reached the core")
end)

it("opens the sixteen excerpts in order", function()
  eq(#corpus, 16)
  eq(corpus:doc(1).name, "01-consolidation-of-power.txt")
  eq(corpus:doc(16).name, "16-after-kirovs-death.txt")
  eq(corpus:doc(3).path, SAMPLE .. "/03-leader-after-lenin.txt")
end)

it("gives the document text and file offsets that point into the original", function()
  local d = doc_named("03-leader-after-lenin.txt")
  local bytes = file_bytes(d.path)
  eq(d:text(), bytes)
  eq(d.start, 0)
  eq(d["end"], #bytes)
  for _, s in ipairs(d:sentences()) do
    eq(d:text(s.start, s["end"]), bytes:sub(s.start + 1, s["end"]))
  end
  eq(d:sentences()[1].start, 0)
  contains(d:text(d:sentences()[1].start, d:sentences()[1]["end"]), "after Lenin’s death in 1924.")
end)

it("splits possessives so that Lenin is found in Lenin’s and Stalin?s", function()
  local d = doc_named("03-leader-after-lenin.txt")
  local terms = {}
  for _, t in ipairs(d:tokens()) do terms[#terms + 1] = t.term end
  local joined = table.concat(terms, " ")
  contains(joined, "after lenin 's death in 1924")
  local d7 = doc_named("07-party-machine.txt")
  local t = d7:tokens(1, 5)
  eq({ t[1].term, t[2].term, t[3].term, t[4].term, t[5].term }, { "another", "reason", "for", "stalin", "'s" })
  eq(t[4].text, "Stalin")
  eq(t[5].text, "?s")
  eq(t[5].kind, "clitic")
  eq(t[4].capitalized, true)
end)

it("records scraping artifacts as gaps and keeps their text", function()
  local d1 = doc_named("01-consolidation-of-power.txt")
  local gaps = d1:gaps()
  eq(#gaps >= 2, true, "01 has two or more show-more markers")
  for _, g in ipairs(gaps) do
    eq(g.rule, "show-more")
    eq(d1:text(g.start, g["end"]), "…show more content…")
  end
  local d9 = doc_named("09-left-and-right-opposition.txt")
  local g9 = d9:gaps()
  eq(#g9, 1)
  eq(d9:text(g9[1].start, g9[1]["end"]), "Bukha... ... middle of paper ... ...")
  local d12 = doc_named("12-troubled-time.txt")
  eq(d12:text(d12:gaps()[1].start, d12:gaps()[1]["end"]), "...ense")
  eq(d12:tokens(1, 1)[1].text, "of")
end)

it("continues a sentence across a gap", function()
  local d1 = doc_named("01-consolidation-of-power.txt")
  local found
  for _, s in ipairs(d1:sentences()) do
    local text = d1:text(s.start, s["end"])
    if text:find("upper echelons", 1, true) then found = text end
  end
  contains(found, "upper echelons of the Soviet\n…show more content…\ngovernment.")
end)

it("totals the corpus in C", function()
  local st = corpus:stats()
  eq(st.documents, 16)
  eq(st.repaired, 0)
  eq(st.gaps >= 4, true)
  eq(st.tokens > st.words and st.words > 3000, true)
  local top = corpus:term_counts { kinds = "word", limit = 3 }
  eq(top[1].term, "the")
  local stalin
  for _, t in ipairs(corpus:term_counts { kinds = "word" }) do
    if t.term == "stalin" then stalin = t.count end
  end
  eq(stalin > 100, true, "stalin is counted with its possessives")
end)

it("refuses Latin-1 with file, line and byte offset, and repairs on request", function()
  local path = os.tmpname()
  local f = assert(io.open(path, "wb"))
  f:write("first line\nLe caf\xE9 de Trotsky\n")
  f:close()
  local c, err, where = clio.open(path)
  eq(c, nil)
  contains(err, path .. ": invalid UTF-8")
  contains(err, "line 2, column 7, byte 17")
  eq({ where.line, where.column, where.offset }, { 2, 7, 17 })
  local fixed = assert(clio.open(path, { repair = true }))
  eq(fixed:doc(1).repaired, 1)
  eq(fixed:doc(1):tokens()[4].term, "caf\u{FFFD}")
  os.remove(path)
end)

it("splits one file into documents and reads metadata", function()
  local c = assert(clio.open("data/corpora/stalin-essays.txt", { split = "lines" }))
  eq(#c, 23, "one document per line, excerpt 01 spans eight")
  eq(c:doc(1).name, "stalin-essays.txt#1")
  local blocks = assert(clio.open("data/corpora/stalin-essays.txt", { split = "blank" }))
  eq(#blocks, 1)
end)

it("folds, normalises and validates any string", function()
  eq(clio.fold("Lenin’s “Testament” — ﬁnal"), "lenin's \"testament\" - final")
  eq(clio.fold("Trótsky", "case marks"), "trotsky")
  eq(clio.nfc("e\u{301}"), "é")
  eq(clio.validate("ok"), true)
  local ok, why = clio.validate("a\xC0\xAFb")
  eq(ok, false)
  eq({ why.offset, why.problem }, { 1, "overlong encoding" })
  spec.raises(function() clio.fold("x", "sideways") end, "unknown fold option")
end)

it("tokenizes and splits loose strings", function()
  local toks = clio.tokenize("U.S.S.R. in the 1920’s")
  eq(toks[1].text, "U.S.S.R.")
  eq(toks[4].term, "1920s")
  local s = clio.sentences("Mr. Smith met J. Stalin. They talked.")
  eq(#s, 2)
  eq(s[2].start, 25)
end)

it("finds what overlaps a gap by bisection, as a scan over every gap would", function()
  local gaps = { { start = 10, ["end"] = 20 }, { start = 20, ["end"] = 25 }, { start = 40, ["end"] = 41 } }
  eq(clio.in_gap(gaps, 0, 10), false, "ends where a gap starts")
  eq(clio.in_gap(gaps, 25, 40), false, "between gaps")
  eq(clio.in_gap(gaps, 19, 30), true)
  eq(clio.in_gap(gaps, 40, 40), false, "empty, at a gap's start")
  eq(clio.in_gap(gaps, 41, 50), false, "starts where a gap ends")
  eq(clio.in_gap({}, 0, 100), false)
  math.randomseed(7)
  for _ = 1, 200 do
    local many, at = {}, 0
    for _ = 1, math.random(0, 30) do
      local a = at + math.random(0, 5)
      local b = a + math.random(1, 5)
      many[#many + 1] = { start = a, ["end"] = b }
      at = b
    end
    local s = math.random(0, at + 5)
    local e = s + math.random(0, 8)
    local brute = false
    for _, g in ipairs(many) do if s < g["end"] and e > g.start then brute = true end end
    eq(clio.in_gap(many, s, e), brute, string.format("[%d, %d)", s, e))
  end
  local items = { { start = 0, ["end"] = 5 }, { start = 12, ["end"] = 14 }, { start = 30, ["end"] = 35 } }
  eq(clio.outside_gaps(items, gaps), { items[1], items[3] })
end)

it("document ids: the name, or the path where two documents share a name, read one record at a time", function()
  local lone = spec.write("One.\n\nTwo.\n", "ids-lone.txt")
  local dir = lone:match "^(.*)/"
  assert(os.execute("mkdir -p " .. dir .. "/ids-a " .. dir .. "/ids-b"))
  for _, sub in ipairs { "ids-a", "ids-b" } do
    local f = assert(io.open(dir .. "/" .. sub .. "/same.txt", "wb"))
    f:write("First.\n\nSecond.\n\nThird.\n")
    f:close()
  end
  local c = assert(clio.open({ dir .. "/ids-a", dir .. "/ids-b", lone }, { split = "blank" }))
  eq(#c, 8)
  local infos = {}
  for i = 1, #c do infos[i] = c._core:info(i) end
  eq(c:ids(), clio.doc_ids(infos), "what clio.doc_ids makes of the records")
  eq(c:doc(1).id, dir .. "/ids-a/same.txt#1", "a shared name: the path")
  eq(c:doc(4).id, dir .. "/ids-b/same.txt#1")
  eq(c:doc(8).id, "ids-lone.txt#2", "a name of its own")
  eq(c._core:names_distinct(), false, "two files named same.txt")
  local lone_only = assert(clio.open(lone, { split = "blank" }))
  eq(lone_only._core:names_distinct(), true)
  eq(lone_only:doc(2).id, "ids-lone.txt#2")
end)

it("document ids: a file whose name holds a '#' may share a name with a row of another", function()
  local rows = spec.write('{"text":"One."}\n{"text":"Two."}\n', "hash.jsonl")
  local lone = spec.write("Lone.\n", "hash.jsonl#1")
  local c = assert(clio.open({ rows, lone }))
  eq(c._core:names_distinct(), false)
  eq({ c:doc(1).name, c:doc(3).name }, { "hash.jsonl#1", "hash.jsonl#1" })
  local infos = {}
  for i = 1, #c do infos[i] = c._core:info(i) end
  eq(c:ids(), clio.doc_ids(infos))
  eq(c:doc(1).id, rows .. "#1", "the shared name: the path")
  assert(c:doc(1).id ~= c:doc(3).id, "two documents, two ids")
  eq(c:doc(2).id, "hash.jsonl#2")
end)

return spec.done()
