// The search engine: MiniSearch over the index the site build wrote
// (search-index.js), both loaded with script tags on first use.

const FIELDS = ["title", "heading", "symptoms", "summary", "text"];

function searchOptions(docsById) {
  return {
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
      const d = docsById.get(id);
      if (!d || d.heading) return 1;
      if (d.titleTerm === undefined) d.titleTerm = wholeTerm(d.title || "");
      return d.titleTerm === term ? 4 : 1.25;
    }
  };
}

// newEngine indexes docs; the engine is what find searches.
function newEngine(docs) {
  const docsById = new Map();
  for (const d of docs) docsById.set(d.id, d);
  const ms = new window.MiniSearch({
    fields: FIELDS,
    idField: "id",
    tokenize: tokenize,
    processTerm: processTerm,
    searchOptions: { tokenize: tokenize, processTerm: processTerm }
  });
  ms.addAll(docs);
  return { ms: ms, docsById: docsById, options: searchOptions(docsById) };
}

let loading = null;
const stats = { loadMs: 0, buildMs: 0, docs: 0 };

// engine loads MiniSearch and the index (once) and resolves to the engine.
function engine() {
  if (!loading) {
    const t0 = performance.now();
    loading = Promise.all([
      window.MiniSearch ? null : loadScript(ROOT + "js/minisearch.min.js"),
      window.IRP_SEARCH_INDEX ? null : loadScript(ROOT + "search-index.js")
    ]).then(function () {
      const data = window.IRP_SEARCH_INDEX;
      if (!window.MiniSearch) throw new Error("MiniSearch did not load");
      if (!data || !data.docs) throw new Error("the search index (search-index.js) is missing: rebuild the site");
      const t1 = performance.now();
      stats.loadMs = t1 - t0;
      stats.docs = data.docs.length;
      const e = newEngine(data.docs);
      stats.buildMs = performance.now() - t1;
      return e;
    });
  }
  return loading;
}

// onlyTitle reports whether a hit matched through the page title alone,
// as every section of a page named after the query does.
function onlyTitle(hit) {
  for (const term in hit.match) {
    for (const field of hit.match[term]) if (field !== "title") return false;
  }
  return true;
}

// find runs q against the engine: every word must match (a word matches
// through any of its parts); when that finds nothing, any word will do.
// Hits are grouped by page, best first: each has the best entry of its
// page and, in `more`, the page's other sections that matched in their
// own text.
function find(e, q) {
  const words = queryWords(q);
  if (!words.length) return [];
  // A joined word (manta-adm) that the index knows whole is searched
  // whole: its parts would match every page that says "manta". One the
  // index does not know is searched by its parts.
  const sub = words.map(function (w) {
    const whole = wholeTerm(w);
    if (whole && JOINERS.test(whole) && e.ms.search(whole, { processTerm: wholeTerm, fuzzy: false }).length) {
      return { combineWith: "OR", queries: [w], processTerm: wholeTerm };
    }
    return { combineWith: "OR", queries: [w] };
  });
  let hits = e.ms.search({ combineWith: "AND", queries: sub }, e.options);
  if (!hits.length && words.length > 1) hits = e.ms.search({ combineWith: "OR", queries: sub }, e.options);
  const out = [];
  const byPage = new Map();
  for (const hit of hits) {
    const d = e.docsById.get(hit.id);
    if (!d || /^search\/(?:index\.html)?(?:#|$)/.test(d.url)) continue;
    const page = d.url.split("#")[0];
    let group = byPage.get(page);
    if (!group) {
      group = { doc: d, score: hit.score, terms: hit.terms, more: [] };
      byPage.set(page, group);
      out.push(group);
    } else if (!onlyTitle(hit) && d.heading) {
      group.more.push({ doc: d, score: hit.score, terms: hit.terms });
    }
  }
  return out;
}

// snippetText resolves to the searchable text of a hit's entry: its text,
// summary and symptoms.
function snippetText(e, d) {
  return Promise.resolve({ text: d.text, summary: d.summary, symptoms: d.symptoms });
}
