-- timeline: dates in narrative text, normalized, anchored and placed on a cited timeline
--
-- usage: clio timeline [options] PATH...
-- Finds temporal expressions (dates, times, durations, sets) with the grammar in
-- lua/clio/timex.lua, resolves relative ones against the most recent date before them
-- in the same document (or --reference-time), and orders the dated events. The table
-- view is the timeline: one entry per event, the same event told by several documents
-- merged and citing all of them. --format jsonl/csv/tsv prints one record per
-- expression (doc, start, end, text, type, value, mod, anchor, sentence,
-- participants); add --entries for the merged timeline entries instead.
-- --grammar FILE.lua extends the grammar: the file returns a function(tagger) that may
-- call tagger:add_rule{...}, or a table of extra data (month names, ...).
local clio = require "clio"
local cli, output = clio.cli, clio.output
local timex, timeline = clio.timex, clio.timeline

local opts, paths = cli.parse({ ... }, {
  usage = "clio timeline [options] PATH...",
  options = cli.options(cli.corpus_options, cli.output_options, {
    { "reference-time", value = "DATE", help = "resolve relative dates against DATE (YYYY[-MM[-DD]]), as for news" },
    { "entries", help = "print merged timeline entries, not single expressions (jsonl/csv/tsv)" },
    { "grammar", value = "FILE", list = true, help = "a Lua file extending the grammar (may repeat)" },
    { "all", help = "the table view lists durations, sets and times too" },
    { "scan-all", help = "run the grammar over every sentence, not only those holding a number or a trigger word (slower; same results)" },
  }),
  min = 1,
})

if opts.reference_time and not opts.reference_time:match("^%d%d%d%d%-?%d?%d?%-?%d?%d?$") then
  clio.usage("--reference-time takes YYYY, YYYY-MM or YYYY-MM-DD, not '%s'", opts.reference_time)
end

local function make_tagger()
  local data, extensions = nil, {}
  for _, path in ipairs(opts.grammar or {}) do
    local chunk, err = loadfile(path)
    if not chunk then clio.fail("%s", err) end
    local ext = chunk()
    if type(ext) == "table" then
      data = data or {}
      for k, v in pairs(ext) do data[k] = v end
    elseif type(ext) == "function" then
      extensions[#extensions + 1] = ext
    else
      clio.fail("%s: a grammar file returns a function(tagger) or a data table", path)
    end
  end
  local tagger = timex.new { data = data }
  for _, ext in ipairs(extensions) do ext(tagger) end
  return tagger
end

-- Expressions inside a cleaning gap are not the author's words.
local function outside_gaps(exprs, gaps)
  if #gaps == 0 then return exprs end
  local kept = {}
  for _, e in ipairs(exprs) do
    local inside = false
    for _, g in ipairs(gaps) do
      if e.start < g["end"] and e["end"] > g.start then inside = true break end
    end
    if not inside then kept[#kept + 1] = e end
  end
  return kept
end

-- Allocation-heavy and long-lived data (sentences, records): the generational
-- collector spends far less time re-marking them than the incremental one.
collectgarbage("generational")

local tagger = make_tagger()
-- The core picks the sentences that hold a number or a word that can start a
-- rule; the grammar runs only on those (nil: a user rule needs every sentence).
-- Tokens such as "mid-1916" or "ten-day" count through their parts (core/termset.c).
local triggers = not opts.scan_all and tagger:trigger_words() or nil
local trigger_set = triggers and clio.core.termset(triggers)
local corpus <close> = cli.open_corpus(opts, paths)

local SCAN_WHOLE_BELOW = 8192   -- bytes

-- Candidate sentences joined into runs of consecutive sentences.
local function runs(cands)
  local out, last = {}, nil
  for _, c in ipairs(cands) do
    if last and c.sentence == last.sentence + 1 then
      out[#out]["end"] = c["end"]
    else
      out[#out + 1] = { start = c.start, ["end"] = c["end"] }
    end
    last = c
  end
  return out
end
local COLUMNS = { "doc", "start", "end", "text", "type", "value", "mod", "anchor", "sentence", "participants" }

-- jsonl records are many (one per expression): written as they come, by a
-- small encoder for their known fields instead of the generic one
local JSON_ESC = { ['"'] = '\\"', ["\\"] = "\\\\", ["\n"] = "\\n", ["\r"] = "\\r", ["\t"] = "\\t" }
local function jstr(v)
  if not v:find '[%c"\\]' then return '"' .. v .. '"' end
  return '"' .. v:gsub('[%c"\\]', function(c) return JSON_ESC[c] or string.format("\\u%04x", c:byte()) end) .. '"'
end
local doc_json = setmetatable({}, { __index = function(t, k) local v = '{"doc":' .. jstr(k) .. ',"start":'; t[k] = v; return v end })
-- one jsonl line for expression e of document path, in sentence s, event ev
local function jsonl_line(path, e, s, ev)
  local line = doc_json[path] .. e.start .. ',"end":' .. e["end"] .. ',"text":' .. jstr(e.text)
    .. ',"type":"' .. e.type .. '"'
  if e.value then line = line .. ',"value":' .. jstr(e.value) end
  if e.mod then line = line .. ',"mod":' .. jstr(e.mod) end
  if e.anchor then line = line .. ',"anchor":' .. jstr(e.anchor) end
  if s then line = line .. ',"sentence":{"start":' .. s.start .. ',"end":' .. s["end"] .. "}" end
  if ev then
    local names = {}
    for i, n in ipairs(ev.participants) do names[i] = jstr(n) end
    line = line .. ',"participants":[' .. table.concat(names, ",") .. "]"
  end
  return line .. "}\n"
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
for doc in corpus:docs() do
  local text = doc:text()
  -- a short document is scanned whole: cheaper than looking up the trigger words.
  -- A long one is streamed by the core, which hands over the candidate sentences:
  -- the grammar runs on runs of neighbouring ones (a date may straddle a sentence
  -- break the splitter made, "July-Dec. 1945"), and they are what expressions cite.
  local cands = trigger_set and #text > SCAN_WHOLE_BELOW and doc:candidates(trigger_set, false) or nil
  local exprs = outside_gaps(tagger:extract(text, { base = doc.start, spans = cands and runs(cands) }),
    doc:gaps())
  tagger:anchor(exprs, { reference_time = opts.reference_time })
  -- sentences only where there is something to cite (most paragraphs hold no date)
  local sentences = #exprs > 0 and (cands or doc:sentences()) or {}
  local doc_events = timeline.events(doc.path, text, doc.start, sentences, exprs)
  local by_start = {}
  for _, ev in ipairs(doc_events) do
    by_start[ev.start] = ev
    if not streaming then events[#events + 1] = ev end
  end
  local si = 1
  for _, e in ipairs(exprs) do
    while sentences[si] and sentences[si]["end"] <= e.start do si = si + 1 end
    local ev, s = by_start[e.start], sentences[si]
    nexprs = nexprs + 1
    if fast_jsonl then
      nbuf = nbuf + 1
      buf[nbuf] = jsonl_line(doc.path, e, s, ev)
      if nbuf == 4096 then stream_out:_put(table.concat(buf, "", 1, nbuf)); nbuf = 0 end
    elseif streaming or opts.all then
      local r = {
        doc = doc.path, start = e.start, ["end"] = e["end"], text = e.text, type = e.type,
        value = e.value, mod = e.mod, anchor = e.anchor,
        sentence = s and (streaming and s.start .. "-" .. s["end"] or { start = s.start, ["end"] = s["end"] }),
        participants = ev and ev.participants or nil,
      }
      if streaming then stream_out:write(r) else records[#records + 1] = r end
    end
  end
end

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
