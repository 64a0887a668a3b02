--- clio.actors: actors found in a text when no lexicon names them. People,
--- organizations, places and groups are told from capitalization, titles ("General",
--- "King"), the words around them and the language profile's word lists
--- (data/lang/<code>/actors.lua); a surname alone joins the full name used nearby, and
--- every mention carries the full (canonical) name of its actor. No side is invented:
--- factions come only from a lexicon.
--
--   local actors = require "clio.actors"
--   local finder = actors.new { lang = "en" }
--   local r = finder:document(doc)   -- { mentions = {...}, actors = {...} }
--
-- A mention: { start, ["end"], text, id, name (canonical), kind (person, organization,
-- place, group or nil when it cannot be told), title (the title before it, or nil),
-- rule ("discovered" or "discovered+surname"), confidence, possessive }. Offsets are file
-- offsets, end exclusive. An actor: { id, name, kind, aliases (surface forms), count,
-- first, last (offsets of its first and last mention) }.
local clio = require "clio"
local datapath = require "clio.datapath"
local markup = require "clio.actors.markup"
local ordering = require "clio.order"

local M = {}

-- letters that folding keeps but writers swap freely ("Ðiện Biên Phủ", "Dien Bien Phu")
local STROKES = { ["đ"] = "d", ["ð"] = "d", ["ł"] = "l", ["ø"] = "o", ["ħ"] = "h", ["ı"] = "i" }
local KEYS = {}
local KEY_COUNT = 0
local function key(s)
  local k = KEYS[s]
  if k then return k end
  k = (clio.fold(s, "case compat marks punct"):gsub("[\196\195\197][\128-\191]", STROKES))
  -- a memo of the words seen (names repeat): one call into the folder per distinct word
  if KEY_COUNT > 200000 then KEYS = {}; KEY_COUNT = 0 end
  KEYS[s] = k
  KEY_COUNT = KEY_COUNT + 1
  return k
end
M.key = key

-- the id of a canonical name: folded, words joined by "-", letters past ASCII kept
-- ("Жуков" -> "жуков": an id of nothing would make all such names one actor)
local function slug(s)
  return (key(s):gsub("[^%w\128-\255]+", "-"):gsub("^%-+", ""):gsub("%-+$", ""))
end
M.slug = slug

local function set_of(list, multi)
  local s = {}
  for _, w in ipairs(list or {}) do
    local k = key(w)
    if multi or not k:find " " then s[k] = true end
  end
  return s
end

local PROFILES = {}

--- The actor word lists of a language profile, as folded sets (cached). `lang` is a code
--- ("en") looked up as lang/<code>/actors.lua along the data search path, or a file.
function M.profile(lang)
  lang = lang or "en"
  if PROFILES[lang] then return PROFILES[lang] end
  local path = datapath.find("lang", lang .. "/actors.lua") or datapath.require("lang", lang)
  local data = datapath.data(path, "actor profile")
  local titles, longest = {}, 1
  for _, t in ipairs(data.person_titles or {}) do
    local k = key(t)
    titles[k] = true
    titles[(k:gsub("%.$", ""))] = true
    local n = select(2, k:gsub("%S+", "")) 
    if n > longest then longest = n end
  end
  local p = {
    path = path,
    titles = titles, title_words = longest,
    particles = set_of(data.name_particles), joiners = set_of(data.joiners),
    org_words = set_of(data.organization_words, true), org_heads = set_of(data.organization_heads),
    place_words = set_of(data.place_words, true), place_heads = set_of(data.place_heads),
    place_preps = set_of(data.place_prepositions), compass = set_of(data.compass),
    place_of = set_of(data.place_of),
    modifiers = set_of(data.place_modifiers), person_after = set_of(data.person_after),
    person_pronouns = set_of(data.person_pronouns),
    group_endings = data.group_endings or {}, group_words = set_of(data.group_words, true),
    event_words = set_of(data.event_words), not_names = set_of(data.not_names),
    opener_endings = data.opener_endings or {},
  }
  p.places, p.place_adjs, p.caps_places, p.places_path = M.places(lang, path)
  PROFILES[lang] = p
  return p
end

-- A profile's states (lang/<code>/places.lua beside its actors.lua; none when absent):
-- folded name or alias -> entry, folded adjective -> entry, and the names written in
-- capitals ("US", "UK") that would otherwise read as common words ("us"), and the file.
function M.places(lang, actors_path)
  local path = datapath.find("lang", lang .. "/places.lua")
  if not path and actors_path then
    local sibling = actors_path:gsub("actors%.lua$", "places.lua")
    if sibling ~= actors_path and datapath.readable(sibling) then path = sibling end
  end
  local names, adjs, caps = {}, {}, {}
  if not path then return names, adjs, caps end
  local data = datapath.data(path, "places file")
  for i, e in ipairs(data) do
    if type(e) ~= "table" or type(e[1]) ~= "string" then
      clio.fail("%s: entry %d: { \"Name\", aka = {...}, adj = \"Adjective\" }", path, i)
    end
    local entry = { name = e[1] }
    for _, n in ipairs { e[1], table.unpack(e.aka or {}) } do
      names[key(n)] = entry
      if n:match "^[%u%.]+$" then caps[n] = true end
    end
    for _, a in ipairs(type(e.adj) == "table" and e.adj or { e.adj }) do adjs[key(a)] = entry end
  end
  return names, adjs, caps, path
end

local Finder = {}
Finder.__index = Finder

-- How far (in tokens) the finder reads around a capitalized word: the words that tell a
-- name's kind ("north of the", "said") are at most three away from it.
local MARGIN = 3
-- what stands for a token farther than that: a word that is no part of a name
local FAR = { kind = "far", term = "", text = "" }

--- opts: lang (profile code or file, "en"), stopwords (folded set; default clio's list),
--- lower (optional folded set of words seen in lower case anywhere in the corpus).
function M.new(opts)
  opts = opts or {}
  local self = setmetatable({ profile = M.profile(opts.lang), lower = opts.lower }, Finder)
  -- the language profile's one stop-word list (clio.lang), else clio's default list
  local stop = opts.stopwords
  do
    local ok, lang = pcall(require, "clio.lang")
    if ok and type(lang) == "table" and lang.load then
      local pok, prof = pcall(lang.load, opts.lang or "en")
      if pok and type(prof) == "table" and prof.set then
        if not stop then stop = prof:set("stopwords") end
        self.lang = prof   -- its contractions ("I'll", "We've"): pronouns and verbs, never names
      end
    end
  end
  self.stop = stop or clio.stopwords()
  return self
end

-- Whether a run's token t (folded term) is a word that cannot begin or end a name.
local function edge_word(self, term)
  return self.profile.not_names[term] or self.stop[term] or self.profile.joiners[term]
    or self.profile.particles[term] or (self.lang ~= nil and self.lang:contracted(term))
end

-- Longest title at the head of the run's words (returns the number of words, or 0).
-- A name is a place by the words around its n mentions when prepositions of place
-- ("in", "near", "the city of") stand before half of them, or, for a name mentioned
-- often, before three and a quarter of them (a city is also the subject or object of
-- many sentences); a stray "Basra said" is outweighed three to one.
local function place_by_cues(place, person, n)
  return person * 3 <= place and (place * 2 >= n or (place >= 3 and place * 4 >= n))
end

local function title_len(p, words, from)
  for n = math.min(p.title_words, #words - from + 1), 1, -1 do
    local k = table.concat(words, " ", from, from + n - 1)
    -- "Generals George Meade and ...": a title in the plural
    if p.titles[k] or (k:sub(-1) == "s" and p.titles[k:sub(1, -2)]) then return n end
  end
  return 0
end

local function ends_with(s, suffix) return #s > #suffix and s:sub(-#suffix) == suffix end

-- Whether a word has the ending of a word that begins sentences, not names (profile's
-- opener_endings: "Simultaneously", "Abandoning"), and is long enough not to be a name.
local function opener_shaped(p, w)
  for _, e in ipairs(p.opener_endings) do
    if #w >= #e + 5 and ends_with(w, e) then return true end
  end
  return false
end

-- Kind cues of one occurrence from its own words.
local form_kind
function form_kind(p, words)
  -- "Communist Party of France", "Army of the Potomac": the head is before "of"
  for k = 2, #words - 1 do
    if p.joiners[words[k]] then
      local head = { table.unpack(words, 1, k - 1) }
      local kind = form_kind(p, head)
      if kind == "organization" or kind == "place" then return kind end
      break
    end
  end
  local n = #words
  local last, first = words[n], words[1]
  local two = n >= 2 and (words[n - 1] .. " " .. last) or nil
  -- the last word is the head of a name: it tells before the first ("Union Street" is a
  -- street, "Army Street" too; "Army of the Potomac" was told above)
  if p.org_words[last] or (two and p.org_words[two]) then return "organization" end
  if p.place_words[last] or (two and p.place_words[two]) then return "place" end
  if n > 1 and p.org_heads[first] then return "organization" end
  if n > 1 and p.place_heads[first] then return "place" end
  local whole = table.concat(words, " ")
  if p.group_words[whole] then return "group" end
  -- "Western Allies", "Russian Communists": a people named last, after a state's
  -- adjective or a modifier, is a group ("Tommy Franks", "Edward Evans" are not)
  local before = words[n - 1]
  if n > 1 and last:sub(-1) == "s" and (p.modifiers[before] or p.place_adjs[before]) then
    if p.group_words[last] then return "group" end
    -- (endings of four letters or more: "Oceans", "Loans" end in "ans" too)
    for _, e in ipairs(p.place_adjs[before] and p.group_endings or {}) do
      if #e >= 4 and ends_with(last, e) then return "group", true end
    end
  end
  if n == 1 then
    for _, e in ipairs(p.group_endings) do
      -- a weak cue: "Rosecrans" ends like "Americans" but is a surname
      if ends_with(last, e) then return "group", true end
    end
  end
  return nil
end

--- Finds the actor mentions of one document (a clio.Document: tokens, sentences and
--- gaps are read once each). Returns { mentions, actors } as described above.
--- Only the tokens near a capitalized word become Lua tables (corpus:name_tokens, in C),
--- with the case counts of their words over the whole document.
function Finder:document(doc)
  local v = doc.corpus._core:name_tokens(doc.index, MARGIN)
  local r = self:find(v.tokens, v.n, v.firsts, v.lower, v.cap_mid, doc:gaps(), doc.path)
  -- an edition's own tagging of names (TEI persName/@ref ...) has the last word
  return markup.apply(doc, r, slug)
end

--- The same from a document's token and sentence arrays (as doc:tokens() and
--- doc:sentences() give them) and its gaps (optional).
function Finder:tokens(toks, sentences, gaps, docname)
  local firsts = {}
  for _, s in ipairs(sentences or {}) do firsts[s.first] = true end
  firsts[1] = true
  -- how often each word is written in lower case, and capitalized inside a sentence
  local lower, cap_mid = {}, {}
  for i = 1, #toks do
    local t = toks[i]
    if t.kind == "word" then
      if not t.capitalized then lower[t.term] = (lower[t.term] or 0) + 1
      elseif not firsts[i] then cap_mid[t.term] = (cap_mid[t.term] or 0) + 1 end
    end
  end
  return self:find(toks, #toks, firsts, lower, cap_mid, gaps, docname)
end

-- The finder itself. toks: token tables by token number (those farther than MARGIN from
-- any capitalized word may be missing); n: the document's token count; firsts: set of
-- sentence starts; lower, cap_mid: how often a word is written in lower case, and
-- capitalized inside a sentence, in the document.
function Finder:find(toks, n, firsts, lower, cap_mid, gaps, docname)
  local p, stop = self.profile, self.stop
  local corpus_lower = self.lower
  local function common(term)
    local lo = lower[term] or 0
    if lo > (cap_mid[term] or 0) then return true end
    return corpus_lower ~= nil and corpus_lower[term] and lo > 0
  end

  local occ = {}   -- occurrences: {i, j (token range of the name), title, cues...}
  local function emit(a, b)
    -- drop words that cannot start or end a name
    -- a sentence's first word is capitalized whatever it is: it leaves a longer name when
    -- the text writes it in lower case or a joiner follows it ("Wherever the French")
    -- a particle before a capitalized word begins the name ("de Gaulle", "De Gaulle's")
    while a <= b and not (p.particles[toks[a].term] and not stop[toks[a].term] and a < b
      and toks[a + 1].capitalized)
      and ((edge_word(self, toks[a].term) and not p.caps_places[toks[a].text])
      or (firsts[a] and a < b and not cap_mid[toks[a].term]
      and ((lower[toks[a].term] or 0) > 0 or p.joiners[toks[a + 1].term]
        or opener_shaped(p, toks[a].term)))) do a = a + 1 end
    while b >= a and edge_word(self, toks[b].term) and not p.caps_places[toks[b].text] do b = b - 1 end
    if a > b then return end
    local words, wtok = {}, {}
    local caps, small = 0, false
    for k = a, b do
      -- folded as names are compared: "Díaz" = "Diaz", "Ðiện" = "Dien"
      if toks[k].kind ~= "punct" then
        words[#words + 1] = key(toks[k].text); wtok[#wtok + 1] = k
        if toks[k].text:match "^%u[%u%p]*%u[%u%p]*$" then
          caps = caps + 1
          if edge_word(self, toks[k].term) then small = true end
        end
      end
    end
    -- words all in capitals, three or more or with a function word among them, are a
    -- heading ("EUROPE AND THE NEAR EAST", "PUBLIC DEBT OF THE"), not a name
    if caps >= 3 or (caps >= 2 and small) then return end
    -- an event named ("Battle of Verdun", "World War II") is not an actor
    for _, w in ipairs(words) do if p.event_words[w] then return end end
    -- "the U.S. Ambassador": a title after a name is not part of it
    while #words > 1 and title_len(p, words, #words) == 1 do
      table.remove(words); table.remove(wtok)
      b = wtok[#wtok]
    end
    local title
    -- "Confederate General Thomas Jackson", "French Marshal Foch": the words before a
    -- title describe the person; the name is after it
    for k = 2, #words - 1 do
      if title_len(p, words, k) > 0 and not p.joiners[words[k - 1]] and not p.particles[words[k - 1]] then
        a = wtok[k]
        words = { table.unpack(words, k) }
        wtok = { table.unpack(wtok, k) }
        break
      end
    end
    local tl = title_len(p, words, 1)
    -- titles in a row ("General Secretary", "Field Marshal Sir") count as one
    while tl > 0 and tl < #words and title_len(p, words, tl + 1) > 0 do
      tl = tl + title_len(p, words, tl + 1)
    end
    if tl > 0 then
      if tl == #words then return end               -- "the President" alone: no name
      local after = words[tl + 1]
      if p.joiners[after] then return end           -- "President of France": a role
      local rest = { table.unpack(words, tl + 1) }
      -- "General Assembly", "King George Island": the word is part of the name; so is a
      -- word the text writes in lower case at least as often as capitalized inside a
      -- sentence ("General Headquarters", "King Cotton": a common noun, no one's name)
      local w1 = rest[1]
      local lowered = #rest == 1 and (lower[w1] or 0) > 0 and (lower[w1] or 0) >= (cap_mid[w1] or 0)
      if not form_kind(p, rest) and not lowered then
        title = table.concat(words, " ", 1, tl)
        a = wtok[tl + 1]
        words = rest
        wtok = { table.unpack(wtok, tl + 1) }
        -- "Prime Minister. When Japan": what follows a title starts over
        while #words > 1 and edge_word(self, words[1]) and not p.particles[words[1]] do
          table.remove(words, 1); table.remove(wtok, 1)
          a = wtok[1]
        end
      end
    end
    while a <= b and (p.particles[toks[a].term] and a == b) do a = a + 1 end
    if a > b then return end
    -- "US", "UK": a state's name in capitals, not the common word it folds to
    if #words == 1 and not p.caps_places[toks[a].text] then
      local w = words[1]
      local sing = w:match "^(.-)s$"
      -- a state's name or adjective is a name wherever it stands ("Soviet troops")
      local state = (p.places[w] or p.place_adjs[w] or (sing and p.place_adjs[sing])) and not stop[w]
      if not state and (stop[w] or p.titles[w] or p.org_words[w] or p.place_words[w] or #w < 2
        or (sing and (p.titles[sing] or p.org_words[sing] or p.place_words[sing]))) then return end
      -- a lone word at a sentence start may be any word: it counts when the text also
      -- capitalizes it inside sentences; a word mostly written in lower case is common
      if not title and not state then
        if firsts[a] and not cap_mid[w] then return end
        if common(w) then return end
      end
    end
    local acronym
    for k, ti in ipairs(wtok) do
      if toks[ti].text:match "^%u[%u%.]+$" then acronym = acronym or {}; acronym[k] = true end
    end
    local o = { i = a, j = b, words = words, title = title, k = table.concat(words, " "), acronym = acronym,
                start = toks[a].start, ["end"] = toks[b]["end"] }
    -- context: the word before the name (past "the") and the word after it
    local pi = a - 1 - (title and #(title:gsub("[^ ]", "")) + 1 or 0)
    if toks[pi] and toks[pi].term == "the" then o.the = true; pi = pi - 1 end
    if toks[pi] and (p.place_preps[toks[pi].term]
      or (toks[pi].term == "of" and toks[pi - 1]
          and (p.compass[toks[pi - 1].term] or p.place_of[toks[pi - 1].term]))) then o.place_cue = true end
    local ni = b + 1
    if toks[ni] and toks[ni].kind == "clitic" then
      o.possessive = true; ni = ni + 1
      o.place_cue = nil   -- "in Lincoln's cabinet": the preposition governs what follows
    end
    local comma = toks[ni] and toks[ni].kind == "punct" and toks[ni].text == ","
    if comma then ni = ni + 1 end
    if toks[ni] and p.person_after[toks[ni].term] then o.person_cue = true end
    -- "Franco named his successor": a clause's first word, then a verb, then a
    -- person's pronoun, before any punctuation or other capitalized word. The word
    -- right after the name stands for the verb: a lower-case word on the same line that
    -- is no preposition or joiner ("half of his force", "Tibet - yet his team", a
    -- heading above "Lee surrendered his army", "Polyme" in quotes are no subjects)
    local verb = toks[ni]
    local subject = (firsts[a] or (toks[a - 1] and toks[a - 1].kind == "punct")) and not comma
      and verb and verb.kind == "word" and not verb.capitalized and not verb.newline
      and not verb.paragraph and not p.joiners[verb.term] and not p.particles[verb.term]
      and not p.not_names[verb.term]
    for k = ni + 1, subject and not o.possessive and b + MARGIN or 0 do
      local t = toks[k]
      if not t or t.kind == "punct" or t.capitalized then break end
      if p.person_pronouns[t.term] then o.person_cue = true; break end
    end
    -- "Iranian forces", "Confederate troops": a name before a lower-case content word
    -- is used as an adjective
    local nx = toks[b + 1]
    o.adjectival = nx ~= nil and nx.kind == "word" and not nx.capitalized and not stop[nx.term]
      and not p.joiners[nx.term]
    o.kind, o.weak = form_kind(p, words)
    if title then o.kind = "person" end
    o.sentence_start = firsts[a] or false
    occ[#occ + 1] = o
  end

  -- runs of capitalized words, with particles and joiners between them
  local run_a
  local i = 1
  while i <= n do
    local t = toks[i] or FAR
    -- "Gen. Grant", "Robert E. Lee": a title or an initial before a full stop does not
    -- end the name, even where the sentence splitter ended the sentence
    if run_a and t.kind == "punct" and t.text == "." and toks[i + 1] and toks[i + 1].capitalized
      and not toks[i + 1].newline then
      local prev = toks[i - 1]
      -- (a place's abbreviated head too: "Mont St. Quentin", "Mt. Vernon")
      if prev.text:match "^%u$" or (#prev.text <= 4 and (title_len(p, { prev.term }, 1) > 0
        or p.place_heads[prev.term .. "."])) then
        i = i + 1
        t = toks[i]
        firsts[i] = nil
      end
    end
    -- a run ends at a sentence start and at a line break (headings, lists)
    if run_a and (firsts[i] or t.newline or t.paragraph) then emit(run_a, i - 1); run_a = nil end
    -- "Shatt al-Arab", "Bashar al-Assad": a particle joined by a hyphen to a capital
    local cap = t.kind == "word" and (t.capitalized
      or (run_a ~= nil and p.particles[(t.text:match "^(%l+)%-%u") or ""] ~= nil))
    if cap then
      run_a = run_a or i
    elseif run_a and t.kind == "word" and (p.particles[t.term] or p.joiners[t.term]) then
      -- a particle or joiner stays only when a capitalized word follows
      local u = toks[i + 1]
      if not (u and u.kind == "word" and u.capitalized and not firsts[i + 1]) then
        emit(run_a, i - 1); run_a = nil
      end
    -- (not one the language also uses as a common word: "do Queequeg" is a verb's)
    elseif not run_a and t.kind == "word" and p.particles[t.term] and not stop[t.term] then
      local u = toks[i + 1]
      if u and u.kind == "word" and u.capitalized and not firsts[i + 1] then run_a = i end
    elseif run_a then
      emit(run_a, i - 1); run_a = nil
    end
    i = i + 1
  end
  if run_a then emit(run_a, n) end

  -- leave out what falls in a cleaning gap
  if gaps and #gaps > 0 then
    local kept = {}
    for _, o in ipairs(occ) do
      if not clio.in_gap(gaps, o.start, o["end"]) then kept[#kept + 1] = o end
    end
    occ = kept
  end

  -- forms: occurrences with the same folded words; kind cues summed
  local forms, order = {}, {}
  for idx, o in ipairs(occ) do
    o.idx = idx
    local f = forms[o.k]
    if not f then
      f = { k = o.k, words = o.words, n = #o.words, occ = {}, kinds = {}, place = 0, person = 0, the = 0 }
      forms[o.k] = f
      order[#order + 1] = f
    end
    f.occ[#f.occ + 1] = o
    if o.kind then f.kinds[o.kind] = (f.kinds[o.kind] or 0) + 1 end
    f.weak = o.weak
    if o.place_cue then f.place = f.place + 1 end
    if o.person_cue then f.person = f.person + 1 end
    if o.the then f.the = f.the + 1 end
  end
  local function move_all(f, g)
    for _, o in ipairs(f.occ) do g.occ[#g.occ + 1] = o; o.k = g.k end
    table.sort(g.occ, function(x, y) return x.idx < y.idx end)
    for k, v in pairs(f.kinds) do g.kinds[k] = (g.kinds[k] or 0) + v end
    g.place, g.person = g.place + f.place, g.person + f.person
    forms[f.k] = g
  end
  local function without(list, gone)
    local kept = {}
    for _, f in ipairs(list) do if not gone[f] then kept[#kept + 1] = f end end
    return kept
  end
  -- "Communist Ho Chi Minh", "Head of State Bao Dai", "Successive American": words the
  -- text also writes in lower case, before a name it uses on its own, describe that name.
  -- The name kept must be two words or more, unless the description is only a sentence's
  -- capitalized first word ("Communist Party" and "Red Army" are not descriptions).
  do
    local gone = {}
    for _, f in ipairs(order) do
      local kind = form_kind(p, f.words)
      if f.n >= 2 and kind ~= "organization" and kind ~= "place" then
        for cut = 1, f.n - 1 do
          local g = forms[table.concat(f.words, " ", cut + 1)]
          if g == f or gone[g] then g = nil end
          local described = g ~= nil and f.n - cut >= 2
          for k = 1, described and cut or 0 do
            local w = f.words[k]
            if not ((lower[w] or 0) > 0 and not p.modifiers[w] or (k > 1 and p.joiners[w])) then
              described = false; break
            end
          end
          -- a sentence's first word, never capitalized inside one, before a state's name or
          -- adjective ("Successive American administrations")
          local w1 = f.words[1]
          local opener = g ~= nil and cut == 1 and not cap_mid[w1] and not p.modifiers[w1]
            and (p.places[g.k] ~= nil or p.place_adjs[g.k] ~= nil)
          for _, o in ipairs(opener and f.occ or {}) do
            if not o.sentence_start then opener = false; break end
          end
          if described or opener then
            for _, o in ipairs(f.occ) do
              local i, seen = o.i, 0
              while seen < cut or toks[i].kind == "punct" do
                if toks[i].kind ~= "punct" then seen = seen + 1 end
                i = i + 1
              end
              o.i, o.start, o.words, o.described = i, toks[i].start, g.words, true
            end
            move_all(f, g)
            gone[f] = true
            break
          end
        end
      end
    end
    order = without(order, gone)
  end
  -- States (the profile's places.lua): every name and alias of one state is one actor,
  -- a place; its adjective before a lower-case word ("Soviet troops") mentions it.
  do
    local by_state, gone = {}, {}
    for _, f in ipairs(order) do
      local e = p.places[f.k]
      if e then
        f.state = e
        by_state[e] = by_state[e] or f
      end
    end
    for _, f in ipairs(order) do
      local e = p.place_adjs[f.k]
      -- "the Soviets", "Americans": people of a state, a group
      if not e and not f.state and p.place_adjs[f.k:match "^(.-)s$" or ""] then
        f.kinds.group = (f.kinds.group or 0) + #f.occ
        f.nationality = true
      end
      if e and not f.state then
        local adjectival, rest = {}, {}
        for _, o in ipairs(f.occ) do
          if o.adjectival and not o.title then adjectival[#adjectival + 1] = o else rest[#rest + 1] = o end
        end
        if #adjectival > 0 then
          local g = by_state[e]
          if not g then
            g = { k = key(e.name), words = {}, n = 0, occ = {}, kinds = {}, place = 0, person = 0, the = 0,
                  state = e }
            for w in g.k:gmatch "%S+" do g.n = g.n + 1; g.words[g.n] = w end
            by_state[e] = g
            order[#order + 1] = g
            forms[g.k] = forms[g.k] or g
          end
          for _, o in ipairs(adjectival) do o.adjective = true; o.k = g.k; g.occ[#g.occ + 1] = o end
          table.sort(g.occ, function(x, y) return x.idx < y.idx end)
          f.occ = rest
          if #rest == 0 then gone[f] = true end
        end
        -- "the Soviets", "an American": people of the state, a group of their own
        f.kinds.group = (f.kinds.group or 0) + #f.occ
        f.nationality = true
      end
    end
    order = without(order, gone)
  end
  -- "Lyndon Johnson" and "Lyndon B. Johnson": the same name but for an initial; the
  -- shorter joins the longer (as one form)
  do
    local by_core = {}
    local function core(f)
      local ws = {}
      for _, w in ipairs(f.words) do if #w > 1 then ws[#ws + 1] = w end end
      return #ws >= 2 and table.concat(ws, " ") or nil
    end
    for _, f in ipairs(order) do
      local c = core(f)
      if c then
        local g = by_core[c]
        if not g or f.n > g.n then by_core[c] = f end
      end
    end
    local kept = {}
    for _, f in ipairs(order) do
      local c = core(f)
      local g = c and by_core[c]
      if g and g ~= f then
        for _, o in ipairs(f.occ) do g.occ[#g.occ + 1] = o; o.k = g.k end
        table.sort(g.occ, function(x, y) return x.idx < y.idx end)
        for k, v in pairs(f.kinds) do g.kinds[k] = (g.kinds[k] or 0) + v end
        g.place, g.person = g.place + f.place, g.person + f.person
        forms[f.k] = g
      else
        kept[#kept + 1] = f
      end
    end
    order = kept
  end
  -- An adjective of a name ("Iranian" of "Iran", "Confederate" of "Confederacy",
  -- "Southern" of "South"): a one-word name used mostly before a content word, whose
  -- beginning is another one-word name of the text, is a mention of that name.
  do
    -- not a person's name: "Zapatista", "Stalinist" are followers, not the man
    local surnames = {}
    for _, f in ipairs(order) do
      if f.n >= 2 and not p.modifiers[f.words[1]] and not form_kind(p, f.words) then
        local joined = false
        for _, w in ipairs(f.words) do if p.joiners[w] then joined = true end end
        if not joined then surnames[f.words[f.n]] = true end
      end
    end
    local singles = {}
    for _, f in ipairs(order) do
      if f.n == 1 and #f.k >= 4 and not surnames[f.k] and f.kind ~= "person" and not f.occ[1].title then
        singles[#singles + 1] = f
      end
    end
    local kept = {}
    for _, f in ipairs(order) do
      local target
      -- compounds of two names ("Tehran-Baghdad", "Karbala-10") are not adjectives
      if f.n == 1 and not f.nationality and not f.state and not f.occ[1].title and not toks[f.occ[1].i].text:match "%-[%u%d]" then
        local adj = 0
        for _, o in ipairs(f.occ) do if o.adjectival then adj = adj + 1 end end
        if adj * 2 > #f.occ then
          for _, g in ipairs(singles) do
            -- the other name whole, or less its last one or two letters ("Confedera-cy")
            local k = g.k
            if g ~= f and #k < #f.k and forms[g.k] == g then
              for cut = 0, 2 do
                local stem = k:sub(1, #k - cut)
                if #stem >= 4 and f.k:sub(1, #stem) == stem and (not target or #g.k > #target.k) then
                  target = g
                  break
                end
              end
            end
          end
        end
      end
      if target then
        for _, o in ipairs(f.occ) do
          o.adjective = true
          target.occ[#target.occ + 1] = o
        end
        table.sort(target.occ, function(x, y) return x.idx < y.idx end)
        forms[f.k] = target
      else
        kept[#kept + 1] = f
      end
    end
    order = kept
  end
  local function form_kind_of(f)
    local best, bn = nil, 0
    for k, c in pairs(f.kinds) do
      if c > bn or (c == bn and k < best) then best, bn = k, c end
    end
    if best then return best end
    -- told by the words around it only: a weak cue that a surname may override
    if place_by_cues(f.place, f.person, #f.occ) then return "place", true end
    if f.person > f.place then return "person" end
    return nil
  end
  for _, f in ipairs(order) do
    f.kind, f.weak_place = form_kind_of(f)
    if f.state then f.kind, f.weak_place = "place", nil elseif f.nationality then f.kind = "group" end
  end

  -- a shorter form whose words end a longer one ("Gaulle", "de Gaulle" < "Charles de
  -- Gaulle"; "Giap" < "Vo Nguyen Giap") joins, at each occurrence, the nearest longer
  -- form used before it (else after it) — when that longer form can be a person
  -- parts: every run of whole words of a longer name that neither starts nor ends with a
  -- particle or joiner and does not cross a joiner ("de Lattre" and "Lattre" are parts of
  -- "Jean Marie de Lattre de Tassigny"; "Vietnam" is not a part of "State of Vietnam")
  local tails = {}
  for _, f in ipairs(order) do
    if f.n >= 2 then
      local w = f.words
      for a = 1, f.n do
        for b = a, f.n do
          if (a > 1 or b < f.n) and not p.joiners[w[b]] and not (p.particles[w[b]] and b == a) then
            local crosses = false
            for k = a, b do if p.joiners[w[k]] then crosses = true end end
            if a > 1 and p.joiners[w[a - 1]] then crosses = true end
            if b < f.n and p.joiners[w[b + 1]] then crosses = true end
            if not crosses and not (a == b and p.particles[w[a]]) then
              local t = table.concat(w, " ", a, b)
              local list = tails[t]
              if not list then list = {}; tails[t] = list end
              list[#list + 1] = { form = f, tail = b == f.n, a = a, b = b }
            end
          end
        end
      end
    end
  end
  table.sort(order, function(x, y)
    if x.n ~= y.n then return x.n > y.n end
    return x.occ[1].idx < y.occ[1].idx
  end)
  local clusters = {}
  for _, f in ipairs(order) do
    local cands = {}
    -- a modifier alone ("South", "Western") is no part of a name
    if (f.kind == nil or f.kind == "person" or f.weak) and not (f.n == 1 and p.modifiers[f.k]) then
      local seen = {}
      local pool = {}
      for _, part in ipairs(tails[f.k] or {}) do
        local g = part.form
        if (g.kind == nil or g.kind == "person" or g.weak_place) and not seen[g] then
          seen[g] = true
          -- the longer name's other words are names of their own in the text ("Western
          -- Germany", "Vichy France"): a modifier, maybe not a person's given name
          -- or common words ("Iran Air Flight"), or acronyms ("CSS Virginia"); a modifier
          -- ("Imperial Germany", "Eastern Poland") never has a surname
          local own, modified = false, false
          for k = 1, g.n do
            local w = g.words[k]
            if k < part.a or k > part.b then
              if not p.particles[w] and (forms[w] or lower[w] or (g.occ[1].acronym and g.occ[1].acronym[k])) then
                own = true
              end
              if p.modifiers[w] then modified = true end
            end
          end
          if not modified then pool[#pool + 1] = { form = g, tail = part.tail, own = own } end
        end
      end
      -- A surname (the last words) joins a full name whose other words are nothing
      -- else in the text ("Grant" ... "Ulysses S. Grant"); any part joins a full name
      -- used before it, unless that name's other words are names of their own ("Germany"
      -- written before "Western Germany" stays a name of its own); a part that a title
      -- makes a person's joins the one full name it can be ("General Giap").
      for _, c in ipairs(pool) do
        local before = c.form.occ[1].idx < f.occ[1].idx
        -- (a first part, as Chinese and Vietnamese family names come first, when the full
        -- name is used more than once: "Chiang" ... "Chiang Kai-shek")
        -- (one word only: "Ho Chi Minh" before "Ho Chi Minh Trail" is a name of its own)
        local head_part = not c.tail and not c.own and #c.form.occ >= 2 and f.n == 1
        if (c.tail and not c.own) or head_part or (before and (c.tail or not c.own))
          or (f.kind == "person" and #pool == 1) then
          cands[#cands + 1] = c.form
          f.tail = f.tail or c.tail
        end
      end
    end
    if #cands == 0 then
      local c = { forms = { f }, count = 0 }
      clusters[#clusters + 1] = c
      for _, o in ipairs(f.occ) do o.cluster = c end
    else
      for _, o in ipairs(f.occ) do
        local best, bd
        for _, g in ipairs(cands) do
          -- the nearest full name before the occurrence (after it only when none is
          -- before): by bisection over the form's occurrences, in text order
          local list = g.occ
          local lo, hi = 1, #list
          while lo < hi do
            local mid = (lo + hi + 1) // 2
            if list[mid].idx < o.idx then lo = mid else hi = mid - 1 end
          end
          for _, q in ipairs { list[lo], list[lo + 1] } do
            local d = q.idx < o.idx and (o.idx - q.idx) or (q.idx - o.idx) + 1e9
            if not bd or d < bd then best, bd = q, d end
          end
        end
        o.cluster = best.cluster
        o.joined = true
        o.tail = f.tail
      end
    end
  end

  -- canonical name, kind and aliases of each cluster
  local function surface(o)
    local parts = {}
    for k = o.i, o.j do
      if toks[k].kind == "punct" and #parts > 0 then parts[#parts] = parts[#parts] .. toks[k].text
      else parts[#parts + 1] = toks[k].text end
    end
    return clio.nfc(table.concat(parts, " "))
  end
  local actors = {}
  for _, o in ipairs(occ) do
    local c = o.cluster
    c.occ = c.occ or {}
    c.occ[#c.occ + 1] = o
    o.text = surface(o)
  end
  local by_id = {}
  for _, c in ipairs(clusters) do
    if c.occ then
      local head = c.forms[1]
      -- the name as most often written in its longest form (diacritics and case as in the text)
      local counts, name, bn = {}, nil, 0
      -- (not from its adjectives: "Iran", not "Iranian")
      for _, o in ipairs(head.occ) do
        if not o.adjective then counts[o.text] = (counts[o.text] or 0) + 1 end
      end
      if not next(counts) then
        for _, o in ipairs(head.occ) do counts[o.text] = (counts[o.text] or 0) + 1 end
      end
      for sname, cnt in pairs(counts) do
        if cnt > bn or (cnt == bn and sname < name) then name, bn = sname, cnt end
      end
      -- kind: a title says person; else the head form's own words; else the words
      -- around the mentions (prepositions of place against "X said", "X, who"); a
      -- surname used alone says person
      local kind
      local place, person, tail = 0, 0, false
      for _, o in ipairs(c.occ) do
        if o.title then kind = "person"; c.titled = true end
        if o.place_cue then place = place + 1 end
        if o.person_cue then person = person + 1 end
        -- (a surname, not a common word or a people's name joined: "Ruler" of "Supreme
        -- Ruler", "Indians" of "Sioux Indians" say nothing of a person)
        if o.joined and o.tail and not common(o.words[#o.words])
          and not form_kind(p, o.words) then tail = true end
      end
      kind = kind or head.kind
      if head.state and not c.titled then name = head.state.name end
      -- an acronym ("KMT", "PRC") is not a person's name
      local acronym = head.n == 1 and name:match "^[%u%.]+$" ~= nil
      if kind == "person" and acronym and not c.titled then kind = nil end
      if not kind and not acronym then
        if place_by_cues(place, person, #c.occ) then kind = "place"
        elseif person > place or (tail and head.n >= 2 and place == 0 and not head.occ[1].acronym) then
          kind = "person"
        end
      end
      local id = slug(name)
      local a = by_id[id]
      if not a then
        a = { id = id, name = name, kind = kind, aliases = {}, count = 0, first = c.occ[1].start, last = 0,
              titles = {} }
        by_id[id] = a
        actors[#actors + 1] = a
      end
      local seen = {}
      for _, al in ipairs(a.aliases) do seen[al] = true end
      for _, o in ipairs(c.occ) do
        a.count = a.count + 1
        if o.start < a.first then a.first = o.start end
        if o.start > a.last then a.last = o.start end
        if not seen[o.text] then seen[o.text] = true; a.aliases[#a.aliases + 1] = o.text end
        if o.title then a.titles[o.title] = true end
        o.actor = a
      end
    end
  end
  local mentions = {}
  for _, o in ipairs(occ) do
    local a = o.actor
    mentions[#mentions + 1] = {
      start = o.start, ["end"] = o["end"], text = o.text, id = a.id, name = a.name, kind = a.kind,
      title = o.title, possessive = o.possessive or nil,
      rule = o.adjective and "discovered+adjective" or o.joined and "discovered+surname" or "discovered",
      confidence = o.joined and 0.6 or (a.kind and 0.8 or 0.7),
    }
  end
  table.sort(actors, ordering.most_first("first"))
  return { doc = docname, mentions = mentions, actors = actors }
end

--- One corpus-wide list from per-document results: actors with the same id are one, and
--- an actor whose whole name ends exactly one other person's name in the corpus ("Giap"
--- alone in one document, "Vo Nguyen Giap" in another) joins it. Returns the actors
--- (sorted by mentions) and a map from every per-document id to the merged actor.
function M.merge(results)
  local by_id, list = {}, {}
  for _, r in ipairs(results) do
    for _, a in ipairs(r.actors) do
      local m = by_id[a.id]
      if not m then
        m = { id = a.id, name = a.name, kind = a.kind, aliases = {}, count = 0, docs = {}, seen = {} }
        by_id[a.id] = m
        list[#list + 1] = m
      end
      m.kind = m.kind or a.kind
      m.count = m.count + a.count
      m.docs[#m.docs + 1] = r.doc
      for _, al in ipairs(a.aliases) do
        if not m.seen[al] then m.seen[al] = true; m.aliases[#m.aliases + 1] = al end
      end
    end
  end
  local tails = {}
  for _, m in ipairs(list) do
    local words = {}
    for w in key(m.name):gmatch "%S+" do words[#words + 1] = w end
    m.nwords = #words
    if #words >= 2 and (m.kind == nil or m.kind == "person") then
      for s = 2, #words do
        local t = table.concat(words, " ", s)
        tails[t] = tails[t] or {}
        table.insert(tails[t], m)
      end
    end
  end
  local map, out = {}, {}
  for _, m in ipairs(list) do
    local into = tails[key(m.name)]
    if into and #into == 1 and m.kind ~= "place" and m.kind ~= "organization" and m.kind ~= "group" then
      local t = into[1]
      t.count = t.count + m.count
      for _, al in ipairs(m.aliases) do
        if not t.seen[al] then t.seen[al] = true; t.aliases[#t.aliases + 1] = al end
      end
      for _, d in ipairs(m.docs) do t.docs[#t.docs + 1] = d end
      t.kind = t.kind or "person"
      map[m.id] = t
    else
      map[m.id] = m
      out[#out + 1] = m
    end
  end
  for _, m in ipairs(out) do m.seen, m.nwords = nil, nil end
  table.sort(out, ordering.most_first("id"))
  return out, map
end

return M
