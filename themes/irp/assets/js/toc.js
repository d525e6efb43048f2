// On a narrow screen the table of contents starts folded.
function setupToc() {
  const toc = document.querySelector("details.toc");
  if (toc && window.matchMedia && window.matchMedia("(max-width: 67.99rem)").matches) toc.open = false;
}
