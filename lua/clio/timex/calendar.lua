--- clio.timex.calendar: dates as values. Astronomical years (1 BC = year 0) in the
--- proleptic Gregorian calendar; TIMEX values ("1944-06-06", "BC0480", "1916-SU") read
--- and written; units added to a date.
local M = {}

local function days_from_civil(y, m, d)
  y = (m <= 2) and y - 1 or y
  local era = (y >= 0 and y or y - 399) // 400
  local yoe = y - era * 400
  local mp = (m + 9) % 12
  local doy = (153 * mp + 2) // 5 + d - 1
  local doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
  return era * 146097 + doe - 719468
end

local function civil_from_days(z)
  z = z + 719468
  local era = (z >= 0 and z or z - 146096) // 146097
  local doe = z - era * 146097
  local yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
  local y = yoe + era * 400
  local doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
  local mp = (5 * doy + 2) // 153
  local d = doy - (153 * mp + 2) // 5 + 1
  local m = mp < 10 and mp + 3 or mp - 9
  return (m <= 2) and y + 1 or y, m, d
end
M.days_from_civil, M.civil_from_days = days_from_civil, civil_from_days

local function year_str(ay)
  if ay <= 0 then return string.format("BC%04d", 1 - ay) end
  return string.format("%04d", ay)
end

-- format a date table { ay, m, d, season, half, dpart, hh, mm, week }
local function fmt_date(t)
  local s = t.ay and year_str(t.ay) or "XXXX"
  if t.season then return s .. "-" .. t.season end
  if t.half then return s .. "-" .. t.half end
  if t.week then return s .. string.format("-W%02d", t.week) end
  if t.m then
    s = s .. string.format("-%02d", t.m)
  elseif t.d or t.dpart or t.hh then
    s = s .. "-XX"
  else
    return s
  end
  if t.d then
    s = s .. string.format("-%02d", t.d)
  elseif t.dpart or t.hh then
    s = s .. "-XX"
  end
  if t.hh then
    s = s .. string.format("T%02d:%02d", t.hh, t.mm or 0)
  elseif t.dpart then
    s = s .. "T" .. t.dpart
  end
  return s
end
M.format_date = fmt_date

-- parse a value back into a date table (nil for durations, refs, ...)
local function parse_date(v)
  if type(v) ~= "string" then return nil end
  local bc, y, rest = v:match "^(B?C?)(%d%d%d%d)(.*)$"
  if not y then return nil end
  local t = { ay = tonumber(y) }
  if bc == "BC" then t.ay = 1 - t.ay elseif bc ~= "" then return nil end
  local m, rest2 = rest:match "^%-(%d%d)(.*)$"
  if m then
    t.m = tonumber(m)
    local d = rest2:match "^%-(%d%d)"
    if d then t.d = tonumber(d) end
  else
    local sea = rest:match "^%-(%u%u)$"
    if sea then t.season = sea end
    local half = rest:match "^%-(H%d)$"
    if half then t.half = half; t.season = nil end
  end
  return t
end
M.parse_date = parse_date

local function add_units(t, unit, n)
  local r = { ay = t.ay, m = t.m, d = t.d }
  if unit == "Y" then
    r.ay = r.ay + n
  elseif unit == "DE" then
    r.ay = r.ay + 10 * n
  elseif unit == "CE" then
    r.ay = r.ay + 100 * n
  elseif unit == "M" then
    if not r.m then return nil end
    local k = r.ay * 12 + (r.m - 1) + n
    r.ay, r.m = k // 12, k % 12 + 1
    if r.d then r.d = math.min(r.d, 28) end
  elseif unit == "W" or unit == "D" then
    if not (r.m and r.d) then return nil end
    local z = days_from_civil(r.ay, r.m, r.d) + (unit == "W" and 7 or 1) * n
    r.ay, r.m, r.d = civil_from_days(z)
  else
    return nil
  end
  return r
end
M.add_units = add_units

M.year_str = year_str

return M
