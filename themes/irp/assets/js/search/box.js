// The header search box: search as you type, results in a menu.

const MENU_HITS = 8;

function setupSearchBox(state) {
  const input = doc.getElementById("search-box");
  const menu = doc.getElementById("search-menu");
  if (!input || !menu) return;
  const form = input.form;
  let active = -1;
  let seq = 0;

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
    const opts = options();
    if (!opts.length) return;
    if (i < -1) i = opts.length - 1;
    if (i >= opts.length) i = -1;
    for (let k = 0; k < opts.length; k++) opts[k].setAttribute("aria-selected", k === i ? "true" : "false");
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
    const li = doc.createElement("li");
    li.className = "hit-note";
    li.textContent = text;
    menu.appendChild(li);
    open();
  }

  function render(e, q, hits, mine) {
    menu.textContent = "";
    active = -1;
    if (!hits.length) {
      note("No results for \u201C" + q + "\u201D");
      state.menu = { q: q, at: performance.now() };
      return;
    }
    const shown = hits.slice(0, MENU_HITS);
    const re = termsRE(shown);
    shown.forEach(function (h, i) {
      const li = doc.createElement("li");
      li.id = "search-opt-" + i;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      const a = doc.createElement("a");
      a.href = hitHref(h.doc.url);
      a.tabIndex = -1;
      const t = doc.createElement("span");
      t.className = "hit-title";
      t.textContent = hitLabel(h.doc);
      mantaBadges(t, h.doc);
      const s = snippetElement();
      snippetText(e, h.doc).then(function (text) {
        if (mine === seq) fillSnippet(s, text, re, 110);
      }, function () {});
      a.appendChild(t);
      a.appendChild(s);
      li.appendChild(a);
      menu.appendChild(li);
    });
    const more = doc.createElement("li");
    more.className = "hit-more";
    const link = doc.createElement("a");
    link.href = resultsPageHref(q);
    link.tabIndex = -1;
    link.textContent = hits.length > MENU_HITS ? "All " + hits.length + " results \u2192" : "Open as a results page \u2192";
    more.appendChild(link);
    menu.appendChild(more);
    open();
    state.menu = { q: q, at: performance.now() };
  }

  function update() {
    const q = input.value.trim();
    const mine = ++seq;
    if (q.length < 2) {
      close();
      return;
    }
    if (!state.ready) note("Loading the search index\u2026");
    engine().then(function (e) {
      state.ready = true;
      if (mine !== seq) return null;
      return Promise.resolve(find(e, q)).then(function (hits) {
        if (mine === seq) render(e, q, hits, mine);
        prefetchNext(e, q);
      });
    }).catch(function (err) {
      if (mine === seq) note("Search is unavailable: " + err.message);
    });
  }

  input.addEventListener("focus", function () {
    engine().then(function (e) {
      if (!state.ready) prefetch(e);
      state.ready = true;
    }, function () {});
    if (input.value.trim().length >= 2) update();
  });
  input.addEventListener("input", update);
  input.addEventListener("keydown", function (ev) {
    if (ev.key === "ArrowDown") {
      ev.preventDefault();
      if (menu.hidden) update(); else setActive(active + 1);
    } else if (ev.key === "ArrowUp") {
      ev.preventDefault();
      setActive(active - 1);
    } else if (ev.key === "Enter") {
      const opts = options();
      ev.preventDefault();
      if (active >= 0 && opts[active]) {
        window.location.href = opts[active].querySelector("a").href;
      } else if (input.value.trim()) {
        window.location.href = resultsPageHref(input.value.trim());
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
    const t = ev.target;
    const tag = t && t.tagName;
    if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (t && t.isContentEditable)) return;
    ev.preventDefault();
    input.focus();
    input.select();
  });
}
