--- clio.report.summary: the report's summary mode. Past a size (or with --detail
--- summary) the page carries counts, top entries and bounded samples instead of every
--- document: the corpus totals stay whole, while the documents the page holds (its
--- table, search index, distinctive terms, sources) are those the shown findings cite
--- plus an even sample of the rest, and every list has a cap. The page says what was
--- capped and which command gives the full detail. Every cap is a field here; a script
--- can change them before calling require("clio.report").build.
local html = require "clio.report.html"

local M = {}

-- auto: summary when the corpus is past either size
M.AUTO_BYTES = 24 * 1024 * 1024
M.AUTO_DOCUMENTS = 2000

M.SAMPLE_TOKENS = 1000000  -- tokens of the sampled documents
M.SEARCH_TOKENS = 1500000  -- tokens the page's search index holds: the sample, then cited documents
M.SAMPLE_DOCUMENTS = 1000  -- documents sampled beyond the cited ones
M.TABLE_ROWS = 500         -- rows of the corpus table and of each document menu
M.ACTORS = 1000            -- actors the page's actor list and mention highlights know
M.LIMITS = {               -- caps of the analysis sections (clio.report.timeline, claims)
  citations_per_event = 5, -- source links listed per timeline event
  claim_groups = 100,      -- claim groups, conflicts included
  claims_per_group = 10,
}

--- The mode: "full" or "summary". detail: "full", "summary" or "auto"/nil (summary past
--- AUTO_BYTES of text or AUTO_DOCUMENTS documents).
function M.mode(detail, totals)
  if detail == "full" or detail == "summary" then return detail end
  if (totals.bytes or 0) > M.AUTO_BYTES or (totals.documents or 0) > M.AUTO_DOCUMENTS then return "summary" end
  return "full"
end

--- An even sample of the documents: a set of document indexes spread over the corpus,
--- at most SAMPLE_DOCUMENTS of them and about SAMPLE_TOKENS tokens. docs: overview
--- records (index, bytes); per_byte: the corpus's tokens per byte (a document's tokens
--- are estimated from its size: they are counted only for the documents kept); total:
--- the estimate summed over every document, when the caller summed it as they were
--- read (then only the sampled records are asked for: `docs` may make them lazily).
function M.sample(docs, per_byte, total)
  local function ntokens(d) return d.bytes * per_byte end
  if not total then
    total = 0
    for _, d in ipairs(docs) do total = total + ntokens(d) end
  end
  local n = #docs
  local want = math.min(M.SAMPLE_DOCUMENTS, n)
  if total > M.SAMPLE_TOKENS then want = math.min(want, math.max(1, math.floor(n * M.SAMPLE_TOKENS / total))) end
  local set, tokens = {}, 0
  if want == 0 then return set end
  local step = n / want
  for k = 0, want - 1 do
    local d = docs[math.floor(k * step) + 1]
    if tokens + ntokens(d) > M.SAMPLE_TOKENS and next(set) then break end
    set[d.index] = true
    tokens = tokens + ntokens(d)
  end
  return set
end

--- The page documents the search leaves out: the sampled ones come first, then the
--- cited ones in corpus order, while their tokens stay within SEARCH_TOKENS. Returns the
--- set of indexes left out and the number searched. docs: the page's documents (tokens).
function M.unsearched(docs, sample)
  local skip, tokens, n = {}, 0, 0
  for _, d in ipairs(docs) do
    if sample[d.index] then tokens = tokens + (d.tokens or 0); n = n + 1 end
  end
  for _, d in ipairs(docs) do
    if not sample[d.index] then
      if tokens + (d.tokens or 0) <= M.SEARCH_TOKENS then
        tokens = tokens + (d.tokens or 0); n = n + 1
      else
        skip[d.index] = true
      end
    end
  end
  return skip, n
end

local function g2(a, b, na, nb)
  local e1, e2 = na * (a + b) / (na + nb), nb * (a + b) / (na + nb)
  local ll = 0
  if a > 0 then ll = ll + a * math.log(a / e1) end
  if b > 0 then ll = ll + b * math.log(b / e2) end
  ll = 2 * ll
  local ra, rb = math.max(a, 0.5) / na, math.max(b, 0.5) / nb
  local lr = math.log(ra / rb, 2)
  if ra < rb then ll = -ll end
  return ll, lr
end

--- The distinctive terms of each page document against the other page documents
--- (log-likelihood G², as clio keyness, over folded terms), from the search index's
--- per-document parts: no corpus index is built. Same shape as clio.report.terms.keyness.
function M.keyness(parts, stop, key_terms, key_min)
  local fold = require("clio.core").fold
  local folded, total, all = {}, 0, {}
  for k, p in ipairs(parts) do
    local c = {}
    for j, t in ipairs(p.terms) do
      local f = fold(t)
      c[f] = (c[f] or 0) + p.counts[j]
    end
    folded[k] = c
    for f, n in pairs(c) do all[f] = (all[f] or 0) + n end
    total = total + p.n
  end
  local out = {}
  for k, p in ipairs(parts) do
    local na, nb = p.n, total - p.n
    local list = {}
    if na > 0 and nb > 0 then
      for f, a in pairs(folded[k]) do
        local b = all[f] - a
        if a + b >= key_min and not stop[f] and f:find "%a" then
          local ll, lr = g2(a, b, na, nb)
          if ll > 0 then list[#list + 1] = { f, ll, lr, a } end
        end
      end
    end
    table.sort(list, function(x, y) if x[2] ~= y[2] then return x[2] > y[2] end return x[1] < y[1] end)
    local kept = {}
    for i = 1, math.min(key_terms, #list) do
      local t = list[i]
      kept[i] = { t[1], math.floor(t[2] * 10 + 0.5) / 10, math.floor(t[3] * 100 + 0.5) / 100, t[4] }
    end
    out[k] = kept
  end
  return out
end

-- a word for the shell, quoted when it needs it
function M.shell(s)
  if s:match "^[%w%./_,:=+%-]+$" then return s end
  return "'" .. s:gsub("'", "'\\''") .. "'"
end

--- The corpus part of a command line: the corpus options that were given, then the paths.
function M.corpus_args(opts, paths)
  local out = {}
  for _, o in ipairs(require("clio").cli.corpus_options) do
    local v = opts[(o[1]:gsub("%-", "_"))]
    if v ~= nil and v ~= false and v ~= o.default then
      out[#out + 1] = "--" .. o[1]
      if o.value then out[#out + 1] = M.shell(tostring(v)) end
    end
  end
  for _, p in ipairs(paths) do out[#out + 1] = M.shell(p) end
  return table.concat(out, " ")
end

--- The note at the top of a summary page: what the page holds, what was capped, and the
--- commands that give the full detail. s: {documents, page_documents, sampled, tokens,
--- page_tokens, actors, page_actors, rows, events, shown_events, groups, shown_groups,
--- auto}; commands: {corpus = the corpus arguments, report = the report's own arguments}.
function M.note(s, commands)
  local corpus = commands and commands.corpus or "PATH..."
  local items = {
    string.format("the documents the page holds: the %s cited by what it shows and %s more sampled evenly, %s of %s "
      .. "(the corpus table and the document menus list the first %s)", html.thousands(s.page_documents - s.sampled),
      html.thousands(s.sampled), html.thousands(s.page_documents), html.thousands(s.documents), html.thousands(M.TABLE_ROWS)),
    string.format("the search, top terms, trends, collocates and distinctive terms: over %s of those documents (the "
      .. "sampled ones, then the cited ones up to %s tokens), %s of %s tokens (distinctive against them, not the whole corpus)",
      html.thousands(s.searched or s.page_documents), html.thousands(M.SEARCH_TOKENS), html.thousands(s.page_tokens),
      html.thousands(s.tokens)),
    string.format("timeline: %s of %s events, each with at most %d source links", html.thousands(s.shown_events),
      html.thousands(s.events), M.LIMITS.citations_per_event),
    string.format("claims: %s of %s groups (conflicts first), at most %d claims each", html.thousands(s.shown_groups),
      html.thousands(s.groups), M.LIMITS.claims_per_group),
    string.format("actors in the filter and the highlights: the %s most mentioned of %s", html.thousands(s.page_actors),
      html.thousands(s.actors)),
  }
  local li = {}
  for i, t in ipairs(items) do li[i] = "<li>" .. html.esc(t) .. "</li>" end
  local cmds = {
    { "this report in full detail (a page that grows with the corpus)",
      "clio report --detail full " .. (commands and commands.report or corpus) },
    { "every timeline event", "clio timeline " .. corpus },
    { "every claim group", "clio claims " .. corpus },
    { "every actor and action", "clio factions --actions " .. corpus },
    { "every line of a search over the whole corpus", "clio concord WORD " .. corpus },
  }
  local cl = {}
  for i, c in ipairs(cmds) do cl[i] = string.format("<li>%s: <code>%s</code></li>", html.esc(c[1]), html.esc(c[2])) end
  return string.format('<div class="cap summary-note" id="summary-note"><p><b>Summary page.</b> %s, so this page '
    .. "carries the corpus's counts whole but only the top entries and bounded samples of its detail:</p><ul>%s</ul>"
    .. "<p>The full detail, by command:</p><ul>%s</ul></div>",
    s.auto and string.format("The corpus is large (%s documents, %s; the full page is made up to %s documents and %s)",
      html.thousands(s.documents), html.size(s.bytes), html.thousands(M.AUTO_DOCUMENTS), html.size(M.AUTO_BYTES))
      or "Asked for with <code>--detail summary</code>",
    table.concat(li), table.concat(cl))
end

return M
