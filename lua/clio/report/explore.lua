--- clio.report.explore: the search-and-explore section. Its controls are plain HTML; the
--- page's script (assets/app.js) fills them from the embedded token index: the search
--- box with keyword-in-context lines and hits per document, top terms, trends,
--- distinctive terms (keyness, computed here at build time) and collocates.
local html = require "clio.report.html"

local M = {}

local function doc_options(docs, all_label, rows)
  local out = {}
  if all_label then out[1] = '<option value="-1">' .. html.esc(all_label) .. "</option>" end
  for k, d in ipairs(docs) do
    if rows and k > rows then break end
    out[#out + 1] = string.format('<option value="%d">%s</option>', k - 1, html.esc(html.trim(d.name, 60)))
  end
  return table.concat(out)
end

--- The section. ctx: docs, data (index, keyness).
function M.render(ctx)
  local docs = ctx.docs
  local scope = ctx.summary.page_documents and string.format("Search the %s tokens of the %s documents this summary "
    .. "page holds (of %s; the note at the top says which and how to search them all)", html.thousands(ctx.data.index.ntokens),
    html.thousands(#docs), html.thousands(ctx.summary.documents))
  local lead = string.format((scope or "Search the %s tokens of the %s documents") .. ": a word (<code>soviet</code>), a phrase in "
    .. "quotes (<code>\"central committee\"</code>), a prefix (<code>collectiv*</code>); several, separated by spaces, "
    .. "are alternatives. Each line opens the source at that place. The panels count terms without the stop words of "
    .. "the corpus language; click a term to search for it.", html.thousands(ctx.data.index.ntokens), html.thousands(#docs))
  local body = table.concat {
    '<div class="controls search-bar" role="search"><label class="ctl" for="search-box">Search</label>',
    '<input id="search-box" type="search" autocomplete="off" spellcheck="false" ',
    'placeholder="word, &quot;a phrase&quot;, prefix*" aria-describedby="search-count">',
    '<span id="search-count" class="muted small" aria-live="polite"></span></div>',
    '<div id="dist"></div><ol id="kwic" aria-label="keyword in context"></ol><div id="reader" hidden tabindex="-1"></div>',
    '<div class="panels">',
    '<div class="panel" id="p-top"><h3>Top terms</h3><label class="ctl">in <select id="top-doc">',
    doc_options(docs, ctx.summary.page_documents and "the documents of this page" or "the whole corpus", ctx.rows), '</select></label><ol id="top-list"></ol></div>',
    '<div class="panel" id="p-trends"><h3>Trends</h3><div class="controls"><input id="trend-terms" size="24" ',
    'aria-label="terms to follow, separated by spaces"><select id="trend-x" aria-label="across">',
    '<option value="doc">across documents</option>', ctx.data.has_years and '<option value="year">across years</option>' or "",
    '</select><button type="button" id="trend-go">Draw</button></div><div id="trend-chart"></div></div>',
    '<div class="panel" id="p-key"><h3>Distinctive terms</h3><label class="ctl">of <select id="key-doc">',
    doc_options(docs, nil, ctx.rows), '</select></label><p class="small muted">Terms more frequent in the document than in the rest of ',
    'the corpus (log-likelihood G², as <code>clio keyness</code>).</p><ol id="key-list"></ol></div>',
    '<div class="panel" id="p-coll"><h3>Collocates</h3><div class="controls"><input id="coll-term" size="18" ',
    'aria-label="the term whose collocates to list"><button type="button" id="coll-go">List</button></div>',
    '<p class="small muted">Words within 5 tokens either side, by log-likelihood against the whole corpus.</p>',
    '<ol id="coll-list"></ol></div>',
    "</div>",
  }
  return html.section("explore", "Search and explore", lead, body)
end

return M
