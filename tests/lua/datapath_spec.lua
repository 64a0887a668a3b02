-- The data search path: a file path wins, then the user's clio folder, then each
-- $CLIO_PATH folder, then the bundled data; names with or without their extension.
local spec = dofile("tests/lua/spec.lua")
local clio = require "clio"
local datapath = require "clio.datapath"
local it, eq, contains = spec.it, spec.eq, spec.contains

local tmp = os.tmpname()
os.remove(tmp)
assert(os.execute(("mkdir -p %s/user/clio/lexicons %s/p1/lexicons %s/p2/lexicons"):format(tmp, tmp, tmp)))
local function write(path, s)
  local f = assert(io.open(path, "w")); f:write(s); f:close()
end
write(tmp .. "/user/clio/lexicons/mine.lua", "return {}")
write(tmp .. "/p1/lexicons/shared.lua", "return {}")
write(tmp .. "/p2/lexicons/shared.lua", "return {}")
write(tmp .. "/p2/lexicons/soviet-power-struggle.lua", "return {}")
write(tmp .. "/p2/lexicons/only2.lua", "return {}")

-- the environment as a user would set it
local env = { XDG_CONFIG_HOME = tmp .. "/user", CLIO_PATH = tmp .. "/p1:" .. tmp .. "/p2" }
local real_getenv = os.getenv
os.getenv = function(k) if env[k] ~= nil then return env[k] end return real_getenv(k) end

it("a path to an existing file wins", function()
  eq(datapath.find("lexicons", tmp .. "/p1/lexicons/shared.lua"), tmp .. "/p1/lexicons/shared.lua")
end)

it("the user's clio folder comes first, with or without the extension", function()
  eq(datapath.find("lexicons", "mine"), tmp .. "/user/clio/lexicons/mine.lua")
  eq(datapath.find("lexicons", "mine.lua"), tmp .. "/user/clio/lexicons/mine.lua")
end)

it("CLIO_PATH folders in order, before the bundled data", function()
  eq(datapath.find("lexicons", "shared"), tmp .. "/p1/lexicons/shared.lua")
  eq(datapath.find("lexicons", "only2"), tmp .. "/p2/lexicons/only2.lua")
  -- a user's file of a bundled name shadows the bundled one
  eq(datapath.find("lexicons", "soviet-power-struggle"), tmp .. "/p2/lexicons/soviet-power-struggle.lua")
end)

it("a relative name with folders is looked for along the path", function()
  assert(os.execute(("mkdir -p %s/p2/lang/xx"):format(tmp)))
  write(tmp .. "/p2/lang/xx/actors.lua", "return {}")
  eq(datapath.find("lang", "xx/actors"), tmp .. "/p2/lang/xx/actors.lua")
end)

it("bundled data last", function()
  env.CLIO_PATH = ""
  eq(datapath.find("lexicons", "soviet-power-struggle"), clio.data_path("lexicons/soviet-power-struggle.lua"))
  env.CLIO_PATH = tmp .. "/p1:" .. tmp .. "/p2"
end)

it("~/.config/clio without XDG_CONFIG_HOME", function()
  env.XDG_CONFIG_HOME = ""
  env.HOME = tmp .. "/home"
  eq(datapath.user_dir(), tmp .. "/home/.config/clio")
  env.XDG_CONFIG_HOME, env.HOME = tmp .. "/user", nil
end)

it("not found: nil and every place looked in", function()
  local p, err = datapath.find("lexicons", "no-such-lexicon")
  eq(p, nil)
  contains(err, "lexicon 'no-such-lexicon' not found")
  contains(err, tmp .. "/user/clio/lexicons")
  contains(err, tmp .. "/p2/lexicons")
  contains(err, clio.data_path("lexicons"))
  -- an absolute path is a file, not a name to search for
  local p2, err2 = datapath.find("lexicons", "/no/such/dir/x.lua")
  eq(p2, nil)
  eq(err2, "lexicon '/no/such/dir/x.lua' not found")
  -- a folder is not a data file
  eq((datapath.find("lexicons", tmp .. "/p1/lexicons")), nil)
end)

it("list: each name once, the first along the path", function()
  local names = {}
  for _, e in ipairs(datapath.list("lexicons")) do names[e.name] = e.path end
  eq(names.mine, tmp .. "/user/clio/lexicons/mine.lua")
  eq(names.shared, tmp .. "/p1/lexicons/shared.lua")
  eq(names["russian-civil-war"], clio.data_path("lexicons/russian-civil-war.lua"))
end)

os.getenv = real_getenv
os.execute("rm -rf " .. tmp)
return spec.done()
