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
local concord = require "clio.analysis.concord"
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
  local columns, rows = concord.dispersion(ix, hits, opts.dispersion, ids)
  local out <close> = clio.output.open { format = opts.format, path = opts.output, columns = columns }
  for _, r in ipairs(rows) do out:write(r) end
  out:close()
  return 0
end

local lines = hits:kwic { width = opts.width, by = opts.by, sort = opts.sort, limit = opts.limit }
if (opts.format == "table" or opts.format == "jsonl") and not opts.output then
  local text = opts.format == "table" and concord.table_lines(lines, ids, opts) or concord.jsonl(lines, ids)
  if #text > 0 then io.write(table.concat(text, "\n"), "\n") end
  if opts.format == "table" then io.stderr:write(string.format("%d hit%s\n", hits:count(), hits:count() == 1 and "" or "s")) end
  return 0
end

local out <close> = clio.output.open { format = opts.format, path = opts.output, columns = concord.COLUMNS }
for _, k in ipairs(lines) do out:write(concord.record(k, ids[k.doc])) end
out:close()
return 0
