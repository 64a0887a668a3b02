--- The "timex" layer: each document's temporal expressions, anchored, outside the
--- cleaning gaps, each DATE with its sentence, clause and participants. One value per
--- document: an array of
---   { start, end, text, type, value?, mod?, bound?, anchor?, rel?, sentence = {start, end}?,
---     clause = {start, end, text}?, participants = {...}? }
--- Options: grammar (files extending the grammar), lang, reference_time
--- ("YYYY[-MM[-DD]]"), period ("FROM-TO": the narrative frame of every document, else
--- each one's `period` metadata), scan_all (every sentence a candidate), threads.
---
--- How it runs: the core picks the candidate sentences of each document; pieces of them
--- go, in jobs of about JOB_BYTES, to worker threads (clio.timeline_job: the grammar,
--- and each date's clause and participants); results come back in order, and this
--- state anchors each document's expressions piece by piece, so the result is the same
--- for any number of threads.
local clio = require "clio"
local annotate = require "clio.annotate"
local job = require "clio.timeline_job"

local M = {}

-- Worker threads pay off past a few MB: each builds its own grammar (~0.2 s CPU, and
-- ~150 MB at its peak). Past four, the anchoring state is the bottleneck.
M.MAX_DEFAULT_THREADS = 4

-- Jobs: pieces of candidate sentences (whole runs of neighbours, cut where a piece
-- passes PIECE_BYTES), packed into jobs of about JOB_BYTES. Each piece carries MARGIN
-- bytes of text on either side: the rules look at the word before and after.
local JOB_BYTES, PIECE_BYTES, MARGIN = 1 << 18, 1 << 18, 256

--- The tagger of these options in this Lua state (built once): the bundled grammar
--- extended by opts.grammar files. Raises a message naming a wrong grammar file.
function M.tagger(opts)
  return job.tagger_for(opts.grammar or {}, opts.lang)
end

--- The narrative frame of a document (clio.timex.anchor): opts.period ("FROM-TO") for
--- every document, else its `period` metadata, else nil (estimated from its own dates).
--- Raises a message naming the document on a bad period.
function M.frame_of(doc, opts)
  local anchor = require "clio.timex.anchor"
  local p, where = opts.period, "--period"
  if not p or p == "" then p, where = doc.meta and doc.meta.period, doc.id .. ": period metadata" end
  if not p or p == "" then return nil end
  local f, err = anchor.parse_period(p)
  if not f then error(where .. ": " .. tostring(err), 0) end
  return f
end

--- When a document was written, from its metadata: `date` as YYYY[-MM[-DD]] (its ISO
--- beginning), else the four-digit `year` (or the first one in `date`); nil when unknown.
--- Expressions that count from the time of writing ("last spring") are dated from it.
function M.written_of(doc)
  local meta = doc.meta or {}
  local date = type(meta.date) == "string" and meta.date or ""
  local iso = date:match "^%d%d%d%d%-%d%d%-%d%d" or date:match "^%d%d%d%d%-%d%d" or date:match "^%d%d%d%d%f[^%d]"
  if iso then return iso end
  local year = tostring(meta.year or ""):match "^%s*(%d%d%d%d)%s*$" or date:match "%f[%d](%d%d%d%d)%f[^%d]"
  return year
end

-- Where the piece that starts at candidate `first` ends: before the first candidate
-- past PIECE_BYTES that starts a run (its sentence does not follow the one before),
-- found by bisection on the start offsets; nil when the rest is one piece.
local function piece_cut(packed, first, n)
  local function start_of(k) return (string.unpack("<i8", packed, (k - 1) * 24 + 1)) end
  local function sentence_of(k) return (string.unpack("<i8", packed, (k - 1) * 24 + 17)) end
  local limit = start_of(first) + PIECE_BYTES
  if start_of(n) < limit then return nil end
  local lo, hi = first + 1, n
  while lo < hi do
    local mid = (lo + hi) // 2
    if start_of(mid) >= limit then hi = mid else lo = mid + 1 end
  end
  for k = lo, n do
    if sentence_of(k) ~= sentence_of(k - 1) + 1 then return k end
  end
  return nil
end

-- every sentence as a candidate (scan_all, or a user rule without trigger words), in
-- blocks of about 4 MB; a paragraph break skips a sentence number, so pieces may end
-- there as they do between the runs of candidates (no rule matches across it)
local function all_sentences(doc)
  local text, base = doc:text(), doc.start
  local breaks, nb = {}, 0
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

-- The innermost <date> mark of the edition around [s, e), or nil (marks in document
-- order; a date element holds few expressions).
local function date_mark(marks, s, e)
  local found
  for _, m in ipairs(marks) do
    if m.start > s then break end
    if m["end"] >= e and m.value ~= "" then found = m end
  end
  return found
end

-- an expression as the layer keeps it: the record clio.timeline_job.results made.
-- In a structured document (d.doc has markup) the texts are cited (markup out,
-- references resolved) and the participants read from the cited clause; a DATE inside
-- an edition's <date when> takes that normalized value.
local function record(e, d)
  if d.cited then
    local doc = d.doc
    e.text = doc:cite(e.start, e["end"])
    if e.clause then
      e.clause.text = doc:cite(e.clause.start, e.clause["end"]):gsub("^%s+", ""):gsub("%s+$", "")
      -- the date's own words are no participant (the cited clause has its own offsets)
      local ds = e.clause.text:find(e.text, 1, true)
      e.participants = setmetatable(require("clio.timeline").participants(e.clause.text,
        ds and { { ds, ds + #e.text } } or nil), clio.output.array_mt)
    end
    local m = e.type == "DATE" and date_mark(d.dates, e.start, e["end"])
    if m then e.value, e.mod = m.value, nil end
  end
  return e
end

local Runner = {}
Runner.__index = Runner

--- runner(opts) -> computes the layer of many documents at once on worker threads:
--- :add(doc, done) (done(value) is called, in document order, once its pieces are back),
--- :busy(), :step() (waits for the oldest job), :close().
function M.runner(opts)
  local threads = clio.parallel.threads { asked = opts.threads, cap = M.MAX_DEFAULT_THREADS,
    bytes = opts.corpus_bytes, min_bytes = 4 << 20 }
  local files = opts.grammar or {}
  -- the workers start first and build their grammars while this state builds its own
  -- (for the trigger words and the anchoring; compiled only when the jobs run here, with
  -- one thread)
  local pool = clio.parallel.pool("clio.timeline_job", "run", { threads = threads })
  local ok, tagger = pcall(job.tagger_for, files, opts.lang, pool.threads > 1)
  if not ok then pool:close(); error(tagger, 0) end
  local triggers = not opts.scan_all and tagger:trigger_words() or nil
  return setmetatable({
    pool = pool, tagger = tagger, opts = opts,
    trigger_set = triggers and clio.core.termset(triggers),
    config = job.config(files, opts.lang),
    in_flight = pool.threads * 2,
    pieces = {}, npieces = 0, parts = {}, count = 0, bytes = 0,
  }, Runner)
end

-- one piece's expressions, in order: outside the gaps, anchored, kept
function Runner:take_piece(d, exprs)
  exprs = clio.outside_gaps(exprs, d.gaps)   -- markup and artifacts are not the author's
  self.tagger:anchor(exprs, { reference_time = self.opts.reference_time, state = d.anchors,
    document_time = d.written })
  local out = d.exprs
  for _, e in ipairs(exprs) do out[#out + 1] = record(e, d) end
  d.left = d.left - 1
  if d.left == 0 and d.listed then d.done(out) end
end

function Runner:take()
  local ok, result = pcall(self.pool.take, self.pool)
  if not ok then error(result, 0) end   -- a grammar file that fails in a worker
  for id, exprs in job.results(result) do
    local d = self.pieces[id]
    self.pieces[id] = nil
    self:take_piece(d, exprs)
  end
end

function Runner:submit()
  if self.count == 0 then return end
  self.pool:submit(string.pack("<s4I4", self.config, self.count) .. table.concat(self.parts, "", 1, self.count))
  self.count, self.bytes = 0, 0
  while self.pool:pending() > self.in_flight do self:take() end
end

function Runner:add_piece(d, doc, packed, first, last)
  local s = string.unpack("<i8", packed, (first - 1) * 24 + 1)
  local e = string.unpack("<i8", packed, (last - 1) * 24 + 9)
  local from, to = math.max(doc.start, s - MARGIN), math.min(doc["end"], e + MARGIN)
  self.npieces = self.npieces + 1
  self.pieces[self.npieces] = d
  d.left = d.left + 1
  self.count = self.count + 1
  -- the view: tags, attributes and references' ';' are not text for the grammar
  self.parts[self.count] = string.pack("<i8i8s4s4", self.npieces, from, d.cited and doc:view(from, to) or doc:text(from, to),
    packed:sub((first - 1) * 24 + 1, last * 24))
  self.bytes = self.bytes + (to - from)
  if self.bytes >= JOB_BYTES then self:submit() end
end

function Runner:add(doc, done)
  -- a reference (&#x2014;) is text, not a gap to stay out of
  local gaps, markup = {}, false
  for _, g in ipairs(doc:gaps()) do
    if g.rule ~= "reference" then gaps[#gaps + 1] = g end
    markup = markup or g.rule == "markup" or g.rule == "break" or g.rule == "reference"
  end
  local d = { gaps = gaps, anchors = { frame = M.frame_of(doc, self.opts) }, written = M.written_of(doc),
    exprs = {}, left = 0, done = done, doc = doc, cited = markup, dates = markup and doc:marks("date") or nil }
  for packed in self.trigger_set and doc:candidate_blocks(self.trigger_set) or all_sentences(doc) do
    local n = #packed // 24
    if n > 0 then
      local first = 1
      while true do
        local k = piece_cut(packed, first, n)
        if not k then break end
        self:add_piece(d, doc, packed, first, k - 1)
        first = k
      end
      self:add_piece(d, doc, packed, first, n)
    end
  end
  d.listed = true
  if d.left == 0 then done(d.exprs) end
end

function Runner:busy() return self.count > 0 or self.pool:pending() > 0 end

function Runner:step()
  if self.pool:pending() == 0 then self:submit() end
  if self.pool:pending() > 0 then self:take() end
end

function Runner:close() self.pool:close() end

local function params(opts)
  return string.format("reference_time=%s;scan_all=%s;lang=%s;period=%s", opts.reference_time or "",
    opts.scan_all and "yes" or "no", tostring(opts.lang), opts.period or "")
end

annotate.register {
  name = "timex",
  version = 5,
  data = function(opts)
    local files = {}
    -- the grammar and its word lists are data the layer is computed from
    for _, f in ipairs(require("clio.timex").data_files and require("clio.timex").data_files(opts) or {}) do
      files[#files + 1] = f
    end
    for _, f in ipairs { "timex.lua", "timeline_job.lua", "timeline.lua" } do
      files[#files + 1] = clio.home .. "/lua/clio/" .. f
    end
    -- the grammar's phases and the language profiles' temporal word lists
    local dir = clio.home .. "/lua/clio/timex"
    local list = clio.core.listdir(dir) or {}
    table.sort(list)
    for _, f in ipairs(list) do if f:match "%.lua$" then files[#files + 1] = dir .. "/" .. f end end
    local lang = clio.home .. "/data/lang/" .. (opts.lang or "en") .. "/temporal.lua"
    if require("clio.datapath").readable(lang) then files[#files + 1] = lang end
    -- the word lists the participants are read with (clio.timeline): the profile's
    -- words and its actor words (name particles)
    local profile = require("clio.lang").load()
    files[#files + 1] = profile.path .. "/words.lua"
    files[#files + 1] = require("clio.actors").profile(profile.code).path
    for _, f in ipairs(opts.grammar or {}) do files[#files + 1] = f end
    return files
  end,
  params = params,
  -- a document's own period metadata frames its dates, and its date dates "last spring"
  doc_params = function(doc) return (doc.meta and doc.meta.period or "") .. "|" .. (M.written_of(doc) or "") end,
  runner = M.runner,
  compute = function(doc, _, opts)
    local r = M.runner(setmetatable({ threads = 1 }, { __index = opts }))
    local value
    r:add(doc, function(v) value = v end)
    while value == nil do r:step() end
    r:close()
    return value
  end,
}

return M
