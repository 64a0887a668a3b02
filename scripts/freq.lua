-- freq: frequency list of the terms in an index (minimum count, stop words, per million)
--
-- usage: clio freq [options] [--index FILE | PATH...]
-- Counts come from the index (built in memory when there is none). Stop words
-- (the language profile's list, or --stopwords FILE) are left out unless --all-terms; --where
-- KEY=VALUE counts only the documents whose metadata matches (VALUE a substring, or a
-- range such as 1920..1930).
local clio = require "clio"
local cli = clio.cli
local output = clio.output
local index = clio.index

local opts, paths = cli.parse({ ... }, {
  usage = "clio freq [options] [--index FILE | PATH...]",
  options = cli.options(cli.corpus_options, cli.output_options, index.cli_options, {
    { "min", value = "N", number = true, default = 1, help = "least count listed" },
    { "top", short = "n", value = "N", number = true, default = 50, help = "terms listed (0: all)" },
    { "kinds", value = "LIST", default = "word,number", help = "token kinds counted (word,number,clitic,punct,symbol)" },
    { "stopwords", value = "FILE", help = "words left out [the language profile's stopwords]" },
    { "all-terms", help = "keep stop words" },
    { "where", value = "KEY=VALUE", help = "only documents whose metadata matches" },
  }),
})

local ix = index.for_cli(opts, paths)
local docs
if opts.where then
  local key, value = opts.where:match("^([^=]+)=(.*)$")
  if not key then clio.usage("--where takes KEY=VALUE, not '%s'", opts.where) end
  docs = index.select_docs(ix, key, value)
end
local list = ix:freq { min = opts.min, kinds = opts.kinds, limit = opts.top > 0 and opts.top or nil,
  stop = not opts.all_terms and index.stopwords(opts.stopwords, opts.lang) or nil, docs = docs }
local out <close> = output.open { format = opts.format, path = opts.output,
  columns = { "rank", "term", "count", "per_million" } }
for i, t in ipairs(list) do
  local pm = math.floor(t.per_million * 10 + 0.5) / 10
  out:write { rank = i, term = t.term, count = t.count,
    per_million = opts.format == "table" and string.format("%.1f", pm) or pm }
end
out:close()
