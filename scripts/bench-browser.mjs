// Browser benchmarks of issue 9, in headless Chromium with the end-to-end harness's launch flags
// and server (tests/e2e). Run through scripts/bench-browser.sh (`make bench-browser`), which builds
// dist/ and the baseline page first. Prints medians with their spread and writes every sample to
// target/bench/browser.json. Figures and what they mean: docs/PERFORMANCE.md.
//
// 1. First-load transfer: every response of a cold load of /, raw, gzip -9 and brotli q11.
// 2. Startup: navigation start to <body data-app=ready>, each load in a new context (cold cache),
//    for the app and for the baseline Leptos page, loads interleaved.
// 3./4. With BENCH_CASES cases (default 10,000 and 50,000, from examples/case_fixtures.rs):
//    bulk import into IndexedDB as the store writes records (cases with their case_rows rows, their
//    history rows, files); the case list's load through the app's store against a plain-JS getAll
//    of the store it reads (case_rows; and of cases, for reference); the dashboard;
//    search keystrokes on the case list; JS heap plus WebAssembly memory.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import os from "node:os";
import { execFileSync } from "node:child_process";
import { start, openPage, ready, ROOT, caseRowOf } from "../tests/e2e/harness.mjs";
import { serve } from "../tests/e2e/server.mjs";

const LOADS = Number(process.env.BENCH_LOADS || 20);
const DATA_RUNS = Number(process.env.BENCH_DATA_RUNS || 3);
const SIZES = (process.env.BENCH_CASES || "10000,50000").split(",").map(Number).filter((n) => n > 0);
const LIST_LOADS = 5;
const OUT = path.join(ROOT, "target", "bench");
const BASELINE = path.join(ROOT, "target", "baseline-dist");
const FIXTURE_DIR = path.join(ROOT, "dist", "__bench");

// ---------------------------------------------------------------- statistics and printing

const sorted = (xs) => [...xs].sort((a, b) => a - b);
function quantile(xs, q) {
  const s = sorted(xs);
  if (!s.length) return NaN;
  const i = (s.length - 1) * q;
  const lo = Math.floor(i);
  return s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (i - lo);
}
const stats = (xs) => ({ n: xs.length, median: quantile(xs, 0.5), p25: quantile(xs, 0.25), p75: quantile(xs, 0.75),
  p95: quantile(xs, 0.95), min: Math.min(...xs), max: Math.max(...xs) });
const ms = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const fmt = (s) => `${ms(s.median)} ms (p25–p75 ${ms(s.p25)}–${ms(s.p75)}, min–max ${ms(s.min)}–${ms(s.max)}, n=${s.n})`;
const kb = (b) => `${(b / 1000).toFixed(1)} KB`;
const mb = (b) => `${(b / 1e6).toFixed(1)} MB`;
const verdict = (ok) => (ok ? "met" : "MISSED");
const report = [];
function say(line = "") { console.log(line); report.push(line); }

// ---------------------------------------------------------------- page instrumentation

// Runs before any page script (CDP, so the CSP does not apply): records when the app is ready,
// when the case list shows its count and when the dashboard shows its counts, and keeps the
// WebAssembly instance Trunk's loader announces.
const INSTRUMENT = () => {
  const b = (window.__bench = { ready: 0, count: 0, dash: 0, wasm: null });
  addEventListener("TrunkApplicationStarted", (e) => { b.wasm = e.detail && e.detail.wasm; });
  new MutationObserver(() => {
    const now = performance.now();
    if (!b.ready && document.body && document.body.dataset.app === "ready") b.ready = now;
    if (!b.count) {
      const c = document.querySelector("[data-testid=cases-count]");
      if (c && c.textContent.startsWith("共")) b.count = now;
    }
    if (!b.dash && document.querySelector("[data-testid=state-counts]")) b.dash = now;
  }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
};

async function instrumented(env, server) {
  const opened = await openPage({ ...env, server });
  await opened.page.addInitScript(INSTRUMENT);
  return opened;
}

function checkClean(problems, where) {
  if (problems.length) throw new Error(`${where}:\n${problems.join("\n")}`);
}

// ---------------------------------------------------------------- 1. first-load transfer

async function transfer(env, server, label) {
  const { context, page, problems } = await instrumented(env, server);
  const bodies = [];
  page.on("response", (r) => bodies.push(r.body().then((b) => ({ url: r.url(), bytes: b }), () => null)));
  await page.goto(server.url);
  await ready(page);
  await page.waitForLoadState("networkidle");
  const files = (await Promise.all(bodies)).filter(Boolean).map(({ url, bytes }) => ({
    file: new URL(url).pathname,
    raw: bytes.length,
    gzip: zlib.gzipSync(bytes, { level: 9 }).length,
    brotli: zlib.brotliCompressSync(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }).length,
  }));
  checkClean(problems, label);
  await context.close();
  const total = files.reduce((t, f) => ({ raw: t.raw + f.raw, gzip: t.gzip + f.gzip, brotli: t.brotli + f.brotli }),
    { raw: 0, gzip: 0, brotli: 0 });
  return { files, total };
}

// ---------------------------------------------------------------- 2. startup

async function startupOnce(env, server) {
  const { context, page, problems } = await instrumented(env, server);
  await page.goto(server.url);
  await ready(page);
  const t = await page.evaluate(() => {
    const wasm = performance.getEntriesByType("resource").find((r) => r.name.endsWith(".wasm"));
    return { ready: window.__bench.ready, wasmEnd: wasm ? wasm.responseEnd : 0 };
  });
  checkClean(problems, "startup");
  await context.close();
  return t;
}

// ---------------------------------------------------------------- 3./4. data sets

function todayShanghai() {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
}

/** Generates `n` cases through the core and puts them where the page can fetch them. */
function fixtures(n) {
  const json = execFileSync("cargo", ["run", "-q", "--example", "case_fixtures", "--", todayShanghai(), String(n - 7), "varied"],
    { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 30 });
  const data = JSON.parse(json);
  const records = [...data.featured, ...data.bulk];
  fs.mkdirSync(FIXTURE_DIR, { recursive: true });
  const file = `cases-${n}.json`;
  fs.writeFileSync(path.join(FIXTURE_DIR, file),
    JSON.stringify({ records, rows: records.map(caseRowOf), attachments: data.attachments }));
  const jsonBytes = records.reduce((t, r) => t + Buffer.byteLength(JSON.stringify(r)), 0);
  return { url: `__bench/${file}`, records, attachments: data.attachments, jsonBytes };
}

/** Puts the cases, their history rows and their files into the app's database, in one
 * transaction, the records shaped as src/store writes them. Returns the in-page time. */
async function bulkImport(page, url) {
  return page.evaluate(async (url) => {
    const { records, rows: caseRows, attachments } = await (await fetch(url)).json();
    const db = await new Promise((resolve, reject) => {
      const req = indexedDB.open("weiquan");
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const t0 = performance.now();
    let events = 0;
    const tx = db.transaction(["cases", "case_rows", "case_events", "attachments"], "readwrite", { durability: "strict" });
    const cases = tx.objectStore("cases");
    const listRows = tx.objectStore("case_rows");
    for (const row of caseRows) listRows.put(row);
    const rows = tx.objectStore("case_events");
    const files = tx.objectStore("attachments");
    for (const r of records) {
      const record = { ...r };
      if (record.next_due === null) delete record.next_due;
      cases.put(record);
      for (const entry of JSON.parse(r.case_json).history) {
        rows.put({ case_id: r.id, seq: entry.seq, at: entry.at, event_json: JSON.stringify(entry) });
        events += 1;
      }
    }
    for (const a of attachments) {
      const bytes = new Uint8Array(a.size);
      for (let k = 0; k < a.size; k++) bytes[k] = (a.seed + k * 31) % 251;
      files.put({ id: a.id, case_id: a.case_id, file_name: a.file_name, mime: a.mime, size: a.size, sha256: a.sha256,
        added_at: "2026-01-05T10:00:00", blob: new Blob([bytes], { type: a.mime }) });
    }
    await new Promise((resolve, reject) => { tx.oncomplete = resolve; tx.onerror = () => reject(tx.error); });
    const t = performance.now() - t0;
    db.close();
    return { ms: t, cases: records.length, events, files: attachments.length };
  }, url);
}

/** A plain-JavaScript getAll of object store `store` in the same page. */
async function plainGetAll(page, store) {
  return page.evaluate(async (store) => {
    const t0 = performance.now();
    const db = await new Promise((resolve, reject) => {
      const req = indexedDB.open("weiquan");
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const all = await new Promise((resolve, reject) => {
      const req = db.transaction(store).objectStore(store).getAll();
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const t = performance.now() - t0;
    db.close();
    return { ms: t, n: all.length };
  }, store);
}

/** What the list's search finds, by the core's rule (CaseRow::matches_text). */
function expectedHits(haystacks, text) {
  const needle = text.trim().toLowerCase();
  return needle ? haystacks.filter((h) => h.includes(needle)).length : haystacks.length;
}

function haystacksOf(records) {
  return records.map((r) => {
    const facts = JSON.parse(r.case_json).facts;
    return [r.id, facts.officer.name, r.officer_badge, facts.summary].join("\n").toLowerCase();
  });
}

// Typed one character at a time; the empty string is clearing the box.
const QUERIES = ["330402", "", "王建国", "", "盘查", "", "WQ-B-0012", "", "网上", ""];

function keystrokes() {
  const steps = [];
  let current = "";
  for (const q of QUERIES) {
    if (q === "") { steps.push(""); current = ""; continue; }
    for (const ch of [...q]) { current += ch; steps.push(current); }
  }
  return steps;
}

/** Types the steps into the search box, each keystroke at a different point of the frame.
 * "work": the input event's dispatch until the list shows the expected count, every effect has
 * run and style and layout are done (forced at once, before the browser may paint); this is what
 * must fit in one 16 ms frame. "frame": dispatch to the next animation frame after that. */
async function typeSearch(page, steps) {
  return page.evaluate(async (steps) => {
    const input = document.querySelector("[data-testid=cases-q]");
    const task = () => new Promise((r) => { const c = new MessageChannel(); c.port1.onmessage = r; c.port2.postMessage(0); });
    const frame = () => new Promise((r) => requestAnimationFrame(r));
    const shows = (n) => {
      if (n === 0) return !!document.querySelector("[data-testid=cases-none]");
      const c = document.querySelector("[data-testid=cases-count]");
      return !!c && c.textContent.startsWith(`共 ${n} 件`);
    };
    const work = [];
    const frames = [];
    const parts = [];
    let lastMutation = 0;
    new MutationObserver(() => { lastMutation = performance.now(); })
      .observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    for (const [i, { text, expect }] of steps.entries()) {
      await frame();
      await new Promise((r) => setTimeout(r, (i * 7) % 12));
      input.value = text;
      const t0 = performance.now();
      input.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertText", data: text.slice(-1) }));
      const tHandler = performance.now();
      // Leptos runs its effects as microtasks (wasm-bindgen-futures): let them all run, without
      // giving the browser a task boundary at which it could render.
      for (let k = 0; k < 500; k++) await null;
      let tasks = 0;
      while (!shows(expect)) {
        await task();
        if (++tasks > 100000) throw new Error(`the list never showed ${expect} for ${JSON.stringify(text)}`);
      }
      const tEffects = performance.now();
      document.body.getBoundingClientRect();
      const t1 = performance.now();
      await frame();
      parts.push({ handler: tHandler - t0, effects: tEffects - tHandler, layout: t1 - tEffects, tasks,
        lastMutation: Math.max(0, lastMutation - t0) });
      work.push(t1 - t0);
      frames.push(performance.now() - t0);
    }
    return { work, frames, parts };
  }, steps);
}

async function memory(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("HeapProfiler.collectGarbage");
  const { usedSize } = await cdp.send("Runtime.getHeapUsage");
  const wasm = await page.evaluate(() => {
    const w = window.__bench.wasm;
    return w && w.memory ? w.memory.buffer.byteLength : 0;
  });
  await cdp.detach();
  return { js: usedSize, wasm };
}

async function dataSet(env, n) {
  console.error(`== ${n} cases: generating`);
  const fx = fixtures(n);
  const haystacks = haystacksOf(fx.records);
  const steps = keystrokes().map((text) => ({ text, expect: expectedHits(haystacks, text) }));
  const out = { n, jsonBytes: fx.jsonBytes, files: fx.attachments.length, import: [], appLoad: [], appLoadFromNav: [],
    getAll: [], getAllCases: [], dash: [], dashFromNav: [], work: [], frames: [], steps: [], mem: [] };
  for (let run = 0; run < DATA_RUNS; run++) {
    console.error(`== ${n} cases: run ${run + 1}/${DATA_RUNS}`);
    const { context, page, problems } = await instrumented(env, env.server);
    await page.goto(env.server.url);
    await ready(page);
    await page.waitForSelector("[data-testid=db-status]:has-text('本机数据库已就绪')");
    const imported = await bulkImport(page, env.server.url + fx.url);
    out.import.push(imported.ms);
    out.events = imported.events;
    for (let k = 0; k < LIST_LOADS; k++) {
      await page.goto(env.server.url + "cases");
      await page.waitForFunction(() => window.__bench.count > 0, null, { timeout: 600000, polling: 50 });
      const b = await page.evaluate(() => ({ ready: window.__bench.ready, count: window.__bench.count }));
      out.appLoad.push(b.count - b.ready);
      out.appLoadFromNav.push(b.count);
      const g = await plainGetAll(page, "case_rows");
      if (g.n !== n) throw new Error(`getAll found ${g.n} rows, expected ${n}`);
      out.getAll.push(g.ms);
      const c = await plainGetAll(page, "cases");
      if (c.n !== n) throw new Error(`getAll found ${c.n} cases, expected ${n}`);
      out.getAllCases.push(c.ms);
    }
    const shown = await page.textContent("[data-testid=cases-count]");
    if (!shown.startsWith(`共 ${n} 件`)) throw new Error(`the list shows "${shown}", expected ${n} cases`);
    out.mem.push(await memory(page));
    const typed = await typeSearch(page, steps);
    out.work.push(...typed.work);
    out.frames.push(...typed.frames);
    typed.work.forEach((w, i) => out.steps.push({ text: steps[i].text, hits: steps[i].expect, ms: w, ...typed.parts[i] }));
    for (let k = 0; k < LIST_LOADS; k++) {
      await page.goto(env.server.url);
      await page.waitForFunction(() => window.__bench.dash > 0, null, { timeout: 600000, polling: 50 });
      const b = await page.evaluate(() => ({ ready: window.__bench.ready, dash: window.__bench.dash }));
      out.dash.push(b.dash - b.ready);
      out.dashFromNav.push(b.dash);
    }
    checkClean(problems, `${n} cases`);
    await context.close();
  }
  fs.rmSync(path.join(FIXTURE_DIR, `cases-${n}.json`), { force: true });
  return out;
}

// ---------------------------------------------------------------- main

async function main() {
  for (const dir of [path.join(ROOT, "dist"), BASELINE]) {
    if (!fs.existsSync(path.join(dir, "index.html"))) throw new Error(`${dir} is not built: run scripts/bench-browser.sh`);
  }
  fs.mkdirSync(OUT, { recursive: true });
  const env = await start();
  const baseline = await serve({ root: BASELINE });
  const results = { date: new Date().toISOString(), machine: `${machine()}, Chromium ${env.browser.version()}` };
  try {
    say(`# Browser benchmarks, ${results.date}`);
    say(`machine: ${results.machine}`);
    say();
    say("## 1. First-load transfer (cold load of /)");
    const app = await transfer(env, env.server, "app");
    const base = await transfer(env, baseline, "baseline");
    results.transfer = { app, baseline: base };
    for (const f of app.files) say(`  ${f.file}: raw ${f.raw}, gzip ${f.gzip}, brotli ${f.brotli}`);
    say(`  app total: raw ${app.total.raw}, gzip ${app.total.gzip}, brotli ${app.total.brotli} (${kb(app.total.brotli)})`);
    say(`  baseline total: raw ${base.total.raw}, gzip ${base.total.gzip}, brotli ${base.total.brotli}`);
    say(`  target ≤ 250 KB brotli: ${verdict(app.total.brotli <= 250000)} (${(app.total.brotli / 250000).toFixed(2)}× the target)`);
    say();

    say(`## 2. Startup: navigation start to body[data-app=ready], cold, ${LOADS} loads each`);
    const appT = [];
    const baseT = [];
    for (let i = 0; i < LOADS; i++) {
      appT.push(await startupOnce(env, env.server));
      baseT.push(await startupOnce(env, baseline));
    }
    const sa = stats(appT.map((t) => t.ready));
    const sb = stats(baseT.map((t) => t.ready));
    results.startup = { app: appT, baseline: baseT };
    say(`  app:      ${fmt(sa)}`);
    say(`  baseline: ${fmt(sb)}`);
    for (const [name, ts] of [["app", appT], ["baseline", baseT]]) {
      const got = stats(ts.map((t) => t.wasmEnd));
      const rest = stats(ts.map((t) => t.ready - t.wasmEnd));
      say(`    ${name}: the .wasm fully received at ${ms(got.median)} ms; from there to ready (compile, instantiate, first render) ${ms(rest.median)} ms`);
    }
    const ratio = sa.median / sb.median;
    say(`  ratio ${ratio.toFixed(2)}×; target ≤ 1.5×: ${verdict(ratio <= 1.5)}`);
    {
      const { context, page } = await instrumented(env, env.server);
      await page.goto(env.server.url);
      await ready(page);
      const m = await memory(page);
      results.emptyMemory = m;
      say(`  memory with no cases: JS heap ${mb(m.js)}, WebAssembly ${mb(m.wasm)}`);
      await context.close();
    }
    say();

    results.data = [];
    for (const n of SIZES) {
      const d = await dataSet(env, n);
      results.data.push(d);
      say(`## ${n.toLocaleString("en")} cases (${mb(d.jsonBytes)} of JSON records, ${d.events} history rows, ${d.files} files; ${DATA_RUNS} runs)`);
      say(`  bulk import, one transaction: ${fmt(stats(d.import))}`);
      const load = stats(d.appLoad);
      const getAll = stats(d.getAll);
      say(`  case list through the app's store (ready → count shown): ${fmt(load)}`);
      say(`    (navigation → count shown: ${fmt(stats(d.appLoadFromNav))})`);
      say(`  plain-JS getAll of the same store (case_rows): ${fmt(getAll)}`);
      say(`    (plain-JS getAll of the whole case records, cases: ${fmt(stats(d.getAllCases))})`);
      const lr = load.median / getAll.median;
      say(`  ratio ${lr.toFixed(2)}×; target ≤ 1.5×: ${verdict(lr <= 1.5)}`);
      say(`  dashboard (ready → counts shown): ${fmt(stats(d.dash))}; from navigation ${fmt(stats(d.dashFromNav))}`);
      const w = stats(d.work);
      const f = stats(d.frames);
      say(`  search keystroke → list updated: p50 ${ms(w.median)} ms, p95 ${ms(w.p95)} ms, max ${ms(w.max)} ms (n=${w.n})`);
      say(`  search keystroke → next frame:   p50 ${ms(f.median)} ms, p95 ${ms(f.p95)} ms, max ${ms(f.max)} ms`);
      say(`  target p95 ≤ 16 ms: ${verdict(w.p95 <= 16)}`);
      const bySlow = {};
      for (const st of d.steps) (bySlow[JSON.stringify(st.text)] ??= { hits: st.hits, ms: [] }).ms.push(st.ms);
      const slowest = Object.entries(bySlow).map(([t, v]) => [t, v.hits, stats(v.ms).median]).sort((a, b) => b[2] - a[2]).slice(0, 4);
      const part = (k) => ms(stats(d.steps.map((st) => st[k])).median);
      say(`    median split: input handler ${part("handler")} ms, effects ${part("effects")} ms, style and layout ${part("layout")} ms; ` +
        `keystrokes that needed a task to show the list: ${d.steps.filter((st) => st.tasks > 0).length}`);
      say(`    slowest keystrokes (median): ${slowest.map(([t, h, m]) => `${t} → ${h} hits ${ms(m)} ms`).join("; ")}`);
      const js = stats(d.mem.map((m) => m.js)).median;
      const wasm = stats(d.mem.map((m) => m.wasm)).median;
      const mr = (js + wasm) / d.jsonBytes;
      say(`  memory on the case list: JS heap ${mb(js)} + WebAssembly ${mb(wasm)} = ${mb(js + wasm)}; ${mr.toFixed(2)}× the JSON; target ≤ 3×: ${verdict(mr <= 3)}`);
      say();
    }
  } finally {
    await env.browser.close();
    env.server.close();
    baseline.close();
    fs.rmSync(FIXTURE_DIR, { recursive: true, force: true });
    fs.writeFileSync(path.join(OUT, "browser.json"), JSON.stringify(results, null, 1));
    fs.writeFileSync(path.join(OUT, "browser.txt"), report.join("\n") + "\n");
  }
}

function machine() {
  const cpus = os.cpus();
  return `${cpus.length} × ${cpus[0]?.model ?? "cpu"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.platform()} ${os.release()}, ` +
    `load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")} at start, node ${process.version}`;
}

main().catch((e) => { console.error(e); process.exit(1); });
