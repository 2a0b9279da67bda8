// Shared set-up for the end-to-end tests: one server on loopback, one headless Chromium, and
// per-page guards that fail a test on any console error, page error, request to another
// origin or CSP violation.
import path from "node:path";
import fs from "node:fs";
import { execFileSync } from "node:child_process";
import { chromium } from "playwright-core";
import { serve } from "./server.mjs";

export const ROOT = path.resolve(new URL("../..", import.meta.url).pathname);
export const SHOTS = path.join(ROOT, "target", "e2e");

/** The test server (tests/e2e/server.mjs on dist/, or `server` if given: e.g. nginx, or a copy
 * of dist/) and the browser. */
export async function start({ base = "/", server: given } = {}) {
  fs.mkdirSync(SHOTS, { recursive: true });
  const server = given ?? await serve({ root: path.join(ROOT, "dist"), base });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
      "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  return { server, browser };
}

/** A fresh browser context and page, with the guards attached. `serviceWorkers: "block"` keeps
 * the app's service worker out, so that every request reaches the server. */
export async function openPage(env, { width = 1280, height = 900, serviceWorkers = "allow" } = {}) {
  const context = await env.browser.newContext({
    viewport: { width, height }, locale: "zh-CN", timezoneId: "Asia/Shanghai", serviceWorkers,
  });
  const page = await context.newPage();
  const problems = [];
  const origin = new URL(env.server.url).origin;
  page.on("console", (m) => { if (m.type() === "error") problems.push(`console error: ${m.text()}`); });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("request", (r) => {
    const u = r.url();
    if (!u.startsWith(origin) && !u.startsWith("data:") && !u.startsWith("blob:")) problems.push(`request to another origin: ${u}`);
  });
  return { context, page, problems };
}

/** Waits until the app has mounted. */
export async function ready(page) {
  await page.waitForSelector("body[data-app=ready]", { timeout: 30000 });
}

export async function shot(page, name) {
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

export function assertClean(t, env, problems) {
  const all = [...problems, ...env.server.cspReports.map((r) => `CSP violation: ${r}`)];
  if (all.length) throw new Error(all.join("\n"));
}

/** Saves a unit (南湖区分局, county level) and the operator 张三 through the settings form;
 * case events need an operator. `base` is the server URL without its trailing slash. */
export async function saveUnitSettings(page, base) {
  await page.goto(base + "/settings");
  await ready(page);
  await page.fill("#unit-name", "嘉兴市公安局南湖区分局");
  await page.check("#unit-level-county");
  await page.fill("#operator", "张三");
  await page.click("[data-testid=settings-save]");
  await page.waitForSelector("[data-testid=settings-saved]");
}

/** Today in Shanghai, as the app computes it. */
export function todayShanghai() {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
}

/** Cases built by the core (examples/case_fixtures.rs) for `today` (yyyy-mm-dd), with `bulk`
 * extra ones. */
export function caseFixtures(bulk = 0, today = todayShanghai()) {
  const json = execFileSync("cargo", ["run", "-q", "--example", "case_fixtures", "--", today, String(bulk)],
    { cwd: ROOT, encoding: "utf8", maxBuffer: 64 << 20 });
  return JSON.parse(json);
}

/** The `case_rows` record of a `cases` record, as `store::cases::row_of` derives it (the list's
 * small row: index fields, officer's name and summary; `unreadable` when the case text is not
 * JSON). Every raw write of `cases` in a test must write this row in the same transaction. */
export function caseRowOf(record) {
  const row = {
    id: record.id, state: record.state, received_on: record.received_on, updated_at: record.updated_at,
    unit: record.unit, categories: record.categories, officer_badge: record.officer_badge,
    officer_name: "", summary: "",
  };
  if (record.next_due !== null && record.next_due !== undefined) row.next_due = record.next_due;
  try {
    const facts = JSON.parse(record.case_json).facts;
    row.officer_name = facts.officer.name;
    row.summary = facts.summary;
  } catch (e) {
    row.unreadable = String(e.message);
  }
  return row;
}

/** Opens the app at `base`, waits for its database and puts `records` (case fixtures) into it
 * as the store writes them (each case with its `case_rows` row). The caller navigates on. */
export async function seedCases(page, base, records) {
  await page.goto(base + "/");
  await ready(page);
  await page.waitForSelector("[data-testid=db-status]:has-text('本机数据库已就绪')");
  await page.evaluate(async ({ records, rows }) => {
    const db = await new Promise((resolve, reject) => {
      const req = indexedDB.open("weiquan");
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    await new Promise((resolve, reject) => {
      const tx = db.transaction(["cases", "case_rows"], "readwrite");
      const store = tx.objectStore("cases");
      for (const r of records) {
        const record = { ...r };
        if (record.next_due === null) delete record.next_due;
        store.put(record);
      }
      for (const row of rows) tx.objectStore("case_rows").put(row);
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  }, { records, rows: records.map(caseRowOf) });
}

/** Fills the open /cases/new form as a user would: an officer insulted off site. */
export async function fillCaseForm(page) {
  await page.check("#applicant-kind");
  await page.check("#status");
  await page.fill("#officer-name", "王明");
  await page.fill("#officer-badge", "012345");
  await page.fill("#officer-unit", "南湖区分局解放派出所");
  await page.check("#harmed");
  await page.fill("#incident-date", "2026-03-01");
  await page.fill("#incident-time", "20:30");
  await page.fill("#incident-place", "解放路与中山路交叉口");
  await page.check("#duty");
  await page.check("#site-off_site");
  await page.check("#grounds");
  await page.check("#categories-insult");
  await page.check("#injury");
  await page.fill("#summary", "王明在处置纠纷时被当事人当众辱骂。");
}

/** Registers a case on /cases/new (an officer insulted off site, filled as a user would; the
 * operator must be set) and waits for its page; returns the case's URL. */
export async function registerCase(page, base) {
  await page.goto(base + "/cases/new");
  await ready(page);
  await page.waitForSelector("[data-testid=case-new]");
  await fillCaseForm(page);
  await page.click("[data-testid=case-create]");
  await page.waitForURL(/\/cases\/WQ-/);
  await page.waitForSelector("[data-testid=case-state]");
  await page.waitForSelector("[data-testid=evidence]");
  return page.url();
}
