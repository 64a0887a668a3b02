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
local dating = require "clio.claims.dating"
local predicates = require "clio.claims.predicates"

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

local discovers = require("clio.annotate.actors").discovers   -- no lexicon named

local WITH_MENTIONS, NO_MENTIONS = { "sentences", "timex", "mentions" }, { "sentences", "timex" }
local SENTENCES, NONE = { "sentences" }, {}
local NO_DATES = {}
-- the filter words' sentences deps_of found, for compute to read instead of a second scan
local candidates_of = setmetatable({}, { __mode = "k" })

-- whether the subjects are actors (a lexicon's, or with opts.discover those discovered
-- across documents); else they are capitalized names and no mentions are read
local function reads_mentions(opts)
  return not discovers(opts) or opts.discover
end

--- The layers claims read with these options (the step's deps).
function M.deps(opts) return reads_mentions(opts) and WITH_MENTIONS or NO_MENTIONS end

--- The layers document doc needs for its claims: without a trigger word (no claim)
--- and without a possible year (no dated sentence: clio.claims.dating.may_date),
--- none; without a possible year, no dates; without a lexicon, no mentions (none are
--- read). Discovered actors depend on every document before: then all of them.
function M.deps_of(doc, opts)
  local all = M.deps(opts)
  local lexicon = not discovers(opts)
  if opts.discover and not lexicon then return all end
  if dating.may_date(doc, opts) then return all end
  local packed = predicates.candidates(M.vocabulary(opts), doc)
  if #packed == 0 then return NONE end
  candidates_of[doc] = packed
  -- a lexicon's mentions read the timex layer, whose dates claims would not use here
  return lexicon and all or SENTENCES
end

annotate.register {
  name = "claims",
  version = 1,
  deps = M.deps,
  data = function(opts)
    local files = mentions_layer.code_files { "claims" }
    for _, f in ipairs(clio.core.listdir(clio.home .. "/lua/clio/claims") or {}) do
      if f:match "%.lua$" then files[#files + 1] = clio.home .. "/lua/clio/claims/" .. f end
    end
    table.sort(files)
    -- the profile's claim word lists (clio.claims.mentions, clio.claims.predicates)
    files[#files + 1] = require("clio.lang").load().path .. "/words.lua"
    for _, p in ipairs(M.vocabulary(opts).paths or {}) do
      if p ~= "predicates" then files[#files + 1] = p end
    end
    return files
  end,
  deps_of = M.deps_of,
  compute = function(doc, deps, opts)
    if not deps.sentences then return { claims = {}, untyped = {} } end   -- M.deps_of: nothing to find
    local candidates = candidates_of[doc]
    candidates_of[doc] = nil
    local cs, us = claims.document(doc, { sentences = deps.sentences, timex = deps.timex or NO_DATES, candidates = candidates,
      mentions = M.subjects(deps.mentions, discovers(opts)) },
      { predicates = M.vocabulary(opts) })
    return { claims = cs, untyped = us }
  end,
}

return M
