--- clio.lang: language profiles, the word lists clio needs for one language.
--
--   local lang = require "clio.lang"
--   local en = lang.load("en")            -- or a folder holding words.lua
--   en.words.stopwords                     -- a list; en:set("stopwords") a folded set
--   en.temporal                            -- the temporal grammar's lists, when present
--
-- A profile is a folder lang/<code>/ holding words.lua (docs/tokens.md lists its
-- fields) and, optionally, temporal.lua. It is looked up in the user's clio folder
-- ($XDG_CONFIG_HOME/clio or ~/.config/clio), then each $CLIO_PATH folder, then the
-- bundled data/, so a user's profile works exactly like a bundled one. A profile may
-- name `base = "en"`: it then starts from that profile and replaces the lists it gives.
local clio = require "clio"
local datapath = require "clio.datapath"

local M = {}

M.DEFAULT = "en"

-- Fields of words.lua: kind of value. "list": strings; "clitics"/"possessive": tables.
local FIELDS = {
  function_words = "list", ordinal_suffixes = "list", sentence_openers = "list",
  abbreviations = "list", stopwords = "list", conjunctions = "list", name_particles = "list",
  contractions = "list", common_endings = "list", claim_function_words = "list",
  claim_common_words = "list",
  clitics = "clitics", possessive = "possessive", base = "string", sentence_limit = "limit",
}

-- The largest sentence cap a profile may set (CLIO_SENTENCE_CAP_LIMIT in core/clio.h).
local CAP_LIMIT = 16 << 20

-- The folders a profile code is looked for in, in order (clio.datapath's search path).
local function search_dirs()
  return datapath.dirs("lang")
end

local readable = datapath.readable

--- The folder of a profile: CODE_OR_PATH itself when it is a folder holding words.lua
--- (or the folder of a words.lua given), else lang/CODE along the search path.
--- Returns nil and a message naming the places looked in.
---@param code_or_path string
---@return string|nil, string|nil
function M.find(code_or_path)
  if type(code_or_path) ~= "string" or code_or_path == "" then
    return nil, "no language given"
  end
  if code_or_path:match "words%.lua$" and readable(code_or_path) then
    return (code_or_path:match "^(.*)/[^/]*$" or ".")
  end
  if readable(code_or_path .. "/words.lua") then return code_or_path end
  local looked = {}
  if not code_or_path:find("/", 1, true) then
    for _, dir in ipairs(search_dirs()) do
      local d = dir .. "/" .. code_or_path
      if readable(d .. "/words.lua") then return d end
      looked[#looked + 1] = d
    end
  end
  return nil, ("language profile '%s' not found (looked in %s)"):format(code_or_path,
    #looked > 0 and table.concat(looked, ", ") or code_or_path)
end

local function check_list(path, name, v)
  if type(v) ~= "table" then return ("%s: %s must be a list of words"):format(path, name) end
  for i, w in ipairs(v) do
    if type(w) ~= "string" or w == "" or w:find "%s" then
      return ("%s: %s[%d] must be a word without spaces"):format(path, name, i)
    end
  end
  for k in pairs(v) do
    if math.type(k) ~= "integer" or k < 1 or k > #v then
      return ("%s: %s must be a list (found key %s)"):format(path, name, tostring(k))
    end
  end
end

-- Checks words.lua; returns a message naming the file and field, or nil.
local function validate(path, w)
  for k, v in pairs(w) do
    local kind = FIELDS[k]
    if not kind then return ("%s: unknown field '%s'"):format(path, tostring(k)) end
    local err
    if kind == "list" then
      err = check_list(path, k, v)
    elseif kind == "string" then
      if type(v) ~= "string" then err = ("%s: %s must be a string"):format(path, k) end
    elseif kind == "limit" then
      if type(v) ~= "table" then err = ("%s: %s must be a table"):format(path, k) end
      for sk, sv in pairs(type(v) == "table" and v or {}) do
        if sk ~= "tokens" and sk ~= "bytes" then
          err = ("%s: sentence_limit.%s: only tokens and bytes"):format(path, tostring(sk))
        elseif math.type(sv) ~= "integer" or sv < 1 or sv > CAP_LIMIT then
          err = ("%s: sentence_limit.%s must be a whole number from 1 to %d"):format(path, sk, CAP_LIMIT)
        end
        if err then break end
      end
    elseif type(v) ~= "table" then
      err = ("%s: %s must be a table"):format(path, k)
    elseif kind == "clitics" then
      for sk, sv in pairs(v) do
        if sk ~= "leading" and sk ~= "trailing" then
          err = ("%s: clitics.%s: only leading and trailing"):format(path, tostring(sk))
        else
          err = check_list(path, "clitics." .. sk, sv)
          for i, c in ipairs(sv) do
            local ok = sk == "leading" and c:match "^[^'’]+['’]$" or sk == "trailing" and c:match "^['’][^'’]+$"
            if not err and not ok then
              err = ("%s: clitics.%s[%d] '%s' must %s"):format(path, sk, i, c,
                sk == "leading" and "end with its apostrophe (l')" or "start with its apostrophe ('s)")
            end
          end
        end
        if err then break end
      end
    else -- possessive
      for sk, sv in pairs(v) do
        if sk == "pronouns" then
          err = check_list(path, "possessive.pronouns", sv)
        elseif sk == "suffix" then
          if type(sv) ~= "string" or not sv:match "^%a+$" then
            err = ("%s: possessive.suffix must be letters"):format(path)
          end
        else
          err = ("%s: possessive.%s: only suffix and pronouns"):format(path, tostring(sk))
        end
        if err then break end
      end
    end
    if err then return err end
  end
end

local cache = {}

local Profile = {}

-- The temporal word lists are read on first use: only the temporal grammar needs them,
-- and the file is the largest of a profile (parsing it was most of the cost of opening
-- an index for a query).
function Profile.__index(self, k)
  if k == "temporal" then
    local path = rawget(self, "temporal_path")
    if not path then return nil end
    local temporal, err = datapath.load(path)
    if not temporal then clio.fail("language profile: %s", err) end
    rawset(self, "temporal", temporal)
    return temporal
  end
  return Profile[k]
end

--- A folded set of one list of the profile (nil list: empty set), built once.
---@param kind string  "stopwords", "function_words", ... or "possessive_pronouns"
---@return table<string, true>
function Profile:set(kind)
  local sets = rawget(self, "_sets")
  if not sets then sets = {}; rawset(self, "_sets", sets) end
  if sets[kind] then return sets[kind] end
  local list
  if kind == "possessive_pronouns" then
    list = self.words.possessive and self.words.possessive.pronouns
  else
    list = self.words[kind]
  end
  local s = {}
  for _, w in ipairs(list or {}) do s[clio.fold(w)] = true end
  sets[kind] = s
  return s
end

--- Whether a word ends in one of the profile's contractions ("I'll", "We’ve", "don't"):
--- pronouns and verbs, never names. Case and the typographic apostrophe are ignored.
function Profile:contracted(word)
  if not word:find("['\226]") then return false end   -- (every contraction has one)
  local w = word:lower():gsub("\226\128\153", "'")
  for _, e in ipairs(self.words.contractions or {}) do
    if #w > #e and w:sub(-#e) == e then return true end
  end
  return false
end

--- The profile compiled for the C core (tokenizer, sentence splitter, queries): a
--- userdata that corpus, text and index functions take as their `lang` option.
--- `replace` swaps lists for this one compilation ({abbreviations = {source = text,
--- name = file}}: one per line, as clio.open's abbreviations option reads them).
---@param replace? table
function Profile:core(replace)
  local c = not replace and rawget(self, "_core")
  if c then return c end
  local w = self.words
  replace = replace or {}
  c = clio.core.lang_new({
    function_words = w.function_words,
    sentence_openers = w.sentence_openers,
    abbreviations = replace.abbreviations or w.abbreviations,
    ordinal_suffixes = w.ordinal_suffixes,
    clitics_leading = w.clitics and w.clitics.leading,
    clitics_trailing = w.clitics and w.clitics.trailing,
    possessive_suffix = w.possessive and w.possessive.suffix,
    sentence_max_tokens = w.sentence_limit and w.sentence_limit.tokens,
    sentence_max_bytes = w.sentence_limit and w.sentence_limit.bytes,
  }, self.path .. "/words.lua")
  if not next(replace) then rawset(self, "_core", c) end
  return c
end

local function load_dir(dir, seen)
  local path = dir .. "/words.lua"
  local words, err = datapath.load(path)
  if not words then return nil, err end
  err = validate(path, words)
  if err then return nil, err end
  if words.base then
    if seen[words.base] then return nil, ("%s: base '%s' loops"):format(path, words.base) end
    seen[words.base] = true
    local bdir, ferr = M.find(words.base)
    if not bdir then return nil, ("%s: %s"):format(path, ferr) end
    local base, berr = load_dir(bdir, seen)
    if not base then return nil, berr end
    local merged = {}
    for k, v in pairs(base.words) do merged[k] = v end
    for k, v in pairs(words) do merged[k] = v end
    merged.base = nil
    words = merged
    if not readable(dir .. "/temporal.lua") then return { words = words, temporal_dir = base.temporal_dir } end
  end
  return { words = words, temporal_dir = readable(dir .. "/temporal.lua") and dir or nil }
end

--- Loads a language profile by code ("en", "fr") or folder. Fails (clio.fail) with a
--- message naming the file and field when the profile is missing or malformed.
--- Loaded once per folder.
---@param code_or_path? string  default "en"
---@return table {code, path, words, temporal}
function M.load(code_or_path)
  code_or_path = code_or_path or M.DEFAULT
  local dir, err = M.find(code_or_path)
  if not dir then clio.fail("%s", err) end
  if cache[dir] then return cache[dir] end
  local r, lerr = load_dir(dir, { [code_or_path] = true })
  if not r then clio.fail("language profile: %s", lerr) end
  local p = setmetatable({   -- temporal: read on first use (Profile.__index)
    code = dir:match "([^/]+)/*$",
    path = dir,
    words = r.words,
    temporal_path = r.temporal_dir and r.temporal_dir .. "/temporal.lua" or nil,
  }, Profile)
  cache[dir] = p
  return p
end

return M
