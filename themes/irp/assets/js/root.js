// The site root, from this script's own address (<root>/js/irp.js): the
// same code then works at any depth, over HTTP and opened as files.
const script = document.currentScript;

const ROOT = script ? script.src.replace(/js\/irp\.js(?:[?#].*)?$/, "") : "";
