// End-to-end: the settings that change how deadlines are counted (readings, the unit's own
// holiday years, import and export) reach the calculator, survive a reload, and the storage
// section reports the browser's state.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { start, openPage, ready, shot, assertClean, saveUnitSettings, registerCase } from "./harness.mjs";

let env;
before(async () => { env = await start(); });
after(async () => { await env?.browser.close(); env?.server.close(); });

const url = (path) => env.server.url.replace(/\/$/, "") + path;

async function dueDate(page) {
  await page.waitForSelector("[data-testid=due-date]");
  return page.textContent("[data-testid=due-date]");
}

/** The source badge of a year in the holiday table. */
async function yearSource(page, year) {
  return page.textContent(`[data-testid=hy-year-${year}] [data-testid=hy-source]`);
}

// 2026-11-05 is a Thursday and November 2026 has no holiday. Findings are due 3 日 after
// 核查完毕: read as calendar days (the default) that is 11-06, 11-07, 11-08; the 8th is a Sunday,
// so the last day moves to Monday 11-09. Read as working days it is Fri 11-06, Mon 11-09,
// Tue 11-10.
const FINDINGS = "/calendar?from=2026-11-05&rule=findings";

test("changing the findings reading moves the due date in the calculator at once and it names the reading", async (t) => {
  const { context, page, problems } = await openPage(env);
  await page.goto(url(FINDINGS));
  await ready(page);
  assert.equal(await dueDate(page), "2026-11-09");
  assert.match(await page.textContent(".calc__readings"), /按自然日计算3日/);

  // Client-side navigation, so "at once" means without reloading the app.
  await page.click("nav.site-nav a[href='/settings']");
  const readings = page.locator("[data-testid=settings-readings]");
  await readings.waitFor();
  const findings = page.locator("[data-testid=reading-findings-unit]");
  assert.match(await findings.locator("legend").textContent(), /核查完毕3日内/);
  assert.match(await findings.textContent(), /第三十二条第一款/);
  // The default is marked, and only once per question.
  assert.equal(await findings.locator(".tag").count(), 1);
  assert.match(await findings.locator(".choice").first().textContent(), /默认/);
  assert.equal(await page.isChecked("#reading-findings-unit-0"), true);
  await page.check("#reading-findings-unit-1");
  await readings.locator("text=有未保存的更改").waitFor();
  await page.click("[data-testid=readings-save]");
  await page.waitForSelector("[data-testid=readings-saved]");
  assert.match(await page.textContent("[data-testid=readings-in-force]"), /1个问题/);
  await shot(page, "settings-readings-saved");

  await page.goBack();
  await page.waitForSelector("[data-testid=calendar]");
  assert.equal(await dueDate(page), "2026-11-10");
  assert.match(await page.textContent(".calc__readings"), /按工作日计算3日/);

  // The reading is kept in this browser: a full reload still uses it.
  await page.reload();
  await ready(page);
  assert.equal(await dueDate(page), "2026-11-10");

  // 「恢复默认」 puts the tool's reading back.
  await page.click("nav.site-nav a[href='/settings']");
  await page.click("[data-testid=readings-restore]");
  await page.waitForSelector("[data-testid=readings-saved]");
  assert.equal(await page.isChecked("#reading-findings-unit-0"), true);
  await page.goBack();
  await page.waitForSelector("[data-testid=calendar]");
  assert.equal(await dueDate(page), "2026-11-09");
  assertClean(t, env, problems);
  await context.close();
});

test("the extension read as 60 extra days is counted after the 30 working days and named", async (t) => {
  const { context, page, problems } = await openPage(env);
  await page.goto(url("/calendar?from=2026-03-02&rule=extension"));
  await ready(page);
  const total = await dueDate(page);
  await page.click("nav.site-nav a[href='/settings']");
  await page.check("#reading-extension-1");
  await page.click("[data-testid=readings-save]");
  await page.waitForSelector("[data-testid=readings-saved]");
  await page.goBack();
  await page.waitForSelector("[data-testid=calendar]");
  const extra = await dueDate(page);
  // 60 days after the end of 30 working days necessarily ends later than 60 days in total.
  assert.ok(extra > total, `${extra} should be later than ${total}`);
  assert.match(await page.textContent(".calc__readings"), /30个工作日届满后再延长60日/);
  assertClean(t, env, problems);
  await context.close();
});

// 2026-12-30 is a Wednesday. Without a 2027 arrangement, 3 working days are Thu 12-31,
// Fri 2027-01-01 (judged by weekends only) and Mon 01-04, marked provisional. With 元旦
// 2027-01-01..01-03 entered: Thu 12-31 counts, Fri 01-01 to Sun 01-03 are the holiday, then
// Mon 01-04 and Tue 01-05 count, so the due date is Tuesday 2027-01-05 and no longer provisional.
const NEW_YEAR = "/calendar?from=2026-12-30&workdays=3";

test("a 2027 arrangement entered by the unit makes the count firm and skips the holiday", async (t) => {
  const { context, page, problems } = await openPage(env);
  await page.goto(url(NEW_YEAR));
  await ready(page);
  assert.equal(await dueDate(page), "2027-01-04");
  await page.waitForSelector("[data-testid=provisional]");

  await page.goto(url("/settings#holidays"));
  await ready(page);
  await page.waitForSelector("[data-testid=hy-year-2027]");
  assert.match(await yearSource(page, "2027"), /未收录/);
  assert.match(await yearSource(page, "2026"), /内置/);
  assert.match(await page.textContent("[data-testid=settings-holidays]"), /秋季/);

  // A wrong entry: no name and the range backwards. Every problem is listed; nothing is lost.
  const form = page.locator("[data-testid=hy-form]");
  await page.fill("#hy-year", "2027");
  const row = form.locator("[data-testid=hy-holiday-row]").first();
  await row.locator("input[type=date]").first().fill("2027-01-03");
  await row.locator("input[type=date]").last().fill("2027-01-01");
  await page.click("[data-testid=hy-add-workday]");
  await form.locator("[data-testid=hy-workday-row] input").fill("2027-01-06");
  await page.click("[data-testid=hy-save]");
  const summary = form.locator("[data-testid=error-summary]");
  await summary.waitFor();
  const listed = await summary.locator("li").allTextContents();
  assert.equal(listed.length, 3, listed.join("\n"));
  assert.ok(listed.some((m) => /没有填写名称/.test(m)));
  assert.ok(listed.some((m) => /早于开始日期/.test(m)));
  assert.ok(listed.some((m) => /星期三/.test(m)));
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), "error-summary");
  assert.equal(await form.locator(".field-error").count(), 3);
  assert.equal(await page.inputValue("#hy-year"), "2027");
  assert.equal(await row.locator("input[type=date]").first().inputValue(), "2027-01-03");
  await shot(page, "settings-holidays-errors");

  await row.locator("input[type=text]").fill("元旦");
  await row.locator("input[type=date]").first().fill("2027-01-01");
  await row.locator("input[type=date]").last().fill("2027-01-03");
  await form.locator("[data-testid=hy-workday-row] button").click();
  await page.click("[data-testid=hy-save]");
  await page.waitForSelector("[data-testid=hy-saved]");
  assert.match(await yearSource(page, "2027"), /本单位添加/);
  assert.equal(await page.inputValue("#hy-year"), "");

  await page.goto(url(NEW_YEAR));
  await ready(page);
  assert.equal(await dueDate(page), "2027-01-05");
  assert.equal(await page.locator("[data-testid=provisional]").count(), 0);
  assert.match(await page.textContent(".trace"), /元旦/);

  // 「修改」 loads the saved year into the form; cancelling leaves it as it was.
  await page.goto(url("/settings#holidays"));
  await ready(page);
  await page.click("[data-testid=hy-year-2027] >> text=修改");
  assert.match(await form.locator("h3").textContent(), /修改2027年的安排/);
  await page.waitForFunction(() => document.activeElement?.id === "hy-year");
  assert.equal(await page.inputValue("#hy-year"), "2027");
  assert.equal(await row.locator("input[type=text]").inputValue(), "元旦");
  assert.equal(await row.locator("input[type=date]").last().inputValue(), "2027-01-03");
  await form.locator("text=取消修改").click();
  assert.equal(await page.inputValue("#hy-year"), "");

  // Deleting the year (after confirming) makes 2027 unknown again.
  await page.click("[data-testid=hy-delete-2027]");
  // Focus moves to the confirmation, so keyboard users land on the question.
  await page.waitForFunction(() => document.activeElement?.dataset.testid === "hy-delete-confirm");
  await page.click("[data-testid=hy-delete-confirm]");
  await page.waitForSelector("[data-testid=hy-saved]");
  assert.match(await yearSource(page, "2027"), /未收录/);
  await page.goto(url(NEW_YEAR));
  await ready(page);
  assert.equal(await dueDate(page), "2027-01-04");
  await page.waitForSelector("[data-testid=provisional]");
  assertClean(t, env, problems);
  await context.close();
});

const GOOD_FILE = {
  about: "测试用节假日安排",
  years: {
    "2027": { holidays: [{ name: "元旦", from: "2027-01-01", to: "2027-01-03" }], workdays: [] },
    "2028": { holidays: [{ name: "元旦", from: "2028-01-01", to: "2028-01-03" }], workdays: [] },
  },
};

function file(name, text) {
  return { name, mimeType: "application/json", buffer: Buffer.from(text, "utf8") };
}

test("a holiday file is previewed then imported whole, a broken one changes nothing, and export round-trips", async (t) => {
  const { context, page, problems } = await openPage(env);
  await page.goto(url("/settings#holidays"));
  await ready(page);
  await page.waitForSelector("[data-testid=hy-year-2027]");
  assert.equal(await page.isDisabled("[data-testid=hy-export]"), true);

  // Broken files: a range backwards, bad JSON, and one over the size limit. Each is refused
  // with its reason, and the table is unchanged.
  const backwards = { years: { "2027": { holidays: [{ name: "元旦", from: "2027-01-03", to: "2027-01-01" }] } } };
  await page.setInputFiles("#hy-import-file", file("backwards.json", JSON.stringify(backwards)));
  await page.waitForSelector("[data-testid=hy-import-refused]");
  assert.match(await page.textContent("[data-testid=hy-import-refused]"), /2027年：.*早于开始日期/);
  await shot(page, "settings-import-refused");
  await page.setInputFiles("#hy-import-file", file("cut.json", '{"years": {"2027": '));
  await page.waitForSelector("[data-testid=hy-import-refused] >> text=/文件不完整/");
  await page.setInputFiles("#hy-import-file", file("huge.json", " ".repeat(300 * 1024)));
  await page.waitForSelector("[data-testid=hy-import-refused] >> text=/文件过大/");
  assert.equal(await page.locator("[data-testid=hy-import-preview]").count(), 0);
  assert.match(await yearSource(page, "2027"), /未收录/);

  // A good file: previewed first, applied only on confirmation.
  await page.setInputFiles("#hy-import-file", file("holidays.json", JSON.stringify(GOOD_FILE)));
  const preview = page.locator("[data-testid=hy-import-preview]");
  await preview.waitFor();
  assert.equal(await page.locator("[data-testid=hy-import-refused]").count(), 0);
  assert.equal(await preview.locator("tbody tr").count(), 2);
  assert.match(await preview.textContent(), /2027年新增/);
  assert.match(await yearSource(page, "2027"), /未收录/);
  await shot(page, "settings-import-preview");
  await page.click("[data-testid=hy-import-confirm]");
  await page.waitForSelector("[data-testid=hy-saved]");
  assert.match(await yearSource(page, "2027"), /本单位添加/);
  assert.match(await yearSource(page, "2028"), /本单位添加/);

  // Export writes the same years in the same format.
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("[data-testid=hy-export]")]);
  assert.match(download.suggestedFilename(), /^weiquan-holidays-\d{8}\.json$/);
  const exported = JSON.parse(fs.readFileSync(await download.path(), "utf8"));
  assert.deepEqual(exported.years, GOOD_FILE.years);

  // Importing the exported file again changes nothing, and says so.
  await page.setInputFiles("#hy-import-file", file("again.json", JSON.stringify(exported)));
  await preview.waitFor();
  assert.match(await preview.textContent(), /相同，不变/);
  await preview.locator("text=取消").click();

  // Everything survives a reload, and the calculator uses the imported year.
  await page.reload();
  await ready(page);
  await page.waitForSelector("[data-testid=hy-year-2028]");
  assert.match(await yearSource(page, "2027"), /本单位添加/);
  assert.match(await yearSource(page, "2028"), /本单位添加/);
  await page.goto(url(NEW_YEAR));
  await ready(page);
  assert.equal(await dueDate(page), "2027-01-05");
  assertClean(t, env, problems);
  await context.close();
});

test("the storage section reports the database, persistence and usage, and asks for persistence", async (t) => {
  const { context, page, problems } = await openPage(env);
  await page.goto(url("/settings#storage"));
  await ready(page);
  const storage = page.locator("[data-testid=settings-storage]");
  await storage.locator("[data-testid=db-status] >> text=/可用/").waitFor();
  await storage.locator("[data-testid=storage-usage] >> text=/MB/").waitFor();
  assert.doesNotMatch(await storage.locator("[data-testid=persisted-status]").textContent(), /正在查询/);
  assert.match(await storage.textContent(), /HTTPS/);
  // Served from loopback, the page is a secure context: no warning about it.
  assert.equal(await page.locator("[data-testid=insecure-context]").count(), 0);
  if (await page.isEnabled("[data-testid=persist-request]")) {
    await page.click("[data-testid=persist-request]");
    await page.waitForSelector("[data-testid=persist-outcome]");
  }
  await shot(page, "settings-storage");
  assertClean(t, env, problems);
  await context.close();
});

test("the settings page works at 360 px wide", async (t) => {
  const { context, page, problems } = await openPage(env, { width: 360, height: 800 });
  await page.goto(url("/settings"));
  await ready(page);
  await page.waitForSelector("[data-testid=hy-year-2027]");
  await page.click("[data-testid=hy-add-workday]");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
  await shot(page, "settings-360");
  assertClean(t, env, problems);
  await context.close();
});

test("a changed reading computes the stored due dates again, so the dashboard lists a case that became due", async (t) => {
  const { context, page, problems } = await openPage(env);
  const base = env.server.url.replace(/\/$/, "");
  await context.clock.setFixedTime(new Date("2026-03-02T09:00:00+08:00"));
  await saveUnitSettings(page, base);
  const caseUrl = await registerCase(page, base);
  const id = decodeURIComponent(caseUrl.match(/\/cases\/([^/?#]+)/)[1]);
  // A month later. Under the default reading the reply period of a received case has not
  // started, so nothing of it is due and its stored soonest due date is empty.
  await context.clock.setFixedTime(new Date("2026-04-01T09:00:00+08:00"));
  await page.goto(url("/"));
  await ready(page);
  await page.waitForSelector("[data-testid=state-counts]");
  const row = `[data-testid=due-overdue] [data-testid=due-row][data-case="${id}"]`;
  assert.equal(await page.locator(row).count(), 0);
  // Read the reply period as running from receipt: it is now long overdue. The dashboard reads
  // only cases whose stored due date is near, so that date must have been computed again.
  await page.goto(url("/settings"));
  await ready(page);
  await page.check("#reading-reply-start-1");
  await page.click("[data-testid=readings-save]");
  await page.waitForSelector("[data-testid=readings-saved]");
  await page.goto(url("/"));
  await ready(page);
  await page.waitForSelector(row);
  await shot(page, "dashboard-after-reading-change");
  assertClean(t, env, problems);
  await context.close();
});
