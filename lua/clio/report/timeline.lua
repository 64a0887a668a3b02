--- clio.report.timeline: the timeline chart (inline SVG on a time axis, one mark per
--- event, its width the interval the date names) and the ordered event list beside it.
local html = require "clio.report.html"
local colours = require "clio.report.colours"

local M = {}

--- Most events the page shows; beyond it, the best `per_decade` of each decade.
M.MAX_EVENTS = 400
M.PER_DECADE = 12

local MONTHS = { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" }
local SEASONS = { SP = "spring", SU = "summer", FA = "autumn", WI = "winter", H1 = "first half of",
                  H2 = "second half of" }
local MODS = { START = "early", MID = "mid", END = "late", APPROX = "c.", BEFORE = "before", AFTER = "after",
               ON_OR_BEFORE = "by", ON_OR_AFTER = "from", LESS_THAN = "under", MORE_THAN = "over",
               EQUAL_OR_LESS = "at most", EQUAL_OR_MORE = "at least" }

local function ordinal(n)
  local s = n % 100 >= 11 and n % 100 <= 13 and "th" or ({ "st", "nd", "rd" })[n % 10] or "th"
  return n .. s
end

--- A TIMEX value as a reader says it, and its granularity:
--- "192X","START" -> "early 1920s", "decade".
function M.label(value, mod)
  local v, bc = value, ""
  if v:sub(1, 2) == "BC" then v, bc = v:sub(3), " BC" end
  local text, gran
  local y, m, d = v:match "^(%d%d%d%d)%-(%d%d)%-(%d%d)"
  if y then
    text, gran = string.format("%d %s %d", tonumber(d), MONTHS[tonumber(m)] or m, tonumber(y)), "day"
  else
    y, m = v:match "^(%d%d%d%d)%-(%d%d)$"
    if y then
      text, gran = (MONTHS[tonumber(m)] or m) .. " " .. tonumber(y), "month"
    else
      local s
      y, s = v:match "^(%d%d%d%d)%-(%u%u)$"
      if y and SEASONS[s] then
        text, gran = SEASONS[s] .. " " .. tonumber(y), s:sub(1, 1) == "H" and "half year" or "season"
      elseif v:match "^%d%d%d%d$" then
        text, gran = tostring(tonumber(v)), "year"
      elseif v:match "^%d%d%dX$" or (bc ~= "" and v:match "^%d%d%d$") then
        text, gran = tonumber(v:sub(1, 3)) * 10 .. "s", "decade"
      elseif v:match "^%d%dXX$" or v:match "^%d%d$" then
        text, gran = ordinal(tonumber(v:sub(1, 2)) + 1) .. " century", "century"
      else
        text, gran = value, "date"
      end
    end
  end
  text = text .. bc
  if mod and MODS[mod] then text = MODS[mod] .. " " .. text end
  return text, gran
end

local function year_of(day) return 1970 + day / 365.2425 end

-- the entries the page shows, in timeline order
local function capped(entries)
  if #entries <= M.MAX_EVENTS then return entries, nil end
  local by_decade, order = {}, {}
  for i, en in ipairs(entries) do
    en._i = i
    local dec = math.floor(year_of(en.lo) / 10)
    local list = by_decade[dec]
    if not list then list = {}; by_decade[dec] = list; order[#order + 1] = dec end
    list[#list + 1] = en
  end
  local kept = {}
  for _, dec in ipairs(order) do
    local list = by_decade[dec]
    table.sort(list, function(a, b)
      if #a.citations ~= #b.citations then return #a.citations > #b.citations end
      if #a.actors ~= #b.actors then return #a.actors > #b.actors end
      return a._i < b._i
    end)
    for k = 1, math.min(M.PER_DECADE, #list) do kept[#kept + 1] = list[k] end
  end
  table.sort(kept, function(a, b) return a._i < b._i end)
  return kept, string.format("This corpus has %s timeline events; the chart and the list show %s: at most %d per decade, "
    .. "those told by the most sources (then naming the most actors). <code>clio timeline</code> lists them all.",
    html.thousands(#entries), html.thousands(#kept), M.PER_DECADE)
end

local function nice_step(span_years)
  for _, s in ipairs { 1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000 } do
    if span_years / s <= 10 then return s end
  end
  return 10000
end

--- The section. ctx: entries, events_by_key, tagged (by doc index), cites, lex, colour.
function M.render(ctx)
  local cites, colour = ctx.cites, ctx.colour
  -- factions and actors of each entry: the lexicon's actors in the clauses it cites
  for _, en in ipairs(ctx.entries) do
    local counts, actors, seen = {}, {}, {}
    for _, c in ipairs(en.citations) do
      local ev = ctx.events_by_key[c.doc .. "\0" .. c.start]
      local d = cites:doc_at(c.doc, c.start)
      local t = d and ctx.tagged[d.index]
      local list, names = {}, {}
      if ev and t then
        list, names = colours.in_span(t, ev.clause.start, ev.clause["end"])
        if #names == 0 then list, names = colours.in_span(t, ev.sentence.start, ev.sentence["end"]) end
      end
      for _, f in ipairs(list) do counts[f.id] = (counts[f.id] or 0) + f.n end
      for _, n in ipairs(names) do
        if not seen[n] then seen[n] = true; actors[#actors + 1] = n end
      end
    end
    local fl = {}
    for f, n in pairs(counts) do fl[#fl + 1] = { id = f, n = n } end
    table.sort(fl, function(a, b) if a.n ~= b.n then return a.n > b.n end return a.id < b.id end)
    en.factions, en.actors = fl, actors
  end

  local shown, cap_note = capped(ctx.entries)
  if #shown == 0 then
    return html.section("timeline", "Timeline", nil,
      '<p class="muted">No dated events were found in these documents.</p>'), shown
  end

  -- the axis: from the events finer than a century (coarser ones are clipped to it)
  local dmin, dmax = math.huge, -math.huge
  for _, en in ipairs(shown) do
    if en.hi - en.lo <= 3660 then dmin, dmax = math.min(dmin, en.lo), math.max(dmax, en.hi) end
  end
  if dmin == math.huge then
    for _, en in ipairs(shown) do dmin, dmax = math.min(dmin, en.lo), math.max(dmax, en.hi) end
  end
  -- on many events, a stray date (a misread number) does not stretch the axis: the
  -- axis holds 98% of them, the rest are clipped to its ends like coarse bands
  if #ctx.entries >= 100 then
    local los, his = {}, {}
    for _, en in ipairs(ctx.entries) do
      if en.hi - en.lo <= 3660 then los[#los + 1] = en.lo; his[#his + 1] = en.hi end
    end
    table.sort(los); table.sort(his)
    dmin = math.max(dmin, los[math.max(1, math.floor(#los * 0.01))])
    dmax = math.min(dmax, his[math.ceil(#his * 0.99)])
  end
  local y0, y1 = year_of(dmin), year_of(dmax)
  if y1 - y0 < 2 then local mid = (y0 + y1) / 2; y0, y1 = mid - 1, mid + 1 end
  local pad = (y1 - y0) * 0.02
  y0, y1 = y0 - pad, y1 + pad
  local W, left, right, top = 780, 14, 14, 34
  local plot = W - left - right
  local function x(day) return left + (year_of(day) - y0) / (y1 - y0) * plot end

  -- marks and lanes
  local marks = {}
  for i, en in ipairs(shown) do
    local a, b = x(en.lo), x(en.hi)
    local mk = { en = en, i = i }
    if en.hi - en.lo <= 1 then
      mk.dot = true
      mk.clipped = a < left or a > left + plot
      a = math.min(math.max(a, left), left + plot)
      mk.cx = a
      mk.x0, mk.x1 = a - 5, a + 5
    else
      mk.clip_l, mk.clip_r = a < left, b > left + plot
      a, b = math.max(a, left), math.min(b, left + plot)
      if b - a < 3 then
        local c = (a + b) / 2
        a, b = c - 1.5, c + 1.5
      end
      mk.x0, mk.x1 = a, b
    end
    marks[#marks + 1] = mk
  end
  local order = {}
  for i = 1, #marks do order[i] = marks[i] end
  table.sort(order, function(p, q)
    local wp, wq = p.x1 - p.x0, q.x1 - q.x0
    if (wp > 200) ~= (wq > 200) then return wp > 200 end -- wide bands on the top lanes
    if p.x0 ~= q.x0 then return p.x0 < q.x0 end
    return p.i < q.i
  end)
  local lanes = {}
  for _, mk in ipairs(order) do
    local lane
    for l, stop in ipairs(lanes) do
      if stop + 2 <= mk.x0 then lane = l break end
    end
    if not lane then lane = #lanes + 1 end
    lanes[lane] = mk.x1
    mk.lane = lane
  end
  local LANE = 20
  local H = top + #lanes * LANE + 30

  local svg = {}
  local function put(...) for _, s in ipairs { ... } do svg[#svg + 1] = s end end
  put(string.format('<svg id="timeline-chart" data-events="%d" viewBox="0 0 %d %d" role="img" '
    .. 'aria-label="Timeline of %d events">', #shown, W, H, #shown))
  -- ticks
  local step = nice_step(y1 - y0)
  local t = math.ceil(y0 / step) * step
  while t <= y1 do
    local tx = left + (t - y0) / (y1 - y0) * plot
    put(string.format('<line class="grid" x1="%.1f" y1="%d" x2="%.1f" y2="%d"/>', tx, top - 8, tx, H - 22))
    put(string.format('<text class="axis" x="%.1f" y="%d" text-anchor="middle">%d</text>', tx, top - 14, t))
    put(string.format('<text class="axis" x="%.1f" y="%d" text-anchor="middle">%d</text>', tx, H - 8, t))
    t = t + step
  end
  put(string.format('<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#b8c0ca"/>', left, top - 8, left + plot, top - 8))
  for _, mk in ipairs(marks) do
    local en = mk.en
    local label, gran = M.label(en.value, en.mod)
    local first = en.citations[1]
    local id = cites:add(first.doc, first.start, first["end"], "date")
    local cy = top + (mk.lane - 1) * LANE + LANE / 2
    local fs = {}
    for k = 1, math.min(3, #en.factions) do fs[k] = colour[en.factions[k].id] end
    if #fs == 0 then fs[1] = colours.NONE end
    local tip = { label .. " (" .. gran .. ")", html.trim(en.clause or first.text, 120) }
    if #en.actors > 0 then tip[#tip + 1] = "actors: " .. table.concat(en.actors, ", ") end
    tip[#tip + 1] = #en.citations .. (#en.citations == 1 and " source" or " sources")
    put(id and string.format('<a href="#%s">', id) or "<g>")
    put("<title>", html.esc(table.concat(tip, "\n")), "</title>")
    if mk.dot then
      put(string.format('<circle class="ev-mark%s" data-ev="%d" cx="%.1f" cy="%.1f" r="5" fill="%s"%s/>',
        mk.clipped and " coarse" or "", mk.i, mk.cx, cy, fs[1], fs[2] and (' stroke="' .. fs[2] .. '" stroke-width="2.5"') or ""))
    else
      local h = 13
      local cls = (mk.clip_l or mk.clip_r) and "ev-mark coarse" or "ev-mark"
      put(string.format('<g class="%s" data-ev="%d">', cls, mk.i))
      for k, c in ipairs(fs) do
        local sh = h / #fs
        put(string.format('<rect x="%.1f" y="%.1f" width="%.1f" height="%.2f" fill="%s"/>',
          mk.x0, cy - h / 2 + (k - 1) * sh, mk.x1 - mk.x0, sh, c))
      end
      put("</g>")
      if mk.clip_l then put(string.format('<text class="axis" x="%.1f" y="%.1f">◂</text>', mk.x0 + 1, cy + 4)) end
      if mk.clip_r then put(string.format('<text class="axis" x="%.1f" y="%.1f" text-anchor="end">▸</text>', mk.x1 - 1, cy + 4)) end
    end
    put(id and "</a>" or "</g>")
  end
  put("</svg>")

  -- legend: the factions that colour a mark
  local used, legend = {}, {}
  for _, en in ipairs(shown) do for _, f in ipairs(en.factions) do used[f.id] = true end end
  for _, id in ipairs(ctx.lex and ctx.lex.faction_order or {}) do
    if used[id] then
      legend[#legend + 1] = string.format('<span><i class="sw" style="background:%s"></i>%s</span>', colour[id],
        html.esc(ctx.lex.factions[id].label))
    end
  end
  legend[#legend + 1] = string.format('<span><i class="sw" style="background:%s"></i>no faction named</span>', colours.NONE)

  -- the ordered list
  local list = { '<ol id="timeline-list">' }
  for i, en in ipairs(shown) do
    local label, gran = M.label(en.value, en.mod)
    local links = {}
    for _, c in ipairs(en.citations) do
      local d = cites:doc_at(c.doc, c.start)
      links[#links + 1] = cites:link(c.doc, c.start, c["end"], "date",
        d and (d.short .. ":" .. c.start) or nil, c.clause and html.trim(c.clause, 200) or c.text)
    end
    local sw = {}
    for k = 1, math.min(3, #en.factions) do
      local f = en.factions[k]
      sw[#sw + 1] = string.format('<i class="sw" style="background:%s" title="%s"></i>', colour[f.id],
        html.esc(ctx.lex.factions[f.id] and ctx.lex.factions[f.id].label or f.id))
    end
    local who = #en.actors > 0 and en.actors or en.participants or {}
    list[#list + 1] = string.format(
      '<li id="ev-%d"><div class="when">%s<span class="gran">%s · <code>%s</code></span></div>'
      .. '<div><div class="what">%s</div><div class="who">%s%s</div><div>%s</div></div></li>',
      i, html.esc(label), html.esc(gran), html.esc(en.value .. (en.mod and (" " .. en.mod) or "")),
      html.esc(html.trim(en.clause or en.citations[1].text, 180)), table.concat(sw),
      html.esc(table.concat(who, ", ")), table.concat(links, " "))
  end
  list[#list + 1] = "</ol>"

  local lead = string.format("%s dated events (%s mentions) from %s documents, ordered by the interval each date names. "
    .. "A band spans its interval (a year, a decade, a century); a dot is a single day; faded bands with arrows "
    .. "reach beyond the axis. Colours are the factions of the actors named in the event's clause at that date. "
    .. "Each mark and each citation opens the exact words in the source view.",
    html.thousands(#ctx.entries), html.thousands(ctx.nevents), html.thousands(#ctx.docs))
  local body = table.concat {
    '<div class="tl-wrap"><div class="tl-chart">', table.concat(svg), '<div class="legend">', table.concat(legend),
    '</div></div><div class="tl-list">', table.concat(list), "</div></div>",
    cap_note and html.cap(cap_note) or "",
  }
  return html.section("timeline", "Timeline", lead, body), shown
end

return M
