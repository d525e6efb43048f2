// Copy buttons on code blocks.

function copyFallback(text) {
  // navigator.clipboard needs a secure context and permission, which a
  // page opened from file:// may not have.
  const area = doc.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.top = "0";
  area.style.opacity = "0";
  doc.body.appendChild(area);
  area.select();
  let ok = false;
  try {
    ok = doc.execCommand("copy");
  } catch (e) {
    ok = false;
  }
  area.remove();
  return ok ? Promise.resolve() : Promise.reject(new Error("copy refused"));
}

function copyText(text) {
  if (navigator.clipboard && window.isSecureContext) {
    return navigator.clipboard.writeText(text).catch(function () {
      return copyFallback(text);
    });
  }
  return copyFallback(text);
}

const timers = new WeakMap();

function flash(button, text) {
  button.textContent = text;
  button.classList.add("done");
  clearTimeout(timers.get(button));
  timers.set(button, setTimeout(function () {
    button.textContent = "Copy";
    button.classList.remove("done");
  }, 1800));
}

function onCopy(ev) {
  const button = ev.currentTarget;
  const pre = button.parentNode.querySelector("pre");
  const text = pre ? pre.textContent.replace(/\n$/, "") : "";
  copyText(text).then(function () {
    flash(button, "Copied");
  }, function () {
    flash(button, "Press Ctrl+C");
    const range = doc.createRange();
    range.selectNodeContents(pre);
    const sel = window.getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
  });
}

function setupCopyButtons() {
  const pres = doc.querySelectorAll("main pre");
  for (const pre of pres) {
    let box = pre.parentNode;
    let button = box.classList && box.classList.contains("code") ? box.querySelector("button.copy") : null;
    if (!button) {
      // A block that did not go through the render hook.
      box = doc.createElement("div");
      box.className = "code";
      pre.parentNode.insertBefore(box, pre);
      box.appendChild(pre);
      button = doc.createElement("button");
      button.type = "button";
      button.className = "copy";
      button.textContent = "Copy";
      button.setAttribute("aria-label", "Copy code to clipboard");
      box.appendChild(button);
    }
    button.hidden = false;
    button.addEventListener("click", onCopy);
  }
}
