// End-to-end: every route renders in the release build, cleanly; the shell and settings work.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start, openPage, ready, shot, assertClean } from "./harness.mjs";

// Every route of the app and the element that proves its page rendered.
const ROUTES = [
  { path: "/", testid: "home", name: "home" },
  { path: "/cases", testid: "cases", name: "cases" },
  { path: "/settings", testid: "settings", name: "settings" },
  { path: "/calendar", testid: "calendar", name: "calendar" },
  { path: "/rules", testid: "rules", name: "rules" },
  { path: "/rules/20", testid: "article", name: "article-20" },
  { path: "/training", testid: "training", name: "training" },
  { path: "/guide", testid: "guide", name: "guide" },
  { path: "/stats", testid: "stats", name: "stats" },
  { path: "/cases/new", testid: "case-new", name: "case-new" },
  { path: "/cases/WQ-NO-SUCH-CASE", testid: "case", name: "case-missing" },
  { path: "/apply", testid: "apply", name: "apply" },
  { path: "/cases/import", testid: "import-case", name: "import-case" },
  { path: "/no-such-page", testid: "not-found", name: "not-found" },
];

let env;
before(async () => { env = await start(); });
after(async () => { await env?.browser.close(); env?.server.close(); });

for (const route of ROUTES) {
  test(`route ${route.path} renders without errors or foreign requests`, async (t) => {
    const { context, page, problems } = await openPage(env);
    await page.goto(env.server.url.replace(/\/$/, "") + route.path);
    await ready(page);
    await page.waitForSelector(`[data-testid=${route.testid}]`);
    assert.match(await page.title(), /维权工作台/);
    assert.equal(await page.getAttribute("html", "lang"), "zh-CN");
    await shot(page, route.name);
    assertClean(t, env, problems);
    await context.close();
  });
}

test("settings: errors are listed and focused, a valid save shows in the header and survives reload", async (t) => {
  const { context, page, problems } = await openPage(env);
  await page.goto(env.server.url + "settings");
  await ready(page);
  await page.click("[data-testid=settings-save]");
  const summary = page.locator("[data-testid=error-summary]");
  await summary.waitFor();
  assert.equal(await summary.locator("li").count(), 3);
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), "error-summary");
  await shot(page, "settings-errors");
  // A link in the summary moves focus to its field.
  await summary.locator("a").first().click();
  assert.equal(await page.evaluate(() => document.activeElement?.id), "unit-name");

  await page.fill("#unit-name", "  嘉兴市公安局南湖区分局 ");
  await page.check("#unit-level-county");
  await page.fill("#operator", "张三");
  await page.click("[data-testid=settings-save]");
  await page.waitForSelector("[data-testid=settings-saved]");
  assert.equal(await page.textContent("[data-testid=header-unit]"), "嘉兴市公安局南湖区分局");
  await shot(page, "settings-saved");

  await page.reload();
  await ready(page);
  assert.equal(await page.textContent("[data-testid=header-unit]"), "嘉兴市公安局南湖区分局");
  assert.equal(await page.inputValue("#operator"), "张三");
  assert.equal(await page.isChecked("#unit-level-county"), true);
  assertClean(t, env, problems);
  await context.close();
});

test("hostile text in settings is shown as literal text, never as markup", async (t) => {
  const { context, page, problems } = await openPage(env);
  await page.goto(env.server.url + "settings");
  await ready(page);
  const payload = `<img src=x onerror="window.__pwned=1">`;
  await page.fill("#unit-name", payload);
  await page.check("#unit-level");
  await page.fill("#operator", "李四");
  await page.click("[data-testid=settings-save]");
  await page.waitForSelector("[data-testid=settings-saved]");
  assert.equal(await page.textContent("[data-testid=header-unit]"), payload);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.equal(await page.locator("header img").count(), 0);
  assertClean(t, env, problems);
  await context.close();
});

test("a page that fails to load its WebAssembly explains itself in Chinese", async (t) => {
  const { context, page } = await openPage(env);
  await page.route(/\.wasm$/, (r) => r.abort());
  await page.goto(env.server.url);
  await page.waitForSelector("#fatal:not([hidden])", { timeout: 30000 });
  assert.match(await page.textContent("#fatal"), /无法运行/);
  await shot(page, "load-failure");
  await context.close();
});
