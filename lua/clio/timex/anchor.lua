--- clio.timex.anchor: relative and partial expressions get their values from the
--- document's story (narrative mode) or from one reference time (news mode).
local calendar = require "clio.timex.calendar"
local parse_date, fmt_date, add_units = calendar.parse_date, calendar.format_date, calendar.add_units
local days_from_civil, civil_from_days, year_str = calendar.days_from_civil, calendar.civil_from_days, calendar.year_str

local M = {}

local GRAN = { Y = 1, DE = 1, CE = 1, M = 2, W = 3, D = 3 }

-- An explicit year at least EXCURSION years away from the story's year on both sides
-- (the anchor before it and the next explicit date after it) is an excursion, not
-- where the story went: "Trà returned to Hanoi in October 1974 ... a big push planned
-- for 1976 ... on 13 December 1974".
local EXCURSION = 3

-- the month each season begins in (winter is written with the year it ends in, so
-- the next winter is always next year's)
local SEASON_BEGINS = { SP = 3, SU = 6, FA = 9, WET = 6, DRY = 11 }

-- The narrative frame: the span of years a document's story moves through, from its
-- own explicit dates. Retrospective and prospective mentions ("since 1813", "found in
-- 2004", a publication year) are few beside the story's many dates, so the frame is the
-- densest stretch of the years mentioned, not their min/max: the shortest span
-- holding FRAME_SHARE of the mentions, widened by the years mentioned next to it (a
-- gap of at most a quarter of its width, and at least FRAME_GAP years) so that the
-- story's first and last years stay in. Fewer than FRAME_MIN dates give no frame.
local FRAME_SHARE, FRAME_MIN, FRAME_GAP = 0.8, 4, 2

--- frame_of(years[, min]) -> { lo, hi } (astronomical years) or nil; `years` one entry
--- per explicit date mentioned, in any order; fewer than `min` (default FRAME_MIN) give
--- no frame. The one estimate of a story's frame: clio.claims.dating uses it too.
function M.frame_of(years, min)
  local n = #years
  if n < (min or FRAME_MIN) or n == 0 then return nil end
  local ys = {}
  for i = 1, n do ys[i] = years[i] end
  table.sort(ys)
  local k = math.max(1, math.ceil(n * FRAME_SHARE))
  local bi = 1
  for i = 1, n - k + 1 do
    if ys[i + k - 1] - ys[i] < ys[bi + k - 1] - ys[bi] then bi = i end
  end
  local i, j = bi, bi + k - 1
  local gap = math.max(FRAME_GAP, (ys[j] - ys[i]) // 4)
  while i > 1 and ys[i] - ys[i - 1] <= gap do i = i - 1 end
  while j < n and ys[j + 1] - ys[j] <= gap do j = j + 1 end
  return { lo = ys[i], hi = ys[j] }
end

--- explicit_years(exprs) -> the years of the explicit (not relative) dates
function M.explicit_years(exprs)
  local years = {}
  for _, ex in ipairs(exprs) do
    if ex.type == "DATE" and not ex.rel and not ex.mention then
      local t = parse_date(ex.value)
      if t and t.ay then years[#years + 1] = t.ay end
    end
  end
  return years
end

--- parse_period("1919-1921" | "480BC-479BC" | "1919") -> { lo, hi } or nil, message
function M.parse_period(s)
  local function year(v)
    local bc = v:match "^(%d+)%s*[Bb][Cc]$"
    if bc then return 1 - tonumber(bc) end
    return math.tointeger(tonumber(v))
  end
  local a, b = s:match "^%s*(%d+%s*%a*)%s*[-–/]%s*(%d+%s*%a*)%s*$"
  if not a then a = s:match "^%s*(%d+%s*%a*)%s*$"; b = a end
  local lo, hi = a and year(a), b and year(b)
  if not (lo and hi) then return nil, "a period is FROM-TO in years (1919-1921, 499BC-449BC), not '" .. s .. "'" end
  if hi < lo then return nil, "the period '" .. s .. "' ends before it starts" end
  return { lo = lo, hi = hi }
end

-- anchor(exprs, { reference_time = "YYYY[-MM[-DD]]" | nil, state = nil,
--                 document_time = "YYYY[-MM[-DD]]" | nil })
-- Narrative mode (no reference time): each relative expression is resolved
-- against the most recent date with enough detail earlier in the document
-- (a day offset needs a day, a month name needs a year), never today's date.
-- Resolved dates become anchors in turn.  With reference_time (news mode)
-- everything resolves against that one date.  With document_time (the date the document
-- was written), expressions that count from the time of writing ("last March", "two
-- years ago") resolve against it, the others against the story.  A document anchored piece by
-- piece passes the same `state` table (empty at first) with each piece, in order.
function M.anchor(exprs, opts)
  opts = opts or {}
  local ref = opts.reference_time and parse_date(opts.reference_time)
  local last = opts.state or {}   -- most recent date with >= year, month, day detail
  if ref then last[1], last[2], last[3] = ref, ref, ref end
  -- the story's frame: given (--period), kept from the document's first piece, or
  -- estimated from these expressions
  local frame = opts.frame or last.frame
  if not frame and not ref and last.frame == nil then frame = M.frame_of(M.explicit_years(exprs)) end
  last.frame = frame or false
  local function in_frame(t)
    return not frame or (t.ay >= frame.lo and t.ay <= frame.hi)
  end
  -- the time of writing (opts.document_time: the document's own date), which expressions
  -- that count from it ("last spring", "a year ago") take instead of the story's date
  local written = not ref and opts.document_time and parse_date(opts.document_time)
  local from_writing = false
  local function anchor_for(g)
    if ref then return ref end
    if from_writing and written and (g == 1 or (g == 2 and written.m) or (g == 3 and written.d)) then
      return written
    end
    return last[g]
  end
  -- a date becomes the anchor of what follows only inside the story's frame: a
  -- retrospective or prospective mention is dated as written but moves nothing
  local function remember(t)
    if ref or not t or not t.ay then return end
    if not in_frame(t) then return end
    if t.season or t.half then t = { ay = t.ay } end
    last[1] = t
    if t.m then last[2] = t end
    if t.m and t.d then last[3] = t end
  end
  -- the year of the next explicit date after each expression (nil past the last)
  local next_year, ny = {}, nil
  for i = #exprs, 1, -1 do
    next_year[i] = ny
    local ex = exprs[i]
    if ex.type == "DATE" and not ex.rel and not ex.mention then
      local t = parse_date(ex.value)
      if t and t.ay then ny = t.ay end
    end
  end
  -- an excursion: an explicit year away from the story's year both before and after
  -- it ("a big push planned for 1976" told in 1974, with 1974 again next)
  local function excursion(i, t)
    local cur, nxt = last[1] and last[1].ay, next_year[i]
    if not (cur and nxt) then return false end
    return (t.ay - cur >= EXCURSION and t.ay - nxt >= EXCURSION)
        or (cur - t.ay >= EXCURSION and nxt - t.ay >= EXCURSION)
  end
  for i, ex in ipairs(exprs) do
    local rel = ex.rel
    from_writing = rel ~= nil and rel.deictic ~= nil
    if rel then
      local kind = rel.kind
      local a
      if kind == "year_of" then
        a = anchor_for(1)
        -- the first end of a range takes the year of the second, or the one before
        -- when its month-day comes later ("December 20 to January 5, 1916")
        local e2 = rel.range_end and parse_date(rel.range_end)
        if e2 and not (e2.ay and e2.m) then e2 = nil end
        if a or e2 then
          local t = {}
          for k2, v in pairs(rel.t) do t[k2] = v end
          -- the anchor is the time of writing (or the reference time)
          local now = a ~= nil and (a == ref or (written and a == written))
          if e2 then
            local later = t.m > e2.m or (t.m == e2.m and (t.d or 0) > (e2.d or 31))
            t.ay = later and e2.ay - 1 or e2.ay
            a = e2
          else
            t.ay = a.ay
            -- "June last" / "the 1st of January next": the nearest such month or day
            -- before / after the time of writing (a story's last date is no "now": without
            -- one the month keeps the anchor's year, as a bare month does)
            if rel.dir and a.m and now then
              local am, ad = a.m, a.d or (rel.dir < 0 and 31 or 0)
              if rel.dir < 0 and (t.m > am or (t.m == am and (t.d or 0) > ad)) then t.ay = a.ay - 1 end
              if rel.dir > 0 and (t.m < am or (t.m == am and (t.d or 32) < ad)) then t.ay = a.ay + 1 end
            end
            -- a winter is written with the year it ends in (TIMEX): after autumn or
            -- December 1914, "the winter" is 1915-WI; in January or February, the one
            -- under way
            if t.season == "WI" and not (a.m and a.m <= 2) then t.ay = a.ay + 1 end
          end
          -- "February 29" is not in a common year: the anchor is the wrong year, and
          -- the value keeps its X rather than name a day that never was
          if t.m and t.d and select(2, civil_from_days(days_from_civil(t.ay, t.m, t.d))) ~= t.m then
            t.ay = nil
          end
          ex.value = fmt_date(t)
          ex.anchor = fmt_date(a)
          if t.m and t.ay then remember(t) end
        end
      elseif kind == "year2" then
        a = anchor_for(1)
        local t = {}
        for k2, v in pairs(rel.t) do t[k2] = v end
        local cent = a and (a.ay // 100) * 100 or 1900
        t.ay = cent + rel.y2
        ex.value = fmt_date(t)
        if a then ex.anchor = fmt_date(a) end
        remember(t)
      elseif kind == "decade" then
        a = anchor_for(1)
        local cent = a and (a.ay // 100) or 19
        ex.value = string.format("%02d%dX", cent, rel.dec)
        if a then ex.anchor = fmt_date(a) end
      elseif kind == "offset" then
        local g = GRAN[rel.unit] or 1
        a = anchor_for(g) or anchor_for(1)
        if a and g == 3 and a.m and not a.d and not rel.t then
          -- a day counted from a date known only to the month: the day stays unknown
          -- ("that same day" after June 479 BC: BC0479-06-XX); a shift of days may
          -- cross into another month, so then only the year is kept (1980-XX-XX)
          local m = rel.n == 0 and rel.unit == "D" and a.m
          ex.value = year_str(a.ay) .. (m and string.format("-%02d", m) or "-XX") .. "-XX"
          ex.anchor = fmt_date(a)
        elseif a and g == 2 and not a.m and not rel.t and not rel.season and not rel.dpart then
          -- a month counted from a date known only to the year: the month stays unknown
          -- ("late in the month" after 1833: 1833-XX, not late 1833)
          ex.value = year_str(a.ay) .. "-XX"
          ex.anchor = fmt_date(a)
        elseif a then
          local r = add_units(a, rel.unit, rel.n)
          if not r then r = { ay = a.ay } end
          -- keep only the granularity of the unit ("the next month" -> YYYY-MM)
          if g == 1 then r.m, r.d = nil, nil elseif g == 2 then r.d = nil end
          if rel.unit == "DE" then
            ex.value = year_str(r.ay):sub(1, -2) .. "X"
          elseif rel.unit == "CE" then
            ex.value = year_str(r.ay):sub(1, -3)
          else
            local t = rel.t or {}
            r.season, r.half, r.dpart = t.season or rel.season, t.half, t.dpart or rel.dpart
            -- "the coming monsoon", "next spring": the next time the season comes,
            -- which is this year while it has not yet begun (seasons and their first
            -- months: the profile-independent TIMEX codes)
            local begins = r.season and SEASON_BEGINS[r.season]
            if begins and rel.unit == "Y" and rel.n == 1 and a.m and a.m < begins then r.ay = a.ay end
            if t.m then r.m = t.m end
            if t.d then r.d = t.d end
            if r.dpart and not r.d then r.dpart = nil end
            ex.value = fmt_date(r)
            -- a look back ("the previous year") dates itself but the story stays
            -- where it was: a month-day after it is in the story's year
            if rel.unit ~= "DE" and rel.n >= 0 then remember(r) end
          end
          ex.anchor = fmt_date(a)
        end
      elseif kind == "month" then
        a = anchor_for(1)
        if a then
          local t = { ay = a.ay + (rel.n or 0), m = rel.m }
          ex.value = fmt_date(t)
          ex.anchor = fmt_date(a)
          remember(t)
        end
      elseif kind == "year3" then
        a = anchor_for(1)
        if a and a.ay <= 0 and rel.y >= 1 then
          local t = { ay = 1 - rel.y }
          ex.value, ex.anchor = fmt_date(t), fmt_date(a)
          remember(t)
        else
          ex.drop = true   -- not a year outside a BC narrative
        end
      elseif kind == "dayonly" then
        a = anchor_for(2)
        if a then
          local t = { ay = a.ay, m = a.m, d = rel.d }
          ex.value, ex.anchor = fmt_date(t), fmt_date(a)
          remember(t)
        end
      elseif kind == "weekday" then
        a = anchor_for(3)
        if a then
          -- the nearest such weekday to the anchor day (within three days either way);
          -- "last Monday" the one before it, "next Monday" the one after
          local z = days_from_civil(a.ay, a.m, a.d)
          local wd = (z + 3) % 7 + 1          -- 1 = Monday (1970-01-01 was a Thursday)
          local diff = (rel.wd - wd + 3) % 7 - 3
          if rel.off and rel.off < 0 then diff = -((wd - rel.wd - 1) % 7 + 1)
          elseif rel.off and rel.off > 0 then diff = (rel.wd - wd - 1) % 7 + 1 end
          local t = {}
          t.ay, t.m, t.d = civil_from_days(z + diff)
          ex.value, ex.anchor = fmt_date(t), fmt_date(a)
        end
      elseif kind == "time" then
        a = anchor_for(3)
        if a then
          ex.value = fmt_date { ay = a.ay, m = a.m, d = a.d, hh = rel.hh, mm = rel.mm }
          ex.anchor = fmt_date(a)
        end
      end
    elseif ex.type == "DATE" then
      local t = parse_date(ex.value)
      if t and t.ay and not ex.mention and not excursion(i, t) then remember(t) end
    end
  end
  -- drop candidates that proved not temporal (bare numbers outside a BC context)
  local j = 0
  for i = 1, #exprs do
    local ex = exprs[i]
    exprs[i] = nil
    if not ex.drop then j = j + 1; exprs[j] = ex end
  end
  return exprs
end

-- the sub-patterns of the default tagger, for scripts that build rules up front

return M
