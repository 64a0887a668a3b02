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
--- "192X","START" -> "early 1920s", "decade"; a bound before it: "1914",nil,"BEFORE" ->
--- "before 1914".
function M.label(value, mod, bound)
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
  if bound and MODS[bound] then text = MODS[bound] .. " " .. text end
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

--- The density of dates: {year, count} for every entry finer than a decade (all of
--- them, not only those the chart shows), by the year its interval starts in.
function M.density(entries)
  local by, years = {}, {}
  for _, en in ipairs(entries) do
    if en.hi - en.lo <= 3660 then
      local y = math.floor(year_of(en.lo))
      if not by[y] then by[y] = 0; years[#years + 1] = y end
      by[y] = by[y] + #en.citations
    end
  end
  table.sort(years)
  local out = {}
  for i, y in ipairs(years) do out[i] = { y, by[y] } end
  return out
end

local NONE_FOUND = { {}, {} }

--- The section. ctx: entries (each citation with `at`, its event's clause and
--- sentence ranges packed: clio.report.analyse), tagged (by doc index), cites, lex, colour.
function M.render(ctx)
  local cites, colour = ctx.cites, ctx.colour
  -- factions and actors of each entry: the lexicon's actors in the clauses it cites,
  -- read document by document (each document's mentions are read back once)
  local by_doc, order = {}, {}
  for _, en in ipairs(ctx.entries) do
    for _, c in ipairs(en.citations) do
      local index = c.at and cites:index_at(c.doc, c.start)
      if index then
        local l = by_doc[index]
        if not l then l = {}; by_doc[index] = l; order[#order + 1] = index end
        l[#l + 1] = c
      end
    end
  end
  local found = {}   -- citation -> { factions, names } of the actors in its clause
  for _, index in ipairs(order) do
    local t = ctx.tagged[index]
    if t then
      for _, c in ipairs(by_doc[index]) do
        local cs, ce, ss, se = string.unpack("<i8i8i8i8", c.at)
        local list, names = colours.in_span(t, cs, ce)
        if #names == 0 then list, names = colours.in_span(t, ss, se) end
        if #list > 0 or #names > 0 then found[c] = { list, names } end
      end
    end
    by_doc[index] = nil
  end
  for _, en in ipairs(ctx.entries) do
    local counts, actors, seen = {}, {}, {}
    for _, c in ipairs(en.citations) do
      local list, names = table.unpack(found[c] or NONE_FOUND)
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

  -- the chart is drawn by the page's script (assets/app.js) from these records:
  -- {lo, hi, label, granularity, document (0-based), citation id, clause, factions
  -- (0-based), actors (0-based), sources}
  local records = {}
  for i, en in ipairs(shown) do
    local label, gran = M.label(en.value, en.mod, en.bound)
    local first = en.citations[1]
    local id, d = cites:add(first.doc, first.start, first["end"], "date")
    local fs, as = {}, {}
    for k = 1, math.min(3, #en.factions) do
      local fi = ctx.faction_index[en.factions[k].id]
      if fi then fs[#fs + 1] = fi end
    end
    for _, name in ipairs(en.actors) do
      local ai = ctx.actor_index[name]
      if ai then as[#as + 1] = ai end
    end
    -- the document's index here; clio.report.build turns it into the page's position
    records[i] = { en.lo, en.hi, label, gran, d and d.index or false, id or "",
      html.trim(en.clause or first.text, 160), fs, as, #en.citations }
  end
  ctx.data.timeline = { events = records, density = M.density(ctx.entries),
    defaultLanes = #ctx.docs <= 40 and "document" or "none" }
  local legend = {}
  for _, id in ipairs(ctx.lex and ctx.lex.faction_order or {}) do
    legend[#legend + 1] = string.format('<span><i class="sw" style="background:%s"></i>%s</span>', colour[id],
      html.esc(ctx.lex.factions[id].label))
  end
  legend[#legend + 1] = string.format('<span><i class="sw" style="background:%s"></i>no faction named</span>', colours.NONE)

  -- the ordered list
  local list = { '<ol id="timeline-list">' }
  for i, en in ipairs(shown) do
    local label, gran = M.label(en.value, en.mod, en.bound)
    local links = {}
    local most = ctx.limits and ctx.limits.citations_per_event or math.huge
    for k, c in ipairs(en.citations) do
      if k > most then
        links[#links + 1] = string.format('<span class="muted small">+ %s more</span>', html.thousands(#en.citations - most))
        break
      end
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
      i, html.esc(label), html.esc(gran), html.esc(en.value .. (en.mod and (" " .. en.mod) or "") .. (en.bound and (" " .. en.bound) or "")),
      html.esc(html.trim(en.clause or en.citations[1].text, 180)), table.concat(sw),
      html.esc(table.concat(who, ", ")), table.concat(links, " "))
  end
  list[#list + 1] = "</ol>"

  local lead = string.format("%s dated events (%s mentions) from %s documents. Drag across the strip below "
    .. "(the density of every dated mention, one tick per event) to zoom into a period; arrow keys pan and +/− zoom "
    .. "when it has the focus. A band spans the interval its date names, a dot is a single day (a date broader "
    .. "than an eighth of the period shown, such as a century, is a thin band at the top of its lane); colours are the "
    .. "factions of the actors named in the event's clause at that date. Hover a mark for the event; a click opens "
    .. "the cited words in the source view.",
    html.thousands(#ctx.entries), html.thousands(ctx.nevents), html.thousands(#ctx.docs))
  local body = table.concat {
    '<div class="controls"><label class="ctl" for="tl-lanes">Lanes</label><select id="tl-lanes">',
    '<option value="none">none (packed)</option><option value="document">one per document</option>',
    '<option value="faction">one per faction</option><option value="actor">one per actor</option></select>',
    '<button type="button" id="tl-reset">Show all dates</button> <span id="tl-range" class="muted small" aria-live="polite"></span></div>',
    '<div class="tl-box"><svg id="tl-overview" tabindex="0" role="slider" aria-label="Period shown: drag to choose, ',
    'arrow keys pan, + and − zoom, Home shows all" aria-valuetext="all dates"></svg>',
    '<div id="tl-outliers"></div><div id="tl-main" data-events="', tostring(#shown), '"></div></div>',
    '<div class="legend">', table.concat(legend), '</div>',
    '<details class="tl-list-box" open><summary>The events in order</summary><div class="tl-list">', table.concat(list), "</div></details>",
    cap_note and html.cap(cap_note) or "",
  }
  return html.section("timeline", "Timeline", lead, body), shown
end

return M
