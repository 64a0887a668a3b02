--- clio.timex.patterns: the LPeg building blocks of the temporal grammar. Word lists
--- of the language profile become tries (a word is accepted or rejected after a byte
--- or two); `build(D)` turns a profile's lists into the named sub-patterns the rules
--- combine (tagger.p: month, day, year, era, season, unit, quantity, ...), and
--- `p.w(key)` is the profile's phrase for a role ("the", "of", "later" ...): rules name
--- the role, the profile says how the language writes it.
local lpeg = require "lpeg"
local P, R, S, C, Cc, Cg = lpeg.P, lpeg.R, lpeg.S, lpeg.C, lpeg.Cc, lpeg.Cg

local M = {}

local textpat = require "clio.textpat"
local digit, wchar, B, hs, ws = textpat.digit, textpat.wchar, textpat.B, textpat.hs, textpat.ws
local dash, apos = textpat.dash, textpat.apos

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
M.digit, M.wchar, M.B, M.hs, M.ws, M.dash, M.apos = digit, wchar, B, hs, ws, dash, apos
M.ci, M.cap, M.any_of, M.trie, M.words, M.set_of = ci, cap, any_of, trie, words, set_of

-- the surfaces of a phrase role in profile D: `phrases` holds words standing for
-- themselves (array part) and roles written otherwise (key = surface or list)
local function surfaces(D, key)
  local ph = D.phrases or {}
  local v = ph[key]
  if v == nil then
    for _, w in ipairs(ph) do if w == key then return { key } end end
    return {}
  end
  if type(v) == "string" then return { v } end
  if v == false then return {} end
  return v
end
M.surfaces = surfaces

-- phrase(D, key) -> a pattern for the role (case-insensitive; P(false) when the
-- language has no such phrase, so the rules that need it never match)
local function phrase(D, key)
  local alts = {}
  for _, s in ipairs(surfaces(D, key)) do alts[#alts + 1] = ci(s) end
  return any_of(alts)
end
M.phrase = phrase

-- an article or preposition joined to its word by an apostrophe ("l'année")
-- needs no space after it
local function phrase_ws(D, key)
  local alts = {}
  for _, s in ipairs(surfaces(D, key)) do
    alts[#alts + 1] = s:match "['’]$" and ci(s:gsub("['’]$", "")) * apos or ci(s) * ws
  end
  return any_of(alts)
end
M.phrase_ws = phrase_ws

-- the sub-patterns of profile D
function M.build(D)
  local function w(key) return phrase(D, key) end
  local p = { ws = ws, B = B, wchar = wchar, dash = dash, apos = apos, ci = ci, cap = cap,
              words = words, digit = digit, w = w }
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
  p.season_after_the = Cg(p.season_word + amb_season * -(ws * w "of" * B), "season")
  p.weekday_word = words(D.weekdays)
  p.weekday = Cg(p.weekday_word, "wd")
  p.dpart = Cg(words(D.dayparts), "dpart")
  p.ordinal_word = words(D.ordinals)
  p.the = phrase_ws(D, "the")
  p.of = ws * w "of" * ws
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
  p.article = (w "an" + w "a") * B * Cc(1)
  p.vague = words(D.vague_quantities)
  -- "two and a half", "two and half"
  local and_half = ws * w "and" * ws * (w "a" * ws) ^ -1 * w "half" * B * Cc(0.5)
  p.quantity = (p.number * and_half ^ -1 / function(a, b) return a + (b or 0) end)
             + p.vague + (p.article * (ws * words(D.big_words)) ^ -1 / function(a, b) return b or a end)

  -- day of month: 1..31 with optional ordinal suffix
  local d2 = (P "3" * R "01" + R "12" * digit + P "0" * R "19" + R "19") * -digit
  -- (older English writes "2d", "22d", "3d": the profile's suffixes after a 2 or a 3)
  local ordsuf = w "ordinal suffix" * B + lpeg.B(S "23") * w "ordinal suffix after 2 3" * B
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
    + ws ^ -1 * (dash + w "a.m" + w "am" + w "p.m" + w "pm" + words(D.eras) / 0)
    + ws * (p.month_word / 0 + words(D.units) / 0 + w "and" * B + w "of" * B
            -- only a whole range passes: "to" follows many a number in running text
            + (w "to" + w "through" + w "until" + w "till") * B * ws * digit * digit ^ -1
              * ordsuf ^ -1 * ws * p.month_word / 0))
  p.holiday = Cg(words(D.holidays), "hol")
  return p
end

return M
