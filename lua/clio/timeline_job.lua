--- clio.timeline_job: the part of `clio timeline` that runs on worker threads
--- (clio.parallel): the grammar over the candidate sentences of a piece of text, and
--- the clause and participants of each date. Anchoring stays with the caller, which
--- sees every document's pieces in order.
---
--- A job (string.pack, little-endian):
---   s4 config (the --grammar files, one per line)  I4 count, then per piece:
---   i8 piece number  i8 base (file offset of the text's first byte)  s4 text
---   s4 candidate sentences (int64 triples start, end, sentence: doc:candidate_blocks)
--- The result: I4 count, then per piece: i8 piece number, I4 count, then per expression
---   i8 start  i8 end  s4 type  s4 value  s4 mod  s4 rel  s4 text
---   i8 sentence start  i8 sentence end  i8 clause start  i8 clause end  s4 clause text
---   s4 participants (joined by \0)
--- with "" for a missing string, -1 for a missing sentence or clause (the clause and
--- participants are a DATE's only), and rel encoded by encode_rel.
local timex = require "clio.timex"
local timeline = require "clio.timeline"

local spack, sunpack, concat = string.pack, string.unpack, table.concat

local M = {}

--- tagger(files) -> the bundled grammar extended by each --grammar file (a Lua file
--- returning a function(tagger) or a table of extra data). Raises a message naming
--- the file when one is wrong.
M.builds = 0   -- grammars built in this Lua state (CLIO_ANNOTATE_STATS, tests)

function M.tagger(files, lang)
  M.builds = M.builds + 1
  local data, extensions = nil, {}
  for _, path in ipairs(files) do
    local chunk, err = loadfile(path)
    if not chunk then error(err, 0) end
    local ext = chunk()
    if type(ext) == "table" then
      data = data or {}
      for k, v in pairs(ext) do data[k] = v end
    elseif type(ext) == "function" then
      extensions[#extensions + 1] = ext
    else
      error(path .. ": a grammar file returns a function(tagger) or a data table", 0)
    end
  end
  local tagger = timex.new { data = data, lang = lang }
  for _, ext in ipairs(extensions) do ext(tagger) end
  return tagger
end

local taggers = {}   -- by config: a worker builds its grammar once

--- tagger_for(files, lang[, uncompiled]) -> the tagger of these --grammar files, built
--- once per Lua state (the caller's, or a worker's), and compiled unless `uncompiled`:
--- a state that only asks for the trigger words and anchors while workers run the
--- grammar never pays for compiling it (the extraction compiles it when first asked).
function M.tagger_for(files, lang, uncompiled)
  local config = M.config(files, lang)
  local t = taggers[config]
  if not t then
    t = M.tagger(files, lang)
    taggers[config] = t
  end
  if not uncompiled and not rawget(t, "scan") then
    t:compile()
    -- compiling the grammar leaves pattern garbage that only a second cycle frees
    -- (patterns have finalizers); left to the collector, the heap it measures then
    -- would set its pace for a long time
    collectgarbage()
    collectgarbage()
  end
  return t
end

--- config(files, lang) -> the job's config string: the --grammar files, one per line,
--- and the language profile (--lang) on a line of its own marked by \1
function M.config(files, lang)
  local s = concat(files, "\n")
  if lang then s = s .. "\n\1lang=" .. lang end
  return s
end

local function tagger_of_config(config)
  local files, lang = {}, nil
  for line in config:gmatch "[^\n]+" do
    local l = line:match "^\1lang=(.*)$"
    if l then lang = l else files[#files + 1] = line end
  end
  return M.tagger_for(files, lang)
end

-- rel (what a relative expression lacks: a table of numbers and strings, and its
-- date table t) as "\1"-separated key=value items: "#" before an integer, "%" before a
-- float (hex, exact), "$" before a string, "@" for the table t, "t." before its keys
local function encode_rel(rel)
  if not rel then return "" end
  local parts = {}
  local function put(prefix, tbl)
    for k, v in pairs(tbl) do
      if type(v) == "table" then
        parts[#parts + 1] = prefix .. k .. "=@"   -- the table, even when empty
        put(k .. ".", v)
      elseif math.type(v) == "integer" then
        parts[#parts + 1] = prefix .. k .. "=#" .. v
      elseif type(v) == "number" then
        parts[#parts + 1] = prefix .. k .. "=%" .. string.format("%a", v)
      else
        parts[#parts + 1] = prefix .. k .. "=$" .. tostring(v)
      end
    end
  end
  put("", rel)
  return concat(parts, "\1")
end

function M.decode_rel(s)
  if s == "" then return nil end
  local rel = {}
  for item in s:gmatch "[^\1]+" do
    local key, kind, v = item:match "^([^=]+)=([#%%$@])(.*)$"
    local value = v
    if kind == "#" then value = math.tointeger(tonumber(v))
    elseif kind == "%" then value = tonumber(v)
    elseif kind == "@" then value = {} end
    local sub, k = key:match "^([^.]+)%.(.+)$"
    if sub then
      rel[sub][k] = value
    else
      rel[key] = value
    end
  end
  return rel
end

-- candidate sentences -> runs of neighbouring ones (a date may straddle a break
-- the splitter made, "July-Dec. 1945")
local function read_candidates(packed)
  local cands, runs = {}, {}
  local last
  for pos = 1, #packed, 24 do
    local s, e, n = sunpack("<i8i8i8", packed, pos)
    local c = { start = s, ["end"] = e, sentence = n }
    cands[#cands + 1] = c
    if last and n == last.sentence + 1 then
      runs[#runs]["end"] = e
    else
      runs[#runs + 1] = { start = s, ["end"] = e }
    end
    last = c
  end
  return cands, runs
end

local function piece_records(tagger, base, text, packed)
  local cands, runs = read_candidates(packed)
  local exprs = tagger:extract(text, { base = base, spans = runs })
  local out, si = {}, 1
  for i, e in ipairs(exprs) do
    while cands[si] and cands[si]["end"] <= e.start do si = si + 1 end
    local sen = cands[si]
    local cs, ce, ctext, names = -1, -1, "", ""
    if e.type == "DATE" then
      local clause, participants = timeline.clause(text, base, sen or e, e, exprs, i)
      cs, ce, ctext, names = clause.start, clause["end"], clause.text, concat(participants, "\0")
    end
    out[i] = spack("<i8i8s4s4s4s4s4s4i8i8i8i8s4s4", e.start, e["end"], e.type, e.value or "", e.mod or "",
      e.bound or "", (e.mention and "\2" or "") .. encode_rel(e.rel), e.text, sen and sen.start or -1, sen and sen["end"] or -1,
      cs, ce, ctext, names)
  end
  return spack("<I4", #exprs) .. concat(out)
end

--- run(job) -> result (the formats above)
function M.run(job)
  local config, count, pos = sunpack("<s4I4", job)
  local tagger = tagger_of_config(config)
  local out = { spack("<I4", count) }
  for _ = 1, count do
    local id, base, text, packed
    id, base, text, packed, pos = sunpack("<i8i8s4s4", job, pos)
    out[#out + 1] = spack("<i8", id) .. piece_records(tagger, base, text, packed)
  end
  return concat(out)
end

local array_mt = require("clio.json").array_mt

--- results(result) -> iterator over (piece number, expressions), each expression a
--- table {start, end, text, type, value, mod, bound, rel, mention, sentence = {start, end} | nil,
--- and for a DATE clause = {start, end, text} and participants (a list marked as a JSON
--- array)}: the layer's record (clio.annotate.timex) before anchoring
function M.results(result)
  local count, pos = sunpack("<I4", result)
  local k = 0
  return function()
    if k == count then return nil end
    k = k + 1
    local id, n
    id, n, pos = sunpack("<i8I4", result, pos)
    local exprs = {}
    for i = 1, n do
      local s, e, ty, value, mod, bound, rel, text, ss, se, cs, ce, ctext, names
      s, e, ty, value, mod, bound, rel, text, ss, se, cs, ce, ctext, names, pos =
        sunpack("<i8i8s4s4s4s4s4s4i8i8i8i8s4s4", result, pos)
      -- a leading \2 marks a date mentioned, not told (clio.timex.scan.mark_mentions)
      local mention = rel:byte(1) == 2
      if mention then rel = rel:sub(2) end
      local clause, participants
      if cs >= 0 then
        clause = { start = cs, ["end"] = ce, text = ctext }
        participants = setmetatable({}, array_mt)
        if names ~= "" then
          for name in names:gmatch "[^%z]+" do participants[#participants + 1] = name end
        end
      end
      exprs[i] = {
        start = s, ["end"] = e, text = text, type = ty, value = value ~= "" and value or nil,
        mod = mod ~= "" and mod or nil, bound = bound ~= "" and bound or nil, rel = rel ~= "" and M.decode_rel(rel) or nil,
        mention = mention or nil, sentence = ss >= 0 and { start = ss, ["end"] = se } or nil,
        clause = clause, participants = participants,
      }
    end
    return id, exprs
  end
end

return M
