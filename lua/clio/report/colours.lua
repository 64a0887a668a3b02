--- clio.report.colours: one colour per faction and the factions of the actors named in a
--- span. Faction colours must stay apart for readers with red-green colour blindness: the
--- lexicon's own colours are used when every pair stays distinguishable under simulated
--- deuteranopia, else the whole lexicon gets the Okabe–Ito palette (designed for it).
local M = {}

-- Okabe & Ito (2008), colour-blind-safe qualitative palette, strongest first
M.PALETTE = { "#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442", "#000000" }

M.NONE = "#c8ccd2"   -- an actor with no faction at that date, or no lexicon at all
M.MIN_DISTANCE = 15  -- least CIELAB distance (ΔE76) between two factions as a deuteranope sees them

local function hex(c)
  local r, g, b = c:match "^#(%x%x)(%x%x)(%x%x)$"
  if not r then
    local r1, g1, b1 = c:match "^#(%x)(%x)(%x)$"
    if not r1 then return nil end
    r, g, b = r1 .. r1, g1 .. g1, b1 .. b1
  end
  return tonumber(r, 16) / 255, tonumber(g, 16) / 255, tonumber(b, 16) / 255
end

local function to_linear(v) return v <= 0.04045 and v / 12.92 or ((v + 0.055) / 1.055) ^ 2.4 end

-- Machado, Oliveira & Fernandes (2009), deuteranopia at severity 1, on linear RGB
local DEUTAN = { { 0.367322, 0.860646, -0.227968 }, { 0.280085, 0.672501, 0.047413 },
                 { -0.011820, 0.042940, 0.968881 } }

local function lab(r, g, b)
  local x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
  local y = 0.2126 * r + 0.7152 * g + 0.0722 * b
  local z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883
  local function f(t) return t > 216 / 24389 and t ^ (1 / 3) or (24389 / 27 * t + 16) / 116 end
  local fx, fy, fz = f(x), f(y), f(z)
  return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)
end

--- CIELAB coordinates of a "#rrggbb" colour, as seen with normal vision or (deutan) as
--- simulated for deuteranopia.
function M.lab(colour, deutan)
  local r, g, b = hex(colour)
  if not r then return nil end
  r, g, b = to_linear(r), to_linear(g), to_linear(b)
  if deutan then
    local m = DEUTAN
    r, g, b = m[1][1] * r + m[1][2] * g + m[1][3] * b, m[2][1] * r + m[2][2] * g + m[2][3] * b,
      m[3][1] * r + m[3][2] * g + m[3][3] * b
    r, g, b = math.min(1, math.max(0, r)), math.min(1, math.max(0, g)), math.min(1, math.max(0, b))
  end
  return lab(r, g, b)
end

--- ΔE76 between two colours, with normal vision or (deutan) simulated deuteranopia.
function M.distance(a, b, deutan)
  local l1, a1, b1 = M.lab(a, deutan)
  local l2, a2, b2 = M.lab(b, deutan)
  if not l1 or not l2 then return 0 end
  return math.sqrt((l1 - l2) ^ 2 + (a1 - a2) ^ 2 + (b1 - b2) ^ 2)
end

--- The closest pair of a list of colours under deuteranopia: distance, i, j.
function M.closest(list)
  local best, bi, bj = math.huge, nil, nil
  for i = 1, #list do
    for j = i + 1, #list do
      local d = M.distance(list[i], list[j], true)
      if d < best then best, bi, bj = d, i, j end
    end
  end
  return best, bi, bj
end

--- { id -> colour } for every faction of the lexicon, and a note when the lexicon's own
--- colours were replaced (two of them, or one and the neutral grey, too close for a
--- deuteranope).
function M.of(lex)
  local out, own, ids = {}, {}, lex and lex.faction_order or {}
  local all_own = #ids > 0
  for i, id in ipairs(ids) do
    local f = lex.factions[id]
    if f.colour and hex(f.colour) then own[i] = f.colour:lower() else all_own = false end
  end
  local note
  if all_own then
    local list = { M.NONE }
    for i = 1, #ids do list[#list + 1] = own[i] end
    local d, i, j = M.closest(list)
    if d < M.MIN_DISTANCE then
      all_own = false
      local name = function(k) return k == 1 and "no faction" or lex.factions[ids[k - 1]].label end
      note = string.format("The lexicon's colours for %s and %s look alike to a reader with red-green colour "
        .. "blindness (ΔE %.1f); the page uses a colour-blind-safe palette instead.", name(i), name(j), d)
    end
  end
  for i, id in ipairs(ids) do
    out[id] = all_own and own[i] or M.PALETTE[(i - 1) % #M.PALETTE + 1]
  end
  return setmetatable(out, { __index = function() return M.NONE end }), note
end

local ACTOR = { person = true, group = true, organization = true }
M.ACTOR = ACTOR

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
