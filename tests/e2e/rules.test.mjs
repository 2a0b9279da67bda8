// End-to-end: the rulebook: contents, search as you type, lay words, deep links, unknown articles.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start, openPage, ready, shot, assertClean } from "./harness.mjs";

let env;
before(async () => { env = await start(); });
after(async () => { await env?.browser.close(); env?.server.close(); });

test("the contents list all 43 articles, grouped", async (t) => {
  const { context, page, problems } = await openPage(env);
  await page.goto(`${env.server.url}rules`);
  await ready(page);
  await page.waitForSelector("[data-testid=rules-toc]");
  assert.equal(await page.locator(".toc__list li").count(), 43);
  assertClean(t, env, problems);
  await context.close();
});

// Lay queries and the article each must put first.
const QUERIES = [["骂人", "21"], ["网上造谣", "22"], ["堵门", "24"], ["偷拍", "25"], ["几天答复", "31"]];

for (const [q, first] of QUERIES) {
  test(`typing “${q}” puts 第${first}条 first, with the hit highlighted`, async (t) => {
    const { context, page, problems } = await openPage(env);
    await page.goto(`${env.server.url}rules`);
    await ready(page);
    await page.fill("[data-testid=rules-q]", q);
    const hit = page.locator("[data-testid=rules-hit]").first();
    await hit.waitFor();
    assert.equal(await hit.getAttribute("data-article"), first);
    assert.ok((await hit.locator("mark").count()) > 0, "hits are highlighted");
    await page.waitForURL(/\?q=/);
    if (q === "骂人") await shot(page, "rules-search");
    assertClean(t, env, problems);
    await context.close();
  });
}

test("a shared search URL shows its results, and a result opens the article at its anchor", async (t) => {
  const { context, page, problems } = await openPage(env);
  await page.goto(`${env.server.url}rules?q=${encodeURIComponent("偷拍")}`);
  await ready(page);
  const link = page.locator("[data-testid=rules-hit] a").first();
  await link.click();
  await page.waitForSelector("[data-testid=article][data-article='25']");
  assert.match(page.url(), /\/rules\/25/);
  assertClean(t, env, problems);
  await context.close();
});

test("an article shows its text, editor's notes, annotations and deep-linkable items", async (t) => {
  const { context, page, problems } = await openPage(env);
  await page.goto(`${env.server.url}rules/20#p1-i2`);
  await ready(page);
  await page.waitForSelector("[data-testid=article]");
  assert.match(await page.textContent("[data-testid=article] h1"), /第二十条/);
  assert.ok(await page.locator("#p1-i2").isVisible());
  assert.match(await page.textContent("[data-testid=article]"), /编者注/);
  assert.ok((await page.locator("[data-testid=annotation]").count()) > 0);
  assert.match(await page.textContent("[data-testid=article]"), /第六十一条/);
  await shot(page, "article-20-full");
  await page.click("a[rel=next]");
  await page.waitForSelector("[data-testid=article][data-article='21']");
  assertClean(t, env, problems);
  await context.close();
});

test("the rulebook's text is fetched from the site, not carried in the module; a failed fetch is explained", async (t) => {
  const { context, page, problems } = await openPage(env);
  const fetched = [];
  page.on("request", (r) => { if (/\.json$/.test(new URL(r.url()).pathname)) fetched.push(new URL(r.url()).pathname); });
  await page.goto(env.server.url);
  await ready(page);
  assert.deepEqual(fetched, [], "the home page needs none of the reference data");
  await page.click("a[href$='/rules']");
  await page.waitForSelector("[data-testid=rules-toc]");
  assert.deepEqual(fetched.map((f) => f.replace(/-[0-9a-f]{16}/, "")).sort(),
    ["/annotations.json", "/articles.json", "/editorial.json", "/synonyms.json"]);
  // Within the visit the text is kept: the next article fetches nothing more.
  await page.click("a[href$='/rules/31']");
  await page.waitForSelector("[data-testid=article][data-article='31']");
  assert.equal(fetched.length, 4);
  assertClean(t, env, problems);
  await context.close();

  const broken = await openPage(env);
  await broken.page.route(/articles-[0-9a-f]{16}\.json$/, (r) => r.abort());
  await broken.page.goto(`${env.server.url}rules/20`);
  await ready(broken.page);
  const error = broken.page.locator("[data-testid=reference-error]");
  await error.waitFor();
  assert.match(await error.textContent(), /无法读取细则和题库数据.*请刷新页面重试/);
  // The rest of the app still works.
  await broken.page.click("a[href$='/calendar']");
  await broken.page.waitForSelector("[data-testid=calendar]");
  await broken.context.close();
});

test("an article number that does not exist is explained", async (t) => {
  const { context, page, problems } = await openPage(env);
  await page.goto(`${env.server.url}rules/44`);
  await ready(page);
  await page.waitForSelector("[data-testid=article-missing]");
  assertClean(t, env, problems);
  await context.close();
});
