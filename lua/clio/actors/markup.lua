--- clio.actors.markup: an edition's own tagging of names (TEI <persName>, <placeName>,
--- <orgName>) laid over the actors clio discovers. The editor's word is final: a mention
--- inside such an element takes the element's kind, every name pointing at one @ref
--- (else @key) is one actor, and a tagged name the finder missed (lower case, alone at
--- a sentence start) becomes a mention of its own (rule "markup"). An untagged mention
--- follows its actor: when the tagged mentions of a discovered actor point at one
--- identity, all of its mentions do.
local clio = require "clio"
local lpeg = require "lpeg"
local textpat = require "clio.textpat"

local M = {}

local KIND = { persName = "person", placeName = "place", orgName = "organization" }

-- "#trotsky", "people.xml#trotsky", "https://viaf.org/viaf/12345" -> "trotsky", "12345"
local function ref_name(value)
  if not value or value == "" then return nil end
  return value:match "([^#/]+)/*$" or value
end

-- the tagged names of a document, in order: {start, end, kind, ref}
local function tagged_names(doc)
  local out = {}
  for _, m in ipairs(doc:marks()) do
    if KIND[m.kind] and m["end"] > m.start then
      out[#out + 1] = { start = m.start, ["end"] = m["end"], kind = KIND[m.kind], ref = ref_name(m.value) }
    end
  end
  return out
end

-- the most frequent of counts' keys (ties: the longer, then the first in byte order)
local function most(counts)
  local best, bn
  for k, n in pairs(counts) do
    if not best or n > bn or (n == bn and (#k > #best or (#k == #best and k < best))) then best, bn = k, n end
  end
  return best
end

-- each mention's tag: the tagged name that holds it (or that it overlaps)
local function tag_mentions(mentions, tags)
  local covered = {}
  local j = 1
  for _, m in ipairs(mentions) do
    while j <= #tags and tags[j]["end"] <= m.start do j = j + 1 end
    local t = tags[j]
    if t and t.start < m["end"] then m.tag = t; covered[t] = true end
  end
  return covered
end

-- The same capitalized names written again without a tag ("Stalin ruled. Stalin
-- spoke."): mentions of the tagged name's actor, found in one pass over the text.
local function untagged_repeats(doc, r)
  local surfaces, tag_of, alts = {}, {}, nil
  for _, m in ipairs(r.mentions) do
    if m.tag and m.rule == "markup" and not tag_of[m.text] and lpeg.match(textpat.upper, m.text) then
      tag_of[m.text] = m
      surfaces[#surfaces + 1] = m.text
    end
  end
  if #surfaces == 0 then return end
  table.sort(surfaces, function(x, y) return #x > #y or (#x == #y and x < y) end)  -- longest first
  for _, s in ipairs(surfaces) do alts = alts and alts + lpeg.P(s) or lpeg.P(s) end
  local wchar = textpat.wchar
  local hit = lpeg.Ct(lpeg.Cp() * lpeg.C(alts) * lpeg.Cp()) * -wchar
  local scan = lpeg.Ct((hit + wchar ^ 1 + (1 - wchar) ^ 1) ^ 0)
  local base = doc.start
  local taken, j = {}, 1   -- the mentions so far, in order: a hit inside one is no new mention
  for _, m in ipairs(r.mentions) do taken[#taken + 1] = m end
  for _, h in ipairs(lpeg.match(scan, doc:view())) do
    local s, e = base + h[1] - 1, base + h[3] - 1
    while taken[j] and taken[j]["end"] <= s do j = j + 1 end
    if not (taken[j] and taken[j].start < e) then
      local t = tag_of[h[2]]
      r.mentions[#r.mentions + 1] = { start = s, ["end"] = e, text = h[2], id = t.id, name = t.name,
        rule = "markup+repeat", confidence = 0.9 }
    end
  end
  table.sort(r.mentions, function(x, y) return x.start < y.start end)
end

--- Lays doc's tagged names over a finder result {mentions, actors} (clio.actors), in
--- place; slug(name) makes an actor id as the finder makes them. Returns the result.
function M.apply(doc, r, slug)
  local tags = tagged_names(doc)
  if #tags == 0 then return r end
  table.sort(r.mentions, function(x, y) return x.start < y.start end)
  local covered = tag_mentions(r.mentions, tags)
  -- tagged names the finder did not find
  for _, t in ipairs(tags) do
    if not covered[t] then
      local text = doc:cite(t.start, t["end"]):gsub("%s+", " "):gsub("^ ", ""):gsub(" $", "")
      if text ~= "" then
        r.mentions[#r.mentions + 1] = { start = t.start, ["end"] = t["end"], text = clio.nfc(text),
          id = slug(text), name = text, rule = "markup", confidence = 1, tag = t }
      end
    end
  end
  table.sort(r.mentions, function(x, y) return x.start < y.start end)
  untagged_repeats(doc, r)
  -- each discovered actor's identity and kind by its tagged mentions' vote
  local refs, kinds = {}, {}
  for _, m in ipairs(r.mentions) do
    if m.tag then
      local id = m.tag.ref and slug(m.tag.ref) or m.id
      refs[m.id] = refs[m.id] or {}; refs[m.id][id] = (refs[m.id][id] or 0) + 1
      kinds[m.id] = kinds[m.id] or {}; kinds[m.id][m.tag.kind] = (kinds[m.id][m.tag.kind] or 0) + 1
    end
  end
  local old = {}
  for _, a in ipairs(r.actors) do old[a.id] = a end
  -- regroup: a tagged mention goes where its own tag points, an untagged one where its actor's tags do
  local by_id, order = {}, {}
  for _, m in ipairs(r.mentions) do
    local id, kind
    if m.tag then
      id, kind = m.tag.ref and slug(m.tag.ref) or (refs[m.id] and most(refs[m.id])) or m.id, m.tag.kind
      m.confidence, m.rule = 1, m.rule == "markup" and "markup" or (m.rule .. "+markup")
    else
      id = refs[m.id] and most(refs[m.id]) or m.id
      kind = kinds[m.id] and most(kinds[m.id]) or m.kind
    end
    local a = by_id[id]
    if not a then
      a = { id = id, kinds = {}, names = {}, aliases = {}, seen = {}, count = 0, first = m.start, last = m.start,
            titles = {} }
      by_id[id] = a
      order[#order + 1] = a
    end
    a.tagged = a.tagged or m.tag ~= nil
    if kind then a.kinds[kind] = (a.kinds[kind] or 0) + (m.tag and 100 or 1) end
    a.names[m.text] = (a.names[m.text] or 0) + (m.tag and 100 or 1)
    if not a.seen[m.text] then a.seen[m.text] = true; a.aliases[#a.aliases + 1] = m.text end
    a.count = a.count + 1
    a.last = m.start
    for t in pairs(old[m.id] and old[m.id].titles or {}) do a.titles[t] = true end
    m.actor, m.tag = a, nil
  end
  for _, a in ipairs(order) do
    -- an actor that no tag touched keeps the finder's name and kind
    local o = not a.tagged and old[a.id]
    a.kind, a.name = (o or {}).kind or most(a.kinds), o and o.name or most(a.names)
    a.kinds, a.names, a.seen, a.tagged = nil, nil, nil, nil
  end
  for _, m in ipairs(r.mentions) do
    local a = m.actor
    m.id, m.name, m.kind, m.actor = a.id, a.name, a.kind, nil
  end
  table.sort(order, require("clio.order").most_first("first"))
  r.actors = order
  return r
end

return M
