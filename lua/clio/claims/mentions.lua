--- clio.claims.mentions: the named participants a document's claims can have. Mentions
--- come from an actor finder (a lexicon matcher, or discovered actors) when there is one;
--- runs of capitalized words fill in the rest. Each mention is a token range with the
--- key it is grouped by: the lexicon id, else the folded full name ("Charles de Gaulle"
--- stays "charles de gaulle", never "gaulle").
local clio = require "clio"
local timex = require "clio.timex"

local M = {}

-- never a participant, nor a content word: the language profile's claim_function_words
local FUNCTION_WORDS = require("clio.lang").load():set("claim_function_words")
M.FUNCTION_WORDS = FUNCTION_WORDS

-- a function word, or one with a contraction: "we're", "they've", "you'll"
local function function_word(term)
  return FUNCTION_WORDS[term] or FUNCTION_WORDS[term:match "^(%a+)'%a+$" or ""]
end

local CALENDAR
function M.calendar()
  if not CALENDAR then
    CALENDAR = {}
    local D = timex.bundled_data()
    for _, name in ipairs { "months", "weekdays", "seasons" } do
      for k in pairs(D[name] or {}) do CALENDAR[clio.fold((k:gsub("%.$", "")))] = true end
    end
  end
  return CALENDAR
end

-- "French-launched", "Soviet-backed", "Anti-war": a hyphenated word whose last part is
-- lower case describes, it does not name
local function hyphen_adjective(text)
  local last = text:match "%-([^%-]+)$"
  return last ~= nil and last:match "^%l" ~= nil
end

--- Fallback mentions: runs of capitalized words, not function or calendar words, not
--- hyphenated adjectives ("French-launched"). A sentence's first word that the document
--- never capitalizes inside a sentence is no name when it also appears in lower case or
--- has the form of a participle or adverb ("Repeated attacks", "Finally"); "Stalin took"
--- stays. Returns {start, end, text, name, first, last}.
---@param tokens table[] doc:tokens()
---@param sentence_first table<integer, boolean> token indices that begin a sentence
function M.capitalized_mentions(tokens, sentence_first)
  local cal = M.calendar()
  -- how the capitalized words are written elsewhere: inside a sentence, in lower case
  -- (only their terms are looked up, so only theirs are kept)
  -- (caps: the capitalized words' token numbers, in order: the only ones a run starts at)
  local lower, inner_cap, capital, caps = {}, {}, {}, {}
  for k, t in ipairs(tokens) do
    if (t.capitalized or t.allcaps) and t.kind == "word" then
      local term = t.term or ""
      capital[term] = true
      caps[#caps + 1] = k
      if not sentence_first[k] then inner_cap[term] = true end
    end
  end
  for _, t in ipairs(tokens) do
    local term = t.term or ""
    if capital[term] and not (t.capitalized or t.allcaps) and t.kind == "word" then lower[term] = true end
  end
  local function is_cap(k)
    local t = tokens[k]
    if not t or t.kind ~= "word" or not (t.capitalized or t.allcaps) then return false end
    local term = t.term or ""
    if function_word(term) or cal[term] or hyphen_adjective(t.text) then return false end
    if sentence_first[k] and not inner_cap[term]
      and (lower[term] or term:match "ed$" or term:match "ing$" or term:match "ly$") then
      return false -- a common word that opens a sentence
    end
    return true
  end
  local out, run = {}, {}
  local function flush()
    if #run > 0 then
      local a, b = tokens[run[1]], tokens[run[#run]]
      -- a lone word the document also writes in lower case is a common noun ("the
      -- Treaty", "the Army", "the South"), not a name
      if not (#run == 1 and lower[a.term or ""]) then
        local words = {}
        for k = run[1], run[#run] do words[#words + 1] = tokens[k].text end
        local name = table.concat(words, " ")
        out[#out + 1] = { start = a.start, ["end"] = b["end"], text = name, name = name,
          first = run[1], last = run[#run] }
      end
      run = {}
    end
  end
  -- a run is consecutive name words: any other token ends it, so only the capitalized
  -- words are visited, and a gap between two of them ends the run
  local next_k = 1   -- the token after the last one read
  for _, k in ipairs(caps) do
    if k >= next_k then   -- (not taken into a run over "of the")
      if k > next_k then flush() end
      if is_cap(k) then
        run[#run + 1] = k
        next_k = k + 1
        -- "Treaty of Brest-Litovsk", "Battle of the Bulge": a name goes on over "of
        -- (the)" when a capitalized word follows
        local t = tokens[next_k]
        if t and t.term == "of" then
          local q = next_k + 1
          if tokens[q] and tokens[q].term == "the" then q = q + 1 end
          if is_cap(q) then
            for j = next_k, q - 1 do run[#run + 1] = j end
            next_k = q
          end
        end
      else
        flush()
        next_k = k + 1
      end
    end
  end
  flush()
  return out
end

--- Mentions from a clio.lexicon matcher: {start, end, text, name, id, kind}.
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

-- titles before a name: part of how the text names someone, not of who it is
local TITLES = {}
for w in ([[tsar czar king queen emperor empress kaiser president general admiral marshal
  colonel major captain lieutenant commander chancellor premier minister pope sultan shah
  prince princess duke lord sir mr mrs ms dr comrade ayatollah chairman governor senator
  gen adm col lt field former generalissimo consul dictator]]):gmatch "%S+" do TITLES[w] = true end

--- The key a discovered name is grouped and matched by: the folded full name without a
--- leading article, titles and a trailing possessive ("The Soviet Union's" -> "soviet
--- union", "Tsar Nicholas II" -> "nicholas ii"; "General" alone stays "general").
local keys, nkeys = {}, 0   -- name -> key: names recur; emptied when large
function M.key(name)
  local k = keys[name]
  if k then return k end
  k = M.compute_key(name)
  if nkeys >= 100000 then keys, nkeys = {}, 0 end
  keys[name], nkeys = k, nkeys + 1
  return k
end

function M.compute_key(name)
  local f = clio.fold(name, "case compat marks punct")
  f = f:gsub("'s$", ""):gsub("'$", "")
  f = f:gsub("^the%s+", "")
  f = f:gsub("%s+", " ")
  while true do
    local first, rest = f:match "^(%S+)%.? (.+)$"
    if not first or not TITLES[first:gsub("%.$", "")] then break end
    f = rest
  end
  return f
end

--- A name's last word, folded ("Joseph Stalin" -> "stalin"): how a reference row written
--- with a surname alone finds a full name.
function M.last_word(name)
  local f = M.key(name)
  return f:match "([^%s]+)$" or f
end

--- The mentions of one document as token ranges: the finder's first, capitalized runs
--- fill the rest. Returns {list, at_first, at_last, covering} (token index -> mention).
---@param doc_tokens table[]
---@param sentence_first table<integer, boolean>
---@param found? table[] mentions from a finder, with byte offsets
---@param tok_index function byte offset -> token index
function M.document(doc_tokens, sentence_first, found, tok_index)
  local list, covered = {}, {}
  for _, m in ipairs(found or {}) do
    local a, b = tok_index(m.start), tok_index(m["end"], true)
    -- a name inside a word ("Japanese-held") is no mention of its own
    if a and b and (doc_tokens[a].start ~= m.start or doc_tokens[b]["end"] ~= m["end"]) then a = nil end
    if a and b then
      m.first, m.last = a, b
      for k = a, b do covered[k] = true end
      list[#list + 1] = m
    end
  end
  for _, m in ipairs(M.capitalized_mentions(doc_tokens, sentence_first)) do
    local free = true
    for k = m.first, m.last do if covered[k] then free = false end end
    if free then list[#list + 1] = m end
  end
  table.sort(list, function(a, b) return a.first < b.first end)
  local at_first, at_last, covering = {}, {}, {}
  for _, m in ipairs(list) do
    m.key = m.key or m.id or M.key(m.name)
    at_last[m.last] = m
    at_first[m.first] = m
    for k = m.first, m.last do covering[k] = m end
  end
  -- a shorter form joins the one full name of the document it ends, once that name has
  -- been used ("Charles de Gaulle ... de Gaulle ... Gaulle"); two full names with that
  -- ending leave it alone, and so does a name used before any full form
  local full, since = {}, {}
  for _, m in ipairs(list) do
    if not m.id then
      local key = m.key
      local pos = key:find(" ", 1, true)
      while pos do
        local suffix = key:sub(pos + 1)
        local prev = full[suffix]
        if prev == nil then full[suffix] = key; since[suffix] = m.first
        elseif prev ~= key then full[suffix] = false end
        pos = key:find(" ", pos + 1, true)
      end
    end
  end
  local first_seen = {}
  for _, m in ipairs(list) do
    if not m.id and not first_seen[m.key] then first_seen[m.key] = m.first end
  end
  for _, m in ipairs(list) do
    local f = not m.id and full[m.key]
    if f and since[m.key] < first_seen[m.key] then m.key = f end
  end
  return { list = list, at_first = at_first, at_last = at_last, covering = covering }
end

return M
