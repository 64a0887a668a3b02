--- clio.parallel: a function of a Lua module run over string jobs on worker threads,
--- results taken back in the order the jobs went in.
---
---   local pool <close> = clio.parallel.pool("mymodule", "run", { threads = 2 })
---   pool:submit(job)               -- a string
---   local out = pool:take()        -- the oldest job's result string (waits for it)
---
--- Each worker is a fresh Lua state that runs require(module)[fn](job) -> string, so a
--- job sees its module's upvalues (built once per worker) and nothing of the caller:
--- whatever it needs travels inside the job string (string.pack is the usual way).
--- A failed job raises its message in take(). With one thread, under --sandbox or a
--- limit (--max-instructions, --timeout, --max-memory), the jobs run in the caller's
--- state instead, one by one as they are submitted: same results, same order.
local core = require "clio.core"

local M = {}

--- How many worker threads a piece of work gets, decided here for every caller:
--- the count asked for (`opts.asked`: a --threads option), else $CLIO_THREADS, else the
--- CPUs online, at most `opts.cap` (each worker is a Lua state of its own: a caller may
--- want fewer), and one for work under `opts.min_bytes` (`opts.bytes` long): starting
--- workers would cost more than they save. A count asked for (option or environment)
--- holds at any size. Always 1 to 64; the second result says whether it was asked for.
--- `threads(cap)` is `threads{ cap = cap }`.
---@param opts? integer|{asked?: integer, cap?: integer, bytes?: integer, min_bytes?: integer}
---@return integer, boolean
function M.threads(opts)
  if type(opts) ~= "table" then opts = { cap = opts } end
  local n = opts.asked
  if not n then
    local env = tonumber(os.getenv and os.getenv("CLIO_THREADS") or "")  -- no getenv in --sandbox
    if env and env >= 1 then n = env end
  end
  if n then return math.max(1, math.min(math.floor(n), 64)), true end
  if opts.min_bytes and (opts.bytes or 0) < opts.min_bytes then return 1, false end
  return math.min(core.cpus(), opts.cap or 64, 64), false
end

local Inline = {}
Inline.__index = Inline

-- an error as a worker reports it: strings and numbers as text, others by type
local function error_text(e)
  if type(e) == "string" or type(e) == "number" then return tostring(e) end
  return string.format("(error object is a %s value)", type(e))
end

function Inline:submit(job)
  local ok, out = pcall(self.fn, job)
  if not ok then out = error_text(out)
  elseif type(out) ~= "string" then ok, out = false, "the job function returned no string" end
  self.n = self.n + 1
  self.results[self.n] = { ok, out }
  return self.n - self.first + 1
end

function Inline:take()
  if self.first > self.n then return nil end
  local r = self.results[self.first]
  self.results[self.first] = nil
  self.first = self.first + 1
  if not r[1] then error(r[2], 0) end
  return r[2]
end

function Inline:pending() return self.n - self.first + 1 end
function Inline:close() end
Inline.__close = Inline.close

local Threaded = {}
Threaded.__index = Threaded

function Threaded:submit(job) return self.pool:submit(job) end

function Threaded:take()
  local out, err = self.pool:take()
  if out == nil and err then error(err, 0) end
  return out
end

function Threaded:pending() return self.pool:pending() end
function Threaded:close() self.pool:close() end
Threaded.__close = Threaded.close

--- pool(module, fn, { threads = n }) -> a pool with :submit(job), :take(), :pending(),
--- :close() (also a to-be-closed value). `threads` defaults to M.threads().
function M.pool(module, fn, opts)
  local threads = M.threads { asked = opts and opts.threads }
  if threads > 1 then
    local p = core.pool(module, fn, threads)
    if p then return setmetatable({ pool = p, threads = threads }, Threaded) end
  end
  local f = require(module)[fn]
  assert(type(f) == "function", string.format("module '%s' has no function '%s'", module, fn))
  return setmetatable({ fn = f, results = {}, first = 1, n = 0, threads = 1 }, Inline)
end

return M
