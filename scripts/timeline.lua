-- timeline: dates in narrative text, normalized, anchored and placed on a cited timeline
--
-- usage: clio timeline [options] PATH...
-- Finds temporal expressions (dates, times, durations, sets) with the grammar in
-- lua/clio/timex/ (clio.timex), resolves relative ones against the most recent date before them
-- in the same document (or --reference-time), and orders the dated events. The table
-- view is the timeline: one entry per event, the same event told by several documents
-- merged and citing all of them. --format jsonl/csv/tsv prints one record per
-- expression (doc, start, end, text, type, value, mod, anchor, sentence,
-- participants); add --entries for the merged timeline entries instead.
-- --grammar FILE.lua extends the grammar: the file returns a function(tagger) that may
-- call tagger:add_rule{...}, or a table of extra data (month names, ...).
--
-- How it runs: the core picks the candidate sentences of each document; pieces of them
-- go, in jobs of about JOB_BYTES, to worker threads (clio.timeline_job: the grammar,
-- and each date's clause and participants); results come back in order, and this
-- script anchors each document's expressions piece by piece and writes them.
local clio = require "clio"
local cli, output = clio.cli, clio.output
local timeline, job = clio.timeline, require "clio.timeline_job"
local timex_anchor = require "clio.timex.anchor"

local opts, paths = cli.parse({ ... }, {
  usage = "clio timeline [options] PATH...",
  options = cli.options(cli.corpus_options, cli.output_options, {
    { "reference-time", value = "DATE", help = "resolve relative dates against DATE (YYYY[-MM[-DD]]), as for news" },
    { "entries", help = "print merged timeline entries, not single expressions (jsonl/csv/tsv)" },
    { "grammar", value = "FILE", list = true, help = "a Lua file extending the grammar (may repeat)" },
    { "period", value = "FROM-TO", help = "the span the story moves through (1919-1921, 499BC-449BC): dates without a year anchor inside it; default: from each document's own dates, or its 'period' metadata" },
    { "all", help = "the table view lists durations, sets and times too" },
    { "scan-all", help = "run the grammar over every sentence, not only those holding a number or a trigger word (slower; same results)" },
    { "threads", value = "N", help = "worker threads for the grammar (default: $CLIO_THREADS, else the CPUs up to 4; one for a corpus under 4 MB)" },
  }),
  min = 1,
})

-- the narrative frame: --period for every document, else a document's `period`
-- metadata, else estimated from its dates by the anchoring (clio.timex.anchor)
local period
if opts.period then
  local err
  period, err = timex_anchor.parse_period(opts.period)
  if not period then clio.usage("--period: %s", err) end
end
local function frame_of(doc)
  if period then return period end
  local p = doc.meta and doc.meta.period
  if p and p ~= "" then
    local f, err = timex_anchor.parse_period(p)
    if not f then clio.fail("%s: period metadata: %s", doc.path, err) end
    return f
  end
  return nil
end

if opts.reference_time and not opts.reference_time:match("^%d%d%d%d%-?%d?%d?%-?%d?%d?$") then
  clio.usage("--reference-time takes YYYY, YYYY-MM or YYYY-MM-DD, not '%s'", opts.reference_time)
end

local threads = opts.threads and math.tointeger(tonumber(opts.threads))
if opts.threads and not (threads and threads >= 1 and threads <= 64) then
  clio.usage("--threads takes a number from 1 to 64, not '%s'", opts.threads)
end

local corpus <close> = cli.open_corpus(opts, paths)

-- Worker threads pay off past a few MB: each builds its own grammar (~0.2 s CPU, and
-- ~150 MB at its peak). Past four, this state (anchoring, writing) is the bottleneck.
local SMALL_CORPUS, MAX_DEFAULT_THREADS = 4 << 20, 4
if not threads then
  threads = clio.parallel.threads(MAX_DEFAULT_THREADS)
  local bytes = 0
  for doc in corpus:docs() do
    bytes = bytes + doc["end"] - doc.start
    if bytes >= SMALL_CORPUS then break end
  end
  if bytes < SMALL_CORPUS then threads = 1 end
end

local grammar_files = opts.grammar or {}
-- The workers start first and build their grammars while this state builds its own:
-- for the trigger words and the anchoring (and the jobs themselves with one thread).
local pool <close> = clio.parallel.pool("clio.timeline_job", "run", { threads = threads })
local ok, tagger = pcall(pool.threads == 1 and job.tagger_for or job.tagger, grammar_files, opts.lang)
if not ok then clio.fail("%s", tagger) end

-- Allocation-heavy and long-lived data (sentences, records): the generational
-- collector spends far less time re-marking them than the incremental one.
collectgarbage("generational")

-- The core picks the sentences that hold a number or a word that can start a
-- rule; the grammar runs only on those. With a user rule that declares no trigger
-- words (or --scan-all), every sentence is a candidate.
-- Tokens such as "mid-1916" or "ten-day" count through their parts (core/termset.c).
local triggers = not opts.scan_all and tagger:trigger_words() or nil
local trigger_set = triggers and clio.core.termset(triggers)

local COLUMNS = { "doc", "start", "end", "text", "type", "value", "mod", "anchor", "sentence", "participants" }

-- jsonl records are many (one per expression): written as they come, joined from
-- fields the workers rendered (clio.timeline_job) instead of the generic encoder
local jstr = job.json_string
local doc_json = setmetatable({}, { __index = function(t, k) local v = '{"doc":' .. jstr(k) .. ","; t[k] = v; return v end })
local function jsonl_line(path, e, has_event)
  local line = doc_json[path] .. e.head
  if e.value then line = line .. ',"value":' .. jstr(e.value) end
  if e.mod then line = line .. ',"mod":' .. jstr(e.mod) end
  if e.anchor then line = line .. ',"anchor":' .. jstr(e.anchor) end
  return line .. e.sentence_json .. (has_event and e.names_json or "") .. "}\n"
end

-- per-expression output (not the table view, not --entries) streams document by
-- document: nothing but the current document is kept
local streaming = opts.format ~= "table" and not opts.entries
local stream_out
if streaming then
  stream_out = output.open { format = opts.format, path = opts.output, columns = COLUMNS }
end
local fast_jsonl = streaming and opts.format == "jsonl" and stream_out._put ~= nil

local records, events, nexprs = {}, {}, 0
local buf, nbuf = {}, 0       -- jsonl lines written 4096 at a time

-- one piece's expressions, in order: outside the gaps, anchored, turned into events
-- and written (or kept for the timeline views)
local function take_piece(d, exprs)
  exprs = clio.outside_gaps(exprs, d.gaps)   -- markup and artifacts are not the author's
  tagger:anchor(exprs, { reference_time = opts.reference_time, state = d.anchors })
  for _, e in ipairs(exprs) do
    -- a DATE with a value that is a point or span in time is an event
    local lo, hi
    if e.type == "DATE" and e.value and e.names_json ~= "" then lo, hi = timeline.interval(e.value, e.mod) end
    nexprs = nexprs + 1
    if fast_jsonl then
      nbuf = nbuf + 1
      buf[nbuf] = jsonl_line(d.path, e, lo)
      if nbuf == 4096 then stream_out:_put(table.concat(buf, "", 1, nbuf)); nbuf = 0 end
    else
      job.details(e)
      local s, ev = e.sentence, nil
      if lo then
        ev = { doc = d.path, start = e.start, ["end"] = e["end"], text = e.text, type = e.type,
          value = e.value, mod = e.mod, anchor = e.anchor, lo = lo, hi = hi,
          sentence = s or { start = e.start, ["end"] = e["end"] },
          clause = e.clause, participants = e.participants }
        if not streaming then events[#events + 1] = ev end
      end
      if streaming or opts.all then
        local r = {
          doc = d.path, start = e.start, ["end"] = e["end"], text = e.text, type = e.type,
          value = e.value, mod = e.mod, anchor = e.anchor,
          sentence = s and (streaming and s.start .. "-" .. s["end"] or { start = s.start, ["end"] = s["end"] }),
          participants = ev and ev.participants or nil,
        }
        if streaming then stream_out:write(r) else records[#records + 1] = r end
      end
    end
  end
end

-- Jobs: pieces of candidate sentences (whole runs of neighbours, cut where a piece
-- passes PIECE_BYTES), packed into jobs of about JOB_BYTES. Each piece carries
-- MARGIN bytes of text on either side: the rules look at the word before and after.
local JOB_BYTES, PIECE_BYTES, MARGIN = 1 << 18, 1 << 18, 256
local in_flight = pool.threads * 2
local config = job.config(grammar_files, opts.lang)
local pieces = {}          -- piece number -> its document's record
local job_parts, job_count, job_bytes, npieces = {}, 0, 0, 0

local function take_results()
  local ok, result = pcall(pool.take, pool)
  if not ok then clio.fail("%s", result) end   -- a grammar file that fails in a worker
  for id, exprs in job.results(result) do
    take_piece(pieces[id], exprs)
    pieces[id] = nil
  end
end

local function submit()
  if job_count == 0 then return end
  pool:submit(string.pack("<s4I4", config, job_count) .. table.concat(job_parts, "", 1, job_count))
  job_count, job_bytes = 0, 0
  while pool:pending() > in_flight do take_results() end
end

local function add_piece(d, doc, packed, first, last)
  local s = string.unpack("<i8", packed, (first - 1) * 24 + 1)
  local e = string.unpack("<i8", packed, (last - 1) * 24 + 9)
  local from, to = math.max(doc.start, s - MARGIN), math.min(doc["end"], e + MARGIN)
  npieces = npieces + 1
  pieces[npieces] = d
  job_count = job_count + 1
  job_parts[job_count] = string.pack("<i8i8s4s4", npieces, from, doc:text(from, to),
    packed:sub((first - 1) * 24 + 1, last * 24))
  job_bytes = job_bytes + (to - from)
  if job_bytes >= JOB_BYTES then submit() end
end

-- Where the piece that starts at candidate `first` ends: before the first candidate
-- past PIECE_BYTES that starts a run (its sentence does not follow the one before),
-- found by bisection on the start offsets; nil when the rest is one piece.
local function piece_cut(packed, first, n)
  local function start_of(k) return (string.unpack("<i8", packed, (k - 1) * 24 + 1)) end
  local function sentence_of(k) return (string.unpack("<i8", packed, (k - 1) * 24 + 17)) end
  local limit = start_of(first) + PIECE_BYTES
  if start_of(n) < limit then return nil end
  local lo, hi = first + 1, n          -- the first k with start_of(k) >= limit
  while lo < hi do
    local mid = (lo + hi) // 2
    if start_of(mid) >= limit then hi = mid else lo = mid + 1 end
  end
  for k = lo, n do
    if sentence_of(k) ~= sentence_of(k - 1) + 1 then return k end
  end
  return nil
end

-- every sentence as a candidate (--scan-all, or a user rule without trigger words),
-- in blocks of about 4 MB; a paragraph break skips a sentence number, so pieces may
-- end there as they do between the runs of candidates (no rule matches across it)
local function all_sentences(doc)
  local text, base = doc:text(), doc.start
  local breaks, nb = {}, 0                 -- offsets just after each blank line
  for at in text:gmatch "\n[ \t\r]*\n()" do nb = nb + 1; breaks[nb] = base + at - 1 end
  local sentences, k, bi, number = doc:sentences(), 1, 1, 0
  text = nil
  return function()
    if k > #sentences then return nil end
    local parts, limit = {}, sentences[k].start + (4 << 20)
    while k <= #sentences and (#parts == 0 or sentences[k].start < limit) do
      local s = sentences[k]
      local paragraph = false
      while bi <= nb and breaks[bi] <= s.start do bi = bi + 1; paragraph = true end
      number = number + (paragraph and 2 or 1)
      parts[#parts + 1] = string.pack("<i8i8i8", s.start, s["end"], number)
      k = k + 1
    end
    return table.concat(parts)
  end
end

for doc in corpus:docs() do
  local d   -- one record per document, shared by its pieces: the anchoring runs on
  for packed in trigger_set and doc:candidate_blocks(trigger_set) or all_sentences(doc) do
    local n = #packed // 24
    if n > 0 then
      d = d or { path = doc.path, gaps = doc:gaps(), anchors = { frame = frame_of(doc) } }
      local first = 1
      while true do
        local k = piece_cut(packed, first, n)
        if not k then break end
        add_piece(d, doc, packed, first, k - 1)
        first = k
      end
      add_piece(d, doc, packed, first, n)
    end
  end
end
submit()
while pool:pending() > 0 do take_results() end

if streaming then
  if nbuf > 0 then stream_out:_put(table.concat(buf, "", 1, nbuf)) end
  stream_out:close()
  return
end

local entries = timeline.build(events)

local function citation_list(en)
  local parts = {}
  for _, c in ipairs(en.citations) do
    parts[#parts + 1] = string.format("%s:%d-%d", c.doc:match("[^/]+$"), c.start, c["end"])
  end
  return parts
end

if opts.format == "table" then
  local out <close> = output.open {
    format = "table", path = opts.output,
    columns = { "when", "mod", "event", "participants", "sources" },
  }
  for _, en in ipairs(entries) do
    local clause = (en.clause or ""):gsub("%s+", " ")
    if #clause > 70 then clause = clause:sub(1, (utf8.offset(clause, 68) or 69) - 1) .. "…" end
    out:write { when = en.value, mod = en.mod, event = clause, participants = en.participants,
      sources = citation_list(en) }
  end
  if opts.all then
    out:note("")
    for _, r in ipairs(records) do
      if r.type ~= "DATE" then
        out:write { when = r.value, mod = r.type, event = r.text, sources = { string.format("%s:%d-%d",
          r.doc:match("[^/]+$"), r.start, r["end"]) } }
      end
    end
  end
  out:note(string.format("%d expressions, %d dated events, %d timeline entries in %d documents",
    nexprs, #events, #entries, #corpus))
  out:close()
elseif opts.entries then
  local out <close> = output.open {
    format = opts.format, path = opts.output,
    columns = { "value", "mod", "lo", "hi", "clause", "participants", "citations" },
  }
  for _, en in ipairs(entries) do
    out:write { value = en.value, mod = en.mod, lo = timeline.day_string(en.lo),
      hi = timeline.day_string(en.hi), clause = en.clause, participants = en.participants,
      citations = opts.format == "jsonl" and en.citations or citation_list(en) }
  end
  out:close()
end
