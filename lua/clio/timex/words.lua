--- clio.timex.words: the temporal grammar's words, from a language profile.
---
--- A profile's temporal part is a Lua file returning plain data
--- (data/lang/<code>/temporal.lua): month and weekday names, units, ordinals, the
--- phrases the rules are written with ("the", "of", "later" ... as roles), and the
--- word lists of the context tests. The grammar code holds no word of any language.
---
--- Profiles are found by clio.lang (the user's clio folder, $CLIO_PATH, bundled
--- data/lang/<code>/) and read by clio.datapath's one loader.
local M = {}

local cache = {}

--- load(code_or_path) -> the temporal profile (a table; shared, do not modify).
--- A code ("en", "fr") or a profile folder goes through clio.lang (the profile's
--- temporal.lua); a path ending in .lua is read as the temporal file itself.
function M.load(code)
  code = code or "en"
  if cache[code] then return cache[code] end
  local data
  if code:match "%.lua$" then
    data = require("clio.datapath").data(code, "temporal profile")   -- fails naming the file
  else
    local profile = require("clio.lang").load(code)      -- fails naming what is wrong
    if type(profile.temporal) ~= "table" then
      error({ exit = 1, message = "language profile '" .. code .. "' has no temporal.lua: "
        .. "the timeline needs month names and the other temporal words (see docs/timeline.md)" }, 0)
    end
    data = profile.temporal
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
