--- clio.datapath: one search path for clio's data files (lexicons, predicate packs,
--- language profiles, reference chronologies, ...), so that a user's own file and a
--- bundled one are named the same way on every command line.
--
--   local datapath = require "clio.datapath"
--   local path = datapath.find("lexicons", "soviet-power-struggle")   -- or a file path
--
-- Order: a path to an existing file wins; then the user's clio folder
-- ($XDG_CONFIG_HOME/clio or ~/.config/clio)/KIND/; then each $CLIO_PATH folder
-- (colon-separated)/KIND/; then the bundled data/KIND/. A name is tried as given and
-- with each of the kind's extensions (".lua" for most kinds).
local clio = require "clio"

local M = {}

-- A sandboxed script has no os.getenv: then only the bundled data is searched.
local function getenv(name) return os.getenv and os.getenv(name) end

--- Extensions tried after the name as given, by kind (others: ".lua").
M.EXTENSIONS = {
  lexicons = { ".lua" }, predicates = { ".lua" }, lang = { ".lua" },
  reference = { ".tsv", ".csv" }, stopwords = { ".txt" }, cleaning = { ".rules" },
}

-- A readable regular file? (Under --sandbox, a refused read counts as absent.)
local function readable(path)
  local ok, f = pcall(io.open, path, "rb")
  if not ok or not f then return false end
  -- a directory opens on Linux but cannot be read
  local rok, data = pcall(f.read, f, 0)
  f:close()
  return rok and data ~= nil
end
M.readable = readable

--- The user's clio folder: $XDG_CONFIG_HOME/clio, else ~/.config/clio (nil without HOME).
function M.user_dir()
  local xdg = getenv("XDG_CONFIG_HOME")
  if xdg and xdg ~= "" then return xdg .. "/clio" end
  local home = getenv("HOME")
  if home and home ~= "" then return home .. "/.config/clio" end
  return nil
end

--- The folders searched for KIND, in order (whether they exist or not).
function M.dirs(kind)
  local dirs = {}
  local user = M.user_dir()
  if user then dirs[#dirs + 1] = user .. "/" .. kind end
  for d in (getenv("CLIO_PATH") or ""):gmatch "[^:]+" do dirs[#dirs + 1] = d .. "/" .. kind end
  dirs[#dirs + 1] = clio.data_path(kind)
  return dirs
end

local function candidates(kind, name)
  local out = { name }
  for _, ext in ipairs(M.EXTENSIONS[kind] or { ".lua" }) do
    if name:sub(-#ext) ~= ext then out[#out + 1] = name .. ext end
  end
  return out
end

--- The path of a data file: NAME_OR_FILE as a file if it exists, else the first match
--- along the search path. Returns nil and a message naming every place looked in.
---@param kind string  "lexicons", "predicates", "lang", "reference", ...
---@param name_or_file string
---@return string|nil, string|nil
function M.find(kind, name_or_file)
  assert(type(kind) == "string" and type(name_or_file) == "string", "datapath.find(kind, name)")
  if name_or_file == "" then return nil, ("no %s name given"):format(kind) end
  if readable(name_or_file) then return name_or_file end
  local looked = {}
  -- an absolute or ./ path names a file, not an entry of the search path; a relative
  -- name with folders ("en/actors.lua") is looked for along it
  if not (name_or_file:match "^/" or name_or_file:match "^%.%.?/") then
    for _, dir in ipairs(M.dirs(kind)) do
      for _, c in ipairs(candidates(kind, name_or_file)) do
        local p = dir .. "/" .. c
        if readable(p) then return p end
      end
      looked[#looked + 1] = dir
    end
  end
  local msg = ("%s '%s' not found"):format(kind:gsub("s$", ""), name_or_file)
  if #looked > 0 then msg = msg .. " (looked in " .. table.concat(looked, ", ") .. ")" end
  return nil, msg
end

-- The file's text, or nil and a message naming it (a read the sandbox refuses too).
local function read_text(path)
  local ok, src, err = pcall(clio.read_file, path)
  if not ok then return nil, ("%s: %s"):format(path, tostring(src)) end
  if not src then return nil, err end
  return src
end

--- The table a data file returns: the file is read as text (never bytecode) and run in
--- an environment of its own (`env`; default empty: no globals, no io, os or require),
--- so a data file is data. Returns the table and the file's text, or nil and a message
--- that names the file (and the line, for a syntax or run-time error), after `what`
--- when given ("lexicon data/x.lua:3: '}' expected near 'aliases'"). Nothing is cached
--- here: each kind of data keeps its own cache, keyed as it needs.
---@param path string
---@param what? string  the kind of file, first word(s) of the message: "lexicon", ...
---@param env? table
---@return table|nil, string
function M.load(path, what, env)
  -- Lua's messages read "path:LINE: ..."; one without a position (bytecode refused, an
  -- error raised at level 0) gets the path put before it
  local function failed(msg)
    msg = type(msg) == "table" and msg.message or tostring(msg)
    if msg:sub(1, #path) ~= path then msg = path .. ": " .. msg end
    return nil, what and what .. " " .. msg or msg
  end
  local src, err = read_text(path)
  if not src then return nil, ("cannot read %s%s"):format(what and what .. " " or "", tostring(err)) end
  local chunk, perr = load(src, "@" .. path, "t", env or {})
  if not chunk then return failed(perr) end
  local ok, data = pcall(chunk)
  if not ok then return failed(data) end
  if type(data) ~= "table" then return failed("the file must return a table") end
  return data, src
end

--- Like load, but stops the command (clio.fail) with the message when the file is wrong.
function M.data(path, what, env)
  local data, src = M.load(path, what, env)
  if not data then clio.fail("%s", src) end
  return data, src
end

--- Like find, but stops the command with the message when nothing is found.
function M.require(kind, name_or_file)
  local p, err = M.find(kind, name_or_file)
  if not p then clio.fail("%s", err) end
  return p
end

--- The names available for KIND, each once (the first along the path wins):
--- array of { name, path }, sorted by name.
function M.list(kind)
  local seen, out = {}, {}
  local exts = M.EXTENSIONS[kind] or { ".lua" }
  for _, dir in ipairs(M.dirs(kind)) do
    local ok, entries = pcall(function() return clio.core and clio.core.listdir and clio.core.listdir(dir) end)
    if ok and type(entries) == "table" then
      for _, f in ipairs(entries) do
        for _, ext in ipairs(exts) do
          if f:sub(-#ext) == ext then
            local name = f:sub(1, -#ext - 1)
            if not seen[name] then
              seen[name] = true
              out[#out + 1] = { name = name, path = dir .. "/" .. f }
            end
          end
        end
      end
    end
  end
  table.sort(out, function(a, b) return a.name < b.name end)
  return out
end

return M
