--- clio.lexicon: who is who. Loads lexicon files (Lua data, see docs/lexicons.md),
--- checks them, merges several, and compiles every alias into one LPeg pattern (a trie)
--- that finds mentions in a text in one pass.
--
--   local lexicon = require "clio.lexicon"
--   local lex = lexicon.load_all { "data/lexicons/soviet-power-struggle.lua" }
--   local m = lexicon.matcher(lex, { fuzzy = true, pronouns = false })
--   for _, hit in ipairs(m:scan(text, base)) do ... end
--
-- A hit: { start, ["end"], text, entity (the entity table), alias (the alias table or
-- nil), kind, rule, confidence } — offsets 0-based, end exclusive, `base` added.
-- rule is one of: alias, alias+possessive, folded (diacritics or spelling differ),
-- fuzzy, citation, pronoun.
local lpeg = require "lpeg"
local clio = require "clio"

local P, S, R, C, Cp, Cc, Ct = lpeg.P, lpeg.S, lpeg.R, lpeg.C, lpeg.Cp, lpeg.Cc, lpeg.Ct

local M = {}

---------------------------------------------------------------------------
-- loading and checking

local KINDS = { person = true, group = true, organization = true, source = true, place = true }

local date_ok
local function date_form_ok(v)
  return v == nil or (type(v) == "string" and v:match "^%-?%d%d%d%d$" ~= nil)
    or (type(v) == "string" and (v:match "^%-?%d%d%d%d%-%d%d$" or v:match "^%-?%d%d%d%d%-%d%d%-%d%d$") ~= nil)
end

-- a date as written and a real day ("1925-13" and "1925-02-30" are refused)
function date_ok(v)
  if not date_form_ok(v) then return false end
  if v == nil then return true end
  local m, d = v:match "^%-?%d%d%d%d%-(%d%d)%-?(%d*)$"
  if m and (tonumber(m) < 1 or tonumber(m) > 12) then return false end
  if d and d ~= "" and (tonumber(d) < 1 or tonumber(d) > 31) then return false end
  return M.day(v, "from") ~= nil
end

--- A date of a lexicon ("YYYY", "YYYY-MM", "YYYY-MM-DD") as days since 1970-01-01:
--- the first day of it (edge "from") or the day after its last day (edge "to").
function M.day(v, edge)
  if v == nil then return nil end
  local timeline = require "clio.timeline"
  local lo, hi = timeline.interval(v)
  if not lo then return nil end
  return edge == "to" and hi or lo
end

local function fail(where, fmt, ...)
  clio.fail("%s: %s", where, fmt:format(...))
end

-- The keys each part of a lexicon may have; anything else is a typo to refuse.
local KEYS = {
  lexicon = { "name", "sources", "factions", "entities", "groups", "ignore", "actions", "note", "period" },
  faction = { "id", "label", "colour", "color", "from", "to", "source", "note", "members" },
  entity = { "id", "name", "kind", "gender", "aliases", "words", "memberships", "faction", "source", "note",
             "born", "died", "mentioned" },
  alias = { "from", "to", "confidence", "note" },
  membership = { "faction", "from", "to", "source", "note" },
}

--- The nearest of the known words to w (edit distance at most 3, or a prefix), or nil.
function M.nearest(w, known)
  local best, bd
  for _, k in ipairs(known) do
    local d = M.distance(w:lower(), k:lower(), 3)
    if k:sub(1, #w) == w or w:sub(1, #k) == k then d = math.min(d, 2) end
    if d <= 3 and (not bd or d < bd) then best, bd = k, d end
  end
  return best
end

-- The line of the first `key =` (or the quoted text) at or after byte `from` in src.
local function line_of(src, needle, from, is_key)
  if not src then return nil end
  local s
  if is_key then
    s = src:find("%f[%w_]" .. needle:gsub("%p", "%%%0") .. "%s*=", from or 1)
  else
    s = src:find(needle, from or 1, true)
  end
  if not s then return nil end
  local n = 1
  for _ in src:sub(1, s):gmatch "\n" do n = n + 1 end
  return n, s
end

-- Where a part of a lexicon starts in its source: the byte of `id = "X"` (or 1).
local function anchor(src, id)
  if not src or not id then return 1 end
  local q = id:gsub("%p", "%%%0")
  return src:find("id%s*=%s*[\"']" .. q .. "[\"']") or 1
end

-- Refuses keys not in KEYS[what], naming file, line and the nearest known key.
local function check_keys(t, what, path, src, from, label)
  for k in pairs(t) do
    if type(k) == "string" then
      local ok = false
      for _, known in ipairs(KEYS[what]) do if k == known then ok = true break end end
      if not ok then
        local line = line_of(src, k, from, true)
        local near = M.nearest(k, KEYS[what])
        clio.fail("%s:%s: %s: unknown key '%s'%s (known: %s)", path, line or "?", label, k,
          near and (" — did you mean '" .. near .. "'?") or "", table.concat(KEYS[what], ", "))
      end
    end
  end
end

-- Normalizes one membership: {faction, from, to, source} positional or named.
local function membership(m, where, factions)
  if type(m) == "string" then m = { m } end
  if type(m) ~= "table" then fail(where, "a membership is a table {faction, from=, to=, source=}") end
  local r = {
    faction = m.faction or m[1], from = m.from or m[2], to = m.to or m[3],
    source = m.source or m[4], note = m.note,
  }
  if type(r.faction) ~= "string" then fail(where, "a membership needs a faction id") end
  if factions and not factions[r.faction] then
    local ids = {}
    for id in pairs(factions) do ids[#ids + 1] = id end
    table.sort(ids)
    local near = M.nearest(r.faction, ids)
    fail(where, "unknown faction '%s'%s (factions: %s)", r.faction,
      near and (" — did you mean '" .. near .. "'?") or "", table.concat(ids, ", "))
  end
  if not date_ok(r.from) or not date_ok(r.to) then
    fail(where, "membership of '%s': dates are YYYY, YYYY-MM or YYYY-MM-DD", r.faction)
  end
  r.lo, r.hi = M.day(r.from, "from"), M.day(r.to, "to")
  if r.lo and r.hi and r.lo >= r.hi then
    fail(where, "membership of '%s': from %s is after to %s", r.faction, r.from, r.to)
  end
  return r
end

local function alias(a, where)
  if type(a) == "string" then a = { a } end
  if type(a) ~= "table" or type(a[1]) ~= "string" or a[1] == "" then
    fail(where, "an alias is a string or a table { \"text\", from=, to=, confidence= }")
  end
  if not date_ok(a.from) or not date_ok(a.to) then fail(where, "alias '%s': dates are YYYY, YYYY-MM or YYYY-MM-DD", a[1]) end
  local lo, hi = M.day(a.from, "from"), M.day(a.to, "to")
  if lo and hi and lo >= hi then fail(where, "alias '%s': from %s is after to %s", a[1], a.from, a.to) end
  return {
    text = a[1], from = a.from, to = a.to, confidence = a.confidence,
    lo = M.day(a.from, "from"), hi = M.day(a.to, "to"), note = a.note,
  }
end

-- A lexicon is data, not a program: only pure functions are in reach (no io, os, require).
local function sandbox_load(path)
  local env = { ipairs = ipairs, pairs = pairs, type = type, tostring = tostring, tonumber = tonumber,
                select = select, string = string, math = math,
                table = { insert = table.insert, concat = table.concat, sort = table.sort, unpack = table.unpack } }
  return require("clio.datapath").data(path, "lexicon", env)
end

--- Where a lexicon lives: a file path, or a NAME looked up along the data search path
--- (clio.datapath: user folder, $CLIO_PATH, bundled data/lexicons/). Stops with the
--- places looked in when there is none.
function M.resolve(name)
  return require("clio.datapath").require("lexicons", name)
end

--- Loads and merges lexicon files into one lexicon:
--- { name, factions = {id -> faction}, faction_order = {ids}, entities = {id -> entity},
---   entity_order = {ids}, sources = {key -> text}, ignore = {folded -> true},
---   actions = {...} }
--- An entity that appears in two files (same id) gets the aliases and memberships of both.
function M.load_all(paths)
  local lex = { names = {}, factions = {}, faction_order = {}, entities = {}, entity_order = {},
                sources = {}, ignore = {}, actions = nil, files = {} }
  local datas = {}
  for _, name in ipairs(paths) do
    local path = M.resolve(name)
    local data, src = sandbox_load(path)
    check_keys(data, "lexicon", path, src, 1, "lexicon")
    datas[#datas + 1] = { path = path, data = data, src = src }
    lex.files[#lex.files + 1] = path
    lex.names[#lex.names + 1] = data.name or path
    for k, v in pairs(data.sources or {}) do lex.sources[k] = v end
    for i, f in ipairs(data.factions or {}) do
      local at = anchor(src, type(f) == "table" and f.id)
      local where = ("%s:%s: faction %s"):format(path, line_of(src, "id", at, true) or "?",
        type(f) == "table" and f.id or ("#" .. i))
      if type(f) ~= "table" or type(f.id) ~= "string" then fail(where, "a faction needs an id") end
      check_keys(f, "faction", path, src, at, "faction " .. f.id)
      if not date_ok(f.from) or not date_ok(f.to) then fail(where, "dates are YYYY, YYYY-MM or YYYY-MM-DD") end
      local lo, hi = M.day(f.from, "from"), M.day(f.to, "to")
      if lo and hi and lo >= hi then fail(where, "from %s is after to %s", f.from, f.to) end
      if not lex.factions[f.id] then lex.faction_order[#lex.faction_order + 1] = f.id end
      lex.factions[f.id] = {
        id = f.id, label = f.label or f.id, colour = f.colour or f.color, from = f.from, to = f.to,
        source = f.source, note = f.note, members = f.members,
      }
    end
    for _, w in ipairs(data.ignore or {}) do lex.ignore[clio.fold(w)] = true end
    if data.actions then lex.actions = data.actions end
  end
  for _, d in ipairs(datas) do
    local path, data, src = d.path, d.data, d.src
    local lists = { { data.entities or {}, nil }, { data.groups or {}, "group" } }
    for _, pair in ipairs(lists) do
      for i, e in ipairs(pair[1]) do
        local at = anchor(src, type(e) == "table" and e.id)
        local where = ("%s:%s: entity %s"):format(path, line_of(src, "id", at, true) or "?",
          type(e) == "table" and e.id or ("#" .. i))
        if type(e) ~= "table" or type(e.id) ~= "string" then fail(where, "an entity needs an id") end
        check_keys(e, "entity", path, src, at, "entity " .. e.id)
        for _, a in ipairs(e.aliases or e.words or {}) do
          if type(a) == "table" then check_keys(a, "alias", path, src, at, "entity " .. e.id .. ", alias") end
        end
        for _, m in ipairs(e.memberships or {}) do
          if type(m) == "table" then check_keys(m, "membership", path, src, at, "entity " .. e.id .. ", membership") end
        end
        if e.mentioned ~= nil and (type(e.mentioned) ~= "table" or not date_ok(e.mentioned[1])
          or not date_ok(e.mentioned[2])) then
          fail(where, "mentioned is { \"FIRST\", \"LAST\" } (dates YYYY, YYYY-MM or YYYY-MM-DD)")
        end
        local kind = e.kind or pair[2] or "person"
        if not KINDS[kind] then fail(where, "unknown kind '%s' (person, group, organization, source, place)", kind) end
        local ent = lex.entities[e.id]
        if not ent then
          ent = { id = e.id, name = e.name or e.id, kind = kind, gender = e.gender, aliases = {},
                  memberships = {}, note = e.note, born = e.born, died = e.died, mentioned = e.mentioned }
          lex.entities[e.id] = ent
          lex.entity_order[#lex.entity_order + 1] = e.id
        end
        local list = e.aliases or e.words or {}
        if e.name and #list == 0 then list = { e.name } end
        for _, a in ipairs(list) do
          local al = alias(a, where)
          al.entity = ent
          ent.aliases[#ent.aliases + 1] = al
        end
        local ms = e.memberships or {}
        if e.faction then ms = { { e.faction, source = e.source } } end
        for _, m in ipairs(ms) do
          ent.memberships[#ent.memberships + 1] = membership(m, where, lex.factions)
        end
      end
    end
  end
  return lex
end

--- The period a lexicon covers: the earliest and latest dates of its factions,
--- memberships and dated aliases, as { from, to, lo, hi } (strings as written, days),
--- or nil when it has no dates.
function M.period(lex)
  local from, to, lo, hi
  local function see(f, t)
    local l, h = M.day(f, "from"), M.day(t, "to")
    if l and (not lo or l < lo) then lo, from = l, f end
    if h and (not hi or h > hi) then hi, to = h, t end
  end
  for _, id in ipairs(lex.faction_order or {}) do
    local f = lex.factions[id]
    see(f.from, f.to)
  end
  for _, id in ipairs(lex.entity_order or {}) do
    local e = lex.entities[id]
    for _, m in ipairs(e.memberships or {}) do see(m.from, m.to) end
    for _, a in ipairs(e.aliases or {}) do see(a.from, a.to) end
  end
  if not lo and not hi then return nil end
  return { from = from, to = to, lo = lo, hi = hi }
end

---------------------------------------------------------------------------
-- the matcher

local textpat = require "clio.textpat"
local ws, apos, wchar = textpat.ws, textpat.quote_apos, textpat.wchar
local word = wchar ^ 1
M.patterns = { ws = ws, wchar = wchar, word = word, apos = apos }

-- possessive after a name: ’s 's ?s (a scraper's apostrophe), s’ s' and bare s
local poss = (apos + P "?") * S "sS" * -wchar + S "sS" * (apos + -wchar)

-- Units of an alias: each is a pattern key (a string) that the trie groups on.
-- "U" + ch: that capital only; "c" + ch: the letter in either case; "b" + byte:
-- the byte itself; " " a word gap; "'" an apostrophe of any kind.
local function units(text)
  local out = {}
  local at_word_start = true
  for ch in text:gmatch "[\1-\127\194-\244][\128-\191]*" do
    if ch:match "^%s$" then
      if out[#out] ~= " " then out[#out + 1] = " " end
      at_word_start = true
    elseif ch == "'" or ch == "’" or ch == "‘" then
      out[#out + 1] = "'"
      at_word_start = false
    elseif #ch == 1 and ch:match "%a" then
      if at_word_start and ch:match "%u" then out[#out + 1] = "U" .. ch
      else out[#out + 1] = "c" .. ch:lower() end
      at_word_start = false
    else
      for i = 1, #ch do out[#out + 1] = "b" .. ch:sub(i, i) end
      at_word_start = not ch:match "^[%w\128-\255]"
    end
  end
  return out
end

local function unit_pattern(u)
  if u == " " then return ws end
  if u == "'" then return apos end
  local t, ch = u:sub(1, 1), u:sub(2)
  if t == "U" then return P(ch) end
  if t == "c" then return S(ch .. ch:upper()) end
  if ch == "-" then return textpat.hyphen end
  return P(ch)
end

-- entries: { units = {...}, idx = n, wordy = bool (last unit is a letter) }
local function trie(entries, depth)
  local term
  local groups, order = {}, {}
  for _, en in ipairs(entries) do
    if #en.units == depth then
      term = term or en
    else
      local u = en.units[depth + 1]
      if not groups[u] then groups[u] = {}; order[#order + 1] = u end
      table.insert(groups[u], en)
    end
  end
  table.sort(order)
  local p = P(false)
  for _, u in ipairs(order) do p = p + unit_pattern(u) * trie(groups[u], depth + 1) end
  if term then
    local t = Cc(term.idx) * Cp()
    if term.wordy then t = t * (#poss * Cc(true) + -wchar * Cc(false)) else t = t * Cc(false) end
    p = p + t
  end
  return p
end

-- the forms an alias is matched in: as written (NFC) and without diacritics
local function forms(text)
  local nfc = clio.nfc(text)
  local plain = clio.fold(nfc, "compat marks punct")
  if plain ~= nfc then return { nfc, plain } end
  return { nfc }
end

local MONTHS = {}
for m in ("january february march april may june july august september october november december "
  .. "jan feb mar apr jun jul aug sep sept oct nov dec spring summer autumn fall winter"):gmatch "%a+" do
  MONTHS[m] = true
end

local function is_citation(inner)
  -- parts separated by commas or semicolons; each a name, a page, a year or a web address
  if #inner > 160 or not inner:match "^%s*%u" then return nil end
  -- an enumeration ("Tennessee, Arkansas, and Virginia") is not a citation
  if inner:match ",%s*and%s" or inner:match ",%s*or%s" then return nil end
  local names, others, parts = {}, 0, 0
  for part in (inner .. ","):gmatch "%s*([^,;]-)%s*[,;]" do
    parts = parts + 1
    if part == "" then return nil end
    if part:match "^%d[%d%-–—]*%a?$" or part:match "^[Pp][Pp]?%.%s*%d" or part:match "^[Pp]age%s+%d"
      or part:match "^[Pp]%s+%d" or part:match "^ch%.%s*%d" or part:match "^vol%.%s*%d" then
      others = others + 1
    elseif part:match "^%S+%.%a%a+%S*$" or part:match "^https?:" or part:match "^www%." then
      others = others + 1
    elseif MONTHS[(part:match "^%a+" or ""):lower()] then
      return nil   -- "(August-September 1950)" is a date
    else
      -- "Boldyrev and Vladimir Zenzinov": people listed, not authors cited
      if part:find " and " and not part:match "%d" then return nil end
      local n_words, numeric_tail = 0, false
      for w in part:gmatch "%S+" do
        n_words = n_words + 1
        if w:match "^%d[%d%-–—]*[%a%.]?$" then
          numeric_tail = true
        elseif numeric_tail then
          return nil
        elseif not (w:match "^[%u\195-\223]" or w == "&" or w == "and" or w == "et" or w == "al."
          or require("clio.lang").load():set("name_particles")[w] or w == "eds." or w == "ed.") then
          return nil
        end
      end
      if n_words > 6 then return nil end
      if numeric_tail then others = others + 1 end
      names[#names + 1] = (part:gsub("%s+%d[%d%-–—]*[%a%.]?$", ""))
    end
  end
  if #names == 0 then return nil end
  if others == 0 and parts < 2 and not inner:find("&", 1, true) and not inner:find(" et al", 1, true) then
    return nil
  end
  return names
end
M.is_citation = is_citation

local function slug(s)
  return (clio.fold(s, "case compat marks punct"):gsub("[^%w\128-\255]+", "-"):gsub("^%-+", ""):gsub("%-+$", ""))
end

-- Damerau–Levenshtein distance with a cap (returns cap + 1 when above it)
local function distance(a, b, cap)
  local la, lb = #a, #b
  if math.abs(la - lb) > cap then return cap + 1 end
  local prev2, prev, cur = {}, {}, {}
  for j = 0, lb do prev[j] = j end
  for i = 1, la do
    cur = { [0] = i }
    local best = i
    local ai = a:byte(i)
    for j = 1, lb do
      local cost = (ai == b:byte(j)) and 0 or 1
      local v = math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
      if i > 1 and j > 1 and ai == b:byte(j - 1) and a:byte(i - 1) == b:byte(j) then
        v = math.min(v, prev2[j - 2] + 1)
      end
      cur[j] = v
      if v < best then best = v end
    end
    if best > cap then return cap + 1 end
    prev2, prev = prev, cur
  end
  return prev[lb]
end
M.distance = distance

local PRONOUNS = { he = "m", his = "m", him = "m", himself = "m", she = "f", her = "f", hers = "f",
                   herself = "f" }

local STOP = {}
--- The stop words of a language profile (folded; default "en"): never a fuzzy match.
---@param lang? string
function M.stopwords(lang)
  lang = lang or require("clio.lang").DEFAULT
  if not STOP[lang] then
    local set = {}
    for _, w in ipairs(require("clio.lang").load(lang).words.stopwords or {}) do
      set[clio.fold(w, "case compat marks punct")] = true
    end
    STOP[lang] = set
  end
  return STOP[lang]
end

local Matcher = {}
Matcher.__index = Matcher

--- Compiles a lexicon. opts: fuzzy (default true), pronouns (default false),
--- citations (default true).
function M.matcher(lex, opts)
  opts = opts or {}
  local self = setmetatable({ lex = lex, aliases = {}, fuzzy = opts.fuzzy ~= false,
    pronouns = opts.pronouns == true, citations = opts.citations ~= false,
    folded = {}, fuzzy_targets = {}, fuzzy_cache = {}, sources = {} }, Matcher)
  local entries = {}
  local prefixes = {}
  for _, id in ipairs(lex.entity_order) do
    local ent = lex.entities[id]
    for _, al in ipairs(ent.aliases) do
      self.aliases[#self.aliases + 1] = al
      local idx = #self.aliases
      for _, form in ipairs(forms(al.text)) do
        local us = units(form)
        local last = us[#us]
        entries[#entries + 1] = { units = us, idx = idx,
          wordy = last:sub(1, 1) == "U" or last:sub(1, 1) == "c" or (last:sub(1, 1) == "b" and last:byte(2) >= 128)
            or (last:sub(1, 1) == "b" and last:sub(2):match "%w" ~= nil) }
      end
      local key = clio.fold(al.text, "case compat marks punct")
      if self.folded[key] == nil then self.folded[key] = al end
      if ent.kind == "source" then self.sources[key] = ent end
      -- fuzzy targets: capitalized one-word aliases of people and groups, 5+ letters
      if (ent.kind == "person" or ent.kind == "group") and not al.text:find "[%s%.']"
        and al.text:match "^%u%l" and #al.text >= 5 then
        local t = { key = key, alias = al }
        self.fuzzy_targets[#self.fuzzy_targets + 1] = t
        prefixes[al.text:sub(1, 2)] = true
      end
    end
  end
  -- one byte test rejects a word that no alias can start
  local firsts = {}
  for _, en in ipairs(entries) do
    local u = en.units[1]
    local t, ch = u:sub(1, 1), u:sub(2)
    if t == "c" then firsts[ch] = true; firsts[ch:upper()] = true
    elseif t == "U" or t == "b" then firsts[ch] = true end
  end
  local first_set = {}
  for ch in pairs(firsts) do first_set[#first_set + 1] = ch end
  table.sort(first_set)
  local mention = #S(table.concat(first_set)) * Cp() * trie(entries, 0)
  local items = mention
  if self.citations then
    local cite = #P "(" * Cp() * Cc("c") * P "(" * C((1 - S "()\n") ^ 1) * P ")" * Cp()
    local folded = self.folded
    local checked = lpeg.Cmt(cite, function(_, i, s, tag, inner, e)
      local names = is_citation(inner)
      if not names then return false end
      -- people of the story named in brackets are not a citation
      for _, name in ipairs(names) do
        local al = folded[M.key(name)]
        if al and al.entity.kind ~= "source" then return false end
      end
      return i, s, tag, inner, e
    end)
    items = items + checked
  end
  if self.pronouns then
    local pron = P(false)
    for w in pairs(PRONOUNS) do pron = pron + (P(w) + P(w:sub(1, 1):upper() .. w:sub(2))) * -wchar end
    items = items + Cp() * Cc("p") * C(pron)
  end
  -- plain ASCII words that no rule wants are skipped whole, at once
  local after_fuzzy = R("az", "AZ", "09") ^ 1 * -wchar
  -- words with letters beyond ASCII that the trie missed: looked up folded
  local uword = Cp() * Cc("u") * C(word)
  if self.fuzzy and next(prefixes) then
    local pre = P(false)
    local list = {}
    for k in pairs(prefixes) do list[#list + 1] = k end
    table.sort(list)
    for _, k in ipairs(list) do pre = pre + P(k:sub(1, 1)) * S(k:sub(2, 2) .. k:sub(2, 2):upper()) end
    items = items + -lpeg.B(S "-") * Cp() * Cc("f") * C(pre * R("az", "AZ") ^ 2) * -wchar
  end
  -- ASCII bytes between words, as one charset (fast); other bytes one at a time
  local between = {}
  for b = 0, 127 do
    local ch = string.char(b)
    if not ch:match "[%w(]" then between[#between + 1] = ch end
  end
  local skip = S(table.concat(between)) ^ 1 + P(1)
  self.pattern = Ct((items + after_fuzzy + uword + skip) ^ 0)
  self.nentries = #entries
  return self
end

function Matcher:_fuzzy(w)
  local c = self.fuzzy_cache[w]
  if c ~= nil then return c end
  local key = clio.fold(w, "case compat marks punct")
  local result = false
  if not self.lex.ignore[key] and not self.folded[key] and not M.stopwords()[key] and #key >= 4 then
    local best, bestd, tie = nil, 99, false
    for _, t in ipairs(self.fuzzy_targets) do
      if t.key:sub(1, 2) == key:sub(1, 2) then
        local cap = #t.key >= 6 and 2 or 1
        local d = distance(key, t.key, cap)
        if d <= cap and d > 0 then
          if d < bestd then best, bestd, tie = t, d, false
          elseif d == bestd and t.alias.entity ~= best.alias.entity then tie = true end
        end
      end
    end
    if best and not tie then result = { alias = best.alias, distance = bestd } end
  end
  self.fuzzy_cache[w] = result
  return result
end

local function hit(text, base, s, e, al, rule, conf)
  return { start = base + s - 1, ["end"] = base + e - 1, text = text:sub(s, e - 1), entity = al.entity,
           kind = al.entity.kind, alias = al, rule = rule, confidence = conf }
end

--- Finds mentions in text (a whole document or a piece; offsets get `base` added).
--- Returns hits in text order.
function Matcher:scan(text, base)
  base = base or 0
  local caps = lpeg.match(self.pattern, text)
  local out = {}
  local i, n = 1, #caps
  while i <= n do
    local s, tag = caps[i], caps[i + 1]
    if type(tag) == "number" then
      local al, e, possessive = self.aliases[tag], caps[i + 2], caps[i + 3]
      out[#out + 1] = hit(text, base, s, e, al, possessive and "alias+possessive" or "alias",
        al.confidence or 1.0)
      i = i + 4
    elseif tag == "c" then
      local inner, e = caps[i + 2], caps[i + 3]
      local names = is_citation(inner)
      local first = names[1]
      -- the first cited name the lexicon knows as a source (whole, or its first word)
      local ent
      for _, name in ipairs(names) do
        ent = self.sources[M.key(name)] or self.sources[M.key(name:match "^%S+")]
        if ent then break end
      end
      if not ent then
        ent = { id = "source:" .. slug(first), name = first, kind = "source", memberships = {}, aliases = {} }
      end
      out[#out + 1] = { start = base + s - 1, ["end"] = base + e - 1, text = text:sub(s, e - 1),
        entity = ent, kind = "source", rule = "citation", confidence = 0.9, cited = names }
      i = i + 4
    elseif tag == "p" then
      local w = caps[i + 2]
      out[#out + 1] = { start = base + s - 1, ["end"] = base + s - 1 + #w, text = w, pronoun = w:lower(),
        gender = PRONOUNS[w:lower()], rule = "pronoun" }
      i = i + 3
    elseif tag == "u" then
      local w = caps[i + 2]
      local key = clio.fold(w, "case compat marks punct")
      local al = self.folded[key]
      local rule = "folded"
      if not al and key:match "s$" then al = self.folded[key:sub(1, -2)]; rule = "folded+possessive" end
      if al then out[#out + 1] = hit(text, base, s, s + #w, al, rule, (al.confidence or 1.0) * 0.95) end
      i = i + 3
    elseif tag == "f" then
      local w = caps[i + 2]
      local f = self:_fuzzy(w)
      if f then
        local h = hit(text, base, s, s + #w, f.alias, "fuzzy", (f.alias.confidence or 1.0) * (0.9 - 0.2 * f.distance))
        h.distance = f.distance
        out[#out + 1] = h
      end
      i = i + 3
    else
      error("lexicon: unexpected capture " .. tostring(tag))
    end
  end
  return out
end

--- The alias key of a name as the matcher folds it (case, diacritics, apostrophes).
function M.key(s) return clio.fold(s, "case compat marks punct") end

return M
