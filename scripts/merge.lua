-- merge: join the annotation segments of all parts into one store
--
-- usage: clio merge -o MERGED SEGMENTS...
-- SEGMENTS are segment folders written by `clio annotate --part K/N`, or folders of
-- them. They must be parts 0..N-1 of one cut of one corpus read the same way, each
-- once: a missing or doubled part, or one read otherwise, is refused with its name.
-- The analyses then read MERGED with --annotations and compute nothing again; their
-- records are those of a single run. docs/scale-out.md.
local clio = require "clio"
local cli, segments = clio.cli, require "clio.segments"

local opts, paths = cli.parse({ ... }, {
  usage = "clio merge -o MERGED SEGMENTS...",
  options = {
    { "output", short = "o", value = "DIR", help = "the merged annotation store to write" },
  },
  min = 1,
})
if not opts.output then clio.usage("merge needs -o DIR, the merged store") end
local summary, err = segments.merge(paths, opts.output)
if not summary then clio.fail("%s", err) end
io.stderr:write(string.format("clio merge: %d parts, %d documents, %d layer files -> %s\n",
  summary.parts, summary.docs, summary.files, opts.output))
