--- The "actors" layer: the actors one document names when no lexicon does (clio.actors:
--- people, organizations, places and groups told from the text itself), before they are
--- joined across documents. One value per document: { mentions = {...}, actors = {...} }
--- as clio.actors' finder gives them, with the fields the join reads (a mention: start,
--- end, text, id, title, possessive, rule, confidence; an actor: id, name, kind, aliases).
---
--- What is found in a document depends on that document alone, so this layer is kept
--- on disk, computed on worker threads and split over parts like any other; only the
--- cheap join across documents (the "mentions" layer) runs in document order. With a
--- lexicon nothing is discovered and the layer is empty (and never stored).
--- Options: lexicons (any: empty layer), lang (the language profile).
local clio = require "clio"
local annotate = require "clio.annotate"

local M = {}

--- Whether these options discover actors (no lexicon).
function M.discovers(opts)
  return not (opts.lexicons and #opts.lexicons > 0)
end

local finders = {}
local function finder(lang)
  local key = lang or "en"
  finders[key] = finders[key] or require("clio.actors").new { lang = lang }
  return finders[key]
end

annotate.register {
  name = "actors",
  version = 1,
  data = function(opts)
    if not M.discovers(opts) then return {} end
    local files = {}
    for _, name in ipairs { "actors", "actors/markup", "textpat" } do
      files[#files + 1] = clio.home .. "/lua/clio/" .. name .. ".lua"
    end
    local profile = require("clio.actors").profile(opts.lang)
    files[#files + 1] = profile.path
    if profile.places_path then files[#files + 1] = profile.places_path end
    return files
  end,
  params = function(opts) return M.discovers(opts) and ("lang=" .. tostring(opts.lang)) or "none" end,
  persist = function(opts) return M.discovers(opts) end,
  compute = function(doc, _, opts)
    if not M.discovers(opts) then return { mentions = {}, actors = {} } end
    local r = finder(opts.lang):document(doc)
    -- only what the join reads: the state that joins decodes every document's layer
    local mentions, actors = {}, {}
    for i, m in ipairs(r.mentions) do
      mentions[i] = { start = m.start, ["end"] = m["end"], text = m.text, id = m.id, title = m.title,
        possessive = m.possessive, rule = m.rule, confidence = m.confidence }
    end
    for i, a in ipairs(r.actors) do actors[i] = { id = a.id, name = a.name, kind = a.kind, aliases = a.aliases } end
    return { mentions = mentions, actors = actors }
  end,
}

return M
