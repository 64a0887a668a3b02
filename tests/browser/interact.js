// Drives a `clio report` page in headless Chromium as a reader would: types a query and
// waits for keyword-in-context lines, opens one in the source, brushes a period on the
// timeline's overview strip and sees the chart narrow, clicks an event and lands on the
// highlighted source words, tabs through the controls (each focus visible), runs the
// page's self-check, and keeps screenshots. Any console error or page error fails.
//
// usage: node interact.js REPORT.html QUERY OUT-PREFIX
//   (NODE_PATH names the folder holding puppeteer-core; CHROMIUM the browser binary)
// Prints one JSON line of measurements; exits 1 after listing the failed checks.
"use strict";
const fs = require("fs"), os = require("os"), path = require("path");
const puppeteer = require("puppeteer-core");

const [report, query, prefix] = process.argv.slice(2);
if (!report || !query || !prefix) { console.error("usage: node interact.js REPORT.html QUERY OUT-PREFIX"); process.exit(2); }
const failures = [], m = { report: path.basename(report), bytes: fs.statSync(report).size };
function check(ok, what) { if (!ok) failures.push(what); }

(async () => {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "clio-chromium-"));
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium", headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile],
  });
  try {
    const page = await browser.newPage();
    const problems = [];
    page.on("console", (msg) => { if (msg.type() === "error" || msg.type() === "warning") problems.push(msg.type() + ": " + msg.text()); });
    page.on("pageerror", (e) => problems.push("page error: " + e.message));
    page.on("request", (r) => { if (!r.url().startsWith("file:")) problems.push("request leaves the page: " + r.url()); });
    await page.emulateMediaFeatures([{ name: "prefers-reduced-motion", value: "reduce" }]);
    await page.setViewport({ width: 1280, height: 900 });
    const url = "file://" + path.resolve(report);

    // load: a reader types as soon as the search box answers, while the rest of the page
    // is still arriving. The limit is the time from the start of loading to the first
    // KWIC line (first_kwic_ms, measured in the page from navigation start): the query is
    // typed by a script in the page the moment the box answers, so the figure is the
    // page's own, not the driver's round trips.
    const typist = await page.evaluateOnNewDocument((q) => {
      const t = setInterval(() => {
        const box = document.getElementById("search-box");
        if (!box || !window.clioReport || !window.clioReport.ready) return;
        clearInterval(t);
        window.clioReport.typedAt = performance.now();
        box.focus();
        box.value = q;
        box.dispatchEvent(new Event("input", { bubbles: true }));
        box.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
      }, 5);
    }, query);
    const t0 = Date.now();
    const loaded = page.goto(url, { waitUntil: "load", timeout: 60000 });
    await page.waitForFunction("window.clioReport && window.clioReport.firstKwicAt !== null", { timeout: 60000, polling: 10 });
    m.first_kwic_ms = Math.round(await page.evaluate(() => window.clioReport.firstKwicAt));
    m.interactive_ms = Math.round(await page.evaluate(() => window.clioReport.readyAt));
    m.script_ms = Math.round(await page.evaluate(() => window.clioReport.scriptMs));
    await loaded;
    m.load_ms = Date.now() - t0;
    await page.removeScriptToEvaluateOnNewDocument(typist.identifier);

    // the same search typed key by key, as a person does
    await page.click("#search-box", { clickCount: 3 });
    await page.keyboard.press("Backspace");
    await page.keyboard.type(query);
    const t1 = Date.now();
    await page.keyboard.press("Enter");
    await page.waitForSelector("#kwic li", { timeout: 10000 }).catch(() => null);
    m.kwic_ms = Date.now() - t1;
    m.search_ms = Math.round(await page.evaluate(() => window.clioReport.searchMs));
    await loaded;
    m.load_ms = Date.now() - t0;
    m.kwic_lines = await page.$$eval("#kwic li", (l) => l.length);
    check(m.kwic_lines > 0, "typing '" + query + "' shows KWIC lines");
    const key = await page.$eval("#kwic li .k", (e) => e.textContent).catch(() => "");
    const word = query.replace(/["*]/g, "").toLowerCase().split(/\s+/)[0];
    check(key.toLowerCase().indexOf(word) === 0, "the KWIC keyword column holds the query (got '" + key + "')");
    // the lines keep the source's spacing: no space before a comma the source writes
    // right after its word; the spacing rules agree with the exact gaps of whole texts
    const spacing = await page.evaluate(() => window.clioReport.spacingErrors());
    m.spacing_checked = spacing.checked;
    check(spacing.checked > 0 && spacing.bad === 0, "the index's spacing matches the source: " + JSON.stringify(spacing));
    const lines = await page.$$eval("#kwic li", (l) => l.map((li) => [...li.querySelectorAll(".l,.k,.r")].map((e) => e.textContent)));
    const glued = lines.filter((p) => /^ [,.;:!?)]/.test(p[2]) || / $/.test(p[1]) || /^ /.test(p[1]));
    check(glued.length === 0, "no KWIC line puts a space before punctuation the source attaches: " + JSON.stringify(glued.slice(0, 3)));
    // ... and shows them: a space that ends the left context stays between it and the
    // keyword on the screen (bidi reordering once moved it to the far left)
    const glued_on_screen = await page.evaluate(() => {
      for (const li of [...document.querySelectorAll("#kwic li")].slice(0, 30)) {
        const t = li.querySelector(".l span").firstChild;
        if (!t || !/\S $/.test(t.data)) continue;
        const r = document.createRange(), i = t.data.length - 1;
        r.setStart(t, i - 1); r.setEnd(t, i);
        const gap = li.querySelector(".k").getBoundingClientRect().left - r.getBoundingClientRect().right;
        if (gap < 3) return { left: t.data.slice(-12), gap: gap };
      }
      return null;
    });
    check(glued_on_screen === null, "the space before the keyword shows on the screen: " + JSON.stringify(glued_on_screen));
    m.dist_bars = await page.$$eval("#dist rect.dbar", (l) => l.length);
    check(m.dist_bars > 0, "hits per document drawn");
    await page.evaluate(() => document.getElementById("explore").scrollIntoView());
    await page.screenshot({ path: prefix + "-search.png" });

    // a KWIC line opens the source at that place
    await page.click("#kwic li");
    await page.waitForSelector("#kw-on", { timeout: 5000 }).catch(() => null);
    const landed = await page.evaluate(() => {
      const k = document.getElementById("kw-on");
      if (!k) return null;
      const r = k.getBoundingClientRect();
      return { text: k.textContent, inView: r.top >= 0 && r.bottom <= innerHeight, focused: document.activeElement === k,
        inSource: !!k.closest("#source"), inReader: !!k.closest("#reader") };
    });
    check(landed && landed.text.toLowerCase().indexOf(word) === 0, "the KWIC line opens its words (got " + JSON.stringify(landed) + ")");
    check(landed && landed.inView && landed.focused, "the opened words are in view and focused");
    // the line's text is the source's text around the opened words (whitespace folded)
    if (landed && landed.inSource) {
      const around = await page.evaluate(() => {
        const k = document.getElementById("kw-on"), win = k.closest("pre.src, .win"), r = document.createRange();
        r.setStart(win, 0); r.setEndBefore(k);
        const fold = (t) => t.replace(/\s+/g, " ");
        const li = document.querySelector("#kwic li"), part = (c) => li.querySelector(c).textContent;
        const before = fold(r.toString()), r2 = document.createRange();
        r2.setStartAfter(k); r2.setEnd(win, win.childNodes.length);
        const after = fold(r2.toString());
        return { ok: before.endsWith(part(".l")) && after.startsWith(part(".r")), l: part(".l"), r: part(".r"),
          before: before.slice(-60), after: after.slice(0, 60) };
      });
      check(around.ok, "the KWIC line's contexts are the source's own text: " + JSON.stringify(around));
    }
    m.kwic_opens = landed ? (landed.inSource ? "source" : "reader") : "nothing";

    // the timeline: brush the middle fifth of the overview strip, the chart narrows
    const events = await page.$eval("#tl-main", (e) => +e.getAttribute("data-events")).catch(() => 0);
    m.events = events;
    if (events > 0) {
      await page.evaluate(() => document.getElementById("timeline").scrollIntoView());
      // the chart is drawn when it comes into view
      await page.waitForSelector("#timeline-chart", { timeout: 10000 }).catch(() => null);
      await page.screenshot({ path: prefix + "-timeline.png" });
      const before = await page.$$eval("#timeline-chart .ev-mark", (l) => l.length);
      const range0 = await page.$eval("#tl-range", (e) => e.textContent);
      const box = await (await page.$("#tl-overview")).boundingBox();
      // the busiest stretch: where the most event ticks stand
      const at = await page.evaluate(() => {
        const ticks = [...document.querySelectorAll("#tl-overview line.tick")].map((t) => +t.getAttribute("x1"));
        const W = document.getElementById("tl-overview").viewBox.baseVal.width;
        ticks.sort((a, b) => a - b);
        const med = ticks.length ? ticks[Math.floor(ticks.length / 2)] : W / 2;
        return med / W;
      });
      const a = Math.max(0.01, at - 0.12), b = Math.min(0.99, at + 0.12);
      await page.mouse.move(box.x + box.width * a, box.y + box.height / 2);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width * (a + b) / 2, box.y + box.height / 2, { steps: 4 });
      await page.mouse.move(box.x + box.width * b, box.y + box.height / 2, { steps: 4 });
      await page.mouse.up();
      const after = await page.$$eval("#timeline-chart .ev-mark", (l) => l.length);
      const range1 = await page.$eval("#tl-range", (e) => e.textContent);
      m.marks_before_brush = before;
      m.marks_after_brush = after;
      check(range1 !== range0, "brushing changes the period shown (" + range0 + " -> " + range1 + ")");
      check(after <= before && (before < 3 || after < before), "brushing narrows the chart (" + before + " -> " + after + " marks)");
      await page.screenshot({ path: prefix + "-brushed.png" });
      await page.click("#tl-reset");

      // click an event: the page goes to the cited words, highlighted
      await page.evaluate(() => document.getElementById("tl-main").scrollIntoView({ block: "start" }));
      // a mark wholly in view (not under the sticky bar or the lane names)
      const pick = await page.evaluate(() => {
        const mr = document.getElementById("tl-main").getBoundingClientRect();
        for (const a of document.querySelectorAll("#timeline-chart a[data-ev]")) {
          const r = a.querySelector(".ev-mark").getBoundingClientRect();
          if (r.width >= 3 && r.top >= Math.max(mr.top, 60) && r.bottom <= Math.min(mr.bottom, innerHeight) &&
            r.left >= mr.left + 160 && r.right <= mr.right) return { href: a.getAttribute("href"), x: r.left + r.width / 2, y: r.top + r.height / 2 };
        }
        return null;
      });
      check(pick !== null, "a timeline mark is in view to click");
      const href = pick ? pick.href : "";
      if (pick) await page.mouse.click(pick.x, pick.y);
      await page.waitForFunction((h) => location.hash === h, { timeout: 5000 }, href).catch(() => null);
      await new Promise((r) => setTimeout(r, 300));
      const target = await page.evaluate((h) => {
        const t = document.getElementById(h.slice(1));
        if (!t) return null;
        const r = t.getBoundingClientRect();
        return { hash: location.hash, tag: t.tagName, hl: t.classList.contains("hl"), text: t.textContent,
          inView: r.top >= 0 && r.bottom <= innerHeight, inSource: !!t.closest("#source") };
      }, href);
      check(target && target.hash === href && target.tag === "MARK" && target.hl && target.inSource && target.inView,
        "clicking an event lands on its highlighted source words (" + JSON.stringify(target) + ")");
      await page.screenshot({ path: prefix + "-source.png" });
    }

    // keyboard: the first Tab stop is the skip link; from the search on, Tab reaches the
    // search box, the timeline controls and the brush strip, each with a visible focus ring
    await page.goto("about:blank");
    await page.goto(url, { waitUntil: "load" });
    await page.waitForFunction("window.clioReport && window.clioReport.ready", { timeout: 30000 });
    await page.keyboard.press("Tab");
    const skip = await page.evaluate(() => document.activeElement.className);
    check(skip === "skip", "the first Tab stop is the skip link (got " + skip + ")");
    await page.keyboard.press("Enter");
    const seen = [];
    let invisible = 0;
    for (let i = 0; i < 160; i++) {
      await page.keyboard.press("Tab");
      const f = await page.evaluate(() => {
        const e = document.activeElement;
        const s = getComputedStyle(e);
        return { id: e.id || e.tagName.toLowerCase(), visible: (s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== "none" };
      });
      seen.push(f.id);
      if (!f.visible) invisible++;
    }
    m.tab_stops = seen.length;
    for (const id of ["search-box", "tl-lanes", "tl-reset", "tl-overview"]) check(seen.includes(id), "Tab reaches #" + id + " (saw " + seen.join(" ").slice(0, 300) + ")");
    check(invisible === 0, invisible + " of " + seen.length + " focused controls show no focus ring");
    // the strip answers the keyboard: + zooms in
    await page.evaluate(() => document.getElementById("tl-overview").focus());
    const r0 = await page.$eval("#tl-range", (e) => e.textContent).catch(() => "");
    await page.keyboard.press("+");
    const r1 = await page.$eval("#tl-range", (e) => e.textContent).catch(() => "");
    if (events > 0) check(r0 !== r1, "+ on the focused strip zooms (" + r0 + " -> " + r1 + ")");

    // an actor mention names its actor on hover
    const mentions = await page.$$("#source .am");
    const mention = mentions[Math.floor(mentions.length / 2)];
    if (mention) {
      // (the texts off screen are laid out as they come near: let the layout settle first)
      await page.evaluate((e) => e.scrollIntoView({ block: "center" }), mention);
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      await page.evaluate((e) => e.scrollIntoView({ block: "center" }), mention);
      await mention.hover();
      // the innermost mention under the pointer (mentions can nest)
      const title = await page.evaluate((e) => {
        const r = e.getBoundingClientRect(), at = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        const m = at && at.closest(".am");
        return m ? m.title : "(no mention under the pointer)";
      }, mention);
      check(title.length > 0 && title.charAt(0) !== "(", "hovering an actor mention shows the canonical name (" + title + ")");
      m.mention_title = title;
    }

    // the navigation lands on its section, whatever the parts above it measure once laid out
    await page.click('nav.toc a[href="#source"]');
    await page.evaluate(() => new Promise((r) => setTimeout(r, 600)));
    const srcTop = await page.$eval("#source", (e) => Math.round(e.getBoundingClientRect().top));
    check(srcTop >= -5 && srcTop < 200, "the Sources link lands on the sources (their top at " + srcTop + " px)");

    // the actor filter stays usable with thousands of actors: the most mentioned at first
    // (grouped), a name typed lists the actors holding it, Enter filters the texts to the
    // first of them, "all" lists every actor
    const list0 = await page.$$eval("#actor-pick option", (o) => o.slice(1).map((x) => x.textContent));
    m.actor_options = list0.length;
    if (list0.length) {
      check(list0.length <= 30, "at most 30 actors listed at first (" + list0.length + ")");
      const name = list0[0].replace(/ \(\d[\d,]*\)$/, ""), part = name.slice(0, Math.min(4, name.length)).toLowerCase();
      await page.focus("#actor-find");
      await page.keyboard.type(part);
      const found = await page.$$eval("#actor-pick option", (o) => o.slice(1).map((x) => x.textContent.toLowerCase()));
      check(found.length > 0 && found.every((t) => t.replace(/ \(\d[\d,]*\)$/, "").indexOf(part) >= 0),
        "typing '" + part + "' lists the actors whose name holds it (" + found.slice(0, 5).join(", ") + ")");
      await page.keyboard.press("Enter");
      const filtered = await page.evaluate(() => ({ on: document.body.classList.contains("actor-filter"),
        pick: document.getElementById("actor-pick").value, match: document.querySelectorAll(".am.match").length,
        count: document.getElementById("actor-count").textContent }));
      check(filtered.on && filtered.pick !== "" && filtered.match > 0, "Enter filters the texts to the first actor found (" + JSON.stringify(filtered) + ")");
      m.actor_filter = filtered.count;
      const all = await page.$("#actor-all:not([hidden])");
      if (all) {
        await page.keyboard.down("Shift"); await page.keyboard.press("Tab"); await page.keyboard.up("Shift");
        await page.focus("#actor-all");
        await page.keyboard.press("Enter");
        m.actor_options_all = await page.$$eval("#actor-pick option", (o) => o.length - 1);
        check(m.actor_options_all > list0.length, "'all' lists every actor (" + m.actor_options_all + ")");
      }
    }

    // dark mode follows the system
    await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: "dark" }]);
    const dark = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: "light" }]);
    const light = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    check(dark !== light, "dark mode changes the background (" + light + " / " + dark + ")");

    // the self-check
    await page.goto("about:blank");
    await page.goto(url + "#selftest", { waitUntil: "load" });
    await page.waitForFunction("document.title.indexOf('selftest:') === 0", { timeout: 30000 }).catch(() => null);
    m.selftest = await page.title();
    check(m.selftest.indexOf("selftest: ok") === 0, "self-check: " + m.selftest);
    await page.screenshot({ path: prefix + "-top.png" });
    check(problems.length === 0, "console: " + problems.slice(0, 5).join(" | "));
  } catch (e) {
    failures.push("driver: " + e.message);
  } finally {
    await browser.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
  console.log(JSON.stringify(m));
  if (failures.length) { failures.forEach((f) => console.error("FAIL: " + f)); process.exit(1); }
})();
