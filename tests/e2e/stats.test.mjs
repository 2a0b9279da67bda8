// End-to-end: the statistics page on /stats over real cases built by the core
// (examples/case_fixtures.rs), its figures checked against the records, and its three exports
// downloaded and read back.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { start, openPage, ready, shot, assertClean, ROOT, caseFixtures, seedCases } from "./harness.mjs";

let env;
let fixtures;

const CATEGORY_LABELS = {
  assault: "袭警",
  obstruction: "阻碍执行职务",
  insult: "侮辱",
  defamation: "诽谤",
  false_accusation: "诬告陷害",
  threat_or_harassment: "威胁、信息干扰",
  privacy_violation: "侵犯隐私",
  malicious_complaint: "恶意投诉",
};

before(async () => {
  fixtures = caseFixtures(0);
  env = await start();
});
after(async () => { await env?.browser.close(); env?.server.close(); });

/** Opens the app, waits for its database, puts `records` into it and opens /stats. */
async function seeded(records, opts) {
  const { context, page, problems } = await openPage(env, opts);
  await seedCases(page, env.server.url.replace(/\/$/, ""), records);
  await page.goto(env.server.url.replace(/\/$/, "") + "/stats");
  await ready(page);
  return { context, page, problems };
}

/** The rows of a count table as { label: count }. */
async function table(page, testid) {
  const rows = await page.locator(`[data-testid=${testid}] tbody tr`).evaluateAll((trs) =>
    trs.map((tr) => [tr.querySelector("th").textContent.trim(), Number(tr.querySelector("td").textContent.trim())]));
  return Object.fromEntries(rows);
}

/** Clicks `testid` and returns the downloaded file's name and bytes. */
async function download(page, testid) {
  const [file] = await Promise.all([page.waitForEvent("download"), page.click(`[data-testid=${testid}]`)]);
  const bytes = fs.readFileSync(await file.path());
  return { name: file.suggestedFilename(), bytes };
}

/** Sets the receipt-date range covering every fixture. */
async function coverAll(page) {
  const first = fixtures.featured.map((r) => r.received_on).sort()[0];
  await page.fill("[data-testid=stats-from]", first);
  await page.dispatchEvent("[data-testid=stats-from]", "change");
  await page.fill("[data-testid=stats-to]", fixtures.today);
  await page.dispatchEvent("[data-testid=stats-to]", "change");
  await page.waitForSelector(`[data-testid=stats-heading]:has-text('${first} 至 ${fixtures.today}')`);
}

test("with no cases the statistics page says so", async (t) => {
  const { context, page, problems } = await openPage(env);
  await page.goto(env.server.url.replace(/\/$/, "") + "/stats");
  await ready(page);
  await page.waitForSelector("[data-testid=stats-empty]");
  assert.equal(await page.inputValue("[data-testid=stats-from]"), `${fixtures.today.slice(0, 4)}-01-01`);
  assert.equal(await page.inputValue("[data-testid=stats-to]"), `${fixtures.today.slice(0, 4)}-12-31`);
  assert.match(await page.textContent("nav.site-nav"), /统计/);
  assertClean(t, env, problems);
  await context.close();
});

test("the figures shown match the seeded cases", async (t) => {
  const records = fixtures.featured;
  const { context, page, problems } = await seeded(records);
  await page.waitForSelector("[data-testid=stats-summary]");
  const year = fixtures.today.slice(0, 4);
  const thisYear = records.filter((r) => r.received_on.startsWith(year));
  assert.equal(Number(await page.textContent("[data-testid=stats-total]")), thisYear.length);
  await coverAll(page);
  assert.equal(Number(await page.textContent("[data-testid=stats-total]")), records.length);
  assert.equal(Number(await page.textContent("[data-testid=stats-open]")), records.length);

  const byCategory = await table(page, "by-category");
  for (const [key, label] of Object.entries(CATEGORY_LABELS)) {
    const expected = records.filter((r) => r.categories.includes(key)).length;
    assert.equal(byCategory[label], expected, label);
  }
  const byUnit = await table(page, "by-unit");
  const units = {};
  for (const r of records) units[r.unit] = (units[r.unit] ?? 0) + 1;
  assert.deepEqual(byUnit, units);
  const byMonth = await table(page, "by-month");
  assert.equal(Object.values(byMonth).reduce((a, b) => a + b, 0), records.length);

  // Every running period past its due date is one the dashboard puts under 已逾期.
  const overdue = fixtures.expected.filter((e) => e.bucket === "overdue").length;
  assert.equal(Number(await page.textContent("[data-testid=stats-overdue]")), overdue);

  // 第三十八条: every member unit of 第十条 is listed, even without tasks.
  assert.equal(await page.locator("[data-testid=member-units] tbody tr").count(), 10);

  // The charts are images with a text alternative naming every figure.
  const alt = await page.getAttribute("[data-testid=chart-category] svg", "aria-label");
  assert.match(alt, new RegExp(`袭警 ${byCategory["袭警"]} 件`));
  assert.equal(await page.getAttribute("[data-testid=chart-month] svg", "role"), "img");
  assert.equal(await page.locator("[data-testid=chart-category] rect").count(), Object.keys(CATEGORY_LABELS).length);

  await shot(page, "stats-1280");
  await page.emulateMedia({ media: "print" });
  await shot(page, "stats-print");
  await page.emulateMedia({ media: "screen" });
  assertClean(t, env, problems);
  await context.close();
});

test("the three exports download with the expected contents", async (t) => {
  const records = fixtures.featured;
  const { context, page, problems } = await seeded(records);
  await page.waitForSelector("[data-testid=stats-summary]");
  await coverAll(page);

  const list = await download(page, "export-cases");
  assert.match(list.name, /\.csv$/);
  assert.deepEqual([...list.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const lines = list.bytes.toString("utf8").slice(1).split("\r\n").filter((l) => l !== "");
  assert.equal(lines[0].split(",")[0], "案件编号");
  assert.equal(lines.length, records.length + 1);
  assert.deepEqual(lines.slice(1).map((l) => l.split(",")[0]).sort(), records.map((r) => r.id).sort());

  const stats = await download(page, "export-stats");
  assert.deepEqual([...stats.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const statLines = stats.bytes.toString("utf8").slice(1).split("\r\n");
  assert.equal(statLines[0], "统计项,项目,数值");
  assert.ok(statLines.includes(`概况,收到案件,${records.length}`));
  const assaults = records.filter((r) => r.categories.includes("assault")).length;
  assert.ok(statLines.includes(`侵权类型,袭警,${assaults}`));

  const ics = await download(page, "export-ics");
  assert.match(ics.name, /\.ics$/);
  const text = ics.bytes.toString("utf8");
  assert.ok(text.startsWith("BEGIN:VCALENDAR\r\n"));
  assert.ok(text.endsWith("END:VCALENDAR\r\n"));
  const unfolded = text.replace(/\r\n /g, "");
  const events = unfolded.split("BEGIN:VEVENT").length - 1;
  const running = records.filter((r) => r.next_due !== null).length;
  assert.equal(events, running);
  for (const r of records.filter((r) => r.next_due !== null)) {
    assert.ok(unfolded.includes(`SUMMARY:案件${r.id} `), r.id);
    assert.ok(unfolded.includes(`DTSTART;VALUE=DATE:${r.next_due.replaceAll("-", "")}`), r.id);
  }
  for (const line of text.split("\r\n")) assert.ok(Buffer.byteLength(line) <= 75, line);
  assertClean(t, env, problems);
  await context.close();
});

test("a reversed range is refused and the range exports are disabled; narrow screens stack", async (t) => {
  const { context, page, problems } = await seeded(fixtures.featured, { width: 360, height: 800 });
  await page.waitForSelector("[data-testid=stats-summary]");
  await coverAll(page);
  await shot(page, "stats-360");
  // Parts of the long narrow page at full size, to look at.
  await page.locator("[data-testid=chart-category]").screenshot({ path: path.join(ROOT, "target", "e2e", "stats-360-category.png") });
  await page.locator("[data-testid=chart-month]").screenshot({ path: path.join(ROOT, "target", "e2e", "stats-360-month.png") });
  await page.locator("[data-testid=periods]").screenshot({ path: path.join(ROOT, "target", "e2e", "stats-360-periods.png") });
  await page.fill("[data-testid=stats-from]", "2030-01-01");
  await page.dispatchEvent("[data-testid=stats-from]", "change");
  await page.waitForSelector("[data-testid=stats-range-error]");
  assert.equal(await page.isDisabled("[data-testid=export-cases]"), true);
  assert.equal(await page.isDisabled("[data-testid=export-stats]"), true);
  assert.equal(await page.isDisabled("[data-testid=export-ics]"), false);
  assertClean(t, env, problems);
  await context.close();
});
