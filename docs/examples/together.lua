-- together: sentences in which two words occur together, per document
local clio = require "clio"
local opts, args = clio.cli.parse({ ... }, {
  usage = "clio together WORD1 WORD2 PATH...",
  options = clio.cli.options(clio.cli.corpus_options, clio.cli.output_options),
  min = 3,
})
local a, b = clio.fold(table.remove(args, 1)), clio.fold(table.remove(args, 1))
local corpus = clio.cli.open_corpus(opts, args)
local out <close> = clio.output.open { format = opts.format, path = opts.output,
  columns = { "doc", "start", "end", "sentence" } }
for doc in corpus:docs() do
  local tokens = doc:tokens()
  for _, s in ipairs(doc:sentences()) do
    local seen = {}
    for i = s.first, s.first + s.ntokens - 1 do seen[tokens[i].term] = true end
    if seen[a] and seen[b] then
      out:write { doc = doc.name, start = s.start, ["end"] = s["end"],
        sentence = doc:text(s.start, s["end"]):gsub("%s+", " ") }
    end
  end
end
