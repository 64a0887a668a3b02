--- clio.claims.group: which claims of different documents tell the same event, and
--- whether they agree.
---
--- Two claims are the same event only when they share the event type, a resolved
--- participant (the same subject and object) and a time: their dates overlap, or the
--- narrative frames of their documents do (the span each document's story moves
--- through). Grouping is blocking: claims are put in blocks by (event, subject, object),
--- and inside a block sorted by time and swept, so that a block costs n log n; claims
--- never meet claims of other blocks. Verdicts use extremes instead of all pairs, and the
--- listed conflicting pairs are capped. Dated sentences that no predicate explains are
--- compared by TF-IDF cosine only inside blocks of (participant, year).
---
--- Claims left out of every group of two or more documents are counted by reason
--- (`unresolved`): told by one document only, another period than the other documents'
--- claims of that event, no resolved participant, no date and no frame.
local clio = require "clio"
local mentions = require "clio.claims.mentions"
local pack = require "clio.claims.pack"

local M = {}

local INF = math.huge
M.MAX_PAIRS = 50          -- conflicting pairs listed per group
M.MAX_SIMILAR_BLOCK = 400 -- untyped sentences compared inside one block
M.MAX_POSTINGS = 200      -- a word held by more sentences of a block is not compared on
-- a narrative frame estimated from a few dates is narrow: documents whose frames come
-- within this many days of each other are taken to tell the same period, unless both
-- frames rest on FRAME_FIRM dates or more
M.FRAME_PAD = 5 * 365
M.FRAME_FIRM = 10 -- a frame resting on this many dates is taken as it is

--- Whether two claims' dates can both be true (intervals overlap); undated claims are
--- compatible with anything.
function M.compatible_dates(a, b)
  if not a or not b then return true end
  return a.lo < b.hi and b.lo < a.hi
end

local function comparable(c) return c.mood ~= "irrealis" end

--- The verdict of a list of claims: "single" (one document), "conflict" (two documents
--- with disjoint dates or opposite polarity), "agree". Irrealis claims ("wanted to")
--- do not count. Returns verdict and up to MAX_PAIRS conflicting pairs {i, j}.
function M.verdict(list)
  local docs, n = {}, 0
  for _, c in ipairs(list) do
    if comparable(c) and not docs[c.doc] then docs[c.doc] = true; n = n + 1 end
  end
  if n < 2 then return "single", {} end
  -- a conflict exists iff two documents disagree on polarity, or the earliest end and
  -- the latest start (from different documents) leave a gap
  local pol, min_hi, max_lo = {}, {}, {}
  -- best[1]: the extreme value; best[2]: the extreme among the other documents'
  local function keep2(best, c, v, better)
    local b1 = best[1]
    if not b1 then
      best[1] = { doc = c.doc, v = v }
    elseif better(v, b1.v) then
      if c.doc ~= b1.doc then best[2] = b1 end
      best[1] = { doc = c.doc, v = v }
    elseif c.doc ~= b1.doc and (not best[2] or better(v, best[2].v)) then
      best[2] = { doc = c.doc, v = v }
    end
  end
  local lt = function(a, b) return a < b end
  local gt = function(a, b) return a > b end
  for _, c in ipairs(list) do
    if comparable(c) then
      pol[c.polarity] = pol[c.polarity] or {}
      pol[c.polarity][c.doc] = true
      if c.date then
        keep2(min_hi, c, c.date.hi, lt)
        keep2(max_lo, c, c.date.lo, gt)
      end
    end
  end
  local conflict = false
  if pol.positive and pol.negative then
    for d in pairs(pol.positive) do
      for e in pairs(pol.negative) do if d ~= e then conflict = true break end end
      if conflict then break end
    end
  end
  if not conflict and min_hi[1] and max_lo[1] then
    for _, a in ipairs(min_hi) do
      for _, b in ipairs(max_lo) do
        if a.doc ~= b.doc and a.v <= b.v then conflict = true end
      end
    end
  end
  if not conflict then return "agree", {} end
  local pairs_ = {}
  for i = 1, #list do
    local a = list[i]
    for j = i + 1, #list do
      local b = list[j]
      if comparable(a) and comparable(b) and a.doc ~= b.doc then
        if a.polarity ~= b.polarity or not M.compatible_dates(a.date, b.date) then
          pairs_[#pairs_ + 1] = { i, j }
          if #pairs_ >= M.MAX_PAIRS then return "conflict", pairs_ end
        end
      end
    end
  end
  return "conflict", pairs_
end

-- the time span a claim is compared by: its date and its document's frame together; an
-- open date ("after 1968", "by 1934") is closed by the frame, or by FRAME_PAD without one
local function span(c)
  local d, f = c.date, c.frame
  local dlo, dhi
  if d then
    dlo, dhi = d.lo, d.hi
    if dlo == -INF then dlo = f and math.min(f.lo, dhi - 1) or dhi - M.FRAME_PAD end
    if dhi == INF then dhi = f and math.max(f.hi, dlo + 1) or dlo + M.FRAME_PAD end
  end
  if f then
    local pad = (f.n or 0) < M.FRAME_FIRM and M.FRAME_PAD or 0
    local lo, hi = f.lo - pad, f.hi + pad
    if d then lo, hi = math.min(dlo, lo), math.max(dhi, hi) end
    return lo, hi
  end
  if d then return dlo, dhi end
  return nil
end

--- Splits the claims of one block into runs whose spans overlap (a sweep over spans
--- sorted by start). Claims without date or frame join the run when there is exactly one.
--- Returns the runs and the claims with no span when there are several runs.
function M.sweep(block)
  local timed, loose = {}, {}
  for _, c in ipairs(block) do
    local lo, hi = span(c)
    if lo then timed[#timed + 1] = { c = c, lo = lo, hi = hi } else loose[#loose + 1] = c end
  end
  table.sort(timed, function(a, b)
    if a.lo ~= b.lo then return a.lo < b.lo end
    if a.c.doc ~= b.c.doc then return a.c.doc < b.c.doc end
    return a.c.start < b.c.start
  end)
  local runs, cur, reach = {}, nil, -INF
  for _, t in ipairs(timed) do
    if not cur or t.lo >= reach then
      cur = {}
      runs[#runs + 1] = cur
      reach = t.hi
    else
      reach = math.max(reach, t.hi)
    end
    cur[#cur + 1] = t.c
  end
  if #runs <= 1 then
    runs[1] = runs[1] or {}
    for _, c in ipairs(loose) do table.insert(runs[1], c) end
    if #runs[1] == 0 then runs = {} end
    return runs, {}
  end
  return runs, loose
end

local function ndocs_of(list)
  local docs, n = {}, 0
  for _, c in ipairs(list) do if not docs[c.doc] then docs[c.doc] = true; n = n + 1 end end
  return n
end

--- Display names: per key, the spelling most claims use (a trailing possessive dropped).
function M.name_subjects(claims)
  local counts = {}
  for _, c in ipairs(claims) do
    if c.subject and c.subject_name then
      local name = c.subject_name:gsub("['’]s$", ""):gsub("^[Tt]he%s+", "")
      local t = counts[c.subject] or {}
      counts[c.subject] = t
      t[name] = (t[name] or 0) + 1
    end
  end
  local best = {}
  for key, t in pairs(counts) do
    local b, bn
    for name, n in pairs(t) do
      if not b or n > bn or (n == bn and (#name > #b or (#name == #b and name < b))) then b, bn = name, n end
    end
    best[key] = b
  end
  for _, c in ipairs(claims) do
    if c.subject then c.subject_display = best[c.subject] or c.subject_display or c.subject end
  end
end

local function finish(groups)
  for _, g in ipairs(groups) do
    table.sort(g.claims, function(a, b)
      if a.doc ~= b.doc then return a.doc < b.doc end
      return a.start < b.start
    end)
    g.verdict, g.conflicts = M.verdict(g.claims)
    local lo = INF
    for _, c in ipairs(g.claims) do if c.date and c.date.lo > -INF then lo = math.min(lo, c.date.lo) end end
    for _, c in ipairs(g.claims) do if c.date and c.date.lo == -INF then lo = math.min(lo, c.date.hi - 1) end end
    g.sort = lo
    g.ndocs = ndocs_of(g.claims)
  end
  table.sort(groups, function(a, b)
    if a.sort ~= b.sort then return a.sort < b.sort end
    if a.event ~= b.event then return a.event < b.event end
    if (a.subject or "") ~= (b.subject or "") then return (a.subject or "") < (b.subject or "") end
    if (a.object or "") ~= (b.object or "") then return (a.object or "") < (b.object or "") end
    return a.claims[1].doc < b.claims[1].doc
  end)
  return groups
end

--- Groups claims: blocks by (event, subject, object), runs of overlapping time inside a
--- block; similar_groups (from M.similar) are added as they are. Returns the groups
--- (each with verdict, conflicts, ndocs) and the counts of claims left ungrouped by reason.
function M.group(claims, similar_groups, unresolved)
  unresolved = unresolved or {}
  local function count(reason, n) unresolved[reason] = (unresolved[reason] or 0) + (n or 1) end
  local blocks, order = {}, {}
  for _, c in ipairs(claims) do
    local key = table.concat({ c.event, c.subject or "", c.object or "" }, "\0")
    local b = blocks[key]
    if not b then b = {}; blocks[key] = b; order[#order + 1] = key end
    b[#b + 1] = c
  end
  local groups = {}
  for _, key in ipairs(order) do
    local block = blocks[key]
    local runs, loose = M.sweep(block)
    local multi = ndocs_of(block) > 1
    for _, run in ipairs(runs) do
      local c = run[1]
      groups[#groups + 1] = { event = c.event, subject = c.subject_display or c.subject,
        subject_key = c.subject, object = c.object, claims = run }
      if ndocs_of(run) < 2 then
        count(multi and "another period than the other documents" or "told by one document only", #run)
      end
    end
    for _, c in ipairs(loose) do
      groups[#groups + 1] = { event = c.event, subject = c.subject_display or c.subject,
        subject_key = c.subject, object = c.object, claims = { c } }
      count("no date and no narrative frame", 1)
    end
  end
  for _, sg in ipairs(similar_groups or {}) do
    local c = sg.claims[1]
    groups[#groups + 1] = { event = c.event, subject = c.subject_display, subject_key = c.subject,
      claims = sg.claims, similar = true }
  end
  return finish(groups), unresolved
end

---------------------------------------------------------------------------
-- similarity for untyped claims: TF-IDF over folded words, cosine, single link, inside
-- blocks of (participant, year)

--- The year an untyped sentence is compared in (its date's start), or nil when its
--- date is missing or open.
function M.year_of(c)
  local d = c.date
  if not d or d.lo == -INF or d.hi == INF then return nil end
  return math.floor(d.lo / 365.2425)
end
local year_of = M.year_of

--- Groups untyped dated sentences from different documents whose TF-IDF cosine reaches
--- `threshold` (default 0.3), compared only with sentences naming the same participant
--- in the same year. Returns the groups that span two or more documents, and adds to
--- opts.unresolved the sentences left alone by reason.
function M.similar(untyped, opts)
  opts = opts or {}
  local threshold = opts.threshold or 0.3
  local unresolved = opts.unresolved or {}
  local function count(reason, n) unresolved[reason] = (unresolved[reason] or 0) + (n or 1) end
  local cal = mentions.calendar()
  local blocks, order = {}, {}
  for _, u in ipairs(untyped) do
    local y = year_of(u)
    if not u.subject then
      count("no resolved participant")
    elseif not y then
      count("no date and no narrative frame")
    else
      local key = u.subject .. "\0" .. y
      local b = blocks[key]
      if not b then b = {}; blocks[key] = b; order[#order + 1] = key end
      b[#b + 1] = u
    end
  end
  local groups = {}
  for _, key in ipairs(order) do
    local list = blocks[key]
    if ndocs_of(list) < 2 then
      count("told by one document only", #list)
    else
      if #list > M.MAX_SIMILAR_BLOCK then
        count("similarity block over its cap", #list - M.MAX_SIMILAR_BLOCK)
        local kept = {}
        for i = 1, M.MAX_SIMILAR_BLOCK do kept[i] = list[i] end
        list = kept
      end
      local gs = M.similar_block(list, threshold, cal)
      local grouped = 0
      for _, g in ipairs(gs) do groups[#groups + 1] = g; grouped = grouped + #g.claims end
      if #list - grouped > 0 then count("similarity below the threshold", #list - grouped) end
    end
  end
  return groups
end

-- single-link TF-IDF grouping of one block
function M.similar_block(untyped, threshold, cal)
  local df, n = {}, #untyped
  -- the words of each sentence (unpacked for this block only: clio.claims.pack)
  local terms_of = {}
  for i, u in ipairs(untyped) do terms_of[i] = pack.terms(u) end
  for i = 1, n do
    local seen = {}
    for _, t in ipairs(terms_of[i]) do
      if not seen[t] and not t:match "^%d" and not cal[t] then seen[t] = true; df[t] = (df[t] or 0) + 1 end
    end
  end
  local vecs = {}
  for i = 1, n do
    local tf, norm = {}, 0
    for _, t in ipairs(terms_of[i]) do if df[t] then tf[t] = (tf[t] or 0) + 1 end end
    for t, f in pairs(tf) do
      local w = f * math.log((n + 1) / df[t])
      tf[t] = w; norm = norm + w * w
    end
    vecs[i] = { w = tf, norm = math.sqrt(norm) }
  end
  local parent = {}
  local function find(i)
    while parent[i] and parent[i] ~= i do
      if parent[parent[i]] then parent[i] = parent[parent[i]] end
      i = parent[i]
    end
    return i
  end
  local holders = {}
  for j, v in ipairs(vecs) do
    for t in pairs(v.w) do
      local list = holders[t]
      if not list then list = {}; holders[t] = list end
      list[#list + 1] = j
    end
  end
  local best_terms = {}
  for i = 1, n do
    local a, dots = vecs[i], {}
    for t, w in pairs(a.w) do
      local hold = holders[t]
      if #hold <= M.MAX_POSTINGS then
        for _, j in ipairs(hold) do
          if j > i and untyped[i].doc ~= untyped[j].doc then dots[j] = (dots[j] or 0) + w * vecs[j].w[t] end
        end
      end
    end
    local partners = {}
    for j in pairs(dots) do partners[#partners + 1] = j end
    table.sort(partners)
    for _, j in ipairs(partners) do
      local b = vecs[j]
      local cos = (a.norm > 0 and b.norm > 0) and dots[j] / (a.norm * b.norm) or 0
      if cos >= threshold and M.compatible_dates(untyped[i].date, untyped[j].date) then
        local ri, rj = find(i), find(j)
        if ri ~= rj then parent[rj] = ri end
        if not best_terms[find(i)] then
          local shared = {}
          for t in pairs(a.w) do
            if b.w[t] then shared[#shared + 1] = t end
          end
          table.sort(shared)
          best_terms[find(i)] = shared
        end
      end
    end
  end
  local groups, by_root = {}, {}
  for i = 1, n do
    local r = find(i)
    if r ~= i or parent[i] then
      local g = by_root[r]
      if not g then
        g = { claims = {} }
        by_root[r] = g
        groups[#groups + 1] = g
      end
      g.claims[#g.claims + 1] = untyped[i]
    end
  end
  for r, g in pairs(by_root) do
    local terms = best_terms[r] or {}
    local label = table.concat(terms, " ", 1, math.min(#terms, 4))
    for _, c in ipairs(g.claims) do
      c.event = "similar: " .. label
      c.subject = g.claims[1].subject
      c.subject_display = g.claims[1].subject_display or g.claims[1].subject_name
    end
  end
  return groups
end

-- the place a people's name comes from, when the corpus names that place too: "japanese"
-- -> "japan", "chinese" -> "china", "iraqi" -> "iraq", "german" -> "germany". suffixes:
-- the vocabulary's demonyms, each {people's ending, place's ending}
local function place_of(key, seen, suffixes)
  if key:find " " then return nil end
  for _, sx in ipairs(suffixes or {}) do
    local people, place = sx[1], sx[2]
    if #key > #people + 2 and (people == "" or key:sub(-#people) == people) then
      local cand = key:sub(1, #key - #people) .. place
      if cand ~= key and seen[cand] then return cand end
    end
  end
end

--- Merges subject keys that differ by a trailing s ("stalins" -> "stalin") when both are
--- seen, and a people's name with its place when both are seen and the vocabulary gives
--- demonym endings ("the Japanese surrendered" = "Japan surrendered"); then names each
--- key (M.name_subjects).
function M.normalize_keys(claims, demonyms, seen)
  seen = seen or {}
  for _, c in ipairs(claims) do if c.subject then seen[c.subject] = true end end
  for _, c in ipairs(claims) do
    if c.subject and c.subject:match "s$" and seen[c.subject:sub(1, -2)] then
      c.subject = c.subject:sub(1, -2)
      c.subject_name = c.subject_name and c.subject_name:gsub("s$", "") or nil
    end
    local place = c.subject and place_of(c.subject, seen, demonyms)
    if place then c.subject = place; c.subject_name = nil end
  end
  M.name_subjects(claims)
end

return M
