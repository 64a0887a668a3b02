--- clio.annotate.workers: clio.annotate.each over a corpus on worker threads.
---
---   local it = workers.each(corpus, { "claims" }, opts) or annotate.each(corpus, { "claims" }, opts)
---   for doc, layers in it do ... end
---
--- Each worker opens the corpus again as it was opened (corpus.paths, its open options),
--- takes ranges of whole documents of about JOB_BYTES, runs annotate.each on them with
--- the same options (the plain values among them: strings, numbers, booleans, lists of
--- strings) and sends back the named layers, encoded as the cache stores them
--- (clio.annotate.codec). Results come back in document order, so a caller sees what one
--- thread gives, byte for byte. A worker lets go of each document's tokens once its
--- layers are done, and keeps no layer it computed unless the run has a disk store
--- (then it saves there, as one thread would).
---
--- each() returns nil, and the caller runs annotate.each itself, when workers cannot
--- help or cannot give the same result: one thread ($CLIO_THREADS=1, --threads 1, a
--- sandbox or a limit), a corpus smaller than MIN_BYTES, one read from stdin, a caller's
--- own store, layers kept in memory for later analyses of the same run (unless
--- opts.transient), or only steps whose layers depend on the documents before (actors
--- discovered across documents: step.ordered). When some do, the workers compute the
--- layers those read, and this state computes the ordered ones, in document order.
local annotate = require "clio.annotate"
local codec = require "clio.annotate.codec"
local store_mod = require "clio.annotate.store"

local M = {}

M.JOB_BYTES = 1 << 20    -- a job: whole documents, about this many bytes
M.MIN_BYTES = 4 << 20    -- each worker builds its own grammars: worth it past a few MB
M.MAX_THREADS = 4

-- options that never travel: the documents, stores, callbacks and compiled data
local LOCAL = { docs = true, store = true, progress = true, vocabulary = true, ref = true, threads = true,
  transient = true, on_document = true, on_profile = true, on_action = true }

local function plain(v)
  local t = type(v)
  if t == "string" or t == "number" or t == "boolean" then return true end
  if t ~= "table" or getmetatable(v) then return false end
  local n = 0
  for _ in pairs(v) do n = n + 1 end
  if n ~= #v then return false end
  for _, x in ipairs(v) do if type(x) ~= "string" then return false end end
  return true
end

--- The options a worker gets: the values of opts and of the tables it inherits from
--- (__index), the nearest first; nil when one of them cannot travel (a function, a
--- loaded table): the worker could not compute what this state would.
function M.options(opts)
  local out, seen, t = {}, {}, opts
  while type(t) == "table" do
    for k, v in pairs(t) do
      if type(k) ~= "string" then return nil end
      if not seen[k] then
        seen[k] = true
        if not LOCAL[k] then
          if not plain(v) then return nil end
          out[k] = v
        end
      end
    end
    local mt = getmetatable(t)
    t = mt and mt.__index
  end
  return out
end

-- the worker's side ------------------------------------------------------------------

local states = {}   -- per worker: the corpus and options of each spec

local function state_of(spec)
  local st = states[spec]
  if st then return st end
  local cfg = codec.decode(spec)
  local corpus, err = require("clio").open(cfg.paths, cfg.open)
  if not corpus then error(err, 0) end
  if #corpus ~= cfg.ndocs then
    error(string.format("%s changed while it was read (%d documents, now %d)", cfg.paths[1], cfg.ndocs, #corpus), 0)
  end
  corpus._core:release_pages()   -- opening read every page; each job reads its own again
  local opts = cfg.opts
  opts.threads, opts.transient = 1, true
  st = { corpus = corpus, names = cfg.names, opts = opts }
  states[spec] = st
  return st
end

--- Runs one job (M.job): the named layers of documents a..b, with the work counted.
function M.run(job)
  local spec, a, b, pos = string.unpack("<s4i4i4", job)
  local st = state_of(spec)
  local docs = {}
  for i = a, b do
    local d = st.corpus:doc(i)
    local s, e
    s, e, pos = string.unpack("<i8i8", job, pos)
    if d.start ~= s or d["end"] ~= e then
      error(string.format("%s changed while it was read (document %d)", d.path, i), 0)
    end
    docs[#docs + 1] = d
  end
  annotate.reset_stats()
  st.opts.docs = docs
  local out = {}
  for doc, layers in annotate.each(st.corpus, st.names, st.opts) do
    local v = {}
    for k, name in ipairs(st.names) do v[k] = layers[name] end
    out[#out + 1] = v
    doc:forget()
  end
  st.opts.docs = nil
  -- the pages of the job's text (documents smaller than a page are released together)
  local first = docs[1]
  for k = 1, #docs do
    local d, nxt = docs[k], docs[k + 1]
    if not nxt or nxt.path ~= d.path then
      st.corpus._core:release_pages(first.index, first.start, d["end"])
      first = nxt
    end
  end
  return codec.encode { layers = out, computed = annotate.stats.computed, loaded = annotate.stats.loaded }
end

-- the caller's side ------------------------------------------------------------------

-- The layers split in two: those this state computes in document order (an ordered
-- step and every layer that reads one; deps first), and the others the workers send:
-- the named ones and those the ordered ones read (not the layers those read in turn).
local function split(names, opts)
  local here, seen, tainted = {}, {}, {}
  local function visit(name)
    if seen[name] then return end
    seen[name] = true
    local step = annotate.step(name)
    local t = step.ordered and step.ordered(opts) or false
    for _, d in ipairs(annotate.deps(step, opts)) do visit(d); t = t or tainted[d] end
    tainted[name] = t
    if t then here[#here + 1] = name end
  end
  for _, n in ipairs(names) do visit(n) end
  local remote, sent = {}, {}
  local function send(name)
    if not tainted[name] and not sent[name] then sent[name] = true; remote[#remote + 1] = name end
  end
  for _, n in ipairs(names) do send(n) end
  for _, h in ipairs(here) do
    for _, d in ipairs(annotate.deps(annotate.step(h), opts)) do send(d) end
  end
  return remote, here
end

--- each(corpus, names, opts) -> an iterator as annotate.each's, or nil (see above).
--- opts.threads, else $CLIO_THREADS: the number of workers, at any corpus size; else
--- the CPUs, at most MAX_THREADS, past MIN_BYTES only.
function M.each(corpus, names, opts)
  opts = opts or {}
  local parallel = require "clio.parallel"
  if opts.store or opts.docs or not corpus._open or #corpus < 2 then return nil end
  for _, p in ipairs(corpus.paths or { "-" }) do if p == "-" then return nil end end
  local store = M.store_of(opts)
  if store_mod.is_memory(store) and not opts.transient then return nil end
  -- layers that depend on the documents before: the workers compute what they read,
  -- this state computes them in order (annotate.each with the workers as its source)
  local remote, here = split(names, opts)
  if #remote == 0 then return nil end
  local n, total = #corpus, corpus._core:bytes()
  local threads = parallel.threads { asked = opts.threads, cap = M.MAX_THREADS, bytes = total,
    min_bytes = M.MIN_BYTES }
  if threads < 2 then return nil end
  local wopts = M.options(opts)
  if not wopts then return nil end
  local pool = parallel.pool("clio.annotate.workers", "run", { threads = threads })
  if pool.threads < 2 then pool:close(); return nil end   -- sandbox or limits: one state

  corpus._core:release_pages()   -- the workers read the text; this state reads none
  local spec = codec.encode { paths = corpus.paths, open = corpus._open, ndocs = n, names = remote,
    opts = wopts }
  local next_doc, submitted, pending = 1, 0, 0
  local ready, rk = nil, 0   -- the layers of the job taken last, and the next to hand out
  local first_of = {}        -- job number -> its first document

  local function submit()
    if next_doc > n then return false end
    local a, bytes, parts = next_doc, 0, {}
    local b = a
    while b <= n do
      local d = corpus:doc(b)
      parts[#parts + 1] = string.pack("<i8i8", d.start, d["end"])
      bytes = bytes + (d["end"] - d.start)
      if bytes >= M.JOB_BYTES then break end
      b = b + 1
    end
    if b > n then b = n end
    submitted = submitted + 1
    first_of[submitted] = a
    pool:submit(string.pack("<s4i4i4", spec, a, b) .. table.concat(parts))
    pending = pending + 1
    next_doc = b + 1
    return true
  end

  local taken, doc_at = 0, nil
  local closed = false
  local function close()
    if not closed then closed = true; pool:close() end
  end
  local function from_workers()
    while true do
      if ready and rk <= #ready then
        local v = ready[rk]
        local layers = {}
        for k, name in ipairs(remote) do layers[name] = v[k] end
        local doc = corpus:doc(doc_at + rk - 1)
        rk = rk + 1
        return doc, layers
      end
      while pending < pool.threads * 2 and submit() do end
      if pending == 0 then close(); return nil end
      local ok, result = pcall(pool.take, pool)
      if not ok then close(); error(result, 0) end
      pending = pending - 1
      taken = taken + 1
      local r = codec.decode(result)
      for name, c in pairs(r.computed) do annotate.stats.computed[name] = (annotate.stats.computed[name] or 0) + c end
      for name, c in pairs(r.loaded) do annotate.stats.loaded[name] = (annotate.stats.loaded[name] or 0) + c end
      ready, rk, doc_at = r.layers, 1, first_of[taken]
      first_of[taken] = nil
    end
  end
  if #here == 0 then return from_workers end
  return annotate.each(corpus, names, opts, from_workers)
end

--- The store annotate.each would use for these options.
function M.store_of(opts)
  return annotate.store_at(opts.annotations) or annotate.store()
end

return M
