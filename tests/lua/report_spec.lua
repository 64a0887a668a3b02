-- Specs for the report's page-building parts: the token index codes, the colour-blind
-- check of faction colours, the JSON the page's script reads, the distinctive terms.
-- Run by ctest as `clio run tests/lua/report_spec.lua`.
local spec = dofile("tests/lua/spec.lua")
local clio = require "clio"
local colours = require "clio.report.colours"
local search = require "clio.report.searchindex"
local html = require "clio.report.html"
local terms = require "clio.report.terms"

spec.it("index codes round-trip, short codes for small numbers", function()
  local values = { 0, 1, 45, 46, 47, 2023, 2024, 2025, 89999, 123456789 }
  local parts = {}
  for i, v in ipairs(values) do parts[i] = search.encode(v) end
  spec.eq(search.decode(table.concat(parts)), values)
  spec.eq(#search.encode(45), 1)
  spec.eq(#search.encode(46), 2)
  spec.eq(#search.encode(46 * 44 - 1), 2)
  spec.eq(#search.encode(46 * 44), 3)
  for i = 1, #search.ALPHABET do
    local c = search.ALPHABET:sub(i, i)
    spec.eq(c:find '["\\/<]' == nil, true, "no character needing escape in JSON or HTML: " .. c)
  end
end)

spec.it("the token index holds every token, most frequent first, with gaps for whole documents", function()
  local corpus <close> = assert(clio.open("data/corpora/stalin-essays"))
  local docs = {}
  for d in corpus:docs() do docs[#docs + 1] = { index = d.index } end
  local ix = search.build(corpus, docs, { [2] = true })
  local total = 0
  for d in corpus:docs() do total = total + #d:tokens() end
  spec.eq(ix.tokens, total)
  local doc2 = corpus:doc(2)
  local toks = doc2:tokens()
  local ids = search.decode(ix.streams[2])
  spec.eq(#ids, #toks)
  for i, t in ipairs(toks) do spec.eq(ix.terms[ids[i] + 1], t.text, "token " .. i) end
  -- the gaps give back each token's offset
  local gaps, pos = search.decode(ix.gaps[2]), doc2.start
  for i, t in ipairs(toks) do
    pos = pos + gaps[i]
    spec.eq(pos, t.start, "offset of token " .. i)
    pos = pos + #t.text
  end
  spec.eq(ix.gaps[1], nil, "no gaps for a document not shown whole")
end)

spec.it("the index's spacing rules give back the source's own spacing for every token", function()
  local corpus <close> = assert(clio.open("data/corpora/stalin-essays"))
  local docs, whole = {}, {}
  for d in corpus:docs() do docs[#docs + 1] = { index = d.index }; whole[d.index] = true end
  local ix = search.build(corpus, docs, whole)
  local function set(codes)
    local s, at = {}, 0
    for _, v in ipairs(search.decode(codes)) do at = at + v; s[at] = true end
    return s
  end
  local attach, opens = set(ix.attach), set(ix.opens)
  for r, t in ipairs(ix.terms) do
    if t == "," or t == "." then spec.eq(attach[r - 1], true, t .. " attaches to the word before") end
    if t == "the" then spec.eq(attach[r - 1] or opens[r - 1], nil, "a word neither attaches nor opens") end
  end
  local checked, spaced = 0, 0
  for k, d in ipairs(docs) do
    local toks, ids, ex = corpus:doc(d.index):tokens(), search.decode(ix.streams[k]), set(ix.spaces[k])
    for i = 2, #toks do
      local guess = not attach[ids[i]] and not opens[ids[i - 1]]
      local rule = guess ~= (ex[i - 1] == true)
      spec.eq(rule, toks[i].start > toks[i - 1]["end"], string.format("doc %d token %d (%s)", k, i, toks[i].text))
      checked = checked + 1
      if rule then spaced = spaced + 1 end
    end
  end
  spec.eq(checked > 4000 and spaced < checked, true)
end)

spec.it("the safe palette stays apart under deuteranopia, with the neutral grey", function()
  local list = { colours.NONE }
  for _, c in ipairs(colours.PALETTE) do list[#list + 1] = c end
  local d = colours.closest(list)
  spec.eq(d >= colours.MIN_DISTANCE, true, string.format("closest pair ΔE %.1f", d))
  -- red and green, far apart to most eyes, nearly merge for a deuteranope
  spec.eq(colours.distance("#d62728", "#2ca02c") > 60, true)
  spec.eq(colours.distance("#d62728", "#2ca02c", true) < colours.MIN_DISTANCE * 2, true)
end)

spec.it("a lexicon whose colours merge for a deuteranope gets the safe palette, with a note", function()
  local lex = { faction_order = { "a", "b" }, factions = {
    a = { label = "Reds", colour = "#d62728" }, b = { label = "Greens", colour = "#8c9c2c" } } }
  local c, note = colours.of(lex)
  spec.eq({ c.a, c.b }, { colours.PALETTE[1], colours.PALETTE[2] })
  spec.contains(note, "Reds")
  lex.factions.b.colour = "#1f77b4"
  c, note = colours.of(lex)
  spec.eq({ c.a, c.b, note }, { "#d62728", "#1f77b4", nil })
  spec.eq(colours.of(nil).anything, colours.NONE, "no lexicon: neutral")
end)

spec.it("the page's JSON is parseable and holds no '<'", function()
  local s = html.json { a = { 1, 2 }, b = "x</script><!--y", c = {}, d = { z = 1, y = "é" } }
  spec.eq(s:find("<", 1, true), nil)
  local back = require("cjson").decode(s)
  spec.eq(back.b, "x</script><!--y")
  spec.eq(#back.c, 0)
  spec.eq(s, '{"a":[1,2],"b":"x\\u003c/script>\\u003c!--y","c":[],"d":{"y":"é","z":1}}')
end)

spec.it("distinctive terms: the document's own words, no stop words", function()
  local corpus <close> = assert(clio.open("data/corpora/stalin-essays"))
  local docs = {}
  for d in corpus:docs() do docs[#docs + 1] = { index = d.index } end
  local stop = terms.stopwords("en")
  local key = terms.keyness(corpus, docs, stop)
  spec.eq(#key, #docs)
  spec.eq(key[1][1][1], "trotsky")
  for _, list in ipairs(key) do
    for _, t in ipairs(list) do spec.eq(stop[t[1]], nil, "stop word " .. t[1]) end
  end
  spec.eq(terms.year { year = "1924" }, 1924)
  spec.eq(terms.year { date = "1790-01-08" }, 1790)
  spec.eq(terms.year {}, nil)
end)

spec.it("summary mode: by option, else past the sizes", function()
  local summary = require "clio.report.summary"
  spec.eq(summary.mode("full", { bytes = 1e12, documents = 1e9 }), "full")
  spec.eq(summary.mode("summary", { bytes = 10, documents = 1 }), "summary")
  spec.eq(summary.mode("auto", { bytes = summary.AUTO_BYTES, documents = summary.AUTO_DOCUMENTS }), "full")
  spec.eq(summary.mode(nil, { bytes = summary.AUTO_BYTES + 1, documents = 1 }), "summary")
  spec.eq(summary.mode(nil, { bytes = 1, documents = summary.AUTO_DOCUMENTS + 1 }), "summary")
end)

spec.it("summary mode: an even sample within the document and token budgets", function()
  local summary = require "clio.report.summary"
  local docs = {}
  for i = 1, 10000 do docs[i] = { index = i, bytes = 500 } end
  local keep = { summary.SAMPLE_DOCUMENTS, summary.SAMPLE_TOKENS }
  summary.SAMPLE_DOCUMENTS, summary.SAMPLE_TOKENS = 100, 1000000
  local set = summary.sample(docs, 0.2)   -- 100 tokens a document
  local list = {}
  for i in pairs(set) do list[#list + 1] = i end
  table.sort(list)
  spec.eq(#list, 100, "the document cap")
  spec.eq(list[1], 1)
  spec.eq(list[2] - list[1], 100, "spread over the corpus")
  spec.eq(list[100], 9901)
  summary.SAMPLE_DOCUMENTS, summary.SAMPLE_TOKENS = 100, 2000
  list = {}
  for i in pairs(summary.sample(docs, 0.2)) do list[#list + 1] = i end
  spec.eq(#list, 20, "the token cap: 20 documents of 100 tokens")
  summary.SAMPLE_DOCUMENTS, summary.SAMPLE_TOKENS = keep[1], keep[2]
end)

spec.it("summary mode: distinctive terms against the other documents held, folded, without stop words", function()
  local summary = require "clio.report.summary"
  local parts = {
    { terms = { "Trotsky", "trotsky", "the", "army" }, counts = { 3, 2, 40, 5 }, n = 50 },
    { terms = { "the", "army", "Stalin" }, counts = { 40, 5, 5 }, n = 50 },
  }
  local out = summary.keyness(parts, { the = true }, 12, 3)
  spec.eq(#out, 2)
  spec.eq(out[1][1][1], "trotsky", "folded, first")
  spec.eq(out[1][1][4], 5, "its count in the document")
  spec.eq(#out[1], 1, "army is as frequent in both: not distinctive; the: a stop word")
  spec.eq(out[2][1][1], "stalin")
  spec.eq(out[1][1][2] > 0, true)
end)

-- many short documents in one file, and the same name twice: the bundled essays, one
-- document per sentence
local function paragraphs()
  local parts = {}
  for _, name in ipairs { "data/corpora/stalin-essays.txt" } do
    local f = assert(io.open(name, "rb"))
    parts[#parts + 1] = (f:read("a"):gsub("%. ", ".\n\n"))
    f:close()
  end
  -- one happening told by eight documents: one entry citing them all
  for k = 1, 8 do parts[#parts + 1] = string.format("In January 1924 Stalin spoke at the congress, witness %d said.", k) end
  return table.concat(parts, "\n\n")
end

-- those paragraphs written to the spec's folder as `name`, opened one document each
local function paragraph_corpus(name)
  return assert(clio.open(spec.write(paragraphs(), name), { split = "blank" }))
end

spec.it("the citation registry finds a document by file and offset, or by id, without a record per document", function()
  local path = spec.write(paragraphs(), "paras.txt")
  local corpus <close> = assert(clio.open(path, { split = "blank" }))
  spec.eq(#corpus > 20, true, "many documents share the file")
  local made = {}
  local cites = html.citations(corpus, function(i)
    made[#made + 1] = i
    return { index = i, ["end"] = corpus:doc(i)["end"] }
  end)
  for d in corpus:docs() do
    spec.eq(cites:index_at(d.path, d.start), d.index, "first byte of " .. d.name)
    spec.eq(cites:index_at(d.path, d["end"] - 1), d.index, "last byte of " .. d.name)
    spec.eq(cites:index_at(d.id, d.start), d.index, "by id " .. d.id)
    local nxt = d.index < #corpus and corpus:doc(d.index + 1)
    if nxt and nxt.start > d["end"] then
      spec.eq(cites:index_at(d.path, d["end"]), nil, "the break after " .. d.name .. " is in no document")
      spec.eq(cites:index_at(d.id, d["end"]), nil, "nor by id")
    end
  end
  spec.eq(#made, 0, "no record made to find a document")
  spec.eq(cites:index_at("/no/such/file.txt", 0), nil)
  spec.eq(cites:index_at("paras.txt", 0), nil, "a cut file's name names none of its pieces")
  spec.eq(cites:index_at(path, -1), nil)
  local d = cites:doc_at(path, corpus:doc(3).start)
  spec.eq(d.index, 3)
  spec.eq(made, { 3 }, "the record of the document found, when asked for")
  local id = cites:add(path, corpus:doc(3).start, corpus:doc(3).start + 2, "date")
  spec.eq(id, string.format("d3-%d-%d", corpus:doc(3).start, corpus:doc(3).start + 2))
end)

spec.it("the citation registry tells documents of the same name apart by path", function()
  local text = "In 1917 the war went on.\n\nIn 1918 it ended."
  local a, b = spec.write(text, "a.txt"), spec.write(text, "b.txt")
  os.execute(string.format("mkdir -p %s.d && cp %s %s.d/a.txt", a, a, a))
  local corpus <close> = assert(clio.open({ a, a .. ".d/a.txt", b }, { split = "blank" }))
  spec.eq(#corpus, 6)
  local cites = html.citations(corpus, function(i) return { index = i } end)
  for doc in corpus:docs() do
    spec.eq(cites:index_at(doc.id, doc.start + 1), doc.index, "by id " .. doc.id)
    spec.eq(cites:index_at(doc.path, doc.start + 1), doc.index, "by path " .. doc.path)
  end
  spec.eq(corpus:doc(2).id, a .. "#2", "a shared name: the path is the id")
  spec.eq(cites:index_at("a.txt#2", corpus:doc(2).start), nil, "the shared name is no id")
  spec.eq(cites:index_at("b.txt#2", corpus:doc(6).start), 6)
end)

spec.it("a summary keeps no record per document and no event but as its entry's citation", function()
  local corpus <close> = paragraph_corpus("summary.txt")
  local r = require("clio.report.analyse").run(corpus, { detail = "summary", lexicons = { "soviet-power-struggle" } })
  spec.eq(r.mode, "summary")
  local docs = r.overview.docs
  spec.eq(#docs, #corpus, "every document counted")
  spec.eq(next(docs), nil, "no record made while reading")
  spec.eq(docs[2].index, 2)
  spec.eq(docs[2].id, corpus:doc(2).id)
  spec.eq(docs[2].bytes, corpus:doc(2)["end"] - corpus:doc(2).start)
  local n = 0
  for _ in pairs(docs) do n = n + 1 end
  spec.eq(n, 1, "only the record asked for")
  spec.eq(r.events_by_key, nil, "no table of every event")
  -- the entries as clio.timeline.run merges them, each citation with its event's ranges
  local tl = require("clio.timeline").run(corpus, {})
  spec.eq(#r.entries, #tl.entries)
  spec.eq(r.nevents, #tl.events)
  spec.eq(#tl.events > 0, true)
  local listed, past = require("clio.report.summary").LIMITS.citations_per_event, 0
  for i, en in ipairs(tl.entries) do
    local got = r.entries[i]
    spec.eq(got.value, en.value)
    spec.eq(#got.citations, #en.citations)
    for k, c in ipairs(en.citations) do
      local g = got.citations[k]
      spec.eq({ g.doc, g.start, g["end"] }, { c.doc, c.start, c["end"] })
      if k <= listed then
        spec.eq({ g.text, g.clause }, { c.text, c.clause }, "a source the page may list")
      else
        spec.eq({ g.text, g.clause }, {}, "past the sources listed, no text kept")
        past = past + 1
      end
      local cs, ce, ss, se = string.unpack("<i8i8i8i8", g.at)
      spec.eq(cs <= c.start and c["end"] <= ce and ss <= cs and ce <= se, true, "clause in sentence around the date")
    end
  end
  spec.eq(past > 0, true, "an entry told more often than the page lists")
end)

spec.it("the report's factions keep no record per document: mentions set aside, counts summed as they come", function()
  local corpus <close> = paragraph_corpus("factions.txt")
  local lex = { "soviet-power-struggle" }
  local r = require("clio.report.analyse").run(corpus, { detail = "summary", lexicons = lex })
  local F = r.factions
  spec.eq(#F.tagged, 0, "no document kept")
  spec.eq(#F.profiles, 0, "no profile kept")
  spec.eq(F.mentions.n, #corpus, "every document's mentions set aside")
  -- what `clio factions` finds, read back document by document
  local full = clio.factions.run(corpus, { lexicons = lex, cooccurrence = true, actions = true, profiles = true })
  local named, total = 0, 0
  for _, t in ipairs(full.tagged) do
    local got = F.mentions:get(t.index) or {}
    spec.eq(#got, #t.mentions, t.name)
    for k, h in ipairs(got) do spec.eq({ h.start, h.entity.id }, { t.mentions[k].start, t.mentions[k].entity.id }) end
    total = total + #t.mentions
  end
  for _, p in ipairs(full.profiles) do if p.total > 0 then named = named + 1 end end
  spec.eq(total > 100, true, "the essays name actors")
  spec.eq(F.profiled, named, "documents that name actors, counted")
  spec.eq(F.nactions, #full.actions, "actions counted")
  spec.eq(#F.edges, #full.edges)
  local more = 0
  for i, e in ipairs(F.edges) do
    spec.eq({ e.count, e.citations[1] }, { full.edges[i].count, full.edges[i].citations[1] })
    spec.eq(#e.citations, 1, "an edge keeps the citation the page links")
    if #full.edges[i].citations > 1 then more = more + 1 end
  end
  spec.eq(more > 0, true, "pairs named together more than once")
end)

spec.it("a summary keeps the claims its page lists and the counts of the rest", function()
  local corpus <close> = paragraph_corpus("claims.txt")
  local lex = { "soviet-power-struggle" }
  local limits = require("clio.report.summary").LIMITS
  local saved = { limits.claim_groups, limits.claims_per_group }
  limits.claim_groups, limits.claims_per_group = 2, 1
  local ok, r = pcall(require("clio.report.analyse").run, corpus, { detail = "summary", lexicons = lex })
  limits.claim_groups, limits.claims_per_group = saved[1], saved[2]
  assert(ok, r)
  local full = clio.claims.run(corpus, { lexicons = lex, similarity = 0.3 })
  local groups = r.claims.groups
  spec.eq(#groups, #full.groups, "every group counted")
  spec.eq(#groups > 2, true, "more groups than the page lists")
  local listed, big = 0, 0
  for k, g in ipairs(require("clio.report.claims").ordered(groups)) do
    spec.eq(g.nclaims, #full.groups[g._i].claims, "each group's count of claims")
    spec.eq(g.verdict, full.groups[g._i].verdict)
    if k <= 2 then
      spec.eq(#g.claims, 1, "a listed group keeps its first claim")
      spec.eq(g.claims[1].start, full.groups[g._i].claims[1].start)
      listed = listed + 1
      if g.nclaims > 1 then big = big + 1 end
    else
      spec.eq(#g.claims, 0, "a group the page does not list keeps no claim")
    end
  end
  spec.eq(listed, 2)
  spec.eq(big > 0, true, "a listed group told more than once")
end)

return spec.done()
