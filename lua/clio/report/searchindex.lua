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

-- codes of the numbers seen so far: a document's term numbers and byte gaps repeat
local code_of = setmetatable({}, { __index = function(t, v)
  local c = M.encode(v)
  if v < 65536 then t[v] = c end
  return c
end })

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
    code[i] = code_of[id - 1]
    gaps[i] = code_of[t.start - prev]
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
---  tokens = total, parts = the layers}. Each document's part is a cached annotation layer ("searchtokens"),
--- read from store (clio.annotate.store: --annotations) when given, else the cache.
--- skip: a set of document indexes left out of the search (empty parts).
function M.build(corpus, docs, whole, store, skip)
  local annotate = require "clio.annotate"
  local id_of, terms, counts = {}, {}, {}
  local parts = {}
  local total = 0
  local list = {}
  -- documents in skip (a set of indexes) get an empty part: the search does not reach them
  for _, d in ipairs(docs) do
    if not (skip and skip[d.index]) then list[#list + 1] = corpus:doc(d.index) end
  end
  local each = annotate.each(corpus, { "searchtokens" }, { docs = list, store = store })
  local k = 0
  for _, d in ipairs(docs) do
    k = k + 1
    local p
    if skip and skip[d.index] then
      p = { terms = {}, counts = {}, stream = "", gaps = "", n = 0 }
    else
      local _, layers = each()
      p = layers.searchtokens
    end
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
  if #list > 0 then each() end   -- past the last document: the iterator lets go of its runners
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
  local spacing = M.spacing(streams, parts, #sorted)
  return { terms = sorted, streams = streams, gaps = gapcodes, tokens = total, attach = spacing.attach,
           opens = spacing.opens, spaces = spacing.exceptions, parts = parts }
end

-- the numbers of a string of codes, through a cache of each code's value
local value_of = setmetatable({}, { __index = function(t, c)
  local v = M.decode(c)[1]
  t[c] = v
  return v
end })
local function numbers(s)
  local out, n = {}, 0
  for c in s:gmatch(CODE) do n = n + 1; out[n] = value_of[c] end
  return out
end

--- Where the source puts a space between two tokens, so that text rebuilt from the index
--- (a KWIC line, a passage) has the source's own spacing, not a guess. Two rules learnt
--- from the corpus: a term that mostly follows the previous token without a space
--- (`,` `.` `)`) "attaches"; a term mostly followed by no space (`(` `$`) "opens". A
--- token has a space before it unless it attaches or follows an opener; the tokens where
--- the source says otherwise are listed per document (delta codes of their positions).
--- Any whitespace run counts as one space. streams: each document's codes of corpus term
--- numbers; parts: the searchtokens layers (their gaps). Returns {attach = codes of the
--- attaching terms, opens = codes of the openers, exceptions = {codes per document}}.
function M.spacing(streams, parts, nterms)
  local ids, spaced = {}, {}
  for j, p in ipairs(parts) do
    ids[j] = numbers(streams[j])
    local gaps = numbers(p.gaps)
    local sp = {}
    for i = 2, #gaps do sp[i] = gaps[i] > 0 end
    spaced[j] = sp
  end
  -- attaching terms: no space before most of their occurrences
  local before, tight = {}, {}
  for j, t in ipairs(ids) do
    local sp = spaced[j]
    for i = 2, #t do
      local v = t[i]
      before[v] = (before[v] or 0) + 1
      if not sp[i] then tight[v] = (tight[v] or 0) + 1 end
    end
  end
  local attach = {}
  for v, n in pairs(before) do if (tight[v] or 0) * 2 > n then attach[v] = true end end
  -- openers: no space after most of their occurrences (before a term that does not attach)
  local after, tight_after = {}, {}
  for j, t in ipairs(ids) do
    local sp = spaced[j]
    for i = 2, #t do
      if not attach[t[i]] then
        local v = t[i - 1]
        after[v] = (after[v] or 0) + 1
        if not sp[i] then tight_after[v] = (tight_after[v] or 0) + 1 end
      end
    end
  end
  local opens = {}
  for v, n in pairs(after) do if (tight_after[v] or 0) * 2 > n then opens[v] = true end end
  local exceptions = {}
  for j, t in ipairs(ids) do
    local sp, out, last = spaced[j], {}, 0
    for i = 2, #t do
      local guess = not attach[t[i]] and not opens[t[i - 1]]
      if guess ~= sp[i] then
        out[#out + 1] = M.encode(i - 1 - last)   -- 0-based position, as a delta
        last = i - 1
      end
    end
    exceptions[j] = table.concat(out)
  end
  local function codes(set)
    local list = {}
    for v = 0, nterms - 1 do if set[v] then list[#list + 1] = v end end
    local out, last = {}, 0
    for k, v in ipairs(list) do out[k] = M.encode(v - last); last = v end
    return table.concat(out)
  end
  return { attach = codes(attach), opens = codes(opens), exceptions = exceptions }
end

return M
