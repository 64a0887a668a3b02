--- clio.report.terms: the word lists and statistics the page's term panels start from:
--- the stop words of the corpus language, and the distinctive terms of each document
--- (keyness of the document against the rest of the corpus, computed by clio.index).
local M = {}

M.KEY_TERMS = 12   -- distinctive terms kept per document
M.KEY_MIN = 3      -- least count (document and rest together) for a distinctive term

--- The stop words of a language (folded words, as a set and as a sorted list). The
--- language profile's list when clio.lang is there, else data/stopwords/<code>.txt.
function M.stopwords(code)
  code = code or "en"
  local ok, lang = pcall(require, "clio.lang")
  local set
  if ok and type(lang) == "table" and lang.load then
    local okp, profile = pcall(lang.load, code)
    local words = okp and profile and profile.words and profile.words.stopwords
    if type(words) == "table" then
      set = {}
      for k, v in pairs(words) do
        if type(k) == "number" then set[v] = true else set[k] = true end
      end
    end
  end
  if not set then
    local clio = require "clio"
    set = clio.stopwords(code ~= "en" and clio.data_path("stopwords/" .. code .. ".txt") or nil)
  end
  local list = {}
  for w in pairs(set) do list[#list + 1] = w end
  table.sort(list)
  return set, list
end

--- The distinctive terms of each document against the rest of the corpus: array (by
--- position in docs) of arrays of {term, ll, log_ratio, count}, most distinctive first;
--- stop words, numbers and punctuation left out. Empty lists for a one-document corpus.
--- Each document's list is a cached annotation layer ("keyterms", keyed by the whole
--- corpus): the corpus index is built only when some document's list is not cached.
--- stoplist: the sorted stop words (part of the layer's key).
function M.keyness(corpus, docs, stop, stoplist)
  local out = {}
  if #docs < 2 then
    for k = 1, #docs do out[k] = {} end
    return out
  end
  local annotate = require "clio.annotate"
  local core = require "clio.core"
  local all, list = {}, {}
  for k, d in ipairs(docs) do all[k] = d.index; list[k] = corpus:doc(d.index) end
  local ix
  local function keyterms(doc)
    ix = ix or assert(require("clio.index").memory(corpus))
    local b = {}
    for _, i in ipairs(all) do if i ~= doc.index then b[#b + 1] = i end end
    local kept = {}
    for _, t in ipairs(ix:keyness { a = { doc.index }, b = b, min = M.KEY_MIN }) do
      if #kept >= M.KEY_TERMS or t.ll <= 0 then break end
      if not stop[t.term] and t.term:find "%a" then
        kept[#kept + 1] = { t.term, math.floor(t.ll * 10 + 0.5) / 10, math.floor(t.log_ratio * 100 + 0.5) / 100, t.a }
      end
    end
    return kept
  end
  local sum = {}
  for k, d in ipairs(docs) do sum[k] = annotate.document_sum(list[k]) .. "@" .. d.index end
  local opts = { docs = list, keyterms = keyterms, corpus_sum = core.hash(table.concat(sum, "\n")),
    keyterms_params = string.format("terms=%d;min=%d;stop=%s", M.KEY_TERMS, M.KEY_MIN,
      core.hash(table.concat(stoplist or {}, "\n"))) }
  local k = 0
  for _, layers in annotate.each(corpus, { "keyterms" }, opts) do
    k = k + 1
    out[k] = layers.keyterms
  end
  if ix then ix:close() end
  return out
end

--- The year a document speaks from, from its metadata (year, date), or nil.
function M.year(meta)
  for _, k in ipairs { "year", "date" } do
    local v = meta and meta[k]
    local y = v and tostring(v):match "^%s*(%-?%d%d%d%d?)"
    if y then return tonumber(y) end
  end
end

return M
