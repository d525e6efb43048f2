// The search engine, over the index the site build wrote (see
// internal/site/index_write.go): nothing is indexed in the page. The
// manifest (search-index.js) names every term; a term's postings, with
// the score each entry gets for it, are in a part loaded on first use, as
// are the texts that snippets are cut from.

const MANIFEST_VERSION = 3;
// Query-time weights of a term found by prefix or by a typo (MiniSearch's,
// which ranked this search before).
const PREFIX_WEIGHT = 0.375;
const FUZZY_WEIGHT = 0.45;
const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const B64_VALUE = new Uint8Array(128);
for (let i = 0; i < B64.length; i++) B64_VALUE[B64.charCodeAt(i)] = i;
const SCORE_STEPS = 256;
const SCORE_FLOOR = 20;

function parts() {
  return window.IRP_SEARCH_PARTS || (window.IRP_SEARCH_PARTS = {});
}

// termKey is a term's first two characters, which choose its part.
function termKey(t) {
  const n0 = t.codePointAt(0) > 0xffff ? 2 : 1;
  if (t.length <= n0) return t;
  return t.slice(0, n0 + (t.codePointAt(n0) > 0xffff ? 2 : 1));
}

// decode reads the postings of one term (see appendPosting in Go).
function decode(s) {
  const cap = s.length >> 2; // an entry takes at least four characters
  const docs = new Int32Array(cap);
  const scores = new Float32Array(cap);
  const other = new Uint8Array(cap);
  let n = 0;
  let doc = 0;
  let i = 0;
  while (i < s.length) {
    const r = readVarint(s, i);
    doc += r[0];
    i = r[1];
    const v = (B64_VALUE[s.charCodeAt(i)] << 12) | (B64_VALUE[s.charCodeAt(i + 1)] << 6) | B64_VALUE[s.charCodeAt(i + 2)];
    i += 3;
    docs[n] = doc;
    scores[n] = Math.exp((v >> 1) / SCORE_STEPS - SCORE_FLOOR);
    other[n] = v & 1;
    n++;
  }
  return { docs: docs.subarray(0, n), scores: scores.subarray(0, n), other: other.subarray(0, n) };
}

// editDistance is the edit distance of a and b when it is at most max,
// else -1.
function editDistance(a, b, max) {
  if (Math.abs(a.length - b.length) > max) return -1;
  let prev = new Array(b.length + 1);
  let cur = new Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (cur[j] < best) best = cur[j];
    }
    if (best > max) return -1;
    const t = prev; prev = cur; cur = t;
  }
  return prev[b.length] <= max ? prev[b.length] : -1;
}

// readVarint reads the base64url varint at s[at] (appendVarint in Go):
// its value and where the next one starts.
function readVarint(s, at) {
  let v = 0;
  let shift = 0;
  let c;
  do {
    c = B64_VALUE[s.charCodeAt(at++)];
    v += (c & 31) * Math.pow(2, shift);
    shift += 5;
  } while (c & 32);
  return [v, at];
}

function Engine(m) {
  this.m = m;
  // Per entry, its page: the manifest has the change from the entry
  // before, zigzag-coded.
  this.page = new Int32Array(m.anchor.length);
  for (let at = 0, k = 0, p = 0; at < m.page.length; k++) {
    const r = readVarint(m.page, at);
    p += r[0] % 2 ? -(r[0] + 1) / 2 : r[0] / 2;
    at = r[1];
    this.page[k] = p;
  }
  this.n = this.page.length;
  const f = m.pages.split("\u2029");
  this.pages = [];
  for (let k = 0; k + 3 < f.length; k += 4) this.pages.push([f[k], f[k + 1], f[k + 2], f[k + 3]]);
  this.headings = null; // split on first use
  this.anchors = null; // entry -> an anchor that is not its heading's slug
  this.groups = new Map();
  for (const key in m.terms) {
    this.groups.set(key, { key: key, part: "t" + m.terms[key][0], raw: m.terms[key][1], terms: null, dec: null });
  }
  this.loads = new Map(); // part name -> promise
  this.byLength = null; // every term by its length, for typo matching: [group, index, ...]
}

Engine.prototype.base = function () {
  return ROOT + this.m.dir + "/";
};

// load resolves once the named part is there.
Engine.prototype.load = function (name) {
  if (parts()[name]) return null;
  let p = this.loads.get(name);
  if (!p) {
    p = loadScript(this.base() + name + ".js?v=" + this.m.build).then(function () {
      if (!parts()[name]) throw new Error("search index part " + name + " is missing: rebuild the site");
    });
    this.loads.set(name, p);
    p.catch(() => this.loads.delete(name));
  }
  return p;
};

Engine.prototype.group = function (key) {
  const g = this.groups.get(key);
  if (g && !g.terms) {
    g.terms = g.raw.split("\u2029");
    g.dec = new Array(g.terms.length);
  }
  return g;
};

// lowerBound is the first index of sorted list at or after t.
function lowerBound(list, t) {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid] < t) lo = mid + 1; else hi = mid;
  }
  return lo;
}

// exact is the place of term t in the index, or null.
Engine.prototype.exact = function (t) {
  const g = this.group(termKey(t));
  if (!g) return null;
  const i = lowerBound(g.terms, t);
  return g.terms[i] === t ? { group: g, index: i, term: t } : null;
};

// prefixed lists the terms that start with t, t itself excluded.
Engine.prototype.prefixed = function (t) {
  const g = this.group(termKey(t));
  const out = [];
  if (!g) return out;
  for (let i = lowerBound(g.terms, t); i < g.terms.length && g.terms[i].startsWith(t); i++) {
    if (g.terms[i] !== t) out.push({ group: g, index: i, term: g.terms[i] });
  }
  return out;
};

// near lists the terms within max edits of t, t itself excluded.
Engine.prototype.near = function (t, max) {
  if (!this.byLength) {
    this.byLength = [];
    for (const key of this.groups.keys()) {
      const g = this.group(key);
      for (let i = 0; i < g.terms.length; i++) {
        const len = g.terms[i].length;
        (this.byLength[len] || (this.byLength[len] = [])).push(g, i);
      }
    }
  }
  const out = [];
  for (let len = Math.max(1, t.length - max); len <= t.length + max; len++) {
    const list = this.byLength[len] || [];
    for (let k = 0; k < list.length; k += 2) {
      const g = list[k];
      const term = g.terms[list[k + 1]];
      const d = editDistance(t, term, max);
      if (d > 0) out.push({ group: g, index: list[k + 1], term: term, distance: d });
    }
  }
  return out;
};

// knows reports whether the index has t, or (long enough for a prefix
// search) a term that starts with it.
Engine.prototype.knows = function (t) {
  return !!this.exact(t) || (t.length >= 3 && this.prefixed(t).length > 0);
};

Engine.prototype.postings = function (c) {
  const g = c.group;
  if (!g.dec[c.index]) g.dec[c.index] = decode(parts()[g.part][g.key][c.index]);
  return g.dec[c.index];
};

// plan is the terms each word of q stands for, with their weights.
Engine.prototype.plan = function (q) {
  const words = [];
  for (const w of queryWords(q)) {
    const whole = wholeTerm(w);
    // A joined word (manta-adm) that the index knows whole is searched
    // whole: its parts would match every page that says "manta". One the
    // index does not know is searched by its parts.
    let subs = whole && JOINERS.test(whole) && this.knows(whole) ? [whole] : processTerm(w);
    if (!Array.isArray(subs)) subs = [subs];
    const word = [];
    for (const s of subs) {
      const cands = [];
      const ex = this.exact(s);
      if (ex) cands.push(Object.assign(ex, { weight: 1 }));
      const seen = new Set();
      // No prefix expansion for fragments under 3 characters: "manta-o"
      // must not turn "o" into every word of the site.
      if (s.length >= 3) {
        for (const c of this.prefixed(s)) {
          seen.add(c.term);
          c.weight = PREFIX_WEIGHT * c.term.length / (c.term.length + 0.3 * (c.term.length - s.length));
          cands.push(c);
        }
      }
      // A word the index does not have, whole or as a prefix, is taken
      // for a typo of a word it has (long words only).
      if (s.length >= 5 && !cands.length) {
        for (const c of this.near(s, Math.min(2, Math.round(s.length * 0.2)))) {
          if (seen.has(c.term)) continue;
          c.weight = FUZZY_WEIGHT * c.term.length / (c.term.length + c.distance);
          cands.push(c);
        }
      }
      word.push({ source: s, cands: cands });
    }
    words.push(word);
  }
  return words;
};

// missing lists the parts a plan needs that are not loaded.
Engine.prototype.missing = function (words) {
  const out = new Set();
  for (const word of words) {
    for (const sub of word) {
      for (const c of sub.cands) if (!parts()[c.group.part]) out.add(c.group.part);
    }
  }
  return Array.from(out);
};

// headingSlug is the anchor the index leaves out (0) because it is the
// heading's: headingSlug in internal/site/index_write.go.
function headingSlug(h) {
  let s = "";
  for (let i = 0; i < h.length; i++) {
    const c = h[i];
    if (c >= "A" && c <= "Z") s += c.toLowerCase();
    else if ((c >= "a" && c <= "z") || (c >= "0" && c <= "9") || c === "-" || c === "_") s += c;
    else if (c === " ") s += "-";
  }
  return s;
}

// heading is entry i's heading, "" at the top of its page.
Engine.prototype.heading = function (i) {
  if (!this.headings) this.headings = this.m.heading.split("\u2029");
  return this.headings[i];
};

// anchor is entry i's anchor, "" at the top of its page.
Engine.prototype.anchor = function (i) {
  const kind = this.m.anchor[i];
  if (kind === "t") return "";
  if (kind === "s") return headingSlug(this.heading(i));
  if (!this.anchors) {
    this.anchors = new Map();
    for (let k = 0, x = 0; k < this.m.anchor.length; k++) {
      if (this.m.anchor[k] === "x") this.anchors.set(k, this.m.anchors[x++]);
    }
  }
  return this.anchors.get(i);
};

// doc is entry i as hits show it.
Engine.prototype.doc = function (i) {
  const p = this.pages[this.page[i]];
  const a = this.anchor(i);
  return {
    id: i, title: p[0], heading: this.heading(i), section: p[2], manta: p[3],
    url: a ? p[1] + "#" + a : p[1]
  };
};

// run scores the plan's entries (every word must match; when none does
// and there are several words, any will do) and groups them by page.
Engine.prototype.run = function (words) {
  const n = this.n;
  const score = new Float64Array(n);
  const matched = new Uint8Array(n); // how many words an entry matched
  const other = new Uint8Array(n); // 1: matched outside the page title
  const termBits = new Uint32Array(n);
  const sources = [];
  const touched = [];
  words.forEach(function (word, w) {
    for (const sub of word) {
      const bit = sources.length < 32 ? 1 << sources.length : 0;
      sources.push(sub.source);
      for (const c of sub.cands) {
        const ps = this.postings(c);
        const weight = c.weight;
        for (let k = 0; k < ps.docs.length; k++) {
          const d = ps.docs[k];
          if (matched[d] === w) {
            if (w === 0) touched.push(d);
            matched[d] = w + 1;
          }
          score[d] += weight * ps.scores[k];
          other[d] |= ps.other[k];
          termBits[d] |= bit;
        }
      }
    }
  }, this);
  const all = words.length;
  let ids = touched.filter(function (d) { return matched[d] === all; });
  if (!ids.length && all > 1) {
    // Any word: the entries of the later words are not in touched.
    ids = [];
    for (let d = 0; d < n; d++) if (score[d] > 0 || termBits[d]) ids.push(d);
  }
  ids.sort(function (a, b) { return score[b] - score[a]; });
  const termsOf = function (d) {
    const out = [];
    for (let k = 0; k < sources.length && k < 32; k++) if (termBits[d] & (1 << k)) out.push(sources[k]);
    return out;
  };
  const out = [];
  const byPage = new Map();
  for (const d of ids) {
    const page = this.page[d];
    const group = byPage.get(page);
    if (!group) {
      const g = { doc: this.doc(d), score: score[d], terms: termsOf(d), more: [] };
      byPage.set(page, g);
      out.push(g);
    } else if (other[d] && this.heading(d)) {
      group.more.push({ doc: this.doc(d), score: score[d], terms: termsOf(d) });
    }
  }
  return out;
};

const stats = { loadMs: 0, docs: 0 };
let loading = null;

// engine loads the manifest (once) and resolves to the engine.
function engine() {
  if (!loading) {
    const t0 = performance.now();
    loading = (window.IRP_SEARCH_INDEX ? Promise.resolve() : loadScript(ROOT + "search-index.js")).then(function () {
      const m = window.IRP_SEARCH_INDEX;
      if (!m || m.v !== MANIFEST_VERSION) throw new Error("the search index (search-index.js) is missing or out of date: rebuild the site");
      const e = new Engine(m);
      stats.loadMs = performance.now() - t0;
      stats.docs = e.n;
      return e;
    });
    loading.catch(function () { loading = null; });
  }
  return loading;
}

// find returns the hits for q, grouped by page, best first: each has the
// best entry of its page and, in `more`, the page's other sections that
// matched in their own text. It returns the array itself when the parts
// of the index it needs are loaded, else a promise of it.
function find(e, q) {
  const words = e.plan(q);
  if (!words.length) return [];
  const missing = e.missing(words);
  if (!missing.length) return e.run(words);
  return Promise.all(missing.map(function (name) { return e.load(name); })).then(function () {
    return e.run(words);
  });
}

// prefetch loads the postings parts not loaded yet, one after another
// while the page is idle, so that later keystrokes seldom wait for one.
function prefetch(e) {
  const names = [];
  for (const g of e.groups.values()) if (names.indexOf(g.part) < 0) names.push(g.part);
  const idle = window.requestIdleCallback || function (fn) { return setTimeout(fn, 50); };
  (function next() {
    const name = names.shift();
    if (!name) return;
    idle(function () { Promise.resolve(e.load(name)).then(next, next); });
  })();
}

// prefetchNext loads the postings part the next keystroke may need: that
// of the terms that start with the last word of q, when it is two
// characters long (which searches no prefix yet; the third character
// will, in that part).
function prefetchNext(e, q) {
  const toks = tokenize(String(q).toLowerCase()).filter(Boolean);
  const w = toks.length ? toks[toks.length - 1].replace(/^[._-]+/, "") : "";
  const g = w.length === 2 && e.groups.get(w);
  if (g) e.load(g.part);
}

// snippetText resolves to the text of entry d: {text, summary, symptoms}.
function snippetText(e, d) {
  const name = "x" + Math.floor(d.id / e.m.chunk);
  return Promise.resolve(e.load(name)).then(function () {
    const row = parts()[name][d.id % e.m.chunk];
    return { text: row[0], summary: row[1] || "", symptoms: row[2] || "" };
  });
}
