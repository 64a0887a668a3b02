-- Specs for clio.claims: predicates, extraction on small texts, date compatibility,
-- verdicts, reference judgements. Run by ctest as `clio run tests/lua/claims_spec.lua`.
local spec = dofile("tests/lua/spec.lua")
local clio = require "clio"
local claims = require "clio.claims"

local only = spec.only
-- the general vocabulary and the Soviet pack: these texts are about the Soviet struggle
local SOVIET = claims.load_predicates { "en", "soviet-power-struggle" }
local function extract(text)
  local ex = claims.extractor { predicates = SOVIET }
  local cs = ex:document(spec.doc(text))
  claims.normalize_keys(cs)
  return cs
end
local function interval(v, mod, rel)
  local lo, hi = claims.date_interval(v, mod)
  if rel == "AFTER" then hi = math.huge elseif rel == "BY" then lo = -math.huge end
  return { value = v, lo = lo, hi = hi }
end

spec.it("pronouns and their contractions are no names: We're, They've, Let's", function()
  local doc = spec.doc("We're told that Stalin won in 1929. They've said You'll see. Let's go with Trotsky's men. It's Lenin.\n")
  local first = {}
  for _, s in ipairs(doc:sentences()) do first[s.first] = true end
  local names = {}
  for _, m in ipairs(claims.capitalized_mentions(doc:tokens(), first)) do names[#names + 1] = m.name end
  spec.eq(names, { "Stalin", "Trotsky", "Lenin" })
end)

spec.it("passive and active forms give the same subject", function()
  local a = only(extract("In 1927 Trotsky was expelled from the party."), "expel from party")
  local b = only(extract("In 1927 Stalin expelled Trotsky from the party."), "expel from party")
  spec.eq(a[1].subject, "trotsky")
  spec.eq(b[1].subject, "trotsky")
  spec.eq(b[1].agent, "Stalin")
  spec.eq(a[1].object, "party")
  spec.eq(a[1].date.value, "1927")
end)

spec.it("a date after a relation word is relative: after Lenin's death in 1924", function()
  local cs = extract("Joseph Stalin became leader of the USSR after Lenin's death in 1924.")
  local tp, die = only(cs, "take power")[1], only(cs, "die")[1]
  spec.eq(tp.subject, "joseph stalin")
  spec.eq(tp.date.rel, "AFTER")
  spec.eq(die.subject, "lenin")
  spec.eq(die.date.value, "1924")
  spec.eq(die.date.rel, nil)
end)

spec.it("a bound date opens the claim's interval in its own clause, or after it when it opens its clause", function()
  local by = only(extract("By December 1934, Kirov was killed in Leningrad."), "kill")[1]
  spec.eq(by.date.rel, "BY")
  spec.eq(by.date.lo, -math.huge)
  local before = only(extract("Trotsky was expelled from the party before 1 May 1927."),
    "expel from party")[1]
  spec.eq(before.date.rel, "BEFORE")
  local after = only(extract("Trotsky was exiled from the Soviet Union after January 1929."), "exile")[1]
  spec.eq(after.date.rel, "AFTER")
  spec.eq(after.date.hi, math.huge)
  -- a clause after the bound date's own: the date says when it happened
  local when = only(extract("There was calm until 1929, when Stalin expelled Bukharin from the party."),
    "expel from party")[1]
  spec.eq(when.date.value, "1929")
  spec.eq(when.date.rel, nil)
end)

spec.it("negation, not-until, hedging, irrealis and attribution", function()
  local neg = only(extract("Trotsky was never expelled from the party in 1927."), "expel from party")[1]
  spec.eq(neg.polarity, "negative")
  local until_ = only(extract("It wasn't until 1928, when Stalin assumed complete control."), "take power")[1]
  spec.eq(until_.polarity, "positive")
  spec.eq(until_.date.value, "1928")
  spec.eq(until_.date.rel, nil, "not until: when it began, no bound")
  local hedged = only(extract("Lenin perhaps died in 1924."), "die")[1]
  spec.eq(hedged.hedge, "perhaps")
  local irr = only(extract("Ryutin wanted to remove Stalin from power in 1932."), "remove from post")[1]
  spec.eq(irr.mood, "irrealis")
  spec.eq(irr.subject, "stalin")
  local att = only(extract("Trotsky claimed that Stalin took power in 1923."), "take power")[1]
  spec.eq(att.attribution, "Trotsky")
  spec.eq(att.subject, "stalin")
end)

spec.it("pronouns refer to the last subject: he was removed", function()
  local cs = extract("Trotsky was removed from the politburo in 1926. The following year he was removed from the central committee.")
  local cc
  for _, c in ipairs(cs) do if c.object == "central committee" then cc = c end end
  spec.eq(cc.subject, "trotsky")
  spec.eq(cc.date.value, "1927")
end)

spec.it("dates are compatible by granularity and modifiers", function()
  local ok = claims.compatible_dates
  spec.eq(ok(interval("1924"), interval("1924-01")), true, "1924 ~ January 1924")
  spec.eq(ok(interval("1934", nil, "BY"), interval("1934-12")), true, "by 1934 ~ December 1934")
  spec.eq(ok(interval("192X", "START"), interval("1928")), false, "early 1920s vs 1928")
  spec.eq(ok(interval("1924", nil, "AFTER"), interval("1928")), true, "after 1924 ~ 1928")
  spec.eq(ok(interval("1924", nil, "AFTER"), interval("192X", "START")), false, "after 1924 vs early 1920s")
  spec.eq(ok(nil, interval("1929")), true, "undated")
end)

spec.it("verdicts: single, agree, conflict by date and by polarity", function()
  local function c(doc, v, pol, mood) return { doc = doc, date = v and interval(v), polarity = pol or "positive", mood = mood or "realis" } end
  spec.eq((claims.verdict { c("a", "1924"), c("a", "1925") }), "single")
  spec.eq((claims.verdict { c("a", "1924"), c("b", "1924-01") }), "agree")
  spec.eq((claims.verdict { c("a", "1924"), c("b", "1929") }), "conflict")
  spec.eq((claims.verdict { c("a", "1924"), c("b", "1924", "negative") }), "conflict")
  spec.eq((claims.verdict { c("a", "1924"), c("b", "1929", "positive", "irrealis") }), "single")
end)

spec.it("the reference: consistent, contradicts, not covered", function()
  local ref = claims.load_reference("data/reference/stalin-chronology.tsv")
  local groups = claims.group {
    { doc = "a", start = 0, ["end"] = 1, event = "expel from country", subject = "trotsky", object = "USSR",
      date = interval("1928"), polarity = "positive", mood = "realis" },
    { doc = "a", start = 5, ["end"] = 6, event = "die", subject = "lenin",
      date = interval("1924"), polarity = "positive", mood = "realis" },
    { doc = "a", start = 9, ["end"] = 10, event = "take power", subject = "stalin",
      date = interval("1929"), polarity = "positive", mood = "realis" },
  }
  claims.judge(groups, ref)
  local by = {}
  for _, g in ipairs(groups) do by[g.event] = g end
  spec.eq(by["expel from country"].reference_verdict, "contradicts")
  spec.eq(by["expel from country"].reference.date, "1929-02")
  spec.eq(by["die"].reference_verdict, "consistent")
  spec.eq(by["take power"].reference_verdict, "not covered")
end)

spec.it("every reference row names its source; the issue's rows are there", function()
  local ref = claims.load_reference("data/reference/stalin-chronology.tsv")
  local have = {}
  for _, r in ipairs(ref.rows) do
    spec.eq(r.source ~= "", true, "row " .. r.line .. " has a source")
    have[r.event .. "|" .. r.subject .. "|" .. r.object .. "|" .. r.date] = true
  end
  for _, k in ipairs {
    "appoint|Stalin|general secretary|1922-04", "first stroke|Lenin||1922-05", "die|Lenin||1924-01-21",
    "remove from post|Trotsky|war commissar|1925-01", "expel from party|Trotsky|politburo|1926-10",
    "expel from party|Trotsky|central committee|1927-10", "expel from party|Trotsky|party|1927-11",
    "exile|Trotsky|Alma-Ata|1928-01", "expel from country|Trotsky|USSR|1929-02",
    "publish|Bukharin|Notes of an Economist|1928-09", "expel from party|Bukharin|politburo|1929-11",
    "arrest|Ryutin||1932", "assassinate|Kirov||1934-12-01", "show trial|||1936/1938",
    "assassinate|Trotsky||1940-08" } do
    spec.eq(have[k], true, k)
  end
end)

spec.it("bad predicate files fail with the file's name", function()
  spec.raises(function() claims.load_predicates { events = { { type = "x", role = "doer" } } } end, "role is agent or patient")
  spec.raises(function() claims.load_predicates { events = { { type = "x", role = "agent", patterns = { "<nowhere>" } } } } end,
    "unknown object class <nowhere>")
end)

spec.it("reuse finds a copied passage with both spans", function()
  local reuse = require "clio.reuse"
  local a = "Stalin became leader of the USSR after the death of Lenin in 1924 and ruled."
  local b = "Intro. Stalin became leader of the USSR after the death of Lenin in 1924. End."
  local docs = {}
  for i, t in ipairs { a, b } do docs[i] = { path = "d" .. i, tokens = clio.tokenize(t), text = t, base = 0 } end
  local ps = reuse.find(docs, { k = 5, min_words = 8 })
  spec.eq(#ps, 1)
  spec.eq({ ps[1].start_a, ps[1].start_b, ps[1].words }, { 0, 7, 13 })
end)

spec.it("views: a row per claim (the group's fields on its first), a record per group, notes", function()
  local function claim(doc, year) return { doc = doc, start = 0, ["end"] = 5, text = "x", polarity = "positive",
    mood = "realis", date = interval(year) } end
  local r = { groups = {
      { event = "die", subject = "lenin", verdict = "agree", claims = { claim("a", "1924"), claim("b", "1924") }, conflicts = {} },
      { event = "exile", subject = "trotsky", verdict = "single", claims = { claim("a", "1929") }, conflicts = {} } },
    claims = 3, unresolved = { ["told by one document only"] = 2 } }
  local columns, items = claims.view(r, "table", 2)
  spec.eq(columns, { "event", "subject", "object", "verdict", "source", "date", "claim", "reference" })
  spec.eq(#items, 5)
  spec.eq({ items[1].event, items[2].event, items[3].event }, { "die", "", "exile" })
  spec.eq(items[1].source, "a:0-5")
  spec.eq(items[4], "2 groups: 0 conflict, 1 agree, 1 single; 3 claims in 2 documents")
  spec.eq(items[5], "2 claims left ungrouped: 2 told by one document only")
  local _, rows = claims.view(r, "csv", 2)
  spec.eq(#rows, 3, "csv: a row per claim, no notes")
  spec.eq(rows[2].event, "die")
  local _, groups = claims.view(r, "jsonl", 2)
  spec.eq(#groups, 2)
  spec.eq(#groups[1].claims, 2)
end)

return spec.done()
