-- clio.timeline: temporal expressions -> events -> an ordered, merged timeline.
-- Pure functions over plain tables; no I/O.
--
--   local timeline = require "clio.timeline"
--   local evs = timeline.events(doc, text, base, sentences, exprs)
--   local tl  = timeline.build(all_events)        -- sorted, merged entries
--   local lo, hi = timeline.interval("192X", "END") -- day numbers, hi exclusive
--
-- An event: { doc, start, ["end"], text, value, type, mod, anchor,
--             sentence = {start, end}, clause = {start, end, text},
--             participants = { "Trotsky", "Lenin" }, lo, hi }
-- A timeline entry: { value, mod, lo, hi, participants, clause,
--                     citations = { {doc, start, end, text}, ... } }

local timex = require "clio.timex"

local M = {}

---------------------------------------------------------------------------
-- intervals: a value becomes [lo, hi) in days since 1970-01-01 (proleptic
-- Gregorian, astronomical years: 1 BC = year 0), so a decade or century is a
-- span, BC sorts before AD, and a day sorts inside its month.

local dfc = timex.days_from_civil

local SEASON_MONTHS = { SP = { 3, 6 }, SU = { 6, 9 }, FA = { 9, 12 }, WI = { 12, 15 },
                        H1 = { 1, 7 }, H2 = { 7, 13 } }

local function month_start(ay, m)        -- m may run past 12 ("WI" ends in March)
  return dfc(ay + (m - 1) // 12, (m - 1) % 12 + 1, 1)
end

-- interval(value, mod) -> lo, hi (days) or nil for values that are not dates
-- mod START/MID/END narrows to the first, middle or last third of the span, unless a
-- part of the value is unknown ("1833-XX" START is early in some month of 1833).
function M.interval(value, mod)
  if type(value) ~= "string" then return nil end
  local lo, hi
  local bc, digits, rest = value:match "^(B?C?)(%d+X*)(.*)$"
  if not digits or (bc ~= "" and bc ~= "BC") then return nil end
  local sign = bc == "BC"
  local num, xs = digits:match "^(%d+)(X*)$"
  local width = #num + #xs
  if width == 2 and #xs == 0 and rest == "" then        -- century "19" = 1900-1999
    local c = tonumber(num)
    local a, b = c * 100, c * 100 + 100
    -- "BC08" is the 9th century BC: 900..801 BC = astronomical -899..-800
    if sign then a, b = 1 - (c + 1) * 100, 1 - c * 100 end
    lo, hi = dfc(a, 1, 1), dfc(b, 1, 1)
  elseif #xs > 0 or width < 4 then                       -- decade "192X" / "BC047"
    local scale = 10 ^ (4 - #num)
    local a = tonumber(num) * scale
    if sign then
      lo, hi = dfc(1 - (a + scale - 1), 1, 1), dfc(1 - a + 1, 1, 1)
    else
      lo, hi = dfc(a, 1, 1), dfc(a + scale, 1, 1)
    end
  else
    local t = timex.parse_date(value)
    if not t then return nil end
    local ay = t.ay
    if t.season or t.half then
      local sm = SEASON_MONTHS[t.season or t.half]
      if sm then lo, hi = month_start(ay, sm[1]), month_start(ay, sm[2]) end
    end
    if not lo then
      if t.m and t.d then
        lo = dfc(ay, t.m, t.d); hi = lo + 1
      elseif t.m then
        lo, hi = month_start(ay, t.m), month_start(ay, t.m + 1)
      else
        lo, hi = dfc(ay, 1, 1), dfc(ay + 1, 1, 1)
      end
    end
  end
  if (mod == "START" or mod == "MID" or mod == "END") and not value:find("-XX", 1, true) then
    local third = (hi - lo) / 3
    if third >= 1 then
      if mod == "START" then hi = lo + math.ceil(third)
      elseif mod == "MID" then lo, hi = lo + math.floor(third), hi - math.floor(third)
      else lo = hi - math.ceil(third) end
    end
  end
  return lo, hi
end

---------------------------------------------------------------------------
-- clauses: split a sentence at ; : — , and at conjunctions/subordinators, and
-- keep the piece that holds the expression.  Simple on purpose: a clause here
-- is "the words most likely about the same happening".

-- the conjunctions and subordinators of the language profile (English by default)
local SPLIT_WORDS = require("clio.lang").load().words.conjunctions or {}
local SPLIT = require("clio.lang").load():set("conjunctions")

-- boundaries (byte offsets into text, 1-based) of a sentence's clauses: after
-- ; : , ( ) and dashes, and before a splitting word that does not start the
-- sentence.  One LPeg pass over the sentence, kept for the next date of the same
-- sentence (sentences are long; this runs for every date).
local lpeg = require "lpeg"
local CUTS
do
  local P, S, R, Cp = lpeg.P, lpeg.S, lpeg.R, lpeg.Cp
  local alpha = R("az", "AZ")
  local function ci(str)      -- case-insensitive literal
    local p = P(true)
    for ch in str:gmatch "." do p = p * S(ch .. ch:upper()) end
    return p
  end
  -- the splitting words as a trie on their first letter: one test per word
  local by_first, letters = {}, {}
  for _, w in ipairs(SPLIT_WORDS) do
    local f = w:sub(1, 1)
    if not by_first[f] then by_first[f] = P(false); letters[#letters + 1] = f end
    by_first[f] = by_first[f] + ci(w:sub(2))
  end
  local split = P(false)
  for _, f in ipairs(letters) do split = split + S(f .. f:upper()) * by_first[f] end
  local run = (alpha + R "09" + P "'") ^ 1                 -- a word: no cut inside it
  local other = (1 - alpha - R "09" - S "';:,()\226") ^ 1  -- spaces and the like
  CUTS = lpeg.Ct((Cp() * #(split * -alpha) * run + run + other + S ";:,()" * Cp()
    + P "\226\128" * S "\147\148" * Cp() + 1) ^ 0)
end

local last_text, last_s, last_e, last_cuts
local function clause_cuts(text, s, e)
  if text == last_text and s == last_s and e == last_e then return last_cuts end
  local cuts = { s }
  local last = e - s + 2                   -- a cut at most just after e
  for _, i in ipairs(lpeg.match(CUTS, text:sub(s, e + 2))) do
    -- a splitting word at the very start of the sentence is no cut
    if i > 1 and i <= last then cuts[#cuts + 1] = s + i - 1 end
  end
  cuts[#cuts + 1] = e + 1
  last_text, last_s, last_e, last_cuts = text, s, e, cuts
  return cuts
end

-- the clause around [xs, xe) (1-based, xe exclusive) inside sentence [s, e]:
-- the cut-delimited piece holding the expression, widened to the next piece
-- when the expression fills its own piece ("In 1922, Lenin ..." -> both).
local function clause_of(text, s, e, xs, xe)
  local cuts = clause_cuts(text, s, e)
  local a, b = s, e + 1
  -- the last cut at or before xs, by bisection: a sentence may hold thousands of cuts
  -- and as many dates (a page of tables scraped into one line)
  local lo, hi = 1, #cuts - 1
  while lo < hi do
    local mid = (lo + hi + 1) // 2
    if cuts[mid] <= xs then lo = mid else hi = mid - 1 end
  end
  local k = lo
  if cuts[k] <= xs and xs < cuts[k + 1] then
    a, b = cuts[k], cuts[k + 1]
    local inside = text:sub(a, b - 1):gsub("%s+", " ")
    local expr = text:sub(xs, xe - 1)
    -- the piece is (nearly) only the date and a preposition: take the next one too
    if #inside - #expr < 12 and cuts[k + 2] then b = cuts[k + 2] end
  end
  if b < xe then b = xe end
  return a, b
end

---------------------------------------------------------------------------
-- participants: runs of capitalized words, minus sentence-initial function
-- words, months, weekdays and other calendar words.

local STOP = {}
for _, w in ipairs { "The", "A", "An", "In", "On", "At", "By", "For", "From", "To", "Of", "After",
  "Before", "During", "Since", "Until", "When", "While", "Although", "Though", "But", "And", "Or",
  "This", "That", "These", "Those", "It", "He", "She", "They", "We", "I", "His", "Her", "Their",
  "Its", "As", "With", "Without", "Shortly", "Finally", "However", "Later", "Early", "Late",
  "Around", "About", "Some", "Many", "Most", "All", "There", "Then", "Also", "Meanwhile", "Soon",
  "Mid", "Between", "Within", "Under", "Over", "Through", "Following", "Despite", "Once", "If",
  "Because", "So", "Yet", "Thus", "Although", "One", "Two", "Three", "Four", "Five", "Both",
  "BC", "AD", "BCE", "CE", "B.C.", "A.D." } do STOP[w] = true end

-- the language profile's function words: none begins a name ("Our", "You", "Here");
-- its function words after a hyphen end a word at a dash ("Government-as");
-- its contractions make no name ("I'll", "We've")
local PROFILE = require("clio.lang").load()
local OPENERS = PROFILE:set("stopwords")
local DASHED = PROFILE:set("function_words")
local SENTENCE_OPENERS = PROFILE:set("sentence_openers")
local COMMON_ENDINGS = PROFILE.words.common_endings or {}

-- whether a word has the ending of a common word, with four letters or more before it
local function common_shaped(word)
  local lw = word:lower()
  for _, e in ipairs(COMMON_ENDINGS) do
    if #lw >= #e + 4 and lw:sub(-#e) == e then return true end
  end
  return false
end

-- a run of words written all in capitals, three or more or with a function word among
-- them, is a heading ("THE FEDERAL PROGRAM", "WALLER'S BATTLE OF"), not a name: the
-- index of the first word after the heading (1 when there is none)
local function after_heading(run, n)
  local caps, small, last = 0, false, 0
  for k = 1, n do
    local w = run[k]
    if w:match "%u.*%u" and not w:match "%l" then
      caps, last = caps + 1, k
      if OPENERS[w:lower()] then small = true end
    end
  end
  if not (caps >= 3 or (caps >= 2 and small)) then return 1 end
  local k = last + 1
  while run[k] and (STOP[run[k]] or OPENERS[run[k]:lower()]) do k = k + 1 end
  return k
end

local CAL = {}
local function load_calendar_words()
  if next(CAL) then return end
  local D = timex.bundled_data()
  for _, name in ipairs { "months", "weekdays", "seasons" } do
    for k in pairs(D[name] or {}) do
      CAL[(k:gsub("%.$", "")):lower()] = true
    end
  end
end

-- words of a clause: a capitalized one as two captures (the word and the separator
-- after it); any other as three (false, the word, the separator)
local WORDS
do
  local P, C, Cc = lpeg.P, lpeg.C, lpeg.Cc
  local textpat = require "clio.textpat"
  -- (a double hyphen is a dash: "Benjamin--" ends at the name)
  local wordch = textpat.wchar + P "." + P "-" * -P "-" + textpat.apos
  local sepch = 1 - textpat.wchar   -- spaces, quotes, dashes: they end a name
  local capword = C(textpat.upper * wordch ^ 0) * C(sepch ^ 0)
  local other = Cc(false) * C((wordch - textpat.upper) * wordch ^ 0) * C(sepch ^ 0)
  WORDS = lpeg.Ct((1 - wordch) ^ 0 * (capword + other) ^ 0 * P(true))
end

-- The words a name may hold besides capitalized ones, from the language profile's
-- actors data (lang/<code>/actors.lua), read on first use:
-- particles: lower-case words that stay inside a name when a capitalized word follows
-- ("Charles de Gaulle", "Place de la Concorde", "Osama bin Laden"), at most two in a row;
-- joiners ("of", "the", "for") that stay inside a name after a head, a word that asks for
-- its complement: a title, an organization's, place's or event's first word ("Duke of
-- Wellington", "Bank of England", "Battle of the Somme"), not after another name
-- ("warned Stalin of German plans").
local NAME_WORDS
local function name_words()
  if not NAME_WORDS then
    local p = require("clio.actors").profile(PROFILE.code)
    local heads = {}
    for _, set in ipairs { p.titles, p.org_heads, p.place_heads, p.event_words } do
      for k in pairs(set) do heads[k] = true end
    end
    NAME_WORDS = { particles = p.particles, joiners = p.joiners, heads = heads }
  end
  return NAME_WORDS
end

-- participants(clause_text, masks, opens) -> names. masks: optional spans {s, e}
-- (1-based, e exclusive) of the clause text that are dates: their words are no names
-- ("Last September, I transmitted": not "Last"), and a name does not run across them.
-- opens: the clause starts its sentence (its first word is capitalized whatever it is).
function M.participants(clause_text, masks, opens)
  load_calendar_words()
  if masks and #masks > 0 then clause_text = M.mask(clause_text, masks) end
  -- a sentence's first word, alone, shaped as a common word ("Legislation was passed")
  local opener = opens and clause_text:match "^[%s%p]*(%u%l+)%f[^%w'\128-\255]"
  if opener and not common_shaped(opener) then opener = nil end
  local out, seen = {}, {}
  local run, nrun = {}, 0
  local held, nheld = {}, 0   -- particles after the run, kept if a capitalized word follows
  local function flush()
    nheld = 0
    if opener and nrun == 1 and run[1] == opener then nrun = 0 end
    opener = nil
    local from = nrun > 0 and after_heading(run, nrun)
    if nrun > 0 and from <= nrun then
      local name = table.concat(run, " ", from, nrun)
      if not seen[name] then seen[name] = true; out[#out + 1] = name end
      nrun = 0
    end
  end
  -- apostrophe-s is dropped ("Trotsky’s" -> Trotsky)
  local list, i = lpeg.match(WORDS, clause_text), 1
  local words = name_words()
  local names_particle, name_joiners, heads = words.particles, words.joiners, words.heads
  local joins = false   -- the held words are joiners after a head
  while list[i] ~= nil do
    local word = list[i]
    if word == false then
      local lower, sep = list[i + 1], list[i + 2]
      i = i + 3
      if nheld == 0 then joins = nrun > 0 and heads[run[nrun]:lower()] and name_joiners[lower] or false end
      if nrun > 0 and nheld < 2 and sep:match "^%s+$"
          and (names_particle[lower] or (joins and name_joiners[lower])) then
        nheld = nheld + 1
        held[nheld] = lower
      else
        flush()
      end
    else
      local sep = list[i + 1]
      i = i + 2
      word = word:gsub("\226\128\153s$", ""):gsub("'s$", ""):gsub("%.$", "")
      -- a hyphen at the end, or before a function word, is a dash: it ends the name
      local head, tail = word:match "^(.-)%-(%l+)$"
      if head and DASHED[tail] then word, sep = head, "-" end
      if word:match "%-$" then word, sep = word:gsub("%-+$", ""), "-" end
      -- the pattern took only words that start with a capital: not "I" or "A1", but "USSR"
      local cap = (not word:match "^%u+%d*$" or word:match "^%u%u+$") and not PROFILE:contracted(word)
      -- a function word starts no name; a sentence opener inside a run ("CIVIL RIGHTS
      -- The Congress": a heading and the sentence under it) starts the next sentence
      local function_word = STOP[word] or OPENERS[word:lower()]
      if nrun > 0 and word:match "%l" and SENTENCE_OPENERS[word:lower()] then
        -- the capitals before it were a heading's ("CIVIL RIGHTS The Congress")
        while nrun > 0 and run[nrun]:match "%u.*%u" and not run[nrun]:match "%l" do nrun = nrun - 1 end
        flush()
      end
      if cap and not CAL[word:lower()] and not (nrun == 0 and function_word) then
        for k = 1, nheld do nrun = nrun + 1; run[nrun] = held[k] end
        nheld = 0
        nrun = nrun + 1
        run[nrun] = word
        if sep:match "[^%s]" then flush() end
      else
        flush()
      end
    end
  end
  flush()
  return out
end

---------------------------------------------------------------------------
-- events

-- events(doc, text, base, sentences, exprs) -> array of events
--   doc: document name; text: its bytes; base: offset of text[1] in the file;
--   sentences: array of {start=, ["end"]=} (offsets incl. base), or nil (one
--   crude split is made); exprs: from tagger:extract + tagger:anchor.
-- Only DATE expressions become events; each is tied to its sentence and clause.
function M.events(doc, text, base, sentences, exprs)
  base = base or 0
  if not sentences then
    sentences = {}
    local s = 1
    for stop in text:gmatch "[%.!?]+[\"'”)]*()%s+%f[%u%d\"“]" do
      sentences[#sentences + 1] = { start = base + s - 1, ["end"] = base + stop - 1 }
      s = stop
    end
    sentences[#sentences + 1] = { start = base + s - 1, ["end"] = base + #text }
  end
  local evs = {}
  local si = 1
  for xi, ex in ipairs(exprs) do
    if ex.type == "DATE" and ex.value then
      local lo, hi = M.interval(ex.value, ex.mod)
      if lo then
        while sentences[si] and sentences[si]["end"] <= ex.start do si = si + 1 end
        local sen = sentences[si] or { start = ex.start, ["end"] = ex["end"] }
        local clause, participants = M.clause(text, base, sen, ex, exprs, xi)
        evs[#evs + 1] = {
          doc = doc, start = ex.start, ["end"] = ex["end"], text = ex.text, type = ex.type,
          value = ex.value, mod = ex.mod, bound = ex.bound, anchor = ex.anchor, lo = lo, hi = hi,
          sentence = { start = sen.start, ["end"] = sen["end"] },
          clause = clause, participants = participants,
        }
      end
    end
  end
  return evs
end

-- the text with each span {s, e} (1-based, e exclusive) overwritten by ";" (a byte
-- that ends a name and is no word), as long as it was
function M.mask(s, spans)
  local parts, at = {}, 1
  for _, m in ipairs(spans) do
    local ms, me = math.max(m[1], at), math.min(m[2], #s + 1)
    if ms < me then
      parts[#parts + 1] = s:sub(at, ms - 1)
      parts[#parts + 1] = string.rep(";", me - ms)
      at = me
    end
  end
  parts[#parts + 1] = s:sub(at)
  return table.concat(parts)
end

-- the spans, relative to clause [cs, ce) (file offsets), of ex and of the expressions
-- of the list around position i (sorted by start) that fall in the clause
local function date_spans(cs, ce, ex, list, i)
  local spans = {}
  local function add(x)
    if x.start < ce and x["end"] > cs then
      spans[#spans + 1] = { math.max(x.start, cs) - cs + 1, math.min(x["end"], ce) - cs + 1 }
    end
  end
  if list and i then
    local j = i - 1
    while list[j] and list[j]["end"] > cs do add(list[j]); j = j - 1 end   -- (spans do not overlap)
    add(ex)
    j = i + 1
    while list[j] and list[j].start < ce do add(list[j]); j = j + 1 end
  else
    add(ex)
  end
  table.sort(spans, function(x, y) return x[1] < y[1] end)
  return spans
end

-- clause(text, base, sentence, ex, exprs, i) -> {start, end, text}, participants: the
-- clause of sentence {start, end} (file offsets; text starts at offset base) around
-- expression ex (exprs[i] when the list is given), and the names in it, none taken from
-- ex or from the other expressions of the list in the clause
function M.clause(text, base, sen, ex, exprs, i)
  local s1 = math.max(1, sen.start - base + 1)
  local e1 = math.min(#text, sen["end"] - base)
  local a, b = clause_of(text, s1, e1, ex.start - base + 1, ex["end"] - base + 1)
  local cs, ce = base + a - 1, base + b - 1
  local raw = text:sub(a, b - 1)
  local lead = #raw:match "^%s*"
  local ctext = raw:gsub("^%s+", ""):gsub("%s+$", "")
  local spans = date_spans(cs, ce, ex, exprs, i)
  for _, m in ipairs(spans) do m[1], m[2] = m[1] - lead, m[2] - lead end
  return { start = cs, ["end"] = ce, text = ctext }, M.participants(ctext, spans, a == s1)
end

---------------------------------------------------------------------------
-- merging and ordering

-- what two descriptions share, less the language's stop words
local FUNCTION_WORDS = require("clio.lang").load():set("stopwords")

local function content_tokens(s)
  local t = {}
  for w in s:lower():gmatch "[%w\128-\255]+" do
    if not FUNCTION_WORDS[w] and not w:match "^%d+$" then t[w] = true end
  end
  return t
end

local function overlap(a, b)            -- Jaccard overlap of two token sets
  local inter, union = 0, 0
  for k in pairs(a) do union = union + 1; if b[k] then inter = inter + 1 end end
  for k in pairs(b) do if not a[k] then union = union + 1 end end
  return union == 0 and 0 or inter / union
end

local function share_participant(p, q)
  local set = {}
  for _, n in ipairs(p) do set[n] = true end
  for _, n in ipairs(q) do if set[n] then return true end end
  return false
end

-- build(events, opts) -> timeline entries ordered by (lo, hi, value).
--
-- Merge rule: two events are the same happening, told twice, when
--   (1) they come from DIFFERENT documents (one document's repeated mentions
--       stay separate entries: a text saying "1924" twice may mean two things), and
--   (2) they have the same normalized value (and mod and bound: "before 1914" is
--       not 1914), and
--   (3) they share at least one participant, or the content words of their
--       clauses overlap by at least opts.min_overlap (Jaccard, default 0.3).
-- An event joins the first entry it matches; the entry keeps the union of the
-- participants and cites every mention as {doc, start, end, text}.
function M.build(events, opts)
  local b = M.builder(opts)
  for _, ev in ipairs(events) do b:add(ev) end
  return b:entries()
end

--- builder(opts) -> a builder that merges events as they come, by build's rule, so
--- a run over a large corpus keeps the entries, not every event:
--- `b:add(ev)` (returns the citation it made and its number in its entry), then
--- `b:entries()` once.
function M.builder(opts)
  opts = opts or {}
  local min_overlap = opts.min_overlap or 0.3
  local entries, by_value = {}, {}
  local b = {}
  function b:add(ev)
    local key = ev.value .. "|" .. (ev.mod or "") .. "|" .. (ev.bound or "")
    local toks = content_tokens(ev.clause and ev.clause.text or ev.text)
    local target
    for _, en in ipairs(by_value[key] or {}) do
      if not en.docs[ev.doc] and (share_participant(en.participants, ev.participants)
          or overlap(en.tokens, toks) >= min_overlap) then
        target = en
        break
      end
    end
    local cite = { doc = ev.doc, start = ev.start, ["end"] = ev["end"], text = ev.text,
                   clause = ev.clause and ev.clause.text }
    if target then
      local k = #target.citations + 1
      target.citations[k] = cite
      target.docs[ev.doc] = true
      local have = {}
      for _, n in ipairs(target.participants) do have[n] = true end
      for _, n in ipairs(ev.participants or {}) do
        if not have[n] then target.participants[#target.participants + 1] = n end
      end
      for w in pairs(toks) do target.tokens[w] = true end
      return cite, k
    else
      local en = { value = ev.value, mod = ev.mod, bound = ev.bound, lo = ev.lo, hi = ev.hi,
                   participants = { table.unpack(ev.participants or {}) },
                   clause = ev.clause and ev.clause.text, citations = { cite },
                   docs = { [ev.doc] = true }, tokens = toks }
      entries[#entries + 1] = en
      by_value[key] = by_value[key] or {}
      table.insert(by_value[key], en)
    end
    return cite, 1
  end
  function b:entries()
    by_value = nil
    table.sort(entries, function(x, y)
      if x.lo ~= y.lo then return x.lo < y.lo end
      if x.hi ~= y.hi then return x.hi < y.hi end
      if x.value ~= y.value then return x.value < y.value end
      return x.citations[1].doc .. x.citations[1].start < y.citations[1].doc .. y.citations[1].start
    end)
    for _, en in ipairs(entries) do en.docs, en.tokens = nil, nil end
    return entries
  end
  return b
end

--- The columns of an expression record of `clio timeline` (jsonl, csv, tsv).
M.EXPRESSION_COLUMNS = { "doc", "start", "end", "text", "type", "value", "mod", "bound", "anchor", "sentence",
  "participants" }

-- the timeline of a corpus from its annotations (lua/clio/analysis/timeline.lua)
for _, name in ipairs { "run", "expressions", "check", "citation", "expression_record", "view" } do
  M[name] = function(...) return require("clio.analysis.timeline")[name](...) end
end

-- day number -> "YYYY-MM-DD" (for display)
function M.day_string(z)
  local y, m, d = timex.civil_from_days(z)
  return timex.format_date { ay = y, m = m, d = d }
end

return M
