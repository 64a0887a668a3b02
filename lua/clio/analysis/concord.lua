--- clio.analysis.concord: a concordance as `clio concord` prints it, from the KWIC lines
--- of an index query (hits:kwic, computed in the core).
---
---   local lines = hits:kwic { width = 5 }
---   io.write(table.concat(require("clio.analysis.concord").table_lines(lines, ids, {}), "\n"))
---
--- Loads nothing it does not use: a concordance from a fresh process is a benchmark.
local M = {}

--- The columns of a concordance record.
M.COLUMNS = { "doc", "start", "end", "left", "match", "right", "sentence" }

--- record(k, id) -> a KWIC line as a record of M.COLUMNS, doc being the document's
--- identifier id.
function M.record(k, id)
  return { doc = id, start = k.start, ["end"] = k["end"], left = k.left, match = k.match,
    right = k.right, sentence = k.sentence }
end

--- jsonl(lines, ids) -> one JSON object a line, the objects output.json writes for
--- M.record, encoded in one pass (the generic writer costs more than the query).
function M.jsonl(lines, ids)
  local str, out = require("clio.json").string, {}
  for i, k in ipairs(lines) do
    out[i] = string.format('{"doc":%s,"start":%d,"end":%d,"left":%s,"match":%s,"right":%s,"sentence":%d}',
      str(ids[k.doc]), k.start, k["end"], str(k.left), str(k.match), str(k.right), k.sentence)
  end
  return out
end

local function width(s) return utf8.len(s) or #s end
local function last_chars(s, n)
  local len = width(s)
  if len <= n then return string.rep(" ", n - len) .. s end
  return "…" .. s:sub(utf8.offset(s, len - n + 2) or 1)
end
local function first_chars(s, n)
  if width(s) <= n then return s end
  return s:sub(1, (utf8.offset(s, n) or (n + 1)) - 1) .. "…"
end

--- table_lines(lines, ids, opts) -> the lines of the terminal view: "DOC:START", the left
--- context right-aligned, the match, the right context, each side cut to opts.width
--- characters (opts.by "chars") or 7 a word (at least 20), the source's own spacing
--- around the match kept ("power. Shortly", "(Trotsky").
function M.table_lines(lines, ids, opts)
  local w = opts.width or 5
  local side = opts.by == "chars" and w or math.max(20, w * 7)
  local docw = 0
  for _, k in ipairs(lines) do docw = math.max(docw, width(ids[k.doc]) + 1 + #tostring(k.start)) end
  local out = {}
  for _, k in ipairs(lines) do
    local place = ids[k.doc] .. ":" .. k.start
    local left = k.left ~= "" and k.space_before and k.left .. " " or k.left
    local right = k.right ~= "" and k.space_after and " " .. k.right or k.right
    out[#out + 1] = place .. string.rep(" ", docw - width(place)) .. "  " .. last_chars(left, side + 1)
      .. k.match .. first_chars(right, side + 1)
  end
  return out
end

--- dispersion(ix, hits, key, ids) -> columns, rows: the hits per document (key "doc",
--- documents by identifier) or per value of metadata key, with the tokens of each part
--- and hits per million tokens.
function M.dispersion(ix, hits, key, ids)
  local by_name = {}
  for i, d in ipairs(ix:docs()) do by_name[d.name] = ids[i] end
  local col, rows = key == "doc" and "doc" or key, {}
  for _, r in ipairs(hits:dispersion(key)) do
    rows[#rows + 1] = { [col] = key == "doc" and by_name[r.value] or r.value, hits = r.hits,
      tokens = r.tokens, per_million = r.per_million }
  end
  return { col, "hits", "tokens", "per_million" }, rows
end

return M
