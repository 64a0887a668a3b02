--- The "sentences" layer: each document's sentences as the core splits them, an array
--- of {start, end, first, ntokens} (file offsets; first: 1-based first token).
local annotate = require "clio.annotate"

annotate.register {
  name = "sentences",
  version = 1,
  compute = function(doc) return doc:sentences() end,
}

return {}
