-- clio.timeline's views through the Lua API: what `clio timeline` prints, as records and
-- notes in order, from one run over the bundled essays.
local spec = dofile("tests/lua/spec.lua")
local clio = require "clio"
local timeline = clio.timeline

local corpus = assert(clio.open("data/corpora/stalin-essays"))
local tl = timeline.run(corpus, { all = true })

spec.it("the table: an entry per merged event, the other expressions after a blank note, a count", function()
  local columns, items = timeline.view(tl, "table", { all = true })
  spec.eq(columns, { "when", "mod", "event", "participants", "sources" })
  local first = items[1]
  spec.eq(first.when, tl.entries[1].value)
  spec.eq(#first.sources, #tl.entries[1].citations)
  spec.contains(first.sources[1], tl.entries[1].citations[1].doc .. ":")
  spec.eq(items[#tl.entries + 1], "", "a blank note before the durations, sets and times")
  spec.eq(items[#items], string.format("%d expressions, %d dated events, %d timeline entries in 16 documents",
    tl.expressions, #tl.events, #tl.entries))
  for i = 1, #tl.entries do spec.eq(utf8.len(items[i].event) <= 70, true, items[i].event) end
  local _, short = timeline.view(tl, "table", {})
  spec.eq(#short, #tl.entries + 1, "without all: the entries and the count")
end)

spec.it("other formats: the entries with day intervals; jsonl keeps citations as records", function()
  local columns, rows = timeline.view(tl, "csv")
  spec.eq(columns, { "value", "mod", "bound", "lo", "hi", "clause", "participants", "citations" })
  spec.eq(#rows, #tl.entries)
  spec.eq(rows[1].lo:match "^%-?%d+%-%d%d%-%d%d$" ~= nil, true, rows[1].lo)
  spec.eq(type(rows[1].citations[1]), "string")
  local _, jrows = timeline.view(tl, "jsonl")
  spec.eq(jrows[1].citations, tl.entries[1].citations)
end)

spec.it("an expression record: its sentence as a span, participants only for events", function()
  local seen_event, seen_other
  for e in timeline.expressions(corpus) do
    local csv, jsonl = timeline.expression_record(e, "csv"), timeline.expression_record(e, "jsonl")
    spec.eq(csv.sentence, e.sentence and (e.sentence.start .. "-" .. e.sentence["end"]))
    spec.eq(jsonl.sentence, e.sentence)
    if e.lo then seen_event = true; spec.eq(csv.participants, e.participants)
    else seen_other = true; spec.eq(csv.participants, nil) end
  end
  spec.eq(seen_event and seen_other, true)
end)

spec.it("with worker threads the main state anchors with the grammar built, not compiled", function()
  local job, layer = require "clio.timeline_job", require "clio.annotate.timex"
  -- a language named outright: a grammar of its own in this state, not the one run() built
  local r = layer.runner { threads = 2, lang = "en" }
  local threads = r.pool.threads
  local exprs
  r:add(corpus:doc(1), function(v) exprs = v end)
  while exprs == nil do r:step() end
  r:close()
  local main = job.tagger_for({}, "en", true)
  spec.eq(rawget(main, "scan") == nil, threads > 1, "compiled in the main state with " .. threads .. " thread(s)")
  -- the same expressions as one thread computes
  local one = layer.runner { threads = 1, lang = "en" }
  local exprs1
  one:add(corpus:doc(1), function(v) exprs1 = v end)
  while exprs1 == nil do one:step() end
  one:close()
  spec.eq(#exprs, #exprs1)
  for i = 1, #exprs do spec.eq(exprs[i].value, exprs1[i].value, exprs[i].text) end
  spec.eq(rawget(main, "scan") ~= nil, true, "one thread: compiled where the jobs run")
end)

spec.it("participants: names inside quotes and beside dashes, capitals beyond ASCII", function()
  spec.eq(timeline.participants("Hitler met «Mussolini» at “Munich” in 1938"),
    { "Hitler", "Mussolini", "Munich" })
  spec.eq(timeline.participants("at Munich—Chamberlain came"), { "Munich", "Chamberlain" })
  spec.eq(timeline.participants("Ölander and Жуков"), { "Ölander", "Жуков" })
  spec.eq(timeline.participants("Жуков met Trotsky’s men, and I left"), { "Жуков", "Trotsky" })
end)

-- the events of a text, as clio.timeline gives them: text -> { [date text] = participants }
local function participants_of(text)
  local tagger = require("clio.timex").new()
  local exprs = tagger:extract(text, { base = 0 })
  tagger:anchor(exprs)
  local out = {}
  for _, e in ipairs(timeline.events("d", text, 0, nil, exprs)) do out[e.text] = e.participants end
  return out
end

spec.it("participants: no words of the clause's dates, its own or another's", function()
  local p = participants_of("The war ended in 1945. Last September, I transmitted to the Congress "
    .. "a report. From Christmas Day 1914 to New Year's Day 1915 Haig waited at Ypres. "
    .. "Two Weeks later Grant came.")
  spec.eq(p["Last September"], { "Congress" })
  spec.eq(p["Christmas Day 1914"], { "Haig", "Ypres" })
  spec.eq(p["New Year's Day 1915"], { "Haig", "Ypres" })
  spec.eq(p["Two Weeks later"], { "Grant" })
  -- a date inside a capitalized run cuts it: two names, not one
  spec.eq(timeline.participants("Haig 1915 Ypres", { { 6, 10 } }), { "Haig", "Ypres" })
end)

spec.it("participants: no function word, contraction, dash or heading taken for a name", function()
  -- a function word or a contraction starts no name (the profile's stopwords, contractions)
  spec.eq(timeline.participants("Our Government and You met Lincoln"), { "Government", "Lincoln" })
  spec.eq(timeline.participants("I'll see Nantucket; We’ve seen Boston and O'Brien"),
    { "Nantucket", "Boston", "O'Brien" })
  -- a double hyphen, a hyphen at the end or before a function word is a dash
  spec.eq(timeline.participants("the Senate--as Congress knows--and Benjamin-- left the House-as we saw"),
    { "Senate", "Congress", "Benjamin", "House" })
  -- headings written in capitals, and a sentence opener after them, are no names
  spec.eq(timeline.participants("THE FEDERAL BUDGET FOR DEFENSE The Congress voted"), { "Congress" })
  spec.eq(timeline.participants("CIVIL RIGHTS The Senate met Grant"), { "Senate", "Grant" })
  -- acronyms and capitalized function words inside a name stay
  spec.eq(timeline.participants("NATO and the Violence Against Women Act"), { "NATO", "Violence Against Women Act" })
end)

spec.it("participants: a name's particles stay inside it, only before a capitalized word", function()
  spec.eq(timeline.participants("the crowd filled the Place de la Concorde"), { "Place de la Concorde" })
  spec.eq(timeline.participants("Charles de Gaulle and Osama bin Laden met Leonardo da Vinci"),
    { "Charles de Gaulle", "Osama bin Laden", "Leonardo da Vinci" })
  -- not before a lower-case word, nor at the end, nor with punctuation after the particle
  spec.eq(timeline.participants("Lenin gave Trotsky de facto control"), { "Lenin", "Trotsky" })
  spec.eq(timeline.participants("Stalin de la"), { "Stalin" })
  spec.eq(timeline.participants("Stalin de, Paris"), { "Stalin", "Paris" })
  -- nor a joiner that is also a common word ("warned Stalin of German plans")
  spec.eq(timeline.participants("warned Stalin of German plans"), { "Stalin", "German" })
  -- joiners stay after a title or an organization's, place's or event's first word
  spec.eq(timeline.participants("the Duke of Wellington won at Waterloo"), { "Duke of Wellington", "Waterloo" })
  spec.eq(timeline.participants("the Battle of the Somme began"), { "Battle of the Somme" })
  spec.eq(timeline.participants("the Secretary of the Treasury and the Bank of England met"),
    { "Secretary of the Treasury", "Bank of England" })
  spec.eq(timeline.participants("Battle of the"), { "Battle" }, "joiners with no name after them")
end)

spec.it("participants: a sentence's first word alone, shaped as a common word, is none", function()
  spec.eq(timeline.participants("Legislation was passed by Congress", nil, true), { "Congress" })
  spec.eq(timeline.participants("Improvements came to Ohio", nil, true), { "Ohio" })
  -- names keep their place, and so does such a word inside a sentence or a longer name
  spec.eq(timeline.participants("Florence and Lawrence met", nil, true), { "Florence", "Lawrence" })
  spec.eq(timeline.participants("Legislation was passed by Congress"), { "Legislation", "Congress" })
  spec.eq(timeline.participants("Reconstruction Finance Corporation lent", nil, true),
    { "Reconstruction Finance Corporation" })
  -- through the events: the clause that opens its sentence
  local p = participants_of("The war ended in 1945. Legislation in 1946 gave Congress a budget.")
  spec.eq(p["1946"], { "Congress" })
end)

spec.it("a bound date is its own entry, labelled with its bound, on worker threads too", function()
  -- three documents of their own (spec.write's folder is shared, so opened by path)
  local c = assert(clio.open {
    spec.write("Witte reformed the railways prior to 1914. Witte left office.\n", "bound-a.txt"),
    spec.write("Witte reformed the railways in 1914. Witte was praised.\n", "bound-b.txt"),
    spec.write("Historians say that before 1914 Witte reformed the railways.\n", "bound-c.txt"),
  })
  for _, threads in ipairs { 1, 2 } do
    local run = timeline.run(c, { threads = threads, store = false })
    local by = {}
    for _, en in ipairs(run.entries) do by[en.value .. "/" .. tostring(en.bound)] = en end
    spec.eq(#run.entries, 2, "before 1914 (twice, merged) and 1914: " .. threads .. " thread(s)")
    spec.eq(#by["1914/BEFORE"].citations, 2)
    spec.eq(#by["1914/nil"].citations, 1)
  end
  spec.eq(require("clio.report.timeline").label("1914-03", nil, "BEFORE"), "before Mar 1914")
end)

return spec.done()
