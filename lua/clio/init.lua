--- clio: the Lua face of the core. `local clio = require "clio"`.
-- Submodules load on first use: clio.cli, clio.output, clio.timex, clio.timeline.
-- The reference for every function is docs/lua-api.md.

local core = require "clio.core"

---@class clio
local clio = {
  version = core.version,
  core = core,
  fold = core.fold,
  nfc = core.nfc,
  validate = core.validate,
}

-- From a stock lua5.4, clio's home is guessed from where this file was loaded: a source
-- tree (ROOT/lua/clio/init.lua) or an installed prefix (PREFIX/share/lua/5.4/clio/...).
local function guess_home()
  local src = debug.getinfo(1, "S").source:match("^@(.*)$") or ""
  local prefix = src:match("^(.*)/share/lua/5%.4/clio/init%.lua$")
  if prefix then return prefix .. "/share/clio" end
  return src:match("^(.*)/lua/clio/init%.lua$") or "."
end

--- Where lua/, scripts/ and data/ live; set by the clio host, guessed otherwise.
clio.home = os.getenv("CLIO_HOME") or guess_home()

--- Raises an error that the host shows without a traceback and exits with 1.
---@param fmt string
function clio.fail(fmt, ...)
  error({ exit = 1, message = select("#", ...) > 0 and fmt:format(...) or fmt }, 0)
end

--- Raises a usage error: shown without a traceback, exit status 2.
---@param fmt string
function clio.usage(fmt, ...)
  error({ exit = 2, message = select("#", ...) > 0 and fmt:format(...) or fmt }, 0)
end

--- The path of a file bundled under data/.
---@param rel string
---@return string
function clio.data_path(rel)
  return clio.home .. "/data/" .. rel
end

--- Reads a whole file, or returns nil and a message.
---@param path string
---@return string|nil, string|nil
function clio.read_file(path)
  local f, err = io.open(path, "rb")
  if not f then return nil, err end
  local s = f:read("a")
  f:close()
  return s
end

--- The stop-word set of a file (one word per line, '#' comments), folded; without a
--- file, the `stopwords` list of a language profile (clio.lang; default "en"). Fails
--- when the file is unreadable or the profile is missing. The set is the caller's own.
---@param path? string
---@param lang? string  profile code or folder, when no path is given
---@return table<string, boolean>
function clio.stopwords(path, lang)
  local stop = {}
  if not path then
    for w in pairs(require("clio.lang").load(lang):set("stopwords")) do stop[w] = true end
    return stop
  end
  local src = clio.read_file(path) or clio.fail("cannot read stop words %s", path)
  for line in src:gmatch("[^\n]+") do
    local w = line:match("^%s*([^#%s]+)")
    if w then stop[clio.fold(w)] = true end
  end
  return stop
end

--- Splits a string into sentences with clio's splitter: array of {start, end}.
---@param s string
---@param lang? string  profile code or folder (default "en")
---@return {start: integer, end: integer}[]
function clio.sentences(s, lang)
  return core.sentences(s, require("clio.lang").load(lang):core())
end

--- Tokenizes a string as a corpus in language `lang` would be: array of token records
--- ({start, end, text, term, kind, ...}, offsets 0-based).
---@param s string
---@param lang? string  profile code or folder (default "en")
function clio.tokenize(s, lang)
  return core.tokenize(s, require("clio.lang").load(lang):core())
end

--- Whether [s, e) overlaps one of gaps (sorted and apart, as doc:gaps() gives them):
--- by bisection, so a TEI document with a gap per tag costs no more than a plain one.
--- A reference (`&stalin;`, `&#8217;`: rule "reference") is text written another way,
--- not a gap in it.
---@param gaps {start: integer, end: integer, rule: string}[]
---@return boolean
function clio.in_gap(gaps, s, e)
  local lo, hi = 1, #gaps
  while lo <= hi do
    local mid = (lo + hi) // 2
    local g = gaps[mid]
    if g["end"] <= s then lo = mid + 1
    elseif g.start >= e then hi = mid - 1
    else
      if g.rule ~= "reference" then return true end
      -- the gaps on either side of this reference that overlap [s, e) too
      for k = mid - 1, 1, -1 do
        local h = gaps[k]
        if h["end"] <= s then break end
        if h.rule ~= "reference" then return true end
      end
      for k = mid + 1, #gaps do
        local h = gaps[k]
        if h.start >= e then break end
        if h.rule ~= "reference" then return true end
      end
      return false
    end
  end
  return false
end

--- The items ({start, end, ...}) that overlap no gap: what the author wrote, not
--- markup or a scraping artifact.
function clio.outside_gaps(items, gaps)
  if #gaps == 0 then return items end
  local kept = {}
  for _, it in ipairs(items) do
    if not clio.in_gap(gaps, it.start, it["end"]) then kept[#kept + 1] = it end
  end
  return kept
end

-- Documents ---------------------------------------------------------------------------

--- The identifiers of documents {name, path} (a corpus's or an index's), in order: the
--- name (relative to the folder given, "#N" for a piece of a split file or a row of a
--- table), which is short and the same however the folder was spelled; a name that two
--- documents share gives way to the path (with its "#N"), so an identifier is unique.
function clio.doc_ids(docs)
  local seen, ids = {}, {}
  for _, d in ipairs(docs) do seen[d.name] = (seen[d.name] or 0) + 1 end
  for i, d in ipairs(docs) do
    ids[i] = seen[d.name] == 1 and d.name or d.path .. (d.name:match "#%d+$" or "")
  end
  return ids
end

---@class clio.Document
---@field index integer 1-based position in the corpus
---@field id string the document's identifier in every output: its name, unless two
--- documents of the corpus share that name, then its path (docs/corpus.md)
---@field name string name relative to the directory given (or the file name)
---@field path string the file it comes from
---@field start integer byte offset of the document in its file
---@field end integer byte offset where it ends (exclusive)
---@field size integer size of the whole file
---@field repaired integer invalid UTF-8 sequences read as U+FFFD
---@field meta table<string,string> metadata from a sidecar
local Document = {}
Document.__index = Document

--- The document's bytes, or [start, end) of its file (file offsets).
---@param start? integer
---@param stop? integer
---@return string
function Document:text(start, stop)
  return self.corpus._core:text(self.index, start, stop)
end

--- The text of [start, end) (file offsets; the whole document by default) as a reader
--- reads it: the markup of a structured input left out, character and entity
--- references read as what they stand for (TEI `&#x2014;` is "—"). What every citation
--- (event text, KWIC, the report's source view) shows. Plain text: the same as text().
---@param start? integer
---@param stop? integer
---@return string
function Document:cite(start, stop)
  return self.corpus._core:cite(self.index, start, stop)
end

--- [start, end) at the same offsets as text(), with markup as spaces and each
--- reference as its character where it fits: for grammars that read raw text and report
--- file offsets. Plain text: the same as text().
---@param start? integer
---@param stop? integer
---@return string
function Document:view(start, stop)
  return self.corpus._core:view(self.index, start, stop)
end

--- The edition's own markup (TEI): array of {kind, start, end, value}, in document
--- order, only those of `kind` when given. Kinds: "note" (value: its text, kept out of
--- the narrative), "date" (@when, else @from, else @notBefore), "persName",
--- "placeName", "orgName" (@ref, else @key), "entity" (a reference clio could not
--- resolve: its name), "header" (a <teiHeader> inside <text>). start/end: the
--- element's content, from the end of its start tag to the start of its end tag.
---@param kind? string
---@return {kind: string, start: integer, end: integer, value: string}[]
function Document:marks(kind) return self.corpus._core:marks(self.index, kind) end

--- Sentences: array of {start, end, first, ntokens} (offsets into the file).
function Document:sentences() return self.corpus._core:sentences(self.index) end

--- Tokens: array of {start, end, text, term, kind, capitalized?, ...}.
---@param first? integer 1-based first token
---@param count? integer
function Document:tokens(first, count) return self.corpus._core:tokens(self.index, first, count) end

--- Spans of sentences that hold a number, a word of the set, or a word with a part in
--- the set or starting with a digit ("mid-1916"): where a grammar can match.
--- Neighbouring sentences come as one span unless merge is false. A document not yet
--- analysed is streamed, nothing of it kept.
---@param words string[]|userdata folded words, or clio.core.termset(words) built once
--- With packed, one string of little-endian int64 triples (start, end, sentence), read
--- with string.unpack("<i8i8i8", s, pos): no table per sentence, ready for a worker.
---@param merge? boolean
---@param packed? boolean
---@return {start: integer, end: integer, sentence: integer}[]|string sentence: 1-based number of the (first) sentence
function Document:candidates(words, merge, packed)
  return self.corpus._core:candidates(self.index, words, merge, packed)
end

--- Iterator over the document's candidate sentences block by block, each block a
--- packed string as above (not merged), the first handed over before the rest of a
--- large document was read: `for packed in doc:candidate_blocks(set) do ... end`.
--- Blocks end at paragraph breaks past `bytes` (default 4 MiB); sentence numbers run
--- on across blocks.
---@param set userdata clio.core.termset(words)
---@param bytes? integer
---@return fun(): string|nil
function Document:candidate_blocks(set, bytes)
  local core_, index, pos, sentence, stop = self.corpus._core, self.index, self.start, 0, self["end"]
  bytes = bytes or 4 << 20
  local first = true
  return function()
    if pos >= stop and not first then return nil end
    first = false
    local packed
    packed, pos, sentence = core_:candidate_block(index, set, false, pos, bytes, sentence)
    return packed
  end
end

--- Counts of this document: {tokens, words, sentences, gaps (cleaning rules')}, streamed
--- in bounded memory, without per-token tables.
function Document:stats() return self.corpus._core:doc_stats(self.index) end

--- Lets go of the tokens and sentences the core keeps once a document was analysed
--- (tokens(), sentences()): a run over a large corpus that is done with a document
--- keeps its memory flat. Asking again analyses the document again, with the same result.
function Document:forget() self.corpus._core:forget(self.index) end

--- Gaps left by cleaning rules: array of {start, end, rule}.
function Document:gaps() return self.corpus._core:gaps(self.index) end

-- Corpora ----------------------------------------------------------------------------

---@class clio.Corpus
local Corpus = {}
Corpus.__index = Corpus
Corpus.__len = function(self) return self._core:count() end

--- The i-th document (1-based).
---@return clio.Document
function Corpus:doc(i)
  local d = self._docs[i]
  if not d then
    d = setmetatable(self._core:info(i), Document)
    d.corpus = self
    d.id = self:_id_of(d)
    self._docs[i] = d
  end
  return d
end

--- The identifier of a document record (clio.doc_ids's rule): its name, unless another
--- document of the corpus has that name, then its path (and the #n of a split).
function Corpus:_id_of(d)
  local shared = self._shared
  if not shared then
    -- the names more than one document holds, read one record at a time: a corpus of
    -- millions of paragraphs holds no record, nor any name, per document; and none at
    -- all when the files' names alone rule out a shared one
    local core_, seen = self._core, {}
    shared = {}
    if not core_:names_distinct() then
      for i = 1, core_:count() do
        local name = core_:info(i).name
        if seen[name] then shared[name] = true else seen[name] = true end
      end
    end
    self._shared = shared
  end
  return shared[d.name] and d.path .. (d.name:match "#%d+$" or "") or d.name
end

--- The identifier of every document (clio.doc_ids), by document number.
function Corpus:ids()
  local ids = {}
  for i = 1, self._core:count() do ids[i] = self:_id_of(self._core:info(i)) end
  return ids
end

--- Iterates the documents in order.
function Corpus:docs()
  local i, n = 0, self._core:count()
  return function()
    i = i + 1
    if i <= n then return self:doc(i) end
  end
end

-- The core counts on as many threads as clio.parallel.threads decides (opts.threads,
-- else $CLIO_THREADS, else the CPUs).
local function counting_options(opts)
  local o = {}
  for k, v in pairs(opts or {}) do o[k] = v end
  o.threads = require("clio.parallel").threads { asked = o.threads }
  return o
end

--- Totals over every document: documents, bytes, tokens, words, sentences, gaps,
--- repaired, vocabulary.
---@param opts? {threads?: integer}
function Corpus:stats(opts) return self._core:stats(counting_options(opts)) end

--- Term frequencies, counted in C: array of {term, count}, most frequent first.
---@param opts? {kinds?: string, limit?: integer, min?: integer, threads?: integer}
function Corpus:term_counts(opts) return self._core:term_counts(counting_options(opts)) end

function Corpus:close()
  -- what the command line says about a corpus once it is read (clio.inputs)
  local before = rawget(self, "_before_close")
  if before then self._before_close = nil; before(self) end
  self._core:close()
end

--- The symlinks to folders outside a corpus folder that were not followed (opening
--- with follow_symlinks = true follows them), sorted.
---@return string[]
function Corpus:skipped() return self._core:skipped() end
Corpus.__close = Corpus.close

local function rules_for(paths, opts)
  if opts.rules == false then return nil end
  local path = opts.rules
  if not path then
    -- a corpus folder may carry its own rules
    for _, p in ipairs(paths) do
      local own = p .. "/cleaning.rules"
      if io.open(own) then path = own break end
    end
  end
  path = path or clio.data_path("cleaning/default.rules")
  local src, err = clio.read_file(path)
  if not src then clio.fail("cannot read cleaning rules: %s", err) end
  return { source = src, name = path }
end

-- The reading options clio.open hands to the core as they are given (rules and lang are
-- turned into what the core takes first).
clio.OPEN_OPTIONS = { "follow_symlinks", "encoding", "skip_bad", "repair", "split", "separator",
  "text_field", "metadata" }

--- The reading options of `opts` (clio.OPEN_OPTIONS), with `extra`'s entries added: what
--- clio.open passes to the core and the command line passes to clio.open, so a new
--- reading option is named once.
---@param opts table
---@param extra? table
---@return table
function clio.open_options(opts, extra)
  local o = {}
  for _, k in ipairs(clio.OPEN_OPTIONS) do o[k] = opts[k] end
  for k, v in pairs(extra or {}) do o[k] = v end
  return o
end

--- Opens files, directories (every *.txt below, sorted) or "-" for stdin.
--- Returns the corpus, or nil, a message naming file, line and byte offset, and a
--- details table {path, line, column, offset, reason}.
---@param paths string|string[]
---@param opts? {repair?: boolean, follow_symlinks?: boolean, encoding?: string, skip_bad?: boolean, split?: "none"|"lines"|"blank"|"separator", separator?: string, text_field?: string, metadata?: string, rules?: string|false, abbreviations?: string, lang?: string}
---@return clio.Corpus|nil, string|nil, table|nil
function clio.open(paths, opts)
  if type(paths) == "string" then paths = { paths } end
  opts = opts or {}
  local profile = require("clio.lang").load(opts.lang)
  local lang = profile:core()
  if opts.abbreviations then -- a file, one per line, replacing the profile's list
    local src = clio.read_file(opts.abbreviations)
      or clio.fail("cannot read abbreviations %s", opts.abbreviations)
    lang = profile:core { abbreviations = { source = src, name = opts.abbreviations } }
  end
  local c, err, details = core.open(paths, clio.open_options(opts, { rules = rules_for(paths, opts), lang = lang }))
  if not c then return nil, err, details end
  -- how the documents were read, for the annotations' keys (clio.annotate)
  local reading = string.format("split=%s;separator=%s;text_field=%s;abbreviations=%s;repair=%s;lang=%s",
    tostring(opts.split), tostring(opts.separator), tostring(opts.text_field), tostring(opts.abbreviations),
    tostring(opts.repair), tostring(opts.lang))
    -- the sentence length cap shapes every layer that reads sentences
    .. string.format(";sentence_limit=%s/%s", profile.words.sentence_limit and profile.words.sentence_limit.tokens or "",
      profile.words.sentence_limit and profile.words.sentence_limit.bytes or "")
  -- how to open it again (worker threads that annotate parts of it: clio.annotate.workers)
  local again = {}
  for k, v in pairs(opts) do again[k] = v end
  -- documents are made on demand and kept while someone holds them: a corpus of a
  -- million paragraphs read once holds no table per document
  return setmetatable({ _core = c, _docs = setmetatable({}, { __mode = "v" }), lang = profile, _reading = reading,
    paths = paths, _open = again }, Corpus)
end

-- Submodules load on first use.
return setmetatable(clio, {
  __index = function(t, k)
    if type(k) ~= "string" or not package.searchpath("clio." .. k, package.path) then return nil end
    local m = require("clio." .. k)
    rawset(t, k, m)
    return m
  end,
})
