// What the browser test asks each page. `inspectPage` runs inside the page
// (it is sent as source text, so it must not use anything from this file).

/** Runs in the page: what a reader would see, as plain data. */
export function inspectPage() {
  // The text a reader sees, less code (where `$` and `\` are Swift and
  // Python) and less KaTeX's hidden MathML copy (which keeps the TeX for
  // screen readers and copy-paste, on purpose).
  const clone = document.body.cloneNode(true);
  clone.querySelectorAll(".katex-mathml, pre, code, script, style").forEach((e) => e.remove());
  const text = clone.textContent;
  const rawTeX = [];
  const patterns = [
    /\$\$[\s\S]{0,40}/g,                        // display-math delimiters left over
    /\$[^\s$][^$\n]{0,80}?[^\s$\\]\$/g,          // $…$ left over
    /\$[^\s$\d]\$/g,                            // a one-letter $x$
    /\\(?:[A-Za-z]{2,}|[{}_^|,;!])/g,           // a TeX command: \frac, \mathbf, \|
  ];
  for (const p of patterns) for (const m of text.matchAll(p)) rawTeX.push(m[0].slice(0, 60));

  const math = document.querySelectorAll(".katex").length;
  const katexFonts = [...document.fonts].filter((f) => f.family.replace(/"/g, "").startsWith("KaTeX") && f.status === "loaded");
  const images = [...document.images].map((i) => ({
    src: i.getAttribute("src"),
    current: i.currentSrc,
    ok: i.complete && i.naturalWidth > 0,
    inPicture: i.parentElement?.tagName === "PICTURE",
  }));
  return {
    lang: document.documentElement.lang,
    page: document.documentElement.dataset.page,
    rawTeX,
    katexErrors: document.querySelectorAll(".katex-error").length,
    mathWithoutFont: math > 0 && katexFonts.length === 0,
    images,
    links: [...document.querySelectorAll("a[href]")].map((a) => a.href),
    languageSwitch: [...document.querySelectorAll(".lang-switch a")].map((a) => ({ href: a.href, lang: a.getAttribute("hreflang") })),
    ids: [...document.querySelectorAll("[id]")].map((e) => e.id),
    overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    hasExplorer: document.getElementById("gradient-explorer") !== null,
  };
}

/**
 * Drives lesson 05's figure as a reader would: focus the ρ slider and press
 * the right arrow key (a real key event, which moves the slider and fires
 * its `input` event), then pick another activation; the drawn path must
 * change each time. Finally identity at ρ = 1 must read 1 at t = 0 (every
 * singular value of W_hh is 1 and the identity keeps norms).
 */
export async function exerciseExplorer(browser, sessionId) {
  const evaluate = async (expression) =>
    (await browser.send("Runtime.evaluate", { expression, returnByValue: true }, sessionId)).result.value;
  const key = async (code, keyCode) => {
    for (const type of ["keyDown", "keyUp"]) {
      await browser.send("Input.dispatchKeyEvent",
        { type, key: code, code, windowsVirtualKeyCode: keyCode, nativeVirtualKeyCode: keyCode }, sessionId);
    }
  };
  const curve = () => evaluate(`document.getElementById("explorer-curve")?.getAttribute("d") ?? ""`);
  const rho = () => evaluate(`document.getElementById("explorer-rho-value").textContent`);

  const visible = await evaluate(`(() => { const f = document.getElementById("gradient-explorer");
    return !f.hidden && f.getBoundingClientRect().height > 100; })()`);
  await evaluate(`document.getElementById("explorer-rho").focus()`);
  const before = await curve(), rhoBefore = await rho();
  for (let k = 0; k < 3; k++) await key("ArrowRight", 39);
  const afterKeys = await curve(), rhoAfter = await rho();

  await evaluate(`(() => { const s = document.getElementById("explorer-activation");
    s.value = "sigmoid"; s.dispatchEvent(new Event("change")); })()`);
  const afterActivation = await curve();

  await evaluate(`(() => { const s = document.getElementById("explorer-activation");
    s.value = "identity"; s.dispatchEvent(new Event("change"));
    const r = document.getElementById("explorer-rho"); r.value = "1"; r.dispatchEvent(new Event("input")); })()`);
  const identityReadout = await evaluate(`document.getElementById("explorer-readout").textContent`);
  // Put the figure back as the page first showed it, for the screenshot.
  await evaluate(`(() => { const s = document.getElementById("explorer-activation");
    s.value = "tanh"; s.dispatchEvent(new Event("change"));
    const r = document.getElementById("explorer-rho"); r.value = "${rhoBefore}"; r.dispatchEvent(new Event("input"));
    r.blur(); })()`);
  return {
    visible,
    rhoBefore, rhoAfter,
    byKeys: before.length > 0 && afterKeys !== before && rhoAfter !== rhoBefore,
    byActivation: afterActivation.length > 0 && afterActivation !== afterKeys,
    identityReadout,
    identityFlat: (identityReadout.match(/\d\.\d\de[+−]\d+/) ?? [""])[0] === "1.00e+0",
  };
}
