--- clio.inputs: what opening a corpus left out or changed, said on stderr, so that no
--- file is skipped, refused or repaired without a word.
---
---   clio: texts/: 3 files skipped, not text: 2 PDF documents (pdftotext -layout FILE FILE.txt), 1 HTML page (...)
---   clio: left out 1 bad file (--skip-bad): texts/old.txt: invalid UTF-8 ...
---   clio: --repair read 4 invalid UTF-8 sequences as U+FFFD in 2 documents
--- A corpus with no document at all is an error that says what was found instead.
--- At the end of a run, documents in which the sentence length cap cut a sentence:
---   clio: texts/scan.txt: a sentence ran past 1000 tokens or 65536 bytes; cut into windows from byte 65530
local M = {}

-- corpora opened through the command line, checked for cut sentences when the run ends
local watched = setmetatable({}, { __mode = "k" })

local function plural(n, word) return n .. " " .. word .. (n == 1 and "" or "s") end

--- The refused files, one per line: "  path: message".
function M.list(notes)
  local lines = {}
  for _, e in ipairs(notes) do
    local msg = e.message or e.kind
    -- the message of a refusal already starts with nothing of the path: name it once
    lines[#lines + 1] = "  " .. e.path .. ": " .. msg
  end
  return table.concat(lines, "\n")
end

--- "2 PDF documents (pdftotext ...), 1 HTML page (pandoc ...)" for skipped files.
function M.kinds(notes)
  local count, order = {}, {}
  local convert = {}
  for _, e in ipairs(notes) do
    if not count[e.kind] then order[#order + 1] = e.kind; count[e.kind] = 0 end
    count[e.kind] = count[e.kind] + 1
    convert[e.kind] = e.convert
  end
  local parts = {}
  for _, k in ipairs(order) do
    local s = count[k] .. " " .. k .. (count[k] == 1 and "" or (k:match "s$" and "" or "s"))
    if convert[k] then s = s .. " (" .. convert[k] .. ")" end
    parts[#parts + 1] = s
  end
  return table.concat(parts, ", ")
end

local function say(fmt, ...) io.stderr:write("clio: ", string.format(fmt, ...), "\n") end

--- Reports what opening `paths` skipped, left out and repaired; fails when nothing is
--- left to read.
function M.report(corpus, paths, opts)
  local skipped = corpus._core:not_text()
  local refused = corpus._core:refused()
  if #skipped > 0 then
    say("%s skipped, not text: %s", plural(#skipped, "file"), M.kinds(skipped))
  end
  if #refused > 0 then
    say("left out %s (--skip-bad):\n%s", plural(#refused, "bad file"), M.list(refused))
  end
  if opts and opts.repair then
    local bad, docs = 0, 0
    for d in corpus:docs() do
      if (d.repaired or 0) > 0 then bad = bad + d.repaired; docs = docs + 1 end
    end
    say("--repair read %s as U+FFFD in %s", plural(bad, "invalid UTF-8 sequence"),
      plural(docs, "document"))
  end
  watched[corpus] = true
  corpus._before_close = M.say_cuts
  if #corpus == 0 and #paths > 0 then
    local found = #skipped > 0 and ("found only " .. M.kinds(skipped))
      or #refused > 0 and "every file was left out"
      or "no *.txt, *.text, *.md, *.xml or *.jsonl file"
    require("clio").fail("%s: no documents to read: %s", table.concat(paths, ", "), found)
  end
end

-- at most this many documents are named; the rest are counted
local MAX_NAMED = 10

--- Says which documents of a corpus had a sentence cut by the length cap
--- (core/segment.c), naming each file and the byte offset of its first cut.
function M.say_cuts(corpus)
  watched[corpus] = nil
  local core = corpus._core
  if not pcall(core.count, core) then return end -- closed
  local limit = corpus.lang and corpus.lang.words.sentence_limit or {}
  local named, more = 0, 0
  for i = 1, core:count() do
    local at = core:sentence_cut(i)
    if at then
      if named < MAX_NAMED then
        named = named + 1
        say("%s: a sentence ran past %d tokens or %d bytes; cut into windows from byte %d",
          core:info(i).path, limit.tokens or 1000, limit.bytes or 65536, at)
      else
        more = more + 1
      end
    end
  end
  if more > 0 then say("and %s with sentences cut the same way", plural(more, "more document")) end
end

--- The same for every corpus the command line opened and did not close yet: called
--- once the script has finished (closing one says it then).
function M.report_cuts()
  for corpus in pairs(watched) do M.say_cuts(corpus) end
end

return M
