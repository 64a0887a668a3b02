-- Runs clio.timex over every <eval>/wikiwars-dev/*.txt and writes one JSON object
-- per expression (doc, start, end, value, type, text) for timex.py.
--   lua5.4 tests/eval/wikiwars_run.lua EVAL_DIR OUT.jsonl [whole|sentences] [reference]
-- "sentences" restricts the scan to a crude sentence split (as the C core will
-- pass candidate sentences); "whole" scans each text at once.
local timex = require "clio.timex"
local cjson = require "cjson"

local eval_dir, out_path, mode = arg[1], arg[2], arg[3] or "whole"
assert(eval_dir and out_path, "usage: wikiwars_run.lua EVAL_DIR OUT.jsonl [whole|sentences]")
local dir = eval_dir .. "/wikiwars-dev"

local function list_txt(d)
  local files = {}
  local ls = io.popen('ls "' .. d .. '"')
  for name in ls:lines() do
    if name:match "%.txt$" then files[#files + 1] = name end
  end
  ls:close()
  table.sort(files)
  return files
end

-- crude sentence split: ends at . ! ? followed by space + capital, or a blank line
local function sentences(text)
  local spans, s = {}, 1
  local i = 1
  while true do
    local a, b = text:find("[%.!?][\"')]*%s+%f[%u%d]", i)
    local p1, p2 = text:find("\n%s*\n", i)
    if p1 and (not a or p1 < a) then a, b = p1, p2 end
    if not a then break end
    spans[#spans + 1] = { start = s - 1, ["end"] = a }
    s, i = b + 1, b + 1
  end
  if s <= #text then spans[#spans + 1] = { start = s - 1, ["end"] = #text } end
  return spans
end

local tagger = timex.new()
local out = assert(io.open(out_path, "w"))
local total_bytes, t_extract = 0, 0
for _, name in ipairs(list_txt(dir)) do
  local f = assert(io.open(dir .. "/" .. name, "rb"))
  local text = f:read "a"
  f:close()
  local doc = name:gsub("%.txt$", "")
  local t0 = os.clock()
  local spans = mode == "sentences" and sentences(text) or nil
  local exprs = tagger:extract(text, { base = 0, spans = spans })
  tagger:anchor(exprs, {})
  t_extract = t_extract + os.clock() - t0
  total_bytes = total_bytes + #text
  for _, e in ipairs(exprs) do
    out:write(cjson.encode { doc = doc, start = e.start, ["end"] = e["end"], value = e.value or "",
                             type = e.type, text = e.text, mod = e.mod, anchor = e.anchor, rule = e.rule }, "\n")
  end
end
out:close()
io.stderr:write(string.format("%s: %d bytes in %.3fs\n", mode, total_bytes, t_extract))

-- speed: the same texts concatenated 50 times, scanned whole
if os.getenv "CLIO_BENCH" ~= "0" and mode == "whole" then
  local parts = {}
  for _, name in ipairs(list_txt(dir)) do
    local f = assert(io.open(dir .. "/" .. name, "rb")); parts[#parts + 1] = f:read "a"; f:close()
  end
  local one = table.concat(parts, "\n\n")
  local big = string.rep(one, 50, "\n\n")
  local t0 = os.clock()
  local exprs = tagger:extract(big)
  local t1 = os.clock()
  tagger:anchor(exprs)
  local t2 = os.clock()
  print(string.format("speed: %.1f MB in %.2fs extract (+%.2fs anchor) = %.1f MB/s  (%d expressions)",
    #big / 1e6, t1 - t0, t2 - t1, #big / 1e6 / (t2 - t0), #exprs))
end
