--- The "counts" layer: what the report's corpus overview shows of a document's tokens,
--- {tokens = n, words = n (word and number tokens), sentences = n}. Cached so that a
--- report on an unchanged corpus does not tokenize every document again.
local annotate = require "clio.annotate"

annotate.register {
  name = "counts",
  version = 1,
  compute = function(doc)
    local tokens, words = doc:tokens(), 0
    for _, t in ipairs(tokens) do
      if t.kind == "word" or t.kind == "number" then words = words + 1 end
    end
    return { tokens = #tokens, words = words, sentences = #doc:sentences() }
  end,
}

return {}
