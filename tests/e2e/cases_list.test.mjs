// End-to-end: the dashboard on / and the case list on /cases, over real cases built by the core
// (examples/case_fixtures.rs) and put into the app's IndexedDB as the store writes them.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start, openPage, ready, shot, assertClean, caseFixtures, seedCases } from "./harness.mjs";

const BULK = 120;
let env;
let fixtures;

before(async () => {
  fixtures = caseFixtures(BULK);
  env = await start();
});
after(async () => { await env?.browser.close(); env?.server.close(); });

/** Opens the app, waits for its database, puts `records` into it and reloads. */
async function seeded(records, opts) {
  const { context, page, problems } = await openPage(env, opts);
  await seedCases(page, env.server.url.replace(/\/$/, ""), records);
  await page.reload();
  await ready(page);
  return { context, page, problems };
}

const idsIn = (page, testid) =>
  page.locator(`[data-testid=${testid}] [data-testid=due-row]`).evaluateAll((rows) => rows.map((r) => r.dataset.case));
const listed = (page) =>
  page.locator("[data-testid=case-row]").evaluateAll((rows) => rows.map((r) => r.dataset.case));

test("with no cases the dashboard says so and offers to register one", async (t) => {
  const { context, page, problems } = await openPage(env);
  await page.goto(env.server.url);
  await ready(page);
  await page.waitForSelector("[data-testid=dashboard-empty]");
  assert.equal(await page.getAttribute("[data-testid=home-new-case]", "href"), "/cases/new");
  assert.equal(await page.getAttribute("[data-testid=home-all-cases]", "href"), "/cases");
  await page.waitForSelector("[data-testid=setup-callout]");
  await page.goto(env.server.url + "cases");
  await ready(page);
  await page.waitForSelector("[data-testid=cases-empty]");
  assertClean(t, env, problems);
  await context.close();
});

test("the dashboard lists overdue, due-today and due-soon periods where the core puts them", async (t) => {
  const { context, page, problems } = await seeded(fixtures.featured);
  await page.waitForSelector("[data-testid=state-counts]");
  for (const bucket of ["overdue", "today", "soon"]) {
    const expected = fixtures.expected.filter((e) => e.bucket === bucket).map((e) => e.id).sort();
    const shown = (await idsIn(page, `due-${bucket}`)).sort();
    assert.deepEqual(shown, expected, bucket);
  }
  // The fixtures always have an overdue reply of the office: 第三十七条 督办.
  assert.ok(fixtures.expected.some((e) => e.id === "WQ-F-REPLY-LATE" && e.bucket === "overdue"));
  const late = page.locator("[data-testid=due-overdue] [data-testid=due-row][data-case=WQ-F-REPLY-LATE]");
  assert.equal(await late.locator("[data-testid=supervise-mark]").count(), 1);
  assert.equal(await late.locator("a").first().getAttribute("href"), "/cases/WQ-F-REPLY-LATE");
  assert.match(await late.textContent(), /陈晓燕（警号 330402）/);
  // Cases with nothing due soon are not listed.
  assert.equal(await page.locator("[data-testid=due-row][data-case=WQ-F-RECEIVED]").count(), 0);
  // Counts by state.
  const counts = await page.locator("[data-testid=state-counts] li").evaluateAll((li) =>
    Object.fromEntries(li.map((l) => [l.dataset.state, Number(l.querySelector(".state-counts__n").textContent)])));
  const byState = {};
  for (const e of fixtures.expected) byState[e.state] = (byState[e.state] || 0) + 1;
  assert.deepEqual(counts, byState);
  await shot(page, "dashboard-1280");
  await page.setViewportSize({ width: 360, height: 800 });
  await shot(page, "dashboard-360");
  assertClean(t, env, problems);
  await context.close();
});

test("the case list filters by state and category, searches by 警号 and name, and keeps the view in the address", async (t) => {
  const { context, page, problems } = await seeded(fixtures.featured);
  await page.goto(env.server.url + "cases");
  await ready(page);
  await page.waitForSelector("[data-testid=cases-table]");
  assert.equal((await listed(page)).length, fixtures.featured.length);
  await shot(page, "cases-1280");

  await page.selectOption("[data-testid=cases-state]", "investigating");
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=case-row]").length === 2);
  assert.deepEqual((await listed(page)).sort(), ["WQ-F-INVEST-LATE", "WQ-F-INVEST-NEW"]);
  // The address follows once the list has been drawn (after the next frame).
  await page.waitForURL(/state=investigating/);

  await page.selectOption("[data-testid=cases-category]", "malicious_complaint");
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=case-row]").length === 1);
  assert.deepEqual(await listed(page), ["WQ-F-INVEST-NEW"]);

  await page.click("[data-testid=cases-clear]");
  await page.waitForFunction((n) => document.querySelectorAll("[data-testid=case-row]").length === n, fixtures.featured.length);

  // Search as you type: 警号, then a name.
  await page.fill("[data-testid=cases-q]", "330402");
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=case-row]").length === 1);
  assert.deepEqual(await listed(page), ["WQ-F-REPLY-LATE"]);
  await page.fill("[data-testid=cases-q]", "王建国");
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=case-row]").length === 2);
  assert.deepEqual((await listed(page)).sort(), ["WQ-F-RECEIVED", "WQ-F-REPLY-TODAY"]);
  await page.check("[data-testid=cases-running]");
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=case-row]").length === 1);
  assert.deepEqual(await listed(page), ["WQ-F-REPLY-TODAY"]);

  // The overdue mark, and the link to the case.
  await page.fill("[data-testid=cases-q]", "");
  await page.uncheck("[data-testid=cases-running]");
  await page.check("[data-testid=cases-overdue]");
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=case-row]").length === 2);
  assert.deepEqual((await listed(page)).sort(), ["WQ-F-INVEST-LATE", "WQ-F-REPLY-LATE"]);
  assert.equal(await page.locator("[data-testid=overdue-mark]").count(), 2);
  assert.equal(await page.locator("[data-testid=case-row][data-case=WQ-F-REPLY-LATE] a").getAttribute("href"), "/cases/WQ-F-REPLY-LATE");
  await page.uncheck("[data-testid=cases-overdue]");

  // The address keeps the view: reload and it is still there.
  await page.fill("[data-testid=cases-q]", "陈晓燕");
  await page.selectOption("[data-testid=cases-sort]", "received");
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=case-row]").length === 1);
  await page.waitForURL((url) => /q=%E9%99%88%E6%99%93%E7%87%95/.test(url) && /sort=received/.test(url));
  await page.reload();
  await ready(page);
  await page.waitForSelector("[data-testid=cases-table]");
  assert.equal(await page.inputValue("[data-testid=cases-q]"), "陈晓燕");
  assert.equal(await page.inputValue("[data-testid=cases-sort]"), "received");
  assert.deepEqual(await listed(page), ["WQ-F-REPLY-LATE"]);

  // A shared address with a unit filter.
  await page.goto(env.server.url + "cases?unit=" + encodeURIComponent("交警支队直属一大队"));
  await ready(page);
  await page.waitForSelector("[data-testid=cases-table]");
  assert.equal(await page.inputValue("[data-testid=cases-unit]"), "交警支队直属一大队");
  assert.deepEqual((await listed(page)).sort(), ["WQ-F-INVEST-LATE", "WQ-F-REPLY-NEW"]);
  assertClean(t, env, problems);
  await context.close();
});

test("120 more cases are paged 50 at a time and the page survives a reload", async (t) => {
  const all = [...fixtures.featured, ...fixtures.bulk];
  const { context, page, problems } = await seeded(all);
  await page.goto(env.server.url + "cases");
  await ready(page);
  await page.waitForSelector("[data-testid=cases-table]");
  const pages = Math.ceil(all.length / 50);
  assert.equal((await listed(page)).length, 50);
  assert.equal(await page.textContent("[data-testid=cases-page]"), `第 1 / ${pages} 页`);
  assert.equal(await page.isDisabled("[data-testid=cases-prev]"), true);
  await shot(page, "cases-paged-1280");
  const first = await listed(page);
  await page.click("[data-testid=cases-next]");
  await page.waitForSelector(`[data-testid=cases-page]:has-text('第 2 / ${pages} 页')`);
  const second = await listed(page);
  assert.equal(second.length, 50);
  assert.equal(second.filter((id) => first.includes(id)).length, 0);
  await page.waitForURL(/page=2/);
  await page.reload();
  await ready(page);
  await page.waitForSelector(`[data-testid=cases-page]:has-text('第 2 / ${pages} 页')`);
  assert.deepEqual(await listed(page), second);
  await page.click("[data-testid=cases-next]");
  await page.waitForSelector(`[data-testid=cases-page]:has-text('第 3 / ${pages} 页')`);
  assert.equal((await listed(page)).length, all.length - 100);
  assert.equal(await page.isDisabled("[data-testid=cases-next]"), true);
  // A filter starts again from page 1.
  await page.selectOption("[data-testid=cases-state]", "received");
  await page.waitForSelector(`[data-testid=cases-page]:has-text('第 1 / ')`);
  await page.waitForURL((url) => /state=received/.test(url) && !/page=/.test(url));
  assertClean(t, env, problems);
  await context.close();
  // The narrow layout, on its own context.
  const narrow = await seeded(fixtures.featured, { width: 360, height: 800 });
  await narrow.page.goto(env.server.url + "cases");
  await ready(narrow.page);
  await narrow.page.waitForSelector("[data-testid=cases-table]");
  await shot(narrow.page, "cases-360");
  assertClean(t, env, narrow.problems);
  await narrow.context.close();
});
