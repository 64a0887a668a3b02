-- claims: who did what and when, by document; where sources agree, conflict, or contradict the record
--
-- usage: clio claims [--reference FILE] [--format table|jsonl|csv] PATH...
-- Finds claims (subject, event, object, date, polarity, hedging, attribution) with the
-- predicate lexicon in data/predicates/en.lua and the temporal grammar, groups them by
-- (event, subject, object) across documents and gives each group a verdict: agree,
-- conflict or single. With --reference (a chronology, see data/reference/README.md) each
-- claim is also consistent with it, contradicts it, or is not covered. Dated sentences
-- that no predicate explains are compared by TF-IDF similarity. --reuse lists passages
-- shared between documents instead (shingles over folded words, both spans).
-- The table shows each event with, per source, the date it claims; jsonl prints one
-- object per group; csv/tsv one row per claim.
local clio = require "clio"
local cli, output = clio.cli, clio.output
local claims = require "clio.claims"

local opts, paths = cli.parse({ ... }, {
  usage = "clio claims [--reference FILE] [--format table|jsonl|csv] PATH...",
  options = cli.options(cli.corpus_options, cli.output_options, {
    { "reference", short = "r", value = "FILE", help = "a reference chronology (TSV, data/reference/README.md)" },
    { "predicates", value = "NAME|FILE", list = true, help = "a predicate vocabulary instead of data/predicates/en.lua (may repeat: general first, then domain packs)" },
    { "lexicon", value = "NAME|FILE", list = true, help = "a lexicon (a file, or a name along the data search path) for subjects and objects, with its predicate pack (may repeat); none: names found in the texts" },
    { "all", help = "list every group, also undated ones told by one document" },
    { "similarity", value = "X", number = true, default = 0.3, help = "cosine threshold for untyped claims" },
    { "reuse", help = "list passages shared between documents instead of claims" },
    { "shingle", value = "N", number = true, default = 6, help = "words per shingle for --reuse" },
    { "min-words", value = "N", number = true, default = 10, help = "shortest shared passage for --reuse" },
  }),
  min = 1,
})

local corpus <close> = cli.open_corpus(opts, paths)

local function short(path) return path:match("[^/]+$") end

if opts.reuse then
  local reuse = require "clio.reuse"
  local docs = {}
  for doc in corpus:docs() do docs[#docs + 1] = { path = doc.path, tokens = doc:tokens(), text = doc:text(), base = doc.start } end
  local passages = reuse.find(docs, { k = opts.shingle, min_words = opts.min_words })
  local out <close> = output.open {
    format = opts.format, path = opts.output,
    columns = { "doc_a", "start_a", "end_a", "doc_b", "start_b", "end_b", "words", "text" },
  }
  for _, p in ipairs(passages) do
    if opts.format == "table" then
      local t = p.text:gsub("%s+", " ")
      if #t > 60 then t = t:sub(1, (utf8.offset(t, 58) or 59) - 1) .. "…" end
      p = { doc_a = short(p.doc_a), start_a = p.start_a, end_a = p.end_a, doc_b = short(p.doc_b),
        start_b = p.start_b, end_b = p.end_b, words = p.words, text = t }
    end
    out:write(p)
  end
  out:note(string.format("%d shared passages in %d documents", #passages, #docs))
  out:close()
  return
end

-- subjects and objects: the lexicon's entities when one is named (--lexicon, or a
-- `lexicon` metadata column), else the names found in the texts; never a silent default
local find_mentions, lexicon_files
do
  local named = require("clio.factions").lexicons_of(corpus, opts.lexicon)
  if named then
    local lexicon = require "clio.lexicon"
    lexicon_files = {}
    for i, name in ipairs(named) do lexicon_files[i] = lexicon.resolve(name) end
    find_mentions = claims.lexicon_mentions(lexicon.matcher(lexicon.load_all(lexicon_files), { fuzzy = true }))
  end
end

-- the general vocabulary (or --predicates), with the domain pack of each lexicon
local vocabulary = claims.vocabulary { predicates = opts.predicates, lexicons = lexicon_files }
local ref = opts.reference and claims.load_reference(opts.reference, vocabulary) or nil
local shown, nclaims, unresolved = claims.analyse(corpus, {
  predicates = vocabulary, find_mentions = find_mentions, lexicon_files = lexicon_files,
  -- worker threads reopen the corpus as it was opened here
  -- worker threads only when asked ($CLIO_THREADS): shipping claims back costs about as
  -- much CPU as two threads save (docs/claims.md, "Scale")
  threads = os.getenv and tonumber(os.getenv("CLIO_THREADS") or "") or 1,
  reopen = { paths = paths, open = { repair = opts.repair, split = opts.split, separator = opts.separator,
    text_field = opts.text_field, metadata = opts.metadata, rules = (opts.no_rules and false) or opts.rules,
    lang = opts.lang } },
  similarity = opts.similarity, ref = ref, all = opts.all, progress = output.progress,
})

if opts.format ~= "table" then
  local nleft, why = claims.unresolved_string(unresolved)
  if nleft > 0 then io.stderr:write(string.format("clio claims: %d claims left ungrouped: %s\n", nleft, why)) end
end

local function claim_record(c)
  return { doc = c.doc, start = c.start, ["end"] = c["end"], text = c.text,
    date = c.date and { value = c.date.value, mod = c.date.mod, rel = c.date.rel, text = c.date.text,
      start = c.date.start, ["end"] = c.date["end"] } or nil,
    polarity = c.polarity, mood = c.mood, hedge = c.hedge, attribution = c.attribution,
    agent = c.agent, reference_verdict = ref and c.reference_verdict or nil,
    trigger = c.trigger, rule = c.rule }
end

local counts = { agree = 0, conflict = 0, single = 0 }
for _, g in ipairs(shown) do counts[g.verdict] = counts[g.verdict] + 1 end

if opts.format == "jsonl" then
  local out <close> = output.open {
    format = "jsonl", path = opts.output,
    columns = { "event", "subject", "object", "claims", "verdict", "reference", "reference_verdict" },
  }
  for _, g in ipairs(shown) do
    local list = {}
    for i, c in ipairs(g.claims) do list[i] = claim_record(c) end
    local conflicts = {}
    for i, p in ipairs(g.conflicts) do conflicts[i] = { p[1] - 1, p[2] - 1 } end
    out:write { event = g.event, subject = g.subject, object = g.object, claims = list,
      verdict = g.verdict, reference = g.reference or require("cjson").null,
      reference_verdict = ref and g.reference_verdict or nil,
      conflicts = #conflicts > 0 and conflicts or nil }
  end
  out:close()
elseif opts.format == "table" then
  local out <close> = output.open {
    format = "table", path = opts.output,
    columns = { "event", "subject", "object", "verdict", "source", "date", "claim", "reference" },
  }
  for _, g in ipairs(shown) do
    for i, c in ipairs(g.claims) do
      local flags = {}
      if c.polarity == "negative" then flags[#flags + 1] = "not" end
      if c.mood == "irrealis" then flags[#flags + 1] = "irrealis:" .. c.irrealis end
      if c.hedge then flags[#flags + 1] = "hedge:" .. c.hedge end
      if c.attribution then flags[#flags + 1] = "per " .. c.attribution end
      if ref then flags[#flags + 1] = c.reference_verdict end
      out:write {
        event = i == 1 and g.event or "", subject = i == 1 and (g.subject or "—") or "",
        object = i == 1 and g.object or nil, verdict = i == 1 and g.verdict or "",
        source = string.format("%s:%d-%d", short(c.doc), c.start, c["end"]),
        date = claims.date_string(c.date) or "—", claim = table.concat(flags, " "),
        reference = i == 1 and ref and (g.reference and string.format("%s %s (%s)", g.reference.date,
          g.reference_verdict, g.reference.source) or "not covered") or nil,
      }
    end
  end
  out:note(string.format("%d groups: %d conflict, %d agree, %d single; %d claims in %d documents",
    #shown, counts.conflict, counts.agree, counts.single, nclaims, #corpus))
  local nleft, why = claims.unresolved_string(unresolved)
  if nleft > 0 then out:note(string.format("%d claims left ungrouped: %s", nleft, why)) end
  out:close()
else
  local out <close> = output.open {
    format = opts.format, path = opts.output,
    columns = { "event", "subject", "object", "verdict", "doc", "start", "end", "date", "polarity",
      "mood", "hedge", "attribution", "reference_verdict", "reference_date", "reference_source", "text" },
  }
  for _, g in ipairs(shown) do
    for _, c in ipairs(g.claims) do
      out:write { event = g.event, subject = g.subject, object = g.object, verdict = g.verdict,
        doc = c.doc, start = c.start, ["end"] = c["end"], date = claims.date_string(c.date),
        polarity = c.polarity, mood = c.mood, hedge = c.hedge, attribution = c.attribution,
        reference_verdict = ref and c.reference_verdict or nil,
        reference_date = g.reference and g.reference.date, reference_source = g.reference and g.reference.source,
        text = c.text }
    end
  end
  out:close()
end
