// How text becomes search terms. internal/site/index.go applies the same
// rules when it writes the index: change both together.
//
// Terms keep letters, digits and the joiners . - _ together, so that tool
// names like manta-adm and moraystat.d survive as one token; processTerm
// then gives the whole token and each of its parts.
const SPLIT = /[^\p{L}\p{N}._-]+/u;
const JOINERS = /[._-]+/;
const JOINER_ENDS = /^[._-]|[._-]$/;
const LETTER = /^\p{L}$/u;
const STOP = new Set(("a an and are as at be by can do does for from has have how i if in into is it its " +
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

// processTerm is a token's terms: the whole token and, when it is joined,
// its parts.
function processTerm(term) {
  term = wholeTerm(term);
  if (!term || !JOINERS.test(term)) return term;
  const out = [term];
  for (const part of term.split(JOINERS)) {
    if (part && !STOP.has(part) && !LETTER.test(part)) out.push(part);
  }
  return out;
}

// queryWords returns the raw words of q that leave at least one term.
function queryWords(q) {
  return tokenize(q).filter(function (w) { return w && processTerm(w); });
}
