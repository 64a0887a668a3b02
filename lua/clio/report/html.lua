--- clio.report.html: escaping, the citation registry and the page shell (inline CSS and
--- the self-check script) of the HTML report. No network: nothing here names a URL.
local json = require "clio.json"

local M = {}

local ESC = { ["&"] = "&amp;", ["<"] = "&lt;", [">"] = "&gt;", ['"'] = "&quot;", ["'"] = "&#39;" }

-- Replaces bytes that are not UTF-8 (a repaired document keeps its original bytes) and
-- control characters other than tab/newline/CR with U+FFFD, so the page stays valid.
local function clean_utf8(s)
  if utf8.len(s) and not s:find "[%z\1-\8\11\12\14-\31\127]" then return s end
  local out, i, n = {}, 1, #s
  while i <= n do
    local len, bad = utf8.len(s, i)
    local stop = len and n or bad - 1
    if stop >= i then
      out[#out + 1] = s:sub(i, stop):gsub("[%z\1-\8\11\12\14-\31\127]", "\239\191\189")
    end
    if len then break end
    out[#out + 1] = "\239\191\189"
    i = bad + 1
  end
  return table.concat(out)
end
M.clean_utf8 = clean_utf8

--- Text for an HTML text node or attribute value.
---@param s any
---@return string
function M.esc(s)
  if s == nil then return "" end
  return (clean_utf8(tostring(s)):gsub("[&<>\"']", ESC))
end

--- Text cut to n characters (code points), whitespace runs folded, with an ellipsis.
function M.trim(s, n)
  s = tostring(s or ""):gsub("%s+", " "):gsub("^ ", ""):gsub(" $", "")
  if (utf8.len(s) or #s) <= n then return s end
  local cut = utf8.offset(s, n) or (n + 1)
  return s:sub(1, cut - 1) .. "…"
end

--- 12345 -> "12,345" (clio.output.thousands).
M.thousands = require("clio.output").thousands

--- Bytes as "812 B", "80 KB", "11.2 MB".
function M.size(n)
  if n < 1024 then return n .. " B" end
  if n < 1024 * 1024 then return string.format("%d KB", math.floor(n / 1024 + 0.5)) end
  return string.format("%.1f MB", n / (1024 * 1024))
end

---------------------------------------------------------------------------
-- citations: every link to the source goes through the registry, which hands out one
-- id per (document, start, end) and remembers the span for the source view.

local Cites = {}
Cites.__index = Cites

--- A registry over a corpus's documents. Analyses cite by file path and file offsets,
--- or by a document's id (clio.doc_ids) and file offsets; several documents can share
--- a file (CSV rows, JSONL lines, --split), so the offset picks the document. The
--- core finds it (corpus:doc_at, :doc_named: no table per document); record_of(index)
--- gives the overview record of a document found (a summary makes it then).
function M.citations(corpus, record_of)
  return setmetatable({ corpus = corpus, record_of = record_of, spans = {}, by_id = {}, count = 0 }, Cites)
end

--- The number of the document holding [start, ...) of a file (by path or document
--- id), or nil.
function Cites:index_at(path, start)
  local core = self.corpus._core
  local i, known = core:doc_at(path, start)
  if known then return i end
  -- a document's id: its name ("NAME", "NAME#N"), or, when another document has that
  -- name, its path ("PATH#N"); the first named so, if its id is that
  local last = self.last_id
  if not (last and last.key == path) then
    last = { key = path }
    for _, by_path in ipairs { false, true } do
      local k = core:doc_named(path, by_path)
      local d = k and core:info(k)
      if d and d.path ~= path and self.corpus:_id_of(d) == path then
        last.index, last.start, last.stop = k, d.start, math.max(d["end"], d.start + 1)
        break
      end
    end
    self.last_id = last
  end
  if last.index and start >= last.start and start < last.stop then return last.index end
end

--- The document (overview record) holding [start, end) of a file, or nil.
function Cites:doc_at(path, start)
  local i = self:index_at(path, start)
  return i and self.record_of(i)
end

--- Registers a cited span; returns its id ("d3-1536-1540") and document, or nil when the
--- span lies in no document. kind: a class name (date, claim, action, cooc).
function Cites:add(path, start, stop, kind)
  local d = self:doc_at(path, start)
  if not d or stop > d["end"] or stop <= start then return nil end
  local id = string.format("d%d-%d-%d", d.index, start, stop)
  local s = self.by_id[id]
  if not s then
    s = { id = id, doc = d.index, start = start, ["end"] = stop, kinds = {} }
    self.by_id[id] = s
    local list = self.spans[d.index]
    if not list then list = {}; self.spans[d.index] = list end
    list[#list + 1] = s
    self.count = self.count + 1
  end
  s.kinds[kind or "cite"] = true
  return id, d
end

--- A citation link: `<a class="cite" href="#id">label</a>`, or the label alone when the
--- span cannot be cited. Registers the span.
function Cites:link(path, start, stop, kind, label, title)
  local id, d = self:add(path, start, stop, kind)
  label = label or (d and string.format("%s:%d", d.short, start)) or "?"
  if not id then return '<span class="nocite">' .. M.esc(label) .. "</span>" end
  return string.format('<a class="cite" href="#%s"%s>%s</a>', id,
    title and (' title="' .. M.esc(title) .. '"') or "", M.esc(label))
end

---------------------------------------------------------------------------
-- the page shell

-- The page's stylesheet and script live beside this module (assets/app.css, app.js)
-- and are inlined: the page needs nothing else.
local function asset(name)
  local here = package.searchpath("clio.report.html", package.path)
  local dir = here and here:match "^(.*)/[^/]*$" or "."
  local f = assert(io.open(dir .. "/assets/" .. name, "rb"))
  local s = f:read "a"
  f:close()
  return s
end
M.asset = asset

--- The data as JSON safe inside a <script> element: every "<" written as the escape
--- \u003c (only strings can hold one), so no "</script" or "<!--" reaches the HTML parser.
--- Every empty table of the data is a list (the script iterates them).
function M.json(v)
  return (json.value(v, true):gsub("<", "\\u003c"))
end

--- The whole page around the section bodies.
---@param p {title: string, subtitle: string, nav: {[1]: string, [2]: string}[], body: string[], script_after?: integer, data?: table, factions?: table, note?: string, summary_note?: string}
function M.page(p)
  local nav = {}
  for _, n in ipairs(p.nav) do nav[#nav + 1] = string.format('<a href="#%s">%s</a>', n[1], M.esc(n[2])) end
  -- each faction's colour, for the actor mentions of the source view
  local fcss = {}
  for i, f in ipairs(p.factions or {}) do fcss[i] = string.format(".am.f%d{--fc:%s}", i - 1, f.colour) end
  -- the script comes after the sections it drives first (script_after of them), so a long
  -- page answers a search before the browser has read its sources
  local split = math.min(p.script_after or #p.body, #p.body)
  return table.concat {
    "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n",
    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
    "<meta name=\"generator\" content=\"clio report\">\n",
    "<title>", M.esc(p.title), "</title>\n<style>", asset("app.css"), table.concat(fcss, "\n"), "</style>\n</head>\n<body>\n",
    '<a class="skip" href="#explore">Skip to the search</a>',
    "<header class=\"top\"><h1>", M.esc(p.title), "</h1><div class=\"sub\">", p.subtitle, "</div></header>\n",
    "<nav class=\"toc\">", table.concat(nav), "</nav>\n<main>\n",
    p.summary_note or "", p.note and M.cap(M.esc(p.note)) or "",
    table.concat(p.body, "\n", 1, split),
    "\n<script type=\"application/json\" id=\"clio-data\">", M.json(p.data or {}), "</script>\n",
    "<script>", asset("app.js"), "</script>\n",
    table.concat(p.body, "\n", split + 1),
    "\n<footer>Made by clio ", M.esc(p.version or ""), ". Offsets are 0-based byte offsets into the original files, end exclusive.</footer>\n",
    "</main>\n</body>\n</html>\n",
  }
end

--- A section: `<section class="part" id=...><h2>...</h2>` + lead + body.
function M.section(id, title, lead, body)
  return table.concat {
    '<section class="part" id="', id, '"><h2>', M.esc(title), "</h2>",
    lead and ('<p class="lead">' .. lead .. "</p>") or "", body, "</section>",
  }
end

--- A note on what the page left out.
function M.cap(text)
  return '<p class="cap">' .. text .. "</p>"
end

return M
