--- clio.report.searchindex: the compact token index the page searches in (KWIC, hits per
--- document, term counts, trends, collocates). Every token of every document, as its
--- surface form, numbered by frequency (the most frequent get the shortest codes) and
--- written as a string of printable ASCII variable-length codes; for the documents the
--- source view shows whole, also the byte gap before each token, so a hit maps to its
--- exact bytes. The page decodes it with the same alphabet (assets/app.js `decode`).
local M = {}

-- 90 printable ASCII characters (no '"', '\', '/' or '<', so the string needs no escaping
-- in JSON inside a <script>): codes 0..45 end a number, 46..89 carry its higher digits.
M.ALPHABET = "!#$%&'()*+,-.0123456789:;=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~"
M.TERMINAL = 46
M.CARRY = #M.ALPHABET - M.TERMINAL
assert(#M.ALPHABET == 90)

local CHARS = {}
for i = 1, #M.ALPHABET do CHARS[i - 1] = M.ALPHABET:sub(i, i) end

--- The code of a non-negative integer: higher digits (base CARRY, most significant
--- first, each a carry character) then the last digit (base TERMINAL, a terminal one).
function M.encode(v)
  local last = CHARS[v % M.TERMINAL]
  v = v // M.TERMINAL
  if v == 0 then return last end
  local digits = {}
  while v > 0 do
    table.insert(digits, 1, CHARS[M.TERMINAL + v % M.CARRY])
    v = v // M.CARRY
  end
  return table.concat(digits) .. last
end

--- The numbers a string of codes holds (the inverse of encode, for tests).
function M.decode(s)
  local out, acc = {}, 0
  for i = 1, #s do
    local c = M.ALPHABET:find(s:sub(i, i), 1, true) - 1
    if c >= M.TERMINAL then
      acc = acc * M.CARRY + (c - M.TERMINAL)
    else
      out[#out + 1] = acc * M.TERMINAL + c
      acc = 0
    end
  end
  return out
end

--- One document's part of the index (the "searchtokens" annotation layer): {terms =
--- {surface...} in first-seen order, counts = {n per term}, stream = codes of the
--- 0-based local term numbers, gaps = codes of the byte gap before each token, n =
--- tokens}.
function M.document(doc)
  local id_of, terms, counts = {}, {}, {}
  local code, gaps = {}, {}
  local prev = doc.start
  local tokens = doc:tokens()
  for i, t in ipairs(tokens) do
    local s = t.text
    local id = id_of[s]
    if not id then
      id = #terms + 1
      terms[id], id_of[s], counts[id] = s, id, 0
    end
    counts[id] = counts[id] + 1
    code[i] = M.encode(id - 1)
    gaps[i] = M.encode(t.start - prev)
    prev = t["end"]
  end
  return { terms = terms, counts = counts, stream = table.concat(code), gaps = table.concat(gaps), n = #tokens }
end

-- one code: its carry characters, then its terminal one
local function class(chars) return "[" .. chars:gsub("%W", "%%%0") .. "]" end
local CODE = class(M.ALPHABET:sub(M.TERMINAL + 1)) .. "*" .. class(M.ALPHABET:sub(1, M.TERMINAL))

--- Builds the index. docs: overview records; corpus: the clio corpus; whole: set of the
--- document indexes shown whole (their byte gaps are kept). Returns
--- {terms = {surface...}, streams = {code string per document}, gaps = {[i] = codes},
---  tokens = total}. Each document's part is a cached annotation layer ("searchtokens").
function M.build(corpus, docs, whole)
  local annotate = require "clio.annotate"
  local id_of, terms, counts = {}, {}, {}
  local parts = {}
  local total = 0
  local list = {}
  for k, d in ipairs(docs) do list[k] = corpus:doc(d.index) end
  local k = 0
  for _, layers in annotate.each(corpus, { "searchtokens" }, { docs = list }) do
    k = k + 1
    local p = layers.searchtokens
    for j, s in ipairs(p.terms) do
      local id = id_of[s]
      if not id then
        id = #terms + 1
        terms[id], id_of[s], counts[id] = s, id, 0
      end
      counts[id] = counts[id] + p.counts[j]
    end
    total = total + p.n
    parts[k] = p
  end
  -- numbered by frequency, ties by surface form, so the page is the same run after run
  local order = {}
  for i = 1, #terms do order[i] = i end
  table.sort(order, function(a, b)
    if counts[a] ~= counts[b] then return counts[a] > counts[b] end
    return terms[a] < terms[b]
  end)
  local rank, sorted = {}, {}
  for r, id in ipairs(order) do rank[id], sorted[r] = r - 1, terms[id] end
  local code = {}
  local function enc(v)
    local c = code[v]
    if not c then c = M.encode(v); code[v] = c end
    return c
  end
  local streams, gapcodes = {}, {}
  for j, p in ipairs(parts) do
    local renumber = {}   -- a local code -> the code of the term's corpus rank
    for l, s in ipairs(p.terms) do renumber[enc(l - 1)] = enc(rank[id_of[s]]) end
    streams[j] = p.stream:gsub(CODE, renumber)
    if whole[docs[j].index] then gapcodes[j] = p.gaps end
  end
  return { terms = sorted, streams = streams, gaps = gapcodes, tokens = total }
end

return M
