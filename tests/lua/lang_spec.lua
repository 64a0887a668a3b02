-- Specs for clio.lang: language profiles found, validated and used like bundled data.
-- Run by ctest as `clio run tests/lua/lang_spec.lua`.
local spec = dofile("tests/lua/spec.lua")
local clio = require "clio"
local lang = require "clio.lang"

local tmp = os.tmpname()
os.remove(tmp)
os.execute("mkdir -p " .. tmp)
local function write(path, text)
  os.execute("mkdir -p '" .. path:match "^(.*)/" .. "'")
  local f = assert(io.open(path, "w")); f:write(text); f:close()
  return path
end

local message = spec.error_of

spec.it("the bundled English profile holds one list of each kind", function()
  local en = lang.load("en")
  spec.eq(en.code, "en")
  for _, k in ipairs { "function_words", "sentence_openers", "abbreviations", "stopwords",
    "ordinal_suffixes", "conjunctions", "name_particles" } do
    assert(type(en.words[k]) == "table" and #en.words[k] > 0, k)
  end
  spec.eq(en.words.clitics.trailing, { "'s" })
  spec.eq(en.words.possessive.suffix, "s")
  assert(en:set("stopwords")["the"] and not en:set("stopwords")["lenin"])
  assert(en:set("possessive_pronouns")["their"])
  assert(lang.load() == en, "en is the default, loaded once")
end)

spec.it("the French profile elides l' d' qu' and has its own stop words", function()
  local fr = lang.load("fr")
  local leading = {}
  for _, c in ipairs(fr.words.clitics.leading) do leading[c] = true end
  assert(leading["l'"] and leading["d'"] and leading["qu'"], "French elisions")
  assert(fr:set("stopwords")["les"] and not fr:set("stopwords")["the"])
  spec.eq(fr.words.possessive.suffix, nil)
end)

spec.it("a user's profile in CLIO_PATH is found like a bundled one, and may extend one", function()
  write(tmp .. "/path/lang/xx/words.lua", [[
return { base = "en", stopwords = { "zorp" }, sentence_openers = { "Thus" } }]])
  local p = lang.load(tmp .. "/path/lang/xx")
  spec.eq(p.words.stopwords, { "zorp" })
  spec.eq(p.words.function_words, lang.load("en").words.function_words, "inherited list")
  spec.eq(p.words.base, nil)
  -- and by code, through $CLIO_PATH, when the host passes it (checked in tests/cli/lang.sh)
  spec.eq(lang.find(tmp .. "/path/lang/xx/words.lua"), tmp .. "/path/lang/xx")
end)

spec.it("a missing or malformed profile fails naming the file and the field", function()
  spec.contains(message(function() lang.load("no-such-language") end), "language profile 'no-such-language' not found")
  write(tmp .. "/bad1/words.lua", "return { stopwords = { 'a b' } }")
  spec.contains(message(function() lang.load(tmp .. "/bad1") end), "bad1/words.lua: stopwords[1] must be a word without spaces")
  write(tmp .. "/bad2/words.lua", "return { stopword = {} }")
  spec.contains(message(function() lang.load(tmp .. "/bad2") end), "unknown field 'stopword'")
  write(tmp .. "/bad3/words.lua", "return { clitics = { leading = { 'l' } } }")
  spec.contains(message(function() lang.load(tmp .. "/bad3") end), "clitics.leading[1] 'l' must end with its apostrophe")
  write(tmp .. "/bad4/words.lua", "return { os.exit(3) }")
  spec.contains(message(function() lang.load(tmp .. "/bad4") end), "bad4/words.lua")
  write(tmp .. "/bad5/words.lua", "return { base = 'bad5' }")
end)

spec.it("temporal.lua is read when the temporal grammar asks for it, not on load", function()
  write(tmp .. "/late/words.lua", "return { stopwords = { 'the' } }")
  write(tmp .. "/late/temporal.lua", "return { months = ")   -- broken
  local p = lang.load(tmp .. "/late")           -- a query's load: words only
  spec.eq(p:set("stopwords")["the"], true)
  spec.eq(p.temporal_path, tmp .. "/late/temporal.lua")
  spec.contains(message(function() return p.temporal end), "late/temporal.lua")
  write(tmp .. "/late2/words.lua", "return {}")
  write(tmp .. "/late2/temporal.lua", "return { months = { may = 5 } }")
  local q = lang.load(tmp .. "/late2")
  spec.eq(q.temporal.months.may, 5)
  spec.eq(rawequal(q.temporal, q.temporal), true)   -- read once
end)

spec.it("stop words come from the profile unless a file is named", function()
  local en = clio.stopwords()
  assert(en["the"] and en["'s"])
  local fr = clio.stopwords(nil, "fr")
  assert(fr["les"] and not fr["the"])
  en["the"] = nil
  assert(clio.stopwords()["the"], "each caller gets its own set")
  local f = write(tmp .. "/stop.txt", "# mine\nFoo\n")
  spec.eq(clio.stopwords(f), { foo = true })
end)

local function texts(toks, kind)
  local out = {}
  for _, t in ipairs(toks) do
    if not kind or t.kind == kind then out[#out + 1] = t.text end
  end
  return out
end

spec.it("French text splits its elisions with lang fr, through clio.tokenize and a corpus", function()
  local text = "L'armée rouge entra dans la ville. Qu'il vienne jusqu'à l'année suivante."
  spec.eq(texts(clio.tokenize(text, "fr"), "clitic"), { "L'", "Qu'", "jusqu'", "l'" })
  local toks = clio.tokenize("l'année", "fr")
  spec.eq({ toks[1].text, toks[1].term, toks[1].kind, toks[2].text }, { "l'", "l'", "clitic", "année" })
  spec.eq(texts(clio.tokenize("l'année", "en")), { "l'année" }, "English keeps it whole")
  spec.eq(texts(clio.tokenize("Lenin's", "fr")), { "Lenin's" }, "'s is English")
  spec.eq(texts(clio.tokenize("Lenin's", "en")), { "Lenin", "'s" })
  local path = write(tmp .. "/fr.txt", text .. "\n")
  local doc = assert(clio.open(path, { lang = "fr" })):doc(1)
  spec.eq(texts(doc:tokens(), "clitic"), { "L'", "Qu'", "jusqu'", "l'" })
  spec.eq(#doc:sentences(), 2)
  local en = assert(clio.open(path)):doc(1)
  spec.eq(texts(en:tokens(), "clitic"), {}, "the default profile is English")
end)

spec.it("sentence openers and abbreviations are the profile's", function()
  -- "M." is a French abbreviation; "etc. Puis" ends a sentence in French, not in English
  spec.eq(#clio.sentences("Il vit M. Dupont. Des livres etc. Puis la guerre.", "fr"), 3)
  spec.eq(#clio.sentences("He saw M. Dupont. Books etc. Puis the war.", "en"), 2)
  spec.eq(#clio.sentences("Books etc. The war.", "en"), 2)
  spec.eq(#clio.sentences("Books etc. The war.", "fr"), 1)
end)

spec.it("an index queries words as its language splits them", function()
  local path = write(tmp .. "/idx/fr.txt", "L'année suivante, l'armée revint. Lenins Lenin's.\n")
  local ix = assert(clio.index.memory(assert(clio.open(path, { lang = "fr" }))))
  spec.eq(ix:query("année"):count(), 1, "année inside l'année")
  spec.eq(ix:query("l'armée"):count(), 1, "a query word splits like the text")
  local out = tmp .. "/idx/fr.clio"
  assert(clio.index.build(assert(clio.open(path, { lang = "fr" })), out, { options = "lang=fr" }))
  local opened = assert(clio.index.open(out))
  spec.eq(opened:query("l'armée"):count(), 1, "the recorded language is used")
  local en = assert(clio.index.memory(assert(clio.open(path))))
  spec.eq(en:query("Lenin"):count(), 2, "English: Lenin's and Lenins")
  spec.eq(ix:query("Lenin"):count(), 0, "French has no possessive suffix and no 's")
end)

os.execute("rm -rf '" .. tmp .. "'")
return spec.done()
