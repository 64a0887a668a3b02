-- merge: join the segments of all parts (annotation layers and index segments) into one store
--
-- usage: clio merge -o MERGED SEGMENTS...
--        clio merge -o FILE.clio SEGMENTS...
-- SEGMENTS are segment folders written by `clio annotate --part K/N` and/or
-- `clio index --part K/N`, or folders of them. They must be parts 0..N-1 of one cut of
-- one corpus read the same way, each once: a missing or doubled part, or one read
-- otherwise, is refused with its name. The annotation layers go to the store MERGED,
-- which the analyses read with --annotations (computing nothing again); the index
-- segments go to MERGED/index.clio, or to FILE.clio when -o names a .clio file (then
-- only the index segments are merged). The merged index is the file one `clio index`
-- over the whole corpus writes, byte for byte. docs/scale-out.md.
local clio = require "clio"
local cli, segments, index = clio.cli, require "clio.segments", clio.index

local opts, paths = cli.parse({ ... }, {
  usage = "clio merge -o MERGED SEGMENTS... | clio merge -o FILE.clio SEGMENTS...",
  options = {
    { "output", short = "o", value = "DIR|FILE.clio", help = "the merged annotation store to write (and its index.clio), or only the merged index" },
  },
  min = 1,
})
if not opts.output then clio.usage("merge needs -o DIR, the merged store (or -o FILE.clio, the merged index)") end

-- whether any segment under paths holds annotation layers (a manifest)
local function has_layers()
  for _, p in ipairs(paths) do
    p = p:gsub("/+$", "")
    if io.open(p .. "/" .. segments.MANIFEST, "rb") then return true end
    for _, name in ipairs(clio.core.listdir(p) or {}) do
      if name:match "^part%-%d+%-of%-%d+$" and io.open(p .. "/" .. name .. "/" .. segments.MANIFEST, "rb") then
        return true
      end
    end
  end
  return false
end

local index_files = index.segment_files(paths)
local index_only = opts.output:match "%.clio$" ~= nil
if index_only and #index_files == 0 then
  clio.fail("no index segments (part-K-of-N/index.clio, written by clio index --part) in %s", table.concat(paths, ", "))
end

if not index_only and (#index_files == 0 or has_layers()) then
  local summary, err = segments.merge(paths, opts.output)
  if not summary then clio.fail("%s", err) end
  io.stderr:write(string.format("clio merge: %d parts, %d documents, %d layer files -> %s\n",
    summary.parts, summary.docs, summary.files, opts.output))
end

if #index_files > 0 then
  local out = opts.output
  if not index_only then
    local made, merr = clio.core.mkdir(out)
    if not made then clio.fail("%s", merr) end
    out = out:gsub("/+$", "") .. "/index.clio"
  end
  local ok, err = index.merge(index_files, out)
  if not ok then clio.fail("%s", err) end
  local ix = assert(clio.core.index_open(out))
  local info = ix:info()
  ix:close()
  io.stderr:write(string.format("clio merge: %d index segments, %d documents, %d tokens, %d terms -> %s\n",
    #index_files, info.documents, info.tokens, info.terms, out))
end
