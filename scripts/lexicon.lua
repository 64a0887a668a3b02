-- lexicon: draft a starter lexicon from the actors discovered in texts
--
-- usage: clio lexicon draft [options] PATH... -o my-lexicon.lua
-- Writes one entity per discovered actor (people, organizations, places, groups: full
-- name, aliases as the texts write them, kind where it can be told, first and last
-- dates of mention); factions and memberships are left for you to fill in. The file
-- loads back with `clio factions --lexicon my-lexicon.lua` (docs/own-corpus.md).
local clio = require "clio"
local cli, output = clio.cli, clio.output
local draft = require "clio.lexicon_draft"

local args = { ... }
if args[1] ~= "draft" then
  clio.fail("usage: clio lexicon draft [options] PATH... -o FILE (the only subcommand is draft)")
end
table.remove(args, 1)

local opts, paths = cli.parse(args, {
  usage = "clio lexicon draft [options] PATH... -o FILE",
  options = cli.options(cli.corpus_options, {
    { "output", short = "o", value = "FILE", help = "the lexicon file to write (replaced whole); none: standard output" },
    { "min", value = "N", number = true, default = 2, help = "leave out actors mentioned fewer than N times" },
    { "name", value = "TEXT", help = "the lexicon's name [Draft lexicon from PATH]" },
    { "no-dates", help = "do not look for the dates of mention" },
  }),
  min = 1,
})

local corpus <close> = cli.open_corpus(opts, paths)
local entities = draft.entities(corpus, { min = opts.min, dates = not opts.no_dates, progress = output.progress })
if clio.core.isatty(2) then io.stderr:write("\r\27[K") end
local text = draft.render(entities, { source = table.concat(paths, ", "),
  name = opts.name or ("Draft lexicon from " .. table.concat(paths, ", ")) })

if not opts.output or opts.output == "-" then
  io.write(text)
else
  -- written whole to a temporary name, then renamed into place
  local tmp = ("%s.tmp-%d"):format(opts.output, os.time())
  local f, err = io.open(tmp, "wb")
  if not f then clio.fail("cannot write %s: %s", opts.output, err) end
  local ok, werr = f:write(text)
  f:close()
  if not ok or not os.rename(tmp, opts.output) then
    os.remove(tmp)
    clio.fail("cannot write %s: %s", opts.output, werr or "rename failed")
  end
  io.stderr:write(("lexicon draft: %d actors written to %s\n"):format(#entities, opts.output))
end
