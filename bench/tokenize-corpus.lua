-- bench helper: loads, checks, tokenizes, folds and splits every document; prints totals.
local clio = require "clio"
local corpus = assert(clio.open({ ... }))
local st = corpus:stats()
print(string.format("%d bytes %d tokens %d words %d sentences %d terms",
  st.bytes, st.tokens, st.words, st.sentences, st.vocabulary))
