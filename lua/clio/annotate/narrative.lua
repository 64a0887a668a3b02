--- The "narrative" layer: a document's narrative dates (clio.factions.narrative_dates:
--- the DATEs among its anchored temporal expressions that move the story, each with its
--- day interval), in text order. The "mentions" layer reads these, not the whole
--- "timex" layer: when mentions are joined in one state (actors discovered across
--- documents), that state decodes a few dates per document rather than every expression.
--- Options: dates (false: none).
local annotate = require "clio.annotate"

annotate.register {
  name = "narrative",
  version = 1,
  deps = { "timex" },
  data = function() return require("clio.annotate.mentions").code_files { "factions" } end,
  params = function(opts) return "dates=" .. tostring(opts.dates ~= false) end,
  compute = function(doc, deps, opts)
    if opts.dates == false then return {} end
    return require("clio.factions").narrative_dates(deps.timex, doc:text(), doc.start, doc:gaps())
  end,
}

return {}
