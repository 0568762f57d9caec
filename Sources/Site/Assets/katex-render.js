// Typesets TeX for the course site with KaTeX, once, at build time.
// Usage: node katex-render.js KATEX_JS INPUT_JSON
// INPUT_JSON holds an array of {"tex": "...", "display": true|false}; the
// answer on stdout is an array of the same length of {"html": "..."} or
// {"error": "..."}: a formula KaTeX cannot parse is reported, not drawn red.
"use strict";
const fs = require("fs");
const katex = require(process.argv[2]);
const formulas = JSON.parse(fs.readFileSync(process.argv[3], "utf8"));
const answers = formulas.map(({ tex, display }) => {
  try {
    return { html: katex.renderToString(tex, { displayMode: display, throwOnError: true, strict: "ignore" }) };
  } catch (e) {
    return { error: String(e && e.message ? e.message : e) };
  }
});
process.stdout.write(JSON.stringify(answers));
