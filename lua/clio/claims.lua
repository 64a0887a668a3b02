--- clio.claims: who did what, when, according to whom; claims grouped across documents
--- and judged against each other and against a reference chronology.
--
--   local claims = require "clio.claims"
--   local preds  = claims.load_predicates()                 -- data/predicates/en.lua
--   local list   = claims.document(doc, annotations, { predicates = preds })
--   local groups = claims.group(list)                        -- verdict agree/conflict/single
--   local ref    = claims.load_reference(path, preds)
--   claims.judge(groups, ref)                                -- reference_verdict per claim/group
--
-- The work is done in phases, one module each (lua/clio/claims/): predicates (the
-- vocabulary and its matcher), mentions, participants, mood, dating, attribution,
-- extract (the per-document function that runs them), group (blocking, verdicts,
-- similarity) and reference (chronologies).
--
-- A claim: { doc, start, end, text (its sentence), event, subject (key), subject_name,
--   object, agent, date = {value, mod, text, start, end, lo, hi, rel} | nil, frame (the
--   document's narrative frame {lo, hi}), polarity ("positive" | "negative"), hedge (cue
--   or nil), mood ("realis" | "irrealis"), attribution (name or nil), trigger = {start,
--   end}, rule ("predicate" | "similar") }
-- Offsets are byte offsets into the file, as everywhere in clio.
local predicates = require "clio.claims.predicates"
local mentions = require "clio.claims.mentions"
local extract = require "clio.claims.extract"
local group = require "clio.claims.group"
local reference = require "clio.claims.reference"
local pack = require "clio.claims.pack"

local M = {}

M.load_predicates = predicates.load
M.find_predicates = predicates.find
M.capitalized_mentions = mentions.capitalized_mentions
M.lexicon_mentions = mentions.lexicon_mentions
M.key = mentions.key
M.document = extract.document
M.normalize_keys = group.normalize_keys
M.similar = group.similar
M.compatible_dates = group.compatible_dates
M.verdict = group.verdict
M.group = group.group
M.date_interval = reference.date_interval
M.load_reference = reference.load
M.reference_row = reference.row
M.judge = reference.judge

--- The predicate vocabulary for a run: the general file (or opts.predicates, a name or
--- path, possibly a list), plus the domain pack of each named lexicon that has one
--- (data/predicates/<lexicon name>.lua).
---@param opts {predicates?: string|string[], lexicons?: string[]}
function M.vocabulary(opts)
  local list = {}
  local given = opts.predicates
  if type(given) == "string" then given = { given } end
  if given and #given > 0 then
    for _, p in ipairs(given) do list[#list + 1] = p end
  else
    list[1] = "en"
  end
  local seen = {}
  for _, s in ipairs(list) do seen[s] = true end
  for _, lex in ipairs(opts.lexicons or {}) do
    local name = lex:match "([^/\\]+)$":gsub("%.lua$", "")
    local pack = predicates.find(name)
    if pack and not seen[name] and not seen[pack] then
      list[#list + 1] = pack
      seen[pack] = true
    end
  end
  return M.load_predicates(list)
end

--- Without a lexicon, the participants are the actors clio.actors discovers (full names,
--- kinds); capitalized runs fill in what it leaves. Returns doc -> mentions, or nil when
--- clio.actors is not available.
function M.discovered_finder(opts)
  local ok, actors = pcall(require, "clio.actors")
  if not ok or type(actors) ~= "table" or not actors.new then return nil end
  local f = actors.new { lang = opts and opts.lang }
  return function(doc)
    local out = {}
    for _, m in ipairs(f:document(doc).mentions or {}) do
      -- keyed by the canonical name, as lexicon-less names are; the kind decides pronouns
      out[#out + 1] = { start = m.start, ["end"] = m["end"], text = m.text, name = m.name, kind = m.kind }
    end
    return out
  end
end

---@class clio.ClaimExtractor
local Extractor = {}
Extractor.__index = Extractor

--- An extractor bound to a vocabulary and a mention finder: ex:document(doc) as
--- claims.document(doc, nil, opts).
---@param opts? {predicates?: table, tagger?: table, find_mentions?: function, reference_time?: string}
function M.extractor(opts)
  opts = opts or {}
  local o = { predicates = opts.predicates or predicates.load(), tagger = opts.tagger,
    find_mentions = opts.find_mentions, reference_time = opts.reference_time }
  o.tagger = o.tagger or require("clio.timex").new()
  return setmetatable({ opts = o, P = o.predicates }, Extractor)
end

function Extractor:document(doc, annotations)
  return extract.document(doc, annotations, self.opts)
end

--- A date as a researcher reads it: "1924", "after 1924", "by 1934-12", "192X (START)".
function M.date_string(d)
  if not d then return nil end
  local s = d.value
  if d.mod then s = s .. " " .. d.mod end
  if d.rel == "AFTER" then s = "after " .. s
  elseif d.rel == "BEFORE" then s = "before " .. s
  elseif d.rel == "BY" then s = "by " .. s end
  return s
end

--- The whole comparison over a corpus: claims extracted from every document, grouped
--- (typed events by blocking, then textual similarity for the rest) and judged, against
--- `ref` (a loaded reference chronology) when given. Returns the groups worth showing
--- (dated, or told by two or more documents; every group with opts.all), the claim
--- count, and the counts of claims left ungrouped by reason.
---@param opts {predicates?: table, find_mentions?: function, similarity?: number, ref?: table, all?: boolean, progress?: function}
function M.analyse(corpus, opts)
  local progress = opts.progress or function() end
  local ex = M.extractor { predicates = opts.predicates, find_mentions = opts.find_mentions }
  local finder = not opts.find_mentions and opts.discover and M.discovered_finder(opts)
  local all, untyped = {}, {}
  local unresolved = {}
  local function take(cs, us)
    for _, c in ipairs(cs) do
      if c.subject or c.object then all[#all + 1] = c
      else unresolved["no resolved participant"] = (unresolved["no resolved participant"] or 0) + 1 end
    end
    -- sentences that can never be compared are counted now, not kept
    for _, u in ipairs(us) do
      if not u.subject then
        unresolved["no resolved participant"] = (unresolved["no resolved participant"] or 0) + 1
      elseif not u.date or u.date.lo == -math.huge or u.date.hi == math.huge then
        unresolved["no date and no narrative frame"] = (unresolved["no date and no narrative frame"] or 0) + 1
      else
        untyped[#untyped + 1] = u
      end
    end
  end
  if not (not finder and M.extract_parallel(corpus, ex.P, opts, take, progress)) then
    for doc in corpus:docs() do
      progress("claims: %s", doc.name)
      take(ex:document(doc, finder and { mentions = finder(doc) } or nil))
    end
  end
  return M.compare(all, untyped, opts, unresolved, ex.P)
end

--- The comparison of claims already extracted (all: claims with a subject or an object;
--- untyped: dated sentences no predicate explains; either may be held small by
--- clio.claims.pack, and opts.text_of reads the sentences it left in their documents;
--- unresolved: counts by reason, added to; P: the vocabulary): grouped, judged, and the
--- groups worth showing, their claims whole records, as M.analyse returns them.
function M.compare(all, untyped, opts, unresolved, P)
  unresolved = unresolved or {}
  local seen = {}
  group.normalize_keys(all, P.demonyms, seen)
  group.normalize_keys(untyped, P.demonyms, seen)
  local similar = group.similar(untyped, { threshold = opts.similarity, unresolved = unresolved })
  local groups = group.group(all, similar, unresolved)
  reference.judge(groups, opts.ref)
  local shown = {}
  for _, g in ipairs(groups) do
    local dated = false
    for _, c in ipairs(g.claims) do if c.date then dated = true end end
    if opts.all or dated or g.ndocs > 1 then
      -- a claim held small (clio.claims.pack) is whole again once its group is shown
      for k, c in ipairs(g.claims) do g.claims[k] = pack.full(c, opts.text_of) end
      shown[#shown + 1] = g
    end
  end
  return shown, #all, unresolved
end

--- Extraction on worker threads (clio.claims.job) when the caller says how to open the
--- corpus again (opts.reopen = {paths, open}), opts.threads > 1, and the vocabulary and
--- lexicons come from files (opts.lexicon_files). take(claims, untyped) gets each
--- document's results in corpus order. Returns false when it cannot run in parallel.
M.JOB_BYTES = 1 << 20
M.PARALLEL_BYTES = 4 << 20
function M.extract_parallel(corpus, P, opts, take, progress)
  local threads = opts.threads or 1
  if threads < 2 or not opts.reopen or #corpus < 2 then return false end
  local total = 0
  for i = 1, #corpus do local d = corpus:doc(i); total = total + (d["end"] - d.start) end
  -- each worker builds its own grammar and vocabulary: worth it past a few MB
  if total < M.PARALLEL_BYTES then return false end
  for _, p in ipairs(P.paths or {}) do if p == "predicates" then return false end end
  if opts.find_mentions and not opts.lexicon_files then return false end
  local job = require "clio.claims.job"
  local spec = job.encode { paths = opts.reopen.paths, open = opts.reopen.open, predicates = P.paths,
    lexicons = opts.find_mentions and opts.lexicon_files or nil }
  local pool <close> = require("clio.parallel").pool("clio.claims.job", "run", { threads = threads })
  local pending, n = 0, #corpus
  local function drain(limit)
    while pending > limit do
      for _, r in ipairs(job.decode(pool:take())) do take(r[1], r[2]) end
      pending = pending - 1
    end
  end
  local a, bytes = 1, 0
  for i = 1, n do
    local d = corpus:doc(i)
    bytes = bytes + (d["end"] - d.start)
    if bytes >= M.JOB_BYTES or i == n then
      progress("claims: documents %d-%d of %d", a, i, n)
      pool:submit(job.job(spec, a, i))
      pending = pending + 1
      drain(threads * 2)
      a, bytes = i + 1, 0
    end
  end
  drain(0)
  return true
end

--- "3 told by one document only, 1 another period than ..." (reasons sorted by count).
function M.unresolved_string(unresolved)
  local list = {}
  for reason, n in pairs(unresolved or {}) do list[#list + 1] = { reason = reason, n = n } end
  table.sort(list, function(a, b)
    if a.n ~= b.n then return a.n > b.n end
    return a.reason < b.reason
  end)
  local total, parts = 0, {}
  for _, e in ipairs(list) do
    total = total + e.n
    parts[#parts + 1] = string.format("%d %s", e.n, e.reason)
  end
  return total, table.concat(parts, ", ")
end

-- over a corpus, from its annotations (lua/clio/analysis/claims.lua)
for _, name in ipairs { "run", "group_record", "flags", "view", "view_columns", "reuse" } do
  M[name] = function(...) return require("clio.analysis.claims")[name](...) end
end

return M
