--- clio.claims.dating: when a claim says its event happened. The document's DATE
--- expressions (from the temporal grammar, or the timex annotation when the pipeline has
--- one) become day intervals; each date of a sentence goes to the nearest claim; a claim
--- without one takes a coordinated claim's date ("expelled from the Soviet Union and
--- exiled to Turkey in 1928"), not one across a comma-separated clause, and becomes
--- relative when the date belongs to an event introduced by after/before/until/by.
local clio = require "clio"
local timeline = require "clio.timeline"
local anchor = require "clio.timex.anchor"
local calendar = require "clio.timex.calendar"

local M = {}

local INF = math.huge
-- a claim's document frame rests on any number of dates: the grouping pads a frame that
-- rests on few (clio.claims.group.FRAME_FIRM)
local MIN_FRAME_DATES = 1

-- a date's bound (clio.timex.scan.mark_bounds: the language profile's bound_words) as
-- a claim's relation: "by 1934" opens its start, "after 1920" its end
local BOUND_REL = { BEFORE = "BEFORE", ON_OR_BEFORE = "BY", AFTER = "AFTER", ON_OR_AFTER = "AFTER" }
-- the longest bound phrase, in words ("no later than")
local BOUND_WORDS = 3

-- a date d open on the side its relation says: AFTER opens the end, BEFORE and BY the start
local function open(d, rel)
  d.rel = rel
  if rel == "AFTER" then d.hi = INF else d.lo = -INF end
  return d
end

--- bounded(d) -> d as its own clause tells it: a copy open on one side when the date
--- has a bound ("by 1934"), else d.
function M.bounded(d)
  if not d.bound then return d end
  local b = {}
  for k, v in pairs(d) do b[k] = v end
  b.bound = nil
  return open(b, d.bound)
end

--- The usable dates of a document: DATE expressions with an interval, outside the
--- cleaning gaps, not part of a name ("October revolution"). A bound date ("by 1934",
--- "before 1914", "after 1920") keeps its relation as d.bound: it holds for the clause
--- the date ends (M.bounded), not for a later one ("until 396 BC, when Agesilaus
--- invaded": the invasion was in 396 BC).
--- exprs: anchored expressions {type, value, mod, bound, text, start, end}.
function M.document(P, exprs, toks, gaps, tok_index)
  local dates = {}
  for _, e in ipairs(exprs) do
    local inside = gaps and clio.in_gap(gaps, e.start, e["end"])
    local lo, hi = timeline.interval(e.value, e.mod)
    local a, b = tok_index(e.start), tok_index(e["end"], true)
    if e.type == "DATE" and lo and a and b and not inside
      and not (toks[b + 1] and P.date_names[toks[b + 1].term]) then
      local d = { value = e.value, mod = e.mod, text = e.text, start = e.start, ["end"] = e["end"],
        lo = lo, hi = hi, first = a, last = b }
      d.bound = e.bound and BOUND_REL[e.bound]
      dates[#dates + 1] = d
    end
  end
  table.sort(dates, function(a, b) return a.first < b.first end)
  return dates
end

--- Whether expressions exprs hold a DATE with an interval: without one, M.document
--- finds no date, whatever the tokens.
function M.any_date(exprs)
  for _, e in ipairs(exprs) do
    if e.type == "DATE" and timeline.interval(e.value, e.mod) then return true end
  end
  return false
end

-- What can give a DATE its year without a number (clio.timex: "the fifties" is 195X,
-- "the third century" 02, a ref word may stand for a year): a term set, per language,
-- of each of their words (a token holding one as a part is a hit: "mid-fifties"); and
-- the era words that make even a chapter-and-verse number a year ("BC 1:1"), lowered.
local year_words_of = {}
local function year_words(lang)
  local key = lang or "en"
  local w = year_words_of[key]
  if w then return w end
  local D = require("clio.timex").bundled_data(lang)
  local words, eras = { "century", "centuries" }, {}
  for k in pairs(D.decade_words or {}) do words[#words + 1] = clio.fold(k) end
  for k, v in pairs(D.refs or {}) do
    if type(v) == "string" and v:match "^B?C?%d" then
      for part in clio.fold(k):gmatch "[%w\128-\255]+" do words[#words + 1] = part end
    end
  end
  for k in pairs(D.eras or {}) do eras[#eras + 1] = k:lower() end
  table.sort(eras)
  w = { set = clio.core.termset(words, "words"), eras = eras }
  year_words_of[key] = w
  return w
end

-- whether lowered text holds an era word where a word starts (and ends, unless the
-- word ends in punctuation: "b.c.")
local function holds_era(ltext, eras)
  for _, era in ipairs(eras) do
    local at = 1
    while true do
      local s, e = ltext:find(era, at, true)
      if not s then break end
      if not ltext:sub(s - 1, s - 1):find "%w" and (not era:find "%w$" or not ltext:sub(e + 1, e + 1):find "%w") then
        return true
      end
      at = s + 1
    end
  end
  return false
end

-- whether the text's only numbers are ones like "3:16" standing alone between spaces
-- (verses, clock times): none of them is a year by itself; nil without any number
local function verse_numbers_only(text)
  local at, any = 1, nil
  while true do
    local s = text:find("%d", at)
    if not s then return any end
    local _, e = text:find("^%d%d?%d?:%d%d?%d?", s)
    if not e or (s > 1 and not text:sub(s - 1, s - 1):find "%s") or text:sub(e + 1, e + 1):find "%S" then
      return false
    end
    any, at = true, e + 1
  end
end

--- Whether the "timex" layer of document doc (computed with opts: lang, grammar,
--- reference_time, scan_all) can hold a DATE with an interval. false only when it
--- surely holds none: claims then leave the grammar out, with the same result. A year
--- comes from a number of the text, a word of year_words, the run's reference time or
--- the time the document was written, or an earlier date of the same document (which
--- got its own from one of these). A number standing alone as "3:16" (a verse, a clock
--- time) gives a time, or a date only with a year from elsewhere, unless an era word
--- is there ("BC 1:1"). Grammar files and scan_all may add any rule, and a structured
--- document's <date when> gives values: then true.
function M.may_date(doc, opts)
  if (opts.grammar and #opts.grammar > 0) or opts.scan_all or opts.reference_time then return true end
  if require("clio.annotate.timex").written_of(doc) then return true end
  for _, g in ipairs(doc:gaps()) do
    -- markup and references: the grammar reads another view of the text than text()
    if g.rule == "markup" or g.rule == "break" or g.rule == "reference" then return true end
  end
  local text = doc:text()
  local words = year_words(opts.lang)
  local verses = verse_numbers_only(text)
  if verses == false then return true end
  if verses and holds_era(text:lower(), words.eras) then return true end
  return #doc:candidates(words.set, true, true) > 0
end

--- The narrative frame of a document from its own dates, in days: the frame that the
--- anchoring estimates too (clio.timex.anchor.frame_of, the densest stretch of years) over
--- the first and last years of its closed date intervals, from the first day of the
--- frame's first year to the end of its last; n is the number of dates it rests on. nil
--- without dates.
function M.frame(dates)
  local years = {}
  for _, d in ipairs(dates) do
    if not d.bound then -- the interval's first and last years (a bound date tells no story time)
      years[#years + 1] = math.floor((calendar.civil_from_days(d.lo)))
      years[#years + 1] = math.floor((calendar.civil_from_days(d.hi - 1)))
    end
  end
  local f = anchor.frame_of(years, MIN_FRAME_DATES)
  if not f then return nil end
  return { lo = calendar.days_from_civil(f.lo, 1, 1), hi = calendar.days_from_civil(f.hi + 1, 1, 1), n = #years // 2 }
end

local function dist(c, d)
  if d.last < c.first then return c.first - d.last end
  if d.first > c.last then return d.first - c.last end
  return 0
end

--- A plain copy of a date for output (no token fields).
function M.copy(d)
  return { value = d.value, mod = d.mod, rel = d.rel, text = d.text, start = d.start,
    ["end"] = d["end"], lo = d.lo, hi = d.hi }
end

--- First step of dating one sentence: each date goes to the nearest claim (c.date set
--- provisionally). Returns owner (date -> the claim it went to).
function M.owners(sclaims, sdates)
  local owner = {}
  for _, d in ipairs(sdates) do
    local best, bd
    for _, c in ipairs(sclaims) do
      local x = dist(c, d)
      if not best or x < bd then best, bd = c, x end
    end
    if best then
      owner[d] = best
      if not best.date or dist(best, best.date) > bd then best.date = d end
    end
  end
  return owner
end

--- Second step: claims without a date of their own take the nearest one (made relative
--- after "after Lenin's death in 1924"); every claim's date becomes a plain copy.
function M.settle(P, toks, lo, sclaims, sdates, owner)
  local function relation_of(c)
    -- a relation word right before a nominal claim (or its possessor)
    for j = c.first - 1, math.max(lo, c.first - 4), -1 do
      local r = P.relations[toks[j].term]
      if r then return r end
    end
  end
  local function comma_between(c, d)
    local a, b = math.min(c.last, d.last), math.max(c.first, d.first)
    for j = a + 1, b - 1 do if toks[j].term == "," then return true end end
  end
  -- whether date d opens its clause: at most BOUND_WORDS words (its bound phrase, or a
  -- conjunction and the phrase) between the sentence's start or a comma and the date
  -- ("By 1934,", "but by mid-September,"; not "There was calm until 1929,")
  local function opens_clause(d)
    local j = d.first - 1
    while j >= lo and d.first - 1 - j <= BOUND_WORDS and toks[j].term ~= "," do j = j - 1 end
    return d.first - 1 - j <= BOUND_WORDS and (j < lo or toks[j].term == ",")
  end
  -- date d as claim c reads it: a bound holds for the date's own clause, and for one
  -- after a comma only when the date opens its clause ("By 1934, Kirov was dead"; not
  -- "no war until 396 BC, when Agesilaus invaded": the invasion was in 396 BC)
  local function as_told(c, d)
    if d.bound and (not (c.first > d.last and comma_between(c, d)) or opens_clause(d)) then
      return M.bounded(d)
    end
    return d
  end
  for _, c in ipairs(sclaims) do
    local best, bd
    if not c.date then
      for _, d in ipairs(sdates) do
        local x = dist(c, d)
        if not best or x < bd then best, bd = d, x end
      end
      -- ", and in February 1920 Kolchak was executed": another clause's date
      local o = best and owner[best]
      if o and o ~= c and not relation_of(o) and comma_between(c, best) then best = nil end
    end
    if best then
      local other = owner[best]
      local rel = other and other ~= c and relation_of(other)
      local d = {}
      for k, v in pairs(as_told(c, best)) do d[k] = v end
      if rel == "AFTER" or rel == "BEFORE" or rel == "BY" then open(d, rel) end
      c.date = d
    elseif c.date then
      c.date = as_told(c, c.date)   -- its own date (M.owners)
    end
  end
  for _, c in ipairs(sclaims) do
    if c.date then c.date = M.copy(c.date) end
  end
end

return M
