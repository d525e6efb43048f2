// Dark mode follows the system unless the reader chose; the choice is kept
// in localStorage (the inline script in <head> applies it before paint).
const html = doc.documentElement;
const darkQuery = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;

function systemDark() {
  return !!(darkQuery && darkQuery.matches);
}

function isDark() {
  const t = html.dataset.theme;
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
  const button = document.getElementById("theme-toggle");
  if (!button) return;
  function sync() {
    const dark = isDark();
    button.setAttribute("aria-pressed", dark ? "true" : "false");
    button.title = dark ? "Switch to light mode" : "Switch to dark mode";
  }
  button.hidden = false;
  button.addEventListener("click", function () {
    const want = isDark() ? "light" : "dark";
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
