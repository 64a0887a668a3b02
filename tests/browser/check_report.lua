-- check_report: structural checks of a `clio report` page, no browser needed.
--
-- usage: clio run tests/browser/check_report.lua REPORT.html [EVENTS]
-- Checks that every in-page link (href="#...") has exactly one target id, that every
-- citation lands on a highlighted <mark>, that every highlighted span's text (its
-- element and its continuations) is the original file's bytes at its offsets, that the
-- timeline holds one record per listed event (and EVENTS of them when given), that the
-- embedded data parses and every timeline record cites a highlighted span, and that
-- nothing refers outside the page (no src=, no href other than "#...", no url()).
-- Prints "ok: ..." or one "FAIL: ..." line per problem and exits 1.
local clio = require "clio"

local path, want_events = ...
if not path then clio.usage("usage: clio run check_report.lua REPORT.html [EVENTS]") end
local page = clio.read_file(path) or clio.fail("cannot read %s", path)

local failures = {}
local function fail(fmt, ...)
  if #failures < 40 then failures[#failures + 1] = fmt:format(...) end
end

-- ids and links
local ids = {}
for id in page:gmatch '%sid="([^"]*)"' do ids[id] = (ids[id] or 0) + 1 end
for id, n in pairs(ids) do if n > 1 then fail("id %s appears %d times", id, n) end end
local nlinks, ncites = 0, 0
for tag in page:gmatch "<a%s[^>]*>" do
  local href = tag:match 'href="([^"]*)"'
  if href then
    nlinks = nlinks + 1
    if href:sub(1, 1) ~= "#" then
      fail("link leaves the page: %s", href)
    elseif (ids[href:sub(2)] or 0) ~= 1 then
      fail("link %s: %d targets", href, ids[href:sub(2)] or 0)
    end
    if tag:find 'class="cite"' then
      ncites = ncites + 1
      local id = href:sub(2)
      if not page:find('<mark class="hl[^"]*" id="' .. id:gsub("%-", "%%-") .. '"') then
        fail("citation %s does not land on a highlighted span", id)
      end
    end
  end
end

-- nothing from outside
for attr in page:gmatch "%s(src)%s*=" do fail("an element loads %s=", attr) end
if page:find "url%(" then fail("the page uses url(...)") end
if page:find "@import" then fail("the page uses @import") end
if page:find "<link%s" then fail("the page has a <link> element") end
for tag in page:gmatch "<[^>]+>" do
  if tag:find "https?://" then fail("a tag refers to a URL: %s", tag:sub(1, 120)) end
end

-- highlighted spans hold the original bytes
local UNESC = { amp = "&", lt = "<", gt = ">", quot = '"', ["#39"] = "'", ["#13"] = "\r" }
local function unescape(s) return (s:gsub("&(#?%w+);", function(e) return UNESC[e] or ("&" .. e .. ";") end)) end

-- the text inside the element whose opening tag ends at `pos` (up to its </mark>)
local function element_text(pos)
  local depth, out, i = 1, {}, pos
  while true do
    local lt = page:find("<", i, true)
    if not lt then return nil end
    out[#out + 1] = page:sub(i, lt - 1)
    local gt = page:find(">", lt, true)
    local tag = page:sub(lt, gt)
    if tag:match "^<mark[%s>]" then depth = depth + 1
    elseif tag == "</mark>" then
      depth = depth - 1
      if depth == 0 then return unescape(table.concat(out)) end
    end
    i = gt + 1
  end
end

local docs = {}
for n, p in page:gmatch '<div class="src%-doc" id="doc%-(%d+)"[^>]- data%-path="([^"]*)"' do docs[tonumber(n)] = unescape(p) end
local files = {}
local conts = {}
for id, e in page:gmatch '<mark class="hl[^"]* cont" data%-cont="([^"]*)">()' do
  local l = conts[id]
  if not l then l = {}; conts[id] = l end
  l[#l + 1] = e
end
local nspans = 0
for id, s, e, pos in page:gmatch '<mark class="hl[^"]*" id="([^"]*)" data%-s="(%d+)" data%-e="(%d+)">()' do
  nspans = nspans + 1
  local d, is, ie = id:match "^d(%d+)%-(%d+)%-(%d+)$"
  if not d or is ~= s or ie ~= e then fail("span %s: offsets %s-%s do not match its id", id, s, e) end
  local file = docs[tonumber(d or 0)]
  if not file then
    fail("span %s: no source document %s", id, d)
  else
    if files[file] == nil then
      files[file] = clio.read_file(file) or false
      if not files[file] then fail("cannot read %s (the source of %s)", file, id) end
    end
    local want = (files[file] or ""):sub(tonumber(s) + 1, tonumber(e))
    if not files[file] then want = nil end
    if utf8.len(want) == nil then want = nil end -- repaired bytes are shown as U+FFFD
    local got = { element_text(pos) or "" }
    for _, cpos in ipairs(conts[id] or {}) do got[#got + 1] = element_text(cpos) or "" end
    got = table.concat(got)
    if want and got ~= want then
      fail("span %s: shows %q, the file has %q", id, got:sub(1, 80), want:sub(1, 80))
    end
  end
end

-- the timeline: the chart (drawn by the page's script) holds as many events as the list
local declared = tonumber(page:match '<div id="tl%-main" data%-events="(%d+)"')
local listed = 0
for _ in page:gmatch '<li id="ev%-%d+"' do listed = listed + 1 end
local nmarks = declared or 0
if declared and listed ~= declared then fail("the list has %d events, the chart %d", listed, declared) end
if want_events and tonumber(want_events) ~= nmarks then
  fail("the chart holds %d events, the timeline has %s", nmarks, want_events)
end

-- the embedded data parses, and its token index holds every document
local json = page:match '<script type="application/json" id="clio%-data">(.-)</script>'
if not json then
  fail("no embedded data")
else
  local ok, data = pcall(require("cjson").decode, json)
  if not ok then
    fail("the embedded data is not JSON: %s", tostring(data))
  else
    if #data.index.streams ~= #data.docs then fail("%d token streams for %d documents", #data.index.streams, #data.docs) end
    if #data.timeline.events ~= nmarks then fail("%d timeline records for %d events", #data.timeline.events, nmarks) end
    for _, e in ipairs(data.timeline.events) do
      if e[6] ~= "" and (ids[e[6]] or 0) ~= 1 then fail("timeline record cites %s: %d targets", e[6], ids[e[6]] or 0) end
    end
  end
end

if #failures > 0 then
  for _, f in ipairs(failures) do io.stderr:write("FAIL: ", f, "\n") end
  return 1
end
io.write(string.format("ok: %d links (%d citations), %d highlighted spans, %d timeline marks, %d ids\n",
  nlinks, ncites, nspans, nmarks, (function() local n = 0 for _ in pairs(ids) do n = n + 1 end return n end)()))
return 0
