--- clio.claims.extract: the claims of one document, in phases:
---   mentions (clio.claims.mentions) -> predicate matches (clio.claims.predicates) ->
---   participants (clio.claims.participants) -> polarity/hedging/mood (clio.claims.mood)
---   -> dating (clio.claims.dating) -> attribution (clio.claims.attribution).
--- document(doc, annotations, opts) is the per-document function: a document and what
--- is already known about it (its sentences, timex expressions, mentions) in, claims and
--- dated-but-unexplained sentences out. Nothing here looks at other documents.
local clio = require "clio"
local timex = require "clio.timex"
local predicates = require "clio.claims.predicates"
local mentions = require "clio.claims.mentions"
local participants = require "clio.claims.participants"
local mood = require "clio.claims.mood"
local dating = require "clio.claims.dating"
local attribution = require "clio.claims.attribution"

local M = {}

-- byte offset -> token index: the first token starting at or after off, or (want_end)
-- the last token ending at or before off; binary search over the sorted tokens, so that
-- a document costs no map of all its offsets
local function token_index(toks)
  return function(off, want_end)
    local lo, hi = 1, #toks
    if want_end then
      local found
      while lo <= hi do
        local mid = (lo + hi) // 2
        if toks[mid]["end"] <= off then found = mid; lo = mid + 1 else hi = mid - 1 end
      end
      return found
    end
    local found
    while lo <= hi do
      local mid = (lo + hi) // 2
      if toks[mid].start >= off then found = mid; hi = mid - 1 else lo = mid + 1 end
    end
    return found
  end
end

-- active[i]: sentence i holds a filter word (packed: the core's candidates), so a
-- predicate match can be there; no other sentence can hold one
local function active_sentences(packed, sents)
  local active, si = {}, 1
  for pos = 1, #packed, 24 do
    local s, e = string.unpack("<i8i8", packed, pos)
    while sents[si] and sents[si]["end"] <= s do si = si + 1 end
    local j = si
    while sents[j] and sents[j].start < e do active[j] = true; j = j + 1 end
  end
  return active
end

-- whether one of the active sentences holds a predicate match, read on the tokens of
-- those sentences only (a match never looks outside its sentence): a document that
-- has none and no date has no claim, and needs no token table for the rest
local function any_match(P, doc, sents, active)
  for si in pairs(active) do
    local s = sents[si]
    local toks = doc:tokens(s.first, s.ntokens)
    if #predicates.matches(P, toks, 1, #toks) > 0 then return true end
  end
  return false
end

-- the same event twice in one phrase ("launched his purge"): the longer span stays
local function drop_overlaps(sclaims)
  local kept = {}
  for _, c in ipairs(sclaims) do
    local dup = false
    for _, o in ipairs(sclaims) do
      if o ~= c and o.event == c.event and o.object == c.object and o.first <= c.last and c.first <= o.last
        and (o.last - o.first > c.last - c.first or (o.last - o.first == c.last - c.first and o.first < c.first)) then
        dup = true
      end
    end
    if not dup then kept[#kept + 1] = c end
  end
  return kept
end

-- a dated sentence that no predicate explains: compared by similarity later
local function untyped_record(doc, s, text, base, toks, lo, hi, at_first, d)
  local subj
  for j = lo, hi do
    local m = at_first[j]
    if m and m.key then subj = m break end
  end
  local terms = {}
  for j = lo, hi do
    local t = toks[j]
    if t.kind == "word" and not mentions.FUNCTION_WORDS[t.term] then terms[#terms + 1] = t.term end
  end
  return {
    doc = doc.path, docname = doc.name, start = s.start, ["end"] = s["end"],
    text = text:sub(s.start - base + 1, s["end"] - base), terms = terms,
    subject = subj and subj.key, subject_name = subj and subj.name,
    date = dating.copy(dating.bounded(d)), polarity = "positive", mood = "realis", rule = "similar",
  }
end

--- The claims of one document.
--- annotations (all optional): sentences (doc:sentences()), timex (anchored expressions
--- {type, value, mod, text, start, end}), mentions (actor mentions with byte offsets:
--- {start, end, text, name, id?, kind?, gender?}), candidates (the filter words'
--- sentences, clio.claims.predicates.candidates, when the caller has read them).
--- opts: predicates (compiled), find_mentions(text, base), tagger, reference_time.
---@return table[] claims, table[] untyped
function M.document(doc, annotations, opts)
  annotations, opts = annotations or {}, opts or {}
  local P = opts.predicates or predicates.load()
  local text = doc:text()
  local base = doc.start

  -- dates of the document (assigned to claims in phase 4)
  local exprs = annotations.timex
  if not exprs then
    local tagger = opts.tagger or timex.new()
    exprs = tagger:extract(text, { base = base })
    tagger:anchor(exprs, { reference_time = opts.reference_time })
  end
  -- no date (no unexplained dated sentence) and no trigger word (no claim): nothing to
  -- find, and most short documents (paragraphs of a book) end here, before any token table
  local dated = dating.any_date(exprs)
  local packed = annotations.candidates or predicates.candidates(P, doc)
  if not dated and #packed == 0 then return {}, {} end
  local sents = annotations.sentences or doc:sentences()
  -- the sentences where a predicate match can start
  local active = active_sentences(packed, sents)
  if not dated and not any_match(P, doc, sents, active) then return {}, {} end

  local toks = doc:tokens()
  local sentence_first = {}
  for _, s in ipairs(sents) do sentence_first[s.first] = true end
  local tok_index = token_index(toks)

  -- phase 1: mentions
  local found = annotations.mentions
  if not found and opts.find_mentions then found = opts.find_mentions(text, base) end
  local ments = mentions.document(toks, sentence_first, found, tok_index)
  local dates = dating.document(P, exprs, toks, doc:gaps(), tok_index)
  local frame = annotations.frame or dating.frame(dates)
  local di = 1

  local claims, untyped = {}, {}
  local mi = 1 -- the first mention not before the current sentence
  local salient -- the entity "he" refers to: the last one seen in subject position
  local none = {}
  for si, s in ipairs(sents) do
    local lo, hi = s.first, s.first + s.ntokens - 1

    -- phase 2: predicate matches (most sentences have none: no participant work then)
    local hits = active[si] and predicates.matches(P, toks, lo, hi) or none
    local S = #hits > 0 and participants.sentence(P, toks, lo, hi, ments, salient) or nil
    if S then S:mark(hits) end

    for _, h in ipairs(hits) do
      local subject, agent, objects, passive, verbal = S:roles(h)
      if subject or h.ev.subject_optional then
        -- phase 3: polarity, hedging, mood; phase 5: attribution
        local md = mood.of(P, toks, h.i, lo, verbal)
        local said = attribution.of(S, h.i, subject)
        local tt = toks[h.trig]
        for _, obj in ipairs(objects) do
          S.claims[#S.claims + 1] = {
            doc = doc.path, docname = doc.name, sentence = { start = s.start, ["end"] = s["end"] },
            start = toks[h.i].start, ["end"] = toks[h.stop - 1]["end"],
            trigger = { start = tt.start, ["end"] = tt["end"] }, first = h.i, last = h.stop - 1,
            event = h.ev.type, label = h.ev.label,
            subject = subject and subject.key or nil, subject_name = subject and subject.name or nil,
            subject_id = subject and subject.id or nil,
            _subject = subject, _passive = passive,
            object = obj or nil, agent = agent and agent.name or nil,
            polarity = md.polarity, mood = md.mood, irrealis = md.irrealis, hedge = md.hedge,
            attribution = said, rule = "predicate", nominal = not verbal,
          }
        end
      end
    end

    -- phase 4: dating
    while dates[di] and dates[di].first < lo do di = di + 1 end
    local sdates = {}
    local k = di
    while dates[k] and dates[k].first <= hi do
      if dates[k].last <= hi then sdates[#sdates + 1] = dates[k] end
      k = k + 1
    end
    local owner, kept = none, none
    if S and #S.claims > 0 then
      owner = dating.owners(S.claims, sdates)
      kept = drop_overlaps(S.claims)
      dating.settle(P, toks, lo, kept, sdates, owner)
    end
    for _, c in ipairs(kept) do
      c.text = text:sub(c.sentence.start - base + 1, c.sentence["end"] - base)
      c._subject, c._passive = nil, nil
      c.frame = frame
      claims[#claims + 1] = c
    end
    for _, d in ipairs(sdates) do
      if not owner[d] then
        local u = untyped_record(doc, s, text, base, toks, lo, hi, ments.at_first, d)
        u.frame = frame
        untyped[#untyped + 1] = u
        break
      end
    end

    -- the salient entity for the next sentences
    while ments.list[mi] and ments.list[mi].first < lo do mi = mi + 1 end
    local k2 = mi
    while ments.list[k2] and ments.list[k2].first <= hi do
      if participants.is_subject_position(toks, ments.list[k2]) then salient = ments.list[k2] break end
      k2 = k2 + 1
    end
  end
  return claims, untyped
end

return M
