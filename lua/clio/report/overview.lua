--- clio.report.overview: the corpus at a glance: totals and one row per document with its
--- metadata, size, cleaning gaps and repaired bytes.
local html = require "clio.report.html"

local M = {}

M.MAX_META = 5 -- metadata columns shown

local function stat(n, label)
  return string.format('<div class="stat"><b>%s</b><span>%s</span></div>', n, html.esc(label))
end

--- The section. ctx: overview (from analyse), summary (the counts of the other sections).
function M.render(ctx)
  local ov, sm = ctx.overview, ctx.summary
  local t = ov.totals
  local stats = table.concat {
    '<div class="stats">',
    stat(html.thousands(t.documents), "documents"),
    stat(html.size(t.bytes), "of text"),
    stat(html.thousands(t.words), "words"),
    stat(html.thousands(t.sentences), "sentences"),
    stat(html.thousands(sm.events), "dated events"),
    stat(sm.span or "—", "years covered"),
    stat(html.thousands(sm.actors), "actors named"),
    stat(html.thousands(sm.groups), "claim groups"),
    stat(string.format('<span style="color:%s">%d</span>', sm.conflicts > 0 and "#c62828" or "inherit", sm.conflicts),
      "conflicts between sources"),
    "</div>",
  }
  local keys = {}
  for i = 1, math.min(M.MAX_META, #ov.metakeys) do keys[i] = ov.metakeys[i] end
  local head = { "<th>#</th><th>document</th>" }
  for _, k in ipairs(keys) do head[#head + 1] = "<th>" .. html.esc(k) .. "</th>" end
  head[#head + 1] = '<th class="n">bytes</th><th class="n">sentences</th><th class="n">words</th><th>cleaning gaps</th><th class="n">repaired</th>'
  local rows = {}
  local docs = ctx.docs or ov.docs   -- a summary page lists the documents it holds
  for i, d in ipairs(docs) do
    if ctx.rows and i > ctx.rows then break end
    local cells = { string.format('<td class="n">%d</td><td><a href="#doc-%d">%s</a></td>', d.index, d.index, html.esc(d.name)) }
    for _, k in ipairs(keys) do cells[#cells + 1] = "<td>" .. html.esc(html.trim(d.meta[k] or "", 60)) .. "</td>" end
    local by = {}
    for _, g in ipairs(d.artifacts) do by[g.rule] = (by[g.rule] or 0) + 1 end
    local gl = {}
    for r, n in pairs(by) do gl[#gl + 1] = n .. " × " .. r end
    table.sort(gl)
    cells[#cells + 1] = string.format('<td class="n">%s</td><td class="n">%s</td><td class="n">%s</td><td class="small">%s</td><td class="n">%s</td>',
      html.thousands(d.bytes), html.thousands(d.sentences), html.thousands(d.words),
      #gl > 0 and html.esc(table.concat(gl, ", ")) or '<span class="muted">—</span>',
      d.repaired > 0 and ('<b style="color:#c62828">' .. d.repaired .. "</b>") or '<span class="muted">0</span>')
    rows[#rows + 1] = "<tr>" .. table.concat(cells) .. "</tr>"
  end
  -- the gaps of every document, counted by rule as they were read (a summary's slim
  -- records would each read their document again to be asked)
  local ngaps = 0
  for _, n in pairs(ov.rules) do ngaps = ngaps + n end
  local rules = {}
  for r, n in pairs(ov.rules) do rules[#rules + 1] = string.format("%s (%d)", r, n) end
  table.sort(rules)
  local lead = string.format("%s documents, %s tokens, vocabulary %s. Cleaning rules found %d gap%s%s (scraping artifacts, "
    .. "kept in the source view but never read as text); %d invalid UTF-8 sequence%s %s.",
    html.thousands(t.documents), html.thousands(t.tokens), html.thousands(t.vocabulary),
    ngaps, ngaps == 1 and "" or "s", #rules > 0 and (": " .. html.esc(table.concat(rules, ", "))) or "",
    t.repaired, t.repaired == 1 and "" or "s", t.repaired > 0 and "were repaired (read as U+FFFD)" or "needed repair")
  local more = #ov.metakeys > #keys and html.cap(string.format("Metadata columns shown: %d of %d (%s left out).", #keys,
    #ov.metakeys, html.esc(table.concat({ table.unpack(ov.metakeys, #keys + 1) }, ", ")))) or ""
  if #docs < #ov.docs or (ctx.rows and #docs > ctx.rows) then
    more = more .. html.cap(string.format("The table lists %s of the %s documents: those this summary page holds "
      .. "(cited or sampled), in corpus order. <code>clio summary</code> lists every document.",
      html.thousands(math.min(#docs, ctx.rows or #docs)), html.thousands(#ov.docs)))
  end
  return html.section("overview", "Corpus", lead, stats .. '<div style="overflow-x:auto"><table class="grid"><thead><tr>'
    .. table.concat(head) .. "</tr></thead><tbody>" .. table.concat(rows) .. "</tbody></table></div>" .. more)
end

return M
