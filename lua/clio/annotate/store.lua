--- clio.annotate.store: where computed annotation layers are kept, by key.
---
---   disk: one file per document and layer under clio's cache folder
---     ($XDG_CACHE_HOME/clio/annotations/LAYER/KEY, default ~/.cache/clio/...), written
---     to a temporary name and renamed, so a reader never sees half an entry;
---   memory: a table, for runs that keep no cache (CLIO_NO_CACHE=1, --sandbox, a
---     limit, or a Lua that is not clio's host), so one run still computes each layer of
---     each document once.
--- An entry is codec.MAGIC, the key, and the encoded layer; one that does not match is
--- treated as missing (and written again).
local core = require "clio.core"
local codec = require "clio.annotate.codec"

local M = {}

local Disk = {}
Disk.__index = Disk

local function read_all(path)
  local f = io.open(path, "rb")
  if not f then return nil end
  local s = f:read "a"
  f:close()
  return s
end

function Disk:path(layer, key)
  local dir = self.dirs[layer]
  if dir == nil then
    -- a folder per layer, so that one layer can be cleared alone
    if self.root then
      dir = self.root .. "/" .. layer
      dir = core.mkdir(dir) and dir or false
    else
      dir = core.cache_dir("annotations/" .. layer) or false
    end
    self.dirs[layer] = dir
  end
  return dir and (dir .. "/" .. key)
end

--- load(layer, key) -> the layer's value, or nil when missing or damaged
function Disk:load(layer, key)
  local path = self:path(layer, key)
  if not path then return nil end
  local s = read_all(path)
  if not s then return nil end
  local head = codec.MAGIC .. key .. "\n"
  if s:sub(1, #head) ~= head then return nil end
  local ok, v = pcall(codec.decode, s, #head + 1)
  if not ok then return nil end
  return v
end

--- save(layer, key, value): written whole or not at all (a cache: failures are silent)
function Disk:save(layer, key, value)
  local path = self:path(layer, key)
  if not path then return end
  local ok, body = pcall(codec.encode, value)
  if not ok then return end
  self.serial = self.serial + 1
  local tmp = string.format("%s.tmp-%d-%d", path, self.pid, self.serial)
  local f = io.open(tmp, "wb")
  if not f then return end
  local wrote = f:write(codec.MAGIC, key, "\n", body)
  local closed = f:close()
  if wrote and closed and os.rename(tmp, path) then return end
  os.remove(tmp)
end

local Memory = {}
Memory.__index = Memory

function Memory:load(layer, key) return self.entries[layer .. "/" .. key] end
function Memory:save(layer, key, value) self.entries[layer .. "/" .. key] = value end

local Nothing = { memory = true }
function Nothing.load() return nil end
function Nothing.save() end

--- none() -> a store that keeps nothing: a run that reads each layer once (one
--- analysis with no cache) instead of a memory store that grows with the corpus.
function M.none() return Nothing end

--- is_memory(store) -> true for a store that lasts only as long as the process.
function M.is_memory(store) return getmetatable(store) == Memory or store == Nothing end

--- at(dir) -> a disk store rooted at dir (dir/LAYER/KEY) instead of the cache folder: a
--- segment that `clio annotate --part` writes, or the merged store `clio merge` makes,
--- which analyses read with --annotations DIR.
function M.at(dir)
  local ok, err = core.mkdir(dir)
  if not ok then error(err, 0) end
  return setmetatable({ root = dir, dirs = {}, serial = 0, pid = math.random(1 << 30) }, Disk)
end

--- open([opts]) -> the disk store when this run may keep a cache, else (or with
--- opts.memory) a memory store.
function M.open(opts)
  local root = not (opts and opts.memory) and core.cache_dir and core.cache_dir("annotations")
  if root then
    return setmetatable({ dirs = {}, serial = 0,
      pid = math.random(1 << 30) }, Disk)
  end
  return setmetatable({ entries = {} }, Memory)
end

return M
