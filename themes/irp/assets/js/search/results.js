// The results page: search/index.html?q=TERM.

const PAGE_HITS = 50;

function hitItem(e, h, re, pending) {
  const li = doc.createElement("li");
  const a = doc.createElement("a");
  a.href = hitHref(h.doc.url);
  a.textContent = hitLabel(h.doc);
  li.appendChild(a);
  mantaBadges(li, h.doc);
  if (h.doc.section) {
    const sec = doc.createElement("span");
    sec.className = "hit-section";
    sec.textContent = " \u2014 " + h.doc.section;
    li.appendChild(sec);
  }
  const s = snippetElement();
  pending.push(snippetText(e, h.doc).then(function (text) { fillSnippet(s, text, re, 220); }));
  li.appendChild(s);
  if (h.more.length) {
    const also = doc.createElement("span");
    also.className = "hit-also";
    also.appendChild(doc.createTextNode("Also: "));
    h.more.slice(0, 6).forEach(function (m, k) {
      if (k) also.appendChild(doc.createTextNode(" \u00B7 "));
      const sa = doc.createElement("a");
      sa.href = hitHref(m.doc.url);
      sa.textContent = m.doc.heading;
      also.appendChild(sa);
    });
    li.appendChild(also);
  }
  return li;
}

function setupResultsPage(state) {
  const list = doc.getElementById("search-results");
  if (!list) return;
  const status = doc.getElementById("search-status");
  const box = doc.getElementById("search-page-q");
  const q = (new URLSearchParams(window.location.search).get("q") || "").trim();
  if (box) {
    box.value = q;
    if (!q) box.focus();
  }
  if (!q) {
    status.textContent = "Type a symptom, a tool or a component.";
    list.dataset.state = "empty";
    return;
  }
  doc.title = q + " \u00B7 " + doc.title;
  status.textContent = "Searching\u2026";
  list.dataset.state = "loading";
  engine().then(function (e) {
    const t0 = performance.now();
    return Promise.resolve(find(e, q)).then(function (hits) {
      state.stats.searchMs = performance.now() - t0;
      list.textContent = "";
      const shown = hits.slice(0, PAGE_HITS);
      const re = termsRE(shown);
      const pending = [];
      for (const h of shown) list.appendChild(hitItem(e, h, re, pending));
      state.stats.firstResultMs = performance.now();
      const n = hits.length;
      status.textContent = n === 0 ? "No results for \u201C" + q + "\u201D." :
        (n > PAGE_HITS ? "Best " + PAGE_HITS + " of " + n : n) + " page" + (n === 1 ? "" : "s") + " for \u201C" + q + "\u201D.";
      list.dataset.count = String(n);
      return Promise.all(pending);
    });
  }).then(function () {
    list.dataset.state = "done";
    state.stats.doneMs = performance.now();
  }, function (err) {
    status.textContent = "Search is unavailable: " + err.message;
    list.dataset.state = "error";
  });
}
