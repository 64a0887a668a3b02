--- clio.index: positional indexes of corpora, built once and read through mmap.
--
--   local idx = clio.index.open("sotu.clio")            -- checks its sources too
--   local hits = assert(idx:query('"united states" NEAR/5 congress'))
--   for h in hits:iter() do print(h.doc, h.start, h["end"]) end
--   for _, k in ipairs(hits:kwic{ width = 5, sort = "right", limit = 20 }) do ... end
--
-- The index methods (query, docs, info, freq, ngrams, collocates, keyness, verify,
-- check_sources) and the hits methods (count, get, iter, kwic, dispersion) are in C
-- (lua/l_index.c); the query language and the file format are in docs/index.md.
local clio = require "clio"
local core = clio.core

local index = {}

--- Options for scripts that read an index.
index.cli_options = {
  { "index", short = "i", value = "FILE", help = "read this index (clio index builds one)" },
  { "rebuild", help = "rebuild an index whose sources changed instead of refusing" },
  { "threads", value = "N", number = true, help = "build with N threads (1 or 2)" },
}

local function corpus_of(paths_or_corpus, opts)
  if type(paths_or_corpus) == "table" and paths_or_corpus._core then return paths_or_corpus end
  local c, err = clio.open(paths_or_corpus, opts)
  if not c then return nil, err end
  return c
end

-- The folders given to a corpus, as absolute paths joined for the index's options
-- ("folders=/a/corpus|/b/more"; ';' and '|' in a name escaped as %3B and %7C).
local function folders_of(paths)
  local list = {}
  for _, p in ipairs(paths or {}) do
    local st = p ~= "-" and core.stat(p)
    if st and st.kind == "directory" then
      list[#list + 1] = ((core.realpath(p) or p):gsub("[%%;|]", function(c) return string.format("%%%02X", c:byte()) end))
    end
  end
  return table.concat(list, "|")
end

--- Builds an index of a corpus (or of paths) into path, replacing it whole. The index
--- records the folders it read, so that a file added to one later makes it stale.
--- opts.part = "K/N" indexes only part K of N of the corpus (clio.parts): an index
--- segment, which records the part last in its options ("; part=K/N") and which
--- index.merge joins with the other parts.
---@return boolean|nil ok, string|nil err
function index.build(paths_or_corpus, path, opts)
  local c, err = corpus_of(paths_or_corpus, opts)
  if not c then return nil, err end
  local options = opts and opts.options or ""
  local folders = folders_of(c.paths)
  if folders ~= "" then options = options .. (options ~= "" and "; " or "") .. "folders=" .. folders end
  local first, count
  if opts and opts.part then
    local parts = require "clio.parts"
    local k, n = parts.parse(opts.part)
    if not k then return nil, n end
    local docs = parts.docs(c, k, n)   -- contiguous, in corpus order
    first, count = docs[1] and docs[1].index or 1, #docs
    options = options .. (options ~= "" and "; " or "") .. string.format("part=%d/%d", k, n)
  end
  return core.index_build(c._core, path, { threads = opts and opts.threads,
    memory = opts and opts.memory, options = options, first = first, count = count })
end

--- The file an index segment of part k of n goes to under folder dir: the part's
--- segment folder, beside its annotation layers (clio.segments).
function index.segment_path(dir, k, n)
  return string.format("%s/part-%d-of-%d/index.clio", (dir:gsub("/+$", "")), k, n)
end

--- The index segment files under paths: a .clio file itself, a segment folder holding
--- index.clio, or a folder of part-K-of-N segment folders (those that hold one).
function index.segment_files(paths)
  local list = {}
  local function add_dir(d)
    local f = d .. "/index.clio"
    local st = core.stat(f)
    if st then list[#list + 1] = f return true end
  end
  for _, p in ipairs(paths) do
    p = p:gsub("/+$", "")
    local st = core.stat(p)
    if st and st.kind ~= "directory" then
      list[#list + 1] = p
    elseif st and not add_dir(p) then
      for _, name in ipairs(core.listdir(p) or {}) do
        if name:match "^part%-%d+%-of%-%d+$" then add_dir(p .. "/" .. name) end
      end
    end
  end
  return list
end

--- Merges index segments (files, in any order) into one index at path: the file one
--- build over the whole corpus writes, byte for byte (core/index_merge.c). A missing,
--- doubled or damaged part, or one built with other options, is refused by name.
---@return boolean|nil ok, string|nil err
function index.merge(files, path)
  return core.index_merge(files, path)
end

-- The first file of a folder the index read that the index was not built from, and the
-- folder; nil when there is none (check_sources sees changed and vanished sources, not
-- new ones).
local function new_file(ix, dirs)
  local known
  for _, dir in ipairs(dirs) do
    local st = core.stat(dir)
    local files = st and st.kind == "directory" and core.folder_files(dir)
    for _, f in ipairs(files or {}) do
      if not known then
        known = {}
        for _, p in ipairs(ix:sources()) do known[p] = true end
      end
      if not known[core.realpath(f) or f] then return f, dir end
    end
  end
end

--- Whether an index still matches its sources: every source file unchanged, and no file
--- new in a folder it was built from. Returns true, or false and the reason.
function index.check(ix)
  local ok, why = ix:check_sources()
  if not ok then return false, why end
  local recorded = (ix:info().options or ""):match "folders=([^;]*)"
  if recorded and recorded ~= "" then
    local dirs = {}
    for d in recorded:gmatch "[^|]+" do dirs[#dirs + 1] = d:gsub("%%(%x%x)", function(h) return string.char(tonumber(h, 16)) end) end
    -- a folder the script may not read (--sandbox) cannot be checked
    local readable, f, dir = pcall(new_file, ix, dirs)
    if readable and f then return false, string.format("%s is new in %s", f, dir) end
  end
  return true
end

--- Builds an index in memory (never written to disk) and opens it.
function index.memory(paths_or_corpus, opts)
  local c, err = corpus_of(paths_or_corpus, opts)
  if not c then return nil, err end
  local ix, berr, details = core.index_build(c._core, nil, { threads = opts and opts.threads })
  if ix then ix:set_lang((c.lang or require("clio.lang").load()):core()) end
  return ix, berr, details
end

-- Queries read words as the corpus was read: the language given, else the one the
-- index recorded when it was built (lang=CODE in its options), else English.
local function set_lang(ix, lang)
  lang = lang or (ix:info().options or ""):match "lang=([^;]+)"
  ix:set_lang(require("clio.lang").load(lang):core())
end

--- Opens an index file. Unless opts.check == false, refuses one whose sources changed
--- (nil, message naming the file and the reason).
function index.open(path, opts)
  local ix, err, details = core.index_open(path)
  if not ix then return nil, err, details end
  set_lang(ix, opts and opts.lang)
  if not opts or opts.check ~= false then
    local ok, why = index.check(ix)
    if not ok then
      ix:close()
      return nil, string.format("index %s is stale: %s", path, why), { stale = true }
    end
  end
  return ix
end

--- The index file that stands beside a single corpus path: PATH.clio.
function index.default_path(paths)
  if #paths ~= 1 or paths[1] == "-" then return nil end
  return (paths[1]:gsub("/+$", "")) .. ".clio"
end

local function exists(path)
  local f = io.open(path, "rb")
  if f then f:close() return true end
  return false
end

-- The first file of folder `dir` that index `ix` was not built from, or nil: a folder's
-- index is stale once the folder gained a file (check_sources sees changed and vanished
-- sources, but cannot know of new ones).
local function new_file_in(ix, dir)
  local st = core.stat(dir)
  if not st or st.kind ~= "directory" then return nil end
  local files = core.folder_files(dir)
  if not files then return nil end
  local known = {}
  for _, p in ipairs(ix:sources()) do known[p] = true end
  for _, f in ipairs(files) do
    if not known[core.realpath(f) or f] then return f end
  end
  return nil
end

-- Why an index built with options `built` does not fit a command reading the corpus
-- with `wanted` ("built with split=blank, read with split=none"), or nil. An index
-- that recorded no options fits.
local function other_options(built, wanted)
  if built == "" or built == wanted then return nil end
  local function fields(s)
    local t, order = {}, {}
    for k, v in s:gmatch "([%w-]+)=([^;]*)" do t[k] = v; order[#order + 1] = k end
    return t, order
  end
  local b, order = fields(built)
  local w = fields(wanted)
  b.folders, w.folders = nil, nil   -- where it was read from, not how (index.check)
  local was, now = {}, {}
  for _, k in ipairs(order) do
    if b[k] ~= nil and b[k] ~= w[k] then
      was[#was + 1] = k .. "=" .. b[k]
      now[#now + 1] = k .. "=" .. (w[k] or "?")
    end
  end
  if #was == 0 then return nil end
  return string.format("built with %s, read with %s", table.concat(was, " "), table.concat(now, " "))
end

--- The index a script should read, from parsed options and paths: --index FILE, else
--- PATH.clio beside a single corpus path when it exists, else one built in memory. A
--- stale index is refused, or rebuilt with --rebuild.
function index.for_cli(opts, paths)
  local path = opts.index
  if not path and #paths > 0 then
    local beside = index.default_path(paths)
    if beside and exists(beside) then path = beside end
  end
  local cli = require "clio.cli"
  if not path then
    if #paths == 0 then clio.usage("give corpus paths or --index FILE") end
    local corpus = cli.open_corpus(opts, paths)
    local ix, err = index.memory(corpus, { threads = opts.threads })
    if not ix then clio.fail("%s", err) end
    return ix
  end
  local signature = cli.corpus_signature(opts)
  local ix, err, details = index.open(path)
  -- the index found beside the corpus must hold all of it, read as this command would
  local why
  if ix and not opts.index then
    local added = new_file_in(ix, paths[1])
    why = added and string.format("%s is new in %s", added, paths[1])
      or other_options(ix:info().options, signature)
  end
  if why then
    ix:close()
    ix, err, details = nil, string.format("index %s is stale: %s", path, why), { stale = true }
  end
  if not ix and details and details.stale and opts.rebuild then
    local src = #paths > 0 and paths or nil
    if not src then
      -- rebuild from the files the index names
      local raw = assert(core.index_open(path))
      src = {}
      local seen = {}
      for _, d in ipairs(raw:docs()) do
        if not seen[d.path] then seen[d.path] = true src[#src + 1] = d.path end
      end
      raw:close()
    end
    local ok, berr = index.build(cli.open_corpus(opts, src), path,
      { threads = opts.threads, options = signature })
    if not ok then clio.fail("%s", berr) end
    ix, err = index.open(path)
  end
  if not ix then
    if details and details.stale then err = err .. " (--rebuild rebuilds it)" end
    clio.fail("%s", err)
  end
  return ix
end

--- Runs a query or fails with the message and a caret under the offending character
--- (usage error, exit status 2).
function index.query(ix, q)
  local hits, err, details = ix:query(q)
  if hits then return hits end
  if details and details.offset then
    local caret = string.rep(" ", details.offset) .. "^"
    clio.usage("%s\n  %s\n  %s", err, q, caret)
  end
  clio.fail("%s", err)
end

--- The stop-word set of a file (one folded word per line, # comments), or the bundled
--- English list.
function index.stopwords(path, lang)
  return clio.stopwords(path, lang)
end

--- The identifier of each document of an index, by document number, as
--- clio.Document.id (clio.doc_ids).
function index.doc_ids(ix)
  return clio.doc_ids(ix:docs())
end

--- Document numbers whose metadata key matches value (substring, any case) or whose
--- numeric value lies in lo..hi ("1920..1930").
function index.select_docs(ix, key, value)
  local lo, hi = value:match("^(%-?[%d.]*)%.%.(%-?[%d.]*)$")
  local out = {}
  for _, d in ipairs(ix:docs()) do
    local v = key == "doc" and d.name or d.meta[key]
    local ok = false
    if v and lo then
      local n = tonumber(v:match("^%-?%d+%.?%d*"))
      ok = n ~= nil and (lo == "" or n >= tonumber(lo)) and (hi == "" or n <= tonumber(hi))
    elseif v then
      ok = v:lower():find(value:lower(), 1, true) ~= nil
    end
    if ok then out[#out + 1] = d.index end
  end
  return out
end

return index
