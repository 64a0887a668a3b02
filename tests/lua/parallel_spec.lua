-- Worker threads (clio.core.pool, clio.parallel), candidate sentences handed over block
-- by block, and anchoring carried from one piece of a document to the next: what
-- `clio timeline` relies on to give the same output with any number of threads.
local spec = dofile("tests/lua/spec.lua")
local it, eq, contains, raises = spec.it, spec.eq, spec.contains, spec.raises

-- the job functions: tests/lua/fixtures/parallel_job.lua, found by the workers through
-- the package.path they copy when the pool is made
package.path = "tests/lua/fixtures/?.lua;" .. package.path

local clio = require "clio"
local core = clio.core
local parallel = require "clio.parallel"
local jobs = require "parallel_job"     -- the same functions, run here for reference

local MODULE = "parallel_job"

-- runs fn with the caller's state marked confined (as under --sandbox or a limit)
local function confined(fn)
  local registry = debug.getregistry()
  registry["clio.confined"] = true
  local ok, err = pcall(fn)
  registry["clio.confined"] = nil
  if not ok then error(err, 0) end
end

-- every error a pool raises, as a string (spec.raises wants a substring)
local function error_of(fn, ...)
  local ok, err = pcall(fn, ...)
  assert(not ok, "expected an error")
  return tostring(err)
end

local function work_job(i)
  -- odd jobs are quick, even ones up to ~50000 rounds: later jobs finish first
  return i .. ":" .. (i % 2 == 0 and (i * 7919) % 97 * 500 or i % 5)
end

---------------------------------------------------------------------------
-- clio.core.pool and clio.parallel.pool

it("returns 200 results in submission order, equal to running the jobs inline", function()
  local want = {}
  for i = 1, 200 do want[i] = jobs.work(work_job(i)) end
  for _, threads in ipairs { 1, 2, 3 } do
    local pool <close> = parallel.pool(MODULE, "work", { threads = threads })
    eq(pool.threads, threads, "threads used (1 = inline)")
    for i = 1, 200 do eq(pool:submit(work_job(i)), i, "submit returns the jobs pending") end
    local got = {}
    for i = 1, 200 do got[i] = pool:take() end
    eq(got, want, "results with " .. threads .. " thread(s)")
    eq(pool:take(), nil, "nothing left")
  end
end)

it("keeps the order when results are taken while jobs are still going in", function()
  local pool <close> = parallel.pool(MODULE, "work", { threads = 2 })
  local got, taken = {}, 0
  for i = 1, 300 do
    pool:submit(work_job(i))
    while pool:pending() > 5 do taken = taken + 1; got[taken] = pool:take() end
  end
  while pool:pending() > 0 do taken = taken + 1; got[taken] = pool:take() end
  eq(taken, 300)
  for i = 1, 300 do eq(got[i], jobs.work(work_job(i)), "result " .. i) end
end)

it("runs core.pool jobs on worker states, in order", function()
  local p = assert(core.pool(MODULE, "work", 2))
  for i = 1, 100 do p:submit(work_job(i)) end
  for i = 1, 100 do eq(p:take(), jobs.work(work_job(i)), "result " .. i) end
  eq(p:take(), nil)
  p:close()
end)

it("carries binary strings, NUL bytes and empty strings both ways", function()
  local all = {}
  for b = 0, 255 do all[#all + 1] = string.char(b) end
  local inputs = {
    "", "\0", "a\0b\0\0c", table.concat(all), string.rep("\0\255", 5000),
    string.pack("<i8i8i8", 1, -2, 3), string.rep("x", 1 << 20) .. "\0end",
  }
  for _, threads in ipairs { 1, 2 } do
    local pool <close> = parallel.pool(MODULE, "reverse", { threads = threads })
    for _, s in ipairs(inputs) do pool:submit(s) end
    for k, s in ipairs(inputs) do
      local out = pool:take()
      eq(#out, #s + 1 + #tostring(#s), "length of result " .. k)
      eq(out, s:reverse() .. "|" .. #s, "result " .. k .. " with " .. threads .. " thread(s)")
    end
  end
  local p = assert(core.pool(MODULE, "reverse", 2))
  p:submit("\0\1\0")
  eq(p:take(), "\0\1\0|3")
  p:close()
end)

it("raises a failed job's message in take, and the jobs after it still run", function()
  local messages = {}
  for _, threads in ipairs { 1, 2 } do
    local pool <close> = parallel.pool(MODULE, "fail_on_demand", { threads = threads })
    pool:submit("a")
    pool:submit("fail1")
    pool:submit("b")
    pool:submit("fail2")
    pool:submit("c")
    eq(pool:take(), "ok a")
    messages[threads] = error_of(pool.take, pool)
    contains(messages[threads], "refused job fail1")
    contains(messages[threads], "parallel_job.lua:")
    eq(pool:take(), "ok b", "the job after a failure")
    raises(function() pool:take() end, "refused job fail2")
    eq(pool:take(), "ok c")
    eq(pool:pending(), 0)
    pool:submit("d")
    eq(pool:take(), "ok d", "a new job after failures")
  end
  eq(messages[2], messages[1], "the same message from a worker and inline")
  -- core.pool itself: nil and the message
  local p = assert(core.pool(MODULE, "fail_on_demand", 2))
  p:submit("fail3")
  p:submit("e")
  local out, err = p:take()
  eq(out, nil)
  contains(err, "refused job fail3")
  eq(select("#", p:take()), 1, "a result alone, no message")
  p:close()
end)

it("fails a job whose function returns no string", function()
  for _, fn in ipairs { "number", "nothing" } do
    for _, threads in ipairs { 1, 2 } do
      local pool <close> = parallel.pool(MODULE, fn, { threads = threads })
      pool:submit("abc")
      pool:submit("def")
      raises(function() pool:take() end, "the job function returned no string")
      raises(function() pool:take() end, "the job function returned no string")
      eq(pool:take(), nil)
    end
    local p = assert(core.pool(MODULE, fn, 2))
    p:submit("x")
    local out, err = p:take()
    eq(out, nil)
    eq(err, "the job function returned no string")
    p:close()
  end
end)

it("reports an error that is not a string alike with and without workers", function()
  for fn, want in pairs { raise_table = "(error object is a table value)", raise_number = "7" } do
    for _, threads in ipairs { 1, 2 } do
      local pool <close> = parallel.pool(MODULE, fn, { threads = threads })
      pool:submit("x")
      local ok, err = pcall(pool.take, pool)
      eq({ ok, err }, { false, want }, fn .. " with " .. threads .. " thread(s)")
    end
  end
end)

it("names the function a module lacks, and a module that is not found", function()
  for _, fn in ipairs { "missing", "not_a_function", "a_string" } do
    local want = "module 'parallel_job' has no function '" .. fn .. "'"
    raises(function() parallel.pool(MODULE, fn, { threads = 1 }) end, want)
    local p = assert(core.pool(MODULE, fn, 2))
    p:submit("x")
    p:submit("y")
    local out, err = p:take()
    eq(out, nil)
    eq(err, want)
    out, err = p:take()
    eq({ out, err }, { nil, want }, "every job fails the same way")
    p:close()
    local pool <close> = parallel.pool(MODULE, fn, { threads = 2 })
    pool:submit("x")
    raises(function() pool:take() end, want)
  end
  local p = assert(core.pool("no_such_parallel_job", "run", 2))
  p:submit("x")
  local out, err = p:take()
  eq(out, nil)
  contains(err, "module 'no_such_parallel_job' not found")
  p:close()
  raises(function() parallel.pool("no_such_parallel_job", "run", { threads = 1 }) end,
    "module 'no_such_parallel_job' not found")
end)

it("counts the jobs pending", function()
  for _, threads in ipairs { 1, 2 } do
    local pool <close> = parallel.pool(MODULE, "reverse", { threads = threads })
    eq(pool:pending(), 0)
    eq(pool:submit("a"), 1)
    eq(pool:submit("b"), 2)
    eq(pool:submit("c"), 3)
    eq(pool:pending(), 3)
    eq(pool:take(), "a|1")
    eq(pool:pending(), 2)
    eq(pool:submit("d"), 3)
    eq(pool:take(), "b|1")
    eq(pool:take(), "c|1")
    eq(pool:take(), "d|1")
    eq(pool:pending(), 0)
    eq(pool:take(), nil)
    eq(pool:pending(), 0, "taking from an empty pool changes nothing")
  end
  local p = assert(core.pool(MODULE, "reverse", 2))
  for i = 1, 40 do eq(p:submit(tostring(i)), i) end     -- past the first ring size
  eq(p:pending(), 40)
  for i = 1, 40 do
    eq(p:take(), tostring(i):reverse() .. "|" .. #tostring(i))
    eq(p:pending(), 40 - i)
  end
  p:close()
end)

it("returns plain nil from take when nothing is pending", function()
  local p = assert(core.pool(MODULE, "reverse", 2))
  eq(select("#", p:take()), 1)
  eq(p:take(), nil)
  p:submit("x")
  eq(p:take(), "x|1")
  eq(select("#", p:take()), 1)
  eq(p:take(), nil)
  p:close()
  for _, threads in ipairs { 1, 2 } do
    local pool <close> = parallel.pool(MODULE, "reverse", { threads = threads })
    eq(pool:take(), nil)
  end
end)

it("refuses every use of a closed pool", function()
  local p = assert(core.pool(MODULE, "reverse", 2))
  p:submit("x")
  p:close()
  raises(function() p:submit("y") end, "the pool is closed")
  raises(function() p:take() end, "the pool is closed")
  raises(function() p:pending() end, "the pool is closed")
  p:close() -- closing twice is harmless
  local pool = parallel.pool(MODULE, "reverse", { threads = 2 })
  pool:close()
  raises(function() pool:submit("y") end, "the pool is closed")
  raises(function() pool:take() end, "the pool is closed")
  -- a to-be-closed pool is closed when its block ends
  local kept
  do
    local scoped <close> = parallel.pool(MODULE, "reverse", { threads = 2 })
    kept = scoped
    scoped:submit("z")
  end
  raises(function() kept:pending() end, "the pool is closed")
end)

it("closes a pool with jobs still queued and running", function()
  local p = assert(core.pool(MODULE, "work", 2))
  for i = 1, 50 do p:submit(i .. ":200000") end
  eq(p:take(), jobs.work("1:200000"), "the first one")
  p:close()
  raises(function() p:take() end, "the pool is closed")
  local q = assert(core.pool(MODULE, "work", 3))
  for i = 1, 20 do q:submit(i .. ":100000") end
  q = nil
  collectgarbage()
  collectgarbage() -- the collector closes an abandoned pool
end)

it("builds a worker's module once and reuses it for its jobs", function()
  local n = 120
  local p = assert(core.pool(MODULE, "count", 2))
  for i = 1, n do p:submit(tostring(i)) end
  local here = jobs.count(""):match("^(.-):")
  local seen, states = {}, 0
  for i = 1, n do
    local out = p:take()
    local id, count = out:match("^(.-):(%d+)$")
    assert(id, "result " .. i .. " is state:count, got " .. tostring(out))
    assert(id ~= here, "a job ran in the caller's state")
    if not seen[id] then seen[id] = 0; states = states + 1 end
    seen[id] = seen[id] + 1
    eq(tonumber(count), seen[id], "the count of jobs that state ran (result " .. i .. ")")
  end
  eq(states >= 1 and states <= 2, true, "at most one module per worker thread, got " .. states)
  p:close()
  -- inline, the caller's own module (and its counter) serves the jobs
  local before = tonumber(jobs.count(""):match(":(%d+)$"))
  local pool <close> = parallel.pool(MODULE, "count", { threads = 1 })
  for _ = 1, 3 do pool:submit("") end
  for k = 1, 3 do eq(pool:take(), here .. ":" .. (before + k)) end
end)

it("gives workers the caller's preloaded C modules", function()
  local p = assert(core.pool("clio.core", "fold", 2))  -- clio.core comes from package.preload
  p:submit("ÉCOLE Ǆ")
  eq(p:take(), core.fold("ÉCOLE Ǆ"))
  p:close()
end)

it("runs inline when the caller is confined, with the same results", function()
  confined(function()
    local p, why = core.pool(MODULE, "work", 2)
    eq(p, nil)
    eq(why, "no worker threads under --sandbox or a limit")
    local pool <close> = parallel.pool(MODULE, "work", { threads = 4 })
    eq(pool.threads, 1, "clio.parallel falls back to the caller's state")
    for i = 1, 50 do pool:submit(work_job(i)) end
    for i = 1, 50 do eq(pool:take(), jobs.work(work_job(i))) end
  end)
  local p = assert(core.pool(MODULE, "work", 2), "allowed again once not confined")
  p:close()
end)

it("checks the thread count", function()
  raises(function() core.pool(MODULE, "work", 0) end, "threads must be 1 to 64")
  raises(function() core.pool(MODULE, "work", 65) end, "threads must be 1 to 64")
  local p = assert(core.pool(MODULE, "work", 64))
  p:submit("1:10")
  eq(p:take(), jobs.work("1:10"))
  p:close()
end)

it("defaults to $CLIO_THREADS or the CPUs", function()
  local n = parallel.threads()
  eq(math.type(n), "integer")
  eq(n >= 1 and n <= 64, true, "1 to 64, got " .. n)
  local env = tonumber(os.getenv("CLIO_THREADS") or "")
  if env and env >= 1 then
    eq(n, math.min(math.floor(env), 64))
  else
    eq(n, math.min(core.cpus(), 64))
  end
  eq(core.cpus() >= 1, true)
  local pool <close> = parallel.pool(MODULE, "reverse")
  eq(pool.threads, n > 1 and n or 1, "a pool without threads= uses the default")
end)

-- runs fn with $CLIO_THREADS as `value` (nil: unset), as a user would set it
local function with_threads_env(value, fn)
  local real = os.getenv
  os.getenv = function(k) if k == "CLIO_THREADS" then return value end return real(k) end
  local ok, err = pcall(fn)
  os.getenv = real
  if not ok then error(err, 0) end
end

it("one thread count for every caller: the option, then $CLIO_THREADS, then the CPUs", function()
  local cpus = core.cpus()
  with_threads_env(nil, function()
    eq({ parallel.threads { asked = 3 } }, { 3, true }, "an option")
    eq({ parallel.threads { cap = 2 } }, { math.min(cpus, 2), false }, "the CPUs, at most cap")
    eq(parallel.threads(2), math.min(cpus, 2), "threads(cap) is threads{cap = cap}")
    eq({ parallel.threads { cap = 2, bytes = 99, min_bytes = 100 } }, { 1, false }, "small work: one")
    eq({ parallel.threads { cap = 2, min_bytes = 100 } }, { 1, false }, "unknown size: small")
    eq(parallel.threads { cap = 2, bytes = 100, min_bytes = 100 }, math.min(cpus, 2), "large work")
    eq(parallel.threads { asked = 2, bytes = 1, min_bytes = 100 }, 2, "an option holds at any size")
    eq(parallel.threads { asked = 500 }, 64)
    eq(parallel.threads { asked = 0 }, 1)
  end)
  with_threads_env("5", function()
    eq({ parallel.threads { cap = 2, bytes = 1, min_bytes = 100 } }, { 5, true },
      "the environment holds at any size, past the cap")
    eq(parallel.threads { asked = 2 }, 2, "the option before the environment")
    local pool <close> = parallel.pool(MODULE, "reverse")
    eq(pool.threads, 5, "a pool without threads= uses it")
  end)
  with_threads_env("7.9", function() eq(parallel.threads(), 7) end)
  with_threads_env("500", function() eq(parallel.threads(), 64) end)
  for _, ignored in ipairs { "0", "junk", "" } do
    with_threads_env(ignored, function()
      eq({ parallel.threads { cap = 1 } }, { 1, false }, "CLIO_THREADS=" .. ignored .. " is ignored")
    end)
  end
end)

it("the core's counting threads follow the same count, with the same totals", function()
  local c = assert(clio.open("data/corpora/stalin-essays"))
  local real, asked = c._core, {}
  -- the corpus's core object, recording the threads each counting call is given
  c._core = setmetatable({}, { __index = function(_, k)
    local f = real[k]
    if type(f) ~= "function" then return f end
    return function(_, ...)
      if k == "stats" or k == "term_counts" then asked[#asked + 1] = (...).threads end
      return f(real, ...)
    end
  end })
  local got = {}
  for _, env in ipairs { "1", "3" } do
    with_threads_env(env, function()
      got[env] = { c:stats(), c:term_counts { limit = 30 } }
    end)
  end
  with_threads_env("3", function() c:stats { threads = 2 } end)
  c._core = real
  eq(asked, { 1, 1, 3, 3, 2 }, "$CLIO_THREADS, then the option")
  eq(got["3"], got["1"], "the same totals and term counts on 1 and 3 threads")
end)

it("the timeline's workers follow the same count", function()
  local runner = require("clio.annotate.timex").runner
  local function threads_of(opts)
    local r = runner(opts)
    local n = r.pool.threads
    r:close()
    return n
  end
  with_threads_env("2", function()
    eq(threads_of { corpus_bytes = 100 }, 2, "$CLIO_THREADS on a small corpus")
    eq(threads_of { corpus_bytes = 100, threads = 1 }, 1, "--threads before $CLIO_THREADS")
  end)
  with_threads_env(nil, function()
    eq(threads_of { corpus_bytes = 100 }, 1, "nothing asked, a small corpus: one")
  end)
end)

---------------------------------------------------------------------------
-- candidate sentences, block by block

local SAMPLE = "data/corpora/stalin-essays"
local tagger = clio.timex.new()
local trigger_set = core.termset(tagger:trigger_words())

local function triples(packed)
  assert(#packed % 24 == 0, "packed candidates are 24-byte triples, got " .. #packed .. " bytes")
  local out = {}
  for pos = 1, #packed, 24 do
    local s, e, n = string.unpack("<i8i8i8", packed, pos)
    out[#out + 1] = { start = s, ["end"] = e, sentence = n }
  end
  return out
end

-- a document's candidates by blocks: the blocks' triples, checked as they come
local function by_blocks(doc, set, bytes)
  local blocks, all, last = 0, {}, 0
  for packed in doc:candidate_blocks(set, bytes) do
    blocks = blocks + 1
    eq(#packed % 24, 0, "a block is whole triples")
    for _, c in ipairs(triples(packed)) do
      assert(c.sentence > last, string.format("sentence %d after %d in %s", c.sentence, last, doc.name))
      assert(c.start < c["end"], "a candidate is not empty")
      last = c.sentence
      all[#all + 1] = c
    end
  end
  return all, blocks
end

local function write_temp(text)
  local path = os.tmpname()
  local f = assert(io.open(path, "wb"))
  f:write(text)
  f:close()
  return path
end

-- paragraphs, blank lines of spaces and \r, and a cleaning gap ("... middle of
-- paper ...") that spans two blank lines: no block may end inside it
local PARAGRAPHS = table.concat({
  "In March 1921 the congress met. Lenin spoke for two hours.",
  "The next year the party changed. Nothing else was said.\r\n \t",
  "Stalin became general secretary in April 1922. He was patient ...",
  "middle\n\nof paper ... In May 1923 the letter was read.",
  "A week later the delegates voted. They kept him.",
  "",
  "Two years later Trotsky was out. By 1927 he was expelled. Then exile.",
  "No date here at all. Only words.",
  "On 3 May 1924 a congress opened and\nwent on for days.",
}, "\n\n")

it("hands over the same candidates block by block as all at once", function()
  -- the sample's excerpts are one paragraph each; joined by blank lines, one document
  -- of sixteen paragraphs (with the show-more gaps of the first)
  local essays = {}
  local sample = assert(clio.open(SAMPLE))
  for doc in sample:docs() do essays[#essays + 1] = doc:text() end
  local joined = write_temp(table.concat(essays, "\n\n"))
  local path = write_temp(PARAGRAPHS)
  local corpora = { sample, assert(clio.open(path)), assert(clio.open(joined)) }
  local multi, found = 0, 0
  for _, corpus in ipairs(corpora) do
    for doc in corpus:docs() do
      local whole = doc:candidates(trigger_set, false, true)
      found = found + #whole // 24
      for _, bytes in ipairs { 1, 16, 100, 700, 5000 } do
        local parts = {}
        for packed in doc:candidate_blocks(trigger_set, bytes) do parts[#parts + 1] = packed end
        eq(table.concat(parts), whole, doc.name .. " in blocks of " .. bytes .. " bytes")
        local all, blocks = by_blocks(doc, trigger_set, bytes)
        eq(#all, #whole // 24)
        if bytes == 1 and doc:text():find("\n[ \t\r]*\n") then
          eq(blocks > 1, true, doc.name .. " has paragraphs: more than one block")
          multi = multi + 1
        end
      end
      local one = {}
      for packed in doc:candidate_blocks(trigger_set) do one[#one + 1] = packed end
      eq(#one, 1, "one block of the default size for a small document")
      eq(one[1], whole)
    end
  end
  eq(multi, 2, "the two documents with paragraphs were cut into blocks")
  eq(found > 100, true, "candidates found: " .. found)
  -- once analysed, the same
  local doc = corpora[2]:doc(1)
  local before = doc:candidates(trigger_set, false, true)
  doc:sentences()
  eq(doc:candidates(trigger_set, false, true), before, "analysed: the same candidates")
  local parts = {}
  for packed in doc:candidate_blocks(trigger_set, 1) do parts[#parts + 1] = packed end
  eq(table.concat(parts), before, "analysed: the same blocks")
  for _, c in ipairs(corpora) do c:close() end
  os.remove(path)
  os.remove(joined)
end)

it("ends blocks just after blank lines outside gaps, and numbers sentences on", function()
  local path = write_temp(PARAGRAPHS)
  local corpus <close> = assert(clio.open(path))
  local doc = corpus:doc(1)
  local text = doc:text()
  local gaps = doc:gaps()
  eq(#gaps, 1, "the middle-of-paper gap")
  local g = gaps[1]
  contains(doc:text(g.start, g["end"]), "middle\n\nof paper")
  local sentences = doc:sentences()
  local pos, sentence, ends = doc.start, 0, {}
  while pos < doc["end"] do
    local packed, nxt, after = corpus._core:candidate_block(1, trigger_set, false, pos, 1, sentence)
    assert(nxt > pos, "a block moves on")
    for _, c in ipairs(triples(packed)) do
      assert(c.start >= pos and c["end"] <= nxt, "a candidate lies in its block")
      assert(c.sentence > sentence and c.sentence <= after, "numbered on from the block before")
      -- the number is the sentence's own (1-based) in the whole document
      eq(sentences[c.sentence].start, c.start, "sentence " .. c.sentence .. " start")
      eq(sentences[c.sentence]["end"], c["end"], "sentence " .. c.sentence .. " end")
    end
    ends[#ends + 1] = nxt
    pos, sentence = nxt, after
  end
  eq(pos, doc["end"], "the last block ends at the document's end")
  eq(sentence, #sentences, "every sentence counted")
  for k = 1, #ends - 1 do
    local at = ends[k]
    assert(text:sub(1, at):find("\n[ \t\r]*\n$"), "block " .. k .. " ends after a blank line")
    assert(not (at > g.start and at < g["end"]), "no block ends inside the gap")
  end
  -- nine paragraphs, one of them empty (two blank lines in a row) and two joined by
  -- the gap: seven blocks
  eq(#ends, 7, "one block per paragraph, the gap's two blank lines no cut")
  os.remove(path)
end)

it("packs candidates as the table form gives them, merged or not", function()
  local corpus <close> = assert(clio.open(SAMPLE))
  local words = { "year", "march", "lenin", "stalin", "trotsky" }
  for doc in corpus:docs() do
    for _, merge in ipairs { false, true } do
      local list = doc:candidates(words, merge)
      local packed = doc:candidates(words, merge, true)
      eq(type(packed), "string")
      local t = triples(packed)
      eq(#t, #list, doc.name .. " count")
      for k, c in ipairs(list) do
        eq(t[k], { start = c.start, ["end"] = c["end"], sentence = c.sentence }, doc.name .. " candidate " .. k)
      end
      if merge == false then
        local sentences = doc:sentences()
        for _, c in ipairs(t) do
          eq(sentences[c.sentence].start, c.start, "a 1-based sentence number")
        end
      end
    end
    eq(doc:candidates(core.termset(words), false, true), doc:candidates(words, false, true),
      "a termset or a word list")
  end
end)

it("gives empty blocks, in order, for a document without candidates", function()
  local path = write_temp("Nothing here.\n\nNor here.\n\nStill nothing.")
  local corpus <close> = assert(clio.open(path))
  local doc = corpus:doc(1)
  local set = core.termset { "zebra" }
  eq(doc:candidates(set, false, true), "")
  local n = 0
  for packed in doc:candidate_blocks(set, 1) do n = n + 1; eq(packed, "") end
  eq(n, 3, "one block per paragraph")
  os.remove(path)
end)

---------------------------------------------------------------------------
-- anchoring piece by piece

local NARRATIVE = "In March 1921 the party met in Moscow. The next year it split. "
  .. "Two weeks later the leaders argued. On 3 May 1924 a congress opened. "
  .. "The following month it closed. Three days later Trotsky spoke. "
  .. "In the autumn they quarrelled again. That December the plenum met. "
  .. "On Tuesday the delegates left."

local function values(exprs)
  local out = {}
  for k, e in ipairs(exprs) do out[k] = { text = e.text, value = e.value, anchor = e.anchor or false } end
  return out
end

it("anchors a document piece by piece as it anchors it whole", function()
  local whole = values(tagger:anchor(tagger:extract(NARRATIVE)))
  eq(#whole >= 8, true, "the narrative's expressions")
  eq(whole[2].value, "1922", "the next year")
  eq(whole[5].value, "1924-06", "the following month")
  for cut = 0, #whole do
    local exprs = tagger:extract(NARRATIVE)
    local first, second = {}, {}
    for k, e in ipairs(exprs) do
      if k <= cut then first[#first + 1] = e else second[#second + 1] = e end
    end
    local state = {}
    tagger:anchor(first, { state = state })
    tagger:anchor(second, { state = state })
    local got = values(first)
    for _, v in ipairs(values(second)) do got[#got + 1] = v end
    eq(got, whole, "cut after expression " .. cut)
  end
  -- one piece per expression
  local state, got = {}, {}
  for _, e in ipairs(tagger:extract(NARRATIVE)) do
    tagger:anchor({ e }, { state = state })
    got[#got + 1] = values({ e })[1]
  end
  eq(got, whole, "one expression at a time")
  -- without the state, the second half has nothing to anchor to
  local exprs = tagger:extract(NARRATIVE)
  local second = {}
  for k = 5, #exprs do second[#second + 1] = exprs[k] end
  tagger:anchor(second)
  eq(second[1].text, "The following month")
  eq(second[1].value ~= "1924-06", true, "no anchor without the state")
end)

it("anchors pieces against a reference time as it anchors the whole", function()
  local ref = "1930-06-15"
  local whole = values(tagger:anchor(tagger:extract(NARRATIVE), { reference_time = ref }))
  local exprs = tagger:extract(NARRATIVE)
  local first, second = {}, {}
  for k, e in ipairs(exprs) do
    if k <= 3 then first[#first + 1] = e else second[#second + 1] = e end
  end
  local state = {}
  tagger:anchor(first, { reference_time = ref, state = state })
  tagger:anchor(second, { reference_time = ref, state = state })
  local got = values(first)
  for _, v in ipairs(values(second)) do got[#got + 1] = v end
  eq(got, whole)
end)

return spec.done()
