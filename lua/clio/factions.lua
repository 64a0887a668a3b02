--- clio.factions: mentions of actors, placed on their side at the date the text is
--- talking about. Builds on clio.lexicon (who is who), clio.timex (narrative dates) and
--- the corpus (sentences, gaps).
--
--   local factions = require "clio.factions"
--   local tagger = factions.new { lexicons = { "soviet-power-struggle" }, pronouns = false }
--   for doc in corpus:docs() do
--     local r = tagger:tag(doc)   -- { doc, mentions, sentences, dates }
--   end
--
-- A mention (besides the lexicon hit's fields): sentence (index), date (the narrative
-- date value or nil), date_mod, date_at (offset of the date expression), factions (ids
-- valid at the date; with no date, every faction of every membership), memberships (the
-- memberships behind `factions`, with their ranges).
local clio = require "clio"
local lexicon = require "clio.lexicon"
local timeline = require "clio.timeline"

local M = {}

--- Dates further than this many bytes before a mention are not looked for (0: the
--- whole document). About ten pages: a date that far back no longer sets the scene.
M.DATE_HORIZON = 30000

--- Documents bigger than this (bytes) have their dates looked for only where they can
--- be in force at a mention (see narrative_dates); smaller ones are read whole, as
--- `clio timeline` reads them.
M.WALK_BACK_SIZE = 1 << 20

--- Verbs of action between actors, by action; a lexicon's `actions` table replaces it.
M.default_actions = {
  expel = { "expel", "expels", "expelled", "expelling" },
  remove = { "remove", "removes", "removed", "removing", "oust", "ousts", "ousted", "ousting",
             "purged", "dismiss", "dismissed", "depose", "deposed",
             "barred", "denounce", "denounced", "denounces" },
  exile = { "exile", "exiles", "exiled", "exiling", "deport", "deported", "deports", "banish",
            "banished" },
  ally = { "ally", "allied", "allies", "align", "aligned", "aligns", "sided", "side", "sides",
           "alliance", "joined", "supported", "backed" },
  execute = { "execute", "executes", "executed", "executing", "shot", "kill", "kills", "killed",
              "assassinate", "assassinated", "murder", "murdered" },
}

-- "unknown": a discovered name whose kind the text does not tell
local ACTOR_KINDS = { person = true, group = true, organization = true, unknown = true }
M.ACTOR_KINDS = ACTOR_KINDS

local Tagger = {}
Tagger.__index = Tagger

--- An empty lexicon: what the tagger uses when none is named (actors are discovered).
function M.no_lexicon()
  return { names = {}, factions = {}, faction_order = {}, entities = {}, entity_order = {}, sources = {},
           ignore = {}, files = {}, discovered = true }
end

--- opts: lexicons (names or paths, looked up along the data search path), fuzzy (true),
--- pronouns (false), dates (true: run the temporal tagger), actions (verb table), lang
--- (the language profile for discovered actors). With no lexicon, actors are discovered
--- from the text (clio.actors): names, kinds, no factions.
function M.new(opts)
  opts = opts or {}
  local lex = opts.lexicon
  if not lex and opts.lexicons and #opts.lexicons > 0 then lex = lexicon.load_all(opts.lexicons) end
  lex = lex or M.no_lexicon()
  local self = setmetatable({
    lex = lex,
    matcher = not lex.discovered and lexicon.matcher(lex, { fuzzy = opts.fuzzy, pronouns = opts.pronouns }) or nil,
    finder = lex.discovered and require("clio.actors").new { lang = opts.lang } or nil,
    registry = {}, tails = {}, by_alias = {},
    dates = opts.dates ~= false,
    horizon = opts.horizon or M.DATE_HORIZON,
    actions = opts.actions or lex.actions or M.default_actions,
  }, Tagger)
  return self
end

-- DATE expressions of a document with their day intervals, in text order; exprs: the
-- document's anchored expressions when the caller has them (the "timex" annotation)
local function narrative_dates(self, doc, text, base, gaps, mentions, exprs)
  if not self.dates then return {} end
  if exprs then return M.narrative_dates(exprs, text, base, gaps) end
  -- the temporal grammar is built on first use, for a caller that brings no dates
  self.timex = self.timex or require("clio.timex").new()
  -- the grammar runs only on sentences that can hold a date (a number or a calendar
  -- word), as the core picks them, when the temporal tagger can say which words
  if self.triggers == nil then
    self.triggers = self.timex.trigger_words and self.timex:trigger_words() or false
  end
  local spans = self.triggers and doc:candidates(self.triggers) or nil
  local exprs
  if spans and mentions and #text > M.WALK_BACK_SIZE then
    -- In a big document, only what can be in force at a mention: from each mention walk back over the
    -- candidate spans to the nearest one holding a full date (relative dates after it
    -- are anchored on it), at most `horizon` bytes back. Each span is parsed once.
    local memo, selected = {}, {}
    local function parse(i)
      local e = memo[i]
      if not e then
        e = self.timex:extract(text, { base = base, spans = { spans[i] } })
        memo[i] = e
      end
      return e
    end
    local j = 0
    for _, m in ipairs(mentions) do
      -- spans that start before the mention's sentence ends could hold its date
      while spans[j + 1] and spans[j + 1].start <= m.start do j = j + 1 end
      if spans[j + 1] and spans[j + 1].start < m["end"] + 400 then selected[j + 1] = true end
      for i = j, 1, -1 do
        if selected[i] == "done" then break end
        if self.horizon > 0 and m.start - spans[i]["end"] > self.horizon then break end
        local absolute = false
        for _, e in ipairs(parse(i)) do
          if e.type == "DATE" and e.value and not e.rel then absolute = true end
        end
        selected[i] = "done"
        if absolute then break end
      end
    end
    local list = {}
    for i in pairs(selected) do list[#list + 1] = i end
    table.sort(list)
    exprs = {}
    for _, i in ipairs(list) do
      for _, e in ipairs(parse(i)) do exprs[#exprs + 1] = e end
    end
  else
    exprs = self.timex:extract(text, { base = base, spans = spans })
  end
  self.timex:anchor(exprs)
  return M.narrative_dates(exprs, text, base, gaps)
end

--- The narrative dates among a document's anchored expressions: DATEs with a day
--- interval [lo, hi), outside the gaps, that move the story (not a century, not the
--- name of an event).
function M.narrative_dates(exprs, text, base, gaps)
  local out = {}
  for _, e in ipairs(exprs) do
    if e.type == "DATE" and e.value then
      local inside = clio.in_gap(gaps, e.start, e["end"])
      local lo, hi = timeline.interval(e.value, e.mod)
      -- Not a narrative date: one coarser than a decade ("the 20th century"), or one
      -- that names an event rather than moving the story ("the Red Terror of 1918",
      -- "the 1917 October Revolution").
      local rel = e.start - base
      local before = text:sub(math.max(1, rel - 40), rel)
      local after = text:sub(e["end"] - base + 1, e["end"] - base + 30)
      local names_event = before:match "%u[%w’']*%s+of%s+$" ~= nil
        or (before:match "%f[%a][Tt]he%s+$" ~= nil and after:match "^%s+%u" ~= nil and not e.text:match "^[Tt]he ")
      if lo and (hi - lo > 3660 or names_event) then lo = nil end
      if lo and not inside then
        out[#out + 1] = { start = e.start, ["end"] = e["end"], value = e.value, mod = e.mod, text = e.text,
                          lo = lo, hi = hi }
      end
    end
  end
  return out
end

--- The lexicons a command uses: those named on its command line, else the `lexicon`
--- entries of the corpus's metadata (a column of metadata.csv; several values may be
--- separated by ";"), else none (actors are discovered).
function M.lexicons_of(corpus, named)
  if named and #named > 0 then return named end
  local list, seen = {}, {}
  for doc in corpus:docs() do
    local v = doc.meta and doc.meta.lexicon
    if v and v ~= "" then
      for name in v:gmatch "[^;]+" do
        name = name:match "^%s*(.-)%s*$"
        if name ~= "" and not seen[name] then seen[name] = true; list[#list + 1] = name end
      end
    end
  end
  return #list > 0 and list or nil
end

--- Warnings for documents whose narrative dates all fall outside the lexicon's period
--- (its sides and memberships say nothing there): array of strings.
function M.period_warnings(lex, tagged_docs)
  local period = lexicon.period(lex)
  if not period then return {} end
  local outside = {}
  for _, t in ipairs(tagged_docs) do outside[#outside + 1] = M.outside_period(period, t) end
  return M.period_message(lex, outside)
end

--- outside_period(period, t) -> "name (first–last)" when most narrative dates of the
--- tagged document t fall outside the lexicon's period (lexicon.period), else nil.
function M.outside_period(period, t)
  local lo, hi, first, last, inside = nil, nil, nil, nil, 0
  for _, d in ipairs(t.dates or {}) do
    if not lo or d.lo < lo then lo, first = d.lo, d.value end
    if not hi or d.hi > hi then hi, last = d.hi, d.value end
    if (not period.hi or d.lo < period.hi) and (not period.lo or d.hi > period.lo) then inside = inside + 1 end
  end
  -- most of the story told outside the period
  if lo and inside * 2 < #t.dates then return ("%s (%s–%s)"):format(t.name or t.doc, first, last) end
  return nil
end

--- period_message(lex, outside) -> the warnings for the documents told outside the period.
function M.period_message(lex, outside)
  if #outside == 0 then return {} end
  local period = lexicon.period(lex)
  local shown = {}
  for i = 1, math.min(5, #outside) do shown[i] = outside[i] end
  return { ("the lexicon %s covers %s–%s; most dates of %d document(s) fall outside it: %s%s"):format(
    table.concat(lex.names, "; "), period.from or "", period.to or "", #outside, table.concat(shown, ", "),
    #outside > 5 and ", ..." or "") }
end

--- Memberships of an entity valid over [lo, hi) days (all of them when lo is nil).
function M.valid(entity, lo, hi)
  local ms = {}
  for _, m in ipairs(entity.memberships or {}) do
    if lo == nil or ((m.lo == nil or m.lo < hi) and (m.hi == nil or lo < m.hi)) then ms[#ms + 1] = m end
  end
  return ms
end

local function ids_of(ms)
  local ids, seen = {}, {}
  for _, m in ipairs(ms) do
    if not seen[m.faction] then seen[m.faction] = true; ids[#ids + 1] = m.faction end
  end
  return ids
end

-- index of the sentence holding offset p (sentences sorted; hint speeds a forward walk)
local function sentence_at(sentences, p, hint)
  local k = hint or 1
  while sentences[k] and sentences[k]["end"] <= p do k = k + 1 end
  if sentences[k] and sentences[k].start <= p then return k, k end
  return nil, k
end

-- The date in force at offset p in sentence k: the latest date before p, unless the
-- sentence has none before p but one after it ("Stalin rose to power in 1929").
local function date_in_force(dates, sentences, p, k, di)
  while dates[di + 1] and dates[di + 1]["end"] <= p do di = di + 1 end
  local before = dates[di]
  local s = k and sentences[k]
  if s and (not before or before.start < s.start) then
    local after = dates[di + 1]
    if after and after.start >= p and after["end"] <= s["end"] then return after, di end
  end
  return before, di
end

local function is_actor(h) return h.entity and ACTOR_KINDS[h.kind] end

--- Tags one document: { doc, path, mentions, sentences, dates, text }.
-- Mentions of discovered actors as lexicon-like hits: one entity table per actor across
-- the documents, with no memberships. A name that ends exactly one person's full name
-- found in an earlier document ("de Gaulle" after "Charles de Gaulle") is that person.
-- found: the document's own actors (the "actors" layer), else the finder runs here.
local function discovered_hits(self, doc, found)
  local r = found or self.finder:document(doc)
  local actors = require "clio.actors"
  local by_actor = {}
  -- names of this document that end with another of its names: discovery kept them
  -- apart here ("Vietnam" beside "South Vietnam"), so no other document joins them
  local here = {}
  for _, a in ipairs(r.actors) do
    local k = actors.key(a.name)
    for s = 2, 8 do
      local tail = k:match(("^" .. ("%S+ "):rep(s - 1) .. "(.+)$"))
      if not tail then break end
      here[tail] = true
    end
  end
  for _, a in ipairs(r.actors) do
    local ent = self.registry[a.id]
    local k = actors.key(a.name)
    if not ent and (a.kind == nil or a.kind == "person") and not here[k] then
      local into = self.tails[k]
      if into and #into == 1 and into[1].kind == "person" then ent = into[1] end
    end
    if not ent then
      ent = { id = a.id, name = a.name, kind = a.kind or "unknown", aliases = {}, memberships = {}, seen = {} }
      self.registry[a.id] = ent
      self.lex.entities[a.id] = ent
      self.lex.entity_order[#self.lex.entity_order + 1] = a.id
      local words = {}
      for w in actors.key(a.name):gmatch "%S+" do words[#words + 1] = w end
      if #words >= 2 and (a.kind == nil or a.kind == "person") then
        for k = 2, #words do
          local t = table.concat(words, " ", k)
          self.tails[t] = self.tails[t] or {}
          table.insert(self.tails[t], ent)
        end
      end
    elseif ent.kind == "unknown" and a.kind then
      ent.kind = a.kind
    end
    self.registry[a.id] = ent
    for _, al in ipairs(a.aliases) do
      if not ent.seen[al] then
        ent.seen[al] = true
        ent.aliases[#ent.aliases + 1] = { text = al, entity = ent }
        self.by_alias[actors.key(al)] = self.by_alias[actors.key(al)] or ent
      end
    end
    by_actor[a.id] = ent
  end
  local hits = {}
  for _, m in ipairs(r.mentions) do
    local ent = by_actor[m.id]
    hits[#hits + 1] = { start = m.start, ["end"] = m["end"], text = m.text, entity = ent, kind = ent.kind,
                        rule = m.possessive and (m.rule .. "+possessive") or m.rule, confidence = m.confidence,
                        title = m.title }
  end
  return hits
end

--- The actor a name stands for: the lexicon's entity of that alias (as the matcher
--- folds it), or with no lexicon the discovered actor with that alias in the documents
--- tagged so far. Returns the entity table ({id, name, kind, memberships, ...}) or nil.
function Tagger:resolve(name)
  local key = lexicon.key(name)
  if self.matcher then
    local al = self.matcher.folded[key]
    return al and al.entity or nil
  end
  return self.by_alias[require("clio.actors").key(name)]
end

-- Words the document writes in lower case (ASCII letters; folded as the matcher folds).
local function lower_words(text)
  local set = {}
  for w in text:gmatch "%f[%w]%l[%l']*%f[^%w']" do set[w] = true end
  return set
end

-- Whether some occurrence of word in text stands beside another capitalized word in
-- the same sentence ("Admiral Zinovy Rozhestvensky", "Staten Island"): then it is part
-- of a name of its own, not a misspelling of a lexicon's name.
local function in_other_name(text, word, is_alias)
  local init = 1
  while true do
    local s, e = text:find(word, init, true)
    if not s then return false end
    init = e + 1
    local before = text:sub(math.max(1, s - 40), s - 1)
    local after = text:sub(e + 1, e + 40)
    local prev = before:match "(%u[%w'’%-]*)[ \t]+$"
    local nxt = after:match "^[ \t]+(%u[%w'’%-]*)"
    if (prev and not is_alias(prev)) or (nxt and not is_alias(nxt)) then return true end
  end
end

-- Lexicon hits that a document does not support: a fuzzy match of a word the corpus
-- writes in lower case ("Station", "Stating") or of a word that is part of another name
-- ("Zinovy Rozhestvensky"); an alias made only of common words ("Communist Party")
-- where the document names fewer than two of the lexicon's actors by their own names.
local function supported(self, hits, text)
  -- words in lower case in this document: the document's own words decide, so its
  -- mentions (a cached layer) do not depend on which documents were read before it
  local lower = lower_words(text)
  local folded = self.matcher.folded
  local function is_alias(w) return folded[lexicon.key(w)] ~= nil end
  -- generic: every word is one the document writes in lower case, or a name whose head
  -- is a common noun of the document ("Communist Party": the text speaks of a "party")
  local function generic(al)
    if not al then return false end
    local all, last, n = true, nil, 0
    for w in al.text:gmatch "[%a']+" do
      local k = w:lower()
      if k ~= "the" then
        n = n + 1
        last = k
        if not lower[k] then all = false end
      end
    end
    return all or (n >= 2 and lower[last] ~= nil)
  end
  local distinctive, n = {}, 0
  for _, h in ipairs(hits) do
    if h.entity and h.alias and h.rule ~= "fuzzy" and ACTOR_KINDS[h.kind] and not generic(h.alias)
      and not distinctive[h.entity] then
      distinctive[h.entity] = true
      n = n + 1
    end
  end
  local kept = {}
  for _, h in ipairs(hits) do
    local ok = true
    if h.rule == "fuzzy" then
      local w = h.text
      ok = not lower[w:lower()] and not in_other_name(text, w, is_alias)
    elseif h.alias and n < 2 and not distinctive[h.entity] and generic(h.alias) then
      ok = false
    end
    if ok then kept[#kept + 1] = h end
  end
  return kept
end

--- Names written as references (a TEI entity, &stalin; for "Joseph Stalin"): the
--- matcher reads each reference's text; a hit spans the reference's bytes. Merged into
--- hits (in order of start). gaps: doc:gaps(), whose "reference" gaps carry text.
function M.reference_hits(matcher, gaps, hits)
  local extra = {}
  for _, g in ipairs(gaps) do
    if g.rule == "reference" and g.text and #g.text > 1 then
      for _, h in ipairs(matcher:scan(g.text, 0)) do
        if not h.pronoun then
          h.start, h["end"] = g.start, g["end"]
          extra[#extra + 1] = h
        end
      end
    end
  end
  if #extra == 0 then return hits end
  for _, h in ipairs(hits) do extra[#extra + 1] = h end
  table.sort(extra, function(a, b) return a.start < b.start end)
  return extra
end

--- opts: exprs (the document's anchored temporal expressions; else the grammar runs
--- here), dates (its narrative dates, as M.narrative_dates gives them: exprs is then
--- not read), sentences (doc:sentences() when not given), found (with no lexicon: the
--- document's actors as clio.actors finds them; else the finder runs here).
function Tagger:tag(doc, opts)
  local text, base = doc:text(), doc.start
  local gaps = doc:gaps()
  local hits
  if self.finder then
    hits = discovered_hits(self, doc, opts and opts.found)
  else
    hits = supported(self, clio.outside_gaps(self.matcher:scan(text, base), gaps), text)
    hits = M.reference_hits(self.matcher, gaps, hits)
  end
  local sentences = opts and opts.sentences or doc:sentences()
  local dates = opts and opts.dates or narrative_dates(self, doc, text, base, gaps, hits, opts and opts.exprs)
  local out, k, di = {}, 1, 0
  local recent = {}     -- persons mentioned lately, for pronouns
  for _, h in ipairs(hits) do
    local sk
    sk, k = sentence_at(sentences, h.start, k)
    h.sentence = sk
    local d
    d, di = date_in_force(dates, sentences, h.start, sk, di)
    local keep = true
    if h.pronoun then
      keep = false
      -- the latest fitting person in this or the previous sentence, preferring one
      -- not named in a possessive ("Lenin's teachings ... his needs" is not Lenin)
      for pass = 1, 2 do
        for j = #recent, 1, -1 do
          local r = recent[j]
          if sk and r.sentence and sk - r.sentence > 1 then break end
          local g = r.entity.gender
          if (g == nil or g == h.gender) and (pass == 2 or r.rule ~= "alias+possessive") then
            h.entity, h.kind, h.confidence = r.entity, "person", 0.3
            h.antecedent = r.start
            keep = true
            break
          end
        end
        if keep then break end
      end
    end
    if keep and h.alias and h.alias.lo then
      -- a title held for a time ("the General Secretary"): only inside its range
      if d then
        keep = h.alias.lo < d.hi and (h.alias.hi == nil or d.lo < h.alias.hi)
      else
        h.confidence = h.confidence * 0.7
        h.rule = h.rule .. "+undated"
      end
    end
    if keep then
      if d then
        h.date, h.date_mod, h.date_at = d.value, d.mod, d.start
        h.memberships = M.valid(h.entity, d.lo, d.hi)
      else
        h.memberships = M.valid(h.entity)
      end
      h.factions = setmetatable(ids_of(h.memberships), require("clio.output").array_mt)
      out[#out + 1] = h
      if h.kind == "person" and not h.pronoun then
        recent[#recent + 1] = h
        if #recent > 8 then table.remove(recent, 1) end
      end
    end
  end
  return { doc = doc.path, name = doc.name, mentions = out, sentences = sentences, dates = dates, text = text,
           base = base }
end

--- A mention as a flat record (jsonl field names).
function M.record(doc, h, flat)
  local r = {
    doc = doc, start = h.start, ["end"] = h["end"], text = h.text, entity = h.entity.id,
    kind = h.kind, factions = h.factions, date = h.date, confidence = math.floor(h.confidence * 100 + 0.5) / 100,
    rule = h.rule, name = h.entity.name,
  }
  if h.date_mod then r.date_mod = h.date_mod end
  if h.distance then r.alias = h.alias.text end
  if h.antecedent then r.antecedent = h.antecedent end
  if h.cited then r.cited = h.cited end
  if not h.date and #h.memberships > 0 then
    local ranges = {}
    for i, m in ipairs(h.memberships) do
      if flat then
        ranges[i] = ("%s %s–%s"):format(m.faction, m.from or "", m.to or "")
      else
        ranges[i] = { faction = m.faction, from = m.from, to = m.to }
      end
    end
    r.memberships = ranges
  end
  return r
end

---------------------------------------------------------------------------
-- profiles, networks, actions

--- Mentions and shares by faction for one tagged document: array of
--- { doc, faction, label, mentions, share } (share of the document's actor mentions;
--- "(none)" counts actors with no faction at their date).
function M.profile(lex, tagged)
  local counts, total = {}, 0
  for _, h in ipairs(tagged.mentions) do
    if is_actor(h) then
      total = total + 1
      if #h.factions == 0 then counts["(none)"] = (counts["(none)"] or 0) + 1 end
      for _, f in ipairs(h.factions) do counts[f] = (counts[f] or 0) + 1 end
    end
  end
  local rows = {}
  for f, n in pairs(counts) do
    local fac = lex.factions[f]
    rows[#rows + 1] = { doc = tagged.doc, faction = f, label = fac and fac.label or f, mentions = n,
                        share = total > 0 and n / total or 0 }
  end
  table.sort(rows, function(a, b)
    if a.mentions ~= b.mentions then return a.mentions > b.mentions end
    return a.faction < b.faction
  end)
  return rows, total
end

--- Accumulates same-sentence co-occurrences into edges (keyed "a\0b", a < b):
--- { source, target, count, dates = {value -> n}, citations = {"doc:start-end"} }.
--- max_citations (nil: all): the citations each edge keeps, its first ones.
function M.cooccurrence(tagged, edges, max_citations)
  edges = edges or {}
  local by_sentence = {}
  for _, h in ipairs(tagged.mentions) do
    if is_actor(h) and not h.pronoun and h.sentence then
      local list = by_sentence[h.sentence]
      if not list then list = {}; by_sentence[h.sentence] = list end
      list[#list + 1] = h
    end
  end
  local ks = {}
  for k in pairs(by_sentence) do ks[#ks + 1] = k end
  table.sort(ks)
  for _, k in ipairs(ks) do
    local list, seen = by_sentence[k], {}
    local s = tagged.sentences[k]
    for i = 1, #list do
      for j = i + 1, #list do
        local a, b = list[i].entity.id, list[j].entity.id
        if a ~= b then
          if a > b then a, b = b, a end
          local key = a .. "\0" .. b
          if not seen[key] then
            seen[key] = true
            local e = edges[key]
            if not e then
              e = { source = a, target = b, count = 0, dates = {}, citations = {} }
              edges[key] = e
              edges[#edges + 1] = e
            end
            e.count = e.count + 1
            local d = list[i].date or list[j].date
            if d then e.dates[d] = (e.dates[d] or 0) + 1 end
            if #e.citations < (max_citations or math.huge) then
              e.citations[#e.citations + 1] = ("%s:%d-%d"):format(tagged.doc, s.start, s["end"])
            end
          end
        end
      end
    end
  end
  return edges
end

--- The dates of an edge as a sorted list of "value" or "value×n".
function M.date_list(dates)
  local out = {}
  for d, n in pairs(dates) do out[#out + 1] = n > 1 and ("%s×%d"):format(d, n) or d end
  table.sort(out)
  return out
end

local PREPS = { ["with"] = true, ["to"] = true, ["of"] = true, ["from"] = true, ["against"] = true,
                ["for"] = true, ["by"] = true, ["about"] = true, ["on"] = true, ["over"] = true }
local PASSIVE = { was = true, were = true, been = true, being = true, be = true, is = true, are = true }
local NOT_TARGET = { from = true, of = true, ["in"] = true, into = true, at = true, on = true }
local BOUNDARY = { who = true, which = true, but = true, because = true, whom = true, whose = true,
                   ["while"] = true, ["when"] = true, ["that"] = true }

local function word_before(text, rel)
  local w = text:sub(1, rel - 1):match "(%a+)[%s,]*$"
  return w and w:lower()
end

--- Actions between actors in one tagged document: array of directed edges
--- { doc, start, end (the sentence), source, target, action, verb, date, text,
---   citation }.
function M.actions(self, tagged)
  local verbs = {}
  for action, list in pairs(self.actions) do
    for _, v in ipairs(list) do verbs[v] = action end
  end
  local text, base = tagged.text, tagged.base
  local by_sentence = {}
  for _, h in ipairs(tagged.mentions) do
    if is_actor(h) and h.sentence and not h.pronoun then
      local list = by_sentence[h.sentence]
      if not list then list = {}; by_sentence[h.sentence] = list end
      list[#list + 1] = h
    end
  end
  local out = {}
  local ks = {}
  for k in pairs(by_sentence) do ks[#ks + 1] = k end
  table.sort(ks)
  for _, k in ipairs(ks) do
    local list = by_sentence[k]
    local s = tagged.sentences[k]
    if #list >= 2 then
      local stext = text:sub(s.start - base + 1, s["end"] - base)
      for vs, w, ve in stext:gmatch "()(%a+)()" do
        local action = verbs[w:lower()]
        if action then
          local vpos = s.start + vs - 1
          local passive = PASSIVE[word_before(stext, vs) or ""]
          if not passive then
            local wb = stext:sub(1, vs - 1):match "(%a+)%s+%a+ly%s*$"
            passive = wb and PASSIVE[wb:lower()]
          end
          -- subject: the nearest actor before the verb not governed by a preposition
          local subj
          for i = #list, 1, -1 do
            local h = list[i]
            if h["end"] <= vpos then
              local pw = word_before(stext, h.start - s.start + 1)
              if not PREPS[pw or ""] then subj = i break end
            end
          end
          -- objects: the first actor after the verb in its clause, and those joined to it
          local objs = {}
          for i = 1, #list do
            local h = list[i]
            if h.start >= vpos + (ve - vs) then
              local gap = stext:sub(ve, h.start - s.start)
              local before_h = stext:sub(1, h.start - s.start):gsub("%f[%a]the%s+$", ""):gsub("%f[%a]his%s+$", "")
              local pw = word_before(before_h, #before_h + 1)
              if NOT_TARGET[pw or ""] then break end
              if #objs == 0 then
                local cut = false
                for gw in gap:gmatch "%a+" do if BOUNDARY[gw:lower()] then cut = true end end
                if cut or gap:find "[;:]" then break end
                objs[1] = i
              else
                local prev = list[objs[#objs]]
                local between = stext:sub(prev["end"] - s.start + 1, h.start - s.start)
                if between:match "^[%s,]*$" or between:match "^[%s,]*and%s+$" or between:match "^[%s,]*and%s+the%s+$" then
                  objs[#objs + 1] = i
                else
                  break
                end
              end
            end
          end
          -- "Kamenev and Zinoviev who had just sided with": both act
          local subjects = {}
          if subj then
            subjects[1] = subj
            local i = subj
            while i > 1 do
              local between = stext:sub(list[i - 1]["end"] - s.start + 1, list[i].start - s.start)
              if between:match "^[%s,]*and%s+$" or between:match "^%s*,%s*$" then
                i = i - 1
                table.insert(subjects, 1, i)
              else
                break
              end
            end
          end
          local sources, targets = {}, {}
          if passive then
            -- "X was expelled by Y": Y acts on X
            local by_agent
            for _, oi in ipairs(objs) do
              local pw = word_before(stext, list[oi].start - s.start + 1)
              if pw == "by" then by_agent = oi end
            end
            if by_agent and subj then sources, targets = { list[by_agent] }, { list[subj] } end
          elseif subj then
            for _, si in ipairs(subjects) do sources[#sources + 1] = list[si] end
            for _, oi in ipairs(objs) do targets[#targets + 1] = list[oi] end
          end
          local d = date_in_force(tagged.dates, tagged.sentences, vpos, k, 0)
          for _, a in ipairs(sources) do
            for _, b in ipairs(targets) do
              if a.entity ~= b.entity then
                out[#out + 1] = {
                  doc = tagged.doc, start = s.start, ["end"] = s["end"], source = a.entity.id,
                  target = b.entity.id, action = action, verb = w, date = d and d.value or nil,
                  text = stext, citation = ("%s:%d-%d"):format(tagged.doc, s.start, s["end"]),
                }
              end
            end
          end
        end
      end
    end
  end
  return out
end

---------------------------------------------------------------------------
-- discovery: capitalized names no lexicon knows

local CALENDAR = {}
for w in ("january february march april may june july august september october november december "
  .. "monday tuesday wednesday thursday friday saturday sunday spring summer autumn winter"):gmatch "%a+" do
  CALENDAR[w] = true
end

-- small words inside a name ("Council of People's Commissars"): the language's particles
local JOIN = require("clio.lang").load():set("name_particles")

--- Accumulates capitalized words and phrases that no lexicon knows. `lower` is a set of
--- terms seen in lower case anywhere (so sentence-initial common words drop out).
--- Returns { name -> {name, count, example} } (accumulated in `acc`).
function M.unknown(self, doc, tagged, stop, lower, acc)
  acc = acc or {}
  local toks = doc:tokens()
  local covered = {}
  local ci = 1
  local mentions = tagged.mentions
  local firsts = {}
  for _, s in ipairs(tagged.sentences) do firsts[s.first] = true end
  local text, base = tagged.text, tagged.base
  local run = {}
  local function common(t) return stop[t.term] or CALENDAR[t.term] end
  local function flush()
    -- leading and trailing common words ("By December", "The October") drop off
    while #run > 0 and (not run[#run].capitalized or common(run[#run])) do table.remove(run) end
    while #run > 0 and common(run[1]) do table.remove(run, 1) end
    if #run > 0 then
      local name = text:sub(run[1].start - base + 1, run[#run]["end"] - base)
      local key = lexicon.key(name)
      if not self.lex.ignore[key] and not (self.matcher and self.matcher.folded[key])
        and not (#run == 1 and lower[run[1].term]) then
        local e = acc[name]
        if not e then
          e = { name = name, count = 0, mid = 0,
                example = ("%s:%d-%d"):format(tagged.doc, run[1].start, run[#run]["end"]) }
          acc[name] = e
          acc[#acc + 1] = e
        end
        e.count = e.count + 1
        -- a lone word seen only at the start of sentences may be any word
        if #run > 1 or not firsts[run[1].i] then e.mid = e.mid + 1 end
      end
    end
    run = {}
  end
  local mi = 1
  for i, t in ipairs(toks) do
    t.i = i
    while mentions[mi] and mentions[mi]["end"] <= t.start do mi = mi + 1 end
    local m = mentions[mi]
    local in_mention = m and t.start >= m.start and t.start < m["end"]
    if in_mention then
      flush()
    elseif t.kind == "word" and t.capitalized and not t.abbrev then
      -- a run ends at a sentence start and across a cleaning gap
      if #run > 0 and (firsts[i] or text:sub(run[#run]["end"] - base + 1, t.start - base):find "%S") then flush() end
      run[#run + 1] = t
    elseif t.kind == "word" and #run > 0 and JOIN[t.term] then
      run[#run + 1] = t
    else
      flush()
    end
  end
  flush()
  return acc
end

---------------------------------------------------------------------------
-- GraphML

local function xml(s)
  return (tostring(s):gsub("[&<>\"]", { ["&"] = "&amp;", ["<"] = "&lt;", [">"] = "&gt;", ['"'] = "&quot;" }))
end

--- GraphML text of the network: nodes are entities (label, kind, factions, mentions),
--- undirected co-occurrence edges (weight, dates) and directed action edges (action,
--- date, citation).
function M.graphml(lex, nodes, edges, actions)
  local out = {
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
    '  <key id="label" for="node" attr.name="label" attr.type="string"/>',
    '  <key id="kind" for="node" attr.name="kind" attr.type="string"/>',
    '  <key id="factions" for="node" attr.name="factions" attr.type="string"/>',
    '  <key id="colour" for="node" attr.name="colour" attr.type="string"/>',
    '  <key id="mentions" for="node" attr.name="mentions" attr.type="int"/>',
    '  <key id="type" for="edge" attr.name="type" attr.type="string"/>',
    '  <key id="weight" for="edge" attr.name="weight" attr.type="int"/>',
    '  <key id="dates" for="edge" attr.name="dates" attr.type="string"/>',
    '  <key id="action" for="edge" attr.name="action" attr.type="string"/>',
    '  <key id="citation" for="edge" attr.name="citation" attr.type="string"/>',
    '  <graph id="factions" edgedefault="undirected">',
  }
  local function add(s) out[#out + 1] = s end
  for _, n in ipairs(nodes) do
    local ent = n.entity
    local fids = ids_of(ent.memberships or {})
    local colour = fids[1] and lex.factions[fids[1]] and lex.factions[fids[1]].colour
    add(('    <node id="%s">'):format(xml(ent.id)))
    add(('      <data key="label">%s</data>'):format(xml(ent.name)))
    add(('      <data key="kind">%s</data>'):format(xml(ent.kind)))
    add(('      <data key="factions">%s</data>'):format(xml(table.concat(fids, " "))))
    if colour then add(('      <data key="colour">%s</data>'):format(xml(colour))) end
    add(('      <data key="mentions">%d</data>'):format(n.count))
    add '    </node>'
  end
  for i, e in ipairs(edges) do
    add(('    <edge id="c%d" source="%s" target="%s">'):format(i, xml(e.source), xml(e.target)))
    add '      <data key="type">co-occurrence</data>'
    add(('      <data key="weight">%d</data>'):format(e.count))
    add(('      <data key="dates">%s</data>'):format(xml(table.concat(M.date_list(e.dates), " "))))
    add '    </edge>'
  end
  for i, a in ipairs(actions or {}) do
    add(('    <edge id="a%d" source="%s" target="%s" directed="true">'):format(i, xml(a.source), xml(a.target)))
    add '      <data key="type">action</data>'
    add(('      <data key="action">%s</data>'):format(xml(a.action)))
    if a.date then add(('      <data key="dates">%s</data>'):format(xml(a.date))) end
    add(('      <data key="citation">%s</data>'):format(xml(a.citation)))
    add '    </edge>'
  end
  add '  </graph>'
  add '</graphml>'
  return table.concat(out, "\n") .. "\n"
end

-- over a corpus, from its annotations (lua/clio/analysis/factions.lua)
for _, name in ipairs { "run", "write_network", "mention_record", "view", "mentions_view", "warnings",
  "profile_rows", "action_row", "view_columns" } do
  M[name] = function(...) return require("clio.analysis.factions")[name](...) end
end

return M
