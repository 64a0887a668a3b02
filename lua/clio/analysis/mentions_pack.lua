--- clio.analysis.mentions_pack: a document's actor mentions kept as one string, for a run
--- that holds every document's mentions but reads few of them again (the report reads
--- those of the documents its page shows). A mention as a table costs several hundred
--- bytes; packed, 25.
---
---   local pack = mentions_pack.new()
---   t.packed = pack:pack(list)          -- list: mentions as clio.factions tags them
---   for _, h in ipairs(pack:unpack(t.packed)) do ... end
---
--- An unpacked mention has start, end, entity (the same table), kind, factions (the
--- same array for the same factions) and pronoun; the rest (text, date, rule ...) is
--- not kept.
local spack, sunpack = string.pack, string.unpack

local M = {}
local Pack = {}
Pack.__index = Pack

local FORMAT = "<i8i8I4I4B"   -- start, end, entity number, factions number, kind number (+128: pronoun)

function M.new()
  return setmetatable({ entities = {}, entity_no = {}, sets = {}, set_no = {}, kinds = {}, kind_no = {} }, Pack)
end

-- the number of a value in one of the pack's tables, added on first sight
local function number_of(list, index, key, value)
  local n = index[key]
  if not n then
    n = #list + 1
    list[n] = value
    index[key] = n
  end
  return n
end

--- count(s) -> the number of mentions packed in s
function M.count(s) return #s // spack(FORMAT, 0, 0, 0, 0, 0):len() end

--- pack(mentions) -> string
function Pack:pack(mentions)
  local parts = {}
  for i, h in ipairs(mentions) do
    local e = h.entity and number_of(self.entities, self.entity_no, h.entity, h.entity) or 0
    local fs = h.factions or {}
    local f = number_of(self.sets, self.set_no, table.concat(fs, "\0"), fs)
    local k = number_of(self.kinds, self.kind_no, h.kind or "", h.kind or "")
    if k > 127 then error("mentions_pack: more than 127 kinds of actor", 0) end
    parts[i] = spack(FORMAT, h.start, h["end"], e, f, k + (h.pronoun and 128 or 0))
  end
  return table.concat(parts)
end

--- unpack(s) -> mentions (new tables, in the order packed)
function Pack:unpack(s)
  local out, pos, n = {}, 1, 0
  while pos <= #s do
    local start, stop, e, f, k
    start, stop, e, f, k, pos = sunpack(FORMAT, s, pos)
    local kind = self.kinds[k & 127]
    n = n + 1
    out[n] = { start = start, ["end"] = stop, entity = self.entities[e], factions = self.sets[f],
      kind = kind ~= "" and kind or nil, pronoun = k >= 128 or nil }
  end
  return out
end

return M
