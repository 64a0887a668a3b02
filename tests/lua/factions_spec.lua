-- Faction tagging on the bundled sample corpus and on a WikiWars text: identities,
-- spellings, citations, dates and the factions in force, networks and actions.
local spec = dofile("tests/lua/spec.lua")
local clio = require "clio"
local lexicon = require "clio.lexicon"
local factions = require "clio.factions"
local it, eq, contains = spec.it, spec.eq, spec.contains

local SAMPLE = "data/corpora/stalin-essays"
local corpus = assert(clio.open(SAMPLE))
local tagger = factions.new { lexicons = { "soviet-power-struggle" } }
local tagged = {}
for doc in corpus:docs() do tagged[doc.name:sub(1, 2)] = tagger:tag(doc) end

local function find(docnum, text, nth)
  nth = nth or 1
  for _, h in ipairs(tagged[docnum].mentions) do
    if h.text == text then
      nth = nth - 1
      if nth == 0 then return h end
    end
  end
end

local function at(docnum, start)
  for _, h in ipairs(tagged[docnum].mentions) do
    if h.start == start then return h end
  end
end

local function has(list, x)
  for _, v in ipairs(list) do if v == x then return true end end
  return false
end

-- Every mention of the listed actors, per document, counted by reading the texts
-- (word-bounded names; "Leningrad", "anti-Stalinist", "Trotskyites", "Stalin's
-- supporters" and the cited "(Page 37, Kirov Murder)" are not mentions of the man).
local EXPECTED = {
  ["01"] = { stalin = 77, lenin = 19, trotsky = 37, krupskaya = 2, kamenev = 8, zinoviev = 10, bukharin = 18,
             kirov = 14, ryutin = 3 },
  ["02"] = { stalin = 6 }, ["03"] = { stalin = 3, lenin = 3 }, ["04"] = { stalin = 1 }, ["05"] = { stalin = 2 },
  ["06"] = { stalin = 2 }, ["07"] = { stalin = 3, trotsky = 1 }, ["08"] = { stalin = 3 },
  ["09"] = { stalin = 2, bukharin = 2 }, ["10"] = { stalin = 2, lenin = 2 }, ["11"] = { stalin = 7, lenin = 1 },
  ["12"] = { stalin = 2 }, ["13"] = { stalin = 7, lenin = 3, kamenev = 1, zinoviev = 1 },
  ["14"] = { stalin = 2, hitler = 1 }, ["15"] = { stalin = 3 }, ["16"] = { stalin = 3, kirov = 1 },
}

it("finds every mention of the listed actors with the right identity", function()
  for num, want in pairs(EXPECTED) do
    local got = {}
    for _, h in ipairs(tagged[num].mentions) do
      if h.kind == "person" then got[h.entity.id] = (got[h.entity.id] or 0) + 1 end
    end
    eq(got, want, "persons in document " .. num)
  end
end)

it("joins names, spellings and epithets to one identity", function()
  eq(find("11", "Ioseb Besarionis Dze Jugashvili").entity.id, "stalin")
  eq(find("11", "Iosif Vissarionovich Stalin").entity.id, "stalin")
  eq(find("01", "Josef Stalin").entity.id, "stalin")
  eq(find("03", "Joseph Stalin").entity.id, "stalin")
  eq(find("01", "Comrade Stalin").entity.id, "stalin")
  eq(find("01", "Lenin’s wife").entity.id, "krupskaya")
  eq(find("01", "Sergei Kirov").entity.id, "kirov")
  eq(find("10", "Vladimir Lenin").entity.id, "lenin")
  eq(find("14", "Adolph Hitler").entity.id, "hitler")
end)

it("reads possessives: ’s, ?s, Stalins, Lenins", function()
  local h = find("07", "Stalin")
  eq({ h.entity.id, h.rule, h.start, h["end"] }, { "stalin", "alias+possessive", 19, 25 })
  eq(find("13", "Stalin").rule, "alias+possessive")   -- "Stalins rise"
  eq(find("13", "Lenin").rule, "alias")               -- "set by Lenin,"
  eq(find("13", "Lenin", 2).rule, "alias+possessive") -- "Lenins eyes"
  local t = at("01", 2349)  -- "Trotsky’s place"
  eq({ t.text, t.rule }, { "Trotsky", "alias+possessive" })
end)

it("matches a near spelling (Ryton) with a lower confidence and says so", function()
  local h = find("01", "Ryton")
  eq({ h.entity.id, h.rule, h.distance }, { "ryutin", "fuzzy", 2 })
  eq(h.confidence < 1, true)
  eq(has(h.factions, "ryutin-group"), true, "September 1932: the Ryutin group")
end)

it("tags group words as the faction they stand for", function()
  eq(find("01", "Trotskyites").entity.id, "trotskyites")
  eq(find("01", "leftists").kind, "group")
  eq(find("01", "the right faction").entity.id, "rightists")
  eq(find("01", "Stalin’s supporters").entity.id, "stalinists")
  eq(find("01", "Stalin’s supporters").factions, { "stalinist" })
  eq(find("09", "the Right").entity.id, "rightists")
  eq(find("09", "Opposition from the Right").entity.id, "rightists")
end)

it("tags parenthetical citations as sources, never cited authors as actors", function()
  local cites = {}
  for _, t in pairs(tagged) do
    for _, h in ipairs(t.mentions) do
      if h.kind == "source" then cites[h.text] = h.entity.id end
      for _, name in ipairs { "wood", "wiener-arnold", "britannica", "history-com", "kirov-murder" } do
        if h.entity.id == name then eq(h.kind, "source", h.text .. " is a source") end
      end
      if h.text:match "^Wood" or h.text:match "Wiener" or h.text:match "Arnold" or h.text:match "Britannica" then
        eq(h.kind, "source", h.text)
      end
    end
  end
  eq(cites, {
    ["(Wood, 5, 10)"] = "wood",
    ["(Wiener & Arnold 199)"] = "wiener-arnold",
    ["(Britannica School, school.eb.com)"] = "britannica",
    ["(Great Purge, History)"] = "history-com",
    ["(Page 37, Kirov Murder)"] = "kirov-murder",
  })
  -- "(better known as the Moscow Trials)" is not a citation
  eq(lexicon.is_citation("better known as the Moscow Trials"), nil)
  eq(lexicon.is_citation("Tennessee, Arkansas, North Carolina, and Virginia"), nil)
  eq(lexicon.is_citation("August-September 1950"), nil)
  eq(lexicon.is_citation("Wood, 5, 10"), { "Wood" })
end)

it("puts the 1924 alliance of Kamenev and Zinoviev with Stalin in the troika", function()
  local k, z = find("01", "Kamenev"), find("01", "Zinoviev")
  eq({ k.date, z.date }, { "1924", "1924" })
  eq(k.factions, { "troika" })
  eq(z.factions, { "troika" })
  local s = at("01", 2928) -- "Stalin took this opportunity to align himself"
  eq(s.text, "Stalin")
  eq(has(s.factions, "troika"), true)
end)

it("puts Bukharin at the end of 1929 in the right opposition", function()
  local b
  for _, h in ipairs(tagged["01"].mentions) do
    if h.entity.id == "bukharin" and h.date == "1929" and h.date_mod == "END" then b = b or h end
  end
  eq(b.start, 7501)
  eq(b.factions, { "right-opposition" })
  -- in September 1928, from his Notes of an Economist
  local b9 = find("09", "Bukharin", 2)
  eq({ b9.date, b9.factions }, { "1928-09", { "right-opposition" } })
end)

it("moves Kamenev and Trotsky between factions as the narrative date moves", function()
  eq(find("01", "Kamenev", 2).date, "1925-01")
  eq(find("01", "Trotsky", 1).factions, {})                              -- 1922
  local t26
  for _, h in ipairs(tagged["01"].mentions) do
    if h.entity.id == "trotsky" and h.date == "1926" then t26 = t26 or h end
  end
  eq(t26.factions, { "left-opposition", "united-opposition" })
end)

it("gives undated mentions every membership with its range", function()
  local h = find("15", "Joseph Stalin")
  eq(h.date, nil)
  eq(h.factions, { "stalinist", "troika", "stalin-bukharin" })
  local r = factions.record(h.doc, h)
  eq(r.memberships[2], { faction = "troika", from = "1923-01", to = "1925-12" })
end)

it("ignores dates that name an event or a century", function()
  -- "the Red Terror of 1918" and "the Russian Revolution of 1917" do not move the story
  eq(find("01", "Zinoviev", 8).date, "1934-12")
  eq(find("16", "Stalin", 2).date, nil)
  eq(find("11", "Stalin").date, nil) -- "the 20th century"
end)

it("drops mentions inside cleaning gaps", function()
  for _, h in ipairs(tagged["09"].mentions) do eq(h.start < 471, true, "Bukha... lies in a gap") end
end)

it("resolves pronouns only when asked, with a low confidence", function()
  local t = factions.new { lexicons = { "soviet-power-struggle" }, pronouns = true }
  local r = t:tag(corpus:doc(8))
  local pron = {}
  for _, h in ipairs(r.mentions) do if h.rule == "pronoun" then pron[#pron + 1] = h end end
  eq(#pron > 0, true)
  eq(pron[1].entity.id, "stalin")
  eq(pron[1].confidence, 0.3)
  for _, h in ipairs(tagged["08"].mentions) do eq(h.rule ~= "pronoun", true) end
end)

it("builds the co-occurrence network and directed, dated actions", function()
  local edges, actions = {}, {}
  for _, t in pairs(tagged) do
    factions.cooccurrence(t, edges)
    for _, a in ipairs(factions.actions(tagger, t)) do actions[#actions + 1] = a end
  end
  local kz = edges["kamenev\0zinoviev"]
  eq(kz.count >= 5, true)
  eq(kz.dates["1924"], 1)
  local seen = {}
  for _, a in ipairs(actions) do seen[a.source .. " " .. a.action .. " " .. a.target .. " " .. (a.date or "")] = a end
  eq(seen["stalin ally kamenev 1924"] ~= nil, true)
  eq(seen["stalin ally zinoviev 1924"] ~= nil, true)
  eq(seen["stalin expel trotsky 1928"] ~= nil, true)
  eq(seen["stalin remove ryutin 1932-09"] ~= nil, true)
  contains(seen["stalin remove ryutin 1932-09"].citation, "01-consolidation-of-power.txt:")
  local g = factions.graphml(tagger.lex, { { entity = tagger.lex.entities.stalin, count = 3 } },
    { kz }, { seen["stalin expel trotsky 1928"] })
  contains(g, '<node id="stalin">')
  contains(g, '<edge id="a1" source="stalin" target="trotsky" directed="true">')
end)

it("folds diacritics and reads a second lexicon with no change to the code", function()
  local path = "/work/shared/eval/wikiwars-dev/13_RussianCivWar.txt"
  local f = io.open(path)
  if not f then
    local here = io.open("../shared/eval/wikiwars-dev/13_RussianCivWar.txt")
    if not here then return end -- the eval data is not everywhere
    here:close()
    path = "../shared/eval/wikiwars-dev/13_RussianCivWar.txt"
  else
    f:close()
  end
  local t = factions.new { lexicons = { "russian-civil-war" } }
  local c = assert(clio.open(path))
  local r = t:tag(c:doc(1))
  local by = {}
  for _, h in ipairs(r.mentions) do by[h.text] = by[h.text] or h end
  eq(by["Tomáš Masaryk"].entity.id, "masaryk")
  eq(by["Добровольческая Армия"].entity.id, "volunteer-army")
  eq(by["(Paul Avrich, Gregori Maximoff)"].kind, "source")
  -- Makhno's alliance with the Reds holds in 1919 and late 1920, not after
  local makhno = {}
  for _, h in ipairs(r.mentions) do
    if h.entity.id == "makhno" then makhno[#makhno + 1] = h end
  end
  eq(makhno[1].date, "1919-07")          -- the first alliance had ended in June 1919
  eq(makhno[1].factions, { "blacks" })
  eq(makhno[5].date, "1920")             -- the Starobilsk agreement, October 1920
  eq(makhno[5].factions, { "blacks", "red-black-alliance" })
  eq(makhno[#makhno].date, "1921")
  eq(makhno[#makhno].factions, { "blacks" })
  eq(by["General Kornilov"].factions, { "whites" })
  eq(by["War Commissar Trotsky"].factions, { "reds" })
end)

it("refuses a broken lexicon with the file and the entity", function()
  local tmp = os.tmpname()
  local fh = io.open(tmp, "w")
  fh:write [[return { factions = { { id = "a" } }, entities = { { id = "x", aliases = { "X" },
    memberships = { { "b", from = "1920" } } } } }]]
  fh:close()
  spec.raises(function() lexicon.load_all { tmp } end, "entity x: unknown faction 'b'")
  fh = io.open(tmp, "w")
  fh:write [[return { entities = { { id = "x", aliases = { "X" }, memberships = { { "a", from = "May 1920" } } } },
    factions = { { id = "a" } } }]]
  fh:close()
  spec.raises(function() lexicon.load_all { tmp } end, "dates are YYYY, YYYY-MM or YYYY-MM-DD")
  fh = io.open(tmp, "w")
  fh:write [[return { entities = { { id = "x", aliases = { io and "io" or "no io" } } } }]]
  fh:close()
  local lex = lexicon.load_all { tmp }
  eq(lex.entities.x.aliases[1].text, "no io", "a lexicon is data: no io in reach")
  os.remove(tmp)
end)

it("every membership in the bundled lexicons cites a source it names", function()
  for _, name in ipairs { "soviet-power-struggle", "russian-civil-war" } do
    local lex = lexicon.load_all { lexicon.resolve(name) }
    for _, id in ipairs(lex.entity_order) do
      for _, m in ipairs(lex.entities[id].memberships) do
        eq(lex.sources[m.source] ~= nil, true, name .. ": " .. id .. " " .. m.faction .. " cites a known source")
      end
    end
  end
end)

it("edit distance with transpositions and a cap", function()
  eq(lexicon.distance("ryton", "ryutin", 2), 2)
  eq(lexicon.distance("stalni", "stalin", 2), 1)
  eq(lexicon.distance("kiev", "kirov", 1), 2)
end)

it("views of a run: the rows and columns clio factions prints", function()
  local r = factions.run(corpus, { lexicons = { "soviet-power-struggle" }, actions = true, cooccurrence = true })
  local columns, rows, note = factions.view(r, "mentions", { format = "table", ndocs = #corpus })
  eq(columns, { "doc", "start", "text", "entity", "kind", "factions", "date", "confidence", "rule" })
  local total, sources = 0, 0
  for _, t in ipairs(r.tagged) do
    for _, h in ipairs(t.mentions) do total = total + 1; if h.kind == "source" then sources = sources + 1 end end
  end
  eq(sources > 0, true)
  eq(#rows, total - sources, "the table leaves cited sources out")
  local _, all = factions.view(r, "mentions", { format = "table", sources = true })
  eq(#all, total)
  contains(note, total .. " mentions (")
  contains(note, "in 16 documents; lexicon: ")
  local _, jrows = factions.view(r, "actions", { format = "jsonl" })
  local _, crows = factions.view(r, "actions", { format = "csv" })
  eq(#jrows, #r.actions)
  eq(type(jrows[1].start), "number", "jsonl actions cite their text")
  eq(crows[1].start, nil)
  eq(select("#", factions.view(r, "cooccurrence", {})), 2, "only mentions carry a note")
  eq(factions.warnings(r), {})
  spec.raises(function() factions.view(r, "nothing", {}) end, "no factions view 'nothing'")
end)

it("mentions set aside in a scratch file (the report's run): the same actors, kinds, factions and spans, read back by document", function()
  local mentions_store = require "clio.analysis.mentions_store"
  for _, lex in ipairs { { "soviet-power-struggle" }, false } do
    local o = { lexicons = lex or nil, transient = true }
    local full = clio.factions.run(corpus, o)
    local store = mentions_store.new()
    local streamed = clio.factions.run(corpus, setmetatable({ keep = false,
      on_document = function(t) store:put(t.index, t.mentions) end }, { __index = o }))
    eq(#streamed.tagged, 0, "no document kept in memory")
    local total = 0
    for _, t in ipairs(full.tagged) do
      local got = store:get(t.index) or {}
      eq(#got, #t.mentions, t.name)
      total = total + #t.mentions
      for k, h in ipairs(got) do
        local want = t.mentions[k]
        eq({ h.start, h["end"], h.entity.id, h.kind, h.pronoun, h.factions },
           { want.start, want["end"], want.entity.id, want.kind, want.pronoun, want.factions })
      end
    end
    eq(store.mentions, total)
    eq(total > 200, true, "the essays have mentions")
    store:close()
  end
end)

it("mentions_store: documents skipped or naming no one read back as nil; out of order is an error", function()
  local store = require("clio.analysis.mentions_store").new()
  local e = { id = "x", name = "X" }
  store:put(1, { { start = 0, ["end"] = 1, entity = e, kind = "person", factions = {} } })
  store:put(2, {})
  store:put(5, { { start = 7, ["end"] = 9, entity = e, kind = "person", factions = { "a" } },
                 { start = 10, ["end"] = 12, entity = e, kind = "group", factions = { "a" }, pronoun = true } })
  eq(store:get(1)[1].start, 0)
  eq(store:get(2), nil, "named no one")
  eq(store:get(3), nil, "skipped")
  eq(store:get(4), nil, "skipped")
  eq(#store:get(5), 2)
  eq({ store:get(5)[2].kind, store:get(5)[2].pronoun, store:get(5)[2].factions }, { "group", true, { "a" } })
  eq(store:get(6), nil, "never put")
  spec.raises(function() store:put(5, {}) end, "document 5 put after 5")
end)

it("mentions handed over document by document (keep = false): the same records, none kept, the same warnings", function()
  local c = corpus
  local o = { lexicons = { "soviet-power-struggle" }, transient = true }
  local kept = clio.factions.run(c, o)
  local seen, mv = {}, clio.factions.mentions_view { format = "jsonl" }
  local streamed = clio.factions.run(c, setmetatable({ keep = false, on_document = function(t)
    mv.add(t, function(row) seen[#seen + 1] = require("clio.json").value(row) end)
  end }, { __index = o }))
  eq(#streamed.tagged, 0, "no document kept")
  local _, rows, note = clio.factions.view(kept, "mentions", { format = "jsonl", ndocs = #c })
  local want = {}
  for i, row in ipairs(rows) do want[i] = require("clio.json").value(row) end
  eq(#seen > 200, true)
  eq(seen, want)
  eq(mv.note(streamed, #c), note)
  eq(clio.factions.warnings(streamed), clio.factions.warnings(kept))
end)

return spec.done()
