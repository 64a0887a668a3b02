--- clio.report.html: escaping, the citation registry and the page shell (inline CSS and
--- the self-check script) of the HTML report. No network: nothing here names a URL.
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

--- 12345 -> "12,345".
function M.thousands(n)
  local s = tostring(math.floor(n))
  repeat
    local k
    s, k = s:gsub("^(%-?%d+)(%d%d%d)", "%1,%2")
  until k == 0
  return s
end

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
  local by_path = {}
  for _, d in ipairs(docs) do
    local list = by_path[d.path]
    if not list then list = {}; by_path[d.path] = list end
    list[#list + 1] = d
  end
  return setmetatable({ by_path = by_path, spans = {}, by_id = {}, count = 0 }, Cites)
end

--- The document (overview record) holding [start, end) of a file, or nil.
function Cites:doc_at(path, start)
  for _, d in ipairs(self.by_path[path] or {}) do
    if start >= d.start and start < math.max(d["end"], d.start + 1) then return d end
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

M.CSS = [[
:root{--ink:#1d232b;--muted:#5b6573;--faint:#8a94a3;--line:#dde2e8;--bg:#f6f7f9;--card:#fff;
--accent:#1f4e79;--hl:#fff0a8;--hl-date:#ffe08a;--hl-claim:#ffd0c2;--hl-action:#cfe3ff;--hl-cooc:#e6ecf3;
--agree:#2e7d32;--conflict:#c62828;--single:#6b7480;--consistent:#2e7d32;--contradicts:#c62828}
*{box-sizing:border-box}
html{scroll-behavior:smooth}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--ink);background:var(--bg)}
header.top{background:#18324d;color:#fff;padding:18px 32px 14px}
header.top h1{margin:0;font-size:22px;font-weight:600;letter-spacing:.2px}
header.top .sub{color:#c5d3e2;font-size:13px;margin-top:4px}
nav.toc{position:sticky;top:0;z-index:5;background:#fff;border-bottom:1px solid var(--line);padding:8px 32px;display:flex;gap:22px;font-size:13px}
nav.toc a{color:var(--accent);text-decoration:none;font-weight:500}
nav.toc a:hover{text-decoration:underline}
main{max-width:1400px;margin:0 auto;padding:8px 32px 60px}
section.part{background:var(--card);border:1px solid var(--line);border-radius:6px;padding:18px 22px;margin:18px 0}
section.part>h2{margin:0 0 4px;font-size:18px;color:#15283c}
p.lead{margin:0 0 12px;color:var(--muted)}
p.cap{margin:8px 0 0;padding:6px 10px;background:#fff8e1;border-left:3px solid #e0a800;font-size:12.5px;color:#5d4a00}
h3{font-size:15px;margin:18px 0 8px;color:#15283c}
a{color:var(--accent)}
a.cite{font:12px/1.2 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:#eef3f8;border:1px solid #d3dee9;border-radius:3px;padding:0 4px;text-decoration:none;white-space:nowrap;margin:1px 2px 1px 0;display:inline-block}
a.cite:hover{background:#dbe7f3}
.stats{display:flex;flex-wrap:wrap;gap:10px;margin:8px 0 14px}
.stat{border:1px solid var(--line);border-radius:5px;padding:7px 12px;min-width:96px;background:#fbfcfd}
.stat b{display:block;font-size:20px;font-weight:600;color:#15283c}
.stat span{font-size:12px;color:var(--muted)}
table.grid{border-collapse:collapse;width:100%;font-size:13px}
table.grid th{text-align:left;font-weight:600;color:var(--muted);border-bottom:2px solid var(--line);padding:5px 8px;white-space:nowrap;font-size:12px;text-transform:uppercase;letter-spacing:.3px}
table.grid td{border-bottom:1px solid #eef0f3;padding:5px 8px;vertical-align:top}
table.grid td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
table.grid tr:hover td{background:#fafbfc}
.muted{color:var(--muted)} .small{font-size:12px}
.tl-wrap{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:18px;align-items:start}
.tl-chart{position:sticky;top:44px}
.tl-chart svg{width:100%;height:auto;display:block}
.tl-list{max-height:760px;overflow:auto;border:1px solid var(--line);border-radius:4px}
.tl-list ol{list-style:none;margin:0;padding:0}
.tl-list li{padding:7px 10px;border-bottom:1px solid #eef0f3;display:grid;grid-template-columns:92px 1fr;gap:8px}
.tl-list li:target{background:#fff8d6}
.tl-list .when{font-weight:600;font-size:12.5px;color:#15283c}
.tl-list .gran{display:block;font-weight:400;font-size:11px;color:var(--faint)}
.tl-list .what{font-size:13px}
.tl-list .who{font-size:12px;color:var(--muted)}
.sw{display:inline-block;width:10px;height:10px;border-radius:2px;vertical-align:-1px;margin-right:4px;border:1px solid rgba(0,0,0,.15)}
.legend{display:flex;flex-wrap:wrap;gap:4px 16px;font-size:12px;color:var(--muted);margin:8px 0}
svg text{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif}
svg .axis{font-size:11px;fill:#5b6573}
svg .grid{stroke:#e7eaee;stroke-width:1}
svg .ev-mark{stroke:#fff;stroke-width:.8;cursor:pointer}
svg a:hover .ev-mark{stroke:#000;stroke-width:1.5}
svg .coarse{opacity:.55}
svg .edge{stroke:#8a94a3}
svg a:hover .edge{stroke:#1f4e79}
svg .node{stroke:#fff;stroke-width:1.5}
svg .nlabel{font-size:11.5px;fill:#1d232b;paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round}
.fa-grid{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:22px;align-items:start}
.bars{font-size:12.5px}
.bar-row{display:grid;grid-template-columns:220px 1fr 54px;gap:8px;align-items:center;padding:2px 0}
.bar-row .nm{overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.bar{display:flex;height:14px;border-radius:2px;overflow:hidden;background:#f0f2f5}
.bar i{display:block;height:100%}
.badge{display:inline-block;font-size:11px;font-weight:600;border-radius:10px;padding:1px 8px;color:#fff;text-transform:uppercase;letter-spacing:.3px;white-space:nowrap}
.b-conflict,.b-contradicts{background:var(--conflict)} .b-agree,.b-consistent{background:var(--agree)}
.b-single,.b-not-covered{background:var(--single)}
.claim-group{border:1px solid var(--line);border-radius:5px;margin:10px 0;overflow:hidden}
.claim-group.conflict{border-color:#e5a3a3}
.claim-group>.hd{padding:8px 12px;background:#f8f9fb;display:flex;flex-wrap:wrap;gap:8px 14px;align-items:center;border-bottom:1px solid var(--line)}
.claim-group.conflict>.hd{background:#fdf1f1}
.claim-group .ev{font-weight:600;font-size:14px}
.claim-group .ref{font-size:12px;color:var(--muted)}
.claim-group table.grid td{font-size:12.5px}
.flag{font-size:11px;background:#eef0f3;border-radius:3px;padding:0 5px;margin-right:3px;white-space:nowrap}
.src-doc{margin:14px 0 22px}
.src-doc h3{display:flex;gap:12px;align-items:baseline;border-bottom:1px solid var(--line);padding-bottom:4px}
.src-doc h3 .muted{font-weight:400;font-size:12px}
pre.src{white-space:pre-wrap;word-wrap:break-word;font:15px/1.6 Georgia,"Times New Roman",serif;margin:0;padding:10px 14px;background:#fcfcfa;border:1px solid #eceae3;border-radius:4px;max-height:none}
pre.src .elide{display:block;color:var(--faint);font:italic 12px system-ui,sans-serif;margin:6px 0}
mark.hl{background:var(--hl);color:inherit;border-radius:2px;scroll-margin-top:80px}
mark.k-date{background:var(--hl-date)} mark.k-claim{background:var(--hl-claim)}
mark.k-action{background:var(--hl-action)} mark.k-cooc{background:var(--hl-cooc)}
mark.hl mark.hl{box-shadow:inset 0 -2px 0 rgba(0,0,0,.25)}
mark.hl:target,mark.hl.on{outline:2px solid #d35400;outline-offset:1px;animation:flash 1.6s ease-out 1}
@keyframes flash{0%{background:#ffb74d}100%{}}
.gap{color:#a0a7b1;text-decoration:line-through;text-decoration-color:#c9ced6}
.gap.markup{text-decoration:none;color:#b3b9c2;font-size:.85em}
footer{color:var(--faint);font-size:12px;text-align:center;margin:20px 0}
@media (max-width:1000px){.tl-wrap,.fa-grid{grid-template-columns:1fr}.bar-row{grid-template-columns:150px 1fr 44px}}
@media print{
  body{background:#fff;font-size:11pt}
  nav.toc{display:none}
  header.top{background:#fff;color:#000;border-bottom:2px solid #000;padding:0 0 8px}
  header.top .sub{color:#333}
  main{padding:0;max-width:none}
  section.part{border:none;padding:0;margin:0 0 16pt;break-inside:auto}
  .tl-wrap,.fa-grid{grid-template-columns:1fr}
  .tl-list{max-height:none;overflow:visible;border:none}
  .tl-list li,.claim-group,table.grid tr,.bar-row{break-inside:avoid}
  a.cite{border:none;background:none;padding:0;color:#000}
  a{color:#000;text-decoration:none}
  mark.hl:target{outline:none;animation:none}
  pre.src{border:none;background:none;padding:0;font-size:10.5pt}
  *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
  #source{break-before:page}
}
]]

-- The self-check runs only when the page is opened as report.html#selftest: it checks
-- that every in-page link has its target, that citations land on highlighted spans and
-- that the chart holds one mark per listed event, and writes its verdict into the title
-- (headless browsers can dump the DOM). Without #selftest it does nothing.
M.JS = [[
(function(){
  "use strict";
  function mark(id){
    var el=document.getElementById(id);
    if(!el)return;
    el.classList.add("on");
    setTimeout(function(){el.classList.remove("on");},1800);
  }
  document.addEventListener("click",function(e){
    var a=e.target.closest?e.target.closest("a[href^='#d']"):null;
    if(a)mark(a.getAttribute("href").slice(1));
  });
  if(location.hash!=="#selftest")return;
  var errors=[],links=document.querySelectorAll("a[href^='#']"),ids={},i;
  var all=document.querySelectorAll("[id]");
  for(i=0;i<all.length;i++){if(ids[all[i].id])errors.push("duplicate id "+all[i].id);ids[all[i].id]=1;}
  for(i=0;i<links.length;i++){
    var id=links[i].getAttribute("href").slice(1);
    if(id==="selftest")continue;
    var t=document.getElementById(id);
    if(!t){errors.push("no target "+id);continue;}
    if(links[i].classList.contains("cite")&&!(t.tagName==="MARK"&&t.classList.contains("hl")))
      errors.push("citation "+id+" lands on "+t.tagName);
    if(links[i].classList.contains("cite")&&!t.textContent.length)errors.push("empty span "+id);
  }
  var chart=document.getElementById("timeline-chart"),marks=0,want=0,listed=0;
  if(chart){
    marks=chart.querySelectorAll(".ev-mark").length;
    want=+chart.getAttribute("data-events");
    listed=document.querySelectorAll("#timeline-list li").length;
    if(marks!==want)errors.push("chart has "+marks+" marks for "+want+" events");
    if(listed!==want)errors.push("list has "+listed+" rows for "+want+" events");
  }
  document.title=errors.length?"selftest: FAIL "+errors.length+": "+errors.slice(0,5).join("; ")
    :"selftest: ok "+links.length+" links, "+marks+" marks";
})();
]]

--- The whole page around the section bodies.
---@param p {title: string, subtitle: string, nav: {[1]: string, [2]: string}[], body: string[]}
function M.page(p)
  local nav = {}
  for _, n in ipairs(p.nav) do nav[#nav + 1] = string.format('<a href="#%s">%s</a>', n[1], M.esc(n[2])) end
  return table.concat {
    "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n",
    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
    "<meta name=\"generator\" content=\"clio report\">\n",
    "<title>", M.esc(p.title), "</title>\n<style>", M.CSS, "</style>\n</head>\n<body>\n",
    "<header class=\"top\"><h1>", M.esc(p.title), "</h1><div class=\"sub\">", p.subtitle, "</div></header>\n",
    "<nav class=\"toc\">", table.concat(nav), "</nav>\n<main>\n",
    table.concat(p.body, "\n"),
    "\n<footer>Made by clio ", M.esc(p.version or ""), ". Offsets are 0-based byte offsets into the original files, end exclusive.</footer>\n",
    "</main>\n<script>", M.JS, "</script>\n</body>\n</html>\n",
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
