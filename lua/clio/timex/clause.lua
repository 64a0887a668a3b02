--- clio.timex.clause: where the phrase after "of" / "after" / "before" / "following"
--- ends, for the rules that take an event into a date ("three weeks after the siege of
--- Boston began"). The word classes come from the profile (`clause_words`).
local wordlists = require "clio.timex.words"

local M = {}

-- Where a phrase after "of" / "after" / "before" / "following" ends.  The
-- pattern took up to 8 words up to punctuation; TIMEX2 annotators take the
-- noun phrase ("two months of fierce battles") or, after "after"/"before", the
-- subordinate clause ("three weeks after the siege of Boston began"), but not
-- the main clause that follows a fronted phrase without a comma ("Within days of
-- his assassination | people were being interrogated", "Decades after his death |
-- his legacy ...").  Word classes, no tagger: a new determiner or a capitalized
-- name right after a noun starts a new clause; so do "then", "which", "still" ...;
-- a verb (an auxiliary, a common irregular past, "-ed" after a noun) ends an
-- "of" phrase, taking its subject noun with it ("... the Soviet Union | Stalin
-- turned"); after "after"/"before" one verb belongs to the phrase, a second
-- does not.
-- wl: { s1, w1, e1, s2, w2, e2, ... } (up to 8 words); returns where the phrase
-- ends, or nil when not even its first word belongs to it.
local function trim_clause(wl, kind, D)
  local W, lists = wordlists.sets(D, "clause_words"), D.clause_words or {}
  local function adj_like(w)
    local l = w:lower()
    for _, suf in ipairs(lists.adjective_suffixes or {}) do
      if #l > #suf + 2 and l:sub(-#suf) == suf then return true end
    end
    return false
  end
  local words = {}
  for i = 1, #wl, 3 do words[#words + 1] = { s = wl[i], w = wl[i + 1], e = wl[i + 2] } end
  local function is_number(w)
    local l = w:lower()
    return l:match "^%d" or (D.units_words or {})[l] or (D.tens_words or {})[l] or (D.vague_quantities or {})[l]
  end
  local function cls(w)
    local l = w:lower()
    if W.stop[l] then return "stop" end
    if W.determiners[l] then return "det" end
    if W.prepositions[l] then return "prep" end
    if W.pronouns[l] then return "pron" end
    if W.conjunctions[l] then return "conj" end
    if W.verbs[l] then return "verb" end
    return "content"
  end
  local function has_suffix(w, list, min)
    for _, suf in ipairs(list) do
      if #w >= min and w:sub(-#suf) == suf then return true end
    end
    return false
  end
  local function past_participle(w, min) return has_suffix(w, lists.past_suffixes or {}, min) end
  local keep, prev, verbs = 0, "start", 0
  for i, wd in ipairs(words) do
    local w = wd.w
    local c = cls(w)
    local prevw = words[i - 1] and words[i - 1].w
    if c == "content" and prev == "content" and w:match "^%l" and past_participle(w, 5) then
      c = "verb"
    elseif c == "content" and w:match "^%l" and has_suffix(w, lists.gerund_suffixes or {}, 6) then
      c = "ving"   -- a gerund takes an object: "after relieving the siege", "of pursuing Villa"
    end
    if c == "stop" then break end
    if c == "conj" then
      local nxt = words[i + 1]
      if not (prev == "content" and nxt and cls(nxt.w) == "content" and not is_number(nxt.w)) then break end
    elseif c == "pron" then
      if not (prev == "start" and kind == "sub") then break end
    elseif c == "det" then
      if prev == "content" then break end
    elseif c == "verb" then
      if kind == "of" or verbs >= 1 or (prev ~= "content" and prev ~= "pron") then
        -- the noun before the verb is its subject when it follows another noun
        if prev == "content" and i >= 3 and cls(words[i - 2].w) == "content" and not adj_like(words[i - 2].w)
           and not is_number(words[i - 1].w) then
          keep = i - 2
        elseif prev == "content" and i >= 4 and cls(words[i - 2].w) == "det" and cls(words[i - 3].w) ~= "prep" then
          keep = i - 3   -- "... began | the army moved"
        end
        break
      end
      verbs = verbs + 1
    elseif c == "ving" and prev == "content" then
      -- "-ing" after a name, before any verb: a participle of the main clause
      if verbs == 0 and prevw:match "^%u" then break end
    elseif c == "content" and prev == "content" then
      -- a name right after a lowercase noun starts the main clause ("the battle | Ludendorff told")
      if w:match "^%u" and prevw:match "^%l" then break end
    end
    keep, prev = i, c
  end
  if keep == 0 then return nil end
  return words[keep].e
end
M.trim_clause = trim_clause

return M
