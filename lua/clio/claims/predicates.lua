--- clio.claims.predicates: the predicate vocabulary (which phrasings make which event
--- type) loaded from data files and compiled into token patterns, and the matcher that
--- runs those patterns over a sentence's tokens.
---
--- A vocabulary is the general English file (data/predicates/en.lua) plus any domain
--- packs (data/predicates/<name>.lua, e.g. the one beside a lexicon): packs add verbs,
--- object phrases, events and cues; an event type a pack repeats gets the pack's
--- patterns added to it.
local clio = require "clio"
local datapath = require "clio.datapath"

local M = {}

local function terms_of(phrase)
  local out = {}
  for _, t in ipairs(clio.tokenize(phrase)) do out[#out + 1] = t.term or clio.fold(t.text) end
  return out
end
M.terms_of = terms_of

-- regular inflections of a verb lemma (irregular ones come from the vocabulary's `verbs`)
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
M.inflect = inflect

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
M.compile_pattern = compile_pattern

local function cue_list(list)
  local out = {}
  for _, phrase in ipairs(list or {}) do out[#out + 1] = terms_of(phrase) end
  table.sort(out, function(a, b) return #a > #b end)
  return out
end

-- Where a vocabulary named NAME or given as a FILE lives: a path to an existing file wins,
-- then the shared data search path (user dir, CLIO_PATH, bundled).
function M.find(name)
  return (datapath.find("predicates", name))
end

local LISTS = { "negation", "negation_exceptions", "hedges", "irrealis", "attribution_verbs",
  "attribution_preps", "date_names" }
local KNOWN_KEYS = { language = true, name = true, verbs = true, objects = true, events = true,
  relations = true, pronouns = true, note = true, demonyms = true }
for _, k in ipairs(LISTS) do KNOWN_KEYS[k] = true end

-- merges the raw data of several files: later files add to earlier ones
local function merge(parts)
  local D = { verbs = {}, objects = {}, events = {}, relations = {}, pronouns = {}, demonyms = {} }
  for _, k in ipairs(LISTS) do D[k] = {} end
  local event_at = {}
  for _, part in ipairs(parts) do
    local src, where = part.data, part.path
    for k in pairs(src) do
      if type(k) ~= "string" or not KNOWN_KEYS[k] then
        clio.fail("predicates %s: unknown key '%s'", where, tostring(k))
      end
    end
    for k, v in pairs(src.verbs or {}) do D.verbs[k] = v end
    for class, names in pairs(src.objects or {}) do
      D.objects[class] = D.objects[class] or {}
      for name, phrases in pairs(names) do D.objects[class][name] = phrases end
    end
    for k, v in pairs(src.relations or {}) do D.relations[k] = v end
    for k, v in pairs(src.pronouns or {}) do D.pronouns[k] = v end
    for _, v in ipairs(src.demonyms or {}) do D.demonyms[#D.demonyms + 1] = v end
    for _, k in ipairs(LISTS) do
      for _, w in ipairs(src[k] or {}) do D[k][#D[k] + 1] = w end
    end
    for i, e in ipairs(src.events or {}) do
      local copy = { where = ("%s: event %s"):format(where, e.type or ("#" .. i)) }
      for k, v in pairs(e) do copy[k] = v end
      local prev = type(e.type) == "string" and event_at[e.type]
      if prev then
        if e.role and prev.role and e.role ~= prev.role then
          clio.fail("%s: role %s, but %s gives the event role %s", copy.where, e.role, prev.where, prev.role)
        end
        local pats = {}
        for _, p in ipairs(prev.patterns or {}) do pats[#pats + 1] = p end
        -- a pack's patterns keep the pack's object rule ("exile ... to <place>")
        for _, p in ipairs(e.patterns or {}) do
          if e.object ~= nil and e.object ~= prev.object then
            local text, obj = p, nil
            if type(p) == "table" then text, obj = p[1], p.object end
            p = { text, object = obj, rule = e.object }
          end
          pats[#pats + 1] = p
        end
        prev.patterns = pats
        for k, v in pairs(e) do if k ~= "patterns" and prev[k] == nil then prev[k] = v end end
      else
        D.events[#D.events + 1] = copy
        if type(e.type) == "string" then event_at[e.type] = copy end
      end
    end
  end
  return D
end

--- Loads and compiles a predicate vocabulary. src: nil (the general English file), a name
--- or path, a table (the data itself), or a list of names/paths/tables merged in order
--- (general first, then domain packs). Raises (clio.fail) naming the file on a bad entry.
---@param src? string|table
function M.load(src)
  local list
  if src == nil or type(src) == "string" then
    list = { src or "en" }
  elseif type(src) == "table" and src[1] ~= nil and (type(src[1]) == "string" or src[1].events) then
    list = src
  else
    list = { src }
  end
  local parts, paths = {}, {}
  for _, s in ipairs(list) do
    if type(s) == "string" then
      local p = M.find(s)
      if not p then clio.fail("predicates '%s': no such file or bundled vocabulary", s) end
      parts[#parts + 1] = { data = datapath.data(p, "predicates"), path = p }
      paths[#paths + 1] = p
    else
      parts[#parts + 1] = { data = s, path = "predicates" }
      paths[#paths + 1] = "predicates"
    end
  end
  local D = merge(parts)
  local P = { path = table.concat(paths, " + "), paths = paths, events = {}, objects = {},
    verbs = D.verbs, types = {} }
  for class, names in pairs(D.objects) do
    local out = {}
    for name, phrases in pairs(names) do
      for _, ph in ipairs(phrases) do out[#out + 1] = { name = name, words = terms_of(ph) } end
    end
    table.sort(out, function(a, b)
      if #a.words ~= #b.words then return #a.words > #b.words end
      return a.name < b.name
    end)
    P.objects[class] = out
  end
  for _, e in ipairs(D.events) do
    local where = e.where
    if type(e.type) ~= "string" then clio.fail("%s: an event needs a type", where) end
    if e.role ~= "agent" and e.role ~= "patient" then clio.fail("%s: role is agent or patient", where) end
    local ev = { type = e.type, role = e.role, object = e.object, label = e.label or e.type,
      intransitive = e.intransitive or e.type == "die", subject_optional = e.subject_optional,
      named = e.named,
      nominal_preps = {}, patterns = {} }
    for _, w in ipairs(e.nominal_preps or { "of" }) do ev.nominal_preps[w] = true end
    for _, p in ipairs(e.patterns or {}) do
      local text, obj, rule = p, nil, nil
      if type(p) == "table" then text, obj, rule = p[1], p.object, p.rule end
      local c = compile_pattern(text, P.verbs, P.objects, where)
      c.source, c.object, c.rule = text, obj, rule
      ev.patterns[#ev.patterns + 1] = c
    end
    P.events[#P.events + 1] = ev
    P.types[ev.type] = ev
  end
  P.negation = cue_list(D.negation)
  P.negation_exceptions = {}
  for _, w in ipairs(D.negation_exceptions) do P.negation_exceptions[w] = true end
  P.hedges = cue_list(D.hedges)
  P.irrealis = cue_list(D.irrealis)
  P.attribution_verbs = {}
  for _, w in ipairs(D.attribution_verbs) do P.attribution_verbs[clio.fold(w)] = true end
  P.attribution_preps = cue_list(D.attribution_preps)
  P.relations = D.relations
  P.pronouns = D.pronouns
  P.demonyms = D.demonyms
  P.date_names = {}
  for _, w in ipairs(D.date_names) do P.date_names[clio.fold(w)] = true end
  return P
end

--- The event type names a compiled vocabulary knows, sorted.
function M.type_names(P)
  local out = {}
  for t in pairs(P.types) do out[#out + 1] = t end
  table.sort(out)
  return out
end

-- Patterns by the terms they can start with: by_first[term] lists the patterns whose
-- first item is a plain word set holding term, plus every pattern that can start
-- anywhere (a gap, a slot or an optional first item), in the vocabulary's order; anywhere
-- alone is the list for other terms. Built once per vocabulary.
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
M.pattern_index = pattern_index

-- words too common to tell documents apart: a pattern's filter word is another of its
-- required words when it has one ("was|were born": born; "{come} to power": power)
-- (the language profile's claim_function_words and claim_common_words)
local COMMON = {}
for w in pairs(require("clio.claims.mentions").FUNCTION_WORDS) do COMMON[w] = true end
for w in pairs(require("clio.lang").load():set("claim_common_words")) do COMMON[w] = true end

--- The words one of which every match holds: for each pattern, the word set of one of
--- its required (not optional) words, the least common (no common word, then the
--- fewest forms); folded, sorted. A document without any of them has no match.
function M.filter_words(P)
  if P.filter_words then return P.filter_words end
  local set, words = {}, {}
  for _, ev in ipairs(P.events) do
    for _, pat in ipairs(ev.patterns) do
      local best, best_score
      for _, it in ipairs(pat) do
        if it.set and not it.opt then
          local n, common = 0, 0
          for w in pairs(it.set) do n = n + 1; if COMMON[w] then common = 1 end end
          local score = common * 1e6 + n
          if not best or score < best_score then best, best_score = it, score end
        end
      end
      for w in pairs(best.set) do
        if not set[w] then set[w] = true; words[#words + 1] = w end
      end
    end
  end
  table.sort(words)
  P.filter_words = words
  return words
end

--- Whether document doc holds one of the filter words (M.filter_words), checked by the
--- core on its own tokens: no token table is built. false means the document can hold
--- no predicate match.
function M.may_match(P, doc)
  return #M.candidates(P, doc, true) > 0
end

--- The sentences of document doc that hold a filter word (as a token's term or a part
--- of it: "re-elected" holds "elected"): packed
--- (start, end, sentence) int64 triples as doc:candidates gives them (merged: runs of
--- such sentences as one span).
function M.candidates(P, doc, merge)
  local set = P.filter_set
  if not set then
    set = clio.core.termset(M.filter_words(P), "words")
    P.filter_set = set
  end
  return doc:candidates(set, merge or false, true)
end

local GAP_STOP = { ["and"] = true, ["but"] = true, ["or"] = true, ["when"] = true,
  ["which"] = true, ["who"] = true, ["that"] = true }

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

--- The predicate matches of one sentence (tokens lo..hi): at most one event per trigger
--- word, the longest match. Returns the hits sorted by trigger, each
--- {ev, pat, i (first token), stop (token after), trig (trigger token), caps (slots)}.
function M.matches(P, toks, lo, hi)
  local found = {}
  local by_first, anywhere = pattern_index(P)
  local any = #anywhere > 0 and anywhere or nil
  for i = lo, hi do
    -- a table lookup per token; the patterns only where one can start
    local list = by_first[toks[i].term] or any
    if list then for _, cand in ipairs(list) do
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
    end end
  end
  if next(found) == nil then return {} end
  local hits = {}
  for _, h in pairs(found) do hits[#hits + 1] = h end
  table.sort(hits, function(a, b)
    if a.trig ~= b.trig then return a.trig < b.trig end
    return a.ev.type < b.ev.type
  end)
  -- one event per trigger word: the longest match wins ("removed from his post" is not
  -- also "removed from power")
  local by_trig, out = {}, {}
  for _, h in ipairs(hits) do
    local o = by_trig[h.trig]
    if not o or (h.stop - h.i) > (o.stop - o.i) then by_trig[h.trig] = h end
  end
  for _, h in ipairs(hits) do
    if by_trig[h.trig] == h then out[#out + 1] = h end
  end
  return out
end

return M
