-- keyness: words key to one subcorpus against another, by log-likelihood with log ratio as effect size
--
-- usage: clio keyness [options] --where KEY=VALUE [--index FILE | PATH...]
--        clio keyness [options] --reference FILE.clio|PATH [--index FILE | PATH...]
-- Subcorpus A is the documents whose metadata matches --where (B: the others), or the
-- whole corpus against a reference corpus (an index file or texts). Positive
-- log-likelihood: more frequent in A; log ratio = log2 of the ratio of relative
-- frequencies (0.5 for a zero count). Formulas in docs/index.md.
local clio = require "clio"
local cli = clio.cli
local output = clio.output
local index = clio.index

local opts, paths = cli.parse({ ... }, {
  usage = "clio keyness [options] (--where KEY=VALUE | --reference FILE) [--index FILE | PATH...]",
  options = cli.options(cli.corpus_options, cli.output_options, index.cli_options, {
    { "where", value = "KEY=VALUE", help = "subcorpus A: documents whose metadata matches" },
    { "reference", value = "FILE", help = "B: a reference corpus (an index file or a text path)" },
    { "min", value = "N", number = true, default = 5, help = "least count in A and B together" },
    { "top", short = "n", value = "N", number = true, default = 30, help = "terms listed (0: all)" },
    { "negative", help = "list the terms key to B first (most negative)" },
    { "stopwords", value = "FILE", help = "words left out [the language profile's stopwords]" },
    { "all-terms", help = "keep stop words" },
  }),
})
if not opts.where == not opts.reference then clio.usage("give --where KEY=VALUE or --reference FILE") end
local ix = index.for_cli(opts, paths)
local spec = { min = opts.min }
if opts.where then
  local key, value = opts.where:match("^([^=]+)=(.*)$")
  if not key then clio.usage("--where takes KEY=VALUE, not '%s'", opts.where) end
  local a, inA, b = index.select_docs(ix, key, value), {}, {}
  for _, d in ipairs(a) do inA[d] = true end
  for _, d in ipairs(ix:docs()) do if not inA[d.index] then b[#b + 1] = d.index end end
  if #a == 0 or #b == 0 then clio.fail("--where %s leaves %d documents in A and %d in B", opts.where, #a, #b) end
  spec.a, spec.b = a, b
else
  local ref
  if opts.reference:match("%.clio$") then
    local err
    ref, err = index.open(opts.reference)
    if not ref then clio.fail("%s", err) end
  else
    ref = index.for_cli({ threads = opts.threads }, { opts.reference })
  end
  spec.other = ref
end
local list, na, nb = ix:keyness(spec)
local stop = not opts.all_terms and index.stopwords(opts.stopwords, opts.lang) or {}
if opts.negative then
  table.sort(list, function(x, y) if x.ll ~= y.ll then return x.ll < y.ll end return x.term < y.term end)
end
local out <close> = output.open { format = opts.format, path = opts.output,
  columns = { "rank", "term", "a", "b", "ll", "log_ratio" } }
out:note(string.format("A: %d tokens, B: %d tokens", na, nb))
local k = 0
for _, t in ipairs(list) do
  if not stop[t.term] then
    k = k + 1
    if opts.top > 0 and k > opts.top then break end
    out:write { rank = k, term = t.term, a = t.a, b = t.b, ll = tonumber(string.format("%.3f", t.ll)),
      log_ratio = tonumber(string.format("%.3f", t.log_ratio)) }
  end
end
out:close()
