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

local failure = spec.error_of

it("load: a data file's table and text, run with no globals", function()
  write(tmp .. "/p1/ok.lua", "return { n = 1, io = io ~= nil, os = os ~= nil }")
  local data, src = datapath.load(tmp .. "/p1/ok.lua", "lexicon")
  eq(data, { n = 1, io = false, os = false })
  eq(src, "return { n = 1, io = io ~= nil, os = os ~= nil }")
  -- an environment of the caller's choosing
  write(tmp .. "/p1/env.lua", "return { up = string.upper('a') }")
  eq(datapath.load(tmp .. "/p1/env.lua", "lexicon", { string = string }), { up = "A" })
end)

it("load: every failure names the file, and the line where there is one", function()
  local f = tmp .. "/p1/bad.lua"
  write(f, "return {\n  a = 1\n  b = 2 }")
  local data, err = datapath.load(f, "predicates")
  eq(data, nil)
  contains(err, "predicates " .. f .. ":3:", "a syntax error: kind, file and line")
  write(f, "local x = nil\nreturn { x.y }")
  contains(select(2, datapath.load(f, "lexicon")), "lexicon " .. f .. ":2:", "a run-time error")
  write(f, "error('no position', 0)")
  contains(select(2, datapath.load(f, nil, { error = error })), f .. ": no position", "an error without a position")
  write(f, "return 'text'")
  contains(select(2, datapath.load(f, "places file")), "places file " .. f .. ": the file must return a table")
  write(f, "\27Lua")
  contains(select(2, datapath.load(f)), f, "bytecode is refused")
  contains(select(2, datapath.load(tmp .. "/p1/missing.lua", "lexicon")), "cannot read lexicon " .. tmp .. "/p1/missing.lua")
  -- data: the same message, as a failure of the command
  contains(failure(function() datapath.data(f, "lexicon") end), f)
end)

it("a broken user data file of each kind fails naming the file and line", function()
  local user = tmp .. "/user/clio"
  assert(os.execute(("mkdir -p %s/predicates %s/lang/bw %s/lang/bt %s/lang/ba %s/lang/bp"):format(user, user, user, user, user)))
  local broken = "return {\n  oops = = 1 }"   -- a syntax error on line 2
  write(user .. "/lexicons/broken.lua", broken)
  write(user .. "/predicates/broken.lua", broken)
  write(user .. "/lang/bw/words.lua", broken)
  write(user .. "/lang/bt/words.lua", "return {}")
  write(user .. "/lang/bt/temporal.lua", broken)
  write(user .. "/lang/ba/actors.lua", broken)
  write(user .. "/lang/bp/actors.lua", "return {}")
  write(user .. "/lang/bp/places.lua", broken)
  local cases = {
    { "lexicon", "lexicons/broken.lua", function() require("clio.lexicon").load_all { "broken" } end },
    { "predicate pack", "predicates/broken.lua", function() require("clio.claims.predicates").load { "en", "broken" } end },
    { "language profile", "lang/bw/words.lua", function() require("clio.lang").load("bw") end },
    { "temporal words", "lang/bt/temporal.lua", function() return require("clio.timex.words").load("bt") end },
    { "temporal words by path", "lang/bt/temporal.lua",
      function() return require("clio.timex.words").load(user .. "/lang/bt/temporal.lua") end },
    { "actor profile", "lang/ba/actors.lua", function() require("clio.actors").profile("ba") end },
    { "places file", "lang/bp/places.lua", function() require("clio.actors").profile("bp") end },
  }
  for _, c in ipairs(cases) do
    contains(failure(c[3]), user .. "/" .. c[2] .. ":2:", c[1])
  end
end)

os.getenv = real_getenv
os.execute("rm -rf " .. tmp)
return spec.done()
