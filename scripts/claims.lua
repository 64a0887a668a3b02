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

local function put(out, x)
  if type(x) == "string" then out:note(x) else out:write(x) end
end
if opts.reuse then
  local columns, items = claims.reuse(corpus, opts)
  local out <close> = output.open { format = opts.format, path = opts.output, columns = columns }
  for _, x in ipairs(items) do put(out, x) end
  out:close()
else
  local r = claims.run(corpus, { lexicons = opts.lexicon, annotations = opts.annotations, predicates = opts.predicates,
    reference = opts.reference, similarity = opts.similarity, all = opts.all, progress = output.progress, transient = true })
  local nleft, why = claims.unresolved_string(r.unresolved)
  if opts.format ~= "table" and nleft > 0 then io.stderr:write(string.format("clio claims: %d claims left ungrouped: %s\n", nleft, why)) end
  -- each record written as it is made: a large run's records are not all held twice
  local out <close> = output.open { format = opts.format, path = opts.output, columns = claims.view_columns(opts.format) }
  claims.view(r, opts.format, #corpus, function(x) put(out, x) end)
  out:close()
end
