/* clio report: the page's interactive parts, from the JSON data embedded in the page
   (the script element "clio-data", written by lua/clio/report/*.lua).
   Search with keyword-in-context lines, the zoomable timeline, the term panels and the
   actor filter. No network: everything it needs is in the page. */
(function () {
  "use strict";
  var D = JSON.parse(document.getElementById("clio-data").textContent);
  var SVGNS = "http://www.w3.org/2000/svg";
  var $ = function (id) { return document.getElementById(id); };
  var T0 = performance.now();
  // timings for the interaction test: ms since navigation started, and the last search
  window.clioReport = { ready: false, readyAt: null, firstKwicAt: null, searchMs: null };

  function el(tag, attrs, text) {
    var e = tag.indexOf("svg:") === 0 ? document.createElementNS(SVGNS, tag.slice(4)) : document.createElement(tag);
    if (attrs) for (var k in attrs) if (attrs[k] !== null && attrs[k] !== undefined) e.setAttribute(k, attrs[k]);
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }
  function clear(e) { while (e.firstChild) e.removeChild(e.firstChild); }
  function fmt(n) { return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ","); }

  /* ---------------------------------------------------------------- the token index */
  // Codes as lua/clio/report/searchindex.lua writes them: carry characters (higher
  // digits) then one terminal character.
  var ALPHA = D.index.alphabet, TERM = D.index.terminal, CARRY = ALPHA.length - TERM;
  var VAL = new Int16Array(128).fill(-1);
  for (var i = 0; i < ALPHA.length; i++) VAL[ALPHA.charCodeAt(i)] = i;
  function decode(s) {
    var out = new Int32Array(s.length), n = 0, acc = 0;
    for (var i = 0; i < s.length; i++) {
      var c = VAL[s.charCodeAt(i)];
      if (c >= TERM) acc = acc * CARRY + (c - TERM);
      else { out[n++] = acc * TERM + c; acc = 0; }
    }
    return out.subarray(0, n);
  }
  var terms = typeof D.index.terms === "string" ? D.index.terms.split(" ") : D.index.terms, docs = D.docs;
  // The streams are decoded a few documents at a time once the page is up (idleDecode),
  // and whatever is left at the first search: loading the page decodes nothing.
  var lower = null, streams = new Array(docs.length), decoded = 0, isWord = null, stop = null, totals = null;
  function decodeSome(ms) {
    var t = performance.now();
    while (decoded < docs.length && performance.now() - t < ms) {
      streams[decoded] = decode(D.index.streams[decoded]);
      D.index.streams[decoded] = null; // the codes are not needed again
      decoded++;
    }
    return decoded === docs.length;
  }
  function loadIndex() {
    if (totals) return;
    decodeSome(Infinity);
    lower = terms.map(function (t) { return t.toLowerCase(); });
    isWord = new Uint8Array(terms.length);
    var letter = /^\p{L}/u;
    for (var i = 0; i < terms.length; i++) isWord[i] = letter.test(terms[i]) ? 1 : 0;
    stop = new Uint8Array(terms.length);
    var sw = {};
    D.stopwords.forEach(function (w) { sw[w] = 1; });
    for (i = 0; i < terms.length; i++) if (sw[lower[i]] || !isWord[i]) stop[i] = 1;
    totals = streams.map(function (s) { return s.length; });
  }
  function idleDecode() {
    if (totals) return;
    if (decodeSome(8)) loadIndex(); else setTimeout(idleDecode, 0);
  }

  // The source's own spacing (lua/clio/report/searchindex.lua M.spacing): a token has a
  // space before it unless its term attaches to the previous token or follows an opener;
  // the positions where the source says otherwise are listed per document.
  function flags(codes) {
    var f = new Uint8Array(terms.length), v = decode(codes || ""), at = 0;
    for (var i = 0; i < v.length; i++) { at += v[i]; f[at] = 1; }
    return f;
  }
  var attach = null, opens = null, spaceCache = {};
  function exceptions(d) {
    if (spaceCache[d]) return spaceCache[d];
    var v = decode((D.index.spaces || [])[d] || ""), at = 0;
    for (var i = 0; i < v.length; i++) { at += v[i]; v[i] = at; }
    return (spaceCache[d] = v);
  }
  // whether the source has whitespace before token i of document d
  function spaceBefore(d, i) {
    var s = streams[d];
    if (i <= 0 || i >= s.length) return false;
    if (!attach) { attach = flags(D.index.attach); opens = flags(D.index.opens); }
    var guess = !attach[s[i]] && !opens[s[i - 1]], ex = exceptions(d), lo = 0, hi = ex.length - 1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (ex[mid] === i) return !guess;
      if (ex[mid] < i) lo = mid + 1; else hi = mid - 1;
    }
    return guess;
  }
  // Tokens [a, b) of document d as the source wrote them (whitespace runs as one space).
  function joinRange(d, a, b) {
    var s = streams[d], out = "";
    a = Math.max(0, a); b = Math.min(s.length, b);
    for (var i = a; i < b; i++) {
      if (i > a && spaceBefore(d, i)) out += " ";
      out += terms[s[i]];
    }
    return out;
  }

  /* ---------------------------------------------------------------- queries */
  // The simple forms of clio's query language: words, "quoted phrases", prefix*; items
  // separated by spaces (or commas) are alternatives.
  function parseQuery(q) {
    var items = [], re = /"([^"]*)"?|([^\s,"]+)/g, m;
    while ((m = re.exec(q))) {
      var words = (m[1] !== undefined ? m[1] : m[2]).toLowerCase().split(/\s+/).filter(Boolean);
      if (words.length) items.push(words);
    }
    return items;
  }
  function idSet(word) {
    var set = new Uint8Array(terms.length), any = false, pre = word.charAt(word.length - 1) === "*";
    var w = pre ? word.slice(0, -1) : word;
    if (pre && !w) return null;
    for (var i = 0; i < lower.length; i++) {
      if (pre ? lower[i].lastIndexOf(w, 0) === 0 : lower[i] === w) { set[i] = 1; any = true; }
    }
    return any ? set : null;
  }
  // Every hit: {doc, at, len} in corpus order.
  function search(q) {
    loadIndex();
    var hits = [], items = parseQuery(q);
    items.forEach(function (words) {
      var sets = words.map(idSet);
      if (sets.some(function (s) { return !s; })) return;
      var n = sets.length;
      streams.forEach(function (s, d) {
        var first = sets[0];
        for (var i = 0, end = s.length - n + 1; i < end; i++) {
          if (!first[s[i]]) continue;
          var ok = true;
          for (var k = 1; k < n; k++) if (!sets[k][s[i + k]]) { ok = false; break; }
          if (ok) hits.push({ doc: d, at: i, len: n });
        }
      });
    });
    hits.sort(function (a, b) { return a.doc - b.doc || a.at - b.at; });
    return hits;
  }

  /* ---------------------------------------------------------------- KWIC and distribution */
  var KWIC_MAX = 400, CONTEXT = 9;
  var lastHits = [], docFilter = -1;
  // a KWIC line's three parts, with the spaces the source has between them
  function kwicParts(h) {
    var end = h.at + h.len;
    return [joinRange(h.doc, h.at - CONTEXT, h.at) + (spaceBefore(h.doc, h.at) ? " " : ""), joinRange(h.doc, h.at, end),
      (spaceBefore(h.doc, end) ? " " : "") + joinRange(h.doc, end, end + CONTEXT)];
  }
  function renderKwic() {
    var list = $("kwic"), hits = docFilter < 0 ? lastHits : lastHits.filter(function (h) { return h.doc === docFilter; });
    clear(list);
    var frag = document.createDocumentFragment();
    hits.slice(0, KWIC_MAX).forEach(function (h, n) {
      var li = el("li", { tabindex: n ? "-1" : "0", role: "button", "data-doc": h.doc, "data-at": h.at,
        "aria-label": "open in the source: " + docs[h.doc].name });
      var parts = kwicParts(h), l = el("span", { class: "l" });
      l.appendChild(el("span", null, parts[0]));
      li.appendChild(l);
      li.appendChild(el("span", { class: "k" }, parts[1]));
      li.appendChild(el("span", { class: "r" }, parts[2]));
      li.appendChild(el("span", { class: "d", title: docs[h.doc].name }, docs[h.doc].short));
      li._hit = h;
      frag.appendChild(li);
    });
    list.appendChild(frag);
    var shown = Math.min(hits.length, KWIC_MAX);
    $("search-count").textContent = lastHits.length ? fmt(lastHits.length) + " hit" + (lastHits.length === 1 ? "" : "s") +
      " in " + fmt(countDocs(lastHits)) + " document" + (countDocs(lastHits) === 1 ? "" : "s") +
      (docFilter >= 0 ? " · showing " + docs[docFilter].short + " only" : "") +
      (shown < hits.length ? " · first " + fmt(shown) + " lines" : "") : ($("search-box").value.trim() ? "no hits" : "");
  }
  function countDocs(hits) { var s = {}, n = 0; hits.forEach(function (h) { if (!s[h.doc]) { s[h.doc] = 1; n++; } }); return n; }
  function renderDist() {
    var box = $("dist");
    clear(box);
    if (!lastHits.length) return;
    var per = new Float64Array(docs.length), raw = new Int32Array(docs.length), max = 0;
    lastHits.forEach(function (h) { raw[h.doc]++; });
    for (var d = 0; d < docs.length; d++) { per[d] = totals[d] ? raw[d] * 10000 / totals[d] : 0; max = Math.max(max, per[d]); }
    var W = 1000, H = 64, bw = W / docs.length;
    var svg = el("svg:svg", { viewBox: "0 0 " + W + " " + H, preserveAspectRatio: "none", role: "img",
      "aria-label": "hits per 10,000 tokens in each document" });
    for (d = 0; d < docs.length; d++) {
      if (!raw[d]) continue;
      var h = Math.max(2, (H - 4) * per[d] / max);
      var r = el("svg:rect", { class: "dbar" + (d === docFilter ? " sel" : ""), x: (d * bw + bw * 0.1).toFixed(2), y: (H - h).toFixed(1),
        width: Math.max(0.8, bw * 0.8).toFixed(2), height: h.toFixed(1), "data-doc": d });
      r.appendChild(el("svg:title", null, docs[d].name + ": " + raw[d] + " hits, " + per[d].toFixed(1) + " per 10,000 tokens"));
      svg.appendChild(r);
    }
    svg.addEventListener("click", function (e) {
      var d = e.target.getAttribute && e.target.getAttribute("data-doc");
      docFilter = d === null || +d === docFilter ? -1 : +d;
      renderDist(); renderKwic();
    });
    box.appendChild(svg);
    box.appendChild(el("div", { class: "small muted" }, "Hits per 10,000 tokens, one bar per document in corpus order; click a bar to list that document's lines only."));
  }
  var searchTimer = null;
  function runSearch() {
    var t = performance.now(), q = $("search-box").value.trim();
    docFilter = -1;
    lastHits = q ? search(q) : [];
    renderDist(); renderKwic();
    window.clioReport.searchMs = performance.now() - t;
    if (lastHits.length && window.clioReport.firstKwicAt === null) window.clioReport.firstKwicAt = performance.now();
    try { history.replaceState(null, "", q ? "#q=" + encodeURIComponent(q) : location.pathname + location.search); } catch (e) { /* file:// may refuse */ }
  }
  function setQuery(q) { $("search-box").value = q; runSearch(); $("explore").scrollIntoView(); }

  /* ---------------------------------------------------------------- opening a hit in the source */
  function utf8len(s) {
    var n = 0;
    for (var i = 0; i < s.length; i++) {
      var c = s.charCodeAt(i);
      if (c < 0x80) n += 1; else if (c < 0x800) n += 2; else if (c >= 0xd800 && c < 0xdc00) { n += 4; i++; } else n += 3;
    }
    return n;
  }
  var offsCache = {};
  // Byte offsets of each token of a document shown whole (from the gaps kept for it).
  function offsets(d) {
    if (offsCache[d]) return offsCache[d];
    var g = D.index.gaps[d];
    if (!g) return null;
    var gaps = decode(g), s = streams[d], starts = new Float64Array(s.length + 1), pos = docs[d].start;
    for (var i = 0; i < s.length; i++) { pos += gaps[i]; starts[i] = pos; pos += utf8len(terms[s[i]]); }
    starts[s.length] = pos;
    return (offsCache[d] = starts);
  }
  // The DOM position of a byte offset inside a container whose text starts at byte base.
  function domAt(container, base, target) {
    var walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT, {
      acceptNode: function (n) { return n.parentNode.closest(".elide") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT; } });
    var pos = base, node;
    while ((node = walker.nextNode())) {
      var len = utf8len(node.data);
      if (pos + len > target) {
        var k = 0, p = pos;
        while (k < node.data.length && p < target) { var c = node.data.charCodeAt(k); p += c < 0x80 ? 1 : c < 0x800 ? 2 : (c >= 0xd800 && c < 0xdc00) ? 4 : 3; k += (c >= 0xd800 && c < 0xdc00) ? 2 : 1; }
        return { node: node, offset: k };
      }
      pos += len;
    }
    return null;
  }
  function clearKw() {
    Array.prototype.forEach.call(document.querySelectorAll("mark.kw"), function (m) {
      var p = m.parentNode;
      while (m.firstChild) p.insertBefore(m.firstChild, m);
      p.removeChild(m);
      p.normalize();
    });
  }
  // Highlights bytes [a, b) of document d in the source view; false when not shown there.
  function highlightBytes(d, a, b) {
    var box = document.querySelector('.src-doc[data-k="' + d + '"]');
    if (!box) return false;
    var wins = box.querySelectorAll("pre.src[data-a], .win[data-a]"), win = null; // not the mentions (their data-a is an actor)
    for (var i = 0; i < wins.length; i++) {
      var wa = +wins[i].getAttribute("data-a"), wb = +wins[i].getAttribute("data-b");
      if (a >= wa && b <= wb) { win = wins[i]; break; }
    }
    if (!win) return false;
    clearKw();
    var s = domAt(win, +win.getAttribute("data-a"), a);
    if (!s) return false;
    var e = domAt(win, +win.getAttribute("data-a"), b - 1);
    var r = document.createRange();
    r.setStart(s.node, s.offset);
    if (e && e.node === s.node) r.setEnd(e.node, e.offset + 1); else r.setEnd(s.node, s.node.data.length);
    var m = el("mark", { class: "kw", id: "kw-on", tabindex: "-1" });
    try { r.surroundContents(m); } catch (err) { return false; }
    box.classList.remove("filtered-out");
    m.focus({ preventScroll: true });
    settle(m, "center");
    return true;
  }
  function openHit(h) {
    var starts = offsets(h.doc);
    if (starts && highlightBytes(h.doc, starts[h.at], starts[h.at + h.len - 1] + utf8len(terms[streams[h.doc][h.at + h.len - 1]]))) {
      $("reader").hidden = true;
      return;
    }
    // not shown whole: the passage rebuilt from the index
    var r = $("reader");
    clear(r);
    r.hidden = false;
    r.appendChild(el("div", { class: "small muted" }, docs[h.doc].name + ", token " + fmt(h.at + 1) + " of " + fmt(totals[h.doc]) +
      " (rebuilt from the page's index: the source view does not hold this passage; line breaks shown as spaces)"));
    var p = el("p"), end = h.at + h.len;
    p.appendChild(document.createTextNode(joinRange(h.doc, h.at - 120, h.at) + (spaceBefore(h.doc, h.at) ? " " : "")));
    p.appendChild(el("mark", { class: "kw", id: "kw-on", tabindex: "-1" }, joinRange(h.doc, h.at, end)));
    p.appendChild(document.createTextNode((spaceBefore(h.doc, end) ? " " : "") + joinRange(h.doc, end, end + 120)));
    r.appendChild(p);
    r.scrollIntoView({ block: "center" });
    $("kw-on").focus({ preventScroll: true });
  }

  /* ---------------------------------------------------------------- term panels */
  var corpusCounts = null;
  function counts(d) {
    loadIndex();
    if (d < 0 && corpusCounts) return corpusCounts;
    var c = new Int32Array(terms.length), list = d < 0 ? streams : [streams[d]];
    list.forEach(function (s) { for (var i = 0; i < s.length; i++) c[s[i]]++; });
    if (d < 0) corpusCounts = c;
    return c;
  }
  // folded counts: "The" and "the" are one term
  function foldedTop(c, n) {
    var by = {}, order = [];
    for (var i = 0; i < c.length; i++) {
      if (!c[i] || stop[i]) continue;
      var k = lower[i];
      if (by[k] === undefined) { by[k] = 0; order.push(k); }
      by[k] += c[i];
    }
    order.sort(function (a, b) { return by[b] - by[a] || (a < b ? -1 : 1); });
    return order.slice(0, n).map(function (k) { return [k, by[k]]; });
  }
  function termButton(term, n, extra) {
    var li = el("li"), b = el("button", { type: "button", "data-term": term, title: "search for " + term }, term);
    b.addEventListener("click", function () { setQuery(term); });
    li.appendChild(b);
    li.appendChild(el("span", { class: "n" }, extra || fmt(n)));
    return li;
  }
  function renderTop() {
    var d = +$("top-doc").value, ol = $("top-list");
    clear(ol);
    foldedTop(counts(d), 30).forEach(function (t) { ol.appendChild(termButton(t[0], t[1])); });
  }
  function renderKey() {
    var d = +$("key-doc").value, ol = $("key-list");
    clear(ol);
    var list = D.keyness[d] || [];
    if (!list.length) ol.appendChild(el("li", { class: "muted" }, "none (needs two documents or more)"));
    list.forEach(function (t) { ol.appendChild(termButton(t[0], t[3], "G² " + t[1])); });
  }
  var TREND_COLOURS = D.palette;
  function renderTrends() {
    loadIndex();
    var box = $("trend-chart"), words = parseQuery($("trend-terms").value).slice(0, 6), byYear = $("trend-x").value === "year";
    clear(box);
    if (!words.length) return;
    // x: documents in corpus order, or years (documents with a year, summed)
    var xs = [], xOf = [];
    if (byYear) {
      var ys = {};
      docs.forEach(function (d) { if (d.year !== null) ys[d.year] = 1; });
      xs = Object.keys(ys).map(Number).sort(function (a, b) { return a - b; });
      docs.forEach(function (d, k) { xOf[k] = d.year === null ? -1 : xs.indexOf(d.year); });
    } else {
      docs.forEach(function (d, k) { xs.push(k); xOf[k] = k; });
    }
    if (xs.length < 1) { box.appendChild(el("p", { class: "muted small" }, "No document has a year.")); return; }
    var tot = new Float64Array(xs.length);
    docs.forEach(function (d, k) { if (xOf[k] >= 0) tot[xOf[k]] += totals[k]; });
    var W = 600, H = 200, L = 36, B = 22, series = [], max = 0;
    words.forEach(function (w) {
      var q = w.length > 1 ? '"' + w.join(" ") + '"' : w[0];
      var v = new Float64Array(xs.length);
      search(q).forEach(function (h) { if (xOf[h.doc] >= 0) v[xOf[h.doc]]++; });
      for (var i = 0; i < v.length; i++) { v[i] = tot[i] ? v[i] * 10000 / tot[i] : 0; max = Math.max(max, v[i]); }
      series.push({ q: q, v: v });
    });
    max = max || 1;
    var svg = el("svg:svg", { viewBox: "0 0 " + W + " " + H, role: "img", "aria-label": "relative frequency per 10,000 tokens" });
    var x = function (i) { return L + (xs.length === 1 ? (W - L - 8) / 2 : i * (W - L - 8) / (xs.length - 1)); };
    var y = function (v) { return H - B - v / max * (H - B - 8); };
    svg.appendChild(el("svg:line", { class: "grid", x1: L, x2: W - 8, y1: H - B, y2: H - B }));
    svg.appendChild(el("svg:text", { class: "axis", x: 2, y: 12 }, max.toFixed(1)));
    svg.appendChild(el("svg:text", { class: "axis", x: 2, y: H - B }, "0"));
    svg.appendChild(el("svg:text", { class: "axis", x: L, y: H - 6 }, byYear ? xs[0] : docs[0].short));
    svg.appendChild(el("svg:text", { class: "axis", x: W - 8, y: H - 6, "text-anchor": "end" }, byYear ? xs[xs.length - 1] : docs[docs.length - 1].short));
    series.forEach(function (s, k) {
      var dpath = "";
      for (var i = 0; i < s.v.length; i++) dpath += (i ? "L" : "M") + x(i).toFixed(1) + " " + y(s.v[i]).toFixed(1);
      var p = el("svg:path", { d: dpath, stroke: TREND_COLOURS[k % TREND_COLOURS.length] });
      p.appendChild(el("svg:title", null, s.q));
      svg.appendChild(p);
    });
    box.appendChild(svg);
    var leg = el("div", { class: "legend" });
    series.forEach(function (s, k) {
      var sp = el("span");
      sp.appendChild(el("i", { class: "sw", style: "background:" + TREND_COLOURS[k % TREND_COLOURS.length] }));
      sp.appendChild(document.createTextNode(s.q));
      leg.appendChild(sp);
    });
    box.appendChild(leg);
    box.appendChild(el("div", { class: "small muted" }, "Per 10,000 tokens, by " + (byYear ? "year (documents of a year together)" : "document in corpus order") + "."));
  }
  // Collocates of a term in a window of 5 tokens either side, ranked by log-likelihood
  // (Dunning), folded, stop words left out.
  function renderColl() {
    loadIndex();
    var ol = $("coll-list"), q = $("coll-term").value.trim();
    clear(ol);
    if (!q) return;
    var hits = search(q), W = 5, co = new Int32Array(terms.length), win = 0, N = 0;
    totals.forEach(function (t) { N += t; });
    hits.forEach(function (h) {
      var s = streams[h.doc];
      for (var i = Math.max(0, h.at - W); i < Math.min(s.length, h.at + h.len + W); i++) {
        if (i >= h.at && i < h.at + h.len) continue;
        co[s[i]]++; win++;
      }
    });
    if (!hits.length) { ol.appendChild(el("li", { class: "muted" }, "no hits")); return; }
    var f = counts(-1), by = {}, fb = {}, keys = [];
    for (var i = 0; i < co.length; i++) {
      if (!co[i] || stop[i]) continue;
      var k = lower[i];
      if (by[k] === undefined) { by[k] = 0; fb[k] = 0; keys.push(k); }
      by[k] += co[i];
    }
    for (i = 0; i < f.length; i++) if (fb[lower[i]] !== undefined) fb[lower[i]] += f[i];
    function ll(a, fc) { // observed a in the windows (win tokens) against fc in the corpus (N)
      var b = Math.max(0, fc - a), n2 = Math.max(1, N - win), e1 = win * (a + b) / (win + n2), e2 = n2 * (a + b) / (win + n2);
      return 2 * (a * Math.log(a / e1) + (b > 0 ? b * Math.log(b / e2) : 0));
    }
    var scored = keys.filter(function (k) { return by[k] >= 2 && by[k] / win > fb[k] / N; })
      .map(function (k) { return [k, by[k], ll(by[k], fb[k])]; });
    scored.sort(function (a, b) { return b[2] - a[2]; });
    scored.slice(0, 20).forEach(function (t) { ol.appendChild(termButton(t[0], t[1], t[1] + " · G² " + t[2].toFixed(1))); });
    if (!scored.length) ol.appendChild(el("li", { class: "muted" }, "no collocate seen twice"));
  }

  /* ---------------------------------------------------------------- the timeline */
  var E = D.timeline.events, F = D.factions, DAY = 365.2425;
  function yearOf(day) { return 1970 + day / DAY; }
  // a date's year (astronomical year 0 is 1 BC); tick marks at round numbers say "500 BC"
  function yearLabel(y) { y = Math.floor(y); return y <= 0 ? (1 - y) + " BC" : String(y); }
  function tickLabel(y) { return y < 0 ? (-y) + " BC" : String(y); }
  var tl = { lanes: D.timeline.defaultLanes, view: null, core: null, outliers: [] };
  // The axis holds the bulk of the dates: an event far from the rest (a gap wider than
  // the span of everything else, or beyond the 2nd/98th percentile by more than half
  // the core span) is called out beside the chart instead of stretching it.
  function coreRange() {
    var fine = E.filter(function (e) { return e[1] - e[0] <= 3660; });
    var use = fine.length ? fine : E;
    var mids = use.map(function (e) { return (e[0] + e[1]) / 2; }).sort(function (a, b) { return a - b; });
    if (!mids.length) return null;
    var lo = 0, hi = mids.length - 1;
    if (mids.length >= 50) { lo = Math.floor(mids.length * 0.02); hi = Math.ceil(mids.length * 0.98) - 1; }
    var span = function () { return Math.max(mids[hi] - mids[lo], 366); };
    var changed = true;
    while (changed && hi - lo >= 2) {
      changed = false;
      if (mids[lo + 1] - mids[lo] > span() - (mids[lo + 1] - mids[lo])) { lo++; changed = true; }
      if (mids[hi] - mids[hi - 1] > span() - (mids[hi] - mids[hi - 1])) { hi--; changed = true; }
    }
    var a = mids[lo], b = mids[hi], pad = Math.max((b - a) * 0.5, 366);
    // keep everything within half a span of the bulk
    var first = a, last = b;
    mids.forEach(function (m) { if (m >= a - pad && m < first) first = m; if (m <= b + pad && m > last) last = m; });
    var margin = Math.max((last - first) * 0.03, 183);
    return [first - margin, last + margin];
  }
  function laneKey(e) {
    if (tl.lanes === "document") return { k: "d" + e[4], name: docs[e[4]].short, order: e[4] };
    if (tl.lanes === "faction") {
      var f = e[7][0];
      return f === undefined ? { k: "none", name: "no faction", order: 1e9 } : { k: "f" + f, name: F[f].label, order: f };
    }
    if (tl.lanes === "actor") {
      var a = e[8][0];
      return a === undefined ? { k: "none", name: "no actor named", order: 1e9 } : { k: "a" + a, name: D.actors[a].name, order: D.actors[a].rank };
    }
    return { k: "all", name: "", order: 0 };
  }
  function colourOf(e) { return e[7].length ? F[e[7][0]].colour : D.none; }
  var tip = null;
  function showTip(e, x, y) {
    if (!tip) { tip = el("div", { class: "tip", role: "tooltip" }); document.body.appendChild(tip); }
    clear(tip);
    tip.appendChild(el("b", null, e[2] + " (" + e[3] + ")"));
    tip.appendChild(el("div", null, e[6]));
    var more = docs[e[4]].short + (e[9] > 1 ? " + " + (e[9] - 1) + " more source" + (e[9] > 2 ? "s" : "") : "");
    if (e[8].length) more += " · " + e[8].map(function (a) { return D.actors[a].name; }).join(", ");
    tip.appendChild(el("div", { class: "muted" }, more));
    tip.style.display = "block";
    var w = tip.offsetWidth, h = tip.offsetHeight;
    tip.style.left = Math.min(window.innerWidth - w - 8, x + 12) + "px";
    tip.style.top = (y + h + 16 > window.innerHeight ? y - h - 10 : y + 14) + "px";
  }
  function hideTip() { if (tip) tip.style.display = "none"; }
  function ticks(a, b) {
    var span = (b - a) / DAY, steps = [1 / 12, 0.25, 0.5, 1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000], step = 5000;
    for (var i = 0; i < steps.length; i++) if (span / steps[i] <= 9) { step = steps[i]; break; }
    var out = [], y0 = yearOf(a), y = Math.ceil(y0 / step) * step;
    for (; y <= yearOf(b); y += step) {
      var label = step < 1 ? (Math.abs(y - Math.round(y)) < 1e-6 ? tickLabel(Math.round(y)) : ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][Math.round((y - Math.floor(y)) * 12) % 12]) : tickLabel(Math.round(y));
      out.push({ day: (y - 1970) * DAY, label: label });
    }
    return out;
  }
  function renderOverview() {
    var svg = $("tl-overview"), W = svg.clientWidth || 1000, H = 74, c = tl.core;
    svg.setAttribute("viewBox", "0 0 " + W + " " + H);
    clear(svg);
    var x = function (d) { return (d - c[0]) / (c[1] - c[0]) * W; };
    // density of every dated mention: a histogram of the years
    var bins = Math.min(200, Math.max(20, Math.floor(W / 6))), hist = new Float64Array(bins), max = 0;
    D.timeline.density.forEach(function (p) {
      var day = (p[0] + 0.5 - 1970) * DAY, k = Math.floor((day - c[0]) / (c[1] - c[0]) * bins);
      if (k >= 0 && k < bins) { hist[k] += p[1]; max = Math.max(max, hist[k]); }
    });
    for (var k = 0; k < bins; k++) if (hist[k]) {
      var h = Math.max(1.5, (H - 30) * Math.sqrt(hist[k] / max));
      svg.appendChild(el("svg:rect", { class: "density", x: (k * W / bins).toFixed(1), width: (W / bins - 0.5).toFixed(1), y: (H - 16 - h).toFixed(1), height: h.toFixed(1) }));
    }
    E.forEach(function (e) {
      var m = x((e[0] + e[1]) / 2);
      if (m >= 0 && m <= W) svg.appendChild(el("svg:line", { class: "tick", x1: m.toFixed(1), x2: m.toFixed(1), y1: 2, y2: 12, stroke: colourOf(e) }));
    });
    ticks(c[0], c[1]).forEach(function (t) {
      svg.appendChild(el("svg:text", { class: "axis", x: x(t.day).toFixed(1), y: H - 3, "text-anchor": "middle" }, t.label));
    });
    var v = tl.view, bx = x(v[0]), bw = Math.max(2, x(v[1]) - bx);
    svg.appendChild(el("svg:rect", { class: "brush", id: "tl-brush", x: bx.toFixed(1), y: 1, width: bw.toFixed(1), height: H - 18 }));
  }
  function visible() {
    return E.map(function (e, i) { return i; }).filter(function (i) {
      var e = E[i], m = (e[0] + e[1]) / 2;
      return e[1] > tl.view[0] && e[0] < tl.view[1] && m >= tl.core[0] && m <= tl.core[1];
    });
  }
  function renderMain() {
    var box = $("tl-main"), W = Math.max(600, box.clientWidth - 2), v = tl.view;
    var showNames = tl.lanes !== "none", LW = showNames ? 150 : 8, R = 12, ROW = 17, THIN = 7, plot = W - LW - R;
    var x = function (d) { return LW + (d - v[0]) / (v[1] - v[0]) * plot; };
    var ids = visible(), lanes = {}, order = [];
    ids.forEach(function (i) {
      var e = E[i], k = laneKey(e), lane = lanes[k.k];
      if (!lane) { lane = lanes[k.k] = { name: k.name, order: k.order, items: [] }; order.push(lane); }
      var a = x(e[0]), b = x(e[1]), dot = e[1] - e[0] <= 1;
      var clipL = a < LW, clipR = b > LW + plot;
      a = Math.max(a, LW); b = Math.min(b, LW + plot);
      if (dot) { a -= 5; b += 5; } else if (b - a < 4) { var mid = (a + b) / 2; a = mid - 2; b = mid + 2; }
      // a broad date (a century, a decade on a short view) is a thin band above the lane's
      // marks: drawn full height, a few would push every precise date down many rows
      var broad = !dot && b - a > plot / 8;
      lane.items.push({ i: i, e: e, a: a, b: b, dot: dot, clip: clipL || clipR, broad: broad });
    });
    order.sort(function (p, q) { return p.order - q.order; });
    var y = 26, parts = [];
    order.forEach(function (lane) {
      lane.items.sort(function (p, q) { return p.a - q.a || p.i - q.i; });
      var rows = [], thin = [];
      lane.items.forEach(function (it) {
        var use = it.broad ? thin : rows;
        for (var r = 0; r < use.length; r++) if (use[r] + 3 <= it.a) break;
        it.row = r;
        use[r] = it.b;
      });
      // labels where they fit: up to the next mark in the same row
      var next = {}, fine = lane.items.filter(function (it) { return !it.broad; });
      for (var k = fine.length - 1; k >= 0; k--) { var it = fine[k]; it.room = (next[it.row] === undefined ? LW + plot : next[it.row]) - it.b - 6; next[it.row] = it.a; }
      // ... or before the mark, where a row's marks crowd at the right end (the last
      // years of a long axis) and the room lies to their left
      var used = {};
      fine.forEach(function (it) {
        var from = used[it.row] === undefined ? LW : used[it.row], left = it.a - from - 6, text = it.e[2] + " · " + it.e[6];
        it.left = false;
        if (it.room < Math.min(text.length * 6.1, 160) && left > it.room && left > 40) { it.left = true; it.room = left; used[it.row] = it.b; }
        else used[it.row] = it.room > 40 ? it.b + Math.min(it.room, text.length * 6.1 + 6) : it.b;
      });
      lane.y = y; lane.thin = thin.length * THIN; lane.h = lane.thin + Math.max(thin.length ? 0 : 1, rows.length) * ROW + 6;
      y += lane.h;
    });
    var H = y + 10;
    var svg = el("svg:svg", { id: "timeline-chart", width: W, height: H, viewBox: "0 0 " + W + " " + H, role: "group",
      "aria-label": "Timeline: " + ids.length + " events from " + yearLabel(yearOf(v[0])) + " to " + yearLabel(yearOf(v[1])), "data-shown": ids.length });
    ticks(v[0], v[1]).forEach(function (t) {
      var tx = x(t.day).toFixed(1);
      svg.appendChild(el("svg:line", { class: "grid", x1: tx, x2: tx, y1: 18, y2: H - 4 }));
      svg.appendChild(el("svg:text", { class: "axis", x: tx, y: 13, "text-anchor": "middle" }, t.label));
    });
    order.forEach(function (lane) {
      svg.appendChild(el("svg:line", { class: "lane-sep", x1: 0, x2: W, y1: lane.y - 3, y2: lane.y - 3 }));
      if (showNames) {
        var nm = el("svg:text", { class: "lane-name", x: 4, y: lane.y + 12 }, lane.name.length > 24 ? lane.name.slice(0, 23) + "…" : lane.name);
        nm.appendChild(el("svg:title", null, lane.name));
        svg.appendChild(nm);
      }
      lane.items.forEach(function (it) {
        var e = it.e, a = el("svg:a", { href: "#" + e[5], "data-ev": it.i, "aria-label": e[2] + ": " + e[6] });
        var cy = it.broad ? lane.y + it.row * THIN + THIN / 2 : lane.y + lane.thin + it.row * ROW + ROW / 2;
        var cls = "ev-mark" + (it.clip ? " coarse" : "") + (it.broad ? " broad" : "");
        var fill = colourOf(e), stroke = e[7].length > 1 ? F[e[7][1]].colour : null;
        if (it.broad) a.appendChild(el("svg:rect", { class: cls, x: it.a.toFixed(1), y: (cy - 2.5).toFixed(1), width: (it.b - it.a).toFixed(1), height: 5, rx: 2, fill: fill }));
        else if (it.dot) a.appendChild(el("svg:circle", { class: cls, cx: ((it.a + it.b) / 2).toFixed(1), cy: cy.toFixed(1), r: 5, fill: fill, stroke: stroke, "stroke-width": stroke ? 2.5 : null }));
        else a.appendChild(el("svg:rect", { class: cls, x: it.a.toFixed(1), y: (cy - 6).toFixed(1), width: (it.b - it.a).toFixed(1), height: 12, rx: 2, fill: fill, stroke: stroke, "stroke-width": stroke ? 2 : null }));
        if (!it.broad && it.room > 40) {
          var chars = Math.floor(it.room / 6.1), text = e[2] + " · " + e[6];
          a.appendChild(el("svg:text", { class: "ev-label", x: (it.left ? it.a - 4 : it.b + 4).toFixed(1), y: (cy + 4).toFixed(1),
            "text-anchor": it.left ? "end" : null }, text.length > chars ? text.slice(0, chars - 1) + "…" : text));
        }
        svg.appendChild(a);
      });
    });
    clear(box);
    box.appendChild(svg);
    $("tl-range").textContent = yearLabel(yearOf(v[0])) + " – " + yearLabel(yearOf(v[1])) + " · " + fmt(ids.length) + " of " + fmt(E.length) + " events";
  }
  function renderOutliers() {
    var box = $("tl-outliers");
    clear(box);
    var c = tl.core, out = E.map(function (e, i) { return i; }).filter(function (i) { var m = (E[i][0] + E[i][1]) / 2; return m < c[0] || m > c[1]; });
    tl.outliers = out;
    if (!out.length) return;
    box.appendChild(el("span", null, out.length + " date" + (out.length === 1 ? "" : "s") + " far from the rest, left off the axis: "));
    out.sort(function (a, b) { return E[a][0] - E[b][0]; });
    // the first few in line, the rest behind a disclosure
    var more = null;
    out.forEach(function (i, n) {
      var e = E[i], a = el("a", { href: "#" + e[5], class: "outlier", "data-ev": i, title: e[6] }, e[2] + " (" + docs[e[4]].short + ")");
      if (n === 8 && out.length > 10) {
        more = el("details", { class: "more-outliers" });
        more.appendChild(el("summary", null, (out.length - 8) + " more"));
        box.appendChild(more);
      }
      (more || box).appendChild(a);
    });
  }
  function setView(a, b) {
    var c = tl.core, min = 20;
    if (b - a < min) { var m = (a + b) / 2; a = m - min / 2; b = m + min / 2; }
    tl.view = [Math.max(c[0], a), Math.min(c[1], b)];
    renderOverview(); renderMain();
  }
  var timelineDone = false;
  function initTimeline() {
    if (timelineDone || !E.length) return;
    timelineDone = true;
    tl.core = coreRange();
    tl.view = tl.core.slice();
    $("tl-lanes").value = tl.lanes;
    renderOutliers(); renderOverview(); renderMain();
    var ov = $("tl-overview"), drag = null;
    function dayAt(ev) { var r = ov.getBoundingClientRect(); return tl.core[0] + (ev.clientX - r.left) / r.width * (tl.core[1] - tl.core[0]); }
    ov.addEventListener("pointerdown", function (ev) {
      drag = { from: dayAt(ev) };
      ov.setPointerCapture(ev.pointerId);
    });
    ov.addEventListener("pointermove", function (ev) {
      if (!drag) return;
      var d = dayAt(ev), b = $("tl-brush"), r = ov.getBoundingClientRect(), W = ov.viewBox.baseVal.width;
      var x0 = (Math.min(drag.from, d) - tl.core[0]) / (tl.core[1] - tl.core[0]) * W, x1 = (Math.max(drag.from, d) - tl.core[0]) / (tl.core[1] - tl.core[0]) * W;
      if (b) { b.setAttribute("x", x0.toFixed(1)); b.setAttribute("width", Math.max(1, x1 - x0).toFixed(1)); }
      void r;
    });
    ov.addEventListener("pointerup", function (ev) {
      if (!drag) return;
      var d = dayAt(ev), a = Math.min(drag.from, d), b = Math.max(drag.from, d);
      drag = null;
      if (b - a < (tl.core[1] - tl.core[0]) / 400) setView(tl.core[0], tl.core[1]); // a click: everything
      else setView(a, b);
    });
    // keyboard: arrows pan, + and - zoom, Home shows everything
    ov.addEventListener("keydown", function (ev) {
      var v = tl.view, w = v[1] - v[0], k = ev.key;
      if (k === "ArrowLeft") setView(v[0] - w / 5, v[1] - w / 5);
      else if (k === "ArrowRight") setView(v[0] + w / 5, v[1] + w / 5);
      else if (k === "+" || k === "=" || k === "ArrowUp") setView(v[0] + w / 4, v[1] - w / 4);
      else if (k === "-" || k === "ArrowDown") setView(v[0] - w / 2, v[1] + w / 2);
      else if (k === "Home" || k === "Escape") setView(tl.core[0], tl.core[1]);
      else return;
      ev.preventDefault();
    });
    $("tl-reset").addEventListener("click", function () { setView(tl.core[0], tl.core[1]); });
    $("tl-lanes").addEventListener("change", function () { tl.lanes = this.value; renderMain(); });
    var main = $("tl-main");
    function evOf(t) { var a = t.closest && t.closest("[data-ev]"); return a ? E[+a.getAttribute("data-ev")] : null; }
    main.addEventListener("mouseover", function (ev) { var e = evOf(ev.target); if (e) showTip(e, ev.clientX, ev.clientY); else hideTip(); });
    main.addEventListener("mouseleave", hideTip);
    main.addEventListener("focusin", function (ev) { var e = evOf(ev.target); if (e) { var r = ev.target.getBoundingClientRect(); showTip(e, r.right, r.bottom); } });
    main.addEventListener("focusout", hideTip);
    window.addEventListener("resize", function () { renderOverview(); renderMain(); });
  }

  /* ---------------------------------------------------------------- actors in the text */
  // The actor list: the ACTOR_TOP actors with the most mentions in the texts shown,
  // grouped by the faction most of their mentions fall in (or by kind without a
  // lexicon); typing in the box lists every actor whose name holds the letters typed
  // (Enter picks the first); "all" lists every actor. A war's history names thousands.
  var ACTOR_TOP = 30, ACTOR_FOUND = 200, KINDS = { person: "people", group: "groups", organization: "organizations" };
  function actorList(sel, mentions) {
    var find = $("actor-find"), allBtn = $("actor-all"), note = $("actor-list-note");
    var n = new Int32Array(D.actors.length), byF = D.actors.map(function () { return {}; });
    Array.prototype.forEach.call(mentions, function (m) {
      var a = +m.getAttribute("data-a"), f = m.getAttribute("data-f");
      n[a]++;
      if (f !== null && f !== "") byF[a][f] = (byF[a][f] || 0) + 1;
    });
    // the actors named in the texts shown, most mentioned first
    var named = [];
    for (var i = 0; i < D.actors.length; i++) if (n[i]) named.push(i);
    named.sort(function (a, b) { return n[b] - n[a] || a - b; });
    function group(a) {
      var best = null;
      for (var f in byF[a]) if (best === null || byF[a][f] > byF[a][best]) best = f;
      if (best !== null) return { key: "f" + best, label: F[+best].label, order: +best };
      var k = D.actors[a].kind;
      return { key: "k" + k, label: KINDS[k] || k || "other", order: 1000 + Object.keys(KINDS).indexOf(k) };
    }
    var showAll = false;
    function fill() {
      var q = find.value.trim().toLowerCase(), keep = sel.value, list;
      if (q) list = named.filter(function (a) { return D.actors[a].name.toLowerCase().indexOf(q) >= 0; }).slice(0, ACTOR_FOUND);
      else list = showAll ? named : named.slice(0, ACTOR_TOP);
      while (sel.options.length > 1) sel.remove(1);
      Array.prototype.slice.call(sel.querySelectorAll("optgroup")).forEach(function (g) { sel.removeChild(g); });
      var groups = {}, order = [];
      list.forEach(function (a) {
        var g = group(a), og = groups[g.key];
        if (!og) { og = groups[g.key] = el("optgroup", { label: g.label }); og._order = g.order; order.push(og); }
        og.appendChild(el("option", { value: a }, D.actors[a].name + " (" + fmt(n[a]) + ")"));
      });
      order.sort(function (x, y) { return x._order - y._order; }).forEach(function (og) { sel.appendChild(og); });
      if (keep !== "" && !sel.querySelector('option[value="' + keep + '"]')) {
        // the actor picked stays pickable while the list changes
        sel.insertBefore(el("option", { value: keep }, D.actors[+keep].name + " (" + fmt(n[+keep]) + ")"), sel.options[1] || null);
      }
      sel.value = keep;
      note.textContent = q ? fmt(list.length) + (list.length === ACTOR_FOUND ? "+" : "") + " named “" + find.value.trim() + "”"
        : (list.length < named.length ? "the " + fmt(list.length) + " most mentioned of " + fmt(named.length) + "; type to find others"
          : fmt(named.length) + " actors");
      allBtn.setAttribute("aria-pressed", showAll ? "true" : "false");
      allBtn.textContent = showAll ? "top " + ACTOR_TOP : "all " + fmt(named.length);
      allBtn.hidden = named.length <= ACTOR_TOP;
    }
    find.addEventListener("input", fill);
    find.addEventListener("keydown", function (e) {
      if (e.key === "Enter" || e.key === "ArrowDown") {
        // the first match is picked (Enter) or the list is reached (down arrow)
        e.preventDefault();
        var first = sel.querySelector("optgroup option");
        if (e.key === "Enter" && first) { sel.value = first.value; sel.dispatchEvent(new Event("change")); }
        else sel.focus();
      } else if (e.key === "Escape" && find.value) { find.value = ""; fill(); }
    });
    allBtn.addEventListener("click", function () { showAll = !showAll; find.value = ""; fill(); });
    fill();
  }

  function initActors() {
    var sel = $("actor-pick"), fsel = $("faction-pick");
    if (!sel) return;
    var all = document.querySelectorAll(".am");
    // the canonical name on hover (set when first hovered or focused)
    function name(ev) {
      var m = ev.target.closest && ev.target.closest(".am");
      if (!m || m.title) return;
      var a = D.actors[+m.getAttribute("data-a")], f = m.getAttribute("data-f");
      m.title = a.name + (f !== null && f !== "" ? " — " + F[+f].label : "") + (m.getAttribute("data-y") ? " (" + m.getAttribute("data-y") + ")" : "");
    }
    $("source").addEventListener("mouseover", name);
    $("source").addEventListener("focusin", name);
    actorList(sel, all);
    var cur = -1;
    function apply() {
      var a = sel.value, f = fsel.value, y0 = parseInt($("year-from").value, 10), y1 = parseInt($("year-to").value, 10);
      var on = a !== "" || f !== "" || !isNaN(y0) || !isNaN(y1), n = 0, docsWith = {};
      document.body.classList.toggle("actor-filter", on);
      Array.prototype.forEach.call(all, function (m) {
        var y = parseInt(m.getAttribute("data-y"), 10);
        var ok = on && (a === "" || m.getAttribute("data-a") === a) && (f === "" || m.getAttribute("data-f") === f) &&
          (isNaN(y0) || (!isNaN(y) && y >= y0)) && (isNaN(y1) || (!isNaN(y) && y <= y1));
        m.classList.toggle("match", ok);
        if (ok) { n++; docsWith[m.closest(".src-doc").id] = 1; }
      });
      Array.prototype.forEach.call(document.querySelectorAll(".src-doc"), function (d) { d.classList.toggle("filtered-out", on && !docsWith[d.id]); });
      $("actor-count").textContent = on ? fmt(n) + " mention" + (n === 1 ? "" : "s") + " in " + Object.keys(docsWith).length + " document(s)" : fmt(all.length) + " mentions";
      cur = -1;
    }
    [sel, fsel, $("year-from"), $("year-to")].forEach(function (c) { c.addEventListener("input", apply); c.addEventListener("change", apply); });
    function step(dir) {
      var list = document.querySelectorAll(document.body.classList.contains("actor-filter") ? ".am.match" : ".am");
      if (!list.length) return;
      cur = (cur + dir + list.length) % list.length;
      list[cur].scrollIntoView({ block: "center" });
      list[cur].setAttribute("tabindex", "-1");
      list[cur].focus({ preventScroll: true });
    }
    $("actor-next").addEventListener("click", function () { step(1); });
    $("actor-prev").addEventListener("click", function () { step(-1); });
    apply();
  }

  /* ---------------------------------------------------------------- wiring */
  function flash(id) {
    var t = document.getElementById(id);
    if (!t) return;
    t.classList.add("on");
    setTimeout(function () { t.classList.remove("on"); }, 1800);
  }
  document.addEventListener("click", function (e) {
    var a = e.target.closest ? e.target.closest("a[href^='#d']") : null;
    if (a) flash(a.getAttribute("href").slice(1));
  });
  // Long parts are laid out only near the view (content-visibility in app.css), so a
  // jump's first landing can be off by the parts above it that take their real height
  // on the way: the target is put back in view until it stays.
  function settle(t, block) {
    var n = 0, last = null;
    (function again() {
      var top = t.getBoundingClientRect().top;
      if (last !== null && Math.abs(top - last) < 1) return;
      t.scrollIntoView({ block: block });
      last = t.getBoundingClientRect().top;
      if (++n < 12) requestAnimationFrame(again);
    })();
  }
  function landOnHash() {
    var id = decodeURIComponent(location.hash.slice(1)), t = id && !/^q=/.test(id) && id !== "selftest" ? document.getElementById(id) : null;
    if (t) settle(t, t.tagName === "MARK" ? "center" : "start");
  }
  window.addEventListener("hashchange", landOnHash);
  document.addEventListener("click", function (e) {
    var a = e.target.closest ? e.target.closest("a[href^='#']") : null;
    if (a && a.getAttribute("href") === location.hash) setTimeout(landOnHash, 0); // the same link again: no hashchange
  });
  function initSearch() {
    var box = $("search-box");
    box.addEventListener("input", function () { clearTimeout(searchTimer); searchTimer = setTimeout(runSearch, 120); });
    box.addEventListener("keydown", function (e) { if (e.key === "Enter") { clearTimeout(searchTimer); runSearch(); } });
    var list = $("kwic");
    list.addEventListener("click", function (e) { var li = e.target.closest("li"); if (li && li._hit) openHit(li._hit); });
    list.addEventListener("keydown", function (e) {
      var li = e.target.closest("li");
      if (!li) return;
      if (e.key === "Enter" || e.key === " ") { e.preventDefault(); openHit(li._hit); }
      else if ((e.key === "ArrowDown" && li.nextSibling) || (e.key === "ArrowUp" && li.previousSibling)) {
        // one tab stop for the list; arrows move inside it
        e.preventDefault();
        var to = e.key === "ArrowDown" ? li.nextSibling : li.previousSibling;
        li.setAttribute("tabindex", "-1");
        to.setAttribute("tabindex", "0");
        to.focus();
      }
    });
    $("top-doc").addEventListener("change", renderTop);
    $("key-doc").addEventListener("change", renderKey);
    $("trend-terms").addEventListener("change", renderTrends);
    $("trend-x").addEventListener("change", renderTrends);
    $("coll-term").addEventListener("change", renderColl);
    [["trend-go", renderTrends], ["coll-go", renderColl]].forEach(function (p) { $(p[0]).addEventListener("click", p[1]); });
  }
  // The term panels count the whole corpus: each is filled when it first comes into
  // view (or is printed), not while the page loads.
  var corpusTop = null;
  function topTerms() {
    if (!corpusTop) { loadIndex(); corpusTop = foldedTop(counts(-1), 3).map(function (t) { return t[0]; }); }
    return corpusTop;
  }
  var PANELS = {
    "p-top": renderTop, "p-key": renderKey,
    "p-trends": function () { if (!$("trend-terms").value) $("trend-terms").value = topTerms().join(" "); renderTrends(); },
    "p-coll": function () { if (!$("coll-term").value && topTerms().length) $("coll-term").value = topTerms()[0]; renderColl(); },
  }, panelsDone = {};
  function showPanel(id) {
    if (panelsDone[id]) return;
    panelsDone[id] = true;
    PANELS[id]();
  }
  // Runs fn once, when the element comes within a screen of the view (or the page is
  // printed, or the reader goes to it by a link or the keyboard).
  function whenNear(id, fn) {
    var box = $(id), done = false;
    function go() { if (!done) { done = true; fn(); } }
    if (!box) return;
    window.addEventListener("beforeprint", go);
    box.addEventListener("focusin", go);
    if (!window.IntersectionObserver) { go(); return; }
    var io = new IntersectionObserver(function (entries) {
      if (entries.some(function (e) { return e.isIntersecting; })) { io.disconnect(); go(); }
    }, { rootMargin: "100% 0px" });
    io.observe(box);
  }
  function initPanels() {
    Object.keys(PANELS).forEach(function (id) { whenNear(id, function () { showPanel(id); }); });
  }

  // for the interaction test: tokens of the documents shown whole whose space before
  // (from the spacing rules) differs from their exact byte gap
  window.clioReport.spacingErrors = function () {
    loadIndex();
    var bad = 0, checked = 0;
    docs.forEach(function (doc, d) {
      var g = D.index.gaps[d];
      if (!g) return;
      var gaps = decode(g);
      for (var i = 1; i < gaps.length; i++) { checked++; if ((gaps[i] > 0) !== spaceBefore(d, i)) bad++; }
    });
    return { checked: checked, bad: bad };
  };
  initSearch();
  window.clioReport.readyAt = performance.now();
  window.clioReport.scriptMs = performance.now() - T0;
  window.clioReport.ready = true;
  var m = /^#q=(.*)$/.exec(location.hash);
  if (m) { $("search-box").value = decodeURIComponent(m[1]); runSearch(); }
  // after the first paint, in slices the browser can interleave with typing: the index,
  // the timeline, the panels as they come into view
  setTimeout(function () { setTimeout(idleDecode, 0); whenNear("timeline", initTimeline); initPanels(); }, 0);

  // the sources come after the script in the page: what reads them waits for them
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", afterSources);
  else afterSources();
  function afterSources() {
    initActors();
    if (location.hash) landOnHash();
    if (location.hash === "#selftest") selftest();
  }

  /* ---------------------------------------------------------------- self-check (#selftest) */
  // Every in-page link has its target, citations land on highlighted spans, the chart
  // shows every event (marks + the outliers called out); the verdict goes into the title.
  function selftest() {
  initTimeline();
  var errors = [], links = document.querySelectorAll("a[href^='#']"), ids = {}, all = document.querySelectorAll("[id]"), i2;
  for (i2 = 0; i2 < all.length; i2++) { if (ids[all[i2].id]) errors.push("duplicate id " + all[i2].id); ids[all[i2].id] = 1; }
  for (i2 = 0; i2 < links.length; i2++) {
    var id = links[i2].getAttribute("href").slice(1);
    if (id === "selftest" || id === "") continue;
    var t = document.getElementById(id);
    if (!t) { errors.push("no target " + id); continue; }
    var cite = links[i2].classList.contains("cite") || links[i2].hasAttribute("data-ev");
    if (cite && !(t.tagName === "MARK" && t.classList.contains("hl"))) errors.push("citation " + id + " lands on " + t.tagName);
    if (cite && !t.textContent.length) errors.push("empty span " + id);
  }
  var marks = 0, want = E.length, listed = document.querySelectorAll("#timeline-list li").length;
  if (E.length) {
    marks = document.querySelectorAll("#timeline-chart .ev-mark").length;
    if (marks + tl.outliers.length !== want) errors.push("chart has " + marks + " marks and " + tl.outliers.length + " outliers for " + want + " events");
    if (listed !== want) errors.push("list has " + listed + " rows for " + want + " events");
  }
  document.title = errors.length ? "selftest: FAIL " + errors.length + ": " + errors.slice(0, 5).join("; ")
    : "selftest: ok " + links.length + " links, " + (marks + tl.outliers.length) + " events (" + marks + " marks, " +
      tl.outliers.length + " called out)";
  }
})();
