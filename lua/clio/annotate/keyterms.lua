--- The "keyterms" layer: a document's distinctive terms against the rest of its corpus,
--- as clio.report.terms keeps them ({term, ll, log_ratio, count} lists). The value
--- depends on every document, so the key holds the whole corpus's checksum
--- (opts.corpus_sum) and the word list and thresholds the caller filters by
--- (opts.keyterms_params). opts.keyterms(doc) computes it: the caller builds the corpus
--- index once, and only when some document is not cached.
local clio = require "clio"
local annotate = require "clio.annotate"

annotate.register {
  name = "keyterms",
  version = 1,
  data = function() return { clio.home .. "/lua/clio/report/terms.lua" } end,
  params = function(opts)
    return string.format("corpus=%s;%s", opts.corpus_sum or "?", opts.keyterms_params or "")
  end,
  compute = function(doc, _, opts)
    assert(opts.keyterms, "the keyterms layer needs opts.keyterms(doc) (clio.report.terms)")
    return opts.keyterms(doc)
  end,
}

return {}
