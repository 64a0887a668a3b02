--- The "searchtokens" layer: a document's part of the report's search index
--- (clio.report.searchindex): its distinct token surfaces in first-seen order, their
--- counts, the token stream as codes of those local numbers, the byte gap before each
--- token as codes, and the number of tokens. The report renumbers the local codes by
--- corpus frequency, so an unchanged document's tokens are not read again.
local clio = require "clio"
local annotate = require "clio.annotate"

annotate.register {
  name = "searchtokens",
  version = 1,
  data = function() return { clio.home .. "/lua/clio/report/searchindex.lua" } end,
  compute = function(doc) return require("clio.report.searchindex").document(doc) end,
}

return {}
