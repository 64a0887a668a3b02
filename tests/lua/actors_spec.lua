-- Discovered actors (no lexicon): full names, surnames joined to them, kinds, no sides;
-- and a lexicon's fuzzy matching kept off other people's names and common words.
local spec = dofile("tests/lua/spec.lua")
local clio = require "clio"
local actors = require "clio.actors"
local factions = require "clio.factions"
local it, eq = spec.it, spec.eq

local function wikiwars(name)
  for _, dir in ipairs { "/work/shared/eval/wikiwars-dev/", "../shared/eval/wikiwars-dev/" } do
    local f = io.open(dir .. name)
    if f then f:close() return dir .. name end
  end
end

local finder = actors.new {}
local function discover(path)
  local c = assert(clio.open(path))
  local r
  for doc in c:docs() do r = finder:document(doc) end
  local by_name = {}
  for _, a in ipairs(r.actors) do by_name[a.name] = a end
  return r, by_name
end

local function has(list, x)
  for _, v in ipairs(list) do if v == x then return true end end
  return false
end

-- no actor is named by the last word of a person's full name found in the same text
local function no_last_word_names(r)
  local last = {}
  for _, a in ipairs(r.actors) do
    -- ("Charles I of Austria": Austria is a place of its own, not his surname)
    if a.kind == "person" and a.name:find " " and not a.name:find " of " then last[a.name:match "(%S+)$"] = a.name end
  end
  for _, a in ipairs(r.actors) do
    if last[a.name] then error(("actor %q is the last word of %q"):format(a.name, last[a.name])) end
  end
  for _, m in ipairs(r.mentions) do
    if last[m.name] then error(("mention named %q, the last word of %q"):format(m.name, last[m.name])) end
  end
end

local indochina = wikiwars("14_FirstIndochinaWar.txt")
if indochina then
  local r, by = discover(indochina)
  it("First Indochina War: full names with their surnames merged", function()
    local giap = assert(by["Vo Nguyen Giap"], "Vo Nguyen Giap found")
    eq(giap.kind, "person")
    assert(has(giap.aliases, "Giap") and has(giap.aliases, "Võ Nguyên Giáp"), "Giap and Võ Nguyên Giáp merged")
    local lattre = assert(by["Jean Marie de Lattre de Tassigny"], "de Lattre's full name")
    assert(has(lattre.aliases, "de Lattre"), "de Lattre joins the full name")
    eq(by["Raoul Salan"].kind, "person")
    eq(by["Viet Minh"].kind, "group")
    assert(has(by["Viet Minh"].aliases, "Việt Minh"), "spellings with diacritics merged")
    eq(by["Red River Delta"].kind, "place")
    eq(by["Giap"], nil)
    no_last_word_names(r)
  end)
  it("mentions carry the full name, and a surname alone says so", function()
    local n = 0
    for _, m in ipairs(r.mentions) do
      if m.text == "Giap" then
        eq(m.name, "Vo Nguyen Giap"); eq(m.rule, "discovered+surname"); n = n + 1
      end
    end
    assert(n >= 5, "Giap alone is mentioned often")
  end)
end

local civil = wikiwars("03_AmCivWar.txt")
if civil then
  local r, by = discover(civil)
  it("American Civil War: initials and abbreviated titles inside names", function()
    assert(has(by["Robert E. Lee"].aliases, "Lee"), "Lee joins Robert E. Lee")
    assert(has(by["Ulysses S. Grant"].aliases, "Grant"), "Grant joins Ulysses S. Grant")
    assert(has(by["William Tecumseh Sherman"].aliases, "Sherman"), "Sherman")
    eq(by["Abraham Lincoln"].kind, "person")
    eq(by["Gen"], nil); eq(by["Maj"], nil)
    no_last_word_names(r)
  end)
end

local iraniraq = wikiwars("12_IranIraq.txt")
if iraniraq then
  local r, by = discover(iraniraq)
  it("Iran–Iraq War: adjectives of a name are mentions of it", function()
    assert(has(by["Iran"].aliases, "Iranian"), "Iranian forces: Iran")
    assert(has(by["Iraq"].aliases, "Iraqi"), "Iraqi army: Iraq")
    eq(by["Iranian"], nil)
    assert(has(by["Ruhollah Khomeini"].aliases, "Khomeini"), "Khomeini")
    no_last_word_names(r)
  end)
end

it("all sixteen WikiWars histories: no name cut to its last word", function()
  for _, name in ipairs { "01_WW2.txt", "02_WW1.txt", "03_AmCivWar.txt", "04_AmRevWar.txt", "05_VietnamWar.txt",
    "06_KoreanWar.txt", "07_IraqWar.txt", "08_FrenchRev.txt", "09_GrecoPersian.txt", "10_PunicWars.txt",
    "11_ChineseCivWar.txt", "12_IranIraq.txt", "13_RussianCivWar.txt", "14_FirstIndochinaWar.txt",
    "15_MexicanRev.txt", "16_SpanishCivilWar.txt" } do
    local path = wikiwars(name)
    if path then
      local r = discover(path)
      assert(#r.actors > 10, name .. ": actors found")
      no_last_word_names(r)
      for _, m in ipairs(r.mentions) do
        -- a mention's name is its actor's canonical name, never shorter than the text
        -- (initials aside: "Richard M. Nixon" may be named "Richard Nixon")
        local function words(x) return select(2, x:gsub("%S+", "")) - select(2, x:gsub("%f[%S]%u%.", "")) end
        -- (a state's alias is named by its state: "United Kingdom" is Britain)
        local state = actors.profile("en").places[actors.key(m.text)]
        assert(words(m.name) >= words(m.text) or (state and state.name == m.name),
          name .. ": " .. m.text .. " named " .. m.name)
      end
    end
  end
end)

it("a text without a lexicon: no sides, full names, kinds", function()
  local tmp = os.tmpname()
  local f = assert(io.open(tmp, "w"))
  f:write("In 1944 General Charles de Gaulle entered Paris. De Gaulle's government met in Paris; ",
    "de Gaulle spoke. The Communist Party of France opposed him.\n")
  f:close()
  local c = assert(clio.open(tmp))
  local tagger = factions.new {}
  local t
  for doc in c:docs() do t = tagger:tag(doc) end
  os.remove(tmp)
  local names = {}
  for _, m in ipairs(t.mentions) do
    names[m.text] = m.entity.name
    eq(#m.factions, 0, "no faction without a lexicon")
  end
  eq(names["Charles de Gaulle"], "Charles de Gaulle")
  eq(names["De Gaulle"], "Charles de Gaulle")
  eq(names["de Gaulle"], "Charles de Gaulle")
  eq(tagger.lex.entities["charles-de-gaulle"].kind, "person")
  eq(tagger.lex.entities["paris"].kind, "place")
end)

-- the mentions of a text written to a file, as finder:document gives them
local function mentions_of(text, opts)
  local tmp = os.tmpname()
  local f = assert(io.open(tmp, "w"))
  f:write(text)
  f:close()
  local c = assert(clio.open(tmp))
  local r
  local fnd = actors.new(opts)
  for doc in c:docs() do r = fnd:document(doc) end
  os.remove(tmp)
  return r
end

it("states: every name of one state is one place; its adjective before a noun mentions it", function()
  local r = mentions_of("In 1950 the U.S. sent advisers. Later the United States sent troops, and " ..
    "American aircraft bombed the north. The Americans left. The US and Britain signed; " ..
    "Great Britain agreed. France agreed, and Soviet tanks moved while the Soviets watched.\n")
  local by = {}
  for _, m in ipairs(r.mentions) do by[m.text] = m end
  for _, t in ipairs { "U.S.", "United States", "American", "US" } do
    assert(by[t], t .. " found")
    eq(by[t].name, "United States", t)
    eq(by[t].kind, "place", t)
  end
  eq(by.American.rule, "discovered+adjective")
  eq(by["Great Britain"].name, "Britain")
  eq(by.Britain.name, "Britain")
  eq(by.Soviet.name, "Soviet Union")
  eq(by.France.kind, "place", "a state's name at a sentence start")
  -- nouns of nationality are people, not the state
  eq(by.Americans.kind, "group")
  assert(by.Americans.name ~= "United States", "the Americans are not the state")
  eq(by.Soviets.kind, "group")
end)

it("descriptions before a name are not part of it; a first name is", function()
  local r = mentions_of("The communist movement grew; the head of the army left the state. " ..
    "Communist Ho Chi Minh led the north; Ho Chi Minh died in 1969. " ..
    "Head of State Bao Dai abdicated. Bao Dai left. Simultaneously Nixon widened the war. " ..
    "Richard Nixon resigned. Benito Mussolini fell. Later Mussolini fled. " ..
    "Eastern Europe was quiet, and Europe slept.\n")
  local texts, names = {}, {}
  for _, m in ipairs(r.mentions) do texts[#texts + 1] = m.text; names[m.text] = m.name end
  local all = table.concat(texts, "|")
  assert(not all:find "Communist Ho", all)
  assert(not all:find "Head of State", all)
  assert(not all:find "Simultaneously", all)
  eq(names["Ho Chi Minh"], "Ho Chi Minh")
  eq(names["Bao Dai"], "Bao Dai")
  eq(names.Nixon, "Richard Nixon")
  eq(names["Benito Mussolini"], "Benito Mussolini")
  eq(names["Eastern Europe"], "Eastern Europe")
end)

-- the kind of each discovered actor of a text, by its name
local function kinds_of(text)
  local kinds = {}
  for _, m in ipairs(mentions_of(text).mentions) do kinds[m.name] = m.kind end
  return kinds
end

it("a city named often is a place from a quarter of its mentions; the city of X says so once", function()
  local kinds = kinds_of("Troops reached Zarnak in May. Zarnak fell. Zarnak burned. Zarnak was quiet. " ..
    "Zarnak said nothing. Supplies came to Zarnak. Zarnak rebuilt. Riots broke out in Zarnak. " ..
    "Zarnak grew. Life in Zarnak improved. The army left Zarnak. Then fighting around Zarnak resumed. " ..
    "The city of Velmora held. Velmora signed. Lincoln spoke. In Lincoln's cabinet, Lincoln ruled.\n")
  eq(kinds.Zarnak, "place")
  eq(kinds.Velmora, "place")
  assert(kinds.Lincoln ~= "place", "a possessive after a preposition is no place cue")
end)

it("a name that starts a clause and is followed by a verb and his/himself is a person", function()
  local kinds = kinds_of("After the siege, Zorvan proclaimed himself king. Zorvan won. " ..
    "In May, Kelmar named his heir. The army took Dravin and his men fled.\n")
  eq(kinds.Zorvan, "person")
  eq(kinds.Kelmar, "person")
  assert(kinds.Dravin ~= "person", "an object is not told a person by a later pronoun")
end)

it("the pronoun cue needs a verb right after the name: no joiner, quote, dash or next line", function()
  local kinds = kinds_of("The envoy reached Lhoren, Vastria - yet his party returned. " ..
    "Ardel wrote under the name \"Quillon\" calling him a fraud. " ..
    "Meanwhile, St. Ostrow-half of his force waited.\n\nNorthern Retreats\n\n" ..
    "Brannock surrendered his army. Later, Kelmar named his heir.\n")
  assert(kinds.Vastria ~= "person", "a place after a comma and a dash")
  assert(kinds.Quillon ~= "person", "a word in quotes")
  assert(kinds["Ostrow-half"] ~= "person", "a name before \"of his\"")
  assert(kinds["Northern Retreats"] ~= "person", "a heading above a sentence")
  eq(kinds.Kelmar, "person")
end)

it("a title before a common noun is no person; a title alone, of any language, is no actor", function()
  local r = mentions_of("The harvest of cotton failed, and cotton prices fell. The blockade ruined " ..
    "King Cotton. General Varnel moved his guns. Varnel proclaimed himself Caudillo and " ..
    "Generalísimo after the war.\n")
  local kinds = {}
  for _, m in ipairs(r.mentions) do kinds[m.text] = m.kind end
  assert(kinds.Cotton == nil, "King Cotton is not a person called Cotton")
  eq(kinds["King Cotton"], nil)
  eq(kinds.Varnel, "person")
  eq(rawget(kinds, "Caudillo"), nil)
  eq(rawget(kinds, "Generalísimo"), nil)
  for _, m in ipairs(r.mentions) do
    assert(m.text ~= "Caudillo" and m.text ~= "Generalísimo", "a title alone: " .. m.text)
  end
end)

it("headings in capitals are no actors; a common word or a people joined as a surname says no person", function()
  local r = mentions_of("EUROPE AND THE NEAR EAST\n\nThe envoy reached the Near East in May. " ..
    "The Near East was calm.\n\nThe Supreme Ruler of the tribe met the envoys. Later the Ruler " ..
    "wept, as a ruler may, and as every ruler and any ruler must.\n\nGeneral Tommy Franks watched " ..
    "the Sioux Indians. Later the Indians left. The Western Allies landed, and Vietnamese " ..
    "Communists marched.\n")
  local kinds, texts = {}, {}
  for _, m in ipairs(r.mentions) do kinds[m.name] = m.kind or "unknown"; texts[m.text] = true end
  assert(not texts["EUROPE AND THE NEAR EAST"], "a heading")
  eq(kinds["Near East"], "unknown")
  eq(kinds["Supreme Ruler"], "unknown")
  eq(kinds["Sioux Indians"], "unknown")
  eq(kinds["Tommy Franks"], "person")
  eq(kinds["Western Allies"], "group")
  eq(kinds["Vietnamese Communists"], "group")
end)

it("dialogue: interjections are no actors, Miss is a title, a name's last word tells its kind", function()
  local r = mentions_of("\"Oh! Miss Vardley,\" said he. \"Yes, indeed.\" Miss Vardley smiled. " ..
    "Ah, the Vardleys walked down Union Street to Union Street Hall. \"Well, Captain Orme!\" " ..
    "Later the two walked to Union Street again.\n")
  local by = {}
  for _, m in ipairs(r.mentions) do by[m.text] = m end
  for _, w in ipairs { "Oh", "Yes", "Ah", "Well", "Miss Vardley" } do
    assert(not by[w], w .. " is no actor")
  end
  eq(by.Vardley.kind, "person")
  eq(by["Union Street"].kind, "place")
end)

it("an abbreviated place head inside a name does not end it: St., Mt., Ft.", function()
  local r = mentions_of("The British took Mont St. Quentin on 31 August. Fort St. John fell, " ..
    "and General Barry St. Leger marched. Later they reached Mt. Vernon.\n")
  local texts = {}
  for _, m in ipairs(r.mentions) do texts[m.text] = m end
  for _, t in ipairs { "Mont St. Quentin", "Fort St. John", "Barry St. Leger", "Mt. Vernon" } do
    assert(texts[t], t .. " is one name")
  end
  eq(texts["Barry St. Leger"].kind, "person")
  eq(texts["Fort St. John"].kind, "place")
end)

it("contractions are no actors; a particle that is also a common word starts no name", function()
  local r = mentions_of("\"I'll go,\" said Ishbel. I’ve seen Torvald. \"I'm here, and so do " ..
    "Torvald and Ishbel,\" she said. Later Charles de Vere and Ishbel met Torvald.\n")
  local texts, names = {}, {}
  for _, m in ipairs(r.mentions) do texts[m.text] = true; names[m.name] = true end
  for _, t in ipairs { "I'll", "I’ve", "I'm", "do Torvald" } do assert(not texts[t], t .. " is no actor") end
  assert(not names["do Torvald"], "a verb before a name is no part of it")
  assert(texts["Charles de Vere"], "de still joins a name")
end)

it("names past ASCII keep their letters in their ids: two Cyrillic names are two actors", function()
  local r = mentions_of("In 1941 Жуков met Конев near Moscow. Later Жуков and Конев spoke again.\n")
  local ids = {}
  for _, m in ipairs(r.mentions) do ids[m.text] = m.id end
  eq(ids["Жуков"], "жуков")
  eq(ids["Конев"], "конев")
  eq(actors.slug("Ngô Đình Diệm"), "ngo-dinh-diem")
end)

it("an edition's tagged names: kind and @ref identity are the editor's, repeats follow", function()
  local tei = [[<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>L</title></titleStmt></fileDesc></teiHeader>
<text><body><p>In 1927 <persName ref="#trotsky">Leon Trotsky</persName> was expelled. Later
<persName ref="people.xml#trotsky">the exile</persName> wrote to <persName ref="#zinoviev">Grigory Zinoviev</persName>.
Trotsky left. <persName ref="#koba">Koba</persName> stayed in <placeName ref="#msk">Moscow</placeName>.
<persName ref="#koba">Stalin</persName> ruled. Stalin spoke. <orgName key="CC">the Central Committee</orgName> met.</p></body></text></TEI>
]]
  local path = os.tmpname() .. ".xml"
  local f = assert(io.open(path, "w")); f:write(tei); f:close()
  local c = assert(clio.open(path))
  local r
  for doc in c:docs() do r = actors.new {}:document(doc) end
  os.remove(path)
  local got = {}
  for _, m in ipairs(r.mentions) do got[#got + 1] = m.text .. "=" .. m.id .. ":" .. tostring(m.kind) end
  eq(table.concat(got, " | "), table.concat({ "Leon Trotsky=trotsky:person", "the exile=trotsky:person",
    "Grigory Zinoviev=zinoviev:person", "Trotsky=trotsky:person", "Koba=koba:person", "Moscow=msk:place",
    "Stalin=koba:person", "Stalin=koba:person", "Central Committee=cc:organization" }, " | "))
end)

it("a profile's places.lua is data: a user's own replaces the bundled one", function()
  local dir = os.tmpname()
  os.remove(dir)
  assert(os.execute("mkdir -p " .. dir .. "/lang/xx"))
  local function put(name, body)
    local f = assert(io.open(dir .. "/lang/xx/" .. name, "w")); f:write(body); f:close()
  end
  local src = assert(io.open("data/lang/en/actors.lua")):read "a"
  put("actors.lua", src)
  put("places.lua", 'return { { "Ruritania", aka = { "Kingdom of Ruritania" }, adj = "Ruritanian" } }')
  local r = mentions_of("The Kingdom of Ruritania mobilized. Ruritanian troops crossed; Ruritania won.\n",
    { lang = dir .. "/lang/xx/actors.lua" })
  os.execute("rm -rf " .. dir)
  local n = 0
  for _, m in ipairs(r.mentions) do
    eq(m.name, "Ruritania", m.text); eq(m.kind, "place", m.text); n = n + 1
  end
  eq(n, 3)
end)

it("the finder reads only the tokens near capitalized words, and finds what it finds in all of them", function()
  local paths = {}
  local tmp = os.tmpname()
  local f = assert(io.open(tmp, "w"))
  -- long stretches without a capital between names, kind cues at the edge of the margin
  local filler = string.rep("and then the long march went on through the hills for many days ", 3)
  f:write("In 1944 General Charles de Gaulle entered Paris, north of the river. ", filler,
    "De Gaulle's government met; ", filler, "the men of the Army of the Potomac said nothing. ",
    "Soviet tanks moved, and Grant, who waited, said so. ", filler, "\n")
  f:close()
  paths[1] = tmp
  paths[2] = "tests/data/tei/plenum-1927.xml"   -- names written as references (&stalin;)
  for _, name in ipairs { "03_AmCivWar.txt", "05_VietnamWar.txt", "14_FirstIndochinaWar.txt" } do
    paths[#paths + 1] = wikiwars(name)
  end
  local json = require "clio.json"
  for _, path in ipairs(paths) do
    local c = assert(clio.open(path))
    for doc in c:docs() do
      -- (the edition's tagged names are laid over both alike)
      local whole = require("clio.actors.markup").apply(doc,
        finder:tokens(doc:tokens(), doc:sentences(), doc:gaps(), doc.path), actors.slug)
      local near = finder:document(doc)
      assert(#near.mentions >= 2, path .. ": names found")
      if path:match "plenum" then
        -- a name written as an entity reference is a name (the reference is no gap)
        eq(near.mentions[1].name, "Joseph Stalin")
      end
      eq(json.value(near.mentions), json.value(whole.mentions), path)
      eq(json.value(near.actors), json.value(whole.actors), path)
    end
  end
  -- what the binding hands over
  local c = assert(clio.open(tmp))
  for doc in c:docs() do
    local v = doc.corpus._core:name_tokens(doc.index, 3)
    local all = doc:tokens()
    eq(v.n, #all)
    local kept = 0
    for i, t in pairs(v.tokens) do
      kept = kept + 1
      eq(t.start, all[i].start)
      local near = false
      for j = math.max(1, i - 3), math.min(#all, i + 3) do
        if all[j].kind == "word" and all[j].capitalized then near = true end
      end
      assert(near, "token " .. i .. " kept far from any capitalized word")
    end
    assert(kept < #all, "not every token is kept")
    assert(v.firsts[1], "the first token starts a sentence")
  end
  os.remove(tmp)
end)

it("across documents: a surname joins the full name met before; resolve(name)", function()
  local dir = os.tmpname()
  os.remove(dir)
  assert(os.execute("mkdir -p " .. dir))
  local function write(name, text)
    local f = assert(io.open(dir .. "/" .. name, "w")); f:write(text); f:close()
  end
  write("a.txt", "General Charles de Gaulle led the Free French in 1944.\n")
  write("b.txt", "In 1958 de Gaulle returned to power. De Gaulle spoke.\n")
  local c = assert(clio.open(dir))
  local tagger = factions.new {}
  local ids = {}
  for doc in c:docs() do
    for _, m in ipairs(tagger:tag(doc).mentions) do ids[#ids + 1] = m.text .. "=" .. m.entity.id end
  end
  os.execute("rm -rf " .. dir)
  eq(ids, { "Charles de Gaulle=charles-de-gaulle", "Free French=free-french", "de Gaulle=charles-de-gaulle",
            "De Gaulle=charles-de-gaulle" })
  eq(tagger:resolve("de Gaulle").name, "Charles de Gaulle")
  eq(tagger:resolve("DE GAULLE").id, "charles-de-gaulle")
  eq(tagger:resolve("Napoleon"), nil)
  local lt = factions.new { lexicons = { "soviet-power-struggle" } }
  eq(lt:resolve("Trotskii").id, "trotsky")
end)

it("fuzzy matching leaves other names and common words alone", function()
  local tmp = os.tmpname()
  local f = assert(io.open(tmp, "w"))
  f:write("In 1905 Admiral Zinovy Rozhestvensky sailed. Zinovy lost. Trains left the station; ",
    "at the Station the men waited. In 1932 Stalin tried to remove Ryton.\n")
  f:close()
  local c = assert(clio.open(tmp))
  local tagger = factions.new { lexicons = { "soviet-power-struggle" } }
  local t
  for doc in c:docs() do t = tagger:tag(doc) end
  os.remove(tmp)
  local got = {}
  for _, m in ipairs(t.mentions) do got[m.text] = m.entity.id end
  eq(got.Zinovy, nil, "Zinovy is another man's name")
  eq(got.Station, nil, "station is a common word here")
  eq(got.Ryton, "ryutin", "a misspelling nothing else explains still matches")
end)

return spec.done()
