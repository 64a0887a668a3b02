-- collocates: words found near a node word or query, ranked by log-likelihood, with MI and t-score
--
-- usage: clio collocates [options] QUERY [--index FILE | PATH...]
-- The node is any query (a word, "a phrase", prefix*). Each hit's window reaches --left
-- and --right tokens within its document; word and number tokens in it are counted.
-- Scores (docs/index.md): MI = log2(O/E), t = (O-E)/sqrt(O), log-likelihood G2 over the
-- 2x2 table of window and corpus counts; E = f(c) * W / N. Stop words are left out
-- unless --all-terms.
local clio = require "clio"
local cli = clio.cli
local output = clio.output
local index = clio.index

local opts, args = cli.parse({ ... }, {
  usage = "clio collocates [options] QUERY [--index FILE | PATH...]",
  options = cli.options(cli.corpus_options, cli.output_options, index.cli_options, {
    { "left", short = "l", value = "N", number = true, default = 5, help = "tokens to the left" },
    { "right", short = "r", value = "N", number = true, default = 5, help = "tokens to the right" },
    { "min", value = "N", number = true, default = 3, help = "least co-occurrences" },
    { "top", short = "n", value = "N", number = true, default = 30, help = "collocates listed (0: all)" },
    { "sort", value = "SCORE", choices = { "ll", "mi", "t" }, default = "ll", help = "ranking score" },
    { "stopwords", value = "FILE", help = "words left out [the language profile's stopwords]" },
    { "all-terms", help = "keep stop words" },
  }),
  min = 1,
})
for _, k in ipairs { "left", "right" } do
  if opts[k] < 0 or opts[k] > 64 then clio.usage("--%s must be 0 to 64", k) end
end
local q = table.remove(args, 1)
local ix = index.for_cli(opts, args)
local hits = index.query(ix, q)
local list, window = ix:collocates(hits, { left = opts.left, right = opts.right, min = opts.min })
local stop = not opts.all_terms and index.stopwords(opts.stopwords, opts.lang) or {}
local keep = {}
for _, c in ipairs(list) do
  if not stop[c.term] then keep[#keep + 1] = c end
end
if opts.sort ~= "ll" then
  local k = opts.sort
  table.sort(keep, function(a, b)
    if a[k] ~= b[k] then return a[k] > b[k] end
    return a.term < b.term
  end)
end
local out <close> = output.open { format = opts.format, path = opts.output,
  columns = { "rank", "term", "observed", "freq", "expected", "mi", "t", "ll" } }
out:note(string.format("node %s: %d hits, window %d tokens (%dL %dR)", q, hits:count(), window, opts.left, opts.right))
for i, c in ipairs(keep) do
  if opts.top > 0 and i > opts.top then break end
  out:write { rank = i, term = c.term, observed = c.observed, freq = c.freq,
    expected = tonumber(string.format("%.3f", c.expected)), mi = tonumber(string.format("%.3f", c.mi)),
    t = tonumber(string.format("%.3f", c.t)), ll = tonumber(string.format("%.3f", c.ll)) }
end
out:close()
