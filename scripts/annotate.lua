-- annotate: compute the per-document annotations of a corpus, or of one part of it
--
-- usage: clio annotate [options] -o DIR PATH...
-- Computes the annotation layers (dates, actor mentions, claims; clio.annotate) of
-- every document, or with --part K/N of part K of N (counted from 0: a Slurm array's
-- task id), and writes them as a self-contained segment, DIR/part-K-of-N/, whose
-- manifest is written last. `clio merge -o MERGED DIR` joins the segments of all parts;
-- every analysis then reads them with --annotations MERGED and computes nothing again.
-- Give annotate the options the analyses will get (--lexicon, --grammar, --period,
-- --predicates, --lang, corpus options): layers are keyed by them. --index also writes
-- the part's index segment (DIR/part-K-of-N/index.clio, as clio index --part does),
-- which clio merge joins into the index of the whole corpus. docs/scale-out.md.
local clio = require "clio"
local cli, parts, segments = clio.cli, require "clio.parts", require "clio.segments"

local opts, paths = cli.parse({ ... }, {
  usage = "clio annotate [options] -o DIR PATH...",
  options = cli.options(cli.corpus_options, {
    { "output", short = "o", value = "DIR", help = "the folder of segments to write into" },
    { "part", value = "K/N", default = "0/1", help = "annotate part K of N (K from 0 to N-1), cut by documents, balanced by bytes" },
    { "layers", value = "LIST", default = "timex,mentions,claims,counts,searchtokens", help = "the layers to compute (their inputs come along)" },
    { "lexicon", short = "l", value = "FILE", list = true, help = "a faction lexicon, as for the analyses" },
    { "grammar", value = "FILE", list = true, help = "a Lua file extending the temporal grammar, as for clio timeline" },
    { "reference-time", value = "DATE", help = "resolve relative dates against DATE, as for clio timeline" },
    { "period", value = "FROM-TO", help = "the span the story moves through, as for clio timeline" },
    { "predicates", value = "NAME|FILE", list = true, help = "a predicate vocabulary, as for clio claims" },
    { "threads", value = "N", number = true, help = "worker threads for the grammar" },
    { "index", help = "also write the part's index segment (part-K-of-N/index.clio) for clio merge" },
  }),
  min = 1,
})
if not opts.output then clio.usage("annotate needs -o DIR, the folder of segments") end
local k, n = parts.parse(opts.part)
if not k then clio.usage("%s", n) end
local bad = clio.timeline.check(opts)
if bad then clio.usage("%s", bad) end
local names = {}
for name in opts.layers:gmatch "[^,%s]+" do names[#names + 1] = name end

opts.lexicons = opts.lexicon   -- the analyses' name for the option
local corpus <close> = cli.open_corpus(opts, paths)
local docs = parts.docs(corpus, k, n)
local dir = segments.part_dir(opts.output, k, n)
local ok, err = pcall(segments.annotate_part, corpus, docs, names, opts, dir,
  { part = k, parts = n, reading = cli.corpus_signature(opts) .. "; paths=" .. table.concat(paths, " ") })
if not ok or not err then clio.fail("%s", ok and "cannot write the manifest" or err) end
if opts.index then
  local built, ierr = clio.index.build(corpus, clio.index.segment_path(opts.output, k, n),
    { options = cli.corpus_signature(opts), part = opts.part })
  if not built then clio.fail("%s", ierr) end
end
local bytes = 0
for _, d in ipairs(docs) do bytes = bytes + d.size end
io.stderr:write(string.format("clio annotate: part %d of %d: %d of %d documents, %.1f MB -> %s\n",
  k, n, #docs, #corpus, bytes / 1e6, dir))
