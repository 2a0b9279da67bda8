// End-to-end: the service worker (public/sw.js, registered by boot.js). After one visit the app
// opens with the network down, and the rulebook and the cases still work; when a new version is
// deployed the page says so in a banner and reloads only when the user presses 重新加载, with
// the form being filled left as it was until then. Served under /weiquan/ from a copy of dist/,
// so that a test can deploy a "new version" into it: the site built for /weiquan/ in
// target/dist-weiquan/ (scripts/test.sh builds it with scripts/dist.sh).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { start, openPage, ready, shot, assertClean, saveUnitSettings, ROOT, SHOTS, registerCase } from "./harness.mjs";
import { serve } from "./server.mjs";

const BASE = "/weiquan/";
let env;
let copy;
before(async () => {
  copy = fs.mkdtempSync(path.join(os.tmpdir(), "weiquan-dist-"));
  fs.cpSync(path.join(ROOT, "target", "dist-weiquan"), copy, { recursive: true });
  assert.match(fs.readFileSync(path.join(copy, "index.html"), "utf8"), /content="\/weiquan\/"/,
    "build it with: PUBLIC_URL=/weiquan/ DIST=target/dist-weiquan bash scripts/dist.sh");
  env = await start({ server: await serve({ root: copy, base: BASE }) });
});
after(async () => {
  await env?.browser.close();
  env?.server.close();
  if (copy) fs.rmSync(copy, { recursive: true, force: true });
});

/** Waits until the service worker controls the page (its files are then in the cache). */
async function controlled(page) {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30000 });
}

test("after one visit the app opens offline; the rulebook and cases still work", async (t) => {
  const { context, page, problems } = await openPage(env);
  await context.clock.setFixedTime(new Date("2026-03-02T09:00:00+08:00"));
  const base = env.server.url.replace(/\/$/, "");
  await saveUnitSettings(page, base);
  await controlled(page);
  // The first installation is no update: no banner.
  assert.equal(await page.isVisible("[data-testid=update-banner]"), false);
  const cached = await page.evaluate(async () => {
    const keys = await caches.keys();
    const cache = await caches.open(keys[0]);
    return { keys, urls: (await cache.keys()).map((r) => new URL(r.url).pathname) };
  });
  assert.equal(cached.keys.length, 1);
  assert.ok(cached.urls.includes("/weiquan/index.html"), cached.urls.join());
  assert.ok(cached.urls.some((u) => u.endsWith(".wasm")), cached.urls.join());
  assert.ok(!cached.urls.some((u) => u.endsWith(".br") || u.endsWith(".gz")), cached.urls.join());

  // The network goes down: the server stops and the browser is offline.
  env.server.close();
  await context.setOffline(true);
  // The next page load must not reach the server.
  const requests = [];
  page.on("requestfinished", (r) => { if (!r.url().startsWith("blob:")) requests.push(r); });

  // A deep link into the rulebook, by reload and by address.
  await page.goto(base + "/rules/20");
  await ready(page);
  await page.waitForSelector("[data-testid=article]");
  assert.match(await page.textContent("[data-testid=article]"), /第二十条/);
  await page.goto(base + "/rules");
  await ready(page);
  await page.fill("input[type=search]", "骂人");
  await page.waitForSelector("[data-testid=rules] .hit__title");
  await page.reload();
  await ready(page);
  assert.equal(await page.inputValue("input[type=search]"), "骂人");
  await shot(page, "offline-rules");

  // Cases are registered and opened while offline (they live in the browser).
  await registerCase(page, base);
  assert.match(page.url(), /\/weiquan\/cases\/WQ-20260302-[0-9A-F]{4}$/);
  await page.waitForSelector("[data-testid=case-state][data-state=Received]");
  await page.reload();
  await ready(page);
  await page.waitForSelector("[data-testid=case-state][data-state=Received]");
  await page.goto(base + "/cases");
  await ready(page);
  assert.equal(await page.locator("[data-testid=cases] a[href^='/weiquan/cases/WQ-']").count(), 1);
  await shot(page, "offline-cases");
  // Every response came from the service worker's cache.
  for (const r of requests) {
    assert.ok((await r.response())?.fromServiceWorker(), `not from the service worker: ${r.url()}`);
  }
  // Offline, the browser's own update check of sw.js fails: expected, and not the app's error.
  const unexpected = problems.filter((p) => !/ERR_INTERNET_DISCONNECTED|Failed to fetch|An unknown error occurred when fetching the script/.test(p));
  assertClean(t, env, unexpected);
  await context.close();
});

test("a new deployment is announced in a banner; the page reloads only when the user asks", async (t) => {
  const server = await serve({ root: copy, base: BASE });
  env.server = server;
  const { context, page, problems } = await openPage(env);
  const base = server.url.replace(/\/$/, "");
  await page.goto(base + "/cases/new");
  await ready(page);
  await controlled(page);
  const firstVersion = await page.evaluate(async () => (await caches.keys()).join());

  // The user is typing when the new version is deployed.
  await page.fill("#officer-name", "李强");
  await page.evaluate(() => { window.__samePage = true; });
  const sw = path.join(copy, "sw.js");
  fs.writeFileSync(sw, fs.readFileSync(sw, "utf8").replace(/"version":"([0-9a-f]+)"/, '"version":"$1-next"'));
  // The page checks for updates hourly; the test does not wait an hour.
  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
  const banner = page.locator("[data-testid=update-banner]");
  await banner.waitFor({ state: "visible" });
  assert.match(await banner.textContent(), /新版本/);
  assert.equal(await banner.locator("button").textContent(), "重新加载");
  // Nothing was reloaded or lost: same page, same input.
  assert.equal(await page.evaluate(() => window.__samePage), true);
  assert.equal(await page.inputValue("#officer-name"), "李强");
  await page.waitForTimeout(1000);
  assert.equal(await page.evaluate(() => window.__samePage), true);
  // As the user sees it: the viewport, with the banner at its bottom over the form.
  await page.screenshot({ path: path.join(SHOTS, "update-banner.png") });
  // The banner comes after the app in reading order: the skip link stays first.
  assert.equal(await page.evaluate(() => document.body.lastElementChild.id), "update-banner");

  // The user presses 重新加载: the new version takes over and the page reloads once.
  await Promise.all([page.waitForEvent("load"), banner.locator("button").click()]);
  await ready(page);
  assert.equal(await page.evaluate(() => window.__samePage), undefined);
  assert.equal(await page.isVisible("[data-testid=update-banner]"), false);
  const versions = await page.evaluate(async () => caches.keys());
  assert.equal(versions.length, 1);
  assert.notEqual(versions[0], firstVersion);
  assert.match(versions[0], /-next$/);
  // The draft of the form survived the reload.
  await page.waitForSelector("[data-testid=draft-restored]");
  assert.equal(await page.inputValue("#officer-name"), "李强");
  assertClean(t, env, problems);
  await context.close();
});
