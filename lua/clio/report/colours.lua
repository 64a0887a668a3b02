--- clio.report.colours: one colour per faction (the lexicon's own, else a fixed palette
--- in lexicon order) and the factions of the actors named in a span.
local M = {}

-- colour-blind-safe qualitative palette (Tableau 10, reordered)
local PALETTE = { "#4e79a7", "#e15759", "#59a14f", "#f28e2b", "#b07aa1", "#76b7b2", "#edc948",
                  "#ff9da7", "#9c755f", "#bab0ac" }

M.NONE = "#9aa3ad"

--- { id -> colour } for every faction of the lexicon.
function M.of(lex)
  local out, k = {}, 0
  for _, id in ipairs(lex and lex.faction_order or {}) do
    local f = lex.factions[id]
    if f.colour and f.colour:match "^#%x%x%x%x?%x?%x?$" then
      out[id] = f.colour
    else
      k = k + 1
      out[id] = PALETTE[(k - 1) % #PALETTE + 1]
    end
  end
  return setmetatable(out, { __index = function() return M.NONE end })
end

local ACTOR = { person = true, group = true, organization = true }

--- The factions of the actors mentioned in [start, end) of a tagged document, most
--- mentioned first: array of {id, n}; and the actors' names.
function M.in_span(tagged, start, stop)
  local counts, names, seen = {}, {}, {}
  if not tagged then return {}, names end
  for _, h in ipairs(tagged.mentions) do
    if h.start >= stop then break end
    if h.start >= start and ACTOR[h.kind] and h.entity and not h.pronoun then
      for _, f in ipairs(h.factions or {}) do counts[f] = (counts[f] or 0) + 1 end
      if not seen[h.entity.id] then
        seen[h.entity.id] = true
        names[#names + 1] = h.entity.name
      end
    end
  end
  local list = {}
  for f, n in pairs(counts) do list[#list + 1] = { id = f, n = n } end
  table.sort(list, function(a, b)
    if a.n ~= b.n then return a.n > b.n end
    return a.id < b.id
  end)
  return list, names
end

return M
