--- clio.claims.mood: how a sentence tells a matched event. Polarity ("was never
--- expelled" is negative, "it wasn't until 1928" is not), hedging ("perhaps",
--- "allegedly"), and mood (irrealis: wished, planned, ordered: "wanted to remove"), from
--- cue words of the predicate vocabulary found before the trigger in the same clause.
local M = {}

local CLAUSE_STOP = { [";"] = true, [":"] = true, ["("] = true, [")"] = true, ["."] = true,
  ["?"] = true, ["!"] = true }

--- Does a cue (array of terms) end right before token i, within `window` tokens and the
--- clause? Returns the cue's text, its first and last token.
function M.cue_before(cues, toks, i, lo, window)
  for j = i - 1, math.max(lo, i - window), -1 do
    local t = toks[j]
    if CLAUSE_STOP[t.term] then return nil end
    for _, cue in ipairs(cues) do
      local n = #cue
      local s = j - n + 1
      if s >= lo then
        local ok = true
        for w = 1, n do
          if toks[s + w - 1].term ~= cue[w] then ok = false break end
        end
        if ok then return table.concat(cue, " "), s, j end
      end
    end
  end
end

--- Whether a negation stands within four words before token trig (same clause), not
--- followed by an exception ("not until", "not only") or "to".
function M.negated(P, toks, trig, lo)
  for j = trig - 1, math.max(lo, trig - 4), -1 do
    local term = toks[j].term
    if CLAUSE_STOP[term] or term == "," then return false end
    if term == "not" or term == "never" or term == "no" or term:match "n't$" then
      local nxt = toks[j + 1] and toks[j + 1].term
      if P.negation_exceptions[nxt] or nxt == "to" then return false end
      return true
    end
  end
  return false
end

--- The mood fields of a match starting at token i: {polarity, mood, irrealis, hedge}.
--- Only verbs are negated ("no execution" is left positive).
function M.of(P, toks, i, lo, verbal)
  local neg = verbal and M.negated(P, toks, i, lo)
  local irrealis = M.cue_before(P.irrealis, toks, i, lo, 5)
  local hedge = M.cue_before(P.hedges, toks, i, lo, 12)
  return { polarity = neg and "negative" or "positive", mood = irrealis and "irrealis" or "realis",
    irrealis = irrealis, hedge = hedge }
end

return M
