// Checklists: each task-list item (li.task, marked by the page template)
// gets a real checkbox labelled by the item's text. Ticks are kept per
// page in localStorage (which works from file:// too), keyed by the item's
// text so that an edited list keeps the rest; a button clears them.
// Without the script the list stays readable, with empty boxes.

const CHECKLIST_KEY = "irp-checklist:";

function taskText(li) {
  let text = "";
  for (const n of li.childNodes) {
    if (n.nodeType === 1 && (n.tagName === "UL" || n.tagName === "OL")) break;
    text += n.textContent;
  }
  return text.replace(/\s+/g, " ").trim();
}

function readTicks(key) {
  try {
    return new Set(JSON.parse(localStorage.getItem(key) || "[]"));
  } catch (e) {
    return new Set();
  }
}

function writeTicks(key, ticks) {
  try {
    if (ticks.size) localStorage.setItem(key, JSON.stringify(Array.from(ticks)));
    else localStorage.removeItem(key);
  } catch (e) { /* storage off: the ticks last for this page only */ }
}

function setupChecklists() {
  const items = doc.querySelectorAll("main li.task");
  if (!items.length) return;
  const key = CHECKLIST_KEY + location.pathname;
  const ticks = readTicks(key);
  const boxes = [];
  items.forEach(function (li, i) {
    const text = taskText(li);
    const box = doc.createElement("input");
    box.type = "checkbox";
    box.className = "task";
    box.id = "task-" + (i + 1);
    box.checked = ticks.has(text);
    box.addEventListener("change", function () {
      if (box.checked) ticks.add(text); else ticks.delete(text);
      writeTicks(key, ticks);
    });
    // The label holds the item's own text (links included), not a
    // nested list.
    const label = doc.createElement("label");
    label.htmlFor = box.id;
    const marker = li.querySelector(":scope > .task-box");
    if (marker) marker.remove();
    while (li.firstChild && !(li.firstChild.nodeType === 1 && /^(UL|OL)$/.test(li.firstChild.tagName))) {
      label.appendChild(li.firstChild);
    }
    li.insertBefore(label, li.firstChild);
    li.insertBefore(box, label);
    boxes.push(box);
  });
  const p = doc.createElement("p");
  p.className = "task-clear";
  const clear = doc.createElement("button");
  clear.type = "button";
  clear.textContent = "Clear all ticks";
  clear.addEventListener("click", function () {
    for (const b of boxes) b.checked = false;
    ticks.clear();
    writeTicks(key, ticks);
  });
  p.appendChild(clear);
  const prose = items[0].closest(".prose") || items[0].parentNode.parentNode;
  prose.insertBefore(p, prose.firstChild);
}
