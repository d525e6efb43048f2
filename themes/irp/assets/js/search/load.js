// loadScript adds a script tag for src and resolves once it ran: the only
// way to load data that works from file:// (no fetch there).
function loadScript(src) {
  return new Promise(function (resolve, reject) {
    const s = document.createElement("script");
    s.src = src;
    s.onload = resolve;
    s.onerror = function () { reject(new Error("could not load " + src)); };
    document.head.appendChild(s);
  });
}
