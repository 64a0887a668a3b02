-- English temporal profile: the words of the temporal grammar (lua/clio/timex/).
--
-- Everything here is plain data: word lists and the values they stand for. A script
-- extends or overrides it without editing this file:
--   timex.new{ data = { months = { ["Brumaire"] = 10 }, holidays = { ["Bastille Day"] = "07-14" } } }
-- or `clio timeline --grammar FILE.lua` with FILE returning such a table. Tables are
-- merged key by key over these defaults. A language is one such file,
-- data/lang/<code>/temporal.lua (or lang/<code>/temporal.lua in the user's clio folder
-- or a $CLIO_PATH folder): see docs/timeline.md, "Adding a language".
-- Keys are matched case-insensitively unless noted; multi-word keys are allowed.
return {
  -- month names and abbreviations -> month number.  Full names of months that are
  -- also ordinary words ("may", "march") only match capitalized (see timex.lua).
  months = {
    january = 1, february = 2, march = 3, april = 4, may = 5, june = 6, july = 7,
    august = 8, september = 9, october = 10, november = 11, december = 12,
    ["jan."] = 1, ["feb."] = 2, ["mar."] = 3, ["apr."] = 4, ["jun."] = 6, ["jul."] = 7,
    ["aug."] = 8, ["sep."] = 9, ["sept."] = 9, ["oct."] = 10, ["nov."] = 11, ["dec."] = 12,
    jan = 1, feb = 2, apr = 4, aug = 8, sept = 9, oct = 10, nov = 11, dec = 12,
  },
  -- month names that are also common words: matched only when capitalized
  ambiguous_months = { may = true, march = true, jan = true, dec = true, oct = true, aug = true },

  seasons = { spring = "SP", summer = "SU", autumn = "FA", fall = "FA", winter = "WI",
              ["dry season"] = "DRY", ["rainy season"] = "WET", ["monsoon"] = "WET" },
  -- words that are seasons only after "the"/"of"/year context ("fall" is also a verb)
  ambiguous_seasons = { fall = true, ["monsoon"] = true },

  weekdays = { monday = 1, tuesday = 2, wednesday = 3, thursday = 4, friday = 5,
               saturday = 6, sunday = 7 },

  -- times of day -> TIMEX suffix
  dayparts = { morning = "MO", afternoon = "AF", evening = "EV", night = "NI",
               dawn = "MO", dusk = "EV", midnight = "NI", noon = "MI", daytime = "DT",
               nighttime = "NI" },

  ordinals = {
    first = 1, second = 2, third = 3, fourth = 4, fifth = 5, sixth = 6, seventh = 7,
    eighth = 8, ninth = 9, tenth = 10, eleventh = 11, twelfth = 12, thirteenth = 13,
    fourteenth = 14, fifteenth = 15, sixteenth = 16, seventeenth = 17, eighteenth = 18,
    nineteenth = 19, twentieth = 20, ["twenty-first"] = 21, ["twenty-second"] = 22,
    ["twenty-third"] = 23, ["twenty-fourth"] = 24, ["twenty-fifth"] = 25,
    ["twenty-sixth"] = 26, ["twenty-seventh"] = 27, ["twenty-eighth"] = 28,
    ["twenty-ninth"] = 29, thirtieth = 30, ["thirty-first"] = 31,
  },

  -- cardinal words; "twenty-one" .. "ninety-nine" are composed from tens + units
  units_words = { one = 1, two = 2, three = 3, four = 4, five = 5, six = 6, seven = 7,
                  eight = 8, nine = 9, ten = 10, eleven = 11, twelve = 12, thirteen = 13,
                  fourteen = 14, fifteen = 15, sixteen = 16, seventeen = 17, eighteen = 18,
                  nineteen = 19 },
  tens_words = { twenty = 20, thirty = 30, forty = 40, fifty = 50, sixty = 60,
                 seventy = 70, eighty = 80, ninety = 90 },
  -- "a hundred days", "a thousand years"
  big_words = { hundred = 100, thousand = 1000 },
  -- vague quantities -> X in the value (P few years = PXY)
  vague_quantities = { ["a few"] = "X", few = "X", several = "X", some = "X", many = "X",
                       ["a couple of"] = 2, ["a number of"] = "X", ["a dozen"] = 12,
                       ["half a"] = 0.5, ["a half"] = 0.5 },

  -- "the twenties" -> decade 2 of the current century of the anchor (19 by default)
  decade_words = { twenties = 2, thirties = 3, forties = 4, fifties = 5, sixties = 6,
                   seventies = 7, eighties = 8, nineties = 9 },

  -- era markers: true = before the common era
  eras = { bc = true, ["b.c."] = true, ["b.c"] = true, bce = true, ["b.c.e."] = true,
           ad = false, ["a.d."] = false, ["a.d"] = false, ce = false, ["c.e."] = false },

  -- part-of-period modifiers (before the period word)
  part_words = { early = "START", late = "END", mid = "MID", middle = "MID",
                 beginning = "START", start = "START", ["end"] = "END", dawn = "START",
                 close = "END", outset = "START", turn = "START" },
  -- halves/quarters -> value suffix
  halves = { ["first half"] = "H1", ["second half"] = "H2", ["latter half"] = "H2",
             ["latter part"] = "END", ["early part"] = "START", ["later part"] = "END" },

  -- approximation and bound words before a date or duration -> TIMEX2 MOD
  approx_words = { around = "APPROX", about = "APPROX", circa = "APPROX", ["c."] = "APPROX",
                   ["ca."] = "APPROX", approximately = "APPROX", roughly = "APPROX",
                   some = "APPROX", nearly = "LESS_THAN", almost = "LESS_THAN",
                   ["more than"] = "MORE_THAN", over = "MORE_THAN", ["at least"] = "EQUAL_OR_MORE",
                   ["less than"] = "LESS_THAN", under = "LESS_THAN", ["up to"] = "EQUAL_OR_LESS",
                   ["no more than"] = "EQUAL_OR_LESS", ["just over"] = "MORE_THAN",
                   ["just under"] = "LESS_THAN", ["a little more than"] = "MORE_THAN",
                   ["well over"] = "MORE_THAN", ["just"] = "EQUAL", only = "EQUAL" },
  -- bounds that stay outside the annotated span (TIMEX2 leaves the preposition out)
  -- but are kept on the record as `bound` for the timeline; the longest phrase before
  -- the date decides, and false says a longer phrase is no bound
  bound_words = { by = "ON_OR_BEFORE", before = "BEFORE", after = "AFTER", since = "ON_OR_AFTER",
                  ["until"] = "BEFORE", till = "BEFORE", ["prior to"] = "BEFORE",
                  ["up until"] = "BEFORE", ["up to"] = "BEFORE", ["earlier than"] = "BEFORE",
                  ["later than"] = "AFTER", ["ever since"] = "ON_OR_AFTER",
                  ["no later than"] = "ON_OR_BEFORE", ["no earlier than"] = "ON_OR_AFTER" },
  -- a bound after a negation in its clause says when something began, not a limit:
  -- "it was not until 1928 that", "did not know of it until August 2"
  bound_negated = { phrases = { "until", "till", "up until" },
                    negations = { "not", "n't", "never", "no", "nothing", "none" } },

  -- relative words
  rel_next = { following = 1, next = 1, subsequent = 1, succeeding = 1, coming = 1 },
  rel_prev = { previous = -1, preceding = -1, prior = -1, last = -1 },
  rel_same = { same = 0, this = 0, that = 0 },
  later_words = { later = 1, after = 1, afterwards = 1, afterward = 1, hence = 1, following = 1 },
  earlier_words = { earlier = -1, before = -1, ago = -1, previously = -1, prior = -1 },

  -- unit words (singular and plural) -> TIMEX unit letter
  units = { day = "D", days = "D", week = "W", weeks = "W", month = "M", months = "M",
            year = "Y", years = "Y", decade = "DE", decades = "DE", century = "CE",
            centuries = "CE", hour = "H", hours = "H", minute = "MIN", minutes = "MIN",
            fortnight = "2W", fortnights = "2W", millennium = "ML", millennia = "ML" },

  -- words standing alone for the present, past or future (TIMEX2 *_REF values)
  refs = { now = "PRESENT_REF", today = "PRESENT_REF", currently = "PRESENT_REF",
           current = "PRESENT_REF", ["present-day"] = "PRESENT_REF",
           ["present day"] = "PRESENT_REF", ["modern day"] = "PRESENT_REF",
           ["modern-day"] = "PRESENT_REF", nowadays = "PRESENT_REF",
           ["these days"] = "PRESENT_REF", ["right now"] = "PRESENT_REF",
           ["the present"] = "PRESENT_REF", ["at present"] = "PRESENT_REF",
           former = "PAST_REF", formerly = "PAST_REF", recent = "PAST_REF",
           recently = "PAST_REF", ["the past"] = "PAST_REF",
           ["recent years"] = "PAST_REF", ["recent months"] = "PAST_REF",
           ["recent times"] = "PAST_REF", once = nil,
           future = "FUTURE_REF", ["the future"] = "FUTURE_REF",
           ["the coming years"] = "FUTURE_REF", soon = nil },

  -- sets (recurring times)
  sets = { daily = "P1D", weekly = "P1W", monthly = "P1M", annually = "P1Y", yearly = "P1Y",
           everyday = "P1D", hourly = "PT1H" },

  -- holidays: name -> "MM-DD" (fixed dates only; movable feasts are left unvalued "XXXX")
  holidays = { ["christmas"] = "12-25", ["christmas day"] = "12-25", ["christmas eve"] = "12-24",
               ["new year's day"] = "01-01", ["new year's eve"] = "12-31",
               ["new year"] = "01-01", ["bastille day"] = "07-14", ["armistice day"] = "11-11",
               ["independence day"] = "07-04", ["v-e day"] = "05-08", ["ve day"] = "05-08",
               ["d-day"] = false, ["easter"] = false, ["ramadan"] = false },

  -- words joining the two ends of a range ("May 15 to August 16, 1988"; dashes always do)
  range_words = { "to", "until", "till", "through", "and" },

  -- number ranges read as years when a bare number stands alone
  year_min = 1000, year_max = 2099,

  -- the unit words that count one without a number ("the day after", "the next year")
  -- and their plurals alone ("years of war", "days later")
  units_singular = { day = "D", week = "W", month = "M", year = "Y", decade = "DE", century = "CE" },
  units_plural = { days = "D", weeks = "W", months = "M", years = "Y", decades = "DE",
                   centuries = "CE", hours = "H", minutes = "MIN" },

  -- Phrases the rules are written with. A rule names a role (w "of", w "later", w "the
  -- same"); here each role gets its surface forms. The array part lists words that
  -- stand for themselves; a key = "surface" or { "surface", ... } writes a role
  -- otherwise (another language: the = { "le", "la", "les", "l'" }; an article ending
  -- in an apostrophe takes no space after it). A role left out never matches, and the
  -- rules that need it are off.
  phrases = {
    "a", "a.m", "a.m.", "after", "afternoon", "afternoons", "afterward", "afterwards",
    "age", "am", "an", "and", "as", "at", "before", "brief", "by", "centuries", "century",
    "date", "day", "daytime", "decade", "each", "earlier", "early", "evening", "evenings",
    "every", "final", "first", "following", "for", "from", "h", "half", "he", "hrs", "in",
    "it", "last", "late", "later", "long", "mid", "moments", "month", "morning",
    "mornings", "next", "night", "nights", "of", "old", "or", "p.m", "p.m.", "past", "per",
    "percent", "period", "plan", "pm", "preceding", "previous", "rest", "s", "same", "she",
    "short", "shortly", "some", "soon", "than", "that", "the", "then", "thereafter",
    "they", "this", "through", "till", "time", "to", "tonight", "until", "very", "was",
    "week", "were", "when", "while", "with", "year", "years", "in the", "moments later",
    "of age", "some time", "soon afterward", "the following", "the next", "the same",
    "the time", "the very", "the year",
    ["ordinal suffix"] = { "st", "nd", "rd", "th" },
    ["ordinal suffix after 2 3"] = { "d" },       -- "the 22d of September", "the 3d day"
  },

  -- Word lists of the context tests (lua/clio/timex/normalize.lua), lowercase.
  context = {
    -- a bare four-digit number followed by one of these is a count, not a year
    count_before = { "men", "troops", "soldiers", "people", "casualties", "ships", "killed",
      "dead", "wounded", "prisoners", "tanks", "aircraft", "planes", "guns", "miles", "km",
      "kilometres", "kilometers", "metres", "meters", "feet", "square", "tons", "tonnes", "of",
      "per", "percent", "civilians", "died", "strong", "more", "others", "were", "horses",
      "cavalry", "infantry", "warriors", "hoplites", "marines", "sailors", "vehicles", "victims",
      "refugees", "deaths", "workers", "members", "persons", "families", "children", "women",
      "officers", "rifles", "villages", "houses", "acres", "hectares", "dollars", "pounds",
      "francs", "rubles", "roubles", "votes", "delegates", "students", "inhabitants" },
    -- ... and after one of these it is a year whatever follows
    year_after = { "in", "of", "since", "by", "until", "till", "from", "to", "after",
      "before", "during", "early", "late", "mid", "and", "or", "between", "spring", "summer",
      "autumn", "winter", "fall", "around", "circa", "c.", "year", "years", "through", "the" },
    -- words that label a number as a name, not a year ("Resolution 1483", "Article 1400")
    number_label = { "page", "p.", "pp.", "vol.", "volume", "no.", "number", "resolution",
      "article", "art.", "section", "sec.", "chapter", "ch.", "chap.", "paragraph", "para.",
      "flight", "route", "highway" },
    -- "the 20th" running on into its clause is a day only after these
    day_after = { "on", "from", "until", "till", "by", "since", "after", "before", "to" },
    -- a clock time without a.m./p.m. or "hrs" ("10:57") is one only after these words,
    -- before these, or opening a range ("19:00-03:00hrs"); else "22:28" is a chapter
    -- and verse, a score or a ratio
    clock_after = { "at", "by", "until", "till", "from", "to", "before", "after", "around",
      "about", "approximately", "since", "between", "and", "past", "circa", "c.", "ca." },
    clock_before = { "hours", "hrs", "local", "gmt", "utc", "est", "edt", "cet", "zulu", "o'clock" },
    -- bare 1-3 digit numbers are (BC) years only after these words ...
    bc_year_after = { "in", "by", "until", "till", "since", "from", "after", "before",
      "of", "around", "circa", "c.", "ca.", "during", "and", "to" },
    -- ... and when a lowercase word follows, only before these
    bc_year_before = { "and", "to", "when", "the", "a", "an", "he", "she", "they", "it", "with",
      "was", "saw", "at", "after", "before", "on", "in", "as", "until", "or" },
    -- month names that are also words when alone (case kept: "March" the month, the
    -- Long March); kept after month_after words ("in March"), dropped after word_after
    -- words or a capitalized word ("the Long March", "Women's March") and before
    -- word_before words or a capitalized word ("March to the Sea")
    month_as_word = { "March", "May" },
    month_after = { "in", "by", "until", "till", "since", "from", "after", "before", "on",
      "during", "early", "late", "mid", "of", "to", "and", "or", "between", "through", "that",
      "last", "next", "this" },
    word_after = { "the", "a", "his", "their" },
    word_before = { "to", "on", "of" },
    -- a date after one of these (up to three words before it, same clause) is mentioned,
    -- not where the story is: dated as written, it anchors nothing ("since 1813", "found
    -- in 2004", "a campaign planned for 1976"). Not "until": the story often goes on from
    -- where "until" takes it ("relations deteriorated until March 1980").
    mention_cues = { "since", "planned", "projected", "scheduled", "expected",
      "intended", "found", "published", "discovered", "declassified", "rediscovered",
      "reprinted" },
    -- "to date": "date" is the present only after these
    to_date_after = { "to" },
    -- a relative expression that begins or ends with one of these counts from the time of
    -- writing, not from the story: with a document date (its `date` or `year` metadata)
    -- "last spring" and "three years ago" are dated from it ("the next year" is not)
    deictic_first = { "last", "next", "this" },
    deictic_last = { "ago", "hence" },
  },

  -- Word classes that end the event phrase after "after" / "before" / "of"
  -- (lua/clio/timex/clause.lua): "three weeks after the siege of Boston began".
  clause_words = {
    determiners = { "the", "a", "an", "this", "that", "these", "those", "his", "her", "its",
      "their", "our", "my", "your" },
    prepositions = { "of", "in", "from", "on", "at", "to", "with", "into", "over", "against", "by",
      "for", "near", "across", "since", "between", "through", "during", "under", "along", "toward",
      "towards", "upon", "within", "without", "onto", "around", "behind", "beyond", "amid", "among",
      "until", "throughout", "outside", "inside", "off" },
    stop = { "then", "there", "when", "which", "who", "whom", "where", "while", "whereupon",
      "so", "because", "although", "though", "as", "but", "thus", "however", "yet", "not", "also",
      "still", "already", "never", "soon", "finally", "eventually", "instead", "again", "even" },
    pronouns = { "he", "she", "they", "it", "we", "i", "you" },
    conjunctions = { "and", "or" },
    verbs = { "was", "were", "is", "are", "be", "been", "being", "had", "has", "have",
      "did", "does", "do", "would", "could", "will", "shall", "should", "can", "may", "might", "must",
      "began", "became", "came", "went", "took", "saw", "made", "gave", "told", "fell", "won", "lost",
      "led", "held", "broke", "ran", "rose", "struck", "fought", "sent", "brought", "met", "found",
      "knew", "thought", "said", "got", "continues", "continued", "remains", "remained", "seems" },
    -- a lowercase word with one of these after a noun is a verb ("-ed") or a gerund
    past_suffixes = { "ed" },
    gerund_suffixes = { "ing" },
    -- a noun with one of these before a verb is rather an adjective, not its subject
    adjective_suffixes = { "ed", "ing", "al", "ic", "ous", "ive", "ful", "ary", "less", "ern", "ish" },
  },

  -- The scan's gate (lua/clio/timex/scan.lua): besides the words of the lists above,
  -- the words that can start a rule, the words after "the" / "a" / "this" that can
  -- continue one, and the trigger words every match of some rule needs ("the time",
  -- "a short while", "to date").
  gate = {
    words = { "early", "late", "mid", "later", "earlier", "every", "each", "per",
      "tonight", "date", "shortly", "moments", "soon", "last", "next", "nights", "afternoons",
      "evenings", "mornings", "daytime", "half" },
    after_the = { "rest", "early", "late", "mid", "same", "very", "past", "last", "first",
      "final", "time", "year", "years", "future", "present", "dry", "rainy", "monsoon" },
    after_a = { "few", "couple", "number", "dozen", "half", "very", "short", "long", "brief",
      "little", "single", "mere" },
    after_this = { "same", "very", "time", "period" },
    triggers = { "time", "period", "short", "brief", "long", "shortly", "moments", "soon",
      "date", "tonight", "nights", "daytime", "afternoons", "evenings", "mornings", "century",
      "centuries" },
  },
}
