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

--- A registry over a corpus's documents. Analyses cite by file path and file offsets;
--- several documents can share a file (CSV rows, JSONL lines, --split), so the offset
--- picks the document.
function M.citations(docs)
  local by_path, by_id = {}, {}
  for _, d in ipairs(docs) do
    -- records cite a document by its id; a file's offsets find it too
    local list = by_path[d.path]
    if not list then list = {}; by_path[d.path] = list end
    list[#list + 1] = d
    if d.id ~= d.path and not by_id[d.id] then by_id[d.id] = d end
  end
  for _, list in pairs(by_path) do
    table.sort(list, function(a, b)
      if a.start ~= b.start then return a.start < b.start end
      return a.index < b.index
    end)
  end
  return setmetatable({ by_path = by_path, doc_of_id = by_id, spans = {}, by_id = {}, count = 0 }, Cites)
end

--- The document (overview record) holding [start, end) of a file, or nil. A file's
--- documents are in file order (--split cuts one file into thousands): binary search.
function Cites:doc_at(path, start)
  local list = self.by_path[path]
  if not list then
    local d = self.doc_of_id[path]
    if d and start >= d.start and start < math.max(d["end"], d.start + 1) then return d end
    return nil
  end
  local lo, hi = 1, #list
  while lo <= hi do
    local mid = (lo + hi) // 2
    local d = list[mid]
    if start < d.start then hi = mid - 1
    elseif start >= math.max(d["end"], d.start + 1) then lo = mid + 1
    else return d end
  end
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
