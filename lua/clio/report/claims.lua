--- clio.report.claims: claim groups with their verdicts and reference verdicts,
--- conflicts first, every claim linked to the words that state it.
local html = require "clio.report.html"

local M = {}

M.MAX_GROUPS = 250   -- groups shown (all conflicts are always shown)
M.MAX_CLAIMS = 40    -- claims listed per group

local RANK = { conflict = 1, agree = 2, single = 3 }

local function badge(v)
  return string.format('<span class="badge b-%s">%s</span>', (v or ""):gsub(" ", "-"), html.esc(v))
end

--- ordered(groups) -> the groups as the section lists them: conflicts, agreements, then
--- the rest, each kind in the order clio.claims gave them.
function M.ordered(groups)
  local list = {}
  for i, g in ipairs(groups) do g._i = i; list[i] = g end
  table.sort(list, function(a, b)
    local ra, rb = RANK[a.verdict] or 4, RANK[b.verdict] or 4
    if ra ~= rb then return ra < rb end
    return a._i < b._i
  end)
  return list
end

--- trim(groups, limits): keeps what a capped section shows (limits: claim_groups,
--- claims_per_group, as clio.report.summary.LIMITS) and lets the rest go: the groups
--- it lists keep their first claims, the others none; each keeps its verdict and its
--- count of claims (g.nclaims).
function M.trim(groups, limits)
  for k, g in ipairs(M.ordered(groups)) do
    g.nclaims = #g.claims
    local keep = k <= limits.claim_groups and limits.claims_per_group or 0
    for i = #g.claims, keep + 1, -1 do g.claims[i] = nil end
    if keep == 0 then g.conflicts = nil end
  end
end

--- The section. ctx: claims (from analyse), cites.
function M.render(ctx)
  local C, cites = ctx.claims, ctx.cites
  local groups = M.ordered(C.groups)
  local counts = { conflict = 0, agree = 0, single = 0 }
  for _, g in ipairs(groups) do counts[g.verdict] = (counts[g.verdict] or 0) + 1 end
  local ref = C.reference
  local out = {}
  local shown = 0
  -- a summary page caps the conflicts too (they come first)
  local max_groups = ctx.limits and ctx.limits.claim_groups or M.MAX_GROUPS
  local max_claims = ctx.limits and ctx.limits.claims_per_group or M.MAX_CLAIMS
  local every_conflict = not (ctx.limits and ctx.limits.claim_groups)
  for _, g in ipairs(groups) do
    if (every_conflict and g.verdict == "conflict") or shown < max_groups then
      shown = shown + 1
      local nclaims = g.nclaims or #g.claims
      local head = {
        string.format('<span class="ev">%s</span>', html.esc(g.event or "?")),
        g.subject and ('<span>' .. html.esc(g.subject) .. "</span>") or "",
        g.object and ('<span class="muted">→ ' .. html.esc(g.object) .. "</span>") or "",
        badge(g.verdict),
        string.format('<span class="muted small">%d claim%s in %d document%s</span>', nclaims,
          nclaims == 1 and "" or "s", g.ndocs or 1, (g.ndocs or 1) == 1 and "" or "s"),
      }
      if ref then
        if g.reference then
          head[#head + 1] = string.format('<span class="ref">reference: %s %s — %s %s</span>',
            html.esc(g.reference.date), html.esc(g.reference.mod or ""), html.esc(g.reference.source), badge(g.reference_verdict))
        else
          head[#head + 1] = '<span class="ref">reference: not covered</span>'
        end
      end
      local rows = {}
      local conflicted = {}
      for _, p in ipairs(g.conflicts or {}) do conflicted[p[1]] = true; conflicted[p[2]] = true end
      for k = 1, math.min(#g.claims, max_claims) do
        local c = g.claims[k]
        local d = cites:doc_at(c.doc, c.start)
        local flags = {}
        if c.polarity == "negative" then flags[#flags + 1] = "denied" end
        if c.mood == "irrealis" then flags[#flags + 1] = "irrealis: " .. (c.irrealis or "") end
        if c.hedge then flags[#flags + 1] = "hedge: " .. c.hedge end
        if c.attribution then flags[#flags + 1] = "per " .. c.attribution end
        if c.agent then flags[#flags + 1] = "by " .. c.agent end
        local fl = {}
        for i, f in ipairs(flags) do fl[i] = '<span class="flag">' .. html.esc(f) .. "</span>" end
        local date = C.date_string(c.date)
        local date_link = "—"
        if c.date and c.date.start then
          date_link = cites:link(c.doc, c.date.start, c.date["end"], "date", date)
        elseif date then
          date_link = html.esc(date)
        end
        rows[#rows + 1] = string.format('<tr%s><td>%s</td><td class="n">%s</td><td class="small">%s %s</td><td>%s</td><td>%s</td></tr>',
          conflicted[k] and ' style="background:#fff6f6"' or "",
          cites:link(c.doc, c.start, c["end"], "claim", d and (d.short .. ":" .. c.start) or nil, c.text and html.trim(c.text, 200)),
          date_link, table.concat(fl), html.esc(html.trim(c.text or "", 160)),
          ref and badge(c.reference_verdict or "not covered") or "",
          "")
      end
      if nclaims > max_claims then
        rows[#rows + 1] = string.format('<tr><td colspan="5" class="muted">… and %d more claims</td></tr>', nclaims - max_claims)
      end
      out[#out + 1] = string.format(
        '<div class="claim-group %s" id="cl-%d"><div class="hd">%s</div><table class="grid"><thead><tr><th>claim</th><th>date</th><th>sentence</th><th>%s</th><th></th></tr></thead><tbody>%s</tbody></table></div>',
        html.esc(g.verdict), shown, table.concat(head, " "), ref and "reference" or "", table.concat(rows))
    end
  end
  local lead = string.format("%d claims (who did what, when) grouped by event, subject and object across documents: "
    .. "<b>%d conflict</b>, %d agree, %d told by one document only. A group conflicts when two documents give "
    .. "dates that cannot both be true, or one denies what another states.%s",
    C.nclaims, counts.conflict, counts.agree, counts.single,
    ref and (" Each claim is also checked against the reference chronology <code>" .. html.esc(ref.path) .. "</code>.")
      or " No reference chronology was given (<code>--reference FILE</code>).")
  if C.unresolved_string then
    local nleft, why = C.unresolved_string(C.unresolved)
    if nleft > 0 then lead = lead .. string.format(" %d claims were left ungrouped: %s.", nleft, html.esc(why)) end
  end
  if #groups == 0 then out[1] = '<p class="muted">No dated claim, and none told by two documents.</p>' end
  if shown < #groups then
    out[#out + 1] = html.cap(string.format("The first %d of %d groups (%s); <code>clio claims</code> lists them all.",
      shown, #groups, every_conflict and "every conflict included" or "conflicts first"))
  end
  return html.section("claims", "Claims", lead, table.concat(out)), counts, shown
end

return M
