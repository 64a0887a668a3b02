--- clio.lexicon_draft: a starter lexicon from the actors discovered in a corpus
--- (clio.actors through clio.factions with no lexicon): one entity per actor with its
--- aliases, kind and the first and last narrative dates it is mentioned at; factions and
--- memberships left for the user to fill in. The file it writes loads back with
--- `--lexicon FILE` as written (docs/own-corpus.md).
local factions = require "clio.factions"

local M = {}

-- a narrative date as a lexicon date (YYYY, YYYY-MM or YYYY-MM-DD), or nil ("192X", "BC0513")
local function lexicon_date(v)
  if type(v) ~= "string" then return nil end
  local y, m, d = v:match "^(%d%d%d%d)%-?(%d?%d?)%-?(%d?%d?)"
  if not y then return nil end
  if #m == 2 and #d == 2 then return y .. "-" .. m .. "-" .. d end
  if #m == 2 then return y .. "-" .. m end
  return y
end
M.lexicon_date = lexicon_date

--- The draft's entities from a corpus: array of { id, name, kind, aliases, count, first,
--- last }, most mentioned first; actors with fewer than `min` mentions are left out.
function M.entities(corpus, opts)
  opts = opts or {}
  local min = opts.min or 2
  local tagger = factions.new { dates = opts.dates ~= false, lang = opts.lang }
  local by_id, list = {}, {}
  for doc in corpus:docs() do
    if opts.progress then opts.progress("lexicon draft: %s", doc.name) end
    local t = tagger:tag(doc)
    for _, h in ipairs(t.mentions) do
      local ent = h.entity
      local e = by_id[ent.id]
      if not e then
        e = { id = ent.id, entity = ent, aliases = {}, seen = {}, count = 0 }
        by_id[ent.id] = e
        list[#list + 1] = e
      end
      e.count = e.count + 1
      local text = h.text:gsub("%s+", " ")
      if not e.seen[text] then e.seen[text] = true; e.aliases[#e.aliases + 1] = text end
      local d = lexicon_date(h.date)
      if d then
        if not e.first or d < e.first then e.first = d end
        if not e.last or d > e.last then e.last = d end
      end
    end
  end
  local out = {}
  for _, e in ipairs(list) do
    if e.count >= min then
      local ent = e.entity
      -- the full name first, then the other forms as the texts wrote them
      local aliases, seen = { ent.name }, { [ent.name] = true }
      for _, a in ipairs(e.aliases) do
        if not seen[a] then seen[a] = true; aliases[#aliases + 1] = a end
      end
      out[#out + 1] = { id = e.id, name = ent.name, kind = ent.kind ~= "unknown" and ent.kind or nil,
                        aliases = aliases, count = e.count, first = e.first, last = e.last }
    end
  end
  table.sort(out, require("clio.order").most_first("id"))
  return out
end

--- The text of a draft lexicon file for the entities (as M.entities gives them).
function M.render(entities, opts)
  opts = opts or {}
  local q = function(s) return ("%q"):format(s) end
  local out = {
    "-- A starter lexicon drafted by `clio lexicon draft` from the actors discovered in",
    "-- " .. (opts.source or "a corpus") .. ". Check names and aliases, then add your factions and",
    "-- each actor's memberships (docs/lexicons.md). `mentioned` gives the first and last",
    "-- narrative dates the actor is mentioned at; `kind` is left out where the texts do not",
    "-- tell it (person is assumed).",
    "return {",
    "  name = " .. q(opts.name or "Draft lexicon") .. ",",
    "  factions = {",
    "    -- { id = \"side-a\", label = \"Side A\", from = \"YYYY\", to = \"YYYY\", source = \"...\" },",
    "  },",
    "  entities = {",
  }
  for _, e in ipairs(entities) do
    local al = {}
    for _, a in ipairs(e.aliases) do al[#al + 1] = q(a) end
    local line = { "    { id = " .. q(e.id) .. ", name = " .. q(e.name) }
    if e.kind then line[#line + 1] = ", kind = " .. q(e.kind) end
    line[#line + 1] = ",  -- " .. e.count .. " mentions"
    out[#out + 1] = table.concat(line)
    out[#out + 1] = "      aliases = { " .. table.concat(al, ", ") .. " },"
    if e.first then
      out[#out + 1] = "      mentioned = { " .. q(e.first) .. ", " .. q(e.last) .. " },"
    end
    out[#out + 1] = "      memberships = {} },"
  end
  out[#out + 1] = "  },"
  out[#out + 1] = "}"
  return table.concat(out, "\n") .. "\n"
end

return M
