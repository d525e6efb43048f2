/* irp theme script: dark-mode toggle, copy buttons, table of contents and
   search. Joined at build time from themes/irp/assets/js (see README.md
   there) into one classic script, so that it runs from file:// too. */
(function () {
"use strict";

const doc = document;
