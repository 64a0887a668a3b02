--- clio.claims.participants: who a predicate match is about. For one sentence, finds the
--- subject (the doer for `agent` events, the one it happens to for `patient` events, in
--- active and passive alike), the agent when named apart, and the objects, from the
--- document's mentions. A pronoun ("he", "his") resolves to the nearest compatible
--- mention in subject position, or leaves the claim without a subject.
local M = {}

local BE = { was = true, were = true, been = true, be = true, being = true, is = true, are = true,
  got = true, get = true }
local AUX = { was = true, were = true, is = true, are = true, had = true, has = true, would = true,
  could = true, did = true, began = true, ["then"] = true, also = true, soon = true, quickly = true,
  who = true }
local POSSESSIVE = require("clio.lang").load():set("possessive_pronouns") -- his, her, their, its
M.POSSESSIVE = POSSESSIVE
-- words between a subject and its verb: "Trotsky was quickly removed", "Bukharin had been"
local AUX_CHAIN = { was = true, were = true, been = true, be = true, had = true, has = true,
  have = true, is = true, are = true, being = true, also = true, ["then"] = true, quickly = true,
  soon = true, later = true, finally = true, eventually = true, ["not"] = true, never = true,
  ["and"] = true, gradually = true, immediately = true, himself = true, herself = true,
  perhaps = true, probably = true, possibly = true, allegedly = true, reportedly = true,
  apparently = true, supposedly = true, actually = true }
local CLAUSE_STOP = { [";"] = true, [":"] = true, ["("] = true, [")"] = true, ["."] = true,
  ["?"] = true, ["!"] = true }
M.CLAUSE_STOP = CLAUSE_STOP

--- Whether a mention stands where a sentence's subject does: a person (or a name of
--- unknown kind) followed by an auxiliary or a past-tense verb, not after "the".
function M.is_subject_position(toks, m)
  local nxt = toks[m.last + 1]
  local prev = toks[m.first - 1]
  if prev and prev.term == "the" then return false end
  if m.kind and m.kind ~= "person" then return false end
  if not nxt or nxt.kind ~= "word" then return false end
  return AUX[nxt.term] or nxt.term:match "ed$" ~= nil
end

-- a pronoun of gender g can stand for mention m: a person (or unknown kind) whose
-- gender, when known, agrees
local function compatible(m, g)
  if not m then return false end
  if m.kind and m.kind ~= "person" then return false end
  if m.gender and g and m.gender ~= g then return false end
  return true
end

--- A mention that names an event ("Treaty of Brest-Litovsk") as a participant keyed
--- without the event's word ("brest-litovsk"); unchanged if nothing would be left.
function M.event_name(m, term)
  local words = {}
  for w in m.key:gmatch "%S+" do
    if w ~= term and w ~= term:gsub("s$", "") and w ~= term .. "s" then words[#words + 1] = w end
  end
  while words[1] == "of" or words[1] == "the" do table.remove(words, 1) end
  while words[#words] == "of" or words[#words] == "the" do table.remove(words) end
  if #words == 0 then return m end
  local copy = {}
  for k, v in pairs(m) do copy[k] = v end
  copy.key = table.concat(words, " ")
  return copy
end

---@class clio.ClaimSentence
local Sentence = {}
Sentence.__index = Sentence

--- The participant finder of one sentence (tokens lo..hi). ments: {at_first, at_last};
--- salient: the mention "he" refers to from earlier sentences.
function M.sentence(P, toks, lo, hi, ments, salient)
  return setmetatable({ P = P, toks = toks, lo = lo, hi = hi, at_first = ments.at_first,
    at_last = ments.at_last, covering = ments.covering or {}, salient = salient, in_hit = {},
    claims = {} }, Sentence)
end

function Sentence:free(m) return m and not self.in_hit[m.first] and m or nil end

--- The mention a pronoun at token k refers to (nil if k is no pronoun or none fits).
function Sentence:resolve(k, possessive)
  local toks = self.toks
  local term = toks[k].term
  local g = self.P.pronouns[term]
  if g and not possessive and POSSESSIVE[term] then g = nil end
  if not g then return nil end
  -- a subject earlier in the same sentence wins over the previous sentences'
  for j = k - 1, self.lo, -1 do
    local m = self.at_last[j]
    if m and M.is_subject_position(toks, m) and compatible(m, g) then return m end
  end
  if compatible(self.salient, g) then return self.salient end
  return nil
end

-- nearest mention (or resolvable pronoun) before token k in the clause
function Sentence:before(k)
  local toks, fallback = self.toks, nil
  for j = k - 1, math.max(self.lo, k - 12), -1 do
    if CLAUSE_STOP[toks[j].term] or toks[j].term == "," then break end
    local m = self:free(self.at_last[j])
    if m then
      -- "Bukharin's attack on ...": a possessor is a last resort
      if toks[j + 1] and toks[j + 1].term == "'s" and j + 1 < k - 1 then
        fallback = fallback or m
      else
        return m
      end
    elseif toks[j].term ~= "'s" then
      local r = self:resolve(j)
      if r then return r end
    end
  end
  return fallback
end

function Sentence:after(k, limit, inside)
  local toks = self.toks
  for j = k, math.min(self.hi, k + (limit or 4)) do
    if CLAUSE_STOP[toks[j].term] or toks[j].term == "," then return nil end
    local m = self.at_first[j]
    if m and (inside or self:free(m)) then return m end
    local r = self:resolve(j)
    if r then return r end
  end
end

-- "Lenin 's death", "his assassination", "Stalins rise", "the death of Lenin",
-- "the battle at Verdun" (the event's nominal_preps)
function Sentence:possessor(k, preps, modifier_ok)
  local toks, lo = self.toks, self.lo
  local j = k - 1
  while j >= lo and (toks[j].term == "first" or toks[j].term == "the") do j = j - 1 end
  local modifier
  if j >= lo and toks[j].term == "'s" then
    local m = self.at_last[j - 1]
    if m then return m end
  elseif j >= lo then
    local m = self.at_last[j]
    if m and m.text:match "s$" and not (toks[m.first - 1] and toks[m.first - 1].term == "the") then return m end
    local r = self:resolve(j, true)
    if r then return r end
    -- "the Geneva accords", "the Japanese surrender": a name right before the event word
    if m and j == k - 1 and toks[m.first - 1] and (toks[m.first - 1].term == "the"
      or toks[m.first - 1].kind == "number") then
      modifier = m
    end
  end
  local nxt = toks[k + 1]
  if nxt and (preps or { of = true })[nxt.term] then
    local q = k + 2
    if toks[q] and toks[q].term == "the" and not self.at_first[q] then q = q + 1 end
    local m = self.at_first[q]
    if m then return m, modifier end
  end
  if modifier_ok then return modifier end
  return nil, modifier
end

-- mentions joined by "and" / "," starting at the first one after token k
function Sentence:entity_list(k)
  local first = self:after(k, 3)
  if not first then return {} end
  local list = { first }
  local j = first.last + 1
  while j <= self.hi do
    local t = self.toks[j].term
    if t == "and" or t == "," then
      j = j + 1
    elseif self.at_first[j] then
      list[#list + 1] = self.at_first[j]
      j = self.at_first[j].last + 1
    else
      break
    end
  end
  return list
end

-- the subject of a passive or intransitive verb: the words right before it, over
-- auxiliaries; across "and" to the previous predicate's subject
function Sentence:subject_before(k)
  local toks, lo = self.toks, self.lo
  local j = k - 1
  while j >= lo and AUX_CHAIN[toks[j].term] do j = j - 1 end
  if j < lo then return nil end
  local m = self:free(self.at_last[j])
  if m then return m end
  -- "Nicholas II and his family were executed"
  if j - 3 >= lo and POSSESSIVE[toks[j - 1].term] and toks[j - 2].term == "and" then
    m = self:free(self.at_last[j - 3])
    if m then return m end
  end
  local r = self:resolve(j)
  if r then return r end
  local h = self.in_hit[j]
  if h then
    for _, c in ipairs(self.claims) do
      if c.first == h.i and c._subject then return c._subject end
    end
  end
  return nil
end

--- Marks the tokens inside each matched phrase: a mention there ("expelled from the
--- Soviet Union") is the phrase's object, never its subject.
function Sentence:mark(hits)
  for _, h in ipairs(hits) do
    for j = h.trig + 1, h.stop - 1 do self.in_hit[j] = h end
  end
end

--- Whether hit h is a verb in the passive ("was expelled", "and exiled" after a passive).
function Sentence:passive(h)
  local toks = self.toks
  if not h.pat[h.pat.trigger].verb then return false end
  -- "areas not occupied by the Japanese", "Paris, taken by the Germans"
  if toks[h.stop] and toks[h.stop].term == "by" and toks[h.trig].term:match "[ed]n?$" then return true end
  for j = h.trig - 1, math.max(self.lo, h.trig - 3), -1 do
    if BE[toks[j].term] then return true end
    if toks[j].kind ~= "word" then break end
  end
  -- "was removed from ... and expelled from ...": the coordinated verb is passive too
  local last = self.claims[#self.claims]
  return toks[h.trig - 1] ~= nil and toks[h.trig - 1].term == "and" and last ~= nil and last._passive == true
end

--- The participants of hit h: subject, agent (mentions or nil), objects (names; false
--- for none), and whether the verb is passive.
function Sentence:roles(h)
  local toks, ev, trig = self.toks, h.ev, h.trig
  local verbal = h.pat[h.pat.trigger].verb
  local passive = self:passive(h)
  local subject, agent, objects = nil, nil, {}
  local named = self.covering[trig]
  if named and named.first == named.last then named = nil end
  if not verbal and named then
    -- the event's own name: "the Treaty of Brest-Litovsk", "the Geneva Accords"; keyed
    -- without the event word, so that "the Brest-Litovsk treaty" is the same
    subject = M.event_name(named, toks[trig].term)
  elseif not verbal then
    -- a name before the event word is its doer ("the Japanese invasion of Manchuria"),
    -- or its name ("the Geneva accords")
    local modifier
    subject, modifier = self:possessor(h.i, ev.nominal_preps, ev.role == "agent" or ev.named)
    if ev.role == "patient" and modifier and modifier ~= subject then agent = modifier end
    if ev.role == "agent" and not subject then subject = self:before(h.i) end
  elseif ev.role == "patient" then
    if passive or ev.intransitive then
      subject = self:subject_before(h.i)
      for j = h.stop, math.min(self.hi, h.stop + 6) do
        if toks[j].term == "by" then
          local k = j + 1
          while toks[k] and (toks[k].term == "the" or toks[k].term == "hand" or toks[k].term == "of"
            or toks[k].term == "a" or toks[k].term == "an") do k = k + 1 end
          agent = self.at_first[k]
          break
        end
      end
    else
      subject = self:after(trig + 1, 4, true)
      agent = self:before(h.i)
    end
  else -- agent role, verbal
    if passive then
      for j = h.stop, math.min(self.hi, h.stop + 4) do
        if toks[j].term == "by" then subject = self:after(j + 1, 1) break end
      end
    else
      local last = self.claims[#self.claims]
      if toks[h.i - 1] and toks[h.i - 1].term == "and" and last and last._subject then
        subject = last._subject -- "took power ... and became Supreme Ruler"
      else
        subject = self:before(h.i)
      end
    end
  end
  if ev.named and subject and verbal then
    -- "signed the Treaty of Brest-Litovsk": the name holds the matched event word
    for j = h.i, h.stop - 1 do
      if self.covering[j] == subject then subject = M.event_name(subject, toks[j].term) break end
    end
  end
  local rule = h.pat.rule or ev.object
  if rule == "entity" then
    local start = h.stop
    -- "X was invaded by Y": the object is the subject of the passive, the doer after "by"
    for _, m in ipairs(self:entity_list(start)) do
      if not subject or m.key ~= subject.key then objects[#objects + 1] = m.name end
    end
    if passive and ev.role == "agent" and #objects == 0 then
      local m = self:subject_before(h.i)
      if m and (not subject or m.key ~= subject.key) then objects[1] = m.name end
    end
  elseif h.pat.object then
    objects[1] = h.pat.object
  elseif rule and rule:match "^<" then
    -- the most specific object the pattern captured: a named post over "post"
    local best
    for _, c in ipairs(h.caps) do
      if not best or best.name == c.class or (best.name == "post" and c.name ~= "post") then best = c end
    end
    objects[1] = best and best.name
  elseif rule then
    objects[1] = rule
  end
  if #objects == 0 then objects[1] = false end
  return subject, agent, objects, passive, verbal
end

return M
