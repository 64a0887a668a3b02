--- clio.report.source: each document's text, HTML-escaped from the original bytes, with
--- every cited span highlighted in a <mark> whose id the citations link to, and the
--- gaps found by cleaning (and the markup of TEI/CSV/JSON inputs) shown dimmed.
--
-- Spans may nest or cross (a date inside a claim's phrase, a sentence holding both).
-- Nested spans nest; where two cross, the inner element is closed and reopened as a
-- continuation (`data-cont`), so the element with the id starts at the exact first byte.
local html = require "clio.report.html"

local M = {}

M.FULL_MAX = 256 * 1024          -- a document up to this size is shown whole ...
M.TOTAL_FULL = 512 * 1024        -- ... while the whole texts shown stay under this
M.CONTEXT = 240                  -- bytes of context around a cited span otherwise

local KIND_ORDER = { "claim", "action", "date", "cooc", "cite" }

-- A carriage return is written as a reference: the HTML parser would turn a raw one into
-- a line feed, and the page's script counts the text's bytes to find an offset.
local function text_of(s)
  return (html.clean_utf8(s):gsub("[&<>\r]", { ["&"] = "&amp;", ["<"] = "&lt;", [">"] = "&gt;", ["\r"] = "&#13;" }))
end

local function span_tags(s)
  local kinds = {}
  for _, k in ipairs(KIND_ORDER) do if s.kinds[k] then kinds[#kinds + 1] = "k-" .. k end end
  local cls = "hl " .. table.concat(kinds, " ")
  return string.format('<mark class="%s" id="%s" data-s="%d" data-e="%d">', cls, s.id, s.start, s["end"]),
    string.format('<mark class="%s cont" data-cont="%s">', cls, s.id), "</mark>"
end

local function gap_tags(g)
  if g.rule == "markup" or g.rule == "break" then
    return '<span class="gap markup">', '<span class="gap markup">', "</span>"
  end
  if g.rule == "reference" then -- a TEI reference: the character it stands for on hover
    local open = string.format('<span class="gap markup" title="%s">', html.esc(g.text or ""))
    return open, open, "</span>"
  end
  local open = string.format('<span class="gap" title="cleaning gap: %s">', html.esc(g.rule))
  return open, open, "</span>"
end

-- Renders bytes [a, b) of the document's file with the items (spans and gaps) laid over.
local function render_range(doc, a, b, items, out)
  local text = doc.read(a, b)
  local pts, set = {}, {}
  local starts = {}
  for _, it in ipairs(items) do
    local s, e = math.max(it.s, a), math.min(it.e, b)
    if s < e then
      it.cs, it.ce = s, e
      for _, p in ipairs { s, e } do if not set[p] then set[p] = true; pts[#pts + 1] = p end end
      local l = starts[s]
      if not l then l = {}; starts[s] = l end
      l[#l + 1] = it
    end
  end
  table.sort(pts)
  for _, l in pairs(starts) do
    table.sort(l, function(x, y)
      if x.ce ~= y.ce then return x.ce > y.ce end -- the longer one outside
      if x.gap ~= y.gap then return x.gap == true end
      return x.key < y.key
    end)
  end
  local stack, pos = {}, a
  for _, p in ipairs(pts) do
    if p > pos then out[#out + 1] = text_of(text:sub(pos - a + 1, p - a)); pos = p end
    -- close what ends here, reopening what was inside it and goes on
    local low
    for i = 1, #stack do if stack[i].ce == p then low = i break end end
    if low then
      local reopen = {}
      for i = #stack, low, -1 do
        local it = stack[i]
        out[#out + 1] = it.close
        stack[i] = nil
        if it.ce > p then table.insert(reopen, 1, it) end
      end
      for _, it in ipairs(reopen) do
        out[#out + 1] = it.cont
        stack[#stack + 1] = it
      end
    end
    for _, it in ipairs(starts[p] or {}) do
      out[#out + 1] = it.open
      stack[#stack + 1] = it
    end
  end
  if pos < b then out[#out + 1] = text_of(text:sub(pos - a + 1, b - a)) end
  for i = #stack, 1, -1 do out[#out + 1] = stack[i].close end
end

-- back off to a UTF-8 character boundary
local function char_start(doc, p, lo)
  while p > lo do
    local c = doc.read(p, p + 1):byte()
    if not c or c < 0x80 or c >= 0xC0 then break end
    p = p - 1
  end
  return p
end

M._render_range = render_range -- for tests

--- The documents the source view shows whole: a set of document indexes (in corpus
--- order, each up to FULL_MAX, until TOTAL_FULL is reached).
function M.plan(docs)
  local whole, total = {}, 0
  for _, d in ipairs(docs) do
    if d.bytes <= M.FULL_MAX and total + d.bytes <= M.TOTAL_FULL then
      whole[d.index] = true
      total = total + d.bytes
    end
  end
  return whole
end

-- The narrative year in force at each offset of a document: the year of the last dated
-- event at or before it (nil before the first).
local function year_at(events)
  table.sort(events, function(a, b) return a[1] < b[1] end)
  return function(pos)
    local lo, hi, best = 1, #events, nil
    while lo <= hi do
      local mid = (lo + hi) // 2
      if events[mid][1] <= pos then best = events[mid][2]; lo = mid + 1 else hi = mid - 1 end
    end
    return best
  end
end

-- An item per actor mention: its faction at that date (class f<n>), the actor (data-a,
-- the page shows the canonical name on hover), the narrative year (data-y).
local function mention_items(ctx, d, items)
  local t = ctx.tagged[d.index]
  if not t then return 0 end
  local when = year_at(ctx.event_years[d.index] or {})
  local n = 0
  for k, h in ipairs(t.mentions) do
    local ai = h.entity and ctx.actor_ids[h.entity.id]
    if ai and not h.pronoun and ctx.actor_kinds[h.kind] then
      local f = h.factions and h.factions[1]
      local fi = f and ctx.faction_index[f]
      local y = when(h.start) or ctx.doc_year[d.index]
      local open = string.format('<span class="am%s" data-a="%d"%s%s>', fi and (" f" .. fi) or "", ai,
        fi and (' data-f="' .. fi .. '"') or "", y and (' data-y="' .. y .. '"') or "")
      items[#items + 1] = { s = h.start, e = h["end"], open = open, cont = open, close = "</span>",
                            key = string.format("~~%09d", k) }
      n = n + 1
    end
  end
  return n
end

--- The filter bar over the source view: by actor, faction and narrative year. The
--- actor list is the page script's (assets/app.js): the most mentioned actors grouped by
--- faction or kind, a box to find any other by name, and "all" to list every one (a
--- history of a war names thousands).
function M.actor_bar(ctx)
  local n = #ctx.data.actors
  local fopts = { '<option value="">every faction</option>' }
  for i, f in ipairs(ctx.data.factions) do
    fopts[#fopts + 1] = string.format('<option value="%d">%s</option>', i - 1, html.esc(f.label))
  end
  return table.concat {
    '<div class="controls actor-bar" role="search" aria-label="filter the sources by actor">',
    '<label class="ctl">Actor <input id="actor-find" type="search" size="14" autocomplete="off" spellcheck="false" ',
    'placeholder="find a name" aria-describedby="actor-list-note" aria-controls="actor-pick"></label>',
    '<select id="actor-pick" aria-label="actor"><option value="">every actor</option></select>',
    string.format('<button type="button" id="actor-all" aria-pressed="false"%s>all %s</button>',
      n == 0 and " hidden" or "", html.thousands(n)),
    '<span id="actor-list-note" class="muted small"></span>',
    '<label class="ctl">Faction <select id="faction-pick">', table.concat(fopts), '</select></label>',
    '<label class="ctl">Years <input id="year-from" size="5" inputmode="numeric" placeholder="from"> – ',
    '<input id="year-to" size="5" inputmode="numeric" placeholder="to"></label>',
    '<button type="button" id="actor-prev" aria-label="previous mention">◂</button>',
    '<button type="button" id="actor-next" aria-label="next mention">▸</button>',
    '<span id="actor-count" class="muted small" aria-live="polite"></span></div>',
  }
end

--- The section. ctx: docs (overview records, each with read(a, b)), cites.
function M.render(ctx)
  local docs, cites = ctx.docs, ctx.cites
  local out = {}
  local full_total, nfull, nexcerpt, nnone = 0, 0, 0, 0
  local whole = ctx.whole or M.plan(docs)
  for k, d in ipairs(docs) do
    local spans = cites.spans[d.index] or {}
    local items = {}
    for _, s in ipairs(spans) do
      local open, cont, close = span_tags(s)
      items[#items + 1] = { s = s.start, e = s["end"], open = open, cont = cont, close = close, key = s.id }
    end
    for k, g in ipairs(d.gaps) do
      local open, cont, close = gap_tags(g)
      items[#items + 1] = { s = g.start, e = g["end"], open = open, cont = cont, close = close, gap = true,
                            key = string.format("~%09d", k) }
    end
    mention_items(ctx, d, items)
    local meta = {}
    for _, key in ipairs(ctx.metakeys or {}) do
      if d.meta[key] and d.meta[key] ~= "" then meta[#meta + 1] = key .. ": " .. d.meta[key] end
    end
    local head = string.format('<div class="src-doc" id="doc-%d" data-k="%d" data-path="%s"><h3>%s <span class="muted">%s · %s · %d cited span%s%s</span></h3>',
      d.index, k - 1, html.esc(d.path), html.esc(d.name), html.esc(d.path), html.size(d.bytes), #spans, #spans == 1 and "" or "s",
      #meta > 0 and (" · " .. html.esc(html.trim(table.concat(meta, "; "), 200))) or "")
    out[#out + 1] = head
    if whole[d.index] then
      full_total = full_total + d.bytes
      nfull = nfull + 1
      -- the HTML parser drops a newline right after <pre>: one is written for it to drop,
      -- so a text's own first newline stays (and its bytes keep their offsets)
      out[#out + 1] = string.format('<pre class="src" data-a="%d" data-b="%d">\n', d.start, d["end"])
      render_range(d, d.start, d["end"], items, out)
      out[#out + 1] = "</pre>"
    elseif #spans > 0 then
      nexcerpt = nexcerpt + 1
      -- windows around the cited spans, cut at line ends near the context's edge
      table.sort(spans, function(x, y) return x.start < y.start end)
      local wins = {}
      for _, s in ipairs(spans) do
        local a, b = math.max(d.start, s.start - M.CONTEXT), math.min(d["end"], s["end"] + M.CONTEXT)
        local before = d.read(math.max(d.start, a - 200), a)
        local nl = before:match ".*()\n"
        if nl then a = a - #before + nl end
        local after = d.read(b, math.min(d["end"], b + 200))
        local nl2 = after:find("\n", 1, true)
        if nl2 then b = b + nl2 - 1 end
        a = char_start(d, math.min(a, s.start), d.start)
        b = char_start(d, math.max(b, s["end"]), s["end"])
        local last = wins[#wins]
        if last and a <= last[2] then last[2] = math.max(last[2], b) else wins[#wins + 1] = { a, b } end
      end
      out[#out + 1] = '<pre class="src">\n'
      local pos = d.start
      for _, w in ipairs(wins) do
        if w[1] > pos then
          out[#out + 1] = string.format('<span class="elide">[… bytes %d–%d not shown …]</span>', pos, w[1])
        end
        out[#out + 1] = string.format('<span class="win" data-a="%d" data-b="%d">', w[1], w[2])
        render_range(d, w[1], w[2], items, out)
        out[#out + 1] = "</span>"
        pos = w[2]
      end
      if pos < d["end"] then
        out[#out + 1] = string.format('<span class="elide">[… bytes %d–%d not shown …]</span>', pos, d["end"])
      end
      out[#out + 1] = "</pre>"
    else
      nnone = nnone + 1
      out[#out + 1] = '<p class="muted small">Not inlined: nothing in it is cited and the page already holds '
        .. html.size(full_total) .. " of whole texts.</p>"
    end
    out[#out + 1] = "</div>"
  end
  local note
  if nexcerpt + nnone > 0 then
    note = html.cap(string.format("To keep the page small, documents are shown whole up to %s each and %s in all: "
      .. "%d shown whole, %d as the cited passages with about %d bytes of context, %d not inlined (nothing cited).",
      html.size(M.FULL_MAX), html.size(M.TOTAL_FULL), nfull, nexcerpt, M.CONTEXT, nnone))
  end
  local lead = "Each document's own bytes, HTML-escaped. Highlighted: "
    .. '<mark class="hl k-date">dates of events</mark>, <mark class="hl k-claim">claims</mark>, '
    .. '<mark class="hl k-action">actions between actors</mark> and <mark class="hl k-cooc">sentences naming two actors</mark>; '
    .. '<span class="gap">struck through</span>: gaps found by the cleaning rules, never read as the author\'s words. '
    .. "Underlined: every actor mention, in the colour of its faction at that date (grey: no faction); hover for the "
    .. "canonical name. A citation opens here, on the exact words; the back button returns."
  return html.section("source", "Sources", lead, M.actor_bar(ctx) .. (note or "") .. table.concat(out))
end

return M
