-- ngrams: the most frequent sequences of 2 to 5 tokens (within sentences, not across punctuation)
--
-- usage: clio ngrams [options] [--index FILE | PATH...]
-- Counted in C over the index. Clitics ('s, n't) count as tokens; punctuation and
-- sentence ends break a sequence.
local clio = require "clio"
local cli = clio.cli
local output = clio.output
local index = clio.index

local opts, paths = cli.parse({ ... }, {
  usage = "clio ngrams [options] [--index FILE | PATH...]",
  options = cli.options(cli.corpus_options, cli.output_options, index.cli_options, {
    { "size", short = "N", value = "N", number = true, default = 2, help = "tokens per n-gram (2-5)" },
    { "min", value = "N", number = true, default = 2, help = "least count listed" },
    { "top", short = "n", value = "N", number = true, default = 50, help = "n-grams listed (0: all)" },
    { "where", value = "KEY=VALUE", help = "only documents whose metadata matches" },
  }),
})
if opts.size < 2 or opts.size > 5 then clio.usage("--size must be 2 to 5, not %s", opts.size) end
local ix = index.for_cli(opts, paths)
local docs
if opts.where then
  local key, value = opts.where:match("^([^=]+)=(.*)$")
  if not key then clio.usage("--where takes KEY=VALUE, not '%s'", opts.where) end
  docs = index.select_docs(ix, key, value)
end
local list = ix:ngrams { n = opts.size, min = opts.min, limit = opts.top > 0 and opts.top or nil, docs = docs }
local out <close> = output.open { format = opts.format, path = opts.output, columns = { "rank", "ngram", "count" } }
for i, g in ipairs(list) do out:write { rank = i, ngram = g.ngram, count = g.count } end
out:close()
