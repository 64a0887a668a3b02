-- concord: concordance (KWIC) of a query over an index: words, "phrases", NEAR/n, prefix*, /regex/, AND/OR/NOT, SENT(...), metadata
--
-- usage: clio concord [options] QUERY [PATH...]
-- Reads --index FILE, or PATH.clio beside a single corpus path, or builds an index of
-- the PATHs in memory. The query language is in docs/index.md. Each hit is a line
-- with its left and right context (--width words, or characters with --by chars),
-- sorted by position or, AntConc style, by the words to the --sort left or right.
-- --count prints the number of hits; --dispersion [doc|KEY] the hits per document or
-- per metadata value. jsonl gives one object per hit: doc, start, end, left, match,
-- right, sentence (byte offsets into the document's file).
local clio = require "clio"
local cli = clio.cli
local index = clio.index
-- clio.output loads when a format needs it (a fresh process answers faster without)

local opts, args = cli.parse({ ... }, {
  usage = "clio concord [options] QUERY [--index FILE | PATH...]",
  options = cli.options(cli.corpus_options, cli.output_options, index.cli_options, {
    { "width", short = "w", value = "N", number = true, default = 5, help = "context on each side" },
    { "by", value = "UNIT", choices = { "words", "chars" }, default = "words", help = "context measured in" },
    { "sort", value = "KEY", choices = { "position", "left", "right" }, default = "position",
      help = "order of the lines" },
    { "limit", short = "n", value = "N", number = true, help = "print at most N lines" },
    { "count", help = "print only the number of hits" },
    { "dispersion", value = "KEY", help = "hits per document (doc) or per value of a metadata key" },
  }),
  min = 1,
})

local q = table.remove(args, 1)
local ix = index.for_cli(opts, args)
local hits = index.query(ix, q)

if opts.count then
  print(hits:count())
  return 0
end

local ids = index.doc_ids(ix)   -- the document identifier every command prints
if opts.dispersion then
  local by_name = {}
  for i, d in ipairs(ix:docs()) do by_name[d.name] = ids[i] end
  local out <close> = clio.output.open { format = opts.format, path = opts.output,
    columns = { opts.dispersion == "doc" and "doc" or opts.dispersion, "hits", "tokens", "per_million" } }
  for _, r in ipairs(hits:dispersion(opts.dispersion)) do
    out:write { [opts.dispersion == "doc" and "doc" or opts.dispersion] = opts.dispersion == "doc" and by_name[r.value] or r.value, hits = r.hits,
      tokens = r.tokens, per_million = r.per_million }
  end
  out:close()
  return 0
end

local lines = hits:kwic { width = opts.width, by = opts.by, sort = opts.sort, limit = opts.limit }
for _, k in ipairs(lines) do k.id = ids[k.doc] end

if opts.format == "table" and not opts.output then
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
  local side = opts.by == "chars" and opts.width or math.max(20, opts.width * 7)
  local docw = 0
  for _, k in ipairs(lines) do docw = math.max(docw, width(k.id) + 1 + #tostring(k.start)) end
  local buf = {}
  for _, k in ipairs(lines) do
    local place = k.id .. ":" .. k.start
    -- the source's own spacing around the match: "power. Shortly", "(Trotsky"
    local left = k.left ~= "" and k.space_before and k.left .. " " or k.left
    local right = k.right ~= "" and k.space_after and " " .. k.right or k.right
    buf[#buf + 1] = place .. string.rep(" ", docw - width(place)) .. "  " .. last_chars(left, side + 1)
      .. k.match .. first_chars(right, side + 1)
  end
  if #buf > 0 then io.write(table.concat(buf, "\n"), "\n") end
  io.stderr:write(string.format("%d hit%s\n", hits:count(), hits:count() == 1 and "" or "s"))
  return 0
end

if opts.format == "jsonl" and not opts.output then
  -- the same objects as output.json writes, encoded in one pass: a concordance from a
  -- fresh process is a benchmark (bench/index), and the generic writer costs more than
  -- the query
  local str = require("clio.json").string
  local buf = {}
  for i, k in ipairs(lines) do
    buf[i] = string.format('{"doc":%s,"start":%d,"end":%d,"left":%s,"match":%s,"right":%s,"sentence":%d}',
      str(k.id), k.start, k["end"], str(k.left), str(k.match), str(k.right), k.sentence)
  end
  if #buf > 0 then io.write(table.concat(buf, "\n"), "\n") end
  return 0
end

local out <close> = clio.output.open { format = opts.format, path = opts.output,
  columns = { "doc", "start", "end", "left", "match", "right", "sentence" } }
for _, k in ipairs(lines) do
  out:write { doc = k.id, start = k.start, ["end"] = k["end"], left = k.left, match = k.match,
    right = k.right, sentence = k.sentence }
end
out:close()
return 0
