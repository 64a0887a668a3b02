--- clio.timex.rules: the bundled rules of the temporal grammar, in the order the scan
--- tries them at a word (the first that matches and whose normalizer accepts wins, so
--- longer, more specific rules come first).
---
--- Each rule is   add(name, first words, pattern, normalizer)
---  * first words: what the rule can start with, so that the scan tries it only there:
---    "digit" a number that passes p.digit_lead (four digits, a time, an ordinal, a
---    range, a number before a month or a unit), "digit3" any number, "apos" an
---    apostrophe before a digit, "@list" the first words of a profile list
---    ("@months"), "@quantity" what starts a quantity, other words: phrase roles of the
---    profile (below). A rule that can start with a word not listed is never tried there.
---  * pattern: LPeg over the sub-patterns of clio.timex.patterns (p.month, p.year ...)
---    and phrase roles, w "of", w "later" ...: the profile's `phrases` say how its
---    language writes each role (data/lang/<code>/temporal.lua); a role the language
---    lacks never matches. Named captures (Cg) become the fields the normalizer reads:
---    y, m, d, bc, season, mod, unit, n, off, k (the kind of match) ...
---  * normalizer: clio.timex.normalize, N.kind "dur" (durations), N.build (decided by
---    the k capture, for rules that match several kinds) or a function(caps, ctx).
local lpeg = require "lpeg"
local patterns = require "clio.timex.patterns"
local clause = require "clio.timex.clause"
local N = require "clio.timex.normalize"
local P, R, S, C, Cc, Cg, Ct, Cp, Cmt =
  lpeg.P, lpeg.R, lpeg.S, lpeg.C, lpeg.Cc, lpeg.Cg, lpeg.Ct, lpeg.Cp, lpeg.Cmt

local M = {}

local function K(kind) return Cg(Cc(kind), "k") end

--- rules(p, D) -> the bundled rules, in the order the scan tries them, for the
--- sub-patterns p of profile D
function M.rules(p, D)
  local w, words, digit, B, dash, apos, wchar, hs = p.w, p.words, p.digit, p.B, p.dash, p.apos, p.wchar, patterns.hs
  local ws, the, of, comma = p.ws, p.the, p.of, p.comma
  local d2, ordsuf = p.d2, p.ordsuf
  local opt_the = the ^ -1
  local rules = {}
  -- add(name, first words, pattern, normalizer): see the head of this file
  local function add(name, first, pat, norm)
    rules[#rules + 1] = { name = name, first = first, pattern = pat, normalize = norm }
  end

  -- part-of-period prefixes: "early", "the late", "mid-", "the end of", "the first half of"
  -- longest alternatives first: an ordered choice never comes back to try another
  local mod_prefix =
      the * p.part_noun * of
    + the * Cg(p.halves, "half") * of
    + the * w "rest" * of
    + (w "later" + w "earlier") * ws * w "in" * ws * #the
    + opt_the * p.part_adj * (P "-" + ws * (w "in" * ws * #(w "the" + digit + p.month_word + p.season_any)) ^ -1)
  local amod_prefix = p.approx * (ws + #P "")

  -- calendar date cores -------------------------------------------------------
  local wd_prefix = (p.weekday * (P "," ^ -1 * ws)) ^ -1
  -- "the month of August (1840)": the profile's word for the unit month, before a month's name
  local month_of = (Cmt(the * words(D.units_singular), function(_, _, u) return u == "M" end) * of) ^ -1
  local iso = p.year * P "-" * Cg(C(R "01" * digit) / tonumber, "m") * P "-" * Cg(C(R "03" * digit) / tonumber, "d") * B
  -- "the 1st day of July, 1862": the day named as such
  local dmy = opt_the * (p.day + p.day_ordinal_word) * (ws * w "day") ^ -1 * (of + ws) * p.month * comma * p.year * (ws * p.era) ^ -1
  -- "September the 11th, 2001" with its year only: "in March the 3rd Army attacked"
  local mdy = month_of * p.month * ws * (w "the" * ws) ^ -1 * p.day * comma * ((w "of" * ws) ^ -1 * p.year) * (ws * p.era) ^ -1
  local my = month_of * p.month * (of + P "," ^ -1 * ws) * p.year * (ws * p.era) ^ -1
  local myb = p.month * ws * p.bc_year * ws * p.era                   -- "August 480 BC"
  -- a number after "May 8" is a year (mdy above) or not part of the date, except a
  -- clock time ("May 8 1:00AM")
  local clock_next = ws * digit * digit ^ -1 * P ":"
  local md = p.month * ws * p.day * -(P "," * ws * digit) * (#clock_next + -(ws * digit))
  -- times of day: two digits before one, as PEG repetition does not backtrack
  -- ("(R'02')^-1 * digit" took the 1 of "1:00" and then failed on the colon)
  local hour24, hour12 = R "02" * digit + digit, R "01" * digit + digit
  local hhmm = Cg(C(hour24) / tonumber, "hh") * P ":" * Cg(C(R "05" * digit) / tonumber, "mm")
    * Cg((w "hrs" + w "h" * B) * Cc(true), "hrs") ^ -1
  local ampm = ws ^ -1 * Cg((w "a.m." + w "am" * B + w "a.m" ) * Cc "am" + (w "p.m." + w "pm" * B + w "p.m") * Cc "pm", "ampm")
  local hh = Cg(C(hour12) / tonumber, "hh")
  local hhmm_dot = Cg(C(hour12) / tonumber, "hh") * "." * Cg(C(R "05" * digit) / tonumber, "mm")
  local clock = hhmm * -digit * ampm ^ -1 + hhmm_dot * ampm + hh * ampm
  -- a day followed by its clock time is one expression ("May 8 1:00AM")
  local with_clock = (ws * clock) ^ -1
  local dm = opt_the * (p.day + p.day_ordinal_word) * (ws * w "day") ^ -1 * (of + ws) * p.month
  local of_that = of * Cg(Cc(0), "off") * ((w "that" + w "the") * ws * (w "same" * ws) ^ -1) * Cg(w "year" * Cc "Y", "unit") * B
  local of_next = of * the * Cg((w "following" + w "next") * Cc(1) + (w "previous" + w "preceding") * Cc(-1), "off") * ws * Cg(w "year" * Cc "Y", "unit") * B
  -- "June last", "the 1st of January next": the nearest such day before or after the
  -- time of writing (older English puts last/next after the date; "June next year" is not)
  local post = ws * Cg(w "last" * Cc(-1) + w "next" * Cc(1), "post") * B * -(ws * p.unit)
  local season_y = opt_the * p.season_any * (of + ws) * (p.year + p.bc_year * ws * p.era)
  local season_rel = opt_the * p.season_any * (of_that + of_next)
  local bcy = p.bc_year * ws ^ -1 * p.era + Cg(words(D.eras), "bc") * ws * p.bc_year
  local decdigits = C(digit * digit * digit) * "0" + C(digit * digit) * "0" + C(digit) * "0"
  local decade = opt_the * Cg(decdigits / tonumber, "decade") * (apos ^ -1 * w "s") * B * (ws * p.era) ^ -1
  local decade2 = opt_the * apos * Cg(C(digit) / tonumber, "decword") * "0" * w "s" * B
  local decade_w = opt_the * p.decade_word
  -- "the first century of our national existence" counts from a founding, not the calendar
  local century = opt_the * Cg(p.ordinal, "century") * (ws + P "-") * (w "century" + w "centuries") * B
    * (ws * p.era + -(ws * w "of" * B))
  local year2 = apos * Cg(C(digit * digit) / tonumber, "y2") * B
  local holiday = p.holiday * (ws * p.year) ^ -1

  local core = P(false)
    + K "date" * wd_prefix * ((mdy + dmy) * with_clock + iso + myb + my)
    + K "date" * clock * P "," ^ -1 * ws * (mdy + dmy + md + dm)
    + K "date" * wd_prefix * (md + dm) * with_clock * (of_that + of_next + post) ^ -1
    + K "date" * (season_y + season_rel)
    + K "date" * bcy
    + K "decade" * (decade + decade2 + decade_w)
    + K "century" * century
    + K "date" * holiday
    + K "date" * month_of * p.month * (of_that + of_next + post) ^ -1
    + K "date" * the * (w "years" + w "year") * ws * p.year
    + K "year" * p.year * (ws * p.era) ^ -1
    + K "year" * year2
  -- periods that take a part prefix but are not dates on their own
  local rel_period = K "rel" * (w "that" + w "the") * ws * (w "same" * ws) ^ -1 * Cg(Cc(0), "off")
                     * Cg((w "year" * Cc "Y" + w "month" * Cc "M" + w "decade" * Cc "DE" + w "century" * Cc "CE" + w "week" * Cc "W" + w "day" * Cc "D"), "unit") * B
  local season_bare = K "date" * (the * p.season_after_the + p.season)

  add("daypart-of-date", "the early late @dayparts",
      Ct(Cp() * Cg(Cc(true), "_") *
      opt_the * ((w "early" + w "late") * ws) ^ -1 * p.dpart * of * core),
      N.build)
  add("part-of-date", "the later earlier early late mid",
      Ct(Cp() * mod_prefix * (core + rel_period + season_bare)),
      N.build)
  add("approx-date", "@approx_words",
      Ct(Cp() * amod_prefix * (K "date" * (iso + mdy + dmy + my) + K "date" * bcy + K "decade" * (decade + decade2) + K "year" * p.year)),
      N.build)
  -- ranges: the second half completes the first ("1914-17", "499-479 BC", "5-6 January 1916")
  local s1, e1 = Cg(Cp(), "s1"), Cg(Cp(), "e1")
  local rdash = ws ^ -1 * dash * ws ^ -1
  local s2 = Cg(Cp(), "s2")
  -- the lookahead is a cheap test that spares the alternatives below at most numbers
  -- between two days also a word: "from 15 to 22 February", "May 6 and 7th"; after a
  -- month, the second day must end the phrase or be an ordinal ("May 4 and 5 soldiers"
  -- is a count)
  local rword = ws * (w "to" + w "and" + w "through" + w "until" + w "till") * ws
  local rday = rdash + rword
  local day_ends = (P ",") ^ -1 * #(ws ^ -1 * (S ",.;:)" + P(-1)))
  add("range", "digit @months",
      #(digit ^ 1 * ordsuf ^ -1 * (ws ^ -1 * dash + rword) + p.month_word * ws * digit ^ 1 * ordsuf ^ -1 * (ws ^ -1 * dash + rword)) * Ct(Cp() * K "range" * (
      s1 * Cg(p.year4, "y1") * e1 * dash * s2 * Cg(C(digit * digit) / tonumber, "yy") * B
    + s1 * Cg(C(digit * digit ^ -3) / tonumber, "y1") * e1 * rdash * s2 * p.bc_year * ws ^ -1 * Cg(words(D.eras), "bc")
    + s1 * Cg(C(d2) / tonumber, "d1") * ordsuf ^ -1 * e1 * rday * s2 * p.day * ws * p.month * (comma * p.year) ^ -1
    + p.month * ws * s1 * Cg(C(d2) / tonumber, "d1") * ordsuf ^ -1 * e1 * rdash * s2 * p.day * (comma * p.year) ^ -1
    + p.month * ws * s1 * Cg(C(d2) / tonumber, "d1") * ordsuf ^ -1 * e1 * rword * s2
      * Cg(C(d2) / tonumber, "d") * (ordsuf + B * day_ends) * (comma * p.year) ^ -1)),
      N.build_range)
  add("date", "digit apos the @weekdays @months @ordinals @seasons @eras @decade_words @holidays",
      Ct(Cp() * core),
      N.build)
  -- bare 1-3 digit numbers after "in"/"by"...: years only in a BC context (decided by anchor)
  add("year3", "digit3",
      Ct(Cp() * K "year3" * Cg(C(digit * digit ^ -2) / tonumber, "y3") * B * -(S ",:." * digit) * -(ws * (p.unit + digit + w "percent"))),
      N.kind "year3")
  -- "the 20th", "on the 13th": a day of the month in context
  -- "the 20," ends a clause; "the 20,000 men" and "the 1.5 million" are numbers
  -- an ordinal day may also go on into the clause ("on the 20th was successful", "from
  -- the 13th to the 19th"), after a preposition that the normalization checks
  local clause_word = (w "was" + w "were" + w "to" + w "when" + w "the" + w "he" + w "she"
                       + w "they" + w "it" + w "at" + w "in" + w "as") * B
  add("day-only", "the",
      Ct(Cp() * K "dayonly" * the * (p.day * #(ws ^ -1 * (S ",." * -digit + S ";:)") + ws * w "and" * B)
      + Cg(C(d2) / tonumber, "d") * ordsuf * Cg(Cc(true), "dayord") * #(ws * clause_word))),
      N.kind "dayonly")
  add("weekday", "@weekdays",
      Ct(Cp() * K "weekday" * p.weekday),
      N.kind "weekday")
  add("season", "the @seasons",
      Ct(Cp() * season_bare),
      N.kind "date")

  -- times of day --------------------------------------------------------------
  add("time", "digit",
      Ct(Cp() * K "time" * clock),
      N.kind "time")
  add("daypart", "that this the tonight",
      Ct(Cp() * K "rel" * Cg(Cc(0), "off") * Cg(Cc "D", "unit") *
      ((w "that" + w "this" + w "the same" + w "the next" * Cg(Cc(1), "off") + w "the following" * Cg(Cc(1), "off")) * ws * p.dpart
       + (w "tonight" * Cg(Cc "NI", "dpart")) * B)),
      N.kind "rel")
  add("daypart-bare", "nights night daytime afternoons afternoon evenings evening mornings morning",
      Ct(Cp() * K "dpartbare" * ((w "nights" + w "night") * (P "-" * w "time") ^ -1 * Cg(Cc "NI", "dpart")
     + w "daytime" * Cg(Cc "DT", "dpart") + (w "afternoons" + w "afternoon") * Cg(Cc "AF", "dpart")
     + (w "evenings" + w "evening") * Cg(Cc "EV", "dpart") + (w "mornings" + w "morning") * Cg(Cc "MO", "dpart")) * B),
      N.kind "dpartbare")

  -- relative dates --------------------------------------------------------------
  local unit1 = Cg(words(D.units_singular), "unit")
  local next_w = Cg(words(D.rel_next), "off")
  local prev_w = Cg(words(D.rel_prev), "off")
  local same_w = Cg(Cc(0), "off") * ((w "that" + w "this") * (ws * w "same") ^ -1 + the * w "same" + w "the very")
  -- "the next two weeks": a duration, not a date
  add("next-n-units", "the",
      Ct(Cp() * K "dur" * the * (next_w + prev_w + (w "past" + w "last" + w "first" + w "final") * B) * ws *
      Cg(p.quantity, "n") * ws * p.unit),
      N.kind "dur")
  add("past-unit", "the",
      Ct(Cp() * K "dur" * Cg(Cc(1), "n") * the * (w "past" + w "last") * ws * p.unit),
      N.kind "dur")
  add("rel-unit", "the this that @rel_next @rel_prev",
      Ct(Cp() * K "rel" * ((the + w "this" * ws * #(w "year" + w "month" + w "week" + w "day")) ^ -1 * (next_w + prev_w) + same_w) * ws * unit1),
      N.kind "rel")
  -- the same with the adjective after the noun, where a language writes it so
  -- ("l'année suivante", "le mois précédent"): from the profile's rel_*_after lists
  if next(D.rel_next_after or {}) or next(D.rel_prev_after or {}) then
    add("rel-unit-after", "the",
        Ct(Cp() * K "rel" * the * unit1 * ws
           * (Cg(words(D.rel_next_after or {}), "off") + Cg(words(D.rel_prev_after or {}), "off"))),
        N.kind "rel")
  end
  add("rel-season", "the this that @rel_next @rel_prev",
      Ct(Cp() * K "rel" * Cg(Cc "Y", "unit") * (the ^ -1 * (next_w + prev_w) + same_w) * ws * p.season_any),
      N.kind "rel")
  add("rel-month", "the @rel_next @rel_prev",
      Ct(Cp() * K "rel" * Cg(Cc "Y", "unit") * the ^ -1 * (next_w + prev_w) * ws * p.month),
      N.kind "rel")
  -- "last Monday", "the following Friday", "this Tuesday": a weekday counted from the
  -- day the text is at (clio.timex.anchor), before it, after it or the nearest
  add("rel-weekday", "the this @rel_next @rel_prev",
      Ct(Cp() * K "weekday" * (the ^ -1 * (next_w + prev_w) + w "this" * Cg(Cc(0), "off")) * ws * p.weekday),
      N.kind "weekday")
  add("next-year", "next last this",
      Ct(Cp() * K "rel" * (w "next" * Cg(Cc(1), "off") + w "last" * Cg(Cc(-1), "off") + w "this" * Cg(Cc(0), "off")) * ws * unit1),
      N.kind "rel")
  add("later-that", "later earlier",
      Ct(Cp() * K "rel" * Cg(Cc(0), "off") * (w "later" + w "earlier") * ws *
      ((w "that" + w "this" + w "the same") * ws + w "in the" * ws + w "in" * ws * (w "that" + w "the same") * ws) * unit1),
      N.kind "rel")
  add("later-in-year", "later earlier",
      Ct(Cp() * K "date" * (w "later" + w "earlier") * ws * w "in" * ws * p.year),
      N.kind "date")
  -- a clause after "after"/"before"/"of": TIMEX2 annotators take it into the span
  -- ("three weeks after the siege of Boston began"); bounded to 8 words, stops at punctuation
  -- The pattern takes up to 8 words up to punctuation; trim_clause (below) then
  -- ends it where the phrase ends, before the next clause's subject or verb.
  local word = (wchar + (apos + P "-") * #wchar) ^ 1
  local wordlist = Ct(Cp() * C(word) * Cp() * (hs ^ 1 * Cp() * C(word) * Cp()) ^ -7)
  local function clause_of(kind)
    return Cmt(#wchar, function(subject, pos)
      local wl = lpeg.match(wordlist, subject, pos)
      return wl and clause.trim_clause(wl, kind, D) or false
    end)
  end
  local clause = clause_of "sub"
  local laterw = Cg(words(D.later_words), "dir")
  local earlierw = Cg(words(D.earlier_words), "dir")
  -- "the day after ...": a singular unit without a number counts one
  local one_unit = #(words(D.units_singular) / 0) * Cg(Cc(1), "n")
  local not_date = -(p.month_word + digit + w "that" * B + w "then" * B)
  add("n-units-later", "@approx_words @quantity the @units",
      Ct(Cp() * K "offset" * (p.approx * ws) ^ -1 * (Cg(p.quantity, "n") * ws + the ^ -1 * one_unit ^ -1) * p.unit * ws *
      (Cg(w "after" * Cc(1) + w "before" * Cc(-1), "dir") * hs ^ 1 * not_date * Cg(Cc(true), "event") * clause
       + Cg(w "following" * Cc(1), "dir") * hs ^ 1 * not_date * Cg(Cc(true), "event") * clause_of "of"
       + laterw + earlierw)),
      N.kind "offset")
  add("ref-today", "@refs",
      Ct(Cp() * K "ref" * Cg(words(D.refs), "ref")),
      N.kind "ref")
  add("time-ref", "this that the",
      Ct(Cp() * K "vague" * ((w "this" + w "that" + w "the same") * ws * (w "time" + w "period") + w "the time") * B),
      N.kind "vague")
  add("to-date", "date",
      Ct(Cp() * K "todate" * w "date" * B),
      N.kind "todate")
  add("short-time", "a some shortly moments soon",
      Ct(Cp() * K "vague" * (w "a" * ws * (w "very" * ws) ^ -1 * (w "short" + w "long" + w "brief") * ws * (w "time" + w "period" + w "while")
      + w "some time" + w "shortly" * ws * (w "afterwards" + w "afterward" + w "thereafter")
      -- "soon after" introduces an event ("soon after the battle"), which is no date
      + w "moments later" + w "soon afterward" * P "s" ^ -1) * B),
      N.kind "vague")
  add("set", "@sets every each per",
      Ct(Cp() * K "set" * (Cg(words(D.sets), "set") + (w "every" + w "each" + w "per") * ws * (Cg(p.quantity, "n") * ws) ^ -1 * p.unit)),
      N.kind "set")

  -- durations -----------------------------------------------------------------
  local age = (ws * (w "old" + w "of age") * B) ^ -1
  add("duration-adj", "@quantity",
      Ct(Cp() * K "dur" * Cg(p.quantity, "n") * P "-" * p.unit * -(ws * w "plan") *
      (P "-" * w "long") ^ -1),
      N.kind "dur")
  -- "month-long" is one month, "months-long" some
  add("unit-long", "@units",
      Ct(Cp() * K "dur" * (one_unit + Cg(Cc "X", "n")) * p.unit * P "-" * w "long" * B),
      N.kind "dur")
  local of_clause = (ws * w "of" * hs ^ 1 * -(digit + p.month_word + w "age" * B + w "the year" + w "time" * B) * clause_of "of") ^ -1
  local nolong = -(P "-" * w "long")
  -- after a number (not "a", which starts half the noun phrases in a text) one
  -- adjective may stand before the unit ("two bloody weeks", "three more days"), not a
  -- function word ("two or three weeks")
  local function_word = (w "or" + w "and" + w "to" + w "of" + w "the" + w "a" + w "an" + w "in"
                         + w "at" + w "by" + w "for" + w "from" + w "with" + w "per" + w "than") * B
  local adjective = -function_word * -p.unit * R "az" * R "az" ^ 1 * B * ws
  local counted = Cg(p.quantity, "n") * ws * p.unit + Cg(p.number, "n") * ws * adjective * p.unit
  add("duration", "@approx_words @quantity",
      Ct(Cp() * K "dur" * (p.approx * ws) ^ -1 * counted * nolong * -(ws * w "plan") * (ws * (w "old" + w "of age") * B + of_clause)),
      N.kind "dur")
  local plural_unit = Cg(words(D.units_plural), "unit")
  add("duration-bare", "@units",
      Ct(Cp() * K "dur" * Cg(Cc "X", "n") * plural_unit * nolong * of_clause),
      N.kind "dur")
  return rules
end

return M
