// Wires the parts to the page. Last of the files joined into js/irp.js.

// The page's hooks for tests and benchmarks (documented in README.md).
const irpSearch = {
  root: ROOT, engine: engine, find: find, stats: stats,
  tokenize: tokenize, processTerm: processTerm, ready: false
};
window.irpSearch = irpSearch;

setupThemeToggle();
setupCopyButtons();
setupSearchBox(irpSearch);
setupResultsPage(irpSearch);
setupToc();
setupChecklists();
