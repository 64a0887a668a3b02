--- clio.timeline.run and clio.timeline.expressions: the timeline of a corpus from its
--- "timex" annotations (clio.annotate), computed once per document and cached.
---
---   for r in clio.timeline.expressions(corpus, opts) do ... end  -- one record per expression
---   local tl = clio.timeline.run(corpus, opts)                   -- events and merged entries
---
--- opts: grammar (files extending the grammar), lang, reference_time, period, scan_all,
--- threads, all
--- (run: keep the records of every expression, not only events), progress(fmt, ...).
local clio = require "clio"
local annotate = require "clio.annotate"
local timeline = require "clio.timeline"

local M = {}

--- Checks options a user gave; returns nil or a message.
function M.check(opts)
  if opts.reference_time and not tostring(opts.reference_time):match("^%d%d%d%d%-?%d?%d?%-?%d?%d?$") then
    return string.format("--reference-time takes YYYY, YYYY-MM or YYYY-MM-DD, not '%s'", opts.reference_time)
  end
  if opts.period then
    local ok, err = require("clio.timex.anchor").parse_period(opts.period)
    if not ok then return "--period: " .. tostring(err) end
  end
  if opts.threads and not (math.tointeger(opts.threads) and opts.threads >= 1 and opts.threads <= 64) then
    return string.format("--threads takes a number from 1 to 64, not '%s'", opts.threads)
  end
end

--- The annotation options of a corpus run: worker threads only past a few MB (each
--- worker builds its own grammar).
function M.layer_options(corpus, opts)
  local o = setmetatable({}, { __index = opts })
  if not opts.threads then
    local bytes = 0
    for doc in corpus:docs() do
      bytes = bytes + doc["end"] - doc.start
      if bytes >= 4 << 20 then break end
    end
    o.corpus_bytes = bytes
  end
  return o
end

--- expressions(corpus, opts) -> iterator over expression records in document order:
--- { doc, start, end, text, type, value, mod, bound, anchor, sentence = {start, end},
---   participants (DATE), clause = {start, end, text} (DATE), lo, hi (an event: a DATE
---   with an interval) }. Only the document in hand is kept.
function M.expressions(corpus, opts)
  opts = opts or {}
  local lopts = M.layer_options(corpus, opts)
  local progress = opts.progress
  local docs = annotate.each(corpus, { "timex" }, lopts)
  local list, i, doc_id = {}, 0, nil
  local n = 0
  return function()
    while true do
      i = i + 1
      local e = list[i]
      if e then
        e.doc = doc_id
        if e.type == "DATE" and e.value and e.clause then e.lo, e.hi = timeline.interval(e.value, e.mod) end
        return e
      end
      local doc, layers = docs()
      if not doc then return nil end
      n = n + 1
      if progress then progress("timeline: %d/%d documents", n, #corpus) end
      list, i, doc_id = layers.timex, 0, doc.id
    end
  end
end

--- run(corpus, opts) -> { entries (merged, ordered), events, records (opts.all: every
--- expression), expressions (count), documents (count) }
function M.run(corpus, opts)
  opts = opts or {}
  local events, records, nexprs = {}, {}, 0
  for e in M.expressions(corpus, opts) do
    nexprs = nexprs + 1
    if e.lo then events[#events + 1] = e end
    if opts.all then records[#records + 1] = e end
  end
  return { entries = timeline.build(events, opts), events = events, records = records,
    expressions = nexprs, documents = #corpus }
end

--- A citation as the table views print it: "DOC:START-END".
function M.citation(c) return string.format("%s:%d-%d", c.doc, c.start, c["end"]) end

local function citations(en)
  local list = {}
  for i, c in ipairs(en.citations) do list[i] = M.citation(c) end
  return list
end

--- expression_record(e, format) -> an expression of M.expressions as `clio timeline`
--- prints it: the sentence as a record in jsonl, "START-END" otherwise; participants
--- only for dated events.
function M.expression_record(e, format)
  local s = e.sentence
  return { doc = e.doc, start = e.start, ["end"] = e["end"], text = e.text, type = e.type, value = e.value,
    mod = e.mod, bound = e.bound, anchor = e.anchor, sentence = s and (format == "jsonl" and s or s.start .. "-" .. s["end"]),
    participants = e.lo and e.participants or nil }
end

--- view(tl, format, opts) -> columns, items: a run's timeline as `clio timeline` prints
--- it, items in order, each a record or a string (a note between records). The table
--- format gives the timeline itself (clauses cut to 70 characters; with opts.all the
--- durations, sets and times of tl.records after it) and a note counting what was
--- found; other formats give the merged entries with their day intervals.
function M.view(tl, format, opts)
  local items = {}
  if format ~= "table" then
    for _, en in ipairs(tl.entries) do
      items[#items + 1] = { value = en.value, mod = en.mod, bound = en.bound, lo = timeline.day_string(en.lo),
        hi = timeline.day_string(en.hi), clause = en.clause, participants = en.participants,
        citations = format == "jsonl" and en.citations or citations(en) }
    end
    return { "value", "mod", "bound", "lo", "hi", "clause", "participants", "citations" }, items
  end
  for _, en in ipairs(tl.entries) do
    local clause = (en.clause or ""):gsub("%s+", " ")
    if #clause > 70 then clause = clause:sub(1, (utf8.offset(clause, 68) or 69) - 1) .. "…" end
    -- the table's one qualifier column: a bound reads as a mod ("before 1914")
    items[#items + 1] = { when = en.value, mod = en.mod or en.bound, event = clause, participants = en.participants, sources = citations(en) }
  end
  if opts and opts.all then
    items[#items + 1] = ""
    for _, r in ipairs(tl.records) do
      if r.type ~= "DATE" then items[#items + 1] = { when = r.value, mod = r.type, event = r.text, sources = { M.citation(r) } } end
    end
  end
  items[#items + 1] = string.format("%d expressions, %d dated events, %d timeline entries in %d documents",
    tl.expressions, #tl.events, #tl.entries, tl.documents)
  return { "when", "mod", "event", "participants", "sources" }, items
end

return M
