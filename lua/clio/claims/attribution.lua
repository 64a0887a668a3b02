--- clio.claims.attribution: who a text says told a claim: "Trotsky claimed that ...",
--- "it was set by Lenin ... that", "according to X". Returns the teller's name or nil.
local mood = require "clio.claims.mood"

local M = {}

--- The attribution of a claim whose match starts at token i in sentence S (a
--- clio.claims.participants sentence); subject is the claim's subject mention.
function M.of(S, i, subject)
  local P, toks, lo = S.P, S.toks, S.lo
  for j = i - 1, lo, -1 do
    if P.attribution_verbs[toks[j].term] then
      local who
      for q = j - 1, math.max(lo, j - 3), -1 do
        if S.at_last[q] then who = S.at_last[q] break end
        local r = S:resolve(q)
        if r then who = r break end
      end
      for q = j + 1, math.min(i - 1, j + 3) do
        if not who and S.at_first[q] and toks[q - 1].term == "by" then who = S.at_first[q] end
      end
      if who and (not subject or who ~= subject or toks[j + 1].term == "that") then
        return who.name
      end
    end
  end
  local acc, _, cend = mood.cue_before(P.attribution_preps, toks, i, lo, 40)
  if acc then
    local m = S.at_first[cend + 1]
    if m then return m.name end
  end
  return nil
end

return M
