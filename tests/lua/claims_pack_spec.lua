-- clio.claims.pack: claims held small until grouped give back every field, and the
-- groups of clio.claims.run carry whole claim records. Run by ctest as
-- `clio run tests/lua/claims_pack_spec.lua`.
local spec = dofile("tests/lua/spec.lua")
local it, eq = spec.it, spec.eq

local clio = require "clio"
local claims = require "clio.claims"
local pack = require "clio.claims.pack"

local DIR = "data/corpora/stalin-essays"
local SOVIET = claims.load_predicates { "en", "soviet-power-struggle" }

-- every claim and dated unexplained sentence of the bundled essays, as extracted
local function records()
  local corpus = assert(clio.open(DIR))
  local ex = claims.extractor { predicates = SOVIET }
  local cs, us, doc_of = {}, {}, {}
  for doc in corpus:docs() do
    local c, u = ex:document(doc)
    for _, x in ipairs(c) do cs[#cs + 1] = x; doc_of[x] = doc end
    for _, x in ipairs(u) do us[#us + 1] = x; doc_of[x] = doc end
  end
  return cs, us, doc_of, corpus
end

local function copy(t)
  if type(t) ~= "table" then return t end
  local out = {}
  for k, v in pairs(t) do out[k] = v == t and out or copy(v) end
  return out
end

it("a claim and an untyped sentence held small come back whole, field for field", function()
  local cs, us, doc_of, corpus = records()
  assert(#cs > 20 and #us > 0, "the essays hold claims and dated sentences")
  local read = 0
  local function text_of(i, s, e) read = read + 1; return corpus:doc(i):text(s, e) end
  local dated, hedged = 0, 0
  for _, list in ipairs { cs, us } do
    for k, r in ipairs(list) do
      local want = copy(r)
      -- half of them with their document: the sentence is read again from it
      local s = pack.slim(r, k % 2 == 0 and doc_of[r] or nil)
      assert(s ~= r, "a record of the extractor is packed")
      eq(type(s._packed), "string")
      -- the small table holds what grouping reads, not the sentence or the words
      eq(s.text, nil); eq(s.terms, nil); eq(s.trigger, nil); eq(s.sentence, nil)
      eq(s.subject, r.subject); eq(s.event, r.event); eq(s.start, r.start)
      if r.date then
        eq(s.date, { lo = r.date.lo, hi = r.date.hi })
        dated = dated + 1
      end
      eq(pack.terms(s), r.terms)
      if r.hedge then hedged = hedged + 1 end
      -- a field grouping set on it stays
      s.subject_display = "Shown"
      local back = pack.full(s, text_of)
      eq(getmetatable(back), nil)
      eq(back._packed, nil)
      want.subject_display = "Shown"
      -- the frame is the document's one table, not a copy
      if r.frame then assert(back.frame == r.frame, "the frame is shared") end
      eq(back, want)
      eq(pack.full(back), want, "whole stays whole")
    end
  end
  assert(dated > 0, "some records are dated")
  eq(read, #cs // 2 + #us // 2, "the sentences packed with their document are read from it")
end)

it("a sentence that is not the document's bytes there is kept in the record", function()
  local cs, _, doc_of, corpus = records()
  local r = cs[1]
  r.text = r.text .. " (edited)"
  local want = copy(r)
  local s = pack.slim(r, doc_of[r])
  eq(pack.full(s, function() error("not read from the document") end), want)
  local t = pack.slim(cs[2], doc_of[cs[2]])
  spec.raises(function() pack.full(t) end, "needs text_of")
end)

it("a record with a field it does not know, or a date of another shape, is kept whole", function()
  local r = { doc = "a", start = 1, ["end"] = 5, text = "x", event = "die", note = "mine" }
  assert(pack.slim(r) == r)
  local d = { doc = "a", start = 1, ["end"] = 5, text = "x", date = { value = "1924", lo = 1, hi = 2, extra = 1 } }
  assert(pack.slim(d) == d)
  local w = { doc = "a", start = 1, terms = { "a\0b" } }
  assert(pack.slim(w) == w, "a word holding the separator")
  -- offsets past 4 GB, negative numbers, infinite date bounds, booleans
  local big = { doc = "a", start = 1, ["end"] = 5000000000, first = -3, nominal = false, text = "x",
    date = { value = "1924", lo = -math.huge, hi = 703000, start = 4999999990, ["end"] = 4999999994 } }
  eq(pack.full(pack.slim(big)), big)
  local e = { doc = "a", start = 1, terms = {} }
  eq(pack.terms(pack.slim(e)), {})
  eq(pack.full(pack.slim(e)), e)
end)

it("clio.claims.run's groups carry whole claim records: the extracted ones, with the group's names", function()
  local cs, us = records()
  local by = {}
  for _, list in ipairs { cs, us } do
    for _, r in ipairs(list) do by[r.docname .. ":" .. r.start .. ":" .. (r.event or "") .. ":" .. tostring(r.object)] = r end
  end
  local corpus = assert(clio.open(DIR))
  local r = clio.claims.run(corpus, { lexicons = false, predicates = { "en", "soviet-power-struggle" }, transient = true,
    threads = 1, all = true })
  local n, similar, texts = 0, 0, 0
  for _, g in ipairs(r.groups) do
    for _, c in ipairs(g.claims) do
      n = n + 1
      eq(c._packed, nil)
      local key = c.docname .. ":" .. c.start .. ":" .. (g.similar and "" or c.event) .. ":" .. tostring(c.object)
      local want = by[key]
      assert(want, "a shown claim is one extracted: " .. key)
      if g.similar then similar = similar + 1 end
      -- every field the extractor gave, save the names grouping settles
      for k, v in pairs(want) do
        if k ~= "subject" and k ~= "subject_name" and k ~= "event" and k ~= "doc" then eq(c[k], v, k) end
      end
      assert(c.text and c.text ~= "" and c.trigger or g.similar, "text and trigger")
      if c.text then texts = texts + 1 end
    end
  end
  assert(n > 40, "the essays' groups hold claims: " .. n)
  assert(texts == n, "every shown claim has its sentence")
end)

spec.done()
