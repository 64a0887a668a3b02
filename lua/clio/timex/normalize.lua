--- clio.timex.normalize: a rule's captures -> an expression { type, value, mod, rel }.
--- Each kind of match (the rule's `k` capture: "date", "dur", "offset", "rel" ...) has
--- its normalizer in `kinds`; a rule may name one (rules.lua) or leave the choice to
--- `build`, which reads `k`. Context tests (the word before a bare year, "March" as a
--- month or a word ...) read the word lists of the profile's `context` table, as sets
--- in ctx.context. A normalizer returns nil to reject the match: the scan then tries
--- the next rule at the same place.
local calendar = require "clio.timex.calendar"
local fmt_date = calendar.format_date

local M = {}

local function centuryword_value(n, bc)
  if bc then return string.format("BC%02d", n - 1) end
  return string.format("%02d", n - 1)
end

local function prev_word(text, s)
  local chunk = text:sub(math.max(1, s - 24), s - 1)
  -- (letters beyond ASCII too: the French profile's "à", "dès")
  return (chunk:match "([%a\128-\255%.]+)[%s%p]*$" or ""):lower()
end

-- "March"/"May" alone are also words: kept after a preposition ("in March");
-- dropped after "the"/"a"/a capitalized word ("the Long March", "Women's March")
-- or before "to"/"on"/"of"/a capitalized word ("March to the Sea")
local function ambiguous_month_ok(ctx)
  local X = ctx.context
  local w = ctx.text:sub(ctx.s, ctx.e - 1):match "([%a\128-\255]+)$"
  if not w or not X.month_as_word[w] then return true end
  local before = ctx.text:sub(math.max(1, ctx.e - #w - 30), ctx.e - #w - 1)
  local prev = before:match "([%w’'%-]+)[ \t]+$"
  if prev and X.month_after[prev:lower()] then return true end
  if prev and (prev:match "^%u" or prev:match "['’]s$" or X.word_after[prev]) then
    return false
  end
  local nxt = ctx.text:match("^[ \t]+([%w]+)", ctx.e)
  if nxt and (X.word_before[nxt] or nxt:match "^%u") then return false end
  return true
end

local function is_year_context(text, s, e, y, D, X)
  if y < (D.year_min or 1000) or y > (D.year_max or 2099) then return false end
  local before = text:sub(math.max(1, s - 2), s - 1)
  if before:match "[%d%$£€]$" or before:match "%d[,.]$" or before:match "[#№]$" then return false end
  local pw = prev_word(text, s)
  if X.number_label[pw] then return false end
  if X.year_after[pw] then return true end
  local nw = text:match("^[ \t]+(%a+)", e)
  if nw and X.count_before[nw:lower()] and nw:match "^%l" then return false end
  return true
end

local kinds = {}
M.kinds = kinds

function kinds.ref(c, ctx, e)
  e.value = c.ref
  return e
end

function kinds.vague(c, ctx, e)
  e.value = "PRESENT_REF"
  e.rel = { kind = "vague" }
  return e
end

function kinds.set(c, ctx, e)
  e.type = "SET"
  if c.set then e.value = c.set
  else
    local n = c.n or 1
    if c.unit == "H" or c.unit == "MIN" then
      e.value = "PT" .. n .. (c.unit == "MIN" and "M" or "H")
    else
      e.value = "P" .. n .. c.unit
    end
  end
  return e
end

function kinds.dur(c, ctx, e)
  e.type = "DURATION"
  local n = c.n or 1
  if type(n) == "number" and n == math.floor(n) then n = string.format("%d", n) end
  local unit = c.unit
  if unit == "2W" then unit = "W"; n = tonumber(n) and tostring(2 * tonumber(n)) or n end
  if unit == "H" or unit == "MIN" then
    e.value = "PT" .. n .. (unit == "MIN" and "M" or "H")
  else
    e.value = "P" .. n .. unit
  end
  return e
end

-- Whether a relative expression counts from the time of writing ("last spring", "next
-- month", "three years ago") rather than from the story ("the next year"): its first or
-- last word is one of the profile's context.deictic_first / deictic_last. 1 or nil.
local function deictic(ctx)
  local X = ctx.context
  local text = ctx.text:sub(ctx.s, ctx.e - 1):lower()
  local first, last = text:match "^([%a\128-\255]+)", text:match "([%a\128-\255]+)$"
  if (first and X.deictic_first and X.deictic_first[first])
    or (last and X.deictic_last and X.deictic_last[last]) then return 1 end
  return nil
end

function kinds.offset(c, ctx, e)
  local n = c.n or "X"
  local unit = c.unit
  if unit == "2W" then unit = "W"; n = tonumber(n) and 2 * n or n end
  local dir = c.dir or 1
  if (n == "X" or type(n) ~= "number") and c.event then
    -- "decades after his death": measured from an event we cannot date
    e.type, e.value = "DURATION", "PX" .. unit
    return e
  end
  if n == "X" or type(n) ~= "number" or n ~= math.floor(n) then
    e.value = dir < 0 and "PAST_REF" or "FUTURE_REF"
    return e
  end
  e.rel = { kind = "offset", unit = unit, n = n * dir, deictic = deictic(ctx) }
  e.value = (unit == "D" or unit == "W") and "XXXX-XX-XX" or unit == "M" and "XXXX-XX" or "XXXX"
  return e
end

function kinds.rel(c, ctx, e)
  local unit = c.unit
  e.value = (unit == "D" or unit == "W") and "XXXX-XX-XX" or unit == "M" and "XXXX-XX" or "XXXX"
  e.rel = { kind = "offset", unit = unit, n = c.off or 0, season = c.season, m = c.m,
            dpart = c.dpart }
  if c.m and unit == "Y" then
    -- "the previous April": the month in the year before/after
    e.rel = { kind = "month", m = c.m, n = c.off }
  end
  e.rel.deictic = deictic(ctx)
  return e
end

function kinds.year3(c, ctx, e)
  -- a bare number after a preposition; anchor() keeps it only in a BC context
  local pw = prev_word(ctx.text, ctx.s)
  if not ctx.context.bc_year_after[pw] then return nil end
  local nw = ctx.text:match("^[ \t]+(%a+)", ctx.e)
  if nw and nw:match "^%l" and not ctx.context.bc_year_before[nw] then return nil end
  e.rel = { kind = "year3", y = c.y3 }
  e.value = "XXXX"
  return e
end

function kinds.dayonly(c, ctx, e)
  if c.dayord and not ctx.context.day_after[prev_word(ctx.text, ctx.s)] then return nil end
  e.rel = { kind = "dayonly", d = c.d }
  e.value = "XXXX-XX-XX"
  return e
end

function kinds.weekday(c, ctx, e)
  e.rel = { kind = "weekday", wd = c.wd, off = c.off }
  e.value = "XXXX-WXX-" .. c.wd
  return e
end

function kinds.todate(c, ctx, e)
  if not ctx.context.to_date_after[prev_word(ctx.text, ctx.s)] then return nil end
  e.value = "PRESENT_REF"
  return e
end

function kinds.dpartbare(c, ctx, e)
  e.type = "TIME"
  e.value = "XXXX-XX-XXT" .. c.dpart
  return e
end

-- a bare clock time ("10:57") with a cue before or after it, or opening a range
local function clock_cued(ctx)
  local X = ctx.context
  if X.clock_after[prev_word(ctx.text, ctx.s)] then return true end
  local rest = ctx.text:sub(ctx.e, ctx.e + 24)
  if rest:match "^%s*[%-\226]%S*%s*%d" then return true end   -- a hyphen or a dash, then a number
  local nw = rest:match "^[%s,]*([%a'’]+)"
  return nw ~= nil and X.clock_before[nw:lower():gsub("’", "'")] ~= nil
end

function kinds.time(c, ctx, e)
  e.type = "TIME"
  local hh = c.hh
  if hh > 24 then return nil end
  if not c.ampm and not c.hrs and not clock_cued(ctx) then return nil end
  if c.ampm == "pm" and hh < 12 then hh = hh + 12 end
  if c.ampm == "am" and hh == 12 then hh = 0 end
  e.rel = { kind = "time", hh = hh, mm = c.mm or 0 }
  e.value = fmt_date { hh = hh, mm = c.mm or 0 }
  return e
end

function kinds.century(c, ctx, e)
  local n = c.century
  if not n or n < 1 or n > 30 then return nil end
  e.value = centuryword_value(n, c.bc)
  return e
end

function kinds.decade(c, ctx, e)
  if c.decade then
    if c.bc then
      e.value = string.format("BC%03d", c.decade)
    elseif c.decade < 100 then
      return nil        -- "the 70s" is a temperature or an age more often than a decade
    else
      e.value = string.format("%03dX", c.decade)
    end
  else
    e.rel = { kind = "decade", dec = c.decword }
    e.value = string.format("XX%dX", c.decword)
  end
  return e
end

-- dates, years, ranges (the default)
function kinds.date(c, ctx, e)
  local k, D = c.k, ctx.data
  if c.m and not c.y and not c.d and not ambiguous_month_ok(ctx) then return nil end
  local t = { m = c.m, d = c.d, season = c.season, half = c.halfsuf, dpart = c.dpart }
  if c.hol ~= nil then
    if c.hol == false then e.value = "XXXX-XX-XX"; return e end
    local hm, hd = c.hol:match "(%d%d)%-(%d%d)"
    t.m, t.d = tonumber(hm), tonumber(hd)
  end
  if t.m and t.d then
    local maxd = ({ 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 })[t.m]
    if t.d > maxd then return nil end
  end
  if c.hh and t.d then -- a day with its clock time
    local hh = c.hh
    if hh > 24 then return nil end
    if c.ampm == "pm" and hh < 12 then hh = hh + 12 end
    if c.ampm == "am" and hh == 12 then hh = 0 end
    t.hh, t.mm, e.type = hh, c.mm or 0, "TIME"
  end
  if c.y then
    if c.bc == true then
      if c.y < 1 then return nil end
      t.ay = 1 - c.y
    else
      if c.bc == nil and k == "year" and not is_year_context(ctx.text, ctx.s, ctx.e, c.y, D, ctx.context) then
        return nil
      end
      if c.bc == nil and (c.y < 100) and not t.m then return nil end
      t.ay = c.y
    end
    e.value = fmt_date(t)
    return e
  elseif c.y2 then
    e.rel = { kind = "year2", y2 = c.y2, t = t }
    e.value = fmt_date(t)
    return e
  elseif c.off then
    e.rel = { kind = "offset", unit = c.unit or "Y", n = c.off, t = t }
    e.value = fmt_date(t)
    return e
  elseif t.m and c.post then
    -- "June last": counted from the time of writing, as "last June" is
    e.rel = { kind = "year_of", t = t, dir = c.post, deictic = 1 }
    e.value = fmt_date(t)
    return e
  elseif t.m or t.season or c.wd or t.dpart then
    e.rel = { kind = "year_of", t = t }
    e.value = fmt_date(t)
    return e
  end
  return nil
end

-- every expression starts as a DATE with the part/approximation modifier of its
-- prefix; the normalizer of its kind (c.k) fills in the rest
local function start(c)
  local e = { type = "DATE" }
  if c.mod then e.mod = c.mod end
  if c.amod then e.mod = c.amod end
  if c.half then
    if c.half == "START" or c.half == "END" then e.mod = c.half else c.halfsuf = c.half end
  end
  return e
end

local function build_default(c, ctx)
  return (kinds[c.k] or kinds.date)(c, ctx, start(c))
end
M.build = build_default

-- kind(name) -> the normalizer of one kind of match, for a rule that matches only it
local by_kind = {}
function M.kind(name)
  local f = kinds[name]
  assert(f, "clio.timex.normalize: no kind " .. tostring(name))
  by_kind[name] = by_kind[name] or function(c, ctx) return f(c, ctx, start(c)) end
  return by_kind[name]
end

-- ranges: build the second half as usual, then the first from it
function M.build_range(c, ctx)
  local second = {}
  for k2, v in pairs(c) do second[k2] = v end
  second.k = (c.y or c.yy) and not c.m and "year" or "date"
  if c.yy then
    if c.yy <= c.y1 % 100 then return nil end
    second.y = c.y1 - c.y1 % 100 + c.yy
    second.k = "date"
  end
  local first = { k = "date", m = c.m, y = c.y, bc = c.bc, d = c.d1 }
  if c.y1 then first = { k = c.bc and "date" or "year", y = c.y1, bc = c.bc } end
  local save_s, save_e = ctx.s, ctx.e
  ctx.s, ctx.e = c.s1, c.e1
  local e1 = build_default(first, ctx)
  ctx.s, ctx.e = c.s2, save_e
  local e2 = build_default(second, ctx)
  ctx.s, ctx.e = save_s, save_e
  if not (e1 and e2) then return nil end
  e1.s, e1.e, e2.s, e2.e = c.s1, c.e1, c.s2, save_e
  return { parts = { e1, e2 } }
end

return M
