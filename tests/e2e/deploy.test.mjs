// End-to-end: the shipped dist/ under a sub-path, served by a real nginx with the rules of
// deploy/nginx.conf (rendered as `make dist` renders it): the HTTP rules themselves
// (redirect of the bare base, SPA fallback, 404 for missing files, CSP and security headers,
// precompressed brotli/gzip, caching), then the main journey at /weiquan/: every link stays
// under the base, deep links survive a reload. Needs the site built for /weiquan/ in target/dist-weiquan/
// (scripts/test.sh builds it with scripts/dist.sh, the deployment command).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { start, openPage, ready, shot, assertClean, saveUnitSettings, ROOT, fillCaseForm } from "./harness.mjs";
import { serveWithNginx } from "./nginx.mjs";
import { csp } from "../../scripts/deploy_conf.mjs";

const BASE = "/weiquan/";
const DIST = path.join(ROOT, "target", "dist-weiquan");
let env;
before(async () => {
  const html = fs.readFileSync(path.join(DIST, "index.html"), "utf8");
  assert.match(html, /<meta name="weiquan-base" content="\/weiquan\/">/,
    "build it with: PUBLIC_URL=/weiquan/ DIST=target/dist-weiquan bash scripts/dist.sh");
  env = await start({ server: await serveWithNginx({ dist: DIST, base: BASE }) });
});
after(async () => { await env?.browser.close(); await env?.server.close(); });

/** A raw GET (no automatic decompression or redirects). */
function get(url, headers = {}) {
  return new Promise((resolve, reject) => {
    http.get(url, { headers }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on("error", reject);
  });
}

test("nginx serves the build under /weiquan/ by the rules of deploy/nginx.conf", async () => {
  const origin = new URL(env.server.url).origin;
  const html = fs.readFileSync(path.join(DIST, "index.html"), "utf8");
  const wasm = fs.readdirSync(DIST).find((f) => f.endsWith(".wasm"));
  assert.ok(wasm);

  const bare = await get(origin + "/weiquan");
  assert.equal(bare.status, 301);
  assert.match(bare.headers.location, /\/weiquan\/$/);

  for (const page of ["", "cases/WQ-20260302-ABCD", "rules/31", "calendar?from=2026-03-02&rule=reply"]) {
    const r = await get(origin + BASE + page);
    assert.equal(r.status, 200, page);
    assert.equal(r.body.toString("utf8"), html, `${page}: index.html`);
    assert.equal(r.headers["content-security-policy"], csp(html), page);
    assert.doesNotMatch(r.headers["content-security-policy"], /unsafe-inline/);
    assert.equal(r.headers["cache-control"], "no-cache", page);
    assert.equal(r.headers["x-content-type-options"], "nosniff");
    assert.equal(r.headers["referrer-policy"], "no-referrer");
    assert.equal(r.headers["x-frame-options"], "DENY");
  }

  // Hashed assets: precompressed, cached for a year; the browser gets the same bytes.
  const br = await get(origin + BASE + wasm, { "Accept-Encoding": "gzip, br" });
  assert.equal(br.status, 200);
  assert.equal(br.headers["content-encoding"], "br");
  assert.equal(br.headers["content-type"], "application/wasm");
  assert.equal(br.headers["cache-control"], "public, max-age=31536000, immutable");
  assert.deepEqual(br.body, fs.readFileSync(path.join(DIST, `${wasm}.br`)));
  assert.ok(br.body.length < fs.statSync(path.join(DIST, wasm)).size / 2);
  const gz = await get(origin + BASE + wasm, { "Accept-Encoding": "gzip" });
  assert.equal(gz.headers["content-encoding"], "gzip");
  const plain = await get(origin + BASE + wasm);
  assert.equal(plain.headers["content-encoding"], undefined);
  assert.deepEqual(plain.body, fs.readFileSync(path.join(DIST, wasm)));

  // The reference data the rulebook and quiz fetch: hashed names listed in the page, cached for
  // a year like the module, precompressed.
  const listed = html.match(/<meta name="weiquan-data" content="([^"]*)">/);
  assert.ok(listed, "index.html lists the data files");
  const data = Object.fromEntries(listed[1].split(" ").map((p) => p.split("=")));
  assert.deepEqual(Object.keys(data).sort(),
    ["annotations.json", "articles.json", "editorial.json", "questions.json", "synonyms.json"]);
  for (const [plain, hashed] of Object.entries(data)) {
    assert.match(hashed, new RegExp(`^${plain.replace(".json", "")}-[0-9a-f]{16}\\.json$`));
    const r = await get(origin + BASE + hashed, { "Accept-Encoding": "br" });
    assert.equal(r.status, 200, hashed);
    assert.equal(r.headers["content-encoding"], "br", hashed);
    assert.equal(r.headers["cache-control"], "public, max-age=31536000, immutable", hashed);
    assert.equal((await get(origin + BASE + plain)).status, 404, `${plain}: only the hashed name exists`);
  }

  // Fixed names are revalidated; the manifest has its type; a missing file is a 404.
  const sw = await get(origin + BASE + "sw.js");
  assert.equal(sw.status, 200);
  assert.equal(sw.headers["cache-control"], "no-cache");
  assert.match(sw.headers["content-type"], /javascript/);
  const manifest = await get(origin + BASE + "manifest.webmanifest");
  assert.equal(manifest.headers["content-type"], "application/manifest+json");
  assert.equal(JSON.parse(manifest.body.toString("utf8")).name, "维权工作台");
  const missing = await get(origin + BASE + "weiquan-0000000000000000.js");
  assert.equal(missing.status, 404);
  assert.equal((await get(origin + BASE + "no-such-file.css")).status, 404);
  assert.equal(env.server.errorLog().match(/\[(emerg|alert|crit)\]/), null, env.server.errorLog());
});

test("the main journey works under /weiquan/: links keep the base, deep links survive a reload", async (t) => {
  // Without the service worker, so that every page load and reload is answered by nginx.
  const { context, page, problems } = await openPage(env, { serviceWorkers: "block" });
  await context.clock.setFixedTime(new Date("2026-03-02T09:00:00+08:00"));
  const base = env.server.url.replace(/\/$/, "");

  await page.goto(env.server.url);
  await ready(page);
  await page.waitForSelector("[data-testid=home]");
  const hrefs = await page.$$eval("a[href]", (as) => as.map((a) => a.getAttribute("href")));
  const rooted = hrefs.filter((h) => h.startsWith("/") && !h.startsWith("/weiquan/"));
  assert.deepEqual(rooted, [], "every link of the home page stays under /weiquan/");
  assert.equal(await page.getAttribute(".site-nav a[aria-current=page]", "href"), "/weiquan/");

  await saveUnitSettings(page, base);
  assert.equal(new URL(page.url()).pathname, "/weiquan/settings");
  assert.equal(await page.getAttribute(".site-nav a[aria-current=page]", "href"), "/weiquan/settings");

  // Register a case through the form; the app navigates to the case under the base.
  await page.click(".site-nav >> text=案件");
  await page.waitForSelector("[data-testid=cases]");
  assert.equal(new URL(page.url()).pathname, "/weiquan/cases");
  await page.click("[data-testid=cases-new]");
  await page.waitForSelector("[data-testid=case-new]");
  assert.equal(new URL(page.url()).pathname, "/weiquan/cases/new");
  await fillCaseForm(page);
  await page.click("[data-testid=case-create]");
  await page.waitForURL(/\/weiquan\/cases\/WQ-20260302-[0-9A-F]{4}$/);
  const caseUrl = page.url();
  await page.waitForSelector("[data-testid=case-state][data-state=Received]");
  await page.click("[data-testid=case-action][data-kind=ReportedToCommittee]");
  await page.click("[data-testid=event-submit]");
  await page.waitForSelector("[data-testid=case-state][data-state=Reported]");
  await page.click("[data-testid=case-action][data-kind=CommitteeConsented]");
  await page.click("[data-testid=event-submit]");
  await page.waitForSelector("[data-testid=case-state][data-state=UnderReview]");

  // A deep link into the case survives a reload (nginx's fallback to index.html).
  await page.reload();
  await ready(page);
  await page.waitForSelector("[data-testid=case-state][data-state=UnderReview]");
  const reply = page.locator("[data-testid=deadline][data-period=reply]");
  assert.equal(await reply.locator("[data-testid=deadline-citation]").getAttribute("href"), "/weiquan/rules/31");
  assert.equal(await reply.locator("[data-testid=deadline-trace]").getAttribute("href"),
    "/weiquan/calendar?from=2026-03-02&rule=reply");
  await shot(page, "deploy-subpath-case");

  // The article and the calculation, by their links, then by reloading their addresses.
  await reply.locator("[data-testid=deadline-citation]").click();
  await page.waitForSelector("[data-testid=article]");
  assert.equal(new URL(page.url()).pathname, "/weiquan/rules/31");
  await page.reload();
  await ready(page);
  await page.waitForSelector("[data-testid=article]");
  assert.match(await page.textContent("[data-testid=article]"), /第三十一条/);
  await page.goBack();
  await page.waitForSelector("[data-testid=case-state]");
  assert.equal(page.url(), caseUrl);
  await reply.locator("[data-testid=deadline-trace]").click();
  await page.waitForSelector("[data-testid=calendar]");
  assert.equal(new URL(page.url()).pathname, "/weiquan/calendar");
  await page.reload();
  await ready(page);
  await page.waitForSelector("[data-testid=calendar]");
  assert.match(await page.textContent("[data-testid=calendar]"), /2026年3月5日/);

  // The rulebook's search keeps its query in the address, under the base.
  await page.click(".site-nav >> text=细则");
  await page.waitForSelector("[data-testid=rules]");
  await page.fill("input[type=search]", "骂人");
  await page.waitForURL(/\/weiquan\/rules\?q=/);
  await page.reload();
  await ready(page);
  assert.equal(await page.inputValue("input[type=search]"), "骂人");
  await shot(page, "deploy-subpath-rules");

  // The case list links to the case under the base.
  await page.goto(base + "/cases");
  await ready(page);
  await page.click(`a[href="${new URL(caseUrl).pathname}"]`);
  await page.waitForSelector("[data-testid=case-state]");
  assert.equal(page.url(), caseUrl);
  assertClean(t, env, problems);
  await context.close();
});
