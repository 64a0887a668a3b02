-- claims: who did what and when, by document; where sources agree, conflict, or contradict the record
--
-- usage: clio claims [--reference FILE] [--format table|jsonl|csv] PATH...
-- Finds claims (subject, event, object, date, polarity, hedging, attribution) with the
-- predicate lexicon in data/predicates/en.lua and the temporal grammar, groups them by
-- (event, subject, object) across documents and gives each group a verdict: agree,
-- conflict or single. With --reference (a chronology, see data/reference/README.md) each
-- claim is also consistent with it, contradicts it, or is not covered. Dated sentences
-- that no predicate explains are compared by TF-IDF similarity. --reuse lists passages
-- shared between documents instead (shingles over folded words, both spans).
-- The table shows each event with, per source, the date it claims; jsonl prints one
-- object per group; csv/tsv one row per claim. The work is clio.claims.run
-- (docs/lua-api.md), over cached annotations.
local clio = require "clio"
local cli, output, claims = clio.cli, clio.output, clio.claims

local opts, paths = cli.parse({ ... }, {
  usage = "clio claims [--reference FILE] [--format table|jsonl|csv] PATH...",
  options = cli.options(cli.corpus_options, cli.annotation_options, cli.output_options, {
    { "reference", short = "r", value = "FILE", help = "a reference chronology (TSV, data/reference/README.md)" },
    { "predicates", value = "NAME|FILE", list = true, help = "a predicate vocabulary instead of data/predicates/en.lua (may repeat: general first, then domain packs)" },
    { "lexicon", value = "NAME|FILE", list = true, help = "a lexicon (a file, or a name along the data search path) for subjects and objects, with its predicate pack (may repeat); none: names found in the texts" },
    { "all", help = "list every group, also undated ones told by one document" },
    { "similarity", value = "X", number = true, default = 0.3, help = "cosine threshold for untyped claims" },
    { "reuse", help = "list passages shared between documents instead of claims" },
    { "shingle", value = "N", number = true, default = 6, help = "words per shingle for --reuse" },
    { "min-words", value = "N", number = true, default = 10, help = "shortest shared passage for --reuse" },
  }),
  min = 1,
})
local corpus <close> = cli.open_corpus(opts, paths)

if opts.reuse then
  local docs = {}
  for doc in corpus:docs() do docs[#docs + 1] = { path = doc.id, tokens = doc:tokens(), text = doc:text(), base = doc.start } end
  local passages = require("clio.reuse").find(docs, { k = opts.shingle, min_words = opts.min_words })
  local out <close> = output.open { format = opts.format, path = opts.output,
    columns = { "doc_a", "start_a", "end_a", "doc_b", "start_b", "end_b", "words", "text" } }
  for _, p in ipairs(passages) do
    if opts.format == "table" then
      p.text = p.text:gsub("%s+", " ")
      if #p.text > 60 then p.text = p.text:sub(1, (utf8.offset(p.text, 58) or 59) - 1) .. "…" end
    end
    out:write(p)
  end
  out:note(string.format("%d shared passages in %d documents", #passages, #docs))
  return out:close()
end

local r = claims.run(corpus, { lexicons = opts.lexicon, annotations = opts.annotations, predicates = opts.predicates, reference = opts.reference,
  similarity = opts.similarity, all = opts.all, progress = output.progress, transient = true })
local nleft, why = claims.unresolved_string(r.unresolved)
if opts.format ~= "table" and nleft > 0 then io.stderr:write(string.format("clio claims: %d claims left ungrouped: %s\n", nleft, why)) end
local ref, columns = r.reference, {
  jsonl = { "event", "subject", "object", "claims", "verdict", "reference", "reference_verdict" },
  table = { "event", "subject", "object", "verdict", "source", "date", "claim", "reference" } }
local out <close> = output.open { format = opts.format, path = opts.output, columns = columns[opts.format] or { "event",
  "subject", "object", "verdict", "doc", "start", "end", "date", "polarity", "mood", "hedge", "attribution",
  "reference_verdict", "reference_date", "reference_source", "text" } }
local counts = { agree = 0, conflict = 0, single = 0 }
for _, g in ipairs(r.groups) do
  counts[g.verdict] = counts[g.verdict] + 1
  if opts.format == "jsonl" then out:write(claims.group_record(g, ref)) end
  for i, c in ipairs(opts.format ~= "jsonl" and g.claims or {}) do
    local first = i == 1
    if opts.format == "table" then
      out:write { event = first and g.event or "", subject = first and (g.subject or "—") or "", object = first and g.object or nil,
        verdict = first and g.verdict or "", source = string.format("%s:%d-%d", c.doc, c.start, c["end"]),
        date = claims.date_string(c.date) or "—", claim = claims.flags(c, ref), reference = first and ref and (g.reference
          and string.format("%s %s (%s)", g.reference.date, g.reference_verdict, g.reference.source) or "not covered") or nil }
    else
      out:write { event = g.event, subject = g.subject, object = g.object, verdict = g.verdict, doc = c.doc, start = c.start,
        ["end"] = c["end"], date = claims.date_string(c.date), polarity = c.polarity, mood = c.mood, hedge = c.hedge,
        attribution = c.attribution, reference_verdict = ref and c.reference_verdict or nil, reference_date = g.reference
          and g.reference.date, reference_source = g.reference and g.reference.source, text = c.text }
    end
  end
end
if opts.format == "table" then
  out:note(string.format("%d groups: %d conflict, %d agree, %d single; %d claims in %d documents",
    #r.groups, counts.conflict, counts.agree, counts.single, r.claims, #corpus))
  if nleft > 0 then out:note(string.format("%d claims left ungrouped: %s", nleft, why)) end
end
out:close()
