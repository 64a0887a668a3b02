--- clio.claims.job: claim extraction on worker threads (clio.parallel). A job names how
--- to open the corpus again (paths and open options), the vocabulary files, the lexicon
--- files and a range of document numbers; the worker opens the corpus and builds its
--- extractor once, runs clio.claims.extract.document on each document of the range and
--- returns their claims as a Lua literal. Extraction is per document, so the results
--- are the ones one thread gives, in the same order.
local clio = require "clio"

local M = {}

-- a value as Lua source: strings quoted, integers and floats kept apart, infinities
local function literal(v, out)
  local t = type(v)
  if t == "table" then
    out[#out + 1] = "{"
    for k, x in pairs(v) do
      if type(k) == "string" then
        out[#out + 1] = string.format("[%q]=", k)
      else
        out[#out + 1] = string.format("[%d]=", k)
      end
      literal(x, out)
      out[#out + 1] = ","
    end
    out[#out + 1] = "}"
  elseif t == "string" then
    out[#out + 1] = string.format("%q", v)
  elseif t == "number" then
    if math.type(v) == "integer" then out[#out + 1] = string.format("%d", v)
    elseif v == math.huge then out[#out + 1] = "1/0"
    elseif v == -math.huge then out[#out + 1] = "-1/0"
    else out[#out + 1] = string.format("%.17g", v) end
  elseif t == "boolean" then
    out[#out + 1] = v and "true" or "false"
  else
    out[#out + 1] = "nil"
  end
end

function M.encode(v)
  local out = {}
  literal(v, out)
  return table.concat(out)
end

function M.decode(s)
  local chunk = assert(load("return " .. s, "=claims job", "t", {}))
  return chunk()
end

--- The job string for documents a..b. spec: {paths, open, predicates (paths),
--- lexicons (paths or nil)}, encoded once by the caller.
function M.job(spec, a, b)
  return string.pack("<s4i4i4", spec, a, b)
end

local states = {} -- per worker: the corpus and extractor of each spec

--- Runs one job: the claims and untyped sentences of each document of the range.
function M.run(job)
  local spec, a, b = string.unpack("<s4i4i4", job)
  local st = states[spec]
  if not st then
    local cfg = M.decode(spec)
    local corpus, err = clio.open(cfg.paths, cfg.open)
    if not corpus then error(err, 0) end
    local predicates = require "clio.claims.predicates"
    local opts = { predicates = predicates.load(cfg.predicates), tagger = require("clio.timex").new() }
    if cfg.lexicons then
      local lexicon = require "clio.lexicon"
      local mentions = require "clio.claims.mentions"
      opts.find_mentions = mentions.lexicon_mentions(lexicon.matcher(lexicon.load_all(cfg.lexicons), { fuzzy = true }))
    end
    st = { corpus = corpus, opts = opts }
    states[spec] = st
  end
  local extract = require "clio.claims.extract"
  local out = {}
  for i = a, b do
    local cs, us = extract.document(st.corpus:doc(i), nil, st.opts)
    out[#out + 1] = { cs, us }
  end
  return M.encode(out)
end

return M
