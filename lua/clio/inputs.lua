--- clio.inputs: what opening a corpus left out or changed, said on stderr, so that no
--- file is skipped, refused or repaired without a word.
---
---   clio: texts/: 3 files skipped, not text: 2 PDF documents (pdftotext -layout FILE FILE.txt), 1 HTML page (...)
---   clio: left out 1 bad file (--skip-bad): texts/old.txt: invalid UTF-8 ...
---   clio: --repair read 4 invalid UTF-8 sequences as U+FFFD in 2 documents
--- A corpus with no document at all is an error that says what was found instead.
local M = {}

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
  if #corpus == 0 and #paths > 0 then
    local found = #skipped > 0 and ("found only " .. M.kinds(skipped))
      or #refused > 0 and "every file was left out"
      or "no *.txt, *.text, *.md, *.xml or *.jsonl file"
    require("clio").fail("%s: no documents to read: %s", table.concat(paths, ", "), found)
  end
end

return M
