--- clio.timex.anchor: relative and partial expressions get their values from the
--- document's story (narrative mode) or from one reference time (news mode).
local calendar = require "clio.timex.calendar"
local parse_date, fmt_date, add_units = calendar.parse_date, calendar.format_date, calendar.add_units
local days_from_civil, civil_from_days, year_str = calendar.days_from_civil, calendar.civil_from_days, calendar.year_str

local M = {}

local GRAN = { Y = 1, DE = 1, CE = 1, M = 2, W = 3, D = 3 }

-- anchor(exprs, { reference_time = "YYYY[-MM[-DD]]" | nil, state = nil })
-- Narrative mode (no reference time): each relative expression is resolved
-- against the most recent date with enough detail earlier in the document
-- (a day offset needs a day, a month name needs a year), never today's date.
-- Resolved dates become anchors in turn.  With reference_time (news mode)
-- everything resolves against that one date.  A document anchored piece by
-- piece passes the same `state` table (empty at first) with each piece, in order.
function M.anchor(exprs, opts)
  opts = opts or {}
  local ref = opts.reference_time and parse_date(opts.reference_time)
  local last = opts.state or {}   -- most recent date with >= year, month, day detail
  if ref then last[1], last[2], last[3] = ref, ref, ref end
  local function anchor_for(g)
    if ref then return ref end
    return last[g]
  end
  local function remember(t)
    if ref or not t or not t.ay then return end
    if t.season or t.half then t = { ay = t.ay } end
    last[1] = t
    if t.m then last[2] = t end
    if t.m and t.d then last[3] = t end
  end
  for _, ex in ipairs(exprs) do
    local rel = ex.rel
    if rel then
      local kind = rel.kind
      local a
      if kind == "year_of" then
        a = anchor_for(1)
        if a then
          local t = {}
          for k2, v in pairs(rel.t) do t[k2] = v end
          t.ay = a.ay
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
        if a then
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
            if t.m then r.m = t.m end
            if t.d then r.d = t.d end
            if r.dpart and not r.d then r.dpart = nil end
            ex.value = fmt_date(r)
            if rel.unit ~= "DE" then remember(r) end
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
          -- the nearest such weekday to the anchor day (within three days either way)
          local z = days_from_civil(a.ay, a.m, a.d)
          local wd = (z + 3) % 7 + 1          -- 1 = Monday (1970-01-01 was a Thursday)
          local diff = (rel.wd - wd + 3) % 7 - 3
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
      remember(parse_date(ex.value))
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
