--- clio.report: the HTML report. Runs the analyses (clio.report.analyse) and assembles
--- one self-contained page: corpus overview, timeline, factions, claims, sources.
--
--   local report = require "clio.report"
--   local page, summary = report.build(corpus, { lexicons = nil, reference = path, title = "..." })
local clio = require "clio"
local html = require "clio.report.html"
local colours = require "clio.report.colours"

local M = {}

local function years(entries)
  local lo, hi
  for _, en in ipairs(entries) do
    -- the span of the finer dates (a century mentioned in passing does not count)
    if en.hi - en.lo <= 3660 then
      lo = (not lo or en.lo < lo) and en.lo or lo
      hi = (not hi or en.hi > hi) and en.hi or hi
    end
  end
  if not lo then return nil end
  -- on many events, the years that hold 98% of them (a misread number is no year)
  local los, his = {}, {}
  for _, en in ipairs(entries) do
    if en.hi - en.lo <= 3660 then los[#los + 1] = en.lo; his[#his + 1] = en.hi end
  end
  if #los >= 100 then
    table.sort(los); table.sort(his)
    lo, hi = los[math.max(1, math.floor(#los * 0.01))], his[math.ceil(#his * 0.99)]
  end
  local y0 = math.floor(1970 + lo / 365.2425)
  local y1 = math.floor(1970 + (hi - 1) / 365.2425)
  local function fmt(y) return y <= 0 and (1 - y) .. " BC" or tostring(y) end
  return y0 == y1 and fmt(y0) or (fmt(y0) .. "–" .. fmt(y1)), y0, y1
end

--- Builds the page. opts: lexicons (list of names/paths, nil: bundled default),
--- reference (path), title, progress(fmt, ...). Returns the HTML and a summary
--- {documents, bytes, events, shown_events, span, actors, groups, conflicts, citations}.
function M.build(corpus, opts)
  opts = opts or {}
  local data = require("clio.report.analyse").run(corpus, opts)
  local progress = opts.progress or function() end
  local docs = data.overview.docs
  local doc_year = {}
  local terms = require "clio.report.terms"
  -- the year a document speaks from (its metadata), read when first asked for (false: none)
  setmetatable(doc_year, { __index = function(t, index)
    local y = terms.year(docs[index].meta) or false
    t[index] = y
    return y
  end })
  local cites = html.citations(corpus, function(index) return docs[index] end)
  local lex = data.factions.lex
  local colour, colour_note = colours.of(lex)
  local ctx = {
    docs = docs, cites = cites, lex = lex, colour = colour, overview = data.overview,
    metakeys = data.overview.metakeys, entries = data.entries,
    nevents = data.nevents, factions = data.factions, claims = data.claims,
    doc_year = doc_year, actor_kinds = colours.ACTOR,
  }
  -- a document's mentions, read back from where the factions run set them aside
  local mentions = data.factions.mentions
  ctx.tagged = setmetatable({}, { __index = function(_, index)
    local list = mentions:get(index)
    return list and { index = index, mentions = list } or nil
  end })
  local summary_mod = require "clio.report.summary"
  local mode = data.mode
  local sample
  if mode == "summary" then
    sample = summary_mod.sample(docs, data.overview.per_byte, data.overview.sample_tokens)
    ctx.limits = summary_mod.LIMITS
    -- the documents the page holds: the sample and whatever a shown finding cites
    ctx.on_page = function(index) return sample[index] or cites.spans[index] ~= nil end
  end

  -- what the page's script reads (assets/app.js): factions, actors, documents, the token
  -- index, stop words, distinctive terms, timeline records
  local D = { factions = {}, actors = {}, docs = {}, none = colours.NONE, palette = colours.PALETTE,
              timeline = { events = {}, density = {}, defaultLanes = "none" } }
  ctx.data = D
  ctx.faction_index = {}
  for i, id in ipairs(lex and lex.faction_order or {}) do
    D.factions[i] = { id = id, label = lex.factions[id].label or id, colour = colour[id] }
    ctx.faction_index[id] = i - 1
  end
  local nodes = {}
  for i, n in ipairs(data.factions.nodes) do nodes[i] = n end
  table.sort(nodes, require("clio.order").most_first("id"))
  ctx.actor_ids, ctx.actor_index = {}, {}
  for i, n in ipairs(nodes) do
    if mode == "summary" and i > summary_mod.ACTORS then break end
    D.actors[i] = { name = n.entity.name, kind = n.entity.kind, rank = i, mentions = n.count }
    ctx.actor_ids[n.id] = i - 1
    ctx.actor_index[n.entity.name] = i - 1
  end
  -- the sections that cite come first: in summary mode, what they cite joins the page
  local memstats = require "clio.memstats"
  progress("writing the timeline")
  local timeline_html, shown = require("clio.report.timeline").render(ctx)
  progress("writing factions")
  local factions_html = require("clio.report.factions").render(ctx)
  progress("writing claims")
  local claims_html, counts, shown_groups = require("clio.report.claims").render(ctx)
  memstats.mark("report: analysis sections")

  -- the documents the page holds, in corpus order, and their positions in its data
  local page_docs = docs
  if mode == "summary" then   -- no record is made for the other documents
    local set, list = {}, {}
    for index in pairs(sample) do set[index] = true end
    for index in pairs(cites.spans) do set[index] = true end
    for index in pairs(set) do list[#list + 1] = index end
    table.sort(list)
    page_docs = {}
    for k, index in ipairs(list) do page_docs[k] = docs[index] end
  end
  local doc_pos = {}
  for k, d in ipairs(page_docs) do doc_pos[d.index] = k end
  ctx.doc_pos = doc_pos
  -- the narrative years of the dated events of each document the page holds (the
  -- source view's year filter), one per place, from the entries' citations (an
  -- entry's events share its date, so its interval)
  ctx.event_years = {}
  local seen = {}   -- index -> the places already listed
  for _, en in ipairs(data.entries) do
    if en.hi - en.lo <= 3660 then
      local year = math.floor(1970 + en.lo / 365.2425)
      for _, c in ipairs(en.citations) do
        local index = cites:index_at(c.doc, c.start)
        if index and doc_pos[index] then
          local l, at = ctx.event_years[index], seen[index]
          if not l then l, at = {}, {}; ctx.event_years[index], seen[index] = l, at end
          if not at[c.start] then at[c.start] = true; l[#l + 1] = { c.start, year } end
        end
      end
    end
  end
  for _, r in ipairs(D.timeline.events) do r[5] = r[5] and (doc_pos[r[5]] - 1) or 0 end
  ctx.docs = page_docs
  for _, d in ipairs(page_docs) do
    local index, doc = d.index, nil
    d.read = function(a, b)   -- the source view reads the documents the page holds
      doc = doc or corpus:doc(index)
      return doc:text(a, b)
    end
  end
  if mode == "summary" then require("clio.report.analyse").count(corpus, page_docs, data.store) end
  -- the sections that needed the links and actions are written: what is left reads the
  -- mentions of the documents the page holds (the source view) and the counts, so the
  -- rest is let go before the search index is built
  local F = data.factions
  F.edges, F.actions, F.tagger = nil, nil, nil
  collectgarbage()   -- the search index reuses that memory instead of growing past it

  ctx.whole = require("clio.report.source").plan(page_docs)
  progress("indexing the words")
  local search = require "clio.report.searchindex"
  local skip, nsearched
  if mode == "summary" then
    skip, nsearched = summary_mod.unsearched(page_docs, sample)
  end
  local ix = search.build(corpus, page_docs, ctx.whole, data.store, skip)
  memstats.mark("report: search index", string.format("%d page documents, %d tokens", #page_docs, ix.tokens))
  local gaps = {}
  for k = 1, #page_docs do gaps[k] = ix.gaps[k] or false end
  -- the terms as one string, space-separated (no token holds a space), unless one does
  local joined = table.concat(ix.terms, " ")
  local spaced = false
  for _, t in ipairs(ix.terms) do if t:find(" ", 1, true) then spaced = true break end end
  D.index = { alphabet = search.ALPHABET, terminal = search.TERMINAL, terms = spaced and ix.terms or joined,
              streams = ix.streams, gaps = gaps, ntokens = ix.tokens,
              attach = ix.attach, opens = ix.opens, spaces = ix.spaces }
  local stop, stoplist = terms.stopwords(opts.lang)
  D.stopwords = stoplist
  progress("distinctive terms")
  if mode == "summary" then
    D.keyness = summary_mod.keyness(ix.parts, stop, terms.KEY_TERMS, terms.KEY_MIN)
  else
    D.keyness = terms.keyness(corpus, docs, stop, stoplist)
  end
  for k, d in ipairs(page_docs) do
    D.docs[k] = { name = d.name, short = d.short, year = doc_year[d.index] or false, bytes = d.bytes,
                  start = d.start, whole = ctx.whole[d.index] == true }
    if doc_year[d.index] then D.has_years = true end
  end

  local span = years(data.entries)
  local actors = #data.factions.nodes
  local summary = {
    documents = #docs, bytes = data.overview.totals.bytes, events = #data.entries, shown_events = #shown,
    span = span, actors = actors, groups = #data.claims.groups, conflicts = counts.conflict or 0, mode = mode,
  }
  ctx.summary = summary
  if mode == "summary" then
    ctx.rows = summary_mod.TABLE_ROWS
    summary.page_documents = #page_docs
    local nsample = 0   -- sampled and not cited
    for index in pairs(sample) do if not cites.spans[index] then nsample = nsample + 1 end end
    summary.note = summary_mod.note({
      documents = #docs, bytes = summary.bytes, page_documents = #page_docs, sampled = nsample,
      tokens = data.overview.totals.tokens, page_tokens = ix.tokens, searched = nsearched, actors = actors, page_actors = #D.actors,
      events = #data.entries, shown_events = #shown, groups = #data.claims.groups, shown_groups = shown_groups,
      auto = opts.detail ~= "summary",
    }, opts.commands)
  end
  local overview_html = require("clio.report.overview").render(ctx)
  local explore_html = require("clio.report.explore").render(ctx)
  progress("writing the sources")
  local source_html = require("clio.report.source").render(ctx)
  summary.citations = cites.count
  memstats.mark("report: sections")

  local title = opts.title or "clio report"
  local subtitle = string.format("%s documents · %s · %s dated events%s · %d actors · %d claim groups, %d in conflict",
    html.thousands(#docs), html.size(summary.bytes), html.thousands(summary.events),
    span and (" (" .. span .. ")") or "", actors, summary.groups, summary.conflicts)
  local page = html.page {
    title = title, subtitle = html.esc(subtitle), version = clio.version,
    nav = { { "overview", "Corpus" }, { "explore", "Search" }, { "timeline", "Timeline" }, { "factions", "Factions" },
            { "claims", "Claims" }, { "source", "Sources" } },
    body = { overview_html, explore_html, timeline_html, factions_html, claims_html, source_html },
    script_after = 3, -- search and timeline answer before the long sections are read
    data = D, factions = D.factions, note = colour_note, summary_note = summary.note,
  }
  memstats.mark("report: page", string.format("%d bytes", #page))
  return page, summary
end

--- The commands a summary page names for the full detail: {corpus = the corpus options
--- given and the paths, report = the report's own analysis options and the corpus}.
function M.commands(opts, paths)
  local summary = require "clio.report.summary"
  local corpus = summary.corpus_args(opts, paths)
  local own = {}
  for _, l in ipairs(opts.lexicon or {}) do own[#own + 1] = "--lexicon " .. summary.shell(l) end
  if opts.reference then own[#own + 1] = "--reference " .. summary.shell(opts.reference) end
  own[#own + 1] = corpus
  own[#own + 1] = "-o full.html"
  return { corpus = corpus, report = table.concat(own, " ") }
end

--- Fails (clio.fail) unless a file can be written in the folder of path: checked before
--- the long work starts, with a temporary name of the output's own (which --sandbox
--- lets the script write).
function M.check_writable(path)
  local probe = string.format("%s.tmp-probe-%d", path, math.random(1 << 30))
  local f, err = io.open(probe, "wb")
  if not f then clio.fail("cannot write %s: %s", path, (err or ""):gsub("^[^:]*: ", "")) end
  f:close()
  os.remove(probe)
end

--- Writes the page whole to a temporary name beside path, then renames it into place.
function M.write(path, page)
  local tmp = string.format("%s.tmp-%d-%d", path, os.time(), math.random(1 << 30))
  local f, err = io.open(tmp, "wb")
  if not f then clio.fail("cannot write %s: %s", path, err) end
  local ok, werr = f:write(page)
  local closed, cerr = f:close()
  local renamed, rerr = ok and closed and os.rename(tmp, path)
  if not renamed then
    os.remove(tmp)
    clio.fail("cannot write %s: %s", path, werr or cerr or rerr)
  end
end

--- The summary line(s) `clio report` prints: counts, and where the page is.
function M.summary_text(summary, path, bytes, seconds)
  if not path:match "^/" then
    local pwd = os.getenv and os.getenv "PWD"   -- none under --sandbox
    if pwd and pwd ~= "" then path = pwd .. "/" .. path:gsub("^%./", "") end
  end
  local lines = { string.format("%s documents (%s), %s dated events%s, %d actors, %d claim groups, %d conflict%s",
    html.thousands(summary.documents), html.size(summary.bytes), html.thousands(summary.events),
    summary.span and (" from " .. summary.span) or "", summary.actors, summary.groups, summary.conflicts,
    summary.conflicts == 1 and "" or "s") }
  if summary.mode == "summary" then
    lines[#lines + 1] = string.format("a summary page: %s of the %s documents (cited or sampled) and the top entries; "
      .. "--detail full for every one", html.thousands(summary.page_documents), html.thousands(summary.documents))
  end
  if summary.shown_events < summary.events then
    lines[#lines + 1] = string.format("the page shows %s of the events (top per decade)", html.thousands(summary.shown_events))
  end
  lines[#lines + 1] = string.format("report: %s (%s, %.1f s)", path, html.size(bytes), seconds)
  return table.concat(lines, "\n") .. "\n"
end

return M
