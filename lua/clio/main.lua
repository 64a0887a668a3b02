--- The clio command line: `clio run FILE`, `clio NAME`, `clio list`, --help, --version.
-- Called by the host with clio's home and the argument vector; returns the exit code.

local clio = require "clio"

local USAGE = [[
usage: clio [LIMITS] NAME [ARGS...]      run a script by name (clio list shows them)
       clio [LIMITS] run FILE.lua [ARGS] run a script file
       clio list                         the scripts and what each does
       clio help NAME                    a script's own help
       clio --version | --help

LIMITS, before the command:
  --max-instructions N   stop the script after N Lua instructions
  --timeout SECONDS      stop the script after SECONDS of wall-clock time
  --max-memory MB        refuse the script more than MB of Lua heap
  --sandbox              the script reads only clio's files and the paths its
                         arguments name, writes only its -o file, runs no programs

Scripts are looked up in $CLIO_PATH (colon-separated folders), then in
%s, then among the bundled scripts in %s.
]]

local function user_dir()
  local xdg = os.getenv("XDG_DATA_HOME")
  if not xdg or xdg == "" then xdg = (os.getenv("HOME") or ".") .. "/.local/share" end
  return xdg .. "/clio/scripts"
end

local function script_dirs()
  local dirs = {}
  for d in (os.getenv("CLIO_PATH") or ""):gmatch("[^:]+") do dirs[#dirs + 1] = d end
  dirs[#dirs + 1] = user_dir()
  dirs[#dirs + 1] = clio.home .. "/scripts"
  return dirs
end

local function readable(path)
  local f = io.open(path, "r")
  if f then f:close() return true end
  return false
end

local function find_script(name)
  for _, d in ipairs(script_dirs()) do
    local p = d .. "/" .. name .. ".lua"
    if readable(p) then return p end
  end
end

--- The first comment line of a script, "-- NAME: what it does", less its "NAME: ".
local function description(path)
  local f = io.open(path, "r")
  if not f then return "" end
  for line in f:lines() do
    if not line:match("^#!") then
      f:close()
      local text = line:match("^%-%-+%s*(.-)%s*$") or ""
      return text:gsub("^[%w_%-]+:%s*", "", 1)
    end
  end
  f:close()
  return ""
end

local function list_scripts()
  local seen, rows = {}, {}
  for _, d in ipairs(script_dirs()) do
    for _, file in ipairs(clio.core.listdir(d) or {}) do
      local name = file:match("^(.+)%.lua$")
      if name and not seen[name] then
        seen[name] = true
        rows[#rows + 1] = { name = name, description = (description(d .. "/" .. file)) }
      end
    end
  end
  table.sort(rows, function(a, b) return a.name < b.name end)
  local width = 0
  for _, r in ipairs(rows) do width = math.max(width, #r.name) end
  for _, r in ipairs(rows) do
    io.write(string.format("%-" .. width .. "s  %s\n", r.name, r.description))
  end
  return 0
end

local getenv = os.getenv   -- not asked under --sandbox, where it is refused

local function run_file(path, args, host)
  -- sandboxed: a text chunk only, and the process confined before its first instruction
  local chunk, err
  if host.sandbox then chunk, err = loadfile(path, "t") else chunk, err = loadfile(path) end
  if not chunk then clio.fail("%s", err) end
  if host.sandbox then host.confine() end
  local script_arg = { [0] = path }
  for i, a in ipairs(args) do script_arg[i] = a end
  _G.arg = script_arg
  local code = chunk(table.unpack(args))
  -- sentences the length cap cut, named once the output is complete
  if package.loaded["clio.inputs"] then package.loaded["clio.inputs"].report_cuts() end
  -- what the run computed and what it found cached (tests, benchmarks)
  local asked = not host.sandbox and pcall(getenv, "CLIO_ANNOTATE_STATS") and getenv("CLIO_ANNOTATE_STATS") == "1"
  if asked and package.loaded["clio.annotate"] then
    io.stderr:write(package.loaded["clio.annotate"].stats_text())
  end
  return math.type(code) == "integer" and code or 0
end

local function script_help(name)
  local path = find_script(name) or clio.usage("unknown script '%s' (clio list shows them)", name)
  local f = assert(io.open(path))
  for line in f:lines() do
    local text = line:match("^%-%-+ ?(.*)$")
    if not text then break end
    io.write(text, "\n")
  end
  f:close()
  return 0
end

return function(home, argv, host)
  clio.home = home
  host = host or {}
  local cmd = argv[1]
  local rest = table.move(argv, 2, #argv, 1, {})
  if cmd == nil or cmd == "--help" or cmd == "-h" then
    io.write(USAGE:format(user_dir(), clio.home .. "/scripts"))
    return cmd == nil and 2 or 0
  elseif cmd == "--version" then
    local v = require("lpeg").version
    io.write("clio ", clio.version, " (", _VERSION, ", LPeg ", type(v) == "function" and v() or v, ")\n")
    return 0
  elseif cmd == "list" then
    return list_scripts()
  elseif cmd == "help" then
    if not rest[1] then clio.usage("clio help NAME: which script?") end
    return script_help(rest[1])
  elseif cmd == "run" then
    local file = table.remove(rest, 1) or clio.usage("clio run FILE.lua: which file?")
    if not readable(file) then clio.usage("cannot read script '%s'", file) end
    return run_file(file, rest, host)
  elseif cmd:sub(1, 1) == "-" then
    clio.usage("unknown option '%s' (clio --help)", cmd)
  end
  local path = find_script(cmd) or clio.usage("unknown script '%s' (clio list shows them)", cmd)
  return run_file(path, rest, host)
end
