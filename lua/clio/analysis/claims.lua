--- clio.claims.run: claims over a corpus, grouped across documents and judged, from the
--- "claims" annotations (clio.annotate: extracted once per document, dates from the
--- "timex" layer, subjects and objects from the "mentions" layer).
---
---   local r = clio.claims.run(corpus, { lexicons = { "soviet-power-struggle" } })
---   for _, g in ipairs(r.groups) do print(g.event, g.subject, g.verdict) end
---
--- opts: lexicons (names or paths; nil: the corpus's `lexicon` metadata, else none),
--- discover (no lexicon: the discovered actors as subjects), predicates (names or
--- files; the general vocabulary and the lexicons' domain packs by default), similarity
--- (0.3), reference (a chronology file) or ref (one loaded), all (every group),
--- progress(fmt, ...), threads (worker threads; default: $CLIO_THREADS or the CPUs, past
--- a few MB), transient (the caller reads the layers once: none is kept in memory for
--- later analyses of the run, nor any document's tokens). Returns { groups, claims (count), reference, unresolved (counts
--- of claims left ungrouped, by reason) }.
local clio = require "clio"
local annotate = require "clio.annotate"
local claims = require "clio.claims"
local group = require "clio.claims.group"
local pack = require "clio.claims.pack"

local M = {}

function M.run(corpus, opts)
  opts = opts or {}
  -- the lexicons named, else the corpus's `lexicon` metadata; with none, subjects are
  -- capitalized names, or (opts.discover) the actors discovered across the documents
  local lexicons = require("clio.factions").lexicons_of(corpus, opts.lexicons)
  local lopts = setmetatable({ lexicons = lexicons or false }, { __index = opts })
  if not lexicons then
    if opts.discover then lopts.corpus_sum = annotate.corpus_sum(corpus) end
  end
  lopts.vocabulary = require("clio.annotate.claims").vocabulary(lopts)
  local ref = opts.ref or (opts.reference and claims.load_reference(opts.reference, lopts.vocabulary)) or nil
  local all, untyped, unresolved, n = {}, {}, {}, 0
  local function count(reason) unresolved[reason] = (unresolved[reason] or 0) + 1 end
  -- on worker threads when that gives the same result (clio.annotate.workers)
  local each = require("clio.annotate.workers").each(corpus, { "claims" }, lopts)
    or annotate.each(corpus, { "claims" }, lopts)
  for doc, layers in each do
    n = n + 1
    if opts.progress then opts.progress("claims: %d/%d documents", n, #corpus) end
    -- a cached layer may come from the same text under another name
    -- held small until grouped (clio.claims.pack); what can never be grouped is
    -- counted now and not kept
    for _, c in ipairs(layers.claims.claims) do
      c.doc, c.docname = doc.id, doc.name
      if c.subject or c.object then all[#all + 1] = pack.slim(c, doc)
      else count("no resolved participant") end
    end
    for _, u in ipairs(layers.claims.untyped) do
      if not u.subject then
        count("no resolved participant")
      elseif not group.year_of(u) then
        -- compared with nothing, but its name counts for the names of its participant
        untyped[#untyped + 1] = { subject = u.subject, subject_name = u.subject_name }
      else
        u.doc, u.docname = doc.id, doc.name
        untyped[#untyped + 1] = pack.slim(u, doc)
      end
    end
    if opts.transient then doc:forget() end   -- its tokens are not needed again
  end
  -- the sentences of the claims shown, read again from their documents
  local function text_of(i, s, e) return corpus:doc(i):text(s, e) end
  local groups, nclaims = claims.compare(all, untyped, { similarity = opts.similarity or 0.3, ref = ref,
    all = opts.all, text_of = text_of }, unresolved, lopts.vocabulary)
  return { groups = groups, claims = nclaims, reference = ref, unresolved = unresolved, lexicons = lexicons }
end

--- A claim as `clio claims --format jsonl` writes it inside its group.
function M.claim_record(c, ref)
  return { doc = c.doc, start = c.start, ["end"] = c["end"], text = c.text,
    date = c.date and { value = c.date.value, mod = c.date.mod, rel = c.date.rel, text = c.date.text,
      start = c.date.start, ["end"] = c.date["end"] } or nil,
    polarity = c.polarity, mood = c.mood, hedge = c.hedge, attribution = c.attribution,
    agent = c.agent, reference_verdict = ref and c.reference_verdict or nil,
    trigger = c.trigger, rule = c.rule }
end

--- A group as `clio claims --format jsonl` writes it.
function M.group_record(g, ref)
  local list, conflicts = {}, {}
  for i, c in ipairs(g.claims) do list[i] = M.claim_record(c, ref) end
  for i, p in ipairs(g.conflicts) do conflicts[i] = { p[1] - 1, p[2] - 1 } end
  return { event = g.event, subject = g.subject, object = g.object, claims = list,
    verdict = g.verdict, reference = g.reference or require("cjson").null,
    reference_verdict = ref and g.reference_verdict or nil, conflicts = #conflicts > 0 and conflicts or nil }
end

--- A claim's flags as the table view shows them: "not", "irrealis:...", "hedge:...",
--- "per ...", and its reference verdict.
function M.flags(c, ref)
  local flags = {}
  if c.polarity == "negative" then flags[#flags + 1] = "not" end
  if c.mood == "irrealis" then flags[#flags + 1] = "irrealis:" .. c.irrealis end
  if c.hedge then flags[#flags + 1] = "hedge:" .. c.hedge end
  if c.attribution then flags[#flags + 1] = "per " .. c.attribution end
  if ref then flags[#flags + 1] = c.reference_verdict end
  return table.concat(flags, " ")
end

-- the columns of each format's records (csv, tsv and the others: one row per claim)
local COLUMNS = {
  jsonl = { "event", "subject", "object", "claims", "verdict", "reference", "reference_verdict" },
  table = { "event", "subject", "object", "verdict", "source", "date", "claim", "reference" },
  rows = { "event", "subject", "object", "verdict", "doc", "start", "end", "date", "polarity", "mood", "hedge",
    "attribution", "reference_verdict", "reference_date", "reference_source", "text" },
}

-- a claim as a row of the table (the group's fields on its first claim only) or of csv/tsv
local function claim_row(g, c, first, ref, format)
  if format == "table" then
    return { event = first and g.event or "", subject = first and (g.subject or "—") or "", object = first and g.object or nil,
      verdict = first and g.verdict or "", source = string.format("%s:%d-%d", c.doc, c.start, c["end"]),
      date = claims.date_string(c.date) or "—", claim = M.flags(c, ref), reference = first and ref and (g.reference
        and string.format("%s %s (%s)", g.reference.date, g.reference_verdict, g.reference.source) or "not covered") or nil }
  end
  return { event = g.event, subject = g.subject, object = g.object, verdict = g.verdict, doc = c.doc, start = c.start,
    ["end"] = c["end"], date = claims.date_string(c.date), polarity = c.polarity, mood = c.mood, hedge = c.hedge,
    attribution = c.attribution, reference_verdict = ref and c.reference_verdict or nil, reference_date = g.reference
      and g.reference.date, reference_source = g.reference and g.reference.source, text = c.text }
end

--- view(r, format, ndocs[, emit]) -> columns, items: a run's groups as `clio claims`
--- prints them, items in order, each a record or a string (a note between records):
--- jsonl a record per group (M.group_record), the other formats a row per claim; the
--- table ends with the verdicts counted over ndocs documents and the claims left
--- ungrouped. With emit, each item goes to emit(item) as it is made, and none is kept
--- (items is nil): a large run's records are not all held twice.
function M.view(r, format, ndocs, emit)
  local ref, items, counts = r.reference, {}, { agree = 0, conflict = 0, single = 0 }
  local put = emit or function(x) items[#items + 1] = x end
  for _, g in ipairs(r.groups) do
    counts[g.verdict] = counts[g.verdict] + 1
    if format == "jsonl" then
      put(M.group_record(g, ref))
    else
      for i, c in ipairs(g.claims) do put(claim_row(g, c, i == 1, ref, format)) end
    end
  end
  if format == "table" then
    put(string.format("%d groups: %d conflict, %d agree, %d single; %d claims in %d documents",
      #r.groups, counts.conflict, counts.agree, counts.single, r.claims, ndocs))
    local nleft, why = claims.unresolved_string(r.unresolved)
    if nleft > 0 then put(string.format("%d claims left ungrouped: %s", nleft, why)) end
  end
  return COLUMNS[format] or COLUMNS.rows, not emit and items or nil
end

--- The columns of M.view's records in this format.
function M.view_columns(format) return COLUMNS[format] or COLUMNS.rows end

--- reuse(corpus, opts) -> columns, items: passages shared between documents
--- (clio.reuse.find with opts.shingle words a shingle, opts.min_words at least) as
--- `clio claims --reuse` prints them, the table's text cut to 60 characters, then a note.
function M.reuse(corpus, opts)
  local docs = {}
  for doc in corpus:docs() do docs[#docs + 1] = { path = doc.id, tokens = doc:tokens(), text = doc:text(), base = doc.start } end
  local passages = require("clio.reuse").find(docs, { k = opts.shingle, min_words = opts.min_words })
  local items = {}
  for _, p in ipairs(passages) do
    if opts.format == "table" then
      p.text = p.text:gsub("%s+", " ")
      if #p.text > 60 then p.text = p.text:sub(1, (utf8.offset(p.text, 58) or 59) - 1) .. "…" end
    end
    items[#items + 1] = p
  end
  items[#items + 1] = string.format("%d shared passages in %d documents", #passages, #docs)
  return { "doc_a", "start_a", "end_a", "doc_b", "start_b", "end_b", "words", "text" }, items
end

return M
