--- The "mentions" layer: each document's actor mentions (clio.factions), with the date
--- in force at each and the factions its actor belonged to then, and the document's
--- narrative dates. One value per document: { mentions = {...}, dates = {...} }, each
--- mention as clio.factions tags it (entity, alias, memberships, factions ...).
--- Reads the "narrative" layer (the dates that move the story, from "timex"), the
--- "sentences" layer and, without a lexicon, the "actors" layer.
--- Options: lexicons (names or paths; none: actors discovered from the texts), fuzzy
--- (true), pronouns (false), dates (true), lang. Changing a lexicon recomputes
--- mentions, not dates.
---
--- Discovered actors are one across documents (a surname joins a full name met in an
--- earlier document), so without a lexicon a document's mentions depend on the ones
--- before it: those layers are kept for the run only (never on disk), keyed by the
--- whole corpus (opts.corpus_sum), and computed in document order. What each document
--- names on its own (the "actors" layer) is found beforehand, on any thread or part:
--- only the join runs in order.
local clio = require "clio"
local annotate = require "clio.annotate"
local factions = require "clio.factions"
local lexicon = require "clio.lexicon"

local M = {}

local discovered = require("clio.annotate.actors").discovers   -- no lexicon named

local taggers = setmetatable({}, { __mode = "k" })
--- The factions tagger of these options, built once per options table.
function M.tagger(opts)
  local t = taggers[opts]
  if not t then
    t = factions.new { lexicons = not discovered(opts) and opts.lexicons or nil, fuzzy = opts.fuzzy ~= false,
      pronouns = opts.pronouns, dates = opts.dates ~= false, lang = opts.lang }
    taggers[opts] = t
  end
  return t
end

-- the code a layer is computed by: an edited module recomputes it
local function code_files(names)
  local files = {}
  for _, name in ipairs(names) do files[#files + 1] = clio.home .. "/lua/clio/" .. name .. ".lua" end
  return files
end
M.code_files = code_files

annotate.register {
  name = "mentions",
  version = 1,
  -- without a lexicon, what each document names on its own (the "actors" layer)
  deps = function(opts)
    if discovered(opts) then return { "sentences", "narrative", "actors" } end
    return { "sentences", "narrative" }
  end,
  data = function(opts)
    local files = code_files { "factions", "lexicon", "actors", "actors/markup" }
    if not discovered(opts) then
      for _, l in ipairs(opts.lexicons) do files[#files + 1] = lexicon.resolve(l) end
    end
    return files
  end,
  params = function(opts)
    return string.format("fuzzy=%s;pronouns=%s;dates=%s;lang=%s;corpus=%s", tostring(opts.fuzzy ~= false),
      tostring(opts.pronouns == true), tostring(opts.dates ~= false), tostring(opts.lang),
      discovered(opts) and (opts.corpus_sum or "?") or "")
  end,
  persist = function(opts) return not discovered(opts) end,
  -- discovered actors join across documents: computed in document order, in one state
  ordered = function(opts) return discovered(opts) end,
  compute = function(doc, deps, opts)
    local t = M.tagger(opts):tag(doc, { dates = deps.narrative, sentences = deps.sentences, found = deps.actors })
    return { mentions = t.mentions, dates = t.dates }
  end,
}

return M
