// End-to-end: the browser is killed (SIGKILL, no chance to clean up) in the middle of a burst
// of saves, restarted on the same profile, and every save the app confirmed must be there,
// with no case half-written. Chromium is started here (not through Playwright's launcher) so
// that this test holds its process id and can kill it; Playwright attaches over CDP.
// Saves go through the UI: a case registered on /cases/new is confirmed when the app moves to
// its page; an event is confirmed when the page shows the new state. Several rounds, each
// killed after a different, seeded delay.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn } from "node:child_process";
import { chromium } from "playwright-core";
import { serve } from "./server.mjs";
import { ROOT, SHOTS } from "./harness.mjs";

const ROUNDS = 4;
let server;
before(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  server = await serve({ root: path.join(ROOT, "dist"), base: "/" });
});
after(() => server?.close());

/** Starts headless Chromium on `profile`; resolves with the process and its CDP endpoint. */
function launch(profile) {
  const child = spawn(process.env.CHROMIUM || "/usr/bin/chromium", [
    "--headless=new", `--user-data-dir=${profile}`, "--remote-debugging-port=0", "--no-sandbox",
    "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--lang=zh-CN", "about:blank",
  ], { detached: true, stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, TZ: "Asia/Shanghai" } });
  return new Promise((resolve, reject) => {
    let err = "";
    const timer = setTimeout(() => reject(new Error(`Chromium did not start: ${err}`)), 30000);
    child.stderr.on("data", (d) => {
      err += d;
      const m = /DevTools listening on (ws:\/\/\S+)/.exec(err);
      if (m) { clearTimeout(timer); resolve({ child, ws: m[1] }); }
    });
    child.on("exit", (code) => reject(new Error(`Chromium exited (${code}): ${err}`)));
  });
}

/** SIGKILL to Chromium's whole process group (the browser and its renderers); waits for it. */
async function kill(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  process.kill(-child.pid, "SIGKILL");
  await exited;
}

async function open(profile, problems) {
  const { child, ws } = await launch(profile);
  const browser = await chromium.connectOverCDP(ws);
  const context = browser.contexts()[0];
  const page = context.pages()[0] ?? await context.newPage();
  const origin = new URL(server.url).origin;
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("request", (r) => {
    const u = r.url();
    if (!u.startsWith(origin) && !u.startsWith("data:") && !u.startsWith("blob:") && u !== "about:blank") {
      problems.push(`request to another origin: ${u}`);
    }
  });
  return { child, browser, page };
}

async function ready(page) {
  await page.waitForSelector("body[data-app=ready]", { timeout: 30000 });
}

/** Registers one case through the form; resolves with its id once the app shows its page. */
async function registerCase(page, base, n) {
  await page.goto(base + "/cases/new");
  await ready(page);
  await page.waitForSelector("[data-testid=case-new]");
  await page.check("#applicant-kind");
  await page.check("#status");
  await page.fill("#officer-name", `王${n}`);
  await page.fill("#officer-badge", `0${100000 + n}`);
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
  await page.fill("#summary", `第${n}件：处置纠纷时被当事人当众辱骂。`);
  await page.click("[data-testid=case-create]");
  await page.waitForURL(/\/cases\/WQ-/);
  await page.waitForSelector("[data-testid=case-state][data-state=Received]");
  return page.url().split("/").pop();
}

async function record(page, kind, state) {
  await page.click(`[data-testid=case-action][data-kind=${kind}]`);
  await page.waitForSelector("[data-testid=event-form]");
  await page.click("[data-testid=event-submit]");
  await page.waitForSelector(`[data-testid=case-state][data-state=${state}]`);
}

/** Everything in the `cases` and `case_events` stores, read in the page. */
function readStores(page) {
  return page.evaluate(() => new Promise((resolve, reject) => {
    const req = indexedDB.open("weiquan");
    req.onerror = () => reject(req.error);
    req.onsuccess = () => {
      const tx = req.result.transaction(["cases", "case_events"]);
      const out = {};
      const a = tx.objectStore("cases").getAll();
      a.onsuccess = () => { out.cases = a.result; };
      const b = tx.objectStore("case_events").getAll();
      b.onsuccess = () => { out.events = b.result; };
      tx.oncomplete = () => { req.result.close(); resolve(out); };
      tx.onerror = () => reject(tx.error);
    };
  }));
}

/** A small seeded generator, so a failing run can be repeated (CRASH_SEED). */
function rng(seed) {
  let s = seed >>> 0;
  return () => { s = (s * 1664525 + 1013904223) >>> 0; return s / 2 ** 32; };
}

test(`the browser is killed ${ROUNDS} times during a burst of saves; every confirmed save survives whole`, async (t) => {
  const seed = Number(process.env.CRASH_SEED ?? 20261125);
  const random = rng(seed);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "weiquan-crash-"));
  const base = server.url.replace(/\/$/, "");
  const problems = [];
  // id → the revision the app confirmed.
  const confirmed = new Map();
  let settingsConfirmed = false;
  let n = 0;
  let inFlight = 0;
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const { child, page } = await open(profile, problems);
      await page.goto(base + "/settings");
      await ready(page);
      if (!settingsConfirmed) {
        await page.fill("#unit-name", "嘉兴市公安局南湖区分局");
        await page.check("#unit-level-county");
        await page.fill("#operator", "张三");
        await page.click("[data-testid=settings-save]");
        await page.waitForSelector("[data-testid=settings-saved]");
        settingsConfirmed = true;
      } else {
        // The settings confirmed in an earlier round are still there.
        assert.equal(await page.inputValue("#operator"), "张三", `round ${round}: operator lost`);
      }
      // The burst: register a case, report it, register the next…, until the kill.
      const delay = 2500 + Math.floor(random() * 6000);
      let killed = false;
      const burst = (async () => {
        for (;;) {
          n += 1;
          inFlight = n;
          const id = await registerCase(page, base, n);
          confirmed.set(id, 1);
          await record(page, "ReportedToCommittee", "Reported");
          confirmed.set(id, 2);
          await record(page, "CommitteeConsented", "UnderReview");
          confirmed.set(id, 3);
        }
      })().catch((e) => { if (!killed) throw e; });
      await Promise.race([new Promise((r) => setTimeout(r, delay)), burst]);
      killed = true;
      await kill(child);
      await burst;
      t.diagnostic(`round ${round}: killed after ${delay} ms while saving case ${inFlight}; ${confirmed.size} cases confirmed so far`);
    }

    // The last start: everything confirmed is there, whole.
    const { child, browser, page } = await open(profile, problems);
    await page.goto(base + "/cases");
    await ready(page);
    const { cases, events } = await readStores(page);
    const byId = new Map(cases.map((c) => [c.id, c]));
    for (const [id, revision] of confirmed) {
      const c = byId.get(id);
      assert.ok(c, `confirmed case ${id} lost`);
      assert.ok(c.revision >= revision, `case ${id}: revision ${c.revision}, confirmed ${revision}`);
    }
    // No case half-written: the record, its history rows and its own JSON agree.
    for (const c of cases) {
      const rows = events.filter((e) => e.case_id === c.id).map((e) => e.seq).sort((a, b) => a - b);
      assert.deepEqual(rows, Array.from({ length: c.revision }, (_, k) => k + 1), `case ${c.id}: history rows ${rows} for revision ${c.revision}`);
      const inner = JSON.parse(c.case_json);
      assert.equal(inner.id, c.id);
      assert.equal(inner.revision, c.revision, `case ${c.id}: JSON revision`);
      assert.equal(inner.history.length, c.revision, `case ${c.id}: JSON history`);
    }
    assert.equal(events.length, cases.reduce((s, c) => s + c.revision, 0), "history rows without a case");
    // The app itself lists them and opens each.
    await page.waitForSelector("[data-testid=cases-count]");
    const count = await page.textContent("[data-testid=cases-count]");
    assert.match(count, new RegExp(String(cases.length)), count);
    for (const id of [...confirmed.keys()].slice(-3)) {
      await page.goto(`${base}/cases/${id}`);
      await ready(page);
      await page.waitForSelector("[data-testid=case-state]");
      assert.equal(await page.locator("[data-testid=timeline-item]").count(), byId.get(id).revision);
    }
    await page.screenshot({ path: path.join(SHOTS, "crash-after.png"), fullPage: true });
    t.diagnostic(`seed ${seed}: ${confirmed.size} cases confirmed, ${cases.length} stored, ${events.length} history rows; lost: 0`);
    assert.ok(confirmed.size >= ROUNDS, `only ${confirmed.size} confirmed`);
    assert.deepEqual(problems, []);
    await browser.close().catch(() => {});
    await kill(child);
    await new Promise((r) => setTimeout(r, 0));
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
  }
});
