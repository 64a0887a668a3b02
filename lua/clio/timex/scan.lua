--- clio.timex.scan: one LPeg pass over a text that tries the rules at word starts.
--- A gate (one trie of the words that can start a rule) decides in a few byte tests
--- whether to try any rule at a word; a second lookup picks the rules that can start
--- with it (their `first` words). Also the trigger words that pick the candidate
--- sentences (doc:candidates) and extract(), the per-text entry point.
local lpeg = require "lpeg"
local patterns = require "clio.timex.patterns"
local words = require "clio.timex.words"
local N = require "clio.timex.normalize"
local P, Cmt = lpeg.P, lpeg.Cmt
local digit, wchar, B, apos = patterns.digit, patterns.wchar, patterns.B, patterns.apos
local any_of, trie, surfaces = patterns.any_of, patterns.trie, patterns.surfaces
local word_choice = patterns.words

local M = {}

-- The scan: at each word start try the rules in order; a rule whose normalize
-- rejects the match falls through to the next one (Cmt); otherwise skip the word.
-- The gate: bundled rules are tried only at words that can start one of them
-- (a digit, a month, a unit, "early" ...; "the"/"a"/"that"/"this" only when
-- the next word can continue a rule).  Words come from the data, so data added
-- by a script widens the gate; user rules are not gated.
local function first_words(tbl, out)
  for k in pairs(tbl or {}) do
    if type(k) == "string" then out[(k:match "^[^ ]+" or k):lower()] = true end
  end
  return out
end

local function gate_keys(D)
  local the_next, a_next, this_next, num = {}, {}, {}, {}
  for _, name in ipairs { "months", "seasons", "dayparts", "ordinals", "decade_words", "part_words",
      "halves", "rel_next", "rel_prev", "holidays", "units_words", "tens_words" } do
    first_words(D[name], the_next)
  end
  local G = D.gate or {}
  for _, w in ipairs(G.after_the or {}) do the_next[w] = true end
  first_words(D.units, the_next)   -- "the day after the battle"
  first_words(D.units, a_next); first_words(D.big_words, a_next)
  for _, w in ipairs(G.after_a or {}) do a_next[w] = true end
  first_words(D.units, this_next); first_words(D.dayparts, this_next); first_words(D.seasons, this_next)
  first_words(D.weekdays, this_next)   -- "this Tuesday"
  for _, w in ipairs(G.after_this or {}) do this_next[w] = true end
  for _, name in ipairs { "units_words", "tens_words", "big_words", "vague_quantities", "months" } do
    first_words(D[name], num)
  end
  for _, role in ipairs { "a", "an", "the" } do
    for _, s in ipairs(surfaces(D, role)) do num[s:lower()] = true end
  end
  -- all of it goes into ONE trie: a choice of separate word lists would test
  -- every list at every word; a trie decides in about one test per byte
  local keys = {}
  local function add(k) keys[k:lower()] = true end
  for _, name in ipairs { "months", "seasons", "weekdays", "dayparts", "refs", "sets", "holidays",
      "decade_words", "eras", "units", "units_words", "tens_words", "big_words",
      "vague_quantities", "rel_next", "rel_prev" } do
    for k in pairs(D[name] or {}) do if type(k) == "string" then add(k) end end
  end
  for _, w in ipairs(G.words or {}) do add(w) end
  local after_ordinal = {}
  for _, role in ipairs { "of", "century", "centuries" } do
    for _, s in ipairs(surfaces(D, role)) do after_ordinal[#after_ordinal + 1] = " " .. s end
  end
  after_ordinal[#after_ordinal + 1] = "-"
  for k in pairs(D.ordinals or {}) do
    for _, s in ipairs(after_ordinal) do add(k .. s) end
  end
  -- "the X", "l'X": an article joined by an apostrophe takes no space
  local function prefixed(role, set)
    for _, s in ipairs(surfaces(D, role)) do
      local sep = s:match "['’]$" and "" or " "
      for n in pairs(set) do add(s .. sep .. n) end
    end
  end
  for k in pairs(D.approx_words or {}) do
    for n in pairs(num) do add(k .. " " .. n) end
  end
  prefixed("the", the_next)
  prefixed("a", a_next); prefixed("an", a_next)
  prefixed("this", this_next); prefixed("that", this_next)
  -- keys ending in a digit need no word boundary: "the 1" matches "the 1920s"
  for dg = 0, 9 do
    add(tostring(dg)); add("'" .. dg)
    for _, s in ipairs(surfaces(D, "the")) do
      local sep = s:match "['’]$" and "" or " "
      add(s .. sep .. dg); add(s .. sep .. "'" .. dg)
    end
    for k in pairs(D.approx_words or {}) do add(k .. " " .. dg) end
  end
  return keys
end

function M.gate_pattern(D)
  local list = {}
  for k in pairs(gate_keys(D)) do list[#list + 1] = { key = k } end
  return trie(list, 0, false) + apos * digit
end

-- Words that the bundled rules need besides the data lists: every match of a
-- bundled rule holds a number or a word from the data lists below or from this
-- list ("the time", "a short while", "shortly afterwards", "to date").  A rule
-- added here with a new kind of word must add the word.
local ANCHOR_LISTS = { "months", "seasons", "weekdays", "dayparts", "units", "decade_words", "eras",
  "refs", "sets", "holidays" }

-- trigger_words() -> array of folded words, or nil.  A sentence can hold a match
-- only if it holds a number or one of these words (see doc:candidates): the
-- words of the data lists that every match needs (a month, a unit, a season,
-- "now" ...; the last word of a multi-word key: "the present" -> "present"),
-- ANCHOR_WORDS, and the `triggers` that user rules declare.  nil when a user
-- rule declares none: then every sentence must be scanned.  Words the core
-- keeps as one token ("mid-1916", "ten-day", "4am") are not here: see
-- compound_triggers.
function M.trigger_words(self)
  if self.triggers_all then return nil end
  local D = self.data
  local set = {}
  local function add(w)
    w = w:lower()
    set[w] = true
    local bare = w:gsub("%.$", "")            -- the tokenizer splits "jan." -> "jan" "."
    if bare ~= "" and not bare:find "%." then set[bare] = true end
  end
  for _, name in ipairs(ANCHOR_LISTS) do
    for k in pairs(D[name] or {}) do
      if type(k) == "string" then
        local last = k:match "([^ ]+)$":gsub("['’]s$", "")
        add(last)
      end
    end
  end
  for _, w in ipairs((D.gate or {}).triggers or {}) do add(w) end
  for _, r in ipairs(self.rules) do
    for _, w in ipairs(r.triggers or {}) do add(w) end
  end
  local list = {}
  for w in pairs(set) do list[#list + 1] = w end
  table.sort(list)
  self.trigger_set = set
  return list
end

-- compound_triggers(terms) -> the terms (folded words of a corpus vocabulary)
-- that the core keeps as one token although a rule can match inside them: those
-- holding a digit ("mid-1916", "5:30pm", "4am") and those with a trigger word
-- between hyphens or apostrophes ("ten-day", "early-october", "may't").
function M.compound_triggers(self, terms)
  local set = self.trigger_set
  if not set then M.trigger_words(self); set = self.trigger_set or {} end
  local out = {}
  for _, t in ipairs(terms) do
    -- the scan tries a word start at the start of the token and after a hyphen,
    -- apostrophe, colon ... inside it, never inside a run of letters and digits
    -- ("ad79", "b52" cannot match)
    for part in t:gsub("\226\128\153", "'"):gmatch "[%w\128-\255]+" do
      if set[part] or part:find "^%d" then out[#out + 1] = t break end
    end
  end
  return out
end

local ALL_STARTS = { digit = true, the = true, word = true }

-- What a rule's `first` words mean (see clio.timex.rules): "@quantity" stands for
-- what can start a quantity ("two", "a few", "a dozen" ...).
local QUANTITY = "digit @units_words @tens_words @big_words @vague_quantities a an"

-- first words of a FIRST spec: a set of lowercase words, and whether a number /
-- an apostrophe before a digit can start the rule
local function first_words_of(spec, D)
  local set, digits, apos_ = {}, false, false
  for item in spec:gsub("@quantity", QUANTITY):gmatch "%S+" do
    if item == "digit" then
      digits = "lead"
    elseif item == "digit3" then
      digits = true
    elseif item == "apos" then
      apos_ = true
    elseif item:sub(1, 1) == "@" then
      for k in pairs(D[item:sub(2)] or {}) do
        if type(k) == "string" then set[(k:match "^[^ ]+"):lower()] = true end
      end
    else
      for _, s in ipairs(surfaces(D, item)) do set[(s:match "^[^ ]+"):lower()] = true end
    end
  end
  return set, digits, apos_
end

-- dispatch(rules, D): one pattern that tries, at a word, only the rules that can
-- start with it.  Two words that can stand at the same position ("twenty" and
-- "twenty-first", "c." and "c.e.") share their rules, so which of them the trie
-- finds never changes the outcome.
local function dispatch(list, D, p)
  local key_rules, digit_rules, apos_rules = {}, {}, {}
  for idx, br in ipairs(list) do
    local set, dg, ap = first_words_of(br.first, D)
    for w in pairs(set) do key_rules[w] = key_rules[w] or {}; key_rules[w][idx] = true end
    if dg then digit_rules[idx] = dg end
    if ap then apos_rules[idx] = true end
  end
  local keys = {}
  for w in pairs(key_rules) do keys[#keys + 1] = w end
  table.sort(keys)
  -- union-find over words that can match at the same position
  local parent = {}
  for _, w in ipairs(keys) do parent[w] = w end
  local function find(w) while parent[w] ~= w do w = parent[w] end return w end
  for _, x in ipairs(keys) do
    for _, y in ipairs(keys) do
      if #y > #x and y:sub(1, #x) == x and (not x:match "%a$" or not y:sub(#x + 1, #x + 1):match "[%w\128-\255]") then
        parent[find(y)] = find(x)
      end
    end
  end
  local comp = {}
  for _, w in ipairs(keys) do
    local r = find(w)
    comp[r] = comp[r] or { words = {}, rules = {} }
    comp[r].words[w] = true
    for idx in pairs(key_rules[w]) do comp[r].rules[idx] = true end
  end
  local function choice(set)
    local idxs = {}
    for idx in pairs(set) do idxs[#idxs + 1] = idx end
    table.sort(idxs)
    local alts = {}
    for _, idx in ipairs(idxs) do
      alts[#alts + 1] = set[idx] == "lead" and #p.digit_lead * list[idx].rp or list[idx].rp
    end
    return any_of(alts), table.concat(idxs, ",")
  end
  -- words with the same rules share one lookahead
  local groups, order = {}, {}
  for _, w in ipairs(keys) do
    local c = comp[find(w)]
    if not c.sig then c.pat, c.sig = choice(c.rules) end
    if not groups[c.sig] then groups[c.sig] = { words = {}, pat = c.pat }; order[#order + 1] = c.sig end
    groups[c.sig].words[w] = true
  end
  local alts = { #digit * choice(digit_rules), #(apos * digit) * choice(apos_rules) }
  for _, sig in ipairs(order) do
    alts[#alts + 1] = #(word_choice(groups[sig].words) / 0) * groups[sig].pat
  end
  return any_of(alts)
end

-- The scan: at each word start try the rules in order; a rule whose normalize
-- rejects the match falls through to the next one (Cmt); otherwise skip the word.
function M.compile(self)
  local ctx = { data = self.data, tagger = self, context = words.context_sets(self.data) }
  local user, by_digit, by_the, by_word = {}, {}, {}, {}
  local listed, all_listed = {}, true
  for _, r in ipairs(self.rules) do
    local norm = r.normalize or N.build
    local rp = Cmt(r.pattern, function(subject, pos, caps)
      -- positions become offsets in the whole text (the scan sees one span of it)
      local off = ctx.off
      if off ~= 0 then
        caps[1] = caps[1] + off
        if caps.s1 then caps.s1, caps.e1, caps.s2 = caps.s1 + off, caps.e1 + off, caps.s2 + off end
      end
      pos = pos + off
      ctx.text, ctx.s, ctx.e = ctx.full, caps[1], pos
      local ok, ex = pcall(norm, caps, ctx)
      if not ok or not ex then return false end
      -- results go to a list, not the capture stack: Cmt values stay on the
      -- Lua stack until the match ends, which overflows on big texts
      local found = ctx.found
      if ex.parts then
        for _, part in ipairs(ex.parts) do part.rule = r.name; found[#found + 1] = part end
      else
        ex.s, ex.e, ex.rule = caps[1], pos, r.name
        found[#found + 1] = ex
      end
      return pos - off
    end)
    if r.user then
      user[#user + 1] = rp
    else
      -- the fallback when a bundled rule is missing from FIRST: dispatch on the
      -- kind of first word only (a digit, "the", another word)
      local st = r.starts or ALL_STARTS
      local first = r.first
      if first then listed[#listed + 1] = { rp = rp, first = first } else all_listed = false end
      if st.digit then by_digit[#by_digit + 1] = rp end
      if st.the then by_the[#by_the + 1] = rp end
      if st.word then by_word[#by_word + 1] = rp end
    end
  end
  local bundled
  if all_listed then
    bundled = dispatch(listed, self.data, self.p)
  else
    bundled = #digit * any_of(by_digit) + #(self.p.the) * any_of(by_the) + #(1 - digit) * any_of(by_word)
  end
  user = any_of(user)
  -- an apostrophe before digits starts a word ("'89"); otherwise skip whole words
  local aposdig = apos * digit
  -- a number with thousands separators is one word: a rule that can use it
  -- ("1,000 years") starts at its first digit, and its groups ("000") are no
  -- years or days
  local grouped = digit ^ 1 * ("," * digit * digit * digit * -digit) ^ 1
  local skip = (grouped + wchar ^ 1) * (1 - wchar - aposdig) ^ 0 + (1 - wchar - aposdig) ^ 1 + P(1)
  self.ctx = ctx
  self.scan = (user + #M.gate_pattern(self.data) * bundled + skip) ^ 0
  return self
end

local function collect(self, text, from, to, base, out)
  local sub = (from == 1 and to == #text) and text or text:sub(from, to)
  local found = {}
  local ctx = self.ctx
  ctx.found, ctx.full, ctx.off = found, text, from - 1
  lpeg.match(self.scan, sub)
  ctx.found, ctx.full, ctx.text = nil, nil, nil
  for _, ex in ipairs(found) do
    local s, e = ex.s, ex.e   -- 1-based in text, e exclusive
    -- trailing period of "B.C." etc. is kept; trailing spaces never are
    while e > s and text:sub(e - 1, e - 1):match "%s" do e = e - 1 end
    out[#out + 1] = { start = base + s - 1, ["end"] = base + e - 1, text = text:sub(s, e - 1),
                      type = ex.type, value = ex.value, mod = ex.mod, rel = ex.rel, rule = ex.rule }
  end
  M.link_ranges(self, text, base, out, #out - #found + 1)
  M.mark_mentions(self, text, base, out, #out - #found + 1)
  M.mark_bounds(self, text, base, out, #out - #found + 1)
end

-- The profile's bound phrases (`bound_words`: "before", "prior to", "since"), lower
-- case, longest first, each with its bound: BEFORE, ON_OR_BEFORE, AFTER, ON_OR_AFTER
-- or false (none).
local function bound_phrases(self)
  local list = self.bounds
  if not list then
    list = {}
    for phrase, bound in pairs(self.data.bound_words or {}) do
      list[#list + 1] = { words = phrase:lower():gsub("%s+", " "), bound = bound }
    end
    table.sort(list, function(a, b)
      if #a.words ~= #b.words then return #a.words > #b.words end
      return a.words < b.words
    end)
    self.bounds = list
  end
  return list
end

-- A date that bounds rather than places what is told: right after a bound phrase of
-- the profile ("before 1914", "prior to 1914", "until March 1917", "since 1990"). The
-- phrase stays outside the span, as TIMEX2 marks it; the expression keeps it as
-- ex.bound, so a timeline shows "before 1914", not 1914. Only calendar values take
-- one: "hit by the present crisis" is no bound, and a reference is on no timeline.
-- A phrase of the profile's `bound_negated` after a negation in its clause is none
-- ("it was not until 1928 that he ruled": he ruled from 1928).
local BOUND_LOOKBACK, NEGATION_LOOKBACK = 40, 120
local function negations(self)
  local neg = self.bound_negations
  if not neg then
    local G = self.data.bound_negated or {}
    neg = { phrases = {}, words = {} }
    for _, w in ipairs(G.phrases or {}) do neg.phrases[w:lower()] = true end
    for _, w in ipairs(G.negations or {}) do neg.words[w:lower()] = true end
    self.bound_negations = neg
  end
  return neg
end

-- whether the clause before byte s of text holds a negation
local function negated(neg, text, s)
  -- the words of the clause before the date (after its last break)
  local before = text:sub(math.max(1, s - NEGATION_LOOKBACK), s - 1)
  before = (before:match "^.*[%.;:!%?,%(%)\n](.*)$" or before):lower():gsub("’", "'")
  for w in before:gmatch "[%a\128-\255']+" do
    if neg.words[w] or neg.words[w:match "n't$" or ""] then return true end
  end
  return false
end

function M.mark_bounds(self, text, base, out, first)
  local phrases = bound_phrases(self)
  if #phrases == 0 then return end
  for i = math.max(first, 1), #out do
    local ex = out[i]
    if ex.type == "DATE" and ex.value and ex.value:match "^[BX%d]" then
      local s = ex.start - base + 1
      -- the words right before the span, whitespace folded: "… prior  to\n" -> "… prior to"
      local before = text:sub(math.max(1, s - BOUND_LOOKBACK), s - 1):lower():gsub("%s+", " ")
      before = " " .. before:gsub("^ ", ""):gsub(" $", "")
      for _, p in ipairs(phrases) do
        if #before > #p.words and before:sub(-#p.words - 1) == " " .. p.words then
          local neg = negations(self)
          if p.bound and not (neg.phrases[p.words] and negated(neg, text, s)) then ex.bound = p.bound end
          break
        end
      end
    end
  end
end

-- A date the text mentions rather than tells the story at: after a cue word of the
-- profile (`context.mention_cues`: "since 1813", "found in 2004", "a campaign planned
-- for 1976") within MENTION_WORDS words before it in the same
-- clause. It is dated as written (ex.mention) but the anchoring does not move the
-- story to it.
local MENTION_WORDS = 3
function M.mark_mentions(self, text, base, out, first)
  local cues = words.context_sets(self.data).mention_cues
  if not next(cues) then return end
  for i = math.max(first, 1), #out do
    local ex = out[i]
    if ex.type == "DATE" and not ex.rel then
      local s = ex.start - base + 1
      local before = text:sub(math.max(1, s - 80), s - 1)
      -- the words after the last clause break; anchored at the start, the pattern is
      -- tried once (a suffix pattern would be tried at every byte, each to the end)
      before = (before:match "^.*[%.;:!%?,%(%)\n](.*)$" or before):lower()
      local list, n = {}, 0
      for w in before:gmatch "[%a\128-\255'’%-]+" do n = n + 1; list[n] = w end
      for k = math.max(1, n - MENTION_WORDS + 1), n do
        if cues[list[k]] then ex.mention = true break end
      end
    end
  end
end

-- A range carries its year backwards: in "from May 15 to August 16, 1988" the first
-- date, written without a year, takes the second's (rel.range_end, read by the
-- anchoring). The words between the two ends come from the profile (`range_words`).
function M.link_ranges(self, text, base, out, first)
  local joins = self.range_join
  if joins == nil then
    local alts = {}
    for _, w in ipairs(self.data.range_words or {}) do alts[#alts + 1] = patterns.ci(w) * patterns.B end
    joins = #alts > 0 and (patterns.ws ^ -1 * (patterns.dash + any_of(alts)) * patterns.ws ^ -1 * P(-1)) or false
    self.range_join = joins
  end
  if not joins then return end
  for i = math.max(first, 1), #out - 1 do
    local a, b = out[i], out[i + 1]
    if a.rel and a.rel.kind == "year_of" and a.rel.t and a.rel.t.m and b.type == "DATE" and not b.rel
       and b.start - a["end"] <= 12 and b.value:match "^B?C?%d%d%d%d%-%d%d" then
      local between = text:sub(a["end"] - base + 1, b.start - base)
      if lpeg.match(joins, between) then a.rel.range_end = b.value end
    end
  end
end

-- extract(text, { base = 0, spans = nil }) -> array of expressions in text order
function M.extract(self, text, opts)
  opts = opts or {}
  local base = opts.base or 0
  if not self.scan then M.compile(self) end
  local out = {}
  if opts.spans then
    for _, sp in ipairs(opts.spans) do
      local a, b = sp.start - base + 1, sp["end"] - base
      if a < 1 then a = 1 end
      if b > #text then b = #text end
      if b >= a then collect(self, text, a, b, base, out) end
    end
    table.sort(out, function(x, y) return x.start < y.start end)
  else
    collect(self, text, 1, #text, base, out)
  end
  return out
end

return M
