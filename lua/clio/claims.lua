--- clio.claims: who did what, when, according to whom; claims grouped across documents
--- and judged against each other and against a reference chronology.
--
--   local claims = require "clio.claims"
--   local preds  = claims.load_predicates()                 -- data/predicates/en.lua
--   local ex     = claims.extractor { predicates = preds, find_mentions = fn? }
--   local list   = ex:document(doc)                          -- a clio.Document
--   local groups = claims.group(list)                        -- verdict agree/conflict/single
--   local ref    = claims.load_reference(path)
--   claims.judge(groups, ref)                                -- reference_verdict per claim/group
--
-- A claim: { doc, start, end, text (its sentence), event, subject, subject_name, object,
--   agent, date = {value, mod, text, start, end, lo, hi, rel} | nil, polarity ("positive" |
--   "negative"), hedge (cue or nil), mood ("realis" | "irrealis"), attribution (name or nil),
--   trigger = {start, end}, rule ("predicate" | "similar") }
-- Offsets are byte offsets into the file, as everywhere in clio. Pure Lua over arrays the
-- core hands over whole (tokens, sentences, dates); no per-token calls into C.
local clio = require "clio"
local timex = require "clio.timex"
local timeline = require "clio.timeline"

local M = {}

local INF = math.huge

---------------------------------------------------------------------------
-- the predicate lexicon

local function terms_of(phrase)
  local out = {}
  for _, t in ipairs(clio.tokenize(phrase)) do out[#out + 1] = t.term or clio.fold(t.text) end
  return out
end

-- regular inflections of a verb lemma (irregular ones come from the lexicon's `verbs`)
local function inflect(v)
  local f = { v }
  local function add(s) f[#f + 1] = s end
  if v:match "e$" then
    add(v .. "s"); add(v .. "d"); add(v:sub(1, -2) .. "ing")
  elseif v:match "[^aeiou]y$" then
    add(v:sub(1, -2) .. "ies"); add(v:sub(1, -2) .. "ied"); add(v .. "ing")
  else
    local es = v:match "[sxz]$" or v:match "[cs]h$"
    add(v .. (es and "es" or "s")); add(v .. "ed"); add(v .. "ing")
    if v:match "[^aeiou][aeiou][bdgklmnprt]$" then -- admit -> admitted
      local last = v:sub(-1)
      add(v .. last .. "ed"); add(v .. last .. "ing")
    end
  end
  return f
end

local function compile_pattern(src, verbs, objects, where)
  local items = {}
  for word in src:gmatch "%S+" do
    local it
    local gap = word:match "^%*(%d+)$"
    if gap then
      it = { gap = tonumber(gap) }
    elseif word:match "^<.+>$" then
      local class = word:sub(2, -2)
      if not objects[class] then clio.fail("%s: unknown object class <%s>", where, class) end
      it = { slot = class }
    else
      local opt = word:match "%?$" ~= nil
      if opt then word = word:sub(1, -2) end
      local set = {}
      for alt in word:gmatch "[^|]+" do
        local lemma = alt:match "^{(.+)}$"
        if lemma then
          for _, f in ipairs(verbs[lemma] or inflect(lemma)) do set[f] = true end
          it = it or { verb = true }
        else
          set[clio.fold(alt)] = true
          if alt == "was" or alt == "were" then it = it or { verb = true } end
        end
      end
      it = it or {}
      it.set, it.opt = set, opt
    end
    items[#items + 1] = it
  end
  for k, it in ipairs(items) do
    if it.set and not it.opt then items.trigger = k break end
  end
  if not items.trigger then clio.fail("%s: pattern '%s' has no required word", where, src) end
  return items
end

local function cue_list(list)
  local out = {}
  for _, phrase in ipairs(list or {}) do out[#out + 1] = terms_of(phrase) end
  table.sort(out, function(a, b) return #a > #b end)
  return out
end

--- Loads a predicate lexicon (a Lua data file, default data/predicates/en.lua, or a table)
--- and compiles its patterns. Raises (clio.fail) naming the file on a bad entry.
---@param src? string|table
function M.load_predicates(src)
  local path = "predicates"
  if src == nil or type(src) == "string" then
    path = src or clio.data_path("predicates/en.lua")
    local text, err = clio.read_file(path)
    if not text then clio.fail("cannot read predicates %s", err) end
    local chunk, perr = load(text, "@" .. path, "t", {})
    if not chunk then clio.fail("predicates %s", perr) end
    local ok, data = pcall(chunk)
    if not ok then clio.fail("predicates %s: %s", path, tostring(data)) end
    if type(data) ~= "table" then clio.fail("predicates %s: the file returns a table", path) end
    src = data
  end
  local D = src
  local P = { path = path, events = {}, objects = {}, verbs = D.verbs or {} }
  for class, names in pairs(D.objects or {}) do
    local list = {}
    for name, phrases in pairs(names) do
      for _, ph in ipairs(phrases) do list[#list + 1] = { name = name, words = terms_of(ph) } end
    end
    table.sort(list, function(a, b)
      if #a.words ~= #b.words then return #a.words > #b.words end
      return a.name < b.name
    end)
    P.objects[class] = list
  end
  for i, e in ipairs(D.events or {}) do
    local where = ("%s: event %s"):format(path, e.type or ("#" .. i))
    if type(e.type) ~= "string" then clio.fail("%s: an event needs a type", where) end
    if e.role ~= "agent" and e.role ~= "patient" then clio.fail("%s: role is agent or patient", where) end
    local ev = { type = e.type, role = e.role, object = e.object, label = e.label or e.type,
      intransitive = e.intransitive or e.type == "die", subject_optional = e.subject_optional,
      patterns = {} }
    for _, p in ipairs(e.patterns or {}) do
      local text, obj = p, nil
      if type(p) == "table" then text, obj = p[1], p.object end
      local c = compile_pattern(text, P.verbs, P.objects, where)
      c.source, c.object = text, obj
      ev.patterns[#ev.patterns + 1] = c
    end
    P.events[#P.events + 1] = ev
  end
  P.negation = cue_list(D.negation)
  P.negation_exceptions = {}
  for _, w in ipairs(D.negation_exceptions or {}) do P.negation_exceptions[w] = true end
  P.hedges = cue_list(D.hedges)
  P.irrealis = cue_list(D.irrealis)
  P.attribution_verbs = {}
  for _, w in ipairs(D.attribution_verbs or {}) do P.attribution_verbs[clio.fold(w)] = true end
  P.attribution_preps = cue_list(D.attribution_preps)
  P.relations = D.relations or {}
  P.pronouns = D.pronouns or {}
  P.date_names = {}
  for _, w in ipairs(D.date_names or {}) do P.date_names[clio.fold(w)] = true end
  return P
end

---------------------------------------------------------------------------
-- mentions: from a lexicon matcher when there is one, else runs of capitalized words

local FUNCTION_WORDS = {}
for w in ([[the a an in on at by for from to of after before during since until when while
  although though but and or this that these those it he she they we i his her their its as
  with without shortly finally however later early late around about some many most all there
  then also meanwhile soon between within under over through following despite once if because
  so yet thus one two three four five both much each every another no not evidence son even
  during first next here what who which such more less our my your us them him'
  you let
  ]]):gmatch "%S+" do FUNCTION_WORDS[w] = true end

-- a function word, or one with a contraction: "we're", "they've", "you'll"
local function function_word(term)
  return FUNCTION_WORDS[term] or FUNCTION_WORDS[term:match "^(%a+)'%a+$" or ""]
end

local CALENDAR
local function calendar()
  if not CALENDAR then
    CALENDAR = {}
    local D = timex.bundled_data()
    for _, name in ipairs { "months", "weekdays", "seasons" } do
      for k in pairs(D[name] or {}) do CALENDAR[clio.fold((k:gsub("%.$", "")))] = true end
    end
  end
  return CALENDAR
end

--- Fallback mentions: runs of capitalized words (not function or calendar words, not a
--- sentence's first word when that is a common word). Returns {start, end, text, name}.
---@param tokens table[] doc:tokens()
---@param sentence_first table<integer, boolean> token indices that begin a sentence
function M.capitalized_mentions(tokens, sentence_first)
  local cal = calendar()
  local out, run = {}, {}
  local function flush()
    if #run > 0 then
      local a, b = tokens[run[1]], tokens[run[#run]]
      local words = {}
      for _, k in ipairs(run) do words[#words + 1] = tokens[k].text end
      out[#out + 1] = { start = a.start, ["end"] = b["end"], text = table.concat(words, " "),
        name = table.concat(words, " "), first = run[1], last = run[#run] }
      run = {}
    end
  end
  for k, t in ipairs(tokens) do
    local term = t.term or ""
    local cap = t.kind == "word" and (t.capitalized or t.allcaps)
    if cap and (function_word(term) or cal[term]) then cap = false end
    if cap then
      run[#run + 1] = k
    else
      flush()
    end
  end
  flush()
  return out
end

--- Mentions from a clio.lexicon matcher (issue 5): {start, end, text, name, id, kind}.
--- Pronoun and citation hits are left to the claims library's own rules.
function M.lexicon_mentions(matcher)
  return function(text, base)
    local out = {}
    for _, h in ipairs(matcher:scan(text, base)) do
      if h.entity and h.rule ~= "pronoun" and h.kind ~= "source" then
        out[#out + 1] = { start = h.start, ["end"] = h["end"], text = h.text,
          name = h.entity.name or h.entity.id, id = h.entity.id, kind = h.entity.kind }
      end
    end
    return out
  end
end

-- The key an entity is grouped and matched by: its folded last word ("Joseph Stalin" ->
-- "stalin"); a trailing possessive s is dropped when the bare form is known ("Stalins").
local function last_word_key(name)
  local f = clio.fold(name, "case compat marks punct")
  f = f:gsub("'s$", "")
  return f:match "([^%s]+)$" or f
end
M.key = last_word_key

---------------------------------------------------------------------------
-- extraction

---@class clio.ClaimExtractor
local Extractor = {}
Extractor.__index = Extractor

--- An extractor: predicates (compiled), a timex tagger, and find_mentions(text, base) ->
--- mentions {start, end, text, name, id?, kind?} (nil: capitalized runs).
---@param opts? {predicates?: table, tagger?: table, find_mentions?: function, reference_time?: string}
function M.extractor(opts)
  opts = opts or {}
  return setmetatable({
    P = opts.predicates or M.load_predicates(),
    tagger = opts.tagger or timex.new(),
    find_mentions = opts.find_mentions,
    reference_time = opts.reference_time,
  }, Extractor)
end

local BE = { was = true, were = true, been = true, be = true, being = true, is = true, are = true,
  got = true, get = true }
local AUX = { was = true, were = true, is = true, are = true, had = true, has = true, would = true,
  could = true, did = true, began = true, ["then"] = true, also = true, soon = true, quickly = true,
  who = true }
local POSSESSIVE = { his = true, her = true, their = true, its = true }
-- words between a subject and its verb: "Trotsky was quickly removed", "Bukharin had been"
local AUX_CHAIN = { was = true, were = true, been = true, be = true, had = true, has = true,
  have = true, is = true, are = true, being = true, also = true, ["then"] = true, quickly = true,
  soon = true, later = true, finally = true, eventually = true, ["not"] = true, never = true,
  ["and"] = true, gradually = true, immediately = true, himself = true, herself = true,
  perhaps = true, probably = true, possibly = true, allegedly = true, reportedly = true,
  apparently = true, supposedly = true, actually = true }
local CLAUSE_STOP = { [";"] = true, [":"] = true, ["("] = true, [")"] = true, ["."] = true,
  ["?"] = true, ["!"] = true }
local GAP_STOP = { ["and"] = true, ["but"] = true, ["or"] = true, ["when"] = true,
  ["which"] = true, ["who"] = true, ["that"] = true }

-- Patterns by the terms they can start with: by_first[term] lists the patterns whose
-- first item is a plain word set holding term, plus every pattern that can start
-- anywhere (a gap, a slot or an optional first item), in the lexicon's order; anywhere
-- alone is the list for other terms. Built once per predicate lexicon.
local index_cache = setmetatable({}, { __mode = "k" })
local function pattern_index(P)
  local cached = index_cache[P]
  if cached then return cached[1], cached[2] end
  local anywhere, by_first, order = {}, {}, {}
  for _, ev in ipairs(P.events) do
    for _, pat in ipairs(ev.patterns) do
      local cand = { ev = ev, pat = pat }
      order[#order + 1] = cand
      local first = pat[1]
      if first and first.set and not first.opt and not first.gap and not first.slot then
        for term in pairs(first.set) do by_first[term] = true end
        cand.first = first.set
      else
        anywhere[#anywhere + 1] = cand
      end
    end
  end
  for term in pairs(by_first) do
    local list = {}
    for _, cand in ipairs(order) do
      if not cand.first or cand.first[term] then list[#list + 1] = cand end
    end
    by_first[term] = list
  end
  index_cache[P] = { by_first, anywhere }
  return by_first, anywhere
end

-- matches items[k..] at token i (not past lim); fills pos[k] with the token each item
-- started at; returns the index after the match
local function match_items(items, k, toks, i, lim, pos, objects, caps)
  local it = items[k]
  if not it then return i end
  pos[k] = i
  if it.gap then
    for g = 0, it.gap do
      local j = i + g
      if j > lim + 1 then break end
      if g > 0 then
        local t = toks[j - 1]
        if t.kind == "punct" or GAP_STOP[t.term] then break end
      end
      local r = match_items(items, k + 1, toks, j, lim, pos, objects, caps)
      if r then return r end
    end
    return nil
  elseif it.slot then
    for _, ph in ipairs(objects[it.slot]) do
      local ok = i + #ph.words - 1 <= lim
      for w = 1, #ph.words do
        if not ok then break end
        ok = toks[i + w - 1].term == ph.words[w]
      end
      if ok then
        local r = match_items(items, k + 1, toks, i + #ph.words, lim, pos, objects, caps)
        if r then
          caps[#caps + 1] = { class = it.slot, name = ph.name, first = i, last = i + #ph.words - 1 }
          return r
        end
      end
    end
    return nil
  else
    if i <= lim and it.set[toks[i].term] then
      local r = match_items(items, k + 1, toks, i + 1, lim, pos, objects, caps)
      if r then return r end
    end
    if it.opt then return match_items(items, k + 1, toks, i, lim, pos, objects, caps) end
    return nil
  end
end

-- does a cue (array of terms) end right before token i, within `window` tokens?
local function cue_before(cues, toks, i, lo, window)
  for j = i - 1, math.max(lo, i - window), -1 do
    local t = toks[j]
    if CLAUSE_STOP[t.term] then return nil end
    for _, cue in ipairs(cues) do
      local n = #cue
      local s = j - n + 1
      if s >= lo then
        local ok = true
        for w = 1, n do
          if toks[s + w - 1].term ~= cue[w] then ok = false break end
        end
        if ok then return table.concat(cue, " "), s, j end
      end
    end
  end
end

local function negated(P, toks, trig, lo)
  for j = trig - 1, math.max(lo, trig - 4), -1 do
    local term = toks[j].term
    if CLAUSE_STOP[term] or term == "," then return false end
    if term == "not" or term == "never" or term == "no" or term:match "n't$" then
      local nxt = toks[j + 1] and toks[j + 1].term
      if P.negation_exceptions[nxt] or nxt == "to" then return false end
      return true
    end
  end
  return false
end

-- Extracts the claims of one document.
---@param doc clio.Document
---@return table[] claims, table[] dated_sentences (for similarity)
function Extractor:document(doc)
  local P = self.P
  local text = doc:text()
  local base = doc.start
  local toks = doc:tokens()
  local sents = doc:sentences()
  local gaps = doc:gaps()
  local sentence_first = {}
  for _, s in ipairs(sents) do sentence_first[s.first] = true end

  -- token index by byte offset
  local tok_at_start, tok_at_end = {}, {}
  for k, t in ipairs(toks) do tok_at_start[t.start] = k; tok_at_end[t["end"]] = k end
  local function tok_index(off, want_end)
    if want_end then
      while off > base and not tok_at_end[off] do off = off - 1 end
      return tok_at_end[off]
    end
    local lim = base + #text
    while off < lim and not tok_at_start[off] do off = off + 1 end
    return tok_at_start[off]
  end

  -- mentions, as token ranges; the lexicon's first, capitalized runs fill the rest
  local mentions = {}
  local covered = {}
  if self.find_mentions then
    for _, m in ipairs(self.find_mentions(text, base)) do
      local a, b = tok_index(m.start), tok_index(m["end"], true)
      if a and b then
        m.first, m.last = a, b
        for k = a, b do covered[k] = true end
        mentions[#mentions + 1] = m
      end
    end
  end
  for _, m in ipairs(M.capitalized_mentions(toks, sentence_first)) do
    local free = true
    for k = m.first, m.last do if covered[k] then free = false end end
    if free then mentions[#mentions + 1] = m end
  end
  table.sort(mentions, function(a, b) return a.first < b.first end)
  local mention_at_last, mention_at_first = {}, {}
  for _, m in ipairs(mentions) do
    m.key = m.key or m.id or last_word_key(m.name)
    mention_at_last[m.last] = m
    mention_at_first[m.first] = m
  end

  -- dates: DATE expressions with an interval, outside gaps, not part of a name
  local exprs = self.tagger:extract(text, { base = base })
  self.tagger:anchor(exprs, { reference_time = self.reference_time })
  local dates = {}
  for _, e in ipairs(exprs) do
    local inside = clio.in_gap(gaps, e.start, e["end"])
    local lo, hi = timeline.interval(e.value, e.mod)
    local a, b = tok_index(e.start), tok_index(e["end"], true)
    if e.type == "DATE" and lo and a and b and not inside
      and not (toks[b + 1] and P.date_names[toks[b + 1].term]) then
      local d = { value = e.value, mod = e.mod, text = e.text, start = e.start, ["end"] = e["end"],
        lo = lo, hi = hi, first = a, last = b }
      local prev = toks[a - 1] and toks[a - 1].term
      if prev == "by" then d.rel = "BY"; d.lo = -INF end
      dates[#dates + 1] = d
    end
  end

  local claims, untyped = {}, {}
  local salient -- the entity "he" refers to: the last one seen in subject position

  local function is_subject_position(m)
    local nxt = toks[m.last + 1]
    local prev = toks[m.first - 1]
    if prev and prev.term == "the" then return false end
    if m.kind and m.kind ~= "person" then return false end
    if not nxt or nxt.kind ~= "word" then return false end
    return AUX[nxt.term] or nxt.term:match "ed$" ~= nil
  end

  for _, s in ipairs(sents) do
    local lo, hi = s.first, s.first + s.ntokens - 1
    local sent_salient = salient
    local in_hit = {}
    local function free(m) return m and not in_hit[m.first] and m or nil end
    local function resolve(k, possessive)
      local term = toks[k].term
      local p = P.pronouns[term]
      if p and not possessive and POSSESSIVE[term] then p = nil end
      if p then
        -- a subject earlier in the same sentence wins over the previous sentences'
        for j = k - 1, lo, -1 do
          local m = mention_at_last[j]
          if m and is_subject_position(m) then return m end
        end
        return sent_salient
      end
    end
    -- nearest mention (or resolvable pronoun) before token k in the clause
    local function before(k)
      local fallback
      for j = k - 1, math.max(lo, k - 12), -1 do
        if CLAUSE_STOP[toks[j].term] or toks[j].term == "," then break end
        local m = free(mention_at_last[j])
        if m then
          -- "Bukharin's attack on ...": a possessor is a last resort
          if toks[j + 1] and toks[j + 1].term == "'s" and j + 1 < k - 1 then
            fallback = fallback or m
          else
            return m
          end
        elseif toks[j].term ~= "'s" then
          local r = resolve(j)
          if r then return r end
        end
      end
      return fallback
    end
    local function after(k, limit, inside)
      for j = k, math.min(hi, k + (limit or 4)) do
        if CLAUSE_STOP[toks[j].term] or toks[j].term == "," then return nil end
        local m = mention_at_first[j]
        if m and (inside or free(m)) then return m end
        local r = resolve(j)
        if r then return r end
      end
    end
    local function possessor(k)
      -- "Lenin 's death", "his assassination", "Stalins rise"
      local j = k - 1
      while j >= lo and (toks[j].term == "first" or toks[j].term == "the") do j = j - 1 end
      if j >= lo and toks[j].term == "'s" then
        local m = mention_at_last[j - 1]
        if m then return m end
      elseif j >= lo then
        local m = mention_at_last[j]
        if m and m.text:match "s$" then return m end
        local r = resolve(j, true)
        if r then return r end
      end
      -- "the death of Lenin"
      if toks[k + 1] and toks[k + 1].term == "of" then return mention_at_first[k + 2] end
    end
    local function entity_list(k)
      -- mentions joined by "and" / "," starting at the first one after token k
      local first = after(k, 3)
      if not first then return {} end
      local list = { first }
      local j = first.last + 1
      while j <= hi do
        local t = toks[j].term
        if t == "and" or t == "," then
          j = j + 1
        elseif mention_at_first[j] then
          list[#list + 1] = mention_at_first[j]
          j = mention_at_first[j].last + 1
        else
          break
        end
      end
      return list
    end

    -- predicates: the longest match per (event, trigger); at each token only the
    -- patterns that can start with it are tried
    local found = {}
    local by_first, anywhere = pattern_index(P)
    for i = lo, hi do
      for _, cand in ipairs(by_first[toks[i].term] or anywhere) do
        local ev, pat = cand.ev, cand.pat
        local pos, caps = {}, {}
        local e = match_items(pat, 1, toks, i, hi, pos, P.objects, caps)
        if e and e > i then
          local trig = pos[pat.trigger]
          local key = ev.type .. "\0" .. trig
          local prev = found[key]
          if not prev or e - i > prev.stop - prev.i then
            found[key] = { ev = ev, pat = pat, i = i, stop = e, trig = trig, caps = caps }
          end
        end
      end
    end
    local hits = {}
    for _, h in pairs(found) do hits[#hits + 1] = h end
    table.sort(hits, function(a, b)
      if a.trig ~= b.trig then return a.trig < b.trig end
      return a.ev.type < b.ev.type
    end)
    -- one event per trigger word: the longest match wins ("removed from his post" is not
    -- also "removed from power")
    local by_trig = {}
    for _, h in ipairs(hits) do
      local o = by_trig[h.trig]
      if not o or (h.stop - h.i) > (o.stop - o.i) then by_trig[h.trig] = h end
    end

    -- mentions inside a matched phrase ("expelled from the Soviet Union") are its object
    for _, h in ipairs(hits) do
      if by_trig[h.trig] == h then
        for j = h.trig + 1, h.stop - 1 do in_hit[j] = h end
      end
    end
    local sclaims = {}
    -- the subject of a passive or intransitive verb: the words right before it, over
    -- auxiliaries; across "and" to the previous predicate's subject
    local function subject_before(k)
      local j = k - 1
      while j >= lo and AUX_CHAIN[toks[j].term] do j = j - 1 end
      if j < lo then return nil end
      local m = free(mention_at_last[j])
      if m then return m end
      -- "Nicholas II and his family were executed"
      if j - 3 >= lo and POSSESSIVE[toks[j - 1].term] and toks[j - 2].term == "and" then
        m = free(mention_at_last[j - 3])
        if m then return m end
      end
      local r = resolve(j)
      if r then return r end
      local h = in_hit[j]
      if h then
        for _, c in ipairs(sclaims) do
          if c.first == h.i and c._subject then return c._subject end
        end
      end
      return nil
    end
    for _, h in ipairs(hits) do
      if by_trig[h.trig] == h then
        local ev, trig = h.ev, h.trig
        local tt = toks[trig]
        local verbal = h.pat[h.pat.trigger].verb
        local passive = false
        if verbal then
          for j = trig - 1, math.max(lo, trig - 3), -1 do
            if BE[toks[j].term] then passive = true break end
            if toks[j].kind ~= "word" then break end
          end
          -- "was removed from ... and expelled from ...": the coordinated verb is passive too
          local last = sclaims[#sclaims]
          if not passive and toks[trig - 1] and toks[trig - 1].term == "and" and last and last._passive then
            passive = true
          end
        end
        local subject, agent, objects = nil, nil, {}
        if not verbal then
          subject = possessor(h.i)
          if ev.role == "agent" and not subject then subject = before(h.i) end
        elseif ev.role == "patient" then
          if passive or ev.intransitive then
            subject = subject_before(h.i)
            for j = h.stop, math.min(hi, h.stop + 6) do
              if toks[j].term == "by" then
                local k = j + 1
                while toks[k] and (toks[k].term == "the" or toks[k].term == "hand" or toks[k].term == "of"
                  or toks[k].term == "a" or toks[k].term == "an") do k = k + 1 end
                agent = mention_at_first[k]
                break
              end
            end
          else
            subject = after(trig + 1, 4, true)
            agent = before(h.i)
          end
        else -- agent role, verbal
          if passive then
            for j = h.stop, math.min(hi, h.stop + 4) do
              if toks[j].term == "by" then subject = after(j + 1, 1) break end
            end
          else
            local last = sclaims[#sclaims]
            if toks[h.i - 1] and toks[h.i - 1].term == "and" and last and last._subject then
              subject = last._subject -- "took power ... and became Supreme Ruler"
            else
              subject = before(h.i)
            end
          end
        end
        if ev.object == "entity" then
          for _, m in ipairs(entity_list(h.stop)) do
            if not subject or m.key ~= subject.key then objects[#objects + 1] = m.name end
          end
        elseif h.pat.object then
          objects[1] = h.pat.object
        elseif ev.object and ev.object:match "^<" then
          -- the most specific object the pattern captured: a named post over "post"
          local best
          for _, c in ipairs(h.caps) do
            if not best or best.name == c.class or (best.name == "post" and c.name ~= "post") then best = c end
          end
          objects[1] = best and best.name
        elseif ev.object then
          objects[1] = ev.object
        end
        if #objects == 0 then objects[1] = false end
        if subject or ev.subject_optional then
          local neg = verbal and negated(P, toks, h.i, lo)
          local irrealis = cue_before(P.irrealis, toks, h.i, lo, 5)
          local hedge = cue_before(P.hedges, toks, h.i, lo, 12)
          local attribution
          -- "X claimed that ...", "It was set by Lenin ... that", "according to X"
          for j = h.i - 1, lo, -1 do
            if P.attribution_verbs[toks[j].term] then
              local who
              for q = j - 1, math.max(lo, j - 3), -1 do
                if mention_at_last[q] then who = mention_at_last[q] break end
                local r = resolve(q)
                if r then who = r break end
              end
              for q = j + 1, math.min(h.i - 1, j + 3) do
                if not who and mention_at_first[q] and toks[q - 1].term == "by" then who = mention_at_first[q] end
              end
              if who and (not subject or who ~= subject or toks[j + 1].term == "that") then
                attribution = who.name
                break
              end
            end
          end
          local acc = cue_before(P.attribution_preps, toks, h.i, lo, 40)
          if acc and not attribution then
            local _, _, cend = cue_before(P.attribution_preps, toks, h.i, lo, 40)
            local m = mention_at_first[cend + 1]
            if m then attribution = m.name end
          end
          for _, obj in ipairs(objects) do
            sclaims[#sclaims + 1] = {
              doc = doc.path, docname = doc.name, sentence = { start = s.start, ["end"] = s["end"] },
              start = toks[h.i].start, ["end"] = toks[h.stop - 1]["end"],
              trigger = { start = tt.start, ["end"] = tt["end"] }, first = h.i, last = h.stop - 1,
              event = ev.type, label = ev.label,
              subject = subject and subject.key or nil, subject_name = subject and subject.name or nil,
              _subject = subject, _passive = passive,
              object = obj or nil, agent = agent and agent.name or nil,
              polarity = neg and "negative" or "positive",
              mood = irrealis and "irrealis" or "realis", irrealis = irrealis,
              hedge = hedge, attribution = attribution, rule = "predicate",
              nominal = not verbal,
            }
          end
        end
      end
    end

    -- dates in the sentence go to the nearest claim; a claim without one of its own takes
    -- a coordinated claim's date, or ("after Lenin's death in 1924") that date relative
    local sdates = {}
    for _, d in ipairs(dates) do
      if d.first >= lo and d.last <= hi then sdates[#sdates + 1] = d end
    end
    local function dist(c, d)
      if d.last < c.first then return c.first - d.last end
      if d.first > c.last then return d.first - c.last end
      return 0
    end
    local owner = {}
    for _, d in ipairs(sdates) do
      local best, bd
      for _, c in ipairs(sclaims) do
        local x = dist(c, d)
        if not best or x < bd then best, bd = c, x end
      end
      if best then
        owner[d] = best
        if not best.date or dist(best, best.date) > bd then best.date = d end
      end
    end
    local function relation_of(c)
      -- a relation word right before a nominal claim (or its possessor)
      for j = c.first - 1, math.max(lo, c.first - 4), -1 do
        local r = P.relations[toks[j].term]
        if r then return r end
      end
    end
    local function comma_between(c, d)
      local a, b = math.min(c.last, d.last), math.max(c.first, d.first)
      for j = a + 1, b - 1 do if toks[j].term == "," then return true end end
    end
    -- the same event twice in one phrase ("launched his purge"): the longer span stays
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
    sclaims = kept
    for _, c in ipairs(sclaims) do
      local best, bd
      if not c.date then
        for _, d in ipairs(sdates) do
          local x = dist(c, d)
          if not best or x < bd then best, bd = d, x end
        end
        -- ", and in February 1920 Kolchak was executed": another clause's date
        local o = best and owner[best]
        if o and o ~= c and not relation_of(o) and comma_between(c, best) then best = nil end
      end
      if best then
        local other = owner[best]
        local rel = other and other ~= c and relation_of(other)
        local d = {}
        for k, v in pairs(best) do d[k] = v end
        if rel == "AFTER" then d.rel = "AFTER"; d.hi = INF
        elseif rel == "BEFORE" or rel == "BY" then d.rel = rel; d.lo = -INF end
        c.date = d
      end
    end
    for _, c in ipairs(sclaims) do
      if c.date then
        local d = c.date
        c.date = { value = d.value, mod = d.mod, rel = d.rel, text = d.text, start = d.start,
          ["end"] = d["end"], lo = d.lo, hi = d.hi }
      end
      c.text = text:sub(c.sentence.start - base + 1, c.sentence["end"] - base)
      claims[#claims + 1] = c
    end

    -- a dated sentence that no predicate explains: compared by similarity later
    for _, d in ipairs(sdates) do
      if not owner[d] then
        local subj
        for j = lo, hi do
          local m = mention_at_first[j]
          if m and m.key then subj = m break end
        end
        local terms = {}
        for j = lo, hi do
          local t = toks[j]
          if t.kind == "word" and not FUNCTION_WORDS[t.term] then terms[#terms + 1] = t.term end
        end
        untyped[#untyped + 1] = {
          doc = doc.path, docname = doc.name, start = s.start, ["end"] = s["end"],
          text = text:sub(s.start - base + 1, s["end"] - base), terms = terms,
          subject = subj and subj.key, subject_name = subj and subj.name,
          date = { value = d.value, mod = d.mod, rel = d.rel, text = d.text, start = d.start,
            ["end"] = d["end"], lo = d.lo, hi = d.hi },
          polarity = "positive", mood = "realis", rule = "similar",
        }
        break
      end
    end

    -- the salient entity for the next sentences
    for j = lo, hi do
      local m = mention_at_first[j]
      if m and is_subject_position(m) then salient = m break end
    end
  end
  return claims, untyped
end

---------------------------------------------------------------------------
-- entity keys across a corpus: "Stalins" joins "stalin" when both are seen

--- Merges subject keys that differ by a trailing s ("stalins" -> "stalin"); names each
--- key by its shortest spelling.
function M.normalize_keys(claims)
  local seen = {}
  for _, c in ipairs(claims) do if c.subject then seen[c.subject] = true end end
  local names = {}
  for _, c in ipairs(claims) do
    if c.subject and c.subject:match "s$" and seen[c.subject:sub(1, -2)] then
      c.subject = c.subject:sub(1, -2)
    end
    if c.subject then
      local n = names[c.subject]
      local cand = (c.subject_name or c.subject):match "(%S+)$"
      if cand and cand:lower():match "s$" and clio.fold(cand):sub(1, -2) == c.subject then cand = cand:sub(1, -2) end
      if cand and cand:match "^[IVX]+$" then cand = c.subject_name end -- "Nicholas II"
      if not n or #cand < #n then names[c.subject] = cand end
    end
  end
  for _, c in ipairs(claims) do
    if c.subject then c.subject_display = names[c.subject] end
  end
end

---------------------------------------------------------------------------
-- similarity for untyped claims: TF-IDF over folded words, cosine, single link

--- Groups untyped dated sentences from different documents whose TF-IDF cosine reaches
--- `threshold` (default 0.3); returns the groups that span two or more documents.
function M.similar(untyped, opts)
  opts = opts or {}
  local threshold = opts.threshold or 0.3
  local df, n = {}, #untyped
  for _, u in ipairs(untyped) do
    local seen = {}
    for _, t in ipairs(u.terms) do
      if not seen[t] and not t:match "^%d" and not calendar()[t] then seen[t] = true; df[t] = (df[t] or 0) + 1 end
    end
  end
  local vecs = {}
  for i, u in ipairs(untyped) do
    local tf, norm = {}, 0
    for _, t in ipairs(u.terms) do if df[t] then tf[t] = (tf[t] or 0) + 1 end end
    for t, f in pairs(tf) do
      local w = f * math.log((n + 1) / df[t])
      tf[t] = w; norm = norm + w * w
    end
    vecs[i] = { w = tf, norm = math.sqrt(norm) }
  end
  local parent = {}
  local function find(i) while parent[i] and parent[i] ~= i do i = parent[i] end return i end
  -- dot products through an inverted index: only pairs that share a term are met
  local holders = {}
  for j, v in ipairs(vecs) do
    for t in pairs(v.w) do
      local list = holders[t]
      if not list then list = {}; holders[t] = list end
      list[#list + 1] = j
    end
  end
  local best_terms = {}
  for i = 1, n do
    local a, dots = vecs[i], {}
    for t, w in pairs(a.w) do
      for _, j in ipairs(holders[t]) do
        if j > i and untyped[i].doc ~= untyped[j].doc then dots[j] = (dots[j] or 0) + w * vecs[j].w[t] end
      end
    end
    local partners = {}
    for j in pairs(dots) do partners[#partners + 1] = j end
    table.sort(partners) -- the order of the all-pairs loop this replaces
    for _, j in ipairs(partners) do
      local b = vecs[j]
      local cos = (a.norm > 0 and b.norm > 0) and dots[j] / (a.norm * b.norm) or 0
      if cos >= threshold then
        local ri, rj = find(i), find(j)
        if ri ~= rj then parent[rj] = ri end
        if not best_terms[find(i)] then
          local shared = {}
          for t in pairs(a.w) do
            if b.w[t] then shared[#shared + 1] = t end
          end
          table.sort(shared)
          best_terms[find(i)] = shared
        end
      end
    end
  end
  local groups, by_root = {}, {}
  for i = 1, n do
    local r = find(i)
    if r ~= i or parent[i] then
      local g = by_root[r]
      if not g then
        g = { claims = {} }
        by_root[r] = g
        groups[#groups + 1] = g
      end
      g.claims[#g.claims + 1] = untyped[i]
    end
  end
  for r, g in pairs(by_root) do
    local terms = best_terms[r] or {}
    local label = table.concat(terms, " ", 1, math.min(#terms, 4))
    for _, c in ipairs(g.claims) do
      c.event = "similar: " .. label
      c.subject = g.claims[1].subject
      c.subject_display = g.claims[1].subject_name
    end
  end
  return groups
end

---------------------------------------------------------------------------
-- comparison

--- Whether two claims' dates can both be true (intervals overlap); undated claims are
--- compatible with anything.
function M.compatible_dates(a, b)
  if not a or not b then return true end
  return a.lo < b.hi and b.lo < a.hi
end

local function comparable(c) return c.mood ~= "irrealis" end

--- The verdict of a list of claims: "single" (one document), "conflict" (two documents
--- with disjoint dates or opposite polarity), "agree". Irrealis claims ("wanted to")
--- do not count. Returns verdict and the conflicting pairs {i, j}.
function M.verdict(list)
  local docs, n = {}, 0
  for _, c in ipairs(list) do
    if comparable(c) and not docs[c.doc] then docs[c.doc] = true; n = n + 1 end
  end
  if n < 2 then return "single", {} end
  local pairs_ = {}
  for i = 1, #list do
    for j = i + 1, #list do
      local a, b = list[i], list[j]
      if comparable(a) and comparable(b) and a.doc ~= b.doc then
        if a.polarity ~= b.polarity or not M.compatible_dates(a.date, b.date) then
          pairs_[#pairs_ + 1] = { i, j }
        end
      end
    end
  end
  return #pairs_ > 0 and "conflict" or "agree", pairs_
end

--- Groups claims by (event, subject, object) and gives each group its verdict.
--- Groups come sorted by their earliest date, then event.
function M.group(claims, similar_groups)
  local groups, by_key = {}, {}
  for _, c in ipairs(claims) do
    local key = table.concat({ c.event, c.subject or "", c.object or "" }, "\0")
    local g = by_key[key]
    if not g then
      g = { event = c.event, subject = c.subject_display or c.subject, subject_key = c.subject,
        object = c.object, claims = {} }
      by_key[key] = g
      groups[#groups + 1] = g
    end
    g.claims[#g.claims + 1] = c
  end
  for _, sg in ipairs(similar_groups or {}) do
    local c = sg.claims[1]
    groups[#groups + 1] = { event = c.event, subject = c.subject_display, subject_key = c.subject,
      claims = sg.claims, similar = true }
  end
  for _, g in ipairs(groups) do
    table.sort(g.claims, function(a, b)
      if a.doc ~= b.doc then return a.doc < b.doc end
      return a.start < b.start
    end)
    g.verdict, g.conflicts = M.verdict(g.claims)
    local lo = INF
    for _, c in ipairs(g.claims) do if c.date and c.date.lo > -INF then lo = math.min(lo, c.date.lo) end end
    for _, c in ipairs(g.claims) do if c.date and c.date.lo == -INF then lo = math.min(lo, c.date.hi - 1) end end
    g.sort = lo
    local docs = {}
    for _, c in ipairs(g.claims) do docs[c.doc] = true end
    g.ndocs = 0
    for _ in pairs(docs) do g.ndocs = g.ndocs + 1 end
  end
  table.sort(groups, function(a, b)
    if a.sort ~= b.sort then return a.sort < b.sort end
    if a.event ~= b.event then return a.event < b.event end
    return (a.subject or "") < (b.subject or "")
  end)
  return groups
end

---------------------------------------------------------------------------
-- the reference chronology

local function date_interval(v, mod)
  local a, b = v:match "^([^/]+)/([^/]+)$"
  if a then
    local lo = timeline.interval(a)
    local _, hi = timeline.interval(b)
    return lo, hi
  end
  local lo, hi = timeline.interval(v, mod ~= "" and mod or nil)
  if mod == "BY" or mod == "BEFORE" then lo = -INF end
  if mod == "AFTER" then hi = INF end
  return lo, hi
end
M.date_interval = date_interval

--- Reads a reference chronology (TSV with a header: event, subject, object, date, mod,
--- source[, note]; '#' lines are comments). Raises naming file and line on a bad row.
function M.load_reference(path)
  local text, err = clio.read_file(path)
  if not text then clio.fail("cannot read reference %s", err) end
  local rows, header = {}, nil
  local ln = 0
  for line in (text .. "\n"):gmatch "([^\n]*)\n" do
    ln = ln + 1
    line = line:gsub("\r$", "")
    if line ~= "" and not line:match "^#" then
      local f = {}
      for cell in (line .. "\t"):gmatch "([^\t]*)\t" do f[#f + 1] = cell end
      if not header then
        header = {}
        for i, h in ipairs(f) do header[h] = i end
        for _, need in ipairs { "event", "subject", "object", "date", "mod", "source" } do
          if not header[need] then clio.fail("%s:%d: the header lacks the column '%s'", path, ln, need) end
        end
      else
        local r = {}
        for k, i in pairs(header) do r[k] = f[i] or "" end
        if r.event == "" or r.date == "" then clio.fail("%s:%d: a row needs an event and a date", path, ln) end
        if r.source == "" then clio.fail("%s:%d: a row needs its source", path, ln) end
        r.lo, r.hi = date_interval(r.date, r.mod)
        if not r.lo then clio.fail("%s:%d: '%s' is not a TIMEX date value", path, ln, r.date) end
        r.subject_key = r.subject ~= "" and last_word_key(r.subject) or nil
        r.object_key = r.object ~= "" and clio.fold(r.object) or nil
        r.line = ln
        rows[#rows + 1] = r
      end
    end
  end
  if not header then clio.fail("%s: empty reference file", path) end
  return { path = path, rows = rows }
end

--- The reference row for a group's (event, subject, object), or nil.
function M.reference_row(ref, event, subject_key, object)
  if not ref then return nil end
  local okey = object and clio.fold(object) or nil
  for _, r in ipairs(ref.rows) do
    if r.event == event and (r.subject_key == nil or r.subject_key == subject_key)
      and (r.object_key == nil or r.object_key == okey) then
      return r
    end
  end
end

--- Marks each claim and group consistent / contradicts / not covered against ref.
--- A claim agrees when its polarity is positive and its date (if any) overlaps the
--- reference interval; an irrealis claim is not judged ("not covered").
function M.judge(groups, ref)
  for _, g in ipairs(groups) do
    local r = M.reference_row(ref, g.event, g.subject_key, g.object)
    g.reference = r and { date = r.date, mod = r.mod ~= "" and r.mod or nil, source = r.source,
      line = r.line } or nil
    local any_contra, any_cons = false, false
    for _, c in ipairs(g.claims) do
      if not r or c.mood == "irrealis" then
        c.reference_verdict = "not covered"
      elseif c.polarity == "negative" or (c.date and not (c.date.lo < r.hi and r.lo < c.date.hi)) then
        c.reference_verdict = "contradicts"; any_contra = true
      else
        c.reference_verdict = "consistent"; any_cons = true
      end
    end
    g.reference_verdict = (not r and "not covered") or (any_contra and "contradicts")
      or (any_cons and "consistent") or "not covered"
  end
end

--- A date as a researcher reads it: "1924", "after 1924", "by 1934-12", "192X (START)".
function M.date_string(d)
  if not d then return nil end
  local s = d.value
  if d.mod then s = s .. " " .. d.mod end
  if d.rel == "AFTER" then s = "after " .. s
  elseif d.rel == "BEFORE" then s = "before " .. s
  elseif d.rel == "BY" then s = "by " .. s end
  return s
end

--- The whole comparison over a corpus: claims extracted from every document, grouped
--- (typed events, then textual similarity for the rest) and judged, against `ref` (a
--- loaded reference chronology) when given. Returns the groups worth showing (dated, or
--- told by two or more documents; every group with opts.all) and the claim count.
---@param opts {predicates?: table, find_mentions?: function, similarity?: number, ref?: table, all?: boolean, progress?: function}
function M.analyse(corpus, opts)
  local progress = opts.progress or function() end
  local ex = M.extractor { predicates = opts.predicates or M.load_predicates(),
    find_mentions = opts.find_mentions }
  local all, untyped = {}, {}
  for doc in corpus:docs() do
    progress("claims: %s", doc.name)
    local cs, us = ex:document(doc)
    for _, c in ipairs(cs) do if c.subject or c.object then all[#all + 1] = c end end
    for _, u in ipairs(us) do untyped[#untyped + 1] = u end
  end
  M.normalize_keys(all)
  M.normalize_keys(untyped)
  local groups = M.group(all, M.similar(untyped, { threshold = opts.similarity }))
  M.judge(groups, opts.ref)
  local shown = {}
  for _, g in ipairs(groups) do
    local dated = false
    for _, c in ipairs(g.claims) do if c.date then dated = true end end
    if opts.all or dated or g.ndocs > 1 then shown[#shown + 1] = g end
  end
  return shown, #all
end

return M
