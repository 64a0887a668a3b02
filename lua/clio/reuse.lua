--- clio.reuse: passages shared between documents (text reuse), found with word shingles
--- over folded terms and reported with both spans.
--
--   local reuse = require "clio.reuse"
--   local passages = reuse.find({ {path=, tokens=doc:tokens(), text=doc:text(), base=doc.start}, ... },
--                               { k = 6, min_words = 10 })
--   -- { doc_a, start_a, end_a, doc_b, start_b, end_b, words, text } (offsets into the files)
--
-- Every k consecutive words (numbers and words, folded; punctuation skipped) make a
-- shingle; a table maps each shingle to where it occurs. Matches between two documents on
-- the same diagonal (same offset between their word positions) are joined into one
-- passage. Exact shingles find copied excerpts, the usual case on essay sites; a MinHash
-- sketch would only be needed for corpora too large for one table.
local M = {}

local function words_of(tokens)
  local w = {}
  for _, t in ipairs(tokens) do
    if t.kind == "word" or t.kind == "number" then w[#w + 1] = t end
  end
  return w
end

---@param docs {path: string, tokens: table[], text: string, base: integer}[]
---@param opts? {k?: integer, min_words?: integer, max_df?: integer}
function M.find(docs, opts)
  opts = opts or {}
  local k, min_words, max_df = opts.k or 6, opts.min_words or 10, opts.max_df or 20
  local where, words = {}, {}
  for d, doc in ipairs(docs) do
    local w = words_of(doc.tokens)
    words[d] = w
    for i = 1, #w - k + 1 do
      local parts = {}
      for j = i, i + k - 1 do parts[#parts + 1] = w[j].term end
      local key = table.concat(parts, " ")
      local list = where[key]
      if not list then list = {}; where[key] = list end
      if #list <= max_df then list[#list + 1] = { d, i } end
    end
  end
  -- matching positions per document pair, keyed by diagonal
  local hits = {}
  for _, list in pairs(where) do
    if #list > 1 and #list <= max_df then
      for x = 1, #list do
        for y = x + 1, #list do
          local a, b = list[x], list[y]
          if a[1] ~= b[1] then
            if a[1] > b[1] then a, b = b, a end
            hits[#hits + 1] = { a[1], b[1], a[2], b[2] }
          end
        end
      end
    end
  end
  table.sort(hits, function(p, q)
    if p[1] ~= q[1] then return p[1] < q[1] end
    if p[2] ~= q[2] then return p[2] < q[2] end
    local dp, dq = p[3] - p[4], q[3] - q[4]
    if dp ~= dq then return dp < dq end
    return p[3] < q[3]
  end)
  local out = {}
  local i = 1
  while i <= #hits do
    local h = hits[i]
    local j = i
    while hits[j + 1] and hits[j + 1][1] == h[1] and hits[j + 1][2] == h[2]
      and hits[j + 1][3] - hits[j + 1][4] == h[3] - h[4] and hits[j + 1][3] <= hits[j][3] + 1 do
      j = j + 1
    end
    local n = hits[j][3] - h[3] + k
    if n >= min_words then
      local da, db = docs[h[1]], docs[h[2]]
      local wa, wb = words[h[1]], words[h[2]]
      local sa, ea = wa[h[3]].start, wa[hits[j][3] + k - 1]["end"]
      local sb, eb = wb[h[4]].start, wb[hits[j][4] + k - 1]["end"]
      out[#out + 1] = { doc_a = da.path, start_a = sa, end_a = ea, doc_b = db.path, start_b = sb,
        end_b = eb, words = n, text = da.text:sub(sa - da.base + 1, ea - da.base) }
    end
    i = j + 1
  end
  return out
end

return M
