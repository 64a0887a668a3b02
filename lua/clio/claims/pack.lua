--- clio.claims.pack: a claim (or a dated sentence no predicate explains) held small
--- while the claims of a whole corpus wait to be grouped. Grouping reads a few fields of
--- each record (its document, offset, event, participant, date interval, frame,
--- polarity, mood); everything else (the sentence, the date's text and offsets, the
--- trigger, the hedge, the words compared by similarity ...) is packed into one string
--- and unpacked only for the records of the groups that are shown.
---
---   local s = pack.slim(claim, doc) -- a small table: the grouping fields and `_packed`
---   pack.terms(s)                   -- an untyped sentence's words, for the similarity
---   claim = pack.full(s, text_of)   -- the record as it was (a new table), for output
---
--- A record with a field this module does not know (or a date, trigger or sentence of
--- another shape) is kept whole: nothing is ever lost, it only costs its full size.
local spack, sunpack, concat = string.pack, string.unpack, table.concat
local next, getmetatable, setmetatable = next, getmetatable, setmetatable
local mtype = math.type

local M = {}

-- the fields grouping reads, kept in the small table; `date` keeps only lo and hi there
local SLIM = { doc = true, start = true, event = true, subject = true, subject_name = true, object = true,
  frame = true, polarity = true, mood = true, date = true }

-- A small record keeps its fields in the slots of an array (16 bytes each, where named
-- fields cost a hash node of 24 and a table of 11 of them 16 nodes): these names, read
-- and written through the metatable; any other name is a field of its own.
local SLOTS = { "doc", "start", "event", "subject", "subject_name", "object", "frame", "polarity", "mood", "date",
  "_packed", "subject_display", "reference_verdict" }
local SLOT = {}
for i, k in ipairs(SLOTS) do SLOT[k] = i end
local rawget, rawset = rawget, rawset
local Slim = {
  __index = function(t, k)
    local i = SLOT[k]
    if i then return rawget(t, i) end
  end,
  __newindex = function(t, k, v)
    rawset(t, SLOT[k] or k, v)
  end,
}

-- the packed fields, in order: plain values, then the tables below flattened
local PLAIN = { "docname", "end", "label", "subject_id", "agent", "irrealis", "hedge", "attribution",
  "rule", "nominal", "first", "last" }
local KNOWN = {}
for _, k in ipairs(PLAIN) do KNOWN[k] = true end
KNOWN.trigger, KNOWN.sentence, KNOWN.terms, KNOWN.text = true, true, true, true
local SPAN = { start = true, ["end"] = true }
local DATE = { "value", "mod", "rel", "text", "start", "end", "lo", "hi" }
local DATE_KEYS = {}
for _, k in ipairs(DATE) do DATE_KEYS[k] = true end

-- one value: a tag byte and its payload
local function put(out, v)
  local t = type(v)
  if v == nil then out[#out + 1] = "N"
  elseif v == false then out[#out + 1] = "F"
  elseif v == true then out[#out + 1] = "T"
  elseif t == "string" then out[#out + 1] = spack("<c1s4", "s", v)
  elseif mtype(v) == "integer" then
    out[#out + 1] = (v >= -0x80000000 and v < 0x80000000) and spack("<c1i4", "k", v) or spack("<c1i8", "i", v)
  elseif t == "number" then out[#out + 1] = spack("<c1d", "d", v)
  else return false end
  return true
end

local function get(s, pos)
  local tag = s:sub(pos, pos)
  if tag == "N" then return nil, pos + 1
  elseif tag == "F" then return false, pos + 1
  elseif tag == "T" then return true, pos + 1
  elseif tag == "s" then return sunpack("<s4", s, pos + 1)
  elseif tag == "k" then return sunpack("<i4", s, pos + 1)
  elseif tag == "i" then return sunpack("<i8", s, pos + 1)
  elseif tag == "d" then return sunpack("<d", s, pos + 1) end
  error("clio.claims.pack: a damaged record (tag " .. string.format("%q", tag) .. ")", 0)
end

-- whether table t has only keys of `keys` (and is no array)
local function only(t, keys)
  if type(t) ~= "table" or getmetatable(t) then return false end
  for k in pairs(t) do if not keys[k] then return false end end
  return true
end

-- the words of a sentence as one string, or nil when a word holds the separator
local function joined(terms)
  if type(terms) ~= "table" or getmetatable(terms) then return nil end
  local n = 0
  for _ in pairs(terms) do n = n + 1 end
  if n ~= #terms then return nil end
  for _, w in ipairs(terms) do
    if type(w) ~= "string" or w:find("\0", 1, true) then return nil end
  end
  return concat(terms, "\0")
end

-- the span of a record's sentence: the claim's `sentence`, else (an untyped sentence)
-- the record's own
local function sentence_span(r)
  if r.sentence then return r.sentence.start, r.sentence["end"] end
  return r.start, r["end"]
end

--- slim(c[, doc]) -> a small table holding the grouping fields and the rest packed, or
--- c itself when some field is not one this module can pack. With doc (the document
--- the record comes from), a sentence that is the document's bytes there is not kept:
--- M.full reads it again.
function M.slim(c, doc)
  if getmetatable(c) then return c end
  for k in pairs(c) do
    if not SLIM[k] and not KNOWN[k] then return c end
  end
  for _, span in ipairs { c.trigger or false, c.sentence or false } do
    if span and not (only(span, SPAN) and span.start ~= nil and span["end"] ~= nil) then return c end
  end
  if c.date ~= nil and not only(c.date, DATE_KEYS) then return c end
  local words
  if c.terms ~= nil then
    words = joined(c.terms)
    if not words then return c end
  end
  -- the words first: the similarity reads them without the rest
  local out = { words and spack("<c1I4s4", "w", #c.terms, words) or "N", c.date and "D" or "-" }
  for _, k in ipairs(PLAIN) do
    if not put(out, c[k]) then return c end
  end
  -- the sentence: where it is in the document when it is the document's bytes there
  local ss, se = sentence_span(c)
  if doc and type(c.text) == "string" and mtype(ss) == "integer" and mtype(se) == "integer"
    and doc:text(ss, se) == c.text then
    out[#out + 1] = spack("<c1i8", "x", doc.index)
  elseif not put(out, c.text) then
    return c
  end
  for _, k in ipairs { "trigger", "sentence" } do
    local span = c[k]
    if span then
      if not put(out, span.start) or not put(out, span["end"]) then return c end
    else
      out[#out + 1] = "NN"
    end
  end
  local d = c.date
  if d then
    for _, k in ipairs(DATE) do
      if not put(out, d[k]) then return c end
    end
  end
  local packed = concat(out)
  return setmetatable({ c.doc, c.start, c.event, c.subject, c.subject_name, c.object, c.frame, c.polarity, c.mood,
    d and { lo = d.lo, hi = d.hi } or nil, packed, nil, nil }, Slim)
end

-- the words packed first: a list or nil, and the position after them
local function words_of(s)
  if s:sub(1, 1) == "N" then return nil, 2 end
  local n, words, pos = sunpack("<I4s4", s, 2)
  local list = {}
  if n > 0 then
    for w in (words .. "\0"):gmatch "([^\0]*)\0" do list[#list + 1] = w end
  end
  return list, pos
end

--- terms(r) -> the words of an untyped sentence (r.terms when r is whole), or nil.
function M.terms(r)
  if not r._packed then return r.terms end
  return (words_of(r._packed))
end

--- full(r[, text_of]) -> the record whole again: a plain table with every field, those
--- grouping set on the small record included; r itself when it is whole.
--- text_of(index, start, end) reads the bytes of document number index that M.slim left
--- in the document.
function M.full(small, text_of)
  if getmetatable(small) ~= Slim then return small end
  local r = {}
  for i, k in ipairs(SLOTS) do r[k] = rawget(small, i) end
  for k, v in next, small do
    if type(k) == "string" then r[k] = v end
  end
  local s = r._packed
  r._packed = nil
  local words, pos = words_of(s)
  local dated = s:sub(pos, pos) == "D"
  pos = pos + 1
  local v
  for _, k in ipairs(PLAIN) do
    v, pos = get(s, pos)
    r[k] = v
  end
  local at
  if s:sub(pos, pos) == "x" then
    at, pos = sunpack("<i8", s, pos + 1)
  else
    r.text, pos = get(s, pos)
  end
  for _, k in ipairs { "trigger", "sentence" } do
    local a, b
    a, pos = get(s, pos)
    b, pos = get(s, pos)
    if a ~= nil or b ~= nil then r[k] = { start = a, ["end"] = b } end
  end
  if dated then
    local d = {}
    for _, k in ipairs(DATE) do
      v, pos = get(s, pos)
      d[k] = v
    end
    r.date = d
  end
  r.terms = words
  if at then
    if not text_of then error("clio.claims.pack: a record's sentence is in its document: full() needs text_of", 2) end
    r.text = text_of(at, sentence_span(r))
  end
  return r
end

return M
