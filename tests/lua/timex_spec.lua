-- Specs for clio.timex (the temporal grammar) and clio.timeline.
-- Run from the repo root:  LUA_PATH="lua/?.lua;lua/?/init.lua;;" lua5.4 tests/lua/timex_spec.lua
local timex = require "clio.timex"
local timeline = require "clio.timeline"
local lpeg = require "lpeg"

local passed, failed = 0, 0
local function check(ok, msg)
  if ok then passed = passed + 1 else failed = failed + 1; print("FAIL: " .. msg) end
end
local function eq(a, b, msg)
  check(a == b, string.format("%s: expected %s, got %s", msg, tostring(b), tostring(a)))
end

local tagger = timex.new()

-- tag `text` (narrative mode, optional reference time) and return the expressions
local function tag(text, ref)
  return tagger:anchor(tagger:extract(text), { reference_time = ref })
end

-- the expression whose text is `want` (or nil)
local function find(exprs, want)
  for _, e in ipairs(exprs) do if e.text == want then return e end end
end

-- expect(text, span, value[, mod]): `span` is tagged exactly, with that value
local function expect(text, span, value, mod)
  local e = find(tag(text), span)
  check(e ~= nil, string.format("%q: span %q not found", text, span))
  if e then
    eq(e.value, value, string.format("%q value of %q", text, span))
    if mod then eq(e.mod, mod, string.format("%q mod of %q", text, span)) end
  end
end

-- nothing tagged that overlaps `span` inside `text`
local function none(text, span)
  local s = text:find(span, 1, true) - 1
  local hit
  for _, e in ipairs(tag(text)) do
    if e.start < s + #span and s < e["end"] and e.type ~= "DURATION" then hit = e end
  end
  check(hit == nil, string.format("%q: %q should not be tagged (got %q = %s)", text, span,
    hit and hit.text or "", hit and tostring(hit.value) or ""))
end

---------------------------------------------------------------------------
-- full dates in every common order
expect("It began on 1 September 1939.", "1 September 1939", "1939-09-01")
expect("It began on September 1, 1939.", "September 1, 1939", "1939-09-01")
expect("It began in Sept. 1939.", "Sept. 1939", "1939-09")
expect("It began on 1939-09-01.", "1939-09-01", "1939-09-01")
expect("On the 28th of June 1919 it was signed.", "the 28th of June 1919", "1919-06-28")
expect("Saturday, June 25, 1950 saw the attack.", "Saturday, June 25, 1950", "1950-06-25")
expect("in February of 1940", "February of 1940", "1940-02")
-- years, eras, decades, centuries
expect("In 1922 the union was formed.", "1922", "1922")
expect("The revolt of 499 BC spread.", "499 BC", "BC0499")
expect("He died in 44 B.C. at Rome.", "44 B.C.", "BC0044")
expect("Around AD 9 the legions fell.", "AD 9", "0009")
expect("during the 1920s", "the 1920s", "192X")
expect("the 1920’s were hard", "the 1920’s", "192X")
expect("the 1920's were hard", "the 1920's", "192X")
expect("in the twenties", "the twenties", "192X")
expect("the 20th century", "the 20th century", "19")
expect("in the fourteenth century", "the fourteenth century", "13")
expect("the 470s BC", "the 470s BC", "BC047")
-- a date beside punctuation beyond ASCII ends where it ends beside ASCII punctuation:
-- quotes, guillemets, dashes, an ellipsis, a footnote mark; a dash of any kind joins a range
expect("He said “1927” was bad.", "1927", "1927")
expect("He said «1927» was bad.", "1927", "1927")
expect("The year—1927—was bad.", "1927", "1927")
expect("It was 1927… and worse.", "1927", "1927")
expect("It was 1927¹ in the notes.", "1927", "1927")
expect("It lasted 1927–1929 in all.", "1929", "1929")
expect("It lasted 1927–1929 in all.", "1927", "1927")
expect("In 1927–29 it grew.", "29", "1929")
expect("The war of 1914—18 ended.", "18", "1918")
expect("From May–June 1940 they fought.", "May", "1940-05")
expect("On 5 May 1927 – the day of the vote – it rained.", "5 May 1927", "1927-05-05")
-- a letter beyond ASCII still continues a word: no date inside "1927г"
none("В 1927г было.", "1927")
-- a century counted from a founding is no calendar century
none("In the first century of our national existence, the Republic grew.", "first century")
none("We enter the third century of our independence.", "third century")
expect("The fourth century AD saw Rome fall.", "The fourth century AD", "03")
-- parts and approximations
expect("Around the early 1920’s, Stalin took power", "the early 1920’s", "192X", "START")
expect("In the late 1920s, Stalin was", "the late 1920s", "192X", "END")
expect("By the end of 1929 Bukharin had gone.", "the end of 1929", "1929", "END")
expect("In 1939, in early October", "early October", "1939-10", "START")
expect("by the mid-1920s", "the mid-1920s", "192X", "MID")
expect("the middle of August 1941", "the middle of August 1941", "1941-08", "MID")
expect("around 1920 things changed", "around 1920", "1920", "APPROX")
expect("a realist of the early 20th century", "the early 20th century", "19", "START")
expect("In the summer of 1941 the army", "the summer of 1941", "1941-SU")
-- ranges: the second half completes the first
do
  local ex = tag("The war (1914-17) and the revolt (499-479 BC) and 5-6 January 1916.")
  eq(find(ex, "1914") and find(ex, "1914").value, "1914", "range first year")
  eq(find(ex, "17") and find(ex, "17").value, "1917", "range short second year")
  eq(find(ex, "499") and find(ex, "499").value, "BC0499", "BC range first")
  eq(find(ex, "5") and find(ex, "5").value, "1916-01-05", "day range first")
end
-- relative expressions, anchored in narrative mode
do
  local text = "On May 10, 1940, Germany attacked. That same day Churchill took office. " ..
    "Twelve days later the line broke. The following year, in April, more came. " ..
    "Two years later it ended. The next day was quiet."
  local ex = tag(text)
  eq(find(ex, "That same day").value, "1940-05-10", "that same day")
  eq(find(ex, "That same day").anchor, "1940-05-10", "anchor recorded")
  eq(find(ex, "Twelve days later").value, "1940-05-22", "twelve days later")
  eq(find(ex, "The following year").value, "1941", "the following year")
  eq(find(ex, "April").value, "1941-04", "bare month takes the anchor's year")
  eq(find(ex, "Two years later").value, "1943", "two years later")
end
expect("In 1918 the war went on. In March the offensive began.", "March", "1918-03")
expect("It was 1930. Three years earlier he had left.", "Three years earlier", "1927")
expect("In 480 BC Xerxes came. In August the fleet sailed.", "August", "BC0480-08")
expect("In 490 BC they won. By 480 the Persians returned.", "480", "BC0480")
-- story time: the narrative frame, and anchors only inside it ------------------
do
  local anchor = require "clio.timex.anchor"
  local f = anchor.frame_of { 1919, 1919, 1920, 1920, 1920, 1919, 1920, 1920, 1919, 2004, 1813 }
  eq(f and f.lo, 1919, "frame: lo from the dense years, not the stray 1813")
  eq(f and f.hi, 1920, "frame: hi from the dense years, not the stray 2004")
  eq(anchor.frame_of { 1920, 1921 }, nil, "frame: too few dates give none")
  local p = anchor.parse_period "499BC-449BC"
  eq(p and p.lo, -498, "period: 499 BC is astronomical -498")
  eq(select(2, anchor.parse_period "1921-1919") ~= nil, true, "period: reversed is refused")

  -- the issue's case: a stray discovery year and a "since" year do not re-date the story
  local story = "In August 1920 the army reached the Vistula. In September 1919 the front had held. " ..
    "Documents found in 2004 describe it. It was the largest cavalry battle since 1813. " ..
    "In March 1920 the offensive began. On 18 September the army crossed the river, " ..
    "and on 12 October an armistice was signed."
  local ex = tag(story)
  eq(find(ex, "18 September") and find(ex, "18 September").value, "1920-09-18", "stray 2004/1813: 18 September stays in 1920")
  eq(find(ex, "12 October") and find(ex, "12 October").value, "1920-10-12", "stray years: 12 October stays in 1920")
  eq(find(ex, "2004") and find(ex, "2004").value, "2004", "a stray year is dated as written")
  -- the same text with the frame given
  local ex2 = tagger:anchor(tagger:extract("Found in 2004. On 18 September the army crossed."),
    { frame = { lo = 1920, hi = 1920 } })
  eq(find(ex2, "18 September") and find(ex2, "18 September").value, "XXXX-09-18",
    "a frame given: a date outside it anchors nothing")

  -- a date the text mentions rather than tells (a plan, a discovery, "since") anchors nothing
  local plan = tag("On 10 March 1975 the offensive began, ahead of a campaign planned for 1976. " ..
    "The town fell on 11 March.")
  eq(find(plan, "11 March") and find(plan, "11 March").value, "1975-03-11", "a planned year does not move the story")
  eq(find(plan, "1976") and find(plan, "1976").value, "1976", "the planned year is dated as written")
  -- the cue counts among the last three words before the date, after the last clause break
  local function mentioned(text, span)
    local e = find(tagger:extract(text), span)
    return e and e.mention or false
  end
  eq(mentioned("The works were found in 2004.", "2004"), true, "a cue two words before")
  eq(mentioned("The works were found by the army in 2004.", "2004"), false, "a cue five words before")
  eq(mentioned("It was found, they say, in 2004.", "2004"), false, "a cue before a clause break")
  eq(mentioned("Dated (found in 1813) and lost.", "1813"), true, "a cue after a parenthesis")
  eq(mentioned(string.rep("x", 200) .. " a plan since 1813", "1813"), true, "a cue after a long run of text")
  -- an excursion: a year far from the story on both sides moves nothing
  local exc = tag("In October 1974 he went to Hanoi, where a push in 1978 was debated. " ..
    "On 5 November he returned. In December 1974 the attack began.")
  eq(find(exc, "5 November") and find(exc, "5 November").value, "1974-11-05", "after an excursion: the story's year")
  -- a day counted from a month: the day stays unknown, the month only when no day passes
  expect("In June 1944 the landings came. That same day the weather turned.", "That same day", "1944-06-XX")
  expect("In April 1980 the raid failed. Three days later the talks stopped.", "Three days later", "1980-XX-XX")
  -- a winter is written with the year it ends in
  expect("In December 1914 the attack failed. In the winter the troops froze.", "the winter", "1915-WI")
  expect("In January 1942 the siege went on; the winter was hard.", "the winter", "1942-WI")
  -- the next season is this year's while it has not begun
  expect("In May 1975 Saigon fell, ahead of the coming monsoon.", "the coming monsoon", "1975-WET")
  expect("In October 1942 the front held until the next spring.", "the next spring", "1943-SP")
  -- ranges carry their year backwards
  expect("The siege lasted from May 15 to August 16, 1988.", "May 15", "1988-05-15")
  expect("In 1915 it ran from December 20 to January 5, 1917.", "December 20", "1916-12-20")
  -- a look back dates itself but leaves the story where it was
  local back = tag("In March 1905 the talks began. The previous year had been hard. " ..
    "In 1905 the fleet sailed; on January 25 it arrived. The previous year was worse. On January 29 it left.")
  eq(find(back, "The previous year") and find(back, "The previous year").value, "1904", "the previous year: 1904")
  eq(find(back, "January 29") and find(back, "January 29").value, "1905-01-29", "after a look back: the story's year")
end

-- news mode: resolve against the reference time, never today's date
do
  local ex = tag("The talks resumed the next day and again in March.", "2003-04-20")
  eq(find(ex, "the next day").value, "2003-04-21", "reference time: next day")
  eq(find(ex, "March").value, "2003-03", "reference time: month")
  local ex2 = tag("The talks resumed the next day.")
  eq(find(ex2, "the next day").value, "XXXX-XX-XX", "no anchor: left unresolved, not today")
end
-- durations, sets, references
expect("The siege lasted five years.", "five years", "P5Y")
expect("It lasted twenty-nine years.", "twenty-nine years", "P29Y")
expect("within a few days", "a few days", "PXD")
expect("for more than three years", "more than three years", "P3Y", "MORE_THAN")
expect("a ten-day battle", "ten-day", "P10D")
expect("They met every year.", "every year", "P1Y")
expect("The city is now a museum.", "now", "PRESENT_REF")
expect("the former capital", "former", "PAST_REF")
expect("At 10:57 the guns stopped.", "10:57", "XXXX-XX-XXT10:57")

---------------------------------------------------------------------------
-- a phrase after "of"/"after"/"before"/"following" ends with its noun phrase or
-- subordinate clause, never running into the main clause
expect("Within a year of Trotsky’s expulsion from the Soviet Union Stalin turned on Bukharin.",
  "a year of Trotsky’s expulsion from the Soviet Union", "P1Y")
expect("Within days of his assassination people were being interrogated.",
  "days of his assassination", "PXD")
expect("Decades after his death his legacy still continues to create debate.",
  "Decades after his death", "PXDE")
expect("It lasted two months of fierce battles.", "two months of fierce battles", "P2M")
expect("In 1775 the war began. Three weeks after the siege of Boston began the army moved.",
  "Three weeks after the siege of Boston began", "1775")
expect("On 8 August 1918 they attacked. The day after the battle Ludendorff told the Kaiser.",
  "The day after the battle", "1918-08-09")
expect("In 1950 the war began, two days after the KPA invaded and three months before the truce.",
  "two days after the KPA invaded", "1950")
expect("There were ten days of sporadic fighting in a faked battle occurred between them.",
  "ten days of sporadic fighting in a faked battle", "P10D")
expect("In 1936 the relief came. Two days after relieving the siege, Franco entered.",
  "Two days after relieving the siege", "1936")
expect("the years following the First Punic War improving its finances", "the years following the First Punic War", "PXY")

---------------------------------------------------------------------------
-- traps: numbers that are not years or dates
none("as argued (Wiener & Arnold 199). The", "199")
none("he was sent to Siberia (Wood, 5, 10). In", "5, 10")
none("after the passing of sentences.”(Page 37, Kirov Murder) This", "37")
none("This was the first out of 3 trials (better known as", "3 trials")
none("That same year the 10th anniversary of the October", "10th anniversary")
none("Stalin’s five-year plans lured many", "five-year plan")
none("the first five year plan began", "five year plan")
none("a decree stating “1) Investigation agencies", "1)")
none("In the Long March the army walked", "March")
none("He led 1500 men across the river.", "1500")
none("The price rose by 3.14 percent.", "3.14")
-- ranges of days joined by a word: each day is its own expression
expect("From 15 to 22 February 1984, in Operation Dawn", "15", "1984-02-15")
expect("From 15 to 22 February 1984, in Operation Dawn", "22 February 1984", "1984-02-22")
expect("In 1954 the final fall took two days, May 6 and 7th, during", "7th", "1954-05-07")
expect("In 1915 they met on April 13 to 15.", "15", "1915-04-15")
none("In 1865 on May 4 and 5 soldiers died.", "5 soldiers")
-- durations: one adjective between number and unit, "month-long" is one month
expect("After two bloody weeks of fighting the line held.", "two bloody weeks of fighting", "P2W")
expect("They waited three more days.", "three more days", "P3D")
expect("It was a month-long siege.", "month-long", "P1M")
expect("It was a months-long siege.", "months-long", "PXM")
expect("It lasted 20 years.", "20 years", "P20Y")
none("the two great wars of the century", "two great wars")
-- labels and counts make four digits a number
none("Citing Security Council Resolution 1483 (May 22, 2003), the", "1483")
none("The Commune sent gangs to butcher 1400 victims, and", "1400")
-- "the fall of X" is a capture, not autumn, unless X is a year
none("In 1944, after the fall of Paris, the army", "the fall")
expect("In 1943 the front held. In the fall of 1944 it broke.", "the fall of 1944", "1944-FA")
expect("In 1943 the front held through the fall and winter.", "the fall", "1943-FA")
-- "the 30,000 men" and "the 1.5 million" are numbers; "the 20," is a day
none("In March 1777, the 30,000 men waited.", "the 30")
none("In March 1777, the 1.5 million people waited.", "the 1")
expect("He reached the town on March 3, 1777. On the 20, he left.", "the 20", "1777-03-20")
-- no day that never was: February 29 in a common year keeps its year unknown
expect("In 1995 the plan was made. On February 29 the troops left.", "February 29", "XXXX-02-29")
expect("In 1996 the plan was made. On February 29 the troops left.", "February 29", "1996-02-29")
-- an ordinal day after a preposition, running on into its clause
expect("In September 1917 the onslaught on the 20th was successful.", "the 20th", "1917-09-20")
expect("In October 1950 they moved it from the 13th to the 19th of October.", "the 13th", "1950-10-13")
none("In 1917 the 5th was ordered to attack.", "the 5th")
-- a clock time before its day, too
expect("In 2003, at 9:34 p.m., March 19, the strikes began.", "9:34 p.m., March 19", "2003-03-19T21:34")
-- hours of one digit from 0 to 2 ("1:00", "1 pm": a greedy optional digit ate them)
expect("At 1:00AM the troops moved.", "1:00AM", "XXXX-XX-XXT01:00")
expect("He spoke at 1 pm and left.", "1 pm", "XXXX-XX-XXT13:00")
expect("The shelling began at 2.30 p.m. sharp.", "2.30 p.m.", "XXXX-XX-XXT14:30")
-- a bare clock time needs a cue: a word before ("at 10:57"), one after ("11:30 local
-- time"), a range ("19:00-03:00hrs"); chapter and verse, scores and ratios are none
expect("He was shot at 10:57 and died at 10:58.", "10:58", "XXXX-XX-XXT10:58")
expect("The troops marched (19:00-03:00hrs) at night.", "19:00", "XXXX-XX-XXT19:00")
expect("The attack began 11:30 local time.", "11:30", "XXXX-XX-XXT11:30")
none("the service of the house of God.  9:14 And of the Levites;", "9:14")
none("The final score was 3:15 that day.", "3:15")
do -- the French profile's cues, a word beyond ASCII among them
  local fr = timex.new { lang = "fr" }
  local found = fr:anchor(fr:extract("Il fut tué à 10:57 et mourut."), {})
  eq(found[1] and found[1].value, "XXXX-XX-XXT10:57", "fr: à 10:57")
  eq(#fr:anchor(fr:extract("Verset 9:14 Et les lévites."), {}), 0, "fr: a verse number")
end
-- a day and its clock time are one expression
expect("On 8 May 1945 2:41 a.m. the surrender was signed.", "8 May 1945 2:41 a.m.", "1945-05-08T02:41")
expect("In 1945, on May 8 1:00AM it took effect.", "May 8 1:00AM", "1945-05-08T01:00")
expect("In 1945, on March 8 10 men died.", "March", "1945-03") -- "8 10" is no day and time
-- "soon after" brings in an event, "soon afterwards" is a time
none("In 1777 soon after the battle he left.", "soon after")
expect("In 1777 he fell ill. Soon afterwards he left.", "Soon afterwards", "PRESENT_REF")

-- a weekday counted from the day the text is at: before it, after it, the nearest
expect("On Wednesday, 15 March 1815 they met. He came last Monday.", "last Monday", "1815-03-13")
expect("On Wednesday, 15 March 1815 they met. He came the following Friday.", "the following Friday", "1815-03-17")
expect("On Wednesday, 15 March 1815 they met. He comes next Wednesday.", "next Wednesday", "1815-03-22")
expect("On Wednesday, 15 March 1815 they met. He came this Tuesday.", "this Tuesday", "1815-03-14")
expect("He came last Monday.", "last Monday", "XXXX-WXX-1")
-- "the month of August" is the month; a month counted from a year alone is unknown
expect("In 1833 it was not until late in the month of August that I heard.", "late in the month of August",
  "1833-08", "END")
expect("In 1833, early in the month, he came.", "early in the month", "1833-XX", "START")
eq(select(2, timeline.interval("1833-XX", "START")) - timeline.interval("1833-XX", "START"), 365,
  "an unknown month's START spans its whole year")
-- "the" between month and day, with a year only
expect("Since September the 11th, 2001, we have acted.", "September the 11th, 2001", "2001-09-11")
expect("In March 1917 the 3rd Army attacked. In March the 3rd Army held.", "March", "1917-03")
none("In March 1917 the 3rd Army attacked. In March the 3rd Army held.", "the 3rd")

-- a bound phrase before a date stays outside its span and is kept as ex.bound; the
-- longest phrase wins ("no later than" is BEFORE, not "later than"'s AFTER)
local function bound_of(text, span)
  local e = find(tag(text), span)
  check(e ~= nil, string.format("%q: span %q not found", text, span))
  return e and e.bound
end
eq(bound_of("Trade fell prior to 1914 and rose again.", "1914"), "BEFORE", "prior to")
eq(bound_of("The army held the line until\n  March 1917.", "March 1917"), "BEFORE", "until, over a line break")
eq(bound_of("Peace was to be signed no later than 1920.", "1920"), "ON_OR_BEFORE", "no later than")
eq(bound_of("The state grew after 1920.", "1920"), "AFTER", "after")
eq(bound_of("By 1930 the plan was abandoned.", "1930"), "ON_OR_BEFORE", "a bound that opens the sentence")
eq(bound_of("The state has grown since 1990.", "1990"), "ON_OR_AFTER", "since")
eq(bound_of("In 1920 the state grew.", "1920"), nil, "in: no bound")
eq(bound_of("In 1944 they waited. Not until last October were they paid.", "last October"), nil,
  "not until: when it began, no bound")
eq(bound_of("They did not know of the armistice until August 2, 1865.", "August 2, 1865"), nil,
  "a negation earlier in the clause")
eq(bound_of("It wasn’t until 1928 that he ruled.", "1928"), nil, "a contracted negation")
eq(bound_of("He did not rest, and fought until 1928.", "1928"), "BEFORE", "a negation in another clause")
eq(bound_of("In 1944 factories were hit hard by the present crisis.", "the present"), nil,
  "a reference value takes no bound")
eq(bound_of("The state grew (after) 1920.", "1920"), nil, "a bracket between: no bound")
eq(bound_of("The thereafter 1920 plan.", "1920"), nil, "a word that ends in a bound phrase is none")

---------------------------------------------------------------------------
-- the sample corpus: every year-like number is found with the right value
local corpus_dirs = { "data/corpora/stalin-essays", "../shared/corpora/stalin-essays" }
local files = {}
for _, dir in ipairs(corpus_dirs) do
  local ls = io.popen('ls "' .. dir .. '" 2>/dev/null')
  for name in ls:lines() do
    if name:match "%.txt$" then files[#files + 1] = dir .. "/" .. name end
  end
  ls:close()
  if #files > 0 then break end
end
-- expected values of phrases in the corpus (text -> value[, mod])
local corpus_expect = {
  ["1917"] = "1917", ["1922"] = "1922", ["1924"] = "1924", ["January 1925"] = "1925-01",
  ["1926"] = "1926", ["1928"] = "1928", ["the end of 1929"] = "1929", ["September 1932"] = "1932-09",
  ["1934"] = "1934", ["December 1934"] = "1934-12", ["1918"] = "1918", ["1940"] = "1940",
  ["the early 1920’s"] = "192X", ["the late 1920s"] = "192X", ["1945"] = "1945",
  ["September 1928"] = "1928-09", ["1929"] = "1929", ["January 1924"] = "1924-01",
  ["the 20th century"] = "19", ["the early 20th century"] = "19",
}
local seen_phrases = 0
for _, path in ipairs(files) do
  local f = assert(io.open(path, "rb")); local text = f:read "a"; f:close()
  local ex = tag(text)
  local covered = {}
  for _, e in ipairs(ex) do
    if corpus_expect[e.text] then
      seen_phrases = seen_phrases + 1
      eq(e.value, corpus_expect[e.text], path .. ": " .. e.text)
    end
    for i = e.start, e["end"] - 1 do covered[i] = e end
  end
  -- every four-digit 1xxx/20xx number in the text lies inside a DATE with that year
  for pos, y in text:gmatch "()%f[%d](1[5-9]%d%d)%f[%D]" do
    local e = covered[pos - 1]
    check(e and e.type == "DATE" and tostring(e.value):find(y:sub(1, 3), 1, true) == 1,
      string.format("%s: year %s at %d not tagged right (%s)", path, y, pos - 1, e and e.value or "none"))
  end
  -- and no trap
  for _, trap in ipairs { "Arnold 199", "Wood, 5, 10", "Page 37", "3 trials", "10th anniversary" } do
    local s = text:find(trap, 1, true)
    if s then
      for _, e in ipairs(ex) do
        check(not (e.start < s - 1 + #trap and s - 1 < e["end"]), path .. ": trap tagged: " .. trap)
      end
    end
  end
end
if #files > 0 then check(seen_phrases >= 20, "corpus phrases found: " .. seen_phrases) end

---------------------------------------------------------------------------
-- spans restrict the scan; base shifts offsets
do
  local text = "In 1922 this. In 1924 that."
  local ex = tagger:extract(text, { base = 100, spans = { { start = 114, ["end"] = 127 } } })
  eq(#ex, 1, "spans: one expression")
  eq(ex[1] and ex[1].start, 117, "spans: offset includes base")
  eq(ex[1] and ex[1].text, "1924", "spans: text")
end

---------------------------------------------------------------------------
-- extension: data and rules from a script
do
  local t2 = timex.new {
    data = { holidays = { ["bastille day"] = "07-14" }, months = { brumaire = 11 } },
    rules = {
      { name = "year-of-our-lord",
        pattern = function(p) return p.ci "the year of our lord" * p.ws * p.year end },
      { name = "regnal", pattern = lpeg.P "AUC " * lpeg.C(lpeg.R "09" ^ 1),
        normalize = function(c) return { type = "DATE", value = string.format("%04d", tonumber(c[2]) - 753) } end },
    },
  }
  local ex = t2:anchor(t2:extract("In the year of our Lord 1492 and AUC 2000, on Bastille Day 1790, in Brumaire 1799."))
  eq(find(ex, "the year of our Lord 1492") and find(ex, "the year of our Lord 1492").value, "1492", "user rule with shared patterns")
  eq(find(ex, "AUC 2000") and find(ex, "AUC 2000").value, "1247", "user rule with own normalize")
  eq(find(ex, "Bastille Day 1790") and find(ex, "Bastille Day 1790").value, "1790-07-14", "user holiday data")
  eq(find(ex, "Brumaire 1799") and find(ex, "Brumaire 1799").value, "1799-11", "user month data")
  t2:add_rule { name = "late", pattern = lpeg.P "Anno " * t2.p.year }
  eq(#t2:extract("Anno 1600") >= 1 and t2:extract("Anno 1600")[1].value, "1600", "add_rule after new")
  check(timex.patterns and timex.patterns.month ~= nil, "timex.patterns exposes sub-patterns")
end

---------------------------------------------------------------------------
-- trigger words: which sentences the core must hand over
do
  local function has(list, w) for _, x in ipairs(list or {}) do if x == w then return true end end return false end
  local tw = tagger:trigger_words()
  check(has(tw, "year") and has(tw, "september") and has(tw, "now") and has(tw, "century"), "trigger words from the data")
  check(has(tw, "sept") and has(tw, "time"), "trigger words: abbreviations without the period, rule words")
  check(not has(tw, "the") and not has(tw, "a") and not has(tw, "about"), "no function words among the triggers")
  local comp = tagger:compound_triggers { "ten-day", "mid-1916", "5:30pm", "ad79", "well-known", "may't", "early-october" }
  eq(table.concat(comp, " "), "ten-day mid-1916 5:30pm may't early-october", "compound tokens that can hold a match")
  local t3 = timex.new { data = { months = { brumaire = 11 } } }
  check(has(t3:trigger_words(), "brumaire"), "data added by a script widens the triggers")
  t3:add_rule { name = "plenum", pattern = lpeg.C(lpeg.P "the July plenum"), triggers = { "plenum" } }
  check(has(t3:trigger_words(), "plenum"), "a user rule declares its triggers")
  t3:add_rule { name = "anno", pattern = lpeg.P "Anno " * t3.p.year }
  eq(t3:trigger_words(), nil, "a user rule without triggers: every sentence is scanned")
  -- candidate spans give what the whole text gives
  local text = "Nothing here. In 1922 he rose. The following year he fell; a ten-day battle. Then mid-1916 came.\n\nAt last."
  local spans = {}
  for s, e in text:gmatch "()[^.]+%.()" do spans[#spans + 1] = { start = s - 1, ["end"] = e - 1 } end
  local whole, parts = tagger:extract(text), tagger:extract(text, { spans = spans })
  eq(#parts, #whole, "same expressions from sentence spans")
  for i = 1, #whole do eq(parts[i] and parts[i].text, whole[i].text, "span scan finds " .. whole[i].text) end
end

---------------------------------------------------------------------------
-- timeline: intervals, ordering, merging
do
  local lo1, hi1 = timeline.interval("192X")
  local lo2, hi2 = timeline.interval("1925")
  check(lo1 <= lo2 and hi2 <= hi1, "decade contains its years")
  local lo3, hi3 = timeline.interval("192X", "END")
  check(lo3 > lo1 and hi3 == hi1, "END narrows to the last part")
  check(select(1, timeline.interval("BC0499")) < select(1, timeline.interval("0001")), "BC before AD")
  check(select(1, timeline.interval("BC08")) < select(1, timeline.interval("BC0700")), "BC century before later BC year")
  local d1 = "In 1924 Lenin died of a stroke. Trotsky was removed in January 1925."
  local d2 = "Lenin died in 1924, after years of illness."
  local e1 = timeline.events("a", d1, 0, nil, tag(d1))
  local e2 = timeline.events("b", d2, 0, nil, tag(d2))
  eq(#e1, 2, "events of doc a")
  eq(e1[1].participants[1], "Lenin", "participants exclude 'In' and dates")
  local all = {}
  for _, e in ipairs(e1) do all[#all + 1] = e end
  for _, e in ipairs(e2) do all[#all + 1] = e end
  local tl = timeline.build(all)
  eq(#tl, 2, "same event in two documents merged")
  eq(tl[1].value, "1924", "ordered by date")
  eq(#tl[1].citations, 2, "merged entry cites both documents")
end

---------------------------------------------------------------------------
-- fuzz: hostile input returns quickly and never errors
do
  local function timed(label, s)
    local t0 = os.clock()
    local ok, err = pcall(function() return tagger:anchor(tagger:extract(s)) end)
    local dt = os.clock() - t0
    check(ok, label .. " raised: " .. tostring(err))
    check(dt < 2, string.format("%s took %.2fs", label, dt))
  end
  timed("100k digits", string.rep("1", 100000))
  timed("digits and dashes", string.rep("1939-", 20000))
  timed("May May May", string.rep("May ", 25000))
  timed("months and commas", string.rep("September 1, ", 10000))
  timed("the the", string.rep("the early the end of ", 10000))
  timed("apostrophes", string.rep("'9'", 30000))
  local seed = 12345
  local function rnd(n) seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n end
  local alphabet = { "1", "9", "2", " ", "-", ",", ".", "'", "’", "May", "the", "of", "BC", "early",
                     "years", "later", "\n", "th", "s", "a", "0", ":", "\0", "\255" }
  for round = 1, 200 do
    local parts = {}
    for i = 1, rnd(200) do parts[i] = alphabet[rnd(#alphabet) + 1] end
    local s = table.concat(parts)
    local ok, err = pcall(function() tagger:anchor(tagger:extract(s)) end)
    check(ok, "random string raised: " .. tostring(err))
  end
  -- mutate real dates
  local base = "On September 1, 1939, and the early 1920’s, in 499 BC, two years later."
  for round = 1, 200 do
    local i = rnd(#base) + 1
    local s = base:sub(1, i - 1) .. string.char(rnd(256)) .. base:sub(i + 1)
    local ok = pcall(function() tagger:anchor(tagger:extract(s)) end)
    check(ok, "mutated string raised")
  end
end

---------------------------------------------------------------------------
-- older English: "the 1st day of July, 1862", and last/next after the date ("June last",
-- "the 1st of January next"), counted from the time of writing when it is known
expect("On the 1st day of July, 1862, the Treasury held funds.", "the 1st day of July, 1862", "1862-07-01")
expect("In 1862 it was proclaimed on the 22d day of September.", "the 22d day of September", "1862-09-22")
expect("It began in 1861. On the first day of June the army moved.", "the first day of June", "1861-06-01")
do
  local text = "The war began in 1861. In the month of June last the Sioux rose. The law takes " ..
    "effect on the 1st of January next, and on the 30th of September last we paid. In May next year we meet."
  local function value_of(exprs, span)
    local e = find(exprs, span)
    check(e ~= nil, span .. " tagged whole")
    return e and e.value
  end
  -- with the time of writing: the nearest such day before / after it
  local w = tagger:anchor(tagger:extract(text), { document_time = "1862-12-01" })
  eq(value_of(w, "the month of June last"), "1862-06", "the month of June last, written December 1862")
  eq(value_of(w, "the 1st of January next"), "1863-01-01", "the 1st of January next")
  eq(value_of(w, "the 30th of September last"), "1862-09-30", "the 30th of September last")
  check(find(w, "May next") == nil, "\"May next year\": next belongs to the year")
  -- without it, the story's year, as a bare month
  local n = tag(text)
  eq(value_of(n, "the month of June last"), "1861-06", "June last in the story")
end

print(string.format("%d passed, %d failed", passed, failed))
if failed > 0 then error(failed .. " spec(s) failed") end
