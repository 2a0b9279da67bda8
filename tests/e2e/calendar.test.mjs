// End-to-end: the deadline calculator from shared URLs, and typing into it.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start, openPage, ready, shot, assertClean } from "./harness.mjs";

let env;
before(async () => { env = await start(); });
after(async () => { await env?.browser.close(); env?.server.close(); });

// [query, expected ISO due date, screenshot name]; expectations hand-checked against the
// State Council's 2026 notice (国庆节 10-01..10-07, make-up working day Saturday 10-10).
const CASES = [
  ["from=2026-09-28&workdays=3", "2026-10-08", "calendar-workdays"],
  ["from=2026-09-28&days=30", "2026-10-28", null],
  ["from=2026-09-28&rule=reply", "2026-10-08", "calendar-rule-reply"],
  // 30 calendar days from 2026-09-06 end on Tuesday 10-06, inside the holiday: moves to 10-08.
  ["from=2026-09-06&days=30", "2026-10-08", null],
  // 2026-10-10 is a make-up Saturday and counts: 10-08, 10-09, 10-10.
  ["from=2026-10-07&workdays=3", "2026-10-10", null],
];

for (const [query, due, name] of CASES) {
  test(`calendar?${query} shows ${due}`, async (t) => {
    const { context, page, problems } = await openPage(env);
    await page.goto(`${env.server.url}calendar?${query}`);
    await ready(page);
    await page.waitForSelector("[data-testid=due-date]");
    assert.equal(await page.textContent("[data-testid=due-date]"), due);
    if (name) await shot(page, name);
    assertClean(t, env, problems);
    await context.close();
  });
}

test("a date in a year without an official arrangement is marked provisional", async (t) => {
  const { context, page, problems } = await openPage(env);
  await page.goto(`${env.server.url}calendar?from=2026-12-28&workdays=10`);
  await ready(page);
  await page.waitForSelector("[data-testid=provisional]");
  assert.match(await page.textContent("[data-testid=provisional]"), /2027/);
  await shot(page, "calendar-provisional");
  assertClean(t, env, problems);
  await context.close();
});

test("bad input gets a clear message and typing a fix updates the result and the URL", async (t) => {
  const { context, page, problems } = await openPage(env);
  await page.goto(`${env.server.url}calendar?from=2026-09-28&workdays=-3`);
  await ready(page);
  await page.waitForSelector("#length-error");
  assert.match(await page.textContent("#length-error"), /负数/);
  assert.equal(await page.locator("[data-testid=due-date]").count(), 0);
  await page.fill("#length", "5");
  await page.waitForSelector("[data-testid=due-date]");
  assert.equal(await page.textContent("[data-testid=due-date]"), "2026-10-10");
  await page.waitForURL(/workdays=5/);
  assertClean(t, env, problems);
  await context.close();
});
