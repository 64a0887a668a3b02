--- clio.annotate: what clio knows about each document, computed once and cached.
---
---   local annotate = require "clio.annotate"
---   for doc, layers in annotate.each(corpus, { "timex", "mentions" }, opts) do
---     for _, e in ipairs(layers.timex) do ... end       -- anchored temporal expressions
---   end
---   local exprs = annotate.layer(doc, "timex", opts)     -- one document, one layer
---
--- A layer is a registered step (annotate.register): a name, the layers it reads (deps),
--- a version, the data files it reads (grammar, language profile, lexicon, predicates)
--- and compute(doc, deps, opts) -> a plain Lua value (tables of strings, numbers,
--- booleans). Bundled layers (lua/clio/annotate/*.lua):
---   sentences  {start, end} per sentence
---   timex      anchored temporal expressions, with each date's sentence, clause and
---              participants                                        (clio.timex)
---   mentions   actor mentions with the date in force and factions  (clio.factions)
---   claims     claims and the dated sentences no predicate explains (clio.claims)
---
--- A layer's key is a checksum of the document (its bytes, offset and cleaning gaps),
--- of how the corpus was read, of the step's name, version, options and data files, and
--- of its deps' keys: changing a lexicon changes the keys of mentions and claims, not of
--- timex. Layers are cached under clio's cache folder, one file per document and layer
--- (clio.annotate.store); with no cache (CLIO_NO_CACHE=1, --sandbox, a limit) they are
--- kept in memory for the run. Documents stream: each() holds the layers of the
--- documents in flight only, and a step may work on any subset of a corpus.
local core = require "clio.core"
local store_mod = require "clio.annotate.store"

local M = {}

local steps = {}

--- What this process did, by layer: computed[name] and loaded[name] (documents).
M.stats = { computed = {}, loaded = {} }

local function count(kind, name) M.stats[kind][name] = (M.stats[kind][name] or 0) + 1 end

--- The stats as one line: "annotations: computed timex 16, ...; loaded ...; grammars
--- built 1" (CLIO_ANNOTATE_STATS=1 prints it on stderr after a command).
function M.stats_text()
  local function list(t)
    local names, parts = {}, {}
    for name in pairs(t) do names[#names + 1] = name end
    table.sort(names)
    for i, name in ipairs(names) do parts[i] = name .. " " .. t[name] end
    return #parts > 0 and table.concat(parts, ", ") or "nothing"
  end
  local job = package.loaded["clio.timeline_job"]
  return string.format("annotations: computed %s; loaded %s; grammars built %d\n", list(M.stats.computed),
    list(M.stats.loaded), job and job.builds or 0)
end

--- Resets M.stats (tests and benchmarks).
function M.reset_stats() M.stats.computed, M.stats.loaded = {}, {} end

--- register{ name, version, deps = {...} or function(opts) -> {...}, data = function(opts) -> {paths},
---   params = function(opts) -> string, doc_params = function(doc, opts) -> string (what
---   of a document besides its text changes the result: its metadata), persist =
---   function(opts) -> false (keep the layer for the run only), compute = function(doc,
---   deps, opts) -> value,
---   runner = function(opts) -> runner (optional: computes many documents at once,
---   see clio.annotate.timex), ordered = function(opts) -> true (a document's value
---   depends on the documents before it: computed in one state, in document order;
---   workers compute what it reads), deps_of =
---   function(doc, opts) -> the deps this document needs (a part of deps: what compute
---   gets for the others is nil; it must give the value it would with them all) }.
---   A step registered again replaces the earlier one.
function M.register(step)
  assert(type(step.name) == "string" and step.name:match "^[%w_]+$", "a step needs a plain name")
  assert(step.version ~= nil, "a step needs a version")
  assert(type(step.compute) == "function", "a step needs compute(doc, deps, opts)")
  step.deps = step.deps or {}
  steps[step.name] = step
  return step
end

--- The layers a step reads with these options: its deps, or deps(opts) when a function
--- (a layer that reads another only in some modes).
function M.deps(step, opts)
  local d = step.deps
  if type(d) == "function" then return d(opts or {}) end
  return d
end

--- The registered step of that name (loading the bundled ones on first use).
function M.step(name)
  if not steps[name] then pcall(require, "clio.annotate." .. name) end
  local s = steps[name]
  if not s then error("no annotation layer named '" .. tostring(name) .. "'", 2) end
  return s
end

-- names and their deps, deps first
local function closure(names, opts)
  local list, seen = {}, {}
  local function visit(name)
    if seen[name] then return end
    seen[name] = true
    for _, d in ipairs(M.deps(M.step(name), opts)) do visit(d) end
    list[#list + 1] = name
  end
  for _, n in ipairs(names) do visit(n) end
  return list
end

local file_sums = {}
local function file_sum(path)
  local s = file_sums[path]
  if not s then
    local f = io.open(path, "rb")
    local body = f and f:read "a"
    if f then f:close() end
    s = body and core.hash(body) or "missing"
    file_sums[path] = s
  end
  return s
end

-- what a step's result depends on besides the document, once per options table
local stamps = setmetatable({}, { __mode = "k" })
local function stamp(step, opts)
  local by_step = stamps[opts]
  if not by_step then by_step = {}; stamps[opts] = by_step end
  local s = by_step[step.name]
  if not s then
    local parts = { step.name, tostring(step.version), step.params and step.params(opts) or "" }
    for _, path in ipairs(step.data and step.data(opts) or {}) do
      parts[#parts + 1] = path .. "=" .. file_sum(path)
    end
    s = table.concat(parts, "\n")
    by_step[step.name] = s
  end
  return s
end

--- The checksum of a document as the layers see it: its bytes, where it starts in its
--- file, its cleaning gaps and how the corpus was read (abbreviations, split).
function M.document_sum(doc)
  local s = doc._annotation_sum
  if not s then
    local gaps, g = doc:gaps(), {}
    for i, x in ipairs(gaps) do g[i] = x.start .. "-" .. x["end"] .. (x.rule or "") end
    s = core.hash(doc:text()) .. ":" .. doc.start .. ":" .. core.hash(table.concat(g, ","))
      .. ":" .. (doc.corpus and doc.corpus._reading or "")
    doc._annotation_sum = s
  end
  return s
end

local function layer_key(doc, step, opts, keys)
  local parts = { M.document_sum(doc), stamp(step, opts), step.doc_params and step.doc_params(doc, opts) or "" }
  for _, d in ipairs(M.deps(step, opts)) do parts[#parts + 1] = keys[d] end
  local s = table.concat(parts, "\n")
  return core.hash(s) .. core.hash(s, 0x5bd1e995)
end

--- keys(doc, names, opts) -> { name = key } of the named layers and their deps.
function M.keys(doc, names, opts)
  local keys = {}
  for _, name in ipairs(closure(names, opts)) do keys[name] = layer_key(doc, steps[name], opts or {}, keys) end
  return keys
end

--- Forgets the checksums of data files read so far (a long-lived caller that edits a
--- lexicon or a grammar between runs).
function M.forget_files() file_sums = {} end

--- The store each() uses unless opts.store names one: the disk cache when this run
--- keeps one, else memory (one per process, so that the analyses of one run share it).
local default_store
function M.store()
  default_store = default_store or store_mod.open()
  return default_store
end

--- The store of an annotations folder (--annotations DIR: a merged store or one part's
--- segment), one per folder and process; nil for no folder.
local stores_at = {}
function M.store_at(dir)
  if not dir then return nil end
  stores_at[dir] = stores_at[dir] or store_mod.at(dir)
  return stores_at[dir]
end

local memory_store   -- layers that must not outlive the run (step.persist false)

local function compute(doc, name, layers, opts)
  local step = steps[name]
  local deps = {}
  for _, d in ipairs(M.deps(step, opts)) do deps[d] = layers[d] end
  count("computed", name)
  return step.compute(doc, deps, opts)
end

--- each(corpus, names, opts) -> iterator over (doc, layers) in document order, layers
--- holding each named layer (and the deps that had to be computed). opts go to every
--- step (grammar, lexicons, predicates, reference_time, threads, ...; see each step) and
--- may hold docs (an array of documents: a subset, in that order) and store. With
--- opts.transient (a caller that reads each layer once), layers that would only be
--- kept in memory are not kept at all: memory stays flat however large the corpus.
--- source (optional): an iterator of (doc, layers) to read the documents from instead,
--- with some layers already known (computed elsewhere: clio.annotate.workers); those
--- are neither loaded nor computed again.
function M.each(corpus, names, opts, source)
  opts = opts or {}
  local store = opts.store or M.store_at(opts.annotations) or M.store()
  if opts.transient and store_mod.is_memory(store) then store = store_mod.none() end
  local list = closure(names, opts)
  local runners = {}
  local next_doc
  if source then
    next_doc = source
  elseif opts.docs then
    local i = 0
    next_doc = function() i = i + 1; return opts.docs[i] end
  else
    next_doc = corpus:docs()
  end
  local queue, head, tail, exhausted = {}, 1, 0, false

  local stores = {}
  for _, name in ipairs(list) do
    local step = steps[name]
    if step.persist and not step.persist(opts) then
      memory_store = memory_store or store_mod.open { memory = true }
      stores[name] = opts.transient and store_mod.none() or memory_store
    else
      stores[name] = store
    end
  end

  -- keys name layers in a store; a run that keeps none (no cache, transient) skips them
  local keyed = false
  for _, name in ipairs(list) do keyed = keyed or stores[name] ~= store_mod.none() end

  local function runner_of(step)
    local r = runners[step.name]
    if r == nil then
      r = step.runner and step.runner(opts) or false
      runners[step.name] = r
    end
    return r
  end

  -- a layer of document e: loaded when kept, else planned (after its deps) for a
  -- runner or for compute() when the document is handed out
  local function resolve(e, name)
    if e.seen[name] then return end
    e.seen[name] = true
    if e.layers[name] ~= nil then return end   -- given by the source
    local step = steps[name]
    local v = stores[name]:load(name, e.keys[name])
    if v ~= nil then
      e.layers[name] = v
      count("loaded", name)
      return
    end
    -- a document may need fewer deps (claims of a paragraph without a date or a trigger)
    local deps = step.deps_of and step.deps_of(e.doc, opts) or M.deps(step, opts)
    for _, d in ipairs(deps) do resolve(e, d) end
    local ready = true
    for _, d in ipairs(deps) do if e.layers[d] == nil then ready = false end end
    local r = ready and runner_of(step)
    if r then
      e.waiting = e.waiting + 1
      count("computed", name)
      r:add(e.doc, function(value)
        e.layers[name] = value
        stores[name]:save(name, e.keys[name], value)
        e.waiting = e.waiting - 1
      end)
    else
      e.missing[#e.missing + 1] = name
    end
  end

  local function enqueue()
    local doc, given = next_doc()
    if not doc then exhausted = true; return end
    local e = { doc = doc, layers = given or {}, keys = {}, seen = {}, missing = {}, waiting = 0 }
    if keyed then
      for _, name in ipairs(list) do e.keys[name] = layer_key(doc, steps[name], opts, e.keys) end
    end
    for _, name in ipairs(names) do resolve(e, name) end
    tail = tail + 1
    queue[tail] = e
  end

  local function busy_runner()
    for _, r in pairs(runners) do if r and r:busy() then return r end end
  end

  local function close_runners()
    for name, r in pairs(runners) do if r then r:close() end; runners[name] = false end
  end

  return function()
    while true do
      local e = queue[head]
      if e and e.waiting == 0 then
        queue[head] = nil
        head = head + 1
        for _, name in ipairs(e.missing) do   -- deps come before the layers that read them
          local v = compute(e.doc, name, e.layers, opts)
          e.layers[name] = v
          stores[name]:save(name, e.keys[name], v)
        end
        return e.doc, e.layers
      elseif e and (exhausted or tail - head >= (opts.lookahead or 64)) then
        -- the oldest document waits for a runner: let it finish some work
        local r = busy_runner()
        if not r then error("annotate: a document waits for no runner", 0) end
        r:step()
      elseif not exhausted then
        enqueue()
      else
        close_runners()
        return nil
      end
    end
  end
end

--- A checksum of every document of a corpus, for layers whose value depends on the
--- documents before it (actors discovered across documents). Chained over blocks of
--- SUM_BLOCK documents, so that it holds one block's sums, not one per document (a
--- corpus of millions of paragraphs).
M.SUM_BLOCK = 4096
function M.corpus_sum(corpus)
  local acc, parts = "", {}
  local function fold()
    acc = core.hash(acc .. "\n" .. table.concat(parts, "\n"))
    parts = {}
  end
  for doc in corpus:docs() do
    parts[#parts + 1] = M.document_sum(doc)
    if #parts == M.SUM_BLOCK then fold() end
  end
  if #parts > 0 or acc == "" then fold() end
  return acc
end

--- layer(doc, name, opts) -> one layer of one document (computed or loaded).
function M.layer(doc, name, opts)
  opts = opts or {}
  local sub = setmetatable({ docs = { doc } }, { __index = opts })
  stamps[sub] = stamps[opts]
  local _, layers = M.each(doc.corpus, { name }, sub)()
  return layers[name]
end

return M
