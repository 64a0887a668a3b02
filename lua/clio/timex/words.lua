--- clio.timex.words: the temporal grammar's words, from a language profile.
---
--- A profile's temporal part is a Lua file returning plain data
--- (data/lang/<code>/temporal.lua): month and weekday names, units, ordinals, the
--- phrases the rules are written with ("the", "of", "later" ... as roles), and the
--- word lists of the context tests. The grammar code holds no word of any language.
---
--- Profiles are found by clio.lang (the user's clio folder, $CLIO_PATH, bundled
--- data/lang/<code>/); a stock Lua without the clio host searches the same folders.
local M = {}

local function script_dir()
  local ok, info = pcall(function() return debug.getinfo(1, "S").source end)
  if ok and type(info) == "string" and info:sub(1, 1) == "@" then
    return info:sub(2):match("^(.*)[/\\]") or "."
  end
end

-- loadfile(path) -> chunk, or nil when there is no such file; a broken file raises
-- (io and os may be missing, and reading refused outside clio's folders: --sandbox)
local function try_load(path)
  local ok, chunk, err = pcall(loadfile, path, "t", {})
  if not ok then return nil end              -- refused: a folder the sandbox closes
  if chunk then return chunk end
  if err:find "cannot open" or err:find "No such file" then return nil end
  error("clio.timex: " .. err, 0)
end

local function load_file(path, chunk)
  chunk = chunk or try_load(path)
  if not chunk then error("clio.timex: cannot open " .. path, 0) end
  local ok, data = pcall(chunk)
  if not ok then error("clio.timex: " .. path .. ": " .. tostring(data), 0) end
  if type(data) ~= "table" then error("clio.timex: " .. path .. ": a temporal profile returns a table", 0) end
  return data
end

--- candidates(code) -> the paths tried for a language code, in order
function M.candidates(code)
  local rel = "lang/" .. code .. "/temporal.lua"
  local cands = {}
  local getenv = os and os.getenv or function() return nil end
  local home = getenv "XDG_CONFIG_HOME"
  if not home or home == "" then
    local h = getenv "HOME"
    home = h and h ~= "" and h .. "/.config" or nil
  end
  if home then cands[#cands + 1] = home .. "/clio/" .. rel end
  for dir in (getenv "CLIO_PATH" or ""):gmatch "[^:]+" do cands[#cands + 1] = dir .. "/" .. rel end
  -- bundled: <root>/data/lang, three levels above lua/clio/timex/
  local dir = script_dir()
  if dir then cands[#cands + 1] = dir .. "/../../../data/" .. rel end
  for templ in (package.path or ""):gmatch "[^;]+" do
    local root = templ:match "^(.-)lua[/\\]%?%.lua$"
    if root then cands[#cands + 1] = root .. "data/" .. rel end
  end
  cands[#cands + 1] = "data/" .. rel
  return cands
end

local cache = {}

--- load(code_or_path) -> the temporal profile (a table; shared, do not modify).
--- A code ("en", "fr") or a profile folder goes through clio.lang (the profile's
--- temporal.lua); a path ending in .lua is read as the temporal file itself.
function M.load(code)
  code = code or "en"
  if cache[code] then return cache[code] end
  local data
  if code:match "%.lua$" then
    data = load_file(code)
  else
    local has_lang, lang = pcall(require, "clio.lang")
    if has_lang and type(lang) == "table" and lang.load then
      local profile = lang.load(code)      -- fails naming what is wrong
      if type(profile.temporal) ~= "table" then
        error({ exit = 1, message = "language profile '" .. code .. "' has no temporal.lua: "
          .. "the timeline needs month names and the other temporal words (see docs/timeline.md)" }, 0)
      end
      data = profile.temporal
    else
      -- without the clio host (a stock Lua): the same folders, searched here
      if not code:match "^[%w_%-]+$" then error("clio.timex: not a language code: " .. code, 0) end
      local tried = M.candidates(code)
      for _, path in ipairs(tried) do
        local chunk = try_load(path)
        if chunk then data = load_file(path, chunk) break end
      end
      if not data then
        error("clio.timex: no temporal profile for language '" .. code .. "' (tried " .. table.concat(tried, ", ") .. ")", 0)
      end
    end
  end
  cache[code] = data
  return data
end

--- merge(base, over) -> base with over's entries: tables key by key, scalars replaced
--- (how --grammar data files and timex.new{ data = ... } extend a profile)
function M.merge(base, over)
  local out = {}
  for k, v in pairs(base) do
    if type(v) == "table" then
      local t = {}
      for k2, v2 in pairs(v) do t[k2] = v2 end
      out[k] = t
    else
      out[k] = v
    end
  end
  for k, v in pairs(over or {}) do
    if type(v) == "table" and type(out[k]) == "table" then
      for k2, v2 in pairs(v) do out[k][k2] = v2 end
    else
      out[k] = v
    end
  end
  return out
end

local sets_of = setmetatable({}, { __mode = "k" })
local EMPTY = setmetatable({}, { __newindex = function() error "read-only" end })

--- sets(D, field) -> the word lists of profile table D[field] as sets (lowercase
--- words; month_as_word keeps its case: "March" the month, "march" the verb); a
--- missing list is an empty set. Built once per profile table.
function M.sets(D, field)
  local per = sets_of[D]
  if not per then per = {}; sets_of[D] = per end
  if per[field] then return per[field] end
  local s = setmetatable({}, { __index = function() return EMPTY end })
  for name, list in pairs(D[field] or {}) do
    local set = {}
    for _, w in ipairs(list) do set[name == "month_as_word" and w or w:lower()] = true end
    s[name] = set
  end
  per[field] = s
  return s
end

function M.context_sets(D) return M.sets(D, "context") end

return M
