-- index: build a positional index of a corpus into one file (queries, KWIC, statistics)
--
-- usage: clio index [options] PATH... -o FILE.clio
--        clio index --part K/N [options] PATH... -o DIR
--        clio index --check FILE.clio
-- Builds FILE.clio from the texts (written to a temporary name and renamed, so a failed
-- or killed build leaves the previous index intact). Scripts such as concord, freq,
-- ngrams, collocates and keyness read it with --index FILE, or find PATH.clio beside a
-- single corpus path by themselves. --check verifies every checksum and the sources.
-- --part K/N indexes part K of N of the corpus (cut as clio annotate cuts it) into an
-- index segment, DIR/part-K-of-N/index.clio; `clio merge` joins the N segments into the
-- index one run over the whole corpus writes, byte for byte. docs/scale-out.md.
local clio = require "clio"
local cli = clio.cli
local index = clio.index

local opts, paths = cli.parse({ ... }, {
  usage = "clio index [options] PATH... -o FILE.clio | clio index --part K/N -o DIR PATH... | clio index --check FILE.clio",
  options = cli.options(cli.corpus_options, {
    { "output", short = "o", value = "FILE", help = "the index file to write [PATH.clio]" },
    { "threads", value = "N", number = true, help = "build with N threads (1 or 2) [2]" },
    { "memory", value = "MIB", number = true, help = "build state kept in memory before spilling to temporary files [1024]" },
    { "check", help = "verify an index file: checksums of every block, then its sources" },
    { "part", value = "K/N", help = "index part K of N (K from 0) into -o DIR/part-K-of-N/index.clio, a segment for clio merge" },
  }),
  min = 1,
})

if opts.check then
  for _, path in ipairs(paths) do
    local ix, err = clio.core.index_open(path)
    if not ix then clio.fail("%s", err) end
    local ok, why = ix:verify()
    if not ok then clio.fail("%s", why) end
    ok, why = index.check(ix)
    if not ok then clio.fail("index %s is stale: %s", path, why) end
    local info = ix:info()
    io.write(string.format("%s: ok (%d documents, %d tokens, %d terms)\n", path, info.documents,
      info.tokens, info.terms))
  end
  return 0
end

local out = opts.output or index.default_path(paths)
if opts.part then
  local k, n = require("clio.parts").parse(opts.part)
  if not k then clio.usage("%s", n) end
  if not opts.output then clio.usage("index --part needs -o DIR, the folder of segments") end
  out = index.segment_path(opts.output, k, n)
  local made, merr = clio.core.mkdir(opts.output)
  if made then made, merr = clio.core.mkdir((out:gsub("/index%.clio$", ""))) end
  if not made then clio.fail("%s", merr) end
end
if not out then clio.usage("with several paths, say where the index goes: -o FILE.clio") end
local corpus <close> = cli.open_corpus(opts, paths)
local ok, err = index.build(corpus, out, { threads = opts.threads,
  memory = opts.memory and math.floor(opts.memory * 1048576),
  options = cli.corpus_signature(opts), part = opts.part })
if not ok then clio.fail("%s", err) end
local ix = assert(clio.core.index_open(out))
local info = ix:info()
local f = io.open(out, "rb")
local size = f:seek("end")
f:close()
io.stderr:write(string.format("%s: %d documents, %d tokens, %d terms, %d bytes\n", out, info.documents,
  info.tokens, info.terms, size))
ix:close()
return 0
