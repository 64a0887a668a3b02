--- Command-line options for scripts: GNU-style long options, short aliases, --help.
--
--   local opts, paths = cli.parse({...}, {
--     usage = "clio summary [options] PATH...",
--     options = cli.options(cli.corpus_options, cli.output_options, {
--       { "top", value = "N", number = true, default = 20, help = "terms to list" },
--     }),
--     min = 1,  -- positional arguments required
--   })
local clio = require "clio"

local inputs = require "clio.inputs"

local cli = {}

--- Options every corpus script takes.
cli.corpus_options = {
  { "repair", help = "read invalid UTF-8 as U+FFFD instead of refusing the file (the count is reported)" },
  { "encoding", value = "NAME", help = "the files' encoding when not UTF-8: latin1, cp1252, koi8-r ... (iconv -l)" },
  { "skip-bad", help = "leave out files that cannot be read (named on stderr) instead of stopping" },
  { "split", value = "MODE", choices = { "none", "lines", "blank", "separator" }, default = "none",
    help = "one file holds many documents: one per line, per blank-line block, or between separator lines" },
  { "separator", value = "TEXT", help = "the separator line for --split separator" },
  { "text-field", value = "NAME", help = "the CSV/TSV column or JSONL field holding the text [text]" },
  { "metadata", value = "FILE", help = "CSV/TSV sidecar with a 'file' column (metadata.csv in a folder is read by itself)" },
  { "rules", value = "FILE", help = "cleaning rules instead of data/cleaning/default.rules" },
  { "no-rules", help = "find no scraping artifacts" },
  { "lang", value = "CODE", help = "language profile: a code (en, fr; data/lang/CODE or your own) or a folder [en]" },
  { "follow-symlinks", help = "in folders, follow symlinks to folders outside them (skipped with a warning otherwise)" },
}

--- Options of the analyses that read annotations (timeline, factions, claims, report).
cli.annotation_options = {
  { "annotations", value = "DIR", help = "read (and add to) the annotations in DIR, e.g. merged by clio merge, instead of clio's cache" },
}

--- Options every script that prints records takes.
cli.output_options = {
  { "format", short = "f", value = "FORMAT", choices = require("clio.output").formats,
    default = "table", help = "output format" },
  { "output", short = "o", value = "FILE", help = "write to FILE (replaced whole, never half-written)" },
}

--- Concatenates option lists.
function cli.options(...)
  local all = {}
  for _, list in ipairs({ ... }) do
    for _, o in ipairs(list) do all[#all + 1] = o end
  end
  return all
end

local function help_text(spec)
  local lines = { "usage: " .. (spec.usage or "clio SCRIPT [options]") }
  if spec.about then lines[#lines + 1] = spec.about end
  lines[#lines + 1] = "options:"
  for _, o in ipairs(spec.options or {}) do
    local left = (o.short and ("-" .. o.short .. ", ") or "    ") .. "--" .. o[1]
    if o.value then left = left .. " " .. o.value end
    local help = o.help or ""
    if o.choices then help = help .. " (" .. table.concat(o.choices, "|") .. ")" end
    if o.default ~= nil and o.value then help = help .. " [" .. tostring(o.default) .. "]" end
    lines[#lines + 1] = string.format("  %-26s %s", left, help)
  end
  lines[#lines + 1] = string.format("  %-26s %s", "-h, --help", "this help")
  return table.concat(lines, "\n") .. "\n"
end

local function convert(o, v)
  if o.choices then
    local ok = false
    for _, c in ipairs(o.choices) do ok = ok or c == v end
    if not ok then clio.usage("--%s must be one of %s, not '%s'", o[1], table.concat(o.choices, ", "), v) end
  end
  if o.number then
    local n = tonumber(v)
    if not n then clio.usage("--%s takes a number, not '%s'", o[1], v) end
    return n
  end
  return v
end

--- Parses args against spec; returns the options (keys with '-' as '_') and the
--- positional arguments. Usage errors exit with status 2; --help prints and exits 0.
---@param args string[]
---@param spec {usage?: string, about?: string, options?: table[], min?: integer, max?: integer}
---@return table opts, string[] positional
function cli.parse(args, spec)
  local by_long, by_short, opts, pos = {}, {}, {}, {}
  for _, o in ipairs(spec.options or {}) do
    by_long[o[1]] = o
    if o.short then by_short[o.short] = o end
    if o.default ~= nil then opts[o[1]:gsub("-", "_")] = o.default end
  end
  local i = 1
  while i <= #args do
    local a = args[i]
    if a == "--" then
      table.move(args, i + 1, #args, #pos + 1, pos)
      break
    elseif a == "-h" or a == "--help" then
      io.write(help_text(spec))
      error({ exit = 0 }, 0)
    elseif a:sub(1, 2) == "--" or (a:sub(1, 1) == "-" and #a > 1) then
      local name, inline = a:match("^%-%-([^=]+)=(.*)$")
      name = name or a:match("^%-%-(.+)$")
      local o = name and by_long[name] or by_short[a:sub(2)]
      if not o then clio.usage("unknown option '%s' (--help lists them)", a) end
      local key = o[1]:gsub("-", "_")
      if o.value then
        local v = inline
        if not v then
          i = i + 1
          v = args[i]
          if v == nil then clio.usage("option '%s' needs a value (%s)", a, o.value) end
        end
        v = convert(o, v)
        if o.list then
          if type(opts[key]) ~= "table" then opts[key] = {} end
          table.insert(opts[key], v)
        else
          opts[key] = v
        end
      else
        if inline then clio.usage("option '--%s' takes no value", o[1]) end
        opts[key] = true
      end
    else
      pos[#pos + 1] = a
    end
    i = i + 1
  end
  if spec.min and #pos < spec.min then
    clio.usage("%s", (spec.usage and "usage: " .. spec.usage) or "missing arguments")
  end
  if spec.max and #pos > spec.max then clio.usage("too many arguments (%s)", table.concat(pos, " ")) end
  return opts, pos
end

--- How the corpus options read a corpus, as text an index records ("split=blank;
--- repair=yes; ..."): an index built one way is stale for a command reading another.
function cli.corpus_signature(opts)
  local rules = opts.no_rules and "none" or opts.rules or "default"
  local function abs(p) return p and (clio.core.realpath(p) or p) end
  if opts.rules and not opts.no_rules then rules = abs(opts.rules) end
  return string.format("split=%s; separator=%s; text-field=%s; metadata=%s; rules=%s; repair=%s; lang=%s",
    opts.split or "none", opts.separator or "", opts.text_field or "text",
    abs(opts.metadata) or "", rules, opts.repair and "yes" or "no", opts.lang or "en")
    .. (opts.follow_symlinks and "; symlinks=follow" or "")
    .. (opts.encoding and ("; encoding=" .. opts.encoding:lower()) or "")
end

--- Opens the corpus that parsed corpus options and paths describe, or fails with the
--- core's message (file, line, byte offset).
---@return clio.Corpus
function cli.open_corpus(opts, paths)
  if opts.split == "separator" and not opts.separator then
    clio.usage("--split separator needs --separator TEXT")
  end
  local corpus, err, details = clio.open(paths, clio.open_options(opts, {
    rules = (opts.no_rules and false) or opts.rules,
    lang = opts.lang,
  }))
  if not corpus then
    local bad = details and details.refused
    if bad and #bad > 1 then
      clio.fail("%d files could not be read (--skip-bad leaves them out and goes on):\n%s",
        #bad, inputs.list(bad))
    end
    clio.fail("%s", err)
  end
  for _, link in ipairs(corpus:skipped()) do
    io.stderr:write(string.format(
      "clio: warning: %s: not followed: a symlink to a folder outside the corpus folder (--follow-symlinks follows it)\n",
      link))
  end
  inputs.report(corpus, paths, opts)
  return corpus
end

return cli
