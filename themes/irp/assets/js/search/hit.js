// One search hit as DOM, for the header menu and the results page alike.


// hitHref turns an index URL (relative to the site root, "tools/x/#a")
// into a link from this page that also works from file://.
function hitHref(url) {
  let hash = "";
  const i = url.indexOf("#");
  if (i >= 0) {
    hash = url.slice(i);
    url = url.slice(0, i);
  }
  url = url.replace(/^\/+/, "");
  if (url === "" || /\/$/.test(url)) url += "index.html";
  return ROOT + url + hash;
}

function resultsPageHref(q) {
  return ROOT + "search/index.html?q=" + encodeURIComponent(q);
}

function hitLabel(d) {
  return d.heading ? d.title + " \u203A " + d.heading : d.title;
}

function escapeRE(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

// termsRE matches any of the terms the hits matched, longest first.
function termsRE(hits) {
  let terms = [];
  for (const h of hits) terms = terms.concat(h.terms);
  const list = Array.from(new Set(terms)).sort(function (a, b) { return b.length - a.length; }).slice(0, 30);
  if (!list.length) return null;
  return new RegExp(list.map(escapeRE).join("|"), "gi");
}

// appendMarked appends text to el with what re matches wrapped in <mark>.
function appendMarked(el, text, re) {
  if (!re) {
    el.appendChild(doc.createTextNode(text));
    return;
  }
  let last = 0;
  let m;
  re.lastIndex = 0;
  while ((m = re.exec(text)) !== null) {
    if (m[0] === "") {
      re.lastIndex++;
      continue;
    }
    if (m.index > last) el.appendChild(doc.createTextNode(text.slice(last, m.index)));
    const mark = doc.createElement("mark");
    mark.textContent = m[0];
    el.appendChild(mark);
    last = m.index + m[0].length;
  }
  if (last < text.length) el.appendChild(doc.createTextNode(text.slice(last)));
}

// snippet is about `width` characters of an entry's text around the first
// match of re, from the field that shows why it matched.
function snippet(t, re, width) {
  let text = t.text || t.summary || t.symptoms || "";
  if (re) {
    for (const f of [t.text, t.summary, t.symptoms]) {
      re.lastIndex = 0;
      if (f && re.test(f)) {
        text = f;
        break;
      }
    }
  }
  // The index separates blocks with U+2029 (for the leak check); shown
  // as a space.
  text = text.replace(/\u2029/g, " ");
  if (text.length <= width) return text;
  let at = 0;
  if (re) {
    re.lastIndex = 0;
    const m = re.exec(text);
    if (m) at = m.index;
  }
  let start = Math.max(0, at - Math.floor(width / 3));
  if (start > 0) {
    const sp = text.indexOf(" ", start);
    if (sp > 0 && sp < at) start = sp + 1;
  }
  let end = Math.min(text.length, start + width);
  if (end < text.length) {
    const sp2 = text.lastIndexOf(" ", end);
    if (sp2 > start + width / 2) end = sp2;
  }
  return (start > 0 ? "\u2026 " : "") + text.slice(start, end) + (end < text.length ? " \u2026" : "");
}

// mantaBadges appends to el one badge per Manta version the hit's page
// applies to (cheat-sheets and scenarios say which).
function mantaBadges(el, d) {
  if (!d.manta) return;
  for (const v of d.manta.split(" ")) {
    const b = doc.createElement("span");
    b.className = "badge badge-manta";
    b.textContent = "Manta " + v;
    el.appendChild(doc.createTextNode(" "));
    el.appendChild(b);
  }
}

// snippetElement is an empty span.hit-snip; fillSnippet puts the text in
// once it is there (the engine may load it on demand).
function snippetElement() {
  const s = doc.createElement("span");
  s.className = "hit-snip";
  return s;
}

function fillSnippet(el, text, re, width) {
  el.textContent = "";
  appendMarked(el, snippet(text, re, width), re);
}
