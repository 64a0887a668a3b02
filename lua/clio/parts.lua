--- clio.parts: a corpus cut into N parts for work spread over processes or machines.
---
---   local parts = require "clio.parts"
---   local k, n = parts.parse("2/8")                -- part 2 of 8 (parts count from 0)
---   for _, doc in ipairs(parts.docs(corpus, k, n)) do ... end
---
--- The cut is by document, contiguous and balanced by bytes: a document belongs to the
--- part in which its middle byte falls, counting the corpus's bytes in document order.
--- It depends on nothing but the documents and their sizes, so every process that
--- opens the same corpus the same way agrees on it without talking to the others, and
--- the parts, read in order, are the corpus in order.
local M = {}

--- parse("K/N") -> k, n (0 <= k < n), or nil and a message.
function M.parse(spec)
  local k, n = tostring(spec):match "^(%d+)/(%d+)$"
  k, n = tonumber(k), tonumber(n)
  if not k or not n or n < 1 or k >= n then
    return nil, string.format("--part wants K/N with 0 <= K < N (part K of N, counted from 0), not '%s'", tostring(spec))
  end
  return k, n
end

--- part_of(corpus, n) -> array: the part (0-based) of each document, by document index.
function M.part_of(corpus, n)
  local total = 0
  for d in corpus:docs() do total = total + d.size end
  local out, before = {}, 0
  for d in corpus:docs() do
    local k = 0
    if total > 0 then k = math.floor(n * (before + d.size / 2) / total) end
    if k >= n then k = n - 1 end
    out[d.index] = k
    before = before + d.size
  end
  return out
end

--- docs(corpus, k, n) -> array of the documents of part k, in corpus order.
function M.docs(corpus, k, n)
  local of, list = M.part_of(corpus, n), {}
  for d in corpus:docs() do
    if of[d.index] == k then list[#list + 1] = d end
  end
  return list
end

return M
