-- clio.timex: English temporal expressions (TIMEX2/TIMEX3 style) with LPeg.
--
--   local timex  = require "clio.timex"
--   local tagger = timex.new{ data = {...}, rules = {...} }
--   local exprs  = tagger:extract(text, { base = 0, spans = nil })
--   tagger:anchor(exprs, { reference_time = nil })   -- narrative mode when nil
--
-- How it works (see docs/timeline.md):
--  * data/temporal/en.lua holds the words (months, ordinals, units ...); it is
--    turned into LPeg sub-patterns, exposed as tagger.p (and timex.patterns for
--    the default tagger), so user rules reuse them.
--  * A rule is { name, pattern, normalize }.  Each pattern yields a table of
--    named captures (Cg(..., "y"), "m", "d", ...); normalize turns that table
--    into { type, value, mod, rel }.  Rules are tried in order at each word
--    start; the first that matches and whose normalize accepts wins, so longer,
--    more specific rules come first.
--  * One LPeg scan walks the text word by word: a failed word is skipped whole,
--    so matching is attempted only at word starts, and every sub-pattern is
--    bounded (no unbounded repetition inside a rule), so hostile input stays
--    linear.
--  * extract() leaves relative expressions with `rel` (what is missing);
--    anchor() fills them from the most recent compatible date before them.

local lpeg = require "lpeg"
local P, R, S, C, Cc, Cg, Ct, Cp, Cmt =
  lpeg.P, lpeg.R, lpeg.S, lpeg.C, lpeg.Cc, lpeg.Cg, lpeg.Ct, lpeg.Cp, lpeg.Cmt

local M = {}

---------------------------------------------------------------------------
-- data loading

local function script_dir()
  local ok, info = pcall(function() return debug.getinfo(1, "S").source end)
  if ok and type(info) == "string" and info:sub(1, 1) == "@" then
    return info:sub(2):match("^(.*)[/\\]") or "."
  end
end

-- The bundled data sits at <repo>/data/temporal/en.lua, two levels above lua/clio/.
local function load_bundled(lang)
  lang = lang or "en"
  local tried = {}
  local cands = {}
  local dir = script_dir()
  if dir then cands[#cands + 1] = dir .. "/../../data/temporal/" .. lang .. ".lua" end
  for templ in (package.path or ""):gmatch("[^;]+") do
    local root = templ:match("^(.-)lua[/\\]%?%.lua$")
    if root then cands[#cands + 1] = root .. "data/temporal/" .. lang .. ".lua" end
  end
  cands[#cands + 1] = "data/temporal/" .. lang .. ".lua"
  for _, path in ipairs(cands) do
    local chunk = loadfile(path, "t", {})
    if chunk then return chunk() end
    tried[#tried + 1] = path
  end
  error("clio.timex: cannot find temporal data, tried: " .. table.concat(tried, ", "))
end

-- merge user data over the defaults: tables key by key, scalars replaced
local function merge(base, over)
  local out = {}
  for k, v in pairs(base) do
    if type(v) == "table" then
      local t = {}
      for k2, v2 in pairs(v) do t[k2] = v2 end
      out[k] = t
    else
      out[k] = v
    end
  end
  for k, v in pairs(over or {}) do
    if type(v) == "table" and type(out[k]) == "table" then
      for k2, v2 in pairs(v) do out[k][k2] = v2 end
    else
      out[k] = v
    end
  end
  return out
end

---------------------------------------------------------------------------
-- pattern helpers

local digit = R "09"
local upper, lower = R "AZ", R "az"
-- UTF-8 continuation and lead bytes count as word characters: "1920’s" is one word
local wchar = R("az", "AZ", "09", "\128\255")
local B = -wchar                                  -- word boundary (lookahead)
local hs = S " \t" + P "\194\160"                 -- horizontal space incl. NBSP
-- between words: spaces, or one line break (text wrapped inside a paragraph)
local ws = hs ^ 1 * (P "\r" ^ -1 * P "\n" * hs ^ 0) ^ -1 + P "\r" ^ -1 * P "\n" * hs ^ 0
local dash = S "-–—" + P "\226\128\147" + P "\226\128\148" -- -, en dash, em dash
local apos = P "'" + P "\226\128\153"             -- ' and ’

-- case-insensitive literal; a space in the key matches any word gap
local function ci(word)
  local p = P(true)
  for ch in word:gmatch "." do
    if ch == " " then
      p = p * ws
    else
      local l, u = ch:lower(), ch:upper()
      p = p * (l == u and P(ch) or S(l .. u))
    end
  end
  return p
end

-- Capitalized only ("May", "MAY", not "may")
local function cap(word)
  local first = word:sub(1, 1)
  return P(first:upper()) * ci(word:sub(2))
end

local function bounded(key, p)
  if key:match "[%a]$" then return p * B end
  return p
end

-- A choice over the keys of `tbl`, longest first, each capturing its value.
-- `filter(key)` may return false to skip a key, or "cap" to require a capital.
--
-- The choice is built as a trie (one branch per first letter, then per next
-- letter ...): LPeg dispatches a branch on one character test, so a word is
-- rejected after a byte or two instead of being compared with every key.
-- any_of{p1, p2, ...} -> p1 + p2 + ... built as a balanced tree: LPeg copies both
-- operands into each new pattern, so a choice grown one by one costs quadratic memory
-- (hundreds of MB of garbage for the bundled grammar); the tree costs n log n.
-- Ordered choice is associative, so the result matches the same.
local function any_of(list, i, j)
  i, j = i or 1, j or #list
  if j < i then return P(false) end
  if i == j then return list[i] end
  local mid = (i + j) // 2
  return any_of(list, i, mid) + any_of(list, mid + 1, j)
end

local function charpat(ch, upper_only)
  if ch == " " then return ws end
  local l, u = ch:lower(), ch:upper()
  if l == u then return P(ch) end
  if upper_only then return P(u) end
  return S(l .. u)
end

local function trie(entries, depth, cap_first)
  local term
  local groups, order = {}, {}
  for _, en in ipairs(entries) do
    if #en.key == depth then
      term = term or en
    else
      local ch = en.key:sub(depth + 1, depth + 1):lower()
      if not groups[ch] then groups[ch] = {}; order[#order + 1] = ch end
      table.insert(groups[ch], en)
    end
  end
  table.sort(order)
  local branches = {}
  for _, ch in ipairs(order) do
    branches[#branches + 1] = charpat(ch, cap_first and depth == 0) * trie(groups[ch], depth + 1, cap_first)
  end
  if term then
    local t = bounded(term.key, P(true))
    if term.value ~= nil then t = t * Cc(term.value) end
    branches[#branches + 1] = t
  end
  return any_of(branches)
end

local function words(tbl, filter)
  local plain, capd = {}, {}
  for k, v in pairs(tbl) do
    local f = filter and filter(k)
    if v ~= nil and f ~= false then
      table.insert(f == "cap" and capd or plain, { key = k:lower(), value = v })
    end
  end
  return trie(plain, 0, false) + trie(capd, 0, true)
end

local function set_of(list) local t = {} for _, k in ipairs(list) do t[k] = true end return t end
local function kw(list) -- plain keywords (no value)
  local t = {}
  for _, k in ipairs(list) do t[k] = true end
  return words(t) / 0
end

---------------------------------------------------------------------------
-- value arithmetic: astronomical years (1 BC = 0), proleptic Gregorian

local function days_from_civil(y, m, d)
  y = (m <= 2) and y - 1 or y
  local era = (y >= 0 and y or y - 399) // 400
  local yoe = y - era * 400
  local mp = (m + 9) % 12
  local doy = (153 * mp + 2) // 5 + d - 1
  local doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
  return era * 146097 + doe - 719468
end

local function civil_from_days(z)
  z = z + 719468
  local era = (z >= 0 and z or z - 146096) // 146097
  local doe = z - era * 146097
  local yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
  local y = yoe + era * 400
  local doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
  local mp = (5 * doy + 2) // 153
  local d = doy - (153 * mp + 2) // 5 + 1
  local m = mp < 10 and mp + 3 or mp - 9
  return (m <= 2) and y + 1 or y, m, d
end
M.days_from_civil, M.civil_from_days = days_from_civil, civil_from_days

local function year_str(ay)
  if ay <= 0 then return string.format("BC%04d", 1 - ay) end
  return string.format("%04d", ay)
end

-- format a date table { ay, m, d, season, half, dpart, hh, mm, week }
local function fmt_date(t)
  local s = t.ay and year_str(t.ay) or "XXXX"
  if t.season then return s .. "-" .. t.season end
  if t.half then return s .. "-" .. t.half end
  if t.week then return s .. string.format("-W%02d", t.week) end
  if t.m then
    s = s .. string.format("-%02d", t.m)
  elseif t.d or t.dpart or t.hh then
    s = s .. "-XX"
  else
    return s
  end
  if t.d then
    s = s .. string.format("-%02d", t.d)
  elseif t.dpart or t.hh then
    s = s .. "-XX"
  end
  if t.hh then
    s = s .. string.format("T%02d:%02d", t.hh, t.mm or 0)
  elseif t.dpart then
    s = s .. "T" .. t.dpart
  end
  return s
end
M.format_date = fmt_date

-- parse a value back into a date table (nil for durations, refs, ...)
local function parse_date(v)
  if type(v) ~= "string" then return nil end
  local bc, y, rest = v:match "^(B?C?)(%d%d%d%d)(.*)$"
  if not y then return nil end
  local t = { ay = tonumber(y) }
  if bc == "BC" then t.ay = 1 - t.ay elseif bc ~= "" then return nil end
  local m, rest2 = rest:match "^%-(%d%d)(.*)$"
  if m then
    t.m = tonumber(m)
    local d = rest2:match "^%-(%d%d)"
    if d then t.d = tonumber(d) end
  else
    local sea = rest:match "^%-(%u%u)$"
    if sea then t.season = sea end
    local half = rest:match "^%-(H%d)$"
    if half then t.half = half; t.season = nil end
  end
  return t
end
M.parse_date = parse_date

local function add_units(t, unit, n)
  local r = { ay = t.ay, m = t.m, d = t.d }
  if unit == "Y" then
    r.ay = r.ay + n
  elseif unit == "DE" then
    r.ay = r.ay + 10 * n
  elseif unit == "CE" then
    r.ay = r.ay + 100 * n
  elseif unit == "M" then
    if not r.m then return nil end
    local k = r.ay * 12 + (r.m - 1) + n
    r.ay, r.m = k // 12, k % 12 + 1
    if r.d then r.d = math.min(r.d, 28) end
  elseif unit == "W" or unit == "D" then
    if not (r.m and r.d) then return nil end
    local z = days_from_civil(r.ay, r.m, r.d) + (unit == "W" and 7 or 1) * n
    r.ay, r.m, r.d = civil_from_days(z)
  else
    return nil
  end
  return r
end
M.add_units = add_units

---------------------------------------------------------------------------
-- sub-patterns built from the data

local function num_or_x(s) return tonumber(s) or s end

local function build_patterns(D)
  local p = { ws = ws, B = B, wchar = wchar, dash = dash, apos = apos, ci = ci, cap = cap,
              words = words, digit = digit }
  local amb = D.ambiguous_months or {}
  p.month_word = words(D.months, function(k) if amb[k] then return "cap" end end)
  p.month = Cg(p.month_word, "m")
  p.season_word = words(D.seasons, function(k)
    if (D.ambiguous_seasons or {})[k] then return false end
  end)
  p.season_any = Cg(words(D.seasons), "season")
  p.season = Cg(p.season_word, "season")
  -- after "the", an ambiguous season is one unless "of" follows: "the fall of Paris" is
  -- its capture ("the fall of 1944", with a year, is read before this)
  local amb_season = words(D.seasons, function(k)
    if not (D.ambiguous_seasons or {})[k] then return false end
  end)
  p.season_after_the = Cg(p.season_word + amb_season * -(ws * ci "of" * B), "season")
  p.weekday_word = words(D.weekdays)
  p.weekday = Cg(p.weekday_word, "wd")
  p.dpart = Cg(words(D.dayparts), "dpart")
  p.ordinal_word = words(D.ordinals)
  p.the = ci "the" * ws
  p.of = ws * ci "of" * ws
  p.comma = P "," ^ -1 * ws

  -- numbers
  local unitw = words(D.units_words)
  local tensw = words(D.tens_words)
  p.number_word = tensw * (P "-" + ws) * unitw / function(a, b) return a + b end
                + tensw + unitw
  local digits = (digit * digit ^ -2 * ("," * digit * digit * digit) ^ -2 + digit ^ 1 * 0)
  local int = C(digit * digit ^ -2 * ("," * digit * digit * digit) ^ -3 + digit * digit ^ -5) / function(s)
    return tonumber((s:gsub(",", "")))
  end
  p.int = int * B
  local frac = C(digit ^ 1 * "." * digit ^ 1) / tonumber * B
  p.number = frac + p.int + (p.number_word * (ws * words(D.big_words)) ^ -1 / function(a, b) return b and a * b or a end)
           + words(D.big_words)
  p.article = (ci "an" + ci "a") * B * Cc(1)
  p.vague = words(D.vague_quantities)
  -- "two and a half", "two and half"
  local and_half = ws * ci "and" * ws * (ci "a" * ws) ^ -1 * ci "half" * B * Cc(0.5)
  p.quantity = (p.number * and_half ^ -1 / function(a, b) return a + (b or 0) end)
             + p.vague + (p.article * (ws * words(D.big_words)) ^ -1 / function(a, b) return b or a end)

  -- day of month: 1..31 with optional ordinal suffix
  local d2 = (P "3" * R "01" + R "12" * digit + P "0" * R "19" + R "19") * -digit
  local ordsuf = (ci "st" + ci "nd" + ci "rd" + ci "th") * B
  p.d2, p.ordsuf = d2, ordsuf
  p.day = Cg(C(d2) / tonumber, "d") * (ordsuf + B)
  p.day_ordinal_word = Cg(p.ordinal_word, "d")
  -- years: four digits (range checked by the rules), not part of a longer number
  p.year4 = C(digit * digit * digit * digit) / tonumber * -digit * -(P "," * digit) * -(P "." * digit)
  p.year = Cg(p.year4, "y") * B
  p.era = Cg(words(D.eras), "bc")
  p.bc_year = Cg(C(digit * digit ^ -3) / tonumber, "y") * -(P "," * digit) * B
  p.ordinal = (C(digit * digit ^ -1) / tonumber * ordsuf) + p.ordinal_word
  p.unit = Cg(words(D.units), "unit")
  p.part_adj = Cg(words({ early = "START", late = "END", mid = "MID" }), "mod")
  p.part_noun = Cg(words(D.part_words), "mod")
  p.halves = words(D.halves)
  p.approx = Cg(words(D.approx_words), "amod")
  p.decade_word = Cg(words(D.decade_words), "decword")
  -- what follows the digits of a number that starts a bundled rule other than
  -- year3: four digits (a year), a time, a decade, an ordinal, a range, an era,
  -- or a word gap and a month, a unit, "and (a half)", "of", a range of days ("15 to
  -- 22 February").  Most numbers in running text ("3 trials", "$100") fail it at once.
  local num = digit ^ 1 * ("," * digit * digit * digit) ^ 0
  p.digit_lead = digit * digit * digit * digit + num * (ordsuf + apos ^ -1 * S "sS" + S ":." * digit
    + ws ^ -1 * (dash + ci "a.m" + ci "am" + ci "p.m" + ci "pm" + words(D.eras) / 0)
    + ws * (p.month_word / 0 + words(D.units) / 0 + ci "and" * B + ci "of" * B
            -- only a whole range passes: "to" follows many a number in running text
            + (ci "to" + ci "through" + ci "until" + ci "till") * B * ws * digit * digit ^ -1
              * ordsuf ^ -1 * ws * p.month_word / 0))
  p.holiday = Cg(words(D.holidays), "hol")
  return p
end

---------------------------------------------------------------------------
-- the bundled rules

-- Where a phrase after "of" / "after" / "before" / "following" ends.  The
-- pattern took up to 8 words up to punctuation; TIMEX2 annotators take the
-- noun phrase ("two months of fierce battles") or, after "after"/"before", the
-- subordinate clause ("three weeks after the siege of Boston began"), but not
-- the main clause that follows a fronted phrase without a comma ("Within days of
-- his assassination | people were being interrogated", "Decades after his death |
-- his legacy ...").  Word classes, no tagger: a new determiner or a capitalized
-- name right after a noun starts a new clause; so do "then", "which", "still" ...;
-- a verb (an auxiliary, a common irregular past, "-ed" after a noun) ends an
-- "of" phrase, taking its subject noun with it ("... the Soviet Union | Stalin
-- turned"); after "after"/"before" one verb belongs to the phrase, a second
-- does not.
local CL_DET = set_of { "the", "a", "an", "this", "that", "these", "those", "his", "her", "its",
  "their", "our", "my", "your" }
local CL_PREP = set_of { "of", "in", "from", "on", "at", "to", "with", "into", "over", "against", "by",
  "for", "near", "across", "since", "between", "through", "during", "under", "along", "toward",
  "towards", "upon", "within", "without", "onto", "around", "behind", "beyond", "amid", "among",
  "until", "throughout", "outside", "inside", "off" }
local CL_STOP = set_of { "then", "there", "when", "which", "who", "whom", "where", "while", "whereupon",
  "so", "because", "although", "though", "as", "but", "thus", "however", "yet", "not", "also",
  "still", "already", "never", "soon", "finally", "eventually", "instead", "again", "even" }
local CL_PRON = set_of { "he", "she", "they", "it", "we", "i", "you" }
local CL_VERB = set_of { "was", "were", "is", "are", "be", "been", "being", "had", "has", "have",
  "did", "does", "do", "would", "could", "will", "shall", "should", "can", "may", "might", "must",
  "began", "became", "came", "went", "took", "saw", "made", "gave", "told", "fell", "won", "lost",
  "led", "held", "broke", "ran", "rose", "struck", "fought", "sent", "brought", "met", "found",
  "knew", "thought", "said", "got", "continues", "continued", "remains", "remained", "seems" }
local function adj_like(w)
  local l = w:lower()
  for _, suf in ipairs { "ed", "ing", "al", "ic", "ous", "ive", "ful", "ary", "less", "ern", "ish" } do
    if #l > #suf + 2 and l:sub(-#suf) == suf then return true end
  end
  return false
end

-- wl: { s1, w1, e1, s2, w2, e2, ... } (up to 8 words); returns where the phrase
-- ends, or nil when not even its first word belongs to it.
local function trim_clause(wl, kind, D)
  local words = {}
  for i = 1, #wl, 3 do words[#words + 1] = { s = wl[i], w = wl[i + 1], e = wl[i + 2] } end
  local function is_number(w)
    local l = w:lower()
    return l:match "^%d" or D.units_words[l] or D.tens_words[l] or (D.vague_quantities or {})[l]
  end
  local function cls(w)
    local l = w:lower()
    if CL_STOP[l] then return "stop" end
    if CL_DET[l] then return "det" end
    if CL_PREP[l] then return "prep" end
    if CL_PRON[l] then return "pron" end
    if l == "and" or l == "or" then return "conj" end
    if CL_VERB[l] then return "verb" end
    return "content"
  end
  local keep, prev, verbs = 0, "start", 0
  for i, wd in ipairs(words) do
    local w = wd.w
    local c = cls(w)
    local prevw = words[i - 1] and words[i - 1].w
    if c == "content" and prev == "content" and w:match "^%l" and #w > 4 and w:sub(-2) == "ed" then
      c = "verb"
    elseif c == "content" and w:match "^%l" and #w > 5 and w:sub(-3) == "ing" then
      c = "ving"   -- a gerund takes an object: "after relieving the siege", "of pursuing Villa"
    end
    if c == "stop" then break end
    if c == "conj" then
      local nxt = words[i + 1]
      if not (prev == "content" and nxt and cls(nxt.w) == "content" and not is_number(nxt.w)) then break end
    elseif c == "pron" then
      if not (prev == "start" and kind == "sub") then break end
    elseif c == "det" then
      if prev == "content" then break end
    elseif c == "verb" then
      if kind == "of" or verbs >= 1 or (prev ~= "content" and prev ~= "pron") then
        -- the noun before the verb is its subject when it follows another noun
        if prev == "content" and i >= 3 and cls(words[i - 2].w) == "content" and not adj_like(words[i - 2].w)
           and not is_number(words[i - 1].w) then
          keep = i - 2
        elseif prev == "content" and i >= 4 and cls(words[i - 2].w) == "det" and cls(words[i - 3].w) ~= "prep" then
          keep = i - 3   -- "... began | the army moved"
        end
        break
      end
      verbs = verbs + 1
    elseif c == "ving" and prev == "content" then
      -- "-ing" after a name, before any verb: a participle of the main clause
      if verbs == 0 and prevw:match "^%u" then break end
    elseif c == "content" and prev == "content" then
      -- a name right after a lowercase noun starts the main clause ("the battle | Ludendorff told")
      if w:match "^%u" and prevw:match "^%l" then break end
    end
    keep, prev = i, c
  end
  if keep == 0 then return nil end
  return words[keep].e
end
M.trim_clause = trim_clause

local function K(kind) return Cg(Cc(kind), "k") end

local function default_rules(p, D)
  local ws, the, of, comma = p.ws, p.the, p.of, p.comma
  local d2, ordsuf = p.d2, p.ordsuf
  local opt_the = the ^ -1
  local rules = {}
  local function add(name, pat, norm) rules[#rules + 1] = { name = name, pattern = pat, normalize = norm } end

  -- part-of-period prefixes: "early", "the late", "mid-", "the end of", "the first half of"
  -- longest alternatives first: an ordered choice never comes back to try another
  local mod_prefix =
      the * p.part_noun * of
    + the * Cg(p.halves, "half") * of
    + the * ci "rest" * of
    + (ci "later" + ci "earlier") * ws * ci "in" * ws * #the
    + opt_the * p.part_adj * (P "-" + ws * (ci "in" * ws * #(ci "the" + digit + p.month_word + p.season_any)) ^ -1)
  local amod_prefix = p.approx * (ws + #P "")

  -- calendar date cores -------------------------------------------------------
  local wd_prefix = (p.weekday * (P "," ^ -1 * ws)) ^ -1
  local iso = p.year * P "-" * Cg(C(R "01" * digit) / tonumber, "m") * P "-" * Cg(C(R "03" * digit) / tonumber, "d") * B
  local dmy = opt_the * (p.day + p.day_ordinal_word) * (of + ws) * p.month * comma * p.year * (ws * p.era) ^ -1
  local mdy = p.month * ws * p.day * comma * ((ci "of" * ws) ^ -1 * p.year) * (ws * p.era) ^ -1
  local my = p.month * (of + P "," ^ -1 * ws) * p.year * (ws * p.era) ^ -1
  local myb = p.month * ws * p.bc_year * ws * p.era                   -- "August 480 BC"
  -- a number after "May 8" is a year (mdy above) or not part of the date, except a
  -- clock time ("May 8 1:00AM")
  local clock_next = ws * digit * digit ^ -1 * P ":"
  local md = p.month * ws * p.day * -(P "," * ws * digit) * (#clock_next + -(ws * digit))
  -- times of day: two digits before one, as PEG repetition does not backtrack
  -- ("(R'02')^-1 * digit" took the 1 of "1:00" and then failed on the colon)
  local hour24, hour12 = R "02" * digit + digit, R "01" * digit + digit
  local hhmm = Cg(C(hour24) / tonumber, "hh") * P ":" * Cg(C(R "05" * digit) / tonumber, "mm") * (ci "hrs" + ci "h" * B) ^ -1
  local ampm = ws ^ -1 * Cg((ci "a.m." + ci "am" * B + ci "a.m" ) * Cc "am" + (ci "p.m." + ci "pm" * B + ci "p.m") * Cc "pm", "ampm")
  local hh = Cg(C(hour12) / tonumber, "hh")
  local hhmm_dot = Cg(C(hour12) / tonumber, "hh") * "." * Cg(C(R "05" * digit) / tonumber, "mm")
  local clock = hhmm * -digit * ampm ^ -1 + hhmm_dot * ampm + hh * ampm
  -- a day followed by its clock time is one expression ("May 8 1:00AM")
  local with_clock = (ws * clock) ^ -1
  local dm = opt_the * (p.day + p.day_ordinal_word) * (of + ws) * p.month
  local of_that = of * Cg(Cc(0), "off") * ((ci "that" + ci "the") * ws * (ci "same" * ws) ^ -1) * Cg(ci "year" * Cc "Y", "unit") * B
  local of_next = of * the * Cg((ci "following" + ci "next") * Cc(1) + (ci "previous" + ci "preceding") * Cc(-1), "off") * ws * Cg(ci "year" * Cc "Y", "unit") * B
  local season_y = opt_the * p.season_any * (of + ws) * (p.year + p.bc_year * ws * p.era)
  local season_rel = opt_the * p.season_any * (of_that + of_next)
  local bcy = p.bc_year * ws ^ -1 * p.era + Cg(words(D.eras), "bc") * ws * p.bc_year
  local decdigits = C(digit * digit * digit) * "0" + C(digit * digit) * "0" + C(digit) * "0"
  local decade = opt_the * Cg(decdigits / tonumber, "decade") * (apos ^ -1 * ci "s") * B * (ws * p.era) ^ -1
  local decade2 = opt_the * apos * Cg(C(digit) / tonumber, "decword") * "0" * ci "s" * B
  local decade_w = opt_the * p.decade_word
  local century = opt_the * Cg(p.ordinal, "century") * (ws + P "-") * (ci "century" + ci "centuries") * B * (ws * p.era) ^ -1
  local year2 = apos * Cg(C(digit * digit) / tonumber, "y2") * B
  local holiday = p.holiday * (ws * p.year) ^ -1

  local core = P(false)
    + K "date" * wd_prefix * ((mdy + dmy) * with_clock + iso + myb + my)
    + K "date" * clock * P "," ^ -1 * ws * (mdy + dmy + md + dm)
    + K "date" * wd_prefix * (md + dm) * with_clock * (of_that + of_next) ^ -1
    + K "date" * (season_y + season_rel)
    + K "date" * bcy
    + K "decade" * (decade + decade2 + decade_w)
    + K "century" * century
    + K "date" * holiday
    + K "date" * p.month * (of_that + of_next) ^ -1
    + K "date" * the * (ci "years" + ci "year") * ws * p.year
    + K "year" * p.year * (ws * p.era) ^ -1
    + K "year" * year2
  -- periods that take a part prefix but are not dates on their own
  local rel_period = K "rel" * (ci "that" + ci "the") * ws * (ci "same" * ws) ^ -1 * Cg(Cc(0), "off")
                     * Cg((ci "year" * Cc "Y" + ci "month" * Cc "M" + ci "decade" * Cc "DE" + ci "century" * Cc "CE" + ci "week" * Cc "W" + ci "day" * Cc "D"), "unit") * B
  local season_bare = K "date" * (the * p.season_after_the + p.season)

  add("daypart-of-date", Ct(Cp() * Cg(Cc(true), "_") *
      opt_the * ((ci "early" + ci "late") * ws) ^ -1 * p.dpart * of * core), nil)
  add("part-of-date", Ct(Cp() * mod_prefix * (core + rel_period + season_bare)), nil)
  add("approx-date", Ct(Cp() * amod_prefix * (K "date" * (iso + mdy + dmy + my) + K "date" * bcy + K "decade" * (decade + decade2) + K "year" * p.year)), nil)
  -- ranges: the second half completes the first ("1914-17", "499-479 BC", "5-6 January 1916")
  local s1, e1 = Cg(Cp(), "s1"), Cg(Cp(), "e1")
  local rdash = ws ^ -1 * dash * ws ^ -1
  local s2 = Cg(Cp(), "s2")
  -- the lookahead is a cheap test that spares the alternatives below at most numbers
  -- between two days also a word: "from 15 to 22 February", "May 6 and 7th"; after a
  -- month, the second day must end the phrase or be an ordinal ("May 4 and 5 soldiers"
  -- is a count)
  local rword = ws * (ci "to" + ci "and" + ci "through" + ci "until" + ci "till") * ws
  local rday = rdash + rword
  local day_ends = (P ",") ^ -1 * #(ws ^ -1 * (S ",.;:)" + P(-1)))
  add("range", #(digit ^ 1 * ordsuf ^ -1 * (ws ^ -1 * dash + rword) + p.month_word * ws * digit ^ 1 * ordsuf ^ -1 * (ws ^ -1 * dash + rword)) * Ct(Cp() * K "range" * (
      s1 * Cg(p.year4, "y1") * e1 * dash * s2 * Cg(C(digit * digit) / tonumber, "yy") * B
    + s1 * Cg(C(digit * digit ^ -3) / tonumber, "y1") * e1 * rdash * s2 * p.bc_year * ws ^ -1 * Cg(words(D.eras), "bc")
    + s1 * Cg(C(d2) / tonumber, "d1") * ordsuf ^ -1 * e1 * rday * s2 * p.day * ws * p.month * (comma * p.year) ^ -1
    + p.month * ws * s1 * Cg(C(d2) / tonumber, "d1") * ordsuf ^ -1 * e1 * rdash * s2 * p.day * (comma * p.year) ^ -1
    + p.month * ws * s1 * Cg(C(d2) / tonumber, "d1") * ordsuf ^ -1 * e1 * rword * s2
      * Cg(C(d2) / tonumber, "d") * (ordsuf + B * day_ends) * (comma * p.year) ^ -1)), M.build_range)
  add("date", Ct(Cp() * core), nil)
  -- bare 1-3 digit numbers after "in"/"by"...: years only in a BC context (decided by anchor)
  add("year3", Ct(Cp() * K "year3" * Cg(C(digit * digit ^ -2) / tonumber, "y3") * B * -(S ",:." * digit) * -(ws * (p.unit + digit + ci "percent"))), nil)
  -- "the 20th", "on the 13th": a day of the month in context
  -- "the 20," ends a clause; "the 20,000 men" and "the 1.5 million" are numbers
  -- an ordinal day may also go on into the clause ("on the 20th was successful", "from
  -- the 13th to the 19th"), after a preposition that the normalization checks
  local clause_word = (ci "was" + ci "were" + ci "to" + ci "when" + ci "the" + ci "he" + ci "she"
                       + ci "they" + ci "it" + ci "at" + ci "in" + ci "as") * B
  add("day-only", Ct(Cp() * K "dayonly" * the * (p.day * #(ws ^ -1 * (S ",." * -digit + S ";:)") + ws * ci "and" * B)
      + Cg(C(d2) / tonumber, "d") * ordsuf * Cg(Cc(true), "dayord") * #(ws * clause_word))), nil)
  add("weekday", Ct(Cp() * K "weekday" * p.weekday), nil)
  add("season", Ct(Cp() * season_bare), nil)

  -- times of day --------------------------------------------------------------
  add("time", Ct(Cp() * K "time" * clock), nil)
  add("daypart", Ct(Cp() * K "rel" * Cg(Cc(0), "off") * Cg(Cc "D", "unit") *
      ((ci "that" + ci "this" + ci "the same" + ci "the next" * Cg(Cc(1), "off") + ci "the following" * Cg(Cc(1), "off")) * ws * p.dpart
       + (ci "tonight" * Cg(Cc "NI", "dpart")) * B)), nil)
  add("daypart-bare", Ct(Cp() * K "dpartbare" * ((ci "nights" + ci "night") * (P "-" * ci "time") ^ -1 * Cg(Cc "NI", "dpart")
     + ci "daytime" * Cg(Cc "DT", "dpart") + (ci "afternoons" + ci "afternoon") * Cg(Cc "AF", "dpart")
     + (ci "evenings" + ci "evening") * Cg(Cc "EV", "dpart") + (ci "mornings" + ci "morning") * Cg(Cc "MO", "dpart")) * B), nil)

  -- relative dates --------------------------------------------------------------
  local unit1 = Cg(words({ day = "D", week = "W", month = "M", year = "Y", decade = "DE", century = "CE" }), "unit")
  local next_w = Cg(words(D.rel_next), "off")
  local prev_w = Cg(words(D.rel_prev), "off")
  local same_w = Cg(Cc(0), "off") * ((ci "that" + ci "this") * (ws * ci "same") ^ -1 + the * ci "same" + ci "the very")
  -- "the next two weeks": a duration, not a date
  add("next-n-units", Ct(Cp() * K "dur" * the * (next_w + prev_w + (ci "past" + ci "last" + ci "first" + ci "final") * B) * ws *
      Cg(p.quantity, "n") * ws * p.unit), nil)
  add("past-unit", Ct(Cp() * K "dur" * Cg(Cc(1), "n") * the * (ci "past" + ci "last") * ws * p.unit), nil)
  add("rel-unit", Ct(Cp() * K "rel" * ((the + ci "this" * ws * #(ci "year" + ci "month" + ci "week" + ci "day")) ^ -1 * (next_w + prev_w) + same_w) * ws * unit1), nil)
  add("rel-season", Ct(Cp() * K "rel" * Cg(Cc "Y", "unit") * (the ^ -1 * (next_w + prev_w) + same_w) * ws * p.season_any), nil)
  add("rel-month", Ct(Cp() * K "rel" * Cg(Cc "Y", "unit") * the * (next_w + prev_w) * ws * p.month), nil)
  add("next-year", Ct(Cp() * K "rel" * (ci "next" * Cg(Cc(1), "off") + ci "last" * Cg(Cc(-1), "off") + ci "this" * Cg(Cc(0), "off")) * ws * unit1), nil)
  add("later-that", Ct(Cp() * K "rel" * Cg(Cc(0), "off") * (ci "later" + ci "earlier") * ws *
      ((ci "that" + ci "this" + ci "the same") * ws + ci "in the" * ws + ci "in" * ws * (ci "that" + ci "the same") * ws) * unit1), nil)
  add("later-in-year", Ct(Cp() * K "date" * (ci "later" + ci "earlier") * ws * ci "in" * ws * p.year), nil)
  -- a clause after "after"/"before"/"of": TIMEX2 annotators take it into the span
  -- ("three weeks after the siege of Boston began"); bounded to 8 words, stops at punctuation
  -- The pattern takes up to 8 words up to punctuation; trim_clause (below) then
  -- ends it where the phrase ends, before the next clause's subject or verb.
  local word = (wchar + (apos + P "-") * #wchar) ^ 1
  local wordlist = Ct(Cp() * C(word) * Cp() * (hs ^ 1 * Cp() * C(word) * Cp()) ^ -7)
  local function clause_of(kind)
    return Cmt(#wchar, function(subject, pos)
      local wl = lpeg.match(wordlist, subject, pos)
      return wl and trim_clause(wl, kind, D) or false
    end)
  end
  local clause = clause_of "sub"
  local laterw = Cg(words(D.later_words), "dir")
  local earlierw = Cg(words(D.earlier_words), "dir")
  -- "the day after ...": a singular unit without a number counts one
  local one_unit = #words { day = 1, week = 1, month = 1, year = 1, decade = 1, century = 1 } * Cg(Cc(1), "n")
  local not_date = -(p.month_word + digit + ci "that" * B + ci "then" * B)
  add("n-units-later", Ct(Cp() * K "offset" * (p.approx * ws) ^ -1 * (Cg(p.quantity, "n") * ws + the ^ -1 * one_unit ^ -1) * p.unit * ws *
      (Cg(ci "after" * Cc(1) + ci "before" * Cc(-1), "dir") * hs ^ 1 * not_date * Cg(Cc(true), "event") * clause
       + Cg(ci "following" * Cc(1), "dir") * hs ^ 1 * not_date * Cg(Cc(true), "event") * clause_of "of"
       + laterw + earlierw)), nil)
  add("ref-today", Ct(Cp() * K "ref" * Cg(words(D.refs), "ref")), nil)
  add("time-ref", Ct(Cp() * K "vague" * ((ci "this" + ci "that" + ci "the same") * ws * (ci "time" + ci "period") + ci "the time") * B), nil)
  add("to-date", Ct(Cp() * K "todate" * ci "date" * B), nil)
  add("short-time", Ct(Cp() * K "vague" * (ci "a" * ws * (ci "very" * ws) ^ -1 * (ci "short" + ci "long" + ci "brief") * ws * (ci "time" + ci "period" + ci "while")
      + ci "some time" + ci "shortly" * ws * (ci "afterwards" + ci "afterward" + ci "thereafter")
      -- "soon after" introduces an event ("soon after the battle"), which is no date
      + ci "moments later" + ci "soon afterward" * P "s" ^ -1) * B), nil)
  add("set", Ct(Cp() * K "set" * (Cg(words(D.sets), "set") + (ci "every" + ci "each" + ci "per") * ws * (Cg(p.quantity, "n") * ws) ^ -1 * p.unit)), nil)

  -- durations -----------------------------------------------------------------
  local age = (ws * (ci "old" + ci "of age") * B) ^ -1
  add("duration-adj", Ct(Cp() * K "dur" * Cg(p.quantity, "n") * P "-" * p.unit * -(ws * ci "plan") *
      (P "-" * ci "long") ^ -1), nil)
  -- "month-long" is one month, "months-long" some
  add("unit-long", Ct(Cp() * K "dur" * (one_unit + Cg(Cc "X", "n")) * p.unit * P "-" * ci "long" * B), nil)
  local of_clause = (ws * ci "of" * hs ^ 1 * -(digit + p.month_word + ci "age" * B + ci "the year" + ci "time" * B) * clause_of "of") ^ -1
  local nolong = -(P "-" * ci "long")
  -- after a number (not "a", which starts half the noun phrases in a text) one
  -- adjective may stand before the unit ("two bloody weeks", "three more days"), not a
  -- function word ("two or three weeks")
  local function_word = (ci "or" + ci "and" + ci "to" + ci "of" + ci "the" + ci "a" + ci "an" + ci "in"
                         + ci "at" + ci "by" + ci "for" + ci "from" + ci "with" + ci "per" + ci "than") * B
  local adjective = -function_word * -p.unit * R "az" * R "az" ^ 1 * B * ws
  local counted = Cg(p.quantity, "n") * ws * p.unit + Cg(p.number, "n") * ws * adjective * p.unit
  add("duration", Ct(Cp() * K "dur" * (p.approx * ws) ^ -1 * counted * nolong * -(ws * ci "plan") * (ws * (ci "old" + ci "of age") * B + of_clause)), nil)
  local plural_unit = Cg(words { days = "D", weeks = "W", months = "M", years = "Y", decades = "DE", centuries = "CE", hours = "H", minutes = "MIN" }, "unit")
  add("duration-bare", Ct(Cp() * K "dur" * Cg(Cc "X", "n") * plural_unit * nolong * of_clause), nil)
  return rules
end

---------------------------------------------------------------------------
-- normalization: capture table -> expression

local function centuryword_value(n, bc)
  if bc then return string.format("BC%02d", n - 1) end
  return string.format("%02d", n - 1)
end

-- words that make a bare four-digit number a count, not a year
local COUNT_AFTER = set_of { "men", "troops", "soldiers", "people", "casualties", "ships", "killed",
  "dead", "wounded", "prisoners", "tanks", "aircraft", "planes", "guns", "miles", "km",
  "kilometres", "kilometers", "metres", "meters", "feet", "square", "tons", "tonnes", "of",
  "per", "percent", "civilians", "died", "strong", "more", "others", "were", "horses",
  "cavalry", "infantry", "warriors", "hoplites", "marines", "sailors", "vehicles", "victims",
  "refugees", "deaths", "workers", "members", "persons", "families", "children", "women",
  "officers", "rifles", "villages", "houses", "acres", "hectares", "dollars", "pounds",
  "francs", "rubles", "roubles", "votes", "delegates", "students", "inhabitants" }
local YEAR_BEFORE = set_of { "in", "of", "since", "by", "until", "till", "from", "to", "after",
  "before", "during", "early", "late", "mid", "and", "or", "between", "spring", "summer",
  "autumn", "winter", "fall", "around", "circa", "c.", "year", "years", "through", "the" }

-- words that label a number as a name, not a year ("Resolution 1483", "Article 1400")
local NUMBER_LABEL = set_of { "page", "p.", "pp.", "vol.", "volume", "no.", "number", "resolution",
  "article", "art.", "section", "sec.", "chapter", "ch.", "chap.", "paragraph", "para.",
  "flight", "route", "highway" }

local function prev_word(text, s)
  local chunk = text:sub(math.max(1, s - 24), s - 1)
  return (chunk:match "([%a%.]+)[%s%p]*$" or ""):lower()
end

-- "the 20th" running on into its clause is a day only after these
local DAY_BEFORE = set_of { "on", "from", "until", "till", "by", "since", "after", "before", "to" }

-- bare 1-3 digit numbers are BC years only after these words
local YEAR3_BEFORE = set_of { "in", "by", "until", "till", "since", "from", "after", "before",
  "of", "around", "circa", "c.", "ca.", "during", "and", "to" }
local YEAR3_AFTER = set_of { "and", "to", "when", "the", "a", "an", "he", "she", "they", "it", "with",
  "was", "saw", "at", "after", "before", "on", "in", "as", "until", "or" }

-- "March"/"May" alone are also words: kept after a preposition ("in March");
-- dropped after "the"/"a"/a capitalized word ("the Long March", "Women's March")
-- or before "to"/"on"/"of"/a capitalized word ("March to the Sea")
local MONTH_PREP = set_of { "in", "by", "until", "till", "since", "from", "after", "before", "on",
  "during", "early", "late", "mid", "of", "to", "and", "or", "between", "through", "that", "last", "next", "this" }
local function ambiguous_month_ok(ctx)
  local w = ctx.text:sub(ctx.s, ctx.e - 1):match "(%a+)$"
  if not w or not (w == "March" or w == "May") then return true end
  local before = ctx.text:sub(math.max(1, ctx.e - #w - 30), ctx.e - #w - 1)
  local prev = before:match "([%w’'%-]+)[ \t]+$"
  if prev and MONTH_PREP[prev:lower()] then return true end
  if prev and (prev:match "^%u" or prev:match "['’]s$" or prev == "the" or prev == "a" or prev == "his" or prev == "their") then
    return false
  end
  local nxt = ctx.text:match("^[ \t]+([%w]+)", ctx.e)
  if nxt and (nxt == "to" or nxt == "on" or nxt == "of" or nxt:match "^%u") then return false end
  return true
end

local function is_year_context(text, s, e, y, D)
  if y < (D.year_min or 1000) or y > (D.year_max or 2099) then return false end
  local before = text:sub(math.max(1, s - 2), s - 1)
  if before:match "[%d%$£€]$" or before:match "%d[,.]$" or before:match "[#№]$" then return false end
  local pw = prev_word(text, s)
  if NUMBER_LABEL[pw] then return false end
  if YEAR_BEFORE[pw] then return true end
  local nw = text:match("^[ \t]+(%a+)", e)
  if nw and COUNT_AFTER[nw:lower()] and nw:match "^%l" then return false end
  return true
end

local function build_default(c, ctx)
  local k = c.k
  local D = ctx.data
  local e = { type = "DATE" }
  if c.mod then e.mod = c.mod end
  if c.amod then e.mod = c.amod end
  if c.half then
    if c.half == "START" or c.half == "END" then e.mod = c.half else c.halfsuf = c.half end
  end
  if k == "ref" then
    e.value = c.ref
    return e
  elseif k == "vague" then
    e.value = "PRESENT_REF"
    e.rel = { kind = "vague" }
    return e
  elseif k == "set" then
    e.type = "SET"
    if c.set then e.value = c.set
    else
      local n = c.n or 1
      if c.unit == "H" or c.unit == "MIN" then
        e.value = "PT" .. n .. (c.unit == "MIN" and "M" or "H")
      else
        e.value = "P" .. n .. c.unit
      end
    end
    return e
  elseif k == "dur" then
    e.type = "DURATION"
    local n = c.n or 1
    if type(n) == "number" and n == math.floor(n) then n = string.format("%d", n) end
    local unit = c.unit
    if unit == "2W" then unit = "W"; n = tonumber(n) and tostring(2 * tonumber(n)) or n end
    if unit == "H" or unit == "MIN" then
      e.value = "PT" .. n .. (unit == "MIN" and "M" or "H")
    else
      e.value = "P" .. n .. unit
    end
    return e
  elseif k == "offset" then
    local n = c.n or "X"
    local unit = c.unit
    if unit == "2W" then unit = "W"; n = tonumber(n) and 2 * n or n end
    local dir = c.dir or 1
    if (n == "X" or type(n) ~= "number") and c.event then
      -- "decades after his death": measured from an event we cannot date
      e.type, e.value = "DURATION", "PX" .. unit
      return e
    end
    if n == "X" or type(n) ~= "number" or n ~= math.floor(n) then
      e.value = dir < 0 and "PAST_REF" or "FUTURE_REF"
      return e
    end
    e.rel = { kind = "offset", unit = unit, n = n * dir }
    e.value = (unit == "D" or unit == "W") and "XXXX-XX-XX" or unit == "M" and "XXXX-XX" or "XXXX"
    return e
  elseif k == "rel" then
    local unit = c.unit
    e.value = (unit == "D" or unit == "W") and "XXXX-XX-XX" or unit == "M" and "XXXX-XX" or "XXXX"
    e.rel = { kind = "offset", unit = unit, n = c.off or 0, season = c.season, m = c.m,
              dpart = c.dpart }
    if c.m and unit == "Y" then
      -- "the previous April": the month in the year before/after
      e.rel = { kind = "month", m = c.m, n = c.off }
    end
    return e
  elseif k == "year3" then
    -- a bare number after a preposition; anchor() keeps it only in a BC context
    local pw = prev_word(ctx.text, ctx.s)
    if not YEAR3_BEFORE[pw] then return nil end
    local nw = ctx.text:match("^[ \t]+(%a+)", ctx.e)
    if nw and nw:match "^%l" and not YEAR3_AFTER[nw] then return nil end
    e.rel = { kind = "year3", y = c.y3 }
    e.value = "XXXX"
    return e
  elseif k == "dayonly" then
    if c.dayord and not DAY_BEFORE[prev_word(ctx.text, ctx.s)] then return nil end
    e.rel = { kind = "dayonly", d = c.d }
    e.value = "XXXX-XX-XX"
    return e
  elseif k == "weekday" then
    e.rel = { kind = "weekday", wd = c.wd }
    e.value = "XXXX-WXX-" .. c.wd
    return e
  elseif k == "todate" then
    if prev_word(ctx.text, ctx.s) ~= "to" then return nil end
    e.value = "PRESENT_REF"
    return e
  elseif k == "dpartbare" then
    e.type = "TIME"
    e.value = "XXXX-XX-XXT" .. c.dpart
    return e
  elseif k == "time" then
    e.type = "TIME"
    local hh = c.hh
    if hh > 24 then return nil end
    if c.ampm == "pm" and hh < 12 then hh = hh + 12 end
    if c.ampm == "am" and hh == 12 then hh = 0 end
    e.rel = { kind = "time", hh = hh, mm = c.mm or 0 }
    e.value = fmt_date { hh = hh, mm = c.mm or 0 }
    return e
  elseif k == "century" then
    local n = c.century
    if not n or n < 1 or n > 30 then return nil end
    e.value = centuryword_value(n, c.bc)
    return e
  elseif k == "decade" then
    if c.decade then
      if c.bc then
        e.value = string.format("BC%03d", c.decade)
      elseif c.decade < 100 then
        return nil        -- "the 70s" is a temperature or an age more often than a decade
      else
        e.value = string.format("%03dX", c.decade)
      end
    else
      e.rel = { kind = "decade", dec = c.decword }
      e.value = string.format("XX%dX", c.decword)
    end
    return e
  end
  -- dates
  if c.m and not c.y and not c.d and not ambiguous_month_ok(ctx) then return nil end
  local t = { m = c.m, d = c.d, season = c.season, half = c.halfsuf, dpart = c.dpart }
  if c.hol ~= nil then
    if c.hol == false then e.value = "XXXX-XX-XX"; return e end
    local hm, hd = c.hol:match "(%d%d)%-(%d%d)"
    t.m, t.d = tonumber(hm), tonumber(hd)
  end
  if t.m and t.d then
    local maxd = ({ 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 })[t.m]
    if t.d > maxd then return nil end
  end
  if c.hh and t.d then -- a day with its clock time
    local hh = c.hh
    if hh > 24 then return nil end
    if c.ampm == "pm" and hh < 12 then hh = hh + 12 end
    if c.ampm == "am" and hh == 12 then hh = 0 end
    t.hh, t.mm, e.type = hh, c.mm or 0, "TIME"
  end
  if c.y then
    if c.bc == true then
      if c.y < 1 then return nil end
      t.ay = 1 - c.y
    else
      if c.bc == nil and k == "year" and not is_year_context(ctx.text, ctx.s, ctx.e, c.y, D) then
        return nil
      end
      if c.bc == nil and (c.y < 100) and not t.m then return nil end
      t.ay = c.y
    end
    e.value = fmt_date(t)
    return e
  elseif c.y2 then
    e.rel = { kind = "year2", y2 = c.y2, t = t }
    e.value = fmt_date(t)
    return e
  elseif c.off then
    e.rel = { kind = "offset", unit = c.unit or "Y", n = c.off, t = t }
    e.value = fmt_date(t)
    return e
  elseif t.m or t.season or c.wd or t.dpart then
    e.rel = { kind = "year_of", t = t }
    e.value = fmt_date(t)
    return e
  end
  return nil
end
M.build = build_default

-- ranges: build the second half as usual, then the first from it
function M.build_range(c, ctx)
  local second = {}
  for k2, v in pairs(c) do second[k2] = v end
  second.k = (c.y or c.yy) and not c.m and "year" or "date"
  if c.yy then
    if c.yy <= c.y1 % 100 then return nil end
    second.y = c.y1 - c.y1 % 100 + c.yy
    second.k = "date"
  end
  local first = { k = "date", m = c.m, y = c.y, bc = c.bc, d = c.d1 }
  if c.y1 then first = { k = c.bc and "date" or "year", y = c.y1, bc = c.bc } end
  local save_s, save_e = ctx.s, ctx.e
  ctx.s, ctx.e = c.s1, c.e1
  local e1 = build_default(first, ctx)
  ctx.s, ctx.e = c.s2, save_e
  local e2 = build_default(second, ctx)
  ctx.s, ctx.e = save_s, save_e
  if not (e1 and e2) then return nil end
  e1.s, e1.e, e2.s, e2.e = c.s1, c.e1, c.s2, save_e
  return { parts = { e1, e2 } }
end

---------------------------------------------------------------------------
-- tagger

local Tagger = {}
Tagger.__index = Tagger

function M.new(opts)
  opts = opts or {}
  local D = merge(M.bundled_data(), opts.data)
  local self = setmetatable({ data = D }, Tagger)
  self.p = build_patterns(D)
  self.rules = default_rules(self.p, D)
  for _, r in ipairs(opts.rules or {}) do self:add_rule(r) end
  self:compile()
  return self
end

local bundled
function M.bundled_data()
  bundled = bundled or load_bundled("en")
  return bundled
end

-- add_rule{ name = "...", pattern = <LPeg pattern or function(p) -> pattern>,
--           normalize = function(caps, ctx) -> { type=, value=, mod=, rel= } | nil,
--           before = "<rule name>" (optional; default: before all bundled rules) }
-- The pattern's captures are collected into a table: named groups (Cg(patt, "y"))
-- become fields, plain captures become caps[1], caps[2] ...  Without normalize the
-- bundled one is used, which reads the fields y, m, d, bc, season, mod, k (see build).
function Tagger:add_rule(rule)
  local pat = rule.pattern
  if type(pat) == "function" then pat = pat(self.p) end
  assert(lpeg.type(pat) == "pattern", "add_rule: pattern must be an LPeg pattern")
  local r = { name = rule.name or "user", pattern = Ct(Cp() * pat), normalize = rule.normalize, user = true,
              triggers = rule.triggers }
  -- a rule that does not say which words it needs may match in any sentence
  if not rule.triggers then self.triggers_all = true end
  local at = 1
  if rule.before then
    for i, old in ipairs(self.rules) do if old.name == rule.before then at = i break end end
  else
    -- after other user rules, before the bundled ones
    while self.rules[at] and self.rules[at].user do at = at + 1 end
  end
  table.insert(self.rules, at, r)
  self.scan = nil
  return self
end

-- The scan: at each word start try the rules in order; a rule whose normalize
-- rejects the match falls through to the next one (Cmt); otherwise skip the word.
-- The gate: bundled rules are tried only at words that can start one of them
-- (a digit, a month, a unit, "early" ...; "the"/"a"/"that"/"this" only when
-- the next word can continue a rule).  Words come from the data, so data added
-- by a script widens the gate; user rules are not gated.
local GATE_WORDS = { "early", "late", "mid", "later", "earlier", "every", "each", "per",
  "tonight", "date", "shortly", "moments", "soon", "last", "next", "nights", "afternoons",
  "evenings", "mornings", "daytime", "half" }
local THE_NEXT = { "rest", "early", "late", "mid", "same", "very", "past", "last", "first",
  "final", "time", "year", "years", "future", "present", "dry", "rainy", "monsoon" }
local A_NEXT = { "few", "couple", "number", "dozen", "half", "very", "short", "long", "brief",
  "little", "single", "mere" }
local THIS_NEXT = { "same", "very", "time", "period" }

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
  for _, w in ipairs(THE_NEXT) do the_next[w] = true end
  first_words(D.units, the_next)   -- "the day after the battle"
  first_words(D.units, a_next); first_words(D.big_words, a_next)
  for _, w in ipairs(A_NEXT) do a_next[w] = true end
  first_words(D.units, this_next); first_words(D.dayparts, this_next); first_words(D.seasons, this_next)
  for _, w in ipairs(THIS_NEXT) do this_next[w] = true end
  for _, name in ipairs { "units_words", "tens_words", "big_words", "vague_quantities", "months" } do
    first_words(D[name], num)
  end
  num.a, num.an, num.the = true, true, true
  -- all of it goes into ONE trie: a choice of separate word lists would test
  -- every list at every word; a trie decides in about one test per byte
  local keys = {}
  local function add(k) keys[k:lower()] = true end
  for _, name in ipairs { "months", "seasons", "weekdays", "dayparts", "refs", "sets", "holidays",
      "decade_words", "eras", "units", "units_words", "tens_words", "big_words",
      "vague_quantities", "rel_next", "rel_prev" } do
    for k in pairs(D[name] or {}) do if type(k) == "string" then add(k) end end
  end
  for _, w in ipairs(GATE_WORDS) do add(w) end
  for k in pairs(D.ordinals or {}) do add(k .. " of"); add(k .. " century"); add(k .. " centuries"); add(k .. "-") end
  for k in pairs(D.approx_words or {}) do
    for n in pairs(num) do add(k .. " " .. n) end
  end
  for n in pairs(the_next) do add("the " .. n) end
  for n in pairs(a_next) do add("a " .. n); add("an " .. n) end
  for n in pairs(this_next) do add("this " .. n); add("that " .. n) end
  -- keys ending in a digit need no word boundary: "the 1" matches "the 1920s"
  for dg = 0, 9 do
    add(tostring(dg)); add("'" .. dg); add("the " .. dg); add("the '" .. dg)
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
local ANCHOR_WORDS = { "time", "period", "short", "brief", "long", "shortly", "moments", "soon",
  "date", "tonight", "nights", "daytime", "afternoons", "evenings", "mornings", "century",
  "centuries" }
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
function Tagger:trigger_words()
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
  for _, w in ipairs(ANCHOR_WORDS) do add(w) end
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
function Tagger:compound_triggers(terms)
  local set = self.trigger_set
  if not set then self:trigger_words(); set = self.trigger_set or {} end
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

-- which first words each bundled rule can start with (a rule not listed may
-- start with anything); trying only those keeps each position cheap
local ALL_STARTS = { digit = true, the = true, word = true }
local function starts(list) local t = {} for w in list:gmatch "%a+" do t[w] = true end return t end
local STARTS = {
  ["daypart-of-date"] = starts "the word", ["part-of-date"] = starts "the word",
  ["approx-date"] = starts "word", ["range"] = starts "digit word", ["date"] = ALL_STARTS,
  ["year3"] = starts "digit", ["day-only"] = starts "the", ["weekday"] = starts "word",
  ["season"] = starts "the word", ["time"] = starts "digit", ["daypart"] = starts "the word",
  ["daypart-bare"] = starts "word", ["next-n-units"] = starts "the", ["past-unit"] = starts "the",
  ["rel-unit"] = starts "the word", ["rel-season"] = starts "the word", ["rel-month"] = starts "the",
  ["next-year"] = starts "word", ["later-that"] = starts "word", ["later-in-year"] = starts "word",
  ["n-units-later"] = starts "digit the word", ["ref-today"] = starts "the word",
  ["time-ref"] = starts "the word", ["to-date"] = starts "word", ["short-time"] = starts "word",
  ["set"] = starts "word", ["duration-adj"] = starts "digit word", ["unit-long"] = starts "word",
  ["duration"] = starts "digit word", ["duration-bare"] = starts "word",
}

-- The words each bundled rule can start with.  The scan looks up the word at a
-- position once (one trie) and tries only the rules that can start there, in
-- their order: most words that pass the gate start two or three rules, not
-- thirty.  "digit" is a number that passes p.digit_lead, "digit3" any number
-- (year3: "in 480"), "apos" an apostrophe before a digit, "@list" the
-- first words of a data list, "@quantity" what starts a quantity.  A bundled
-- rule must be listed here (with every word it can start with), or the scan
-- falls back to trying every rule.
local FIRST = {
  ["daypart-of-date"] = "the early late @dayparts",
  ["part-of-date"] = "the later earlier early late mid",
  ["approx-date"] = "@approx_words",
  ["range"] = "digit @months",
  ["date"] = "digit apos the @weekdays @months @ordinals @seasons @eras @decade_words @holidays",
  ["year3"] = "digit3",
  ["day-only"] = "the",
  ["weekday"] = "@weekdays",
  ["season"] = "the @seasons",
  ["time"] = "digit",
  ["daypart"] = "that this the tonight",
  ["daypart-bare"] = "nights night daytime afternoons afternoon evenings evening mornings morning",
  ["next-n-units"] = "the",
  ["past-unit"] = "the",
  ["rel-unit"] = "the this that @rel_next @rel_prev",
  ["rel-season"] = "the this that @rel_next @rel_prev",
  ["rel-month"] = "the",
  ["next-year"] = "next last this",
  ["later-that"] = "later earlier",
  ["later-in-year"] = "later earlier",
  ["n-units-later"] = "@approx_words @quantity the @units",
  ["ref-today"] = "@refs",
  ["time-ref"] = "this that the",
  ["to-date"] = "date",
  ["short-time"] = "a some shortly moments soon",
  ["set"] = "@sets every each per",
  ["duration-adj"] = "@quantity",
  ["unit-long"] = "@units",
  ["duration"] = "@approx_words @quantity",
  ["duration-bare"] = "@units",
}
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
      set[item] = true
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
    alts[#alts + 1] = #(words(groups[sig].words) / 0) * groups[sig].pat
  end
  return any_of(alts)
end

-- The scan: at each word start try the rules in order; a rule whose normalize
-- rejects the match falls through to the next one (Cmt); otherwise skip the word.
function Tagger:compile()
  local ctx = { data = self.data, tagger = self }
  local user, by_digit, by_the, by_word = {}, {}, {}, {}
  local listed, all_listed = {}, true
  for _, r in ipairs(self.rules) do
    local norm = r.normalize or build_default
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
      local st = r.starts or STARTS[r.name] or ALL_STARTS
      local first = r.first or FIRST[r.name]
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
    bundled = #digit * any_of(by_digit) + #(ci "the" * B) * any_of(by_the) + #(1 - digit) * any_of(by_word)
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
end

-- extract(text, { base = 0, spans = nil }) -> array of expressions in text order
function Tagger:extract(text, opts)
  opts = opts or {}
  local base = opts.base or 0
  if not self.scan then self:compile() end
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

---------------------------------------------------------------------------
-- anchoring

local GRAN = { Y = 1, DE = 1, CE = 1, M = 2, W = 3, D = 3 }

-- anchor(exprs, { reference_time = "YYYY[-MM[-DD]]" | nil, state = nil })
-- Narrative mode (no reference time): each relative expression is resolved
-- against the most recent date with enough detail earlier in the document
-- (a day offset needs a day, a month name needs a year), never today's date.
-- Resolved dates become anchors in turn.  With reference_time (news mode)
-- everything resolves against that one date.  A document anchored piece by
-- piece passes the same `state` table (empty at first) with each piece, in order.
function Tagger:anchor(exprs, opts)
  opts = opts or {}
  local ref = opts.reference_time and parse_date(opts.reference_time)
  local last = opts.state or {}   -- most recent date with >= year, month, day detail
  if ref then last[1], last[2], last[3] = ref, ref, ref end
  local function anchor_for(g)
    if ref then return ref end
    return last[g]
  end
  local function remember(t)
    if ref or not t or not t.ay then return end
    if t.season or t.half then t = { ay = t.ay } end
    last[1] = t
    if t.m then last[2] = t end
    if t.m and t.d then last[3] = t end
  end
  for _, ex in ipairs(exprs) do
    local rel = ex.rel
    if rel then
      local kind = rel.kind
      local a
      if kind == "year_of" then
        a = anchor_for(1)
        if a then
          local t = {}
          for k2, v in pairs(rel.t) do t[k2] = v end
          t.ay = a.ay
          -- "February 29" is not in a common year: the anchor is the wrong year, and
          -- the value keeps its X rather than name a day that never was
          if t.m and t.d and select(2, civil_from_days(days_from_civil(t.ay, t.m, t.d))) ~= t.m then
            t.ay = nil
          end
          ex.value = fmt_date(t)
          ex.anchor = fmt_date(a)
          if t.m and t.ay then remember(t) end
        end
      elseif kind == "year2" then
        a = anchor_for(1)
        local t = {}
        for k2, v in pairs(rel.t) do t[k2] = v end
        local cent = a and (a.ay // 100) * 100 or 1900
        t.ay = cent + rel.y2
        ex.value = fmt_date(t)
        if a then ex.anchor = fmt_date(a) end
        remember(t)
      elseif kind == "decade" then
        a = anchor_for(1)
        local cent = a and (a.ay // 100) or 19
        ex.value = string.format("%02d%dX", cent, rel.dec)
        if a then ex.anchor = fmt_date(a) end
      elseif kind == "offset" then
        local g = GRAN[rel.unit] or 1
        a = anchor_for(g) or anchor_for(1)
        if a then
          local r = add_units(a, rel.unit, rel.n)
          if not r then r = { ay = a.ay } end
          -- keep only the granularity of the unit ("the next month" -> YYYY-MM)
          if g == 1 then r.m, r.d = nil, nil elseif g == 2 then r.d = nil end
          if rel.unit == "DE" then
            ex.value = year_str(r.ay):sub(1, -2) .. "X"
          elseif rel.unit == "CE" then
            ex.value = year_str(r.ay):sub(1, -3)
          else
            local t = rel.t or {}
            r.season, r.half, r.dpart = t.season or rel.season, t.half, t.dpart or rel.dpart
            if t.m then r.m = t.m end
            if t.d then r.d = t.d end
            if r.dpart and not r.d then r.dpart = nil end
            ex.value = fmt_date(r)
            if rel.unit ~= "DE" then remember(r) end
          end
          ex.anchor = fmt_date(a)
        end
      elseif kind == "month" then
        a = anchor_for(1)
        if a then
          local t = { ay = a.ay + (rel.n or 0), m = rel.m }
          ex.value = fmt_date(t)
          ex.anchor = fmt_date(a)
          remember(t)
        end
      elseif kind == "year3" then
        a = anchor_for(1)
        if a and a.ay <= 0 and rel.y >= 1 then
          local t = { ay = 1 - rel.y }
          ex.value, ex.anchor = fmt_date(t), fmt_date(a)
          remember(t)
        else
          ex.drop = true   -- not a year outside a BC narrative
        end
      elseif kind == "dayonly" then
        a = anchor_for(2)
        if a then
          local t = { ay = a.ay, m = a.m, d = rel.d }
          ex.value, ex.anchor = fmt_date(t), fmt_date(a)
          remember(t)
        end
      elseif kind == "weekday" then
        a = anchor_for(3)
        if a then
          -- the nearest such weekday to the anchor day (within three days either way)
          local z = days_from_civil(a.ay, a.m, a.d)
          local wd = (z + 3) % 7 + 1          -- 1 = Monday (1970-01-01 was a Thursday)
          local diff = (rel.wd - wd + 3) % 7 - 3
          local t = {}
          t.ay, t.m, t.d = civil_from_days(z + diff)
          ex.value, ex.anchor = fmt_date(t), fmt_date(a)
        end
      elseif kind == "time" then
        a = anchor_for(3)
        if a then
          ex.value = fmt_date { ay = a.ay, m = a.m, d = a.d, hh = rel.hh, mm = rel.mm }
          ex.anchor = fmt_date(a)
        end
      end
    elseif ex.type == "DATE" then
      remember(parse_date(ex.value))
    end
  end
  -- drop candidates that proved not temporal (bare numbers outside a BC context)
  local j = 0
  for i = 1, #exprs do
    local ex = exprs[i]
    exprs[i] = nil
    if not ex.drop then j = j + 1; exprs[j] = ex end
  end
  return exprs
end

-- the sub-patterns of the default tagger, for scripts that build rules up front
setmetatable(M, { __index = function(t, k)
  if k == "patterns" then
    local ok, tg = pcall(M.new)
    if ok then rawset(t, "patterns", tg.p) return tg.p end
  end
end })

return M
