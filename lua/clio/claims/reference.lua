--- clio.claims.reference: a reference chronology (data/reference/README.md), validated as
--- it is read, and the judgement of claim groups against it.
local clio = require "clio"
local timeline = require "clio.timeline"
local mentions = require "clio.claims.mentions"

local M = {}

local INF = math.huge

local REQUIRED = { "event", "subject", "object", "date", "source" }
local MODS = { START = true, MID = true, END = true, BY = true, AFTER = true, BEFORE = true,
  APPROX = true, EARLY = true, LATE = true }

local function valid_day(y, m, d)
  if m < 1 or m > 12 then return false end
  if not d then return true end
  local days = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 }
  if m == 2 and (y % 4 == 0 and (y % 100 ~= 0 or y % 400 == 0)) then days[2] = 29 end
  return d >= 1 and d <= days[m]
end

-- one TIMEX date value: 1924, 192X, 19XX, 19, 1924-01, 1924-01-21, 1924-SU, 1924-Q1,
-- 1924-H2, 1924-W05, BC0480
local function valid_value(v)
  if v:match "^BC%d+X*$" or v:match "^%d%d$" or v:match "^%d%d%dX$" or v:match "^%d%dXX$" then return true end
  local y = v:match "^(%d%d%d%d)$"
  if y then return true end
  local ys, ms = v:match "^(%d%d%d%d)%-(%d%d)$"
  if ys then return valid_day(tonumber(ys), tonumber(ms)) end
  local y3, m3, d3 = v:match "^(%d%d%d%d)%-(%d%d)%-(%d%d)$"
  if y3 then return valid_day(tonumber(y3), tonumber(m3), tonumber(d3)) end
  return v:match "^%d%d%d%d%-[SFW][PUAI]$" ~= nil or v:match "^%d%d%d%d%-Q[1-4]$" ~= nil
    or v:match "^%d%d%d%d%-H[12]$" ~= nil or v:match "^%d%d%d%d%-W%d%d$" ~= nil
end

--- The day interval of a reference date (a value or a span "1936/1938") and modifier;
--- nil for a value that is not a TIMEX date.
function M.date_interval(v, mod)
  local a, b = v:match "^([^/]+)/([^/]+)$"
  if a then
    if not valid_value(a) or not valid_value(b) then return nil end
    local lo = timeline.interval(a)
    local _, hi = timeline.interval(b)
    return lo, hi
  end
  if not valid_value(v) then return nil end
  local lo, hi = timeline.interval(v, mod ~= "" and mod or nil)
  if mod == "BY" or mod == "BEFORE" then lo = -INF end
  if mod == "AFTER" then hi = INF end
  return lo, hi
end

-- the 1-based byte column where cell i of a tab-separated line starts
local function column(line, i)
  local col = 1
  for _ = 2, i do
    local t = line:find("\t", col, true)
    if not t then return col end
    col = t + 1
  end
  return col
end

--- Reads a reference chronology (TSV with a header naming at least event, subject,
--- object, date, source; mod and note are optional; '#' lines are comments). With P (a
--- compiled predicate vocabulary) an event type it does not know is refused. Raises
--- naming file, line and column on a bad row.
function M.load(path, P)
  local text, err = clio.read_file(path)
  if not text then clio.fail("cannot read reference %s", err) end
  local rows, header = {}, nil
  local ln = 0
  local known = P and P.types
  for line in (text .. "\n"):gmatch "([^\n]*)\n" do
    ln = ln + 1
    line = line:gsub("\r$", "")
    if line ~= "" and not line:match "^#" then
      local f = {}
      for cell in (line .. "\t"):gmatch "([^\t]*)\t" do f[#f + 1] = cell end
      if not header then
        header = {}
        for i, h in ipairs(f) do header[h] = i end
        for _, need in ipairs(REQUIRED) do
          if not header[need] then clio.fail("%s:%d: the header lacks the column '%s'", path, ln, need) end
        end
      else
        local r = {}
        for k, i in pairs(header) do r[k] = f[i] or "" end
        r.mod = r.mod or ""
        local function bad(col, fmt, ...)
          clio.fail("%s:%d:%d: " .. fmt, path, ln, column(line, header[col]), ...)
        end
        if r.event == "" then bad("event", "a row needs an event") end
        if r.date == "" then bad("date", "a row needs a date") end
        if r.source == "" then bad("source", "a row needs its source") end
        if known and not known[r.event] then
          local names = {}
          for t in pairs(known) do names[#names + 1] = t end
          table.sort(names)
          bad("event", "unknown event '%s'; the predicate vocabulary (%s) knows: %s", r.event,
            P.path, table.concat(names, ", "))
        end
        if r.mod ~= "" and not MODS[r.mod] then
          local names = {}
          for m in pairs(MODS) do names[#names + 1] = m end
          table.sort(names)
          bad("mod", "unknown modifier '%s' (one of %s, or empty)", r.mod, table.concat(names, ", "))
        end
        r.lo, r.hi = M.date_interval(r.date, r.mod)
        if not r.lo then
          bad("date", "'%s' is not a TIMEX date value (write 1904-04-13, 1904-04, 1904, 190X or 1936/1938)", r.date)
        end
        if r.hi <= r.lo then bad("date", "the span '%s' ends before it starts", r.date) end
        r.subject_key = r.subject ~= "" and mentions.key(r.subject) or nil
        r.object_key = r.object ~= "" and clio.fold(r.object) or nil
        r.line = ln
        rows[#rows + 1] = r
      end
    end
  end
  if not header then clio.fail("%s: empty reference file", path) end
  return { path = path, rows = rows }
end

-- does a row's subject name the group's subject? The same key, or a surname alone for a
-- full name ("Kolchak" for "Admiral Kolchak"), or a lexicon id for the name ("Leon
-- Trotsky" for id "trotsky")
local function same_subject(rkey, gkey)
  if rkey == nil then return true end
  if not gkey then return false end
  if rkey == gkey then return true end
  local glast = gkey:match "([^%s]+)$"
  local rlast = rkey:match "([^%s]+)$"
  return (not rkey:find " " and glast == rkey) or (not gkey:find " " and rlast == gkey)
end

--- The reference row for a group's (event, subject, object), or nil. subject_name (the
--- shown name, e.g. a lexicon entity's) matches too.
function M.row(ref, event, subject_key, object, subject_name)
  if not ref then return nil end
  local okey = object and clio.fold(object) or nil
  local nkey = subject_name and mentions.key(subject_name)
  for _, r in ipairs(ref.rows) do
    if r.event == event and (same_subject(r.subject_key, subject_key) or (nkey and same_subject(r.subject_key, nkey)))
      and (r.object_key == nil or r.object_key == okey) then
      return r
    end
  end
end

--- Marks each claim and group consistent / contradicts / not covered against ref.
--- A claim agrees when its polarity is positive and its date (if any) overlaps the
--- reference interval; an irrealis claim is not judged ("not covered").
function M.judge(groups, ref)
  for _, g in ipairs(groups) do
    local r = M.row(ref, g.event, g.subject_key, g.object, g.subject)
    g.reference = r and { date = r.date, mod = r.mod ~= "" and r.mod or nil, source = r.source,
      line = r.line } or nil
    local any_contra, any_cons = false, false
    for _, c in ipairs(g.claims) do
      if not r or c.mood == "irrealis" then
        c.reference_verdict = "not covered"
      elseif c.polarity == "negative" or (c.date and not (c.date.lo < r.hi and r.lo < c.date.hi)) then
        c.reference_verdict = "contradicts"; any_contra = true
      else
        c.reference_verdict = "consistent"; any_cons = true
      end
    end
    g.reference_verdict = (not r and "not covered") or (any_contra and "contradicts")
      or (any_cons and "consistent") or "not covered"
  end
end

return M
