-- Specs for the phases of clio.claims, each on its own: the vocabulary (general and
-- packs), mentions, participants in the general event vocabulary (active and passive),
-- mood, dating and narrative frames, attribution, grouping by blocking, reference
-- chronology validation. Run by ctest as `clio run tests/lua/claims_phases_spec.lua`.
local spec = dofile("tests/lua/spec.lua")
local clio = require "clio"
local claims = require "clio.claims"
local predicates = require "clio.claims.predicates"
local mentions = require "clio.claims.mentions"
local mood = require "clio.claims.mood"
local dating = require "clio.claims.dating"
local group = require "clio.claims.group"
local reference = require "clio.claims.reference"

local write, doc_of, only = spec.write, spec.doc, spec.only
local GENERAL = claims.load_predicates()
local function extract(text, P)
  local cs = claims.document(doc_of(text), nil, { predicates = P or GENERAL })
  claims.normalize_keys(cs)
  return cs
end

-- the vocabulary -------------------------------------------------------------------------

spec.it("the general vocabulary knows war, treaties and office; the Soviet events are a pack", function()
  local names = {}
  for _, t in ipairs(predicates.type_names(GENERAL)) do names[t] = true end
  for _, t in ipairs { "declare war", "invade", "attack", "battle", "capture", "fall", "besiege",
    "surrender", "sign treaty", "withdraw", "ally with", "defeat", "kill", "die", "assassinate",
    "execute", "arrest", "exile", "elect", "appoint", "resign", "abdicate", "born", "found",
    "occupy", "annex", "liberate" } do
    spec.eq(names[t], true, t)
  end
  spec.eq(names["expel from party"], nil)
  spec.eq(names["show trial"], nil)
  local soviet = claims.vocabulary { lexicons = { "data/lexicons/soviet-power-struggle.lua" } }
  spec.eq(soviet.types["expel from party"] ~= nil, true)
  spec.eq(soviet.types["invade"] ~= nil, true)
  -- a lexicon without a pack adds nothing
  local other = claims.vocabulary { lexicons = { "data/lexicons/russian-civil-war.lua" } }
  spec.eq(other.types["expel from party"], nil)
end)

spec.it("every pattern needs one of the filter words, the least common of its required words", function()
  local words = {}
  for _, w in ipairs(predicates.filter_words(GENERAL)) do words[w] = true end
  for _, ev in ipairs(GENERAL.events) do
    for _, pat in ipairs(ev.patterns) do
      local covered = false
      for _, it in ipairs(pat) do
        if it.set and not it.opt then
          local all = true
          for w in pairs(it.set) do all = all and words[w] == true end
          covered = covered or all
        end
      end
      spec.eq(covered, true, pat.source)
    end
  end
  -- "was|were born", "{make} peace", "{come} to power": the rarer word filters
  spec.eq(words.born and words.peace and words.power, true)
  spec.eq(words.was or words.were or words.to or words.the, nil)
end)

spec.it("a document without a filter word or a date is not searched, with the same result", function()
  local plain = doc_of("The weather held fine and the crops grew tall near the old mill.\n")
  spec.eq(predicates.may_match(GENERAL, plain), false)
  local cs, us = claims.document(plain, nil, { predicates = GENERAL })
  spec.eq({ #cs, #us }, { 0, 0 })
  -- a filter word, also as a part of a word, and the document is read; a number is no
  -- filter word (the date grammar has found the dates already)
  spec.eq(predicates.may_match(GENERAL, doc_of("Stalin died.\n")), true)
  spec.eq(predicates.may_match(GENERAL, doc_of("Stalin was re-elected.\n")), true)
  spec.eq(predicates.may_match(GENERAL, doc_of("They counted 12 carts in mid-1916.\n")), false)
  spec.eq(#only(extract("Stalin died."), "die"), 1)
  -- and only its sentences with a filter word are matched: the same claims
  local long = "The 12 carts came. Stalin died in March. Nothing more. Trotsky was exiled in 1929. Then 3 came.\n"
  local events = {}
  for _, c in ipairs(extract(long)) do events[#events + 1] = c.event .. ":" .. c.subject end
  spec.eq(events, { "die:stalin", "exile:trotsky" })
  local packed = predicates.candidates(GENERAL, doc_of(long))
  spec.eq(#packed // 24, 2, "two sentences hold a filter word")
  -- a date alone (no predicate word) still gives its unexplained dated sentence
  local _, dated = claims.document(doc_of("In 1921 Lenin spoke at the congress of the party.\n"), nil, { predicates = GENERAL })
  spec.eq(#dated, 1)
end)

spec.it("every claim of the bundled corpora holds a filter word in its sentence", function()
  local P = claims.load_predicates { "en", "soviet-power-struggle" }
  local words = {}
  for _, w in ipairs(predicates.filter_words(P)) do words[w] = true end
  local n = 0
  for _, path in ipairs { "data/corpora/stalin-essays", "data/corpora/russian-civil-war" } do
    local corpus <close> = clio.open { path }
    for doc in corpus:docs() do
      for _, c in ipairs((claims.document(doc, nil, { predicates = P }))) do
        local found = false
        for _, t in ipairs(doc:tokens()) do
          if t.start >= c.sentence.start and t["end"] <= c.sentence["end"] and words[t.term] then found = true end
        end
        spec.eq(found, true, c.text)
        n = n + 1
      end
    end
  end
  spec.eq(n > 50, true)
end)

spec.it("a pack's patterns keep their own object rule when added to a general event", function()
  local P = claims.load_predicates { "en", "soviet-power-struggle" }
  local c = only(extract("In 1928 Trotsky was exiled to Alma-Ata.", P), "exile")[1]
  spec.eq(c.object, "Alma-Ata")
  local g = only(extract("In 1928 Trotsky was exiled to Alma-Ata."), "exile")[1]
  spec.eq(g.object, "Alma-Ata") -- the general rule: the named entity after the verb
end)

spec.it("a pack that gives an event another role is refused, naming both files", function()
  spec.raises(function()
    claims.load_predicates { "en", { events = { { type = "invade", role = "agent", patterns = { "{storm}" } } } } }
  end, "role agent")
  spec.raises(function() claims.load_predicates { "en", { event = {} } } end, "unknown key 'event'")
  spec.raises(function() claims.load_predicates "no-such-vocabulary" end, "no such file")
end)

spec.it("matches: one event per trigger word, the longest phrase", function()
  local d = doc_of("Germany declared war on France in 1914.")
  local toks = d:tokens()
  local hits = predicates.matches(GENERAL, toks, 1, #toks)
  spec.eq(#hits, 1)
  spec.eq(hits[1].ev.type, "declare war")
  spec.eq(toks[hits[1].stop].text, "France")
end)

-- mentions ---------------------------------------------------------------------------------

spec.it("sentence openers, hyphenated adjectives and lone common nouns are no names", function()
  local d = doc_of("Repeated attacks failed. French-launched raids hit Hanoi. The Treaty was signed; "
    .. "the treaty held. Later the Treaty of Paris ended it. Stalin left in 1927. Stalin returned.")
  local first = {}
  for _, s in ipairs(d:sentences()) do first[s.first] = true end
  local names = {}
  for _, m in ipairs(mentions.capitalized_mentions(d:tokens(), first)) do names[#names + 1] = m.name end
  spec.eq(names, { "Hanoi", "Treaty of Paris", "Stalin", "Stalin" })
end)

spec.it("keys are full names without titles; a surname joins the full name used before it", function()
  spec.eq(mentions.key("Charles de Gaulle"), "charles de gaulle")
  spec.eq(mentions.key("Tsar Nicholas II"), "nicholas ii")
  spec.eq(mentions.key("The Soviet Union's"), "soviet union")
  spec.eq(mentions.key("General"), "general")
  local cs = extract("In 1940 General Charles Gaulle left France. In 1944 Gaulle was elected.")
  spec.eq(only(cs, "elect")[1].subject, "charles gaulle")
  -- used before any full form: its own name
  cs = extract("In 1944 Gaulle was elected. In 1945 Charles Gaulle left.")
  spec.eq(only(cs, "elect")[1].subject, "gaulle")
end)

-- participants in the general vocabulary ---------------------------------------------------

spec.it("active and passive give the same participants: invade, capture, kill", function()
  local a = only(extract("In 1939 Germany invaded Poland."), "invade")[1]
  local p = only(extract("In 1939 Poland was invaded by Germany."), "invade")[1]
  spec.eq({ a.subject, a.agent }, { "poland", "Germany" })
  spec.eq({ p.subject, p.agent }, { "poland", "Germany" })
  -- a participle before "by" is passive without an auxiliary
  local c = only(extract("In 1943 the north of Burma not occupied by the Japanese held out."), "occupy")[1]
  spec.eq({ c.subject, c.agent, c.polarity }, { "burma", "Japanese", "negative" })
  local k = only(extract("In 1916 Kitchener was killed at sea."), "kill")[1]
  spec.eq(k.subject, "kitchener")
  local w = only(extract("On 6 April 1917 the United States declared war on Germany."), "declare war")[1]
  spec.eq({ w.subject, w.object, w.date.value }, { "united states", "Germany", "1917-04-06" })
end)

spec.it("an event's own name is its participant: treaties, accords, battles", function()
  local a = only(extract("Russia signed the Treaty of Brest-Litovsk on 3 March 1918."), "sign treaty")[1]
  local b = only(extract("In 1918 the Brest-Litovsk treaty ended the war."), "sign treaty")[1]
  spec.eq(a.subject, "brest-litovsk")
  spec.eq(b.subject, "brest-litovsk")
  local g = only(extract("The 1954 Geneva accords divided Vietnam."), "sign treaty")[1]
  spec.eq(g.subject, "geneva")
  -- before a patient event, a name is the doer: "the Japanese invasion of Manchuria"
  local i = only(extract("In 1931 the Japanese invasion of Manchuria began."), "invade")[1]
  spec.eq({ i.subject, i.agent }, { "manchuria", "Japanese" })
end)

spec.it("a pronoun takes the nearest compatible actor, or the claim has no subject", function()
  local cs = extract("In 1815 Napoleon was defeated. He was exiled to Saint Helena in 1815.")
  spec.eq(only(cs, "exile")[1].subject, "napoleon")
  -- a pronoun does not take an actor that cannot be a person ("He died" after "the Pied-Noirs")
  cs = extract("In 1962 the Pied-Noirs left Algeria. He died in 1960.")
  spec.eq(#only(cs, "die"), 0)
  -- no actor before: no claim, and no group named "He"
  cs = extract("He was exiled in 1815.")
  spec.eq(#only(cs, "exile"), 0)
end)

-- mood, attribution ----------------------------------------------------------------------

spec.it("mood: negation, hedges and irrealis from the words before the trigger", function()
  local d = doc_of("Japan perhaps never wanted to surrender.")
  local toks = d:tokens()
  local trig
  for k, t in ipairs(toks) do if t.term == "surrender" then trig = k end end
  local m = mood.of(GENERAL, toks, trig, 1, true)
  spec.eq(m.polarity, "negative")
  spec.eq(m.mood, "irrealis")
  spec.eq(m.hedge, "perhaps")
  local a = only(extract("In April 1980 the attempted assassination of Tariq Aziz failed."), "assassinate")[1]
  spec.eq(a.mood, "irrealis")
  local c = only(extract("According to Churchill, Italy surrendered in 1943."), "surrender")[1]
  spec.eq(c.attribution, "Churchill")
end)

-- dating -----------------------------------------------------------------------------------

spec.it("the narrative frame leaves out a stray year, and rests on the dates it saw", function()
  local ds = {}
  local function d(y) local lo = claims.date_interval(tostring(y), ""); local _, hi = claims.date_interval(tostring(y), ""); return { lo = lo, hi = hi } end
  for y = 1914, 1918 do for _ = 1, 4 do ds[#ds + 1] = d(y) end end
  ds[#ds + 1] = d(2004) -- "documents found in 2004"
  local f = dating.frame(ds)
  spec.eq(f.n, 21)
  spec.eq(f.lo, d(1914).lo)
  spec.eq(f.hi, d(1918).hi)
  spec.eq(dating.frame {}, nil)
end)

spec.it("the claims' frame is the anchoring's estimate in days; a decade keeps its width", function()
  local anchor = require "clio.timex.anchor"
  local function d(v) local lo, hi = claims.date_interval(v, ""); return { lo = lo, hi = hi } end
  local ys = { 1919, 1919, 1920, 1920, 1920, 1919, 1920, 1920, 1919, 2004, 1813 }
  local ds = {}
  for _, y in ipairs(ys) do ds[#ds + 1] = d(tostring(y)) end
  local f, a = dating.frame(ds), anchor.frame_of(ys)
  spec.eq({ f.lo, f.hi, f.n }, { d(tostring(a.lo)).lo, d(tostring(a.hi)).hi, #ys })
  local dec = dating.frame { d "192X" }
  spec.eq({ dec.lo, dec.hi, dec.n }, { d("1920").lo, d("1929").hi, 1 })
end)

-- whether the grammar gives document d a DATE with an interval (the timex layer)
local function grammar_dates(d, opts)
  local timeline = require "clio.timeline"
  local layer = require("clio.annotate").layer(d, "timex", opts or {})
  for _, e in ipairs(layer) do
    if e.type == "DATE" and timeline.interval(e.value, e.mod) then return true end
  end
  return false
end

spec.it("may_date: no year in sight is no date; whatever the grammar dates, it allows", function()
  local texts = {
    -- no date can be here: verse numbers, clock times, days counted from nothing
    ["3:16 For God so loved the world, that he gave his only begotten Son."] = false,
    ["The next day they rode on, and now the summer was over."] = false,
    ["1:1 In the beginning God created the heaven and the earth. 1:2 And the earth was void."] = false,
    ["He came at 12:30 on Tuesday, the third of May."] = false,
    -- a year: a number, a decade or century word, an era beside a verse-like number
    ["Stalin took power in 1929."] = true,
    ["The war of '45 ended in the spring."] = true,
    ["It was in the fifties, long ago."] = true,
    ["the Mid-Fifties"] = true,
    ["In the third century the empire split."] = true,
    ["It happened in BC 1:1 and then again."] = true,
    ["born 480 b.c. 1:1 x"] = true,
    ["He came at 12:30pm."] = true,
    ["in 3:16, and"] = true,
  }
  for text, want in pairs(texts) do
    local d = doc_of(text)
    spec.eq(dating.may_date(d, {}), want, text)
    if grammar_dates(d) then spec.eq(dating.may_date(d, {}), true, "the grammar dates " .. text) end
  end
  -- a reference time, the document's own date or a user grammar can date anything
  local d = doc_of("The next day they rode on.")
  spec.eq(dating.may_date(d, { reference_time = "1930-05-01" }), true)
  spec.eq(grammar_dates(d, { reference_time = "1930-05-01" }), true, "dated from the reference time")
  spec.eq(dating.may_date(d, { grammar = { "x.lua" } }), true)
end)

spec.it("may_date never says no to a paragraph the grammar dates (two corpora, paragraph by paragraph)", function()
  local said_no, dated = 0, 0
  for _, path in ipairs { "data/corpora/russian-civil-war", "data/corpora/stalin-essays" } do
    local corpus = assert(clio.open(path, { split = "blank" }))
    for d in corpus:docs() do
      local may = dating.may_date(d, {})
      if grammar_dates(d) then dated = dated + 1; spec.eq(may, true, d.id .. ":" .. d.start) end
      if not may then said_no = said_no + 1 end
    end
  end
  spec.eq(dated >= 10 and said_no >= 5, true, string.format("%d dated, %d without a year", dated, said_no))
end)

spec.it("a paragraph with a trigger word but no match and no date: no claim, no token table of the whole", function()
  local function run(text)
    local d = doc_of(text)
    local whole = 0
    local tokens = d.tokens
    d.tokens = function(self, first, count)
      if not first then whole = whole + 1 end
      return tokens(self, first, count)
    end
    local cs, us = claims.document(d, { timex = {} }, { predicates = GENERAL })
    return cs, us, whole
  end
  local cs, us, whole = run("The power of the Lord is great. He is my shepherd.")
  spec.eq({ #cs, #us, whole }, { 0, 0, 0 })
  cs, _, whole = run("Stalin took power. He is my shepherd.")
  spec.eq({ #cs, cs[1].event, whole }, { 1, "take power", 1 })
end)

-- grouping ---------------------------------------------------------------------------------

local function claim(doc, event, subject, value, frame)
  local lo, hi
  if value then lo, hi = claims.date_interval(value, "") end
  local f
  if frame then
    local a = claims.date_interval(frame[1], "")
    local _, b = claims.date_interval(frame[2], "")
    f = { lo = a, hi = b, n = 50 }
  end
  return { doc = doc, start = 0, ["end"] = 1, event = event, subject = subject, subject_display = subject,
    date = value and { value = value, lo = lo, hi = hi } or nil, frame = f, polarity = "positive", mood = "realis" }
end

spec.it("blocking: the same event and participant in periods far apart are two groups", function()
  local list = {
    claim("a", "withdraw", "us", "1973", { "1955", "1975" }),
    claim("b", "withdraw", "us", "2011", { "2003", "2011" }),
    claim("c", "withdraw", "us", nil, { "2004", "2010" }),
    claim("d", "die", "lenin", "1924", { "1917", "1930" }),
  }
  local groups, unresolved = claims.group(list)
  local by = {}
  for _, g in ipairs(groups) do by[#by + 1] = g.event .. ":" .. #g.claims .. ":" .. g.verdict end
  table.sort(by)
  spec.eq(by, { "die:1:single", "withdraw:1:single", "withdraw:2:agree" })
  spec.eq(unresolved["another period than the other documents"], 1)
  spec.eq(unresolved["told by one document only"], 1)
end)

spec.it("verdicts from extremes equal the all-pairs verdicts", function()
  local rnd = 7
  local function r(k) rnd = (rnd * 1103515245 + 12345) % 2147483648; return rnd % k end
  for _ = 1, 200 do
    local list = {}
    for i = 1, 2 + r(6) do
      local c = claim("d" .. r(3), "x", "s", tostring(1920 + r(4)))
      if r(5) == 0 then c.date = nil end
      if r(7) == 0 then c.polarity = "negative" end
      list[i] = c
    end
    local want = "single"
    local docs = {}
    for _, c in ipairs(list) do docs[c.doc] = true end
    local nd = 0
    for _ in pairs(docs) do nd = nd + 1 end
    if nd > 1 then
      want = "agree"
      for i = 1, #list do
        for j = i + 1, #list do
          local a, b = list[i], list[j]
          if a.doc ~= b.doc and (a.polarity ~= b.polarity or not claims.compatible_dates(a.date, b.date)) then
            want = "conflict"
          end
        end
      end
    end
    spec.eq((claims.verdict(list)), want)
  end
end)

spec.it("a block of 20,000 claims is swept by time: one group per year", function()
  -- (its cost is measured in bench/claims, not here)
  local list = {}
  for i = 1, 20000 do list[i] = claim("d" .. (i % 97), "die", "x", tostring(1000 + i // 10)) end
  local groups = claims.group(list)
  spec.eq(#groups, 2001)
  spec.eq(#groups[2].claims, 10)
end)

spec.it("extraction on worker threads gives the one-thread groups, in the same order", function()
  local dir = "data/corpora/stalin-essays"
  local files = { "data/lexicons/soviet-power-struggle.lua" }
  local lexicon = require "clio.lexicon"
  local function run(threads)
    local corpus = assert(clio.open({ dir }, {}))
    local P = claims.vocabulary { lexicons = files }
    local fm = claims.lexicon_mentions(lexicon.matcher(lexicon.load_all(files), { fuzzy = true }))
    local used = false
    local groups, n, un = claims.analyse(corpus, { predicates = P, find_mentions = fm, lexicon_files = files,
      threads = threads, reopen = { paths = { dir }, open = {} }, all = true,
      progress = function(fmt) if fmt:match "documents" then used = true end end })
    local out = {}
    for _, g in ipairs(groups) do
      local cs = {}
      for _, c in ipairs(g.claims) do cs[#cs + 1] = table.concat({ c.doc, c.start, c["end"], c.date and c.date.value or "" }, ":") end
      out[#out + 1] = table.concat({ g.event, g.subject or "", g.object or "", g.verdict, table.concat(cs, " ") }, "|")
    end
    return out, n, used
  end
  local saved_bytes, saved_job = claims.PARALLEL_BYTES, claims.JOB_BYTES
  claims.PARALLEL_BYTES, claims.JOB_BYTES = 0, 4096 -- several jobs even on this small corpus
  local one, n1, used1 = run(1)
  local two, n2, used2 = run(2)
  claims.PARALLEL_BYTES, claims.JOB_BYTES = saved_bytes, saved_job
  spec.eq(used1, false)
  spec.eq(used2, true)
  spec.eq(n2, n1)
  spec.eq(two, one)
end)

-- reference chronologies -------------------------------------------------------------------

spec.it("reference rows: bad dates and unknown events are refused with line and column", function()
  local head = "event\tsubject\tobject\tdate\tsource\n"
  local bad = write(head .. "surrender\tJapan\t\t13 April 1904\tA history\n", "bad-date.tsv")
  spec.raises(function() reference.load(bad, GENERAL) end, "bad-date.tsv:2:18: '13 April 1904' is not a TIMEX date")
  local unk = write(head .. "capitulate\tJapan\t\t1945\tA history\n", "bad-event.tsv")
  spec.raises(function() reference.load(unk, GENERAL) end, "bad-event.tsv:2:1: unknown event 'capitulate'")
  local _, err = pcall(reference.load, unk, GENERAL)
  spec.contains(type(err) == "table" and err.message or tostring(err), "knows: abdicate, ally with, annex, appoint,")
  local month = write(head .. "die\tX\t\t1945-13\tA history\n", "bad-month.tsv")
  spec.raises(function() reference.load(month, GENERAL) end, "bad-month.tsv:2:8: '1945-13' is not a TIMEX date")
  local mod = write("event\tsubject\tobject\tdate\tmod\tsource\ndie\tX\t\t1945\tSOON\tA\n", "bad-mod.tsv")
  spec.raises(function() reference.load(mod, GENERAL) end, "bad-mod.tsv:2:13: unknown modifier 'SOON'")
  -- no mod column: accepted
  local ok = reference.load(write(head .. "surrender\tJapan\t\t1945-08\tA history\n", "ok.tsv"), GENERAL)
  spec.eq(#ok.rows, 1)
  spec.eq(ok.rows[1].mod, "")
end)

spec.it("a reference subject written as a surname finds the full name", function()
  local ref = { rows = { { event = "die", subject_key = "kolchak", lo = 0, hi = 1 } } }
  spec.eq(reference.row(ref, "die", "alexander kolchak") ~= nil, true)
  spec.eq(reference.row(ref, "die", "kolchak") ~= nil, true)
  spec.eq(reference.row(ref, "die", "kolchak river"), nil)
end)

return spec.done()
