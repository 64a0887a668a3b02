--- clio.report.factions: per-document faction profiles (bars), the co-occurrence network
--- (inline SVG, deterministic force layout) and the dated actions between actors.
local html = require "clio.report.html"
local colours = require "clio.report.colours"
local factions = require "clio.factions"

local M = {}

M.MAX_NODES = 36      -- actors in the network picture (most mentioned)
M.MAX_EDGES = 90      -- strongest co-occurrence edges drawn
M.MAX_PROFILES = 300  -- documents with a profile bar
M.MAX_ACTIONS = 300   -- rows of the actions table

-- A force layout (Fruchterman–Reingold) from a circle, nodes in a fixed order, a
-- fixed number of steps: the same input always gives the same picture.
local function layout(nodes, edges, W, H)
  local n = #nodes
  local cx, cy = W / 2, H / 2
  for i, nd in ipairs(nodes) do
    local a = 2 * math.pi * (i - 1) / n
    nd.x, nd.y = cx + math.cos(a) * W * 0.35, cy + math.sin(a) * H * 0.35
  end
  if n < 2 then
    if nodes[1] then nodes[1].x, nodes[1].y = cx, cy end
    return
  end
  local k = math.sqrt(W * H / n) * 0.9
  local temp = W / 8
  for _ = 1, 250 do
    for _, v in ipairs(nodes) do v.dx, v.dy = 0, 0 end
    for i = 1, n do
      local v = nodes[i]
      for j = i + 1, n do
        local u = nodes[j]
        local dx, dy = v.x - u.x, v.y - u.y
        local d = math.max(math.sqrt(dx * dx + dy * dy), 0.01)
        local f = k * k / d
        v.dx, v.dy = v.dx + dx / d * f, v.dy + dy / d * f
        u.dx, u.dy = u.dx - dx / d * f, u.dy - dy / d * f
      end
    end
    for _, e in ipairs(edges) do
      local v, u = e.a, e.b
      local dx, dy = v.x - u.x, v.y - u.y
      local d = math.max(math.sqrt(dx * dx + dy * dy), 0.01)
      local f = d * d / k * (0.3 + math.log(1 + e.count) / 6)
      v.dx, v.dy = v.dx - dx / d * f, v.dy - dy / d * f
      u.dx, u.dy = u.dx + dx / d * f, u.dy + dy / d * f
    end
    for _, v in ipairs(nodes) do
      -- gravity keeps unconnected actors on the page
      v.dx, v.dy = v.dx + (cx - v.x) * 0.02 * k / 10, v.dy + (cy - v.y) * 0.02 * k / 10
      local d = math.max(math.sqrt(v.dx * v.dx + v.dy * v.dy), 0.01)
      local s = math.min(d, temp) / d
      v.x = math.min(W - 60, math.max(60, v.x + v.dx * s))
      v.y = math.min(H - 24, math.max(24, v.y + v.dy * s))
    end
    temp = math.max(temp * 0.97, 1)
  end
end

local function main_faction(node)
  local best, bn = nil, 0
  for f, n in pairs(node.factions) do
    if n > bn or (n == bn and f < best) then best, bn = f, n end
  end
  return best
end

local function network(ctx)
  local F, cites, colour = ctx.factions, ctx.cites, ctx.colour
  local nodes = {}
  for i, nd in ipairs(F.nodes) do nodes[i] = nd end
  table.sort(nodes, require("clio.order").most_first("id"))
  local dropped_nodes = math.max(0, #nodes - M.MAX_NODES)
  for i = #nodes, M.MAX_NODES + 1, -1 do nodes[i] = nil end
  local by_id = {}
  for _, nd in ipairs(nodes) do by_id[nd.id] = nd end
  local edges = {}
  for _, e in ipairs(F.edges) do
    if by_id[e.source] and by_id[e.target] then
      edges[#edges + 1] = { a = by_id[e.source], b = by_id[e.target], count = e.count, e = e }
    end
  end
  table.sort(edges, function(p, q)
    if p.count ~= q.count then return p.count > q.count end
    if p.a.id ~= q.a.id then return p.a.id < q.a.id end
    return p.b.id < q.b.id
  end)
  local dropped_edges = math.max(0, #edges - M.MAX_EDGES)
  for i = #edges, M.MAX_EDGES + 1, -1 do edges[i] = nil end
  if #nodes == 0 then
    return '<p class="muted">No actor of the lexicon is named in these documents.</p>'
  end
  -- stable order for the layout: by id
  local lay = {}
  for i, nd in ipairs(nodes) do lay[i] = nd end
  table.sort(lay, function(a, b) return a.id < b.id end)
  local W, H = 640, 460
  layout(lay, edges, W, H)
  local maxc = 1
  for _, e in ipairs(edges) do maxc = math.max(maxc, e.count) end
  local maxn = nodes[1].count
  local out = { string.format('<svg id="network" viewBox="0 0 %d %d" role="img" aria-label="Co-occurrence network of %d actors">',
    W, H, #nodes) }
  for _, e in ipairs(edges) do
    local c = e.e.citations[1]
    local path, s, t = c:match "^(.*):(%d+)%-(%d+)$"
    local id = path and cites:add(path, tonumber(s), tonumber(t), "cooc")
    local w = 0.8 + 4 * math.sqrt(e.count / maxc)
    out[#out + 1] = (id and string.format('<a href="#%s">', id) or "<g>") .. string.format(
      '<title>%s — %s: %d sentence%s%s</title><line class="edge" x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke-width="%.2f" stroke-opacity="%.2f"/>',
      html.esc(e.a.entity.name), html.esc(e.b.entity.name), e.count, e.count == 1 and "" or "s",
      next(e.e.dates) and html.esc("; dates " .. table.concat(require("clio.factions").date_list(e.e.dates), ", ")) or "",
      e.a.x, e.a.y, e.b.x, e.b.y, w, 0.35 + 0.5 * e.count / maxc) .. (id and "</a>" or "</g>")
  end
  for _, nd in ipairs(lay) do
    local f = main_faction(nd)
    local r = 5 + 13 * math.sqrt(nd.count / maxn)
    out[#out + 1] = string.format(
      '<g><title>%s — %d mention%s%s</title><circle class="node" cx="%.1f" cy="%.1f" r="%.1f" fill="%s"/>'
      .. '<text class="nlabel" x="%.1f" y="%.1f" text-anchor="middle">%s</text></g>',
      html.esc(nd.entity.name), nd.count, nd.count == 1 and "" or "s",
      f and html.esc("; mostly " .. (ctx.lex.factions[f] and ctx.lex.factions[f].label or f)) or "",
      nd.x, nd.y, r, f and colour[f] or colours.NONE, nd.x, nd.y + r + 12,
      html.esc(html.trim(nd.entity.kind == "person" and nd.entity.name:match "(%S+)$" or nd.entity.name, 22)))
  end
  out[#out + 1] = "</svg>"
  local notes = {}
  if dropped_nodes > 0 then notes[#notes + 1] = string.format("the %d most mentioned actors of %d", #nodes, #nodes + dropped_nodes) end
  if dropped_edges > 0 then notes[#notes + 1] = string.format("the %d strongest of %d links between them", #edges, #edges + dropped_edges) end
  return table.concat(out) .. (#notes > 0 and html.cap("The picture shows " .. table.concat(notes, " and ") .. ".") or "")
end

local function profiles(ctx)
  local F, colour = ctx.factions, ctx.colour
  local rows = { '<div class="bars">' }
  local shown = 0
  -- in document order, from each document's mentions (a summary page shows the
  -- documents it holds)
  for index = 1, #ctx.docs do
    if shown >= M.MAX_PROFILES then break end
    local t = (not ctx.on_page or ctx.on_page(index)) and ctx.tagged[index]
    local prows, total
    if t then prows, total = factions.profile(ctx.lex, t) end
    if t and total > 0 then
      shown = shown + 1
      local d = ctx.docs[index]
      local sum = 0
      for _, r in ipairs(prows) do sum = sum + r.mentions end
      local segs, tip = {}, {}
      -- segments in lexicon order so bars compare down the page
      local by = {}
      for _, r in ipairs(prows) do by[r.faction] = r end
      local order = {}
      for _, id in ipairs(ctx.lex.faction_order) do if by[id] then order[#order + 1] = by[id] end end
      if by["(none)"] then order[#order + 1] = by["(none)"] end
      for _, r in ipairs(order) do
        segs[#segs + 1] = string.format('<i style="width:%.2f%%;background:%s" title="%s: %d"></i>',
          100 * r.mentions / sum, r.faction == "(none)" and colours.NONE or colour[r.faction], html.esc(r.label),
          r.mentions)
      end
      for _, r in ipairs(prows) do
        tip[#tip + 1] = string.format("%s %d%%", r.label, math.floor(100 * r.share + 0.5))
      end
      rows[#rows + 1] = string.format(
        '<div class="bar-row"><span class="nm" title="%s"><a href="#doc-%d">%s</a></span><span class="bar" title="%s">%s</span><span class="muted n">%d</span></div>',
        html.esc(d.name), d.index, html.esc(d.short), html.esc(table.concat(tip, "; ")), table.concat(segs), total)
    end
  end
  rows[#rows + 1] = "</div>"
  if shown == 0 then return '<p class="muted">No actor of the lexicon is named in these documents.</p>' end
  local with = F.profiled
  local legend = {}
  for _, id in ipairs(ctx.lex.faction_order) do
    legend[#legend + 1] = string.format('<span><i class="sw" style="background:%s"></i>%s</span>', colour[id],
      html.esc(ctx.lex.factions[id].label))
  end
  legend[#legend + 1] = string.format('<span><i class="sw" style="background:%s"></i>actor with no faction at that date</span>', colours.NONE)
  return '<div class="legend">' .. table.concat(legend) .. "</div>" .. table.concat(rows)
    .. (with > shown and html.cap(string.format(ctx.on_page and "Profiles of %d of the %d documents that name actors (of those this page holds)."
      or "Profiles of the first %d of %d documents that name actors.", shown, with)) or "")
end

local function actions(ctx)
  local F, cites = ctx.factions, ctx.cites
  if F.nactions == 0 then return '<p class="muted">No action between two actors (expel, remove, exile, ally, execute) was found.</p>' end
  local list = {}
  for i, a in ipairs(F.actions) do list[i] = a end
  local name = function(id) local e = ctx.lex.entities[id]; return e and e.name or id end
  local out = { '<table class="grid"><thead><tr><th>date</th><th>actor</th><th>action</th><th>on</th><th>sentence</th><th>source</th></tr></thead><tbody>' }
  for i = 1, math.min(#list, M.MAX_ACTIONS) do
    local a = list[i]
    local d = cites:doc_at(a.doc, a.start)
    out[#out + 1] = string.format('<tr><td class="n">%s</td><td>%s</td><td><b>%s</b> <span class="muted small">(%s)</span></td><td>%s</td><td class="small">%s</td><td>%s</td></tr>',
      html.esc(a.date or "—"), html.esc(name(a.source)), html.esc(a.action), html.esc(a.verb), html.esc(name(a.target)),
      html.esc(html.trim(a.text, 170)),
      cites:link(a.doc, a.start, a["end"], "action", d and (d.short .. ":" .. a.start) or nil))
  end
  out[#out + 1] = "</tbody></table>"
  if F.nactions > M.MAX_ACTIONS then
    out[#out + 1] = html.cap(string.format("The first %d of %d actions, in document order; <code>clio factions --actions</code> lists them all.",
      M.MAX_ACTIONS, F.nactions))
  end
  return table.concat(out)
end

--- The section. ctx: factions (from analyse), lex, colour, cites, docs.
function M.render(ctx)
  local F = ctx.factions
  local nactors = #F.nodes
  local lead = string.format("Actors of the lexicon <i>%s</i>: %d named in the corpus. Each mention counts for the factions its actor "
    .. "belonged to at the date the text speaks of (the narrative date in force), so one person can count for different sides in different passages.",
    html.esc(table.concat(ctx.lex.names, "; ")), nactors)
  if ctx.lex.discovered then
    -- no lexicon named: say so, and that sides come only from one
    lead = string.format("No lexicon was named: %d actors discovered from the texts (capitalized names, titles, context; "
      .. "full names, surnames joined to them). No sides are shown: they come only from a lexicon "
      .. "(<code>--lexicon NAME|FILE</code>; <code>clio lexicon draft</code> writes a starter).", nactors)
  end
  local body = table.concat {
    '<div class="fa-grid"><div><h3>Faction profile per document</h3>', profiles(ctx),
    '</div><div><h3>Who is named with whom</h3><p class="muted small">Actors named in the same sentence; line width is the number of sentences, '
    .. 'node size the number of mentions, colour the faction most of them fall in. Click a line for its first sentence.</p>',
    network(ctx), "</div></div>",
    "<h3>Dated actions between actors</h3>", actions(ctx),
  }
  return html.section("factions", "Factions", lead, body)
end

return M
