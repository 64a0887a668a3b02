--- `clio --sandbox`: a script sees the clio API, string/table/math/utf8/lpeg and
--- read-only access to what its command line names; it writes only its -o file.
--
-- The rules are put into the one global environment, in place, before the script is
-- loaded, so that clio's own modules obey them too: a script cannot reach an unchecked
-- io.open through a library function, because there is none left. Without the debug
-- library nothing can dig the originals out of the closures that wrap them.
local clio = require "clio"
local core = clio.core

local sandbox = {}

-- kept before the debug library goes: only this module can name the script's line
local getinfo = debug.getinfo

--- Refuses with a message naming the script line that asked (exit status 1).
local function refuse(what, path)
  local where
  for level = 3, 40 do
    local info = getinfo(level, "Sl")
    if not info then break end
    if info.currentline > 0 and not info.short_src:find("/lua/clio/", 1, true) then
      where = info.short_src .. ":" .. info.currentline
      break
    end
  end
  error({ exit = 1, message = string.format("sandbox: %s %s is not allowed%s", what,
    tostring(path), where and " (" .. where .. ")" or "") }, 0)
end

local function dirname(p) return p:match("^(.*)/[^/]*$") or "." end
local function basename(p) return p:match("([^/]*)$") end

local function absolute(path)
  if path:sub(1, 1) == "/" then return path end
  return (core.realpath(".") or ".") .. "/" .. path
end

local function under(path, root)
  return path == root or path:sub(1, #root + 1) == root .. "/" or root == "/"
end

--- The policy for one run: roots that may be read, the file that may be written.
local function policy(args)
  local readable, writable = {}, nil
  local function add_root(p)
    local real = core.realpath(p)
    if real then readable[#readable + 1] = real end
  end
  add_root(clio.home)
  for i, a in ipairs(args) do
    local value = a:match("^%-%-output=(.*)$")
    if a == "-o" or a == "--output" then value = args[i + 1] end
    if value and value ~= "-" then
      local dir = core.realpath(dirname(absolute(value)))
      writable = dir and (dir .. "/" .. basename(value)) or nil
    elseif a:sub(1, 1) ~= "-" and core.stat(a) then
      add_root(a)
    end
  end
  return readable, writable
end

--- Installs the rules. args are the script's arguments (corpus paths, -o FILE, ...).
function sandbox.install(args)
  local readable, writable = policy(args)
  require "cjson" -- a C module: load it now, C loaders are gone afterwards

  local may_write

  local function may_read(path)
    if path == "-" or may_write(path) then return true end -- its own output too
    local real = core.realpath(path)
    if not real then return true end -- does not exist: the open fails on its own
    for _, root in ipairs(readable) do
      if under(real, root) then return true end
    end
    return false
  end

  may_write = function(path)
    if not writable then return false end
    local dir = core.realpath(dirname(absolute(path)))
    if not dir then return false end
    local full, base = dir .. "/" .. basename(path), basename(writable)
    return full == writable or (dir == dirname(writable) and basename(path):sub(1, #base + 5) == base .. ".tmp-")
  end

  local io_open, io_lines, os_remove, os_rename = io.open, io.lines, os.remove, os.rename
  io.open = function(path, mode)
    mode = mode or "r"
    if mode:find("[wa+]") then
      if not may_write(path) then refuse("writing", path) end
    elseif not may_read(path) then
      refuse("reading", path)
    end
    return io_open(path, mode)
  end
  io.lines = function(path, ...)
    if path ~= nil and not may_read(path) then refuse("reading", path) end
    return io_lines(path, ...)
  end
  os.remove = function(path)
    if not may_write(path) then refuse("removing", path) end
    return os_remove(path)
  end
  os.rename = function(from, to)
    if not (may_write(from) and may_write(to)) then refuse("renaming", from) end
    return os_rename(from, to)
  end
  io.popen, io.tmpfile, io.input, io.output = nil, nil, nil, nil
  os.execute, os.tmpname, os.exit, os.getenv, os.setlocale = nil, nil, nil, nil, nil

  -- text chunks only, and files only from where reading is allowed
  local real_load = load
  load = function(chunk, name, mode, env)
    if mode ~= nil and mode ~= "t" then refuse("loading a binary chunk", name or "") end
    if env == nil then return real_load(chunk, name, "t") end
    return real_load(chunk, name, "t", env)
  end
  loadfile = function(path, mode, env)
    if path == nil or not may_read(path) then refuse("loading", path) end
    local f, err = io_open(path, "rb")
    if not f then return nil, err end
    local src = f:read("a")
    f:close()
    return load(src, "@" .. path, mode, env)
  end
  dofile = function(path)
    local chunk, err = loadfile(path)
    if not chunk then error(err, 2) end
    return chunk()
  end

  -- require: preloaded modules, and Lua modules from clio's own library only
  local lib = clio.home .. "/lua/"
  package.searchers = {
    package.searchers[1],
    function(name)
      local file = lib .. name:gsub("%.", "/") .. ".lua"
      local f = io_open(file) or io_open(lib .. name:gsub("%.", "/") .. "/init.lua")
      if not f then return "\n\tno module '" .. name .. "' in clio's library (sandbox)" end
      local src = f:read("a")
      f:close()
      local chunk, err = real_load(src, "@" .. file, "t")
      if not chunk then error(err, 2) end
      return chunk, file
    end,
  }
  package.loadlib, package.cpath = nil, ""
  debug, package.loaded.debug = nil, nil

  -- the core reads files in C: check the paths it is given
  local core_open, listdir, stat = core.open, core.listdir, core.stat
  core.open = function(paths, opts)
    for _, p in ipairs(paths) do
      if not may_read(p) then refuse("reading", p) end
    end
    if opts and opts.metadata and not may_read(opts.metadata) then refuse("reading", opts.metadata) end
    return core_open(paths, opts)
  end
  core.listdir = function(path)
    if not may_read(path) then refuse("listing", path) end
    return listdir(path)
  end
  local folder_files = core.folder_files
  core.folder_files = function(path)
    if not may_read(path) then refuse("listing", path) end
    return folder_files(path)
  end
  -- worker threads would run outside the sandbox; core.pool refuses them in C as well
  core.pool = function() return nil, "no worker threads under --sandbox or a limit" end
  local index_open, index_build = core.index_open, core.index_build
  if index_open then
    core.index_open = function(path)
      if not may_read(path) then refuse("reading", path) end
      return index_open(path)
    end
    core.index_build = function(corpus, path, opts)
      if path ~= nil and not may_write(path) then refuse("writing", path) end
      return index_build(corpus, path, opts)
    end
  end
  core.stat = function(path)
    if not (may_read(path) or may_write(path)) then refuse("reading", path) end
    return stat(path)
  end
end

return sandbox
