--- The "claims" layer: each document's claims (clio.claims.document: who did what, when,
--- with polarity, hedging and attribution) and the dated sentences no predicate
--- explains. One value per document: { claims = {...}, untyped = {...} }. Options:
--- vocabulary (compiled predicates), else predicates (names or files) and the domain
--- packs of the lexicons. Reads "sentences", "timex" for dates and "mentions" for
--- subjects and objects (capitalized names fill the rest).
local clio = require "clio"
local annotate = require "clio.annotate"
local claims = require "clio.claims"
local mentions_layer = require "clio.annotate.mentions"

local M = {}

local vocabularies = setmetatable({}, { __mode = "k" })
--- The compiled predicates of these options (once per options table).
function M.vocabulary(opts)
  local v = opts.vocabulary or vocabularies[opts]
  if not v then
    v = claims.vocabulary { predicates = opts.predicates, lexicons = opts.lexicons }
    vocabularies[opts] = v
  end
  return v
end

--- The mentions of the "mentions" layer as clio.claims reads them: {start, end, text,
--- name, id, kind}, without pronouns and cited sources (the claims have rules of their
--- own). Discovered actors have no id: they are keyed by their full name.
function M.subjects(layer, discovered)
  local out = {}
  for _, h in ipairs(layer and layer.mentions or {}) do
    if h.entity and not h.pronoun and h.kind ~= "source" then
      out[#out + 1] = { start = h.start, ["end"] = h["end"], text = h.text,
        name = h.entity.name or h.entity.id, id = not discovered and h.entity.id or nil, kind = h.entity.kind }
    end
  end
  return out
end

annotate.register {
  name = "claims",
  version = 1,
  deps = { "sentences", "timex", "mentions" },
  data = function(opts)
    local files = mentions_layer.code_files { "claims" }
    for _, f in ipairs(clio.core.listdir(clio.home .. "/lua/clio/claims") or {}) do
      if f:match "%.lua$" then files[#files + 1] = clio.home .. "/lua/clio/claims/" .. f end
    end
    table.sort(files)
    for _, p in ipairs(M.vocabulary(opts).paths or {}) do
      if p ~= "predicates" then files[#files + 1] = p end
    end
    return files
  end,
  compute = function(doc, deps, opts)
    local cs, us = claims.document(doc, { sentences = deps.sentences, timex = deps.timex,
      mentions = M.subjects(deps.mentions, not (opts.lexicons and #opts.lexicons > 0)) },
      { predicates = M.vocabulary(opts) })
    return { claims = cs, untyped = us }
  end,
}

return M
