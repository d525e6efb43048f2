/* irp theme script: dark-mode toggle, copy buttons and search.
   Hand-written, no dependencies at page load: MiniSearch and the search
   index (search-index.js, written by the site build) are loaded with script
   tags the first time search is used, so search works over HTTP and from
   file:// alike. */
(function () {
  "use strict";

  var doc = document;
  var html = doc.documentElement;
  var script = doc.currentScript;
  // The site root, from this script's own address (<root>/js/irp.js): the
  // same code then works at any depth, over HTTP and opened as files.
  var ROOT = script ? script.src.replace(/js\/irp\.js(?:[?#].*)?$/, "") : "";

  /* ---- Dark mode: follows the system unless the reader chose. ---- */

  var darkQuery = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;

  function systemDark() {
    return !!(darkQuery && darkQuery.matches);
  }

  function isDark() {
    var t = html.dataset.theme;
    return t ? t === "dark" : systemDark();
  }

  function store(value) {
    try {
      if (value) {
        localStorage.setItem("irp-theme", value);
      } else {
        localStorage.removeItem("irp-theme");
      }
    } catch (e) { /* storage off: the choice lasts for this page only */ }
  }

  function setupThemeToggle() {
    var button = doc.getElementById("theme-toggle");
    if (!button) return;
    function sync() {
      var dark = isDark();
      button.setAttribute("aria-pressed", dark ? "true" : "false");
      button.title = dark ? "Switch to light mode" : "Switch to dark mode";
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      var want = isDark() ? "light" : "dark";
      if ((want === "dark") === systemDark()) {
        // Same as the system: follow the system again from now on.
        delete html.dataset.theme;
        store(null);
      } else {
        html.dataset.theme = want;
        store(want);
      }
      sync();
    });
    if (darkQuery && darkQuery.addEventListener) darkQuery.addEventListener("change", sync);
    sync();
  }

  /* ---- Copy buttons on code blocks. ---- */

  function copyFallback(text) {
    // navigator.clipboard needs a secure context and permission, which a
    // page opened from file:// may not have.
    var area = doc.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.top = "0";
    area.style.opacity = "0";
    doc.body.appendChild(area);
    area.select();
    var ok = false;
    try {
      ok = doc.execCommand("copy");
    } catch (e) {
      ok = false;
    }
    area.remove();
    return ok ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () {
        return copyFallback(text);
      });
    }
    return copyFallback(text);
  }

  function setupCopyButtons() {
    var pres = doc.querySelectorAll("main pre");
    for (var i = 0; i < pres.length; i++) {
      var pre = pres[i];
      var box = pre.parentNode;
      var button = box.classList && box.classList.contains("code") ? box.querySelector("button.copy") : null;
      if (!button) {
        // A block that did not go through the render hook.
        box = doc.createElement("div");
        box.className = "code";
        pre.parentNode.insertBefore(box, pre);
        box.appendChild(pre);
        button = doc.createElement("button");
        button.type = "button";
        button.className = "copy";
        button.textContent = "Copy";
        button.setAttribute("aria-label", "Copy code to clipboard");
        box.appendChild(button);
      }
      button.hidden = false;
      button.addEventListener("click", onCopy);
    }
  }

  function onCopy(ev) {
    var button = ev.currentTarget;
    var pre = button.parentNode.querySelector("pre");
    var text = pre ? pre.textContent.replace(/\n$/, "") : "";
    copyText(text).then(function () {
      flash(button, "Copied");
    }, function () {
      flash(button, "Press Ctrl+C");
      var range = doc.createRange();
      range.selectNodeContents(pre);
      var sel = window.getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
    });
  }

  function flash(button, text) {
    button.textContent = text;
    button.classList.add("done");
    clearTimeout(button._irpTimer);
    button._irpTimer = setTimeout(function () {
      button.textContent = "Copy";
      button.classList.remove("done");
    }, 1800);
  }

  /* ---- Search. ---- */

  // Terms keep letters, digits and the joiners . - _ together, so that tool
  // names like manta-adm and moraystat.d survive as one token; processTerm
  // then indexes the whole token and each of its parts.
  var SPLIT = /[^\p{L}\p{N}._-]+/u;
  var JOINERS = /[._-]+/;
  var JOINER_ENDS = /^[._-]|[._-]$/;
  var LETTER = /^\p{L}$/u;
  var STOP = new Set(("a an and are as at be by can do does for from has have how i if in into is it its " +
    "my of on or our so than that the their then there these this to was we what when where which " +
    "who why will with you your").split(" "));

  function tokenize(text) {
    return String(text || "").split(SPLIT);
  }

  // wholeTerm is a token lowercased, without joiners at its ends; null for
  // a word too common to search for, or a lone letter.
  function wholeTerm(term) {
    term = term.toLowerCase();
    if (JOINER_ENDS.test(term)) term = term.replace(/^[._-]+|[._-]+$/g, "");
    if (!term || STOP.has(term) || LETTER.test(term)) return null;
    return term;
  }

  function processTerm(term) {
    term = wholeTerm(term);
    if (!term || !JOINERS.test(term)) return term;
    var out = [term];
    var parts = term.split(JOINERS);
    for (var i = 0; i < parts.length; i++) {
      if (parts[i] && !STOP.has(parts[i]) && !LETTER.test(parts[i])) out.push(parts[i]);
    }
    return out;
  }

  var FIELDS = ["title", "heading", "symptoms", "summary", "text"];
  var docsById = new Map();

  var SEARCH_OPTIONS = {
    boost: { title: 6, heading: 3, symptoms: 4, summary: 1.5, text: 1 },
    // No prefix expansion for fragments under 3 characters: "manta-o" must
    // not turn "o" into every word of the site.
    prefix: function (term) { return term.length >= 3; },
    fuzzy: function (term) { return term.length >= 5 ? 0.2 : false; },
    maxFuzzy: 2,
    // The top of a page (summary, symptoms, intro) is a better landing place
    // than one of its sections when both match as well, and by far the best
    // one when the query names the page (a tool's name).
    boostDocument: function (id, term) {
      var d = docsById.get(id);
      if (!d || d.heading) return 1;
      if (d.titleTerm === undefined) d.titleTerm = wholeTerm(d.title || "");
      return d.titleTerm === term ? 4 : 1.25;
    }
  };

  var loading = null;

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var s = doc.createElement("script");
      s.src = src;
      s.onload = resolve;
      s.onerror = function () { reject(new Error("could not load " + src)); };
      doc.head.appendChild(s);
    });
  }

  function emptyIndex(docs) {
    for (var i = 0; i < docs.length; i++) docsById.set(docs[i].id, docs[i]);
    return new window.MiniSearch({
      fields: FIELDS,
      idField: "id",
      tokenize: tokenize,
      processTerm: processTerm,
      searchOptions: { tokenize: tokenize, processTerm: processTerm }
    });
  }

  // newIndex builds a MiniSearch index over docs, in chunks so the page
  // stays responsive while a large index builds.
  function newIndex(docs) {
    var ms = emptyIndex(docs);
    return ms.addAllAsync(docs, { chunkSize: 500 }).then(function () { return ms; });
  }

  // buildIndexNow builds the same index in one go (for the timing page).
  function buildIndexNow(docs) {
    var ms = emptyIndex(docs);
    ms.addAll(docs);
    return ms;
  }

  // engine loads MiniSearch and the index (once) and resolves to the index.
  function engine() {
    if (!loading) {
      var t0 = performance.now();
      var stats = { loadMs: 0, buildMs: 0, docs: 0 };
      loading = Promise.all([
        window.MiniSearch ? null : loadScript(ROOT + "js/minisearch.min.js"),
        window.IRP_SEARCH_INDEX ? null : loadScript(ROOT + "search-index.js")
      ]).then(function () {
        var data = window.IRP_SEARCH_INDEX;
        if (!window.MiniSearch) throw new Error("MiniSearch did not load");
        if (!data || !data.docs) throw new Error("the search index (search-index.js) is missing: rebuild the site");
        var t1 = performance.now();
        stats.loadMs = t1 - t0;
        stats.docs = data.docs.length;
        return newIndex(data.docs).then(function (ms) {
          stats.buildMs = performance.now() - t1;
          irpSearch.stats = stats;
          return ms;
        });
      });
    }
    return loading;
  }

  // queryTokens returns the raw words of q that leave at least one term.
  function queryTokens(q) {
    var words = tokenize(q);
    var out = [];
    for (var i = 0; i < words.length; i++) {
      if (words[i] && processTerm(words[i])) out.push(words[i]);
    }
    return out;
  }

  // knows reports whether the index has term, or (when it is long enough
  // for prefix search) a term starting with it. It reads MiniSearch 7's
  // term map, and says yes when that is not there.
  function knows(ms, term) {
    var terms = ms._index;
    if (!terms || !terms.has || !terms.atPrefix) return true;
    if (terms.has(term)) return true;
    return term.length >= 3 && !terms.atPrefix(term).keys().next().done;
  }

  // onlyTitle reports whether a hit matched through the page title alone,
  // as every section of a page named after the query does.
  function onlyTitle(hit) {
    for (var term in hit.match) {
      var fields = hit.match[term];
      for (var i = 0; i < fields.length; i++) if (fields[i] !== "title") return false;
    }
    return true;
  }

  // find runs q against the index: every word must match (a word matches
  // through any of its parts); when that finds nothing, any word will do.
  // Hits are grouped by page, best first: each has the best entry of its
  // page and, in `more`, the page's other sections that matched in their
  // own text.
  function find(ms, q) {
    var words = queryTokens(q);
    if (!words.length) return [];
    // A joined word (manta-adm) that the index knows whole is searched
    // whole: its parts would match every page that says "manta". One the
    // index does not know is searched by its parts.
    var sub = words.map(function (w) {
      var whole = wholeTerm(w);
      if (whole && JOINERS.test(whole) && knows(ms, whole)) {
        return { combineWith: "OR", queries: [w], processTerm: wholeTerm };
      }
      return { combineWith: "OR", queries: [w] };
    });
    function query(mode) {
      return { combineWith: mode, queries: sub };
    }
    var hits = ms.search(query("AND"), SEARCH_OPTIONS);
    if (!hits.length && words.length > 1) hits = ms.search(query("OR"), SEARCH_OPTIONS);
    var out = [];
    var byPage = new Map();
    for (var i = 0; i < hits.length; i++) {
      var d = docsById.get(hits[i].id);
      if (!d || /^search\/(?:index\.html)?(?:#|$)/.test(d.url)) continue;
      var page = d.url.split("#")[0];
      var group = byPage.get(page);
      if (!group) {
        group = { doc: d, score: hits[i].score, terms: hits[i].terms, more: [] };
        byPage.set(page, group);
        out.push(group);
      } else if (!onlyTitle(hits[i]) && d.heading) {
        group.more.push({ doc: d, score: hits[i].score, terms: hits[i].terms });
      }
    }
    return out;
  }

  // hitHref turns an index URL (relative to the site root, "tools/x/#a")
  // into a link from this page that also works from file://.
  function hitHref(url) {
    var hash = "";
    var i = url.indexOf("#");
    if (i >= 0) {
      hash = url.slice(i);
      url = url.slice(0, i);
    }
    url = url.replace(/^\/+/, "");
    if (url === "" || /\/$/.test(url)) url += "index.html";
    return ROOT + url + hash;
  }

  function escapeRE(s) {
    return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }

  // appendMarked appends text to el with the given terms wrapped in <mark>.
  function appendMarked(el, text, re) {
    if (!re) {
      el.appendChild(doc.createTextNode(text));
      return;
    }
    var last = 0;
    var m;
    re.lastIndex = 0;
    while ((m = re.exec(text)) !== null) {
      if (m[0] === "") {
        re.lastIndex++;
        continue;
      }
      if (m.index > last) el.appendChild(doc.createTextNode(text.slice(last, m.index)));
      var mark = doc.createElement("mark");
      mark.textContent = m[0];
      el.appendChild(mark);
      last = m.index + m[0].length;
    }
    if (last < text.length) el.appendChild(doc.createTextNode(text.slice(last)));
  }

  function termsRE(terms) {
    var list = terms.slice().sort(function (a, b) { return b.length - a.length; }).slice(0, 30);
    if (!list.length) return null;
    return new RegExp(list.map(escapeRE).join("|"), "gi");
  }

  // snippet is about `width` characters of the hit's text around the first
  // matched term.
  function snippet(d, re, width) {
    var text = d.text || d.summary || d.symptoms || "";
    if (re) {
      // Prefer the field that shows why this hit matched.
      var fields = [d.text, d.summary, d.symptoms];
      for (var i = 0; i < fields.length; i++) {
        re.lastIndex = 0;
        if (fields[i] && re.test(fields[i])) {
          text = fields[i];
          break;
        }
      }
    }
    // The index separates blocks with U+2029 (for the leak check); shown
    // as a space.
    text = text.replace(/\u2029/g, " ");
    if (text.length <= width) return text;
    var at = 0;
    if (re) {
      re.lastIndex = 0;
      var m = re.exec(text);
      if (m) at = m.index;
    }
    var start = Math.max(0, at - Math.floor(width / 3));
    if (start > 0) {
      var sp = text.indexOf(" ", start);
      if (sp > 0 && sp < at) start = sp + 1;
    }
    var end = Math.min(text.length, start + width);
    if (end < text.length) {
      var sp2 = text.lastIndexOf(" ", end);
      if (sp2 > start + width / 2) end = sp2;
    }
    return (start > 0 ? "… " : "") + text.slice(start, end) + (end < text.length ? " …" : "");
  }

  function hitLabel(d) {
    return d.heading ? d.title + " \u203A " + d.heading : d.title;
  }

  // mantaBadges appends to el one badge per Manta version the hit's page
  // applies to (cheat-sheets and scenarios say which).
  function mantaBadges(el, d) {
    if (!d.manta) return;
    d.manta.split(" ").forEach(function (v) {
      var b = doc.createElement("span");
      b.className = "badge badge-manta";
      b.textContent = "Manta " + v;
      el.appendChild(doc.createTextNode(" "));
      el.appendChild(b);
    });
  }

  function resultsPageHref(q) {
    return ROOT + "search/index.html?q=" + encodeURIComponent(q);
  }

  /* The header box: search as you type. */

  function setupSearchBox() {
    var input = doc.getElementById("search-box");
    var menu = doc.getElementById("search-menu");
    if (!input || !menu) return;
    var form = input.form;
    var active = -1;
    var timer = 0;
    var seq = 0;

    function options() {
      return menu.querySelectorAll("li[role=option]");
    }

    function close() {
      menu.hidden = true;
      menu.textContent = "";
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function open() {
      menu.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    function setActive(i) {
      var opts = options();
      if (!opts.length) return;
      if (i < -1) i = opts.length - 1;
      if (i >= opts.length) i = -1;
      for (var k = 0; k < opts.length; k++) opts[k].setAttribute("aria-selected", k === i ? "true" : "false");
      active = i;
      if (i >= 0) {
        input.setAttribute("aria-activedescendant", opts[i].id);
        opts[i].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function note(text) {
      menu.textContent = "";
      var li = doc.createElement("li");
      li.className = "hit-note";
      li.textContent = text;
      menu.appendChild(li);
      open();
    }

    function render(q, hits) {
      menu.textContent = "";
      active = -1;
      if (!hits.length) {
        note("No results for \u201C" + q + "\u201D");
        return;
      }
      var terms = [];
      hits.slice(0, 8).forEach(function (h) { terms = terms.concat(h.terms); });
      var re = termsRE(terms);
      hits.slice(0, 8).forEach(function (h, i) {
        var li = doc.createElement("li");
        li.id = "search-opt-" + i;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        var a = doc.createElement("a");
        a.href = hitHref(h.doc.url);
        a.tabIndex = -1;
        var t = doc.createElement("span");
        t.className = "hit-title";
        t.textContent = hitLabel(h.doc);
        mantaBadges(t, h.doc);
        var s = doc.createElement("span");
        s.className = "hit-snip";
        appendMarked(s, snippet(h.doc, re, 110), re);
        a.appendChild(t);
        a.appendChild(s);
        li.appendChild(a);
        menu.appendChild(li);
      });
      var more = doc.createElement("li");
      more.className = "hit-more";
      var link = doc.createElement("a");
      link.href = resultsPageHref(q);
      link.tabIndex = -1;
      link.textContent = hits.length > 8 ? "All " + hits.length + " results \u2192" : "Open as a results page \u2192";
      more.appendChild(link);
      menu.appendChild(more);
      open();
    }

    function update() {
      var q = input.value.trim();
      var mine = ++seq;
      if (q.length < 2) {
        close();
        return;
      }
      if (!irpSearch.ready) note("Loading the search index\u2026");
      engine().then(function (ms) {
        irpSearch.ready = true;
        if (mine !== seq) return;
        render(q, find(ms, q));
      }, function (err) {
        if (mine === seq) note("Search is unavailable: " + err.message);
      });
    }

    input.addEventListener("focus", function () {
      engine().then(function () { irpSearch.ready = true; }, function () {});
      if (input.value.trim().length >= 2) update();
    });
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(update, 60);
    });
    input.addEventListener("keydown", function (ev) {
      if (ev.key === "ArrowDown") {
        ev.preventDefault();
        if (menu.hidden) update(); else setActive(active + 1);
      } else if (ev.key === "ArrowUp") {
        ev.preventDefault();
        setActive(active - 1);
      } else if (ev.key === "Enter") {
        var opts = options();
        if (active >= 0 && opts[active]) {
          ev.preventDefault();
          window.location.href = opts[active].querySelector("a").href;
        } else if (input.value.trim()) {
          ev.preventDefault();
          window.location.href = resultsPageHref(input.value.trim());
        } else {
          ev.preventDefault();
        }
      } else if (ev.key === "Escape") {
        if (input.value || !menu.hidden) {
          ev.preventDefault();
          input.value = "";
          seq++;
          close();
        } else {
          input.blur();
        }
      }
    });
    // Keep focus in the box while a hit is clicked; close on leaving.
    menu.addEventListener("mousedown", function (ev) { ev.preventDefault(); });
    input.addEventListener("blur", function () { setTimeout(close, 100); });
    if (form) {
      form.addEventListener("submit", function (ev) {
        ev.preventDefault();
        if (input.value.trim()) window.location.href = resultsPageHref(input.value.trim());
      });
    }

    // "/" focuses search from anywhere except while typing in a field.
    doc.addEventListener("keydown", function (ev) {
      if (ev.key !== "/" || ev.ctrlKey || ev.metaKey || ev.altKey || ev.defaultPrevented) return;
      var t = ev.target;
      var tag = t && t.tagName;
      if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (t && t.isContentEditable)) return;
      ev.preventDefault();
      input.focus();
      input.select();
    });
  }

  /* The results page: search/index.html?q=TERM. */

  function setupResultsPage() {
    var list = doc.getElementById("search-results");
    if (!list) return;
    var status = doc.getElementById("search-status");
    var box = doc.getElementById("search-page-q");
    var q = (new URLSearchParams(window.location.search).get("q") || "").trim();
    if (box) {
      box.value = q;
      if (!q) box.focus();
    }
    if (q) doc.title = q + " \u00B7 " + doc.title;
    if (!q) {
      status.textContent = "Type a symptom, a tool or a component.";
      list.dataset.state = "empty";
      return;
    }
    status.textContent = "Searching\u2026";
    list.dataset.state = "loading";
    engine().then(function (ms) {
      var t0 = performance.now();
      var hits = find(ms, q);
      irpSearch.lastSearchMs = performance.now() - t0;
      list.textContent = "";
      var terms = [];
      hits.slice(0, 50).forEach(function (h) { terms = terms.concat(h.terms); });
      var re = termsRE(terms);
      hits.slice(0, 50).forEach(function (h) {
        var li = doc.createElement("li");
        var a = doc.createElement("a");
        a.href = hitHref(h.doc.url);
        a.textContent = hitLabel(h.doc);
        li.appendChild(a);
        mantaBadges(li, h.doc);
        var sec = doc.createElement("span");
        sec.className = "hit-section";
        sec.textContent = " \u2014 " + h.doc.section;
        if (h.doc.section) li.appendChild(sec);
        var s = doc.createElement("span");
        s.className = "hit-snip";
        appendMarked(s, snippet(h.doc, re, 220), re);
        li.appendChild(s);
        if (h.more.length) {
          var also = doc.createElement("span");
          also.className = "hit-also";
          also.appendChild(doc.createTextNode("Also: "));
          h.more.slice(0, 6).forEach(function (m, k) {
            if (k) also.appendChild(doc.createTextNode(" \u00B7 "));
            var sa = doc.createElement("a");
            sa.href = hitHref(m.doc.url);
            sa.textContent = m.doc.heading;
            also.appendChild(sa);
          });
          li.appendChild(also);
        }
        list.appendChild(li);
      });
      var n = hits.length;
      status.textContent = n === 0 ? "No results for \u201C" + q + "\u201D." :
        (n > 50 ? "Best 50 of " + n : n) + " page" + (n === 1 ? "" : "s") + " for \u201C" + q + "\u201D.";
      list.dataset.state = "done";
      list.dataset.count = String(n);
    }, function (err) {
      status.textContent = "Search is unavailable: " + err.message;
      list.dataset.state = "error";
    });
  }

  /* On a narrow screen the table of contents starts folded. */
  function setupToc() {
    var toc = doc.querySelector("details.toc");
    if (toc && window.matchMedia && window.matchMedia("(max-width: 67.99rem)").matches) toc.open = false;
  }

  // For tests and the benchmark page.
  var irpSearch = {
    root: ROOT, engine: engine, find: find, buildIndexNow: buildIndexNow,
    tokenize: tokenize, processTerm: processTerm, ready: false
  };
  window.irpSearch = irpSearch;

  setupThemeToggle();
  setupCopyButtons();
  setupSearchBox();
  setupResultsPage();
  setupToc();
})();
