// Opens every page of the course site from file:// in headless Chromium and
// checks what a reader would notice: console errors, failed requests, TeX
// left untypeset, KaTeX errors, images that do not load, links that lead
// nowhere, a language switch that lands elsewhere, an interactive figure
// that does not move. Saves a screenshot of each report page, wide and
// narrow, for a person to look at.
//
// Usage: node check-site.mjs SITE_DIR SCREENSHOT_DIR [CHROMIUM]
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Browser } from "./cdp.mjs";
import { inspectPage, exerciseExplorer } from "./page-checks.mjs";

const [siteArg, shotsArg, chromium = "chromium-headless-shell"] = process.argv.slice(2);
if (!siteArg || !shotsArg) {
  console.error("usage: node check-site.mjs SITE_DIR SCREENSHOT_DIR [CHROMIUM]");
  process.exit(64);
}
const site = resolve(siteArg);
const shots = resolve(shotsArg);
if (!existsSync(join(site, "index.html"))) {
  console.error(`error: ${site}/index.html does not exist; run make site first`);
  process.exit(1);
}
mkdirSync(shots, { recursive: true });

const WIDE = { width: 1400, height: 900, mobile: false };
const NARROW = { width: 390, height: 844, mobile: true };
const LOAD_TIMEOUT = 20000;

function htmlFiles(dir) {
  return readdirSync(dir).sort().flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return htmlFiles(path);
    return name.endsWith(".html") ? [path] : [];
  });
}

const failures = [];
let passed = 0;
function check(ok, page, what) {
  if (ok) passed += 1;
  else failures.push(`${page}: ${what}`);
}

const browser = await Browser.launch(chromium);
const visited = new Map();     // file path → what the page reported
try {
  for (const file of htmlFiles(site)) {
    const name = relative(site, file);
    const isSource = name.startsWith("source/");
    const widths = isSource ? [WIDE] : [WIDE, NARROW];
    for (const view of widths) {
      const { targetId } = await browser.send("Target.createTarget", { url: "about:blank" });
      const { sessionId } = await browser.send("Target.attachToTarget", { targetId, flatten: true });
      const problems = [];
      const off = browser.on(sessionId, (method, p) => {
        if (method === "Runtime.consoleAPICalled" && (p.type === "error" || p.type === "assert")) {
          problems.push(`console ${p.type}: ${p.args.map((a) => a.value ?? a.description).join(" ")}`);
        } else if (method === "Runtime.exceptionThrown") {
          problems.push(`exception: ${p.exceptionDetails.exception?.description ?? p.exceptionDetails.text}`);
        } else if (method === "Log.entryAdded" && p.entry.level === "error") {
          problems.push(`log error: ${p.entry.text} ${p.entry.url ?? ""}`);
        } else if (method === "Network.loadingFailed") {
          problems.push(`failed request: ${p.errorText} (${p.type})`);
        } else if (method === "Network.responseReceived" && p.response.url.startsWith("http")) {
          problems.push(`network request off the machine: ${p.response.url}`);
        }
      });
      for (const domain of ["Page", "Runtime", "Log", "Network"]) await browser.send(`${domain}.enable`, {}, sessionId);
      await browser.send("Emulation.setDeviceMetricsOverride",
        { width: view.width, height: view.height, deviceScaleFactor: 1, mobile: view.mobile }, sessionId);
      const loaded = browser.next(sessionId, "Page.loadEventFired", LOAD_TIMEOUT);
      await browser.send("Page.navigate", { url: pathToFileURL(file).href }, sessionId);
      await loaded;
      await browser.send("Runtime.evaluate", { expression: "document.fonts.ready.then(() => true)", awaitPromise: true }, sessionId);
      const { result } = await browser.send("Runtime.evaluate",
        { expression: `(${inspectPage.toString()})()`, returnByValue: true }, sessionId);
      const info = result.value;
      const label = `${name} (${view.width}px)`;

      check(problems.length === 0, label, `console errors or failed requests:\n    ${problems.join("\n    ")}`);
      check(info.rawTeX.length === 0, label, `TeX visible as text: ${info.rawTeX.join(" | ")}`);
      check(info.katexErrors === 0, label, `${info.katexErrors} KaTeX error elements`);
      check(info.mathWithoutFont === false, label, "math on the page, but KaTeX's fonts did not load");
      const broken = info.images.filter((i) => !i.ok);
      check(broken.length === 0, label, `images that did not load: ${broken.map((i) => i.src).join(", ")}`);
      const notSVG = info.images.filter((i) => i.inPicture && !i.current.endsWith(".svg"));
      check(notSVG.length === 0, label, `figures shown from PNG although an SVG is offered: ${notSVG.map((i) => i.current).join(", ")}`);
      check(info.overflow <= 1, label, `the page is ${info.overflow}px wider than the window (horizontal scrolling)`);

      if (info.hasExplorer) {
        const r = await exerciseExplorer(browser, sessionId);
        check(r.visible, label, "the interactive figure is not shown");
        check(r.byKeys, label, `ArrowRight on the ρ slider did not change the drawn curve (ρ ${r.rhoBefore} → ${r.rhoAfter})`);
        check(r.byActivation, label, "choosing another activation did not change the drawn curve");
        check(r.identityFlat, label, `identity at ρ = 1 should read 1 at t = 0, the readout says "${r.identityReadout}"`);
      }

      const shot = `${name.replace(/\/index/, "").replace(/\.html$/, "").replace(/\//g, "-")}-${view.width === WIDE.width ? "wide" : "narrow"}.png`;
      if (!isSource) {
        const { cssContentSize } = await browser.send("Page.getLayoutMetrics", {}, sessionId);
        const { data } = await browser.send("Page.captureScreenshot", {
          format: "png", captureBeyondViewport: true,
          clip: { x: 0, y: 0, width: view.width, height: Math.ceil(cssContentSize.height), scale: 1 },
        }, sessionId);
        writeFileSync(join(shots, shot), Buffer.from(data, "base64"));
      }
      off();
      await browser.send("Target.closeTarget", { targetId });
      if (view === WIDE) visited.set(file, info);
    }
  }

  // Links, checked once every page's ids are known.
  let external = 0;
  for (const [file, info] of visited) {
    const name = relative(site, file);
    for (const href of info.links) {
      if (!href.startsWith("file:")) { external += 1; continue; }
      const url = new URL(href);
      const target = fileURLToPath(url);
      const ok = existsSync(target) && statSync(target).isFile();
      check(ok, name, `link to ${href}, which does not exist`);
      if (ok && url.hash && target.endsWith(".html")) {
        const ids = visited.get(target)?.ids ?? [];
        check(ids.includes(decodeURIComponent(url.hash.slice(1))), name, `link to ${href}: no element with that id`);
      }
    }
    for (const s of info.languageSwitch) {
      const target = visited.get(fileURLToPath(new URL(s.href)));
      check(target !== undefined, name, `language switch to ${s.href} leads to no page`);
      if (!target) continue;
      check(target.page === info.page && target.lang === s.lang, name,
        `language switch to ${s.lang} lands on page ${target.page} (${target.lang}), not ${info.page} (${s.lang})`);
    }
    if (!name.startsWith("source/") && info.page !== undefined) {
      check(info.languageSwitch.length > 0, name, "no language switch");
    }
  }
  console.log(`links to other sites (not followed, the check runs offline): ${external}`);
} finally {
  await browser.close();
}

for (const f of failures) console.log(`FAIL ${f}`);
console.log(`screenshots: ${shots}`);
console.log(`${passed} passed, ${failures.length} failed`);
process.exit(failures.length === 0 ? 0 : 1);
