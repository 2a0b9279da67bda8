// End-to-end: the hostile-text corpus (issue 8) through the printed documents (issue 7). The
// 129 payloads are spread over a few malicious-complaint cases with approved findings (the core's
// fixture, its free texts replaced): officer name, 警号, unit, place, summary and findings in
// the case; the unit's name typed into the settings form; the addressee, facts and copies-to
// typed for the 《公安督察正名通知书》 and the 书面告诫书. Five documents of each case are
// previewed and issued, and once the findings reach the applicant the review request is
// previewed; each sheet (preview and as issued) must show every value literally, no
// payload may run, no markup may be injected and no CSP report may arrive. A hostile number
// prefix is refused by the settings form. The native side of the same proof is
// tests/hostile_documents.rs.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start, openPage, ready, shot, assertClean, saveUnitSettings, caseFixtures, seedCases } from "./harness.mjs";
import { CORPUS, arm, assertInert, assertShows, asInput, lineAccepted, normalizeLine } from "./hostile.mjs";

let env;
let fixture;
const TODAY = "2026-11-25";
const NOW = new Date(`${TODAY}T10:00:00+08:00`);

before(async () => {
  env = await start();
  fixture = caseFixtures(0, TODAY).documents;
});
after(async () => { await env?.browser.close(); env?.server.close(); });

const BREAK = /[\r\n\u2028\u2029\u0085\u000b\f]/u;
const trimmed = (p) => p.trim();

/** Takes the first payload of `queue` that `fits`, or `fallback`. */
function take(queue, fits, fallback) {
  const i = queue.findIndex(fits);
  return i < 0 ? fallback : queue.splice(i, 1)[0];
}

/** The fixture case with its free texts replaced by `p` (name, badge, unit, place, summary,
 * findings) under a new id. */
function hostileRecord(id, p) {
  const record = { ...fixture };
  const c = JSON.parse(record.case_json);
  const f = c.facts;
  const swap = new Map([
    [f.officer.name, p.name], [f.officer.badge, p.badge], [f.officer.unit, p.unit],
    [f.incident.place, p.place], [f.summary, p.summary], [fixture.id, id],
  ]);
  const walk = (v) => {
    if (typeof v === "string") return swap.has(v) ? swap.get(v) : v;
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === "object") {
      const out = {};
      for (const [k, x] of Object.entries(v)) out[k] = walk(x);
      if ("determinations" in out && "summary" in out) out.summary = p.findings;
      return out;
    }
    return v;
  };
  const hostile = walk(c);
  assert.equal(hostile.facts.officer.name, p.name);
  record.id = id;
  record.unit = p.unit;
  record.officer_badge = p.badge;
  record.case_json = JSON.stringify(hostile);
  return record;
}

async function sheetText(page, kind) {
  await page.waitForSelector(`[data-testid=document-sheet][data-kind=${kind}]`);
  return page.textContent(`[data-testid=document-sheet][data-kind=${kind}]`);
}

test("every payload in every free text of a document is shown literally on the sheet, nothing runs", async (t) => {
  const started = Date.now();
  const { context, page, problems } = await openPage(env);
  await arm(context);
  await context.clock.setFixedTime(NOW);
  const base = env.server.url.replace(/\/$/, "");
  await saveUnitSettings(page, base);
  // A hostile number prefix is refused with the field named; nothing runs.
  await page.fill("#number-prefix", CORPUS[0]);
  await page.click("[data-testid=settings-save]");
  await page.waitForSelector("#number-prefix-error");
  assert.equal(await page.inputValue("#number-prefix"), CORPUS[0]);
  await assertInert(page, "settings, number prefix");
  await page.fill("#number-prefix", "");

  const queue = [...CORPUS];
  let cases = 0;
  let shown = 0;
  while (queue.length) {
    cases += 1;
    const id = `WQ-F-HOSTILE-${cases}`;
    const next = () => queue.shift() ?? "张明";
    const p = { name: next(), badge: next(), unit: next(), place: next(), summary: next(), findings: take(queue, (x) => x.trim() && [...x.trim()].length <= 2000, "查无实据。") };
    const unitName = take(queue, (x) => lineAccepted(x, 40), "嘉兴市公安局南湖区分局");
    const addressee = take(queue, (x) => { const s = asInput(x).trim(); return s && [...s].length <= 60; }, "赵某某");
    const facts = take(queue, (x) => x.trim() && [...x.trim()].length <= 2000, "经查并无其事。");
    const copies = [];
    while (copies.length < 9) {
      const c = take(queue, (x) => !BREAK.test(x) && x.trim() && [...x.trim()].length <= 60, null);
      if (c === null) break;
      copies.push(c);
    }
    if (!copies.length) copies.push("解放街道办事处");

    // The unit's name through the settings form.
    await page.goto(base + "/settings");
    await ready(page);
    await page.fill("#unit-name", unitName);
    await page.click("[data-testid=settings-save]");
    await page.waitForSelector("[data-testid=settings-saved]");
    const unitShown = normalizeLine(asInput(unitName));

    await seedCases(page, base, [hostileRecord(id, p)]);
    await page.goto(`${base}/cases/${id}`);
    await ready(page);
    await page.waitForSelector("[data-testid=case-documents]");
    await assertInert(page, `${id} case page`);

    const caseValues = [p.name, p.unit];
    const plan = [
      ["registration", [...caseValues, p.badge, p.place, p.summary]],
      ["acceptance_reply", caseValues],
      ["findings_report", [...caseValues, p.findings]],
      ["clearance_notice", [p.name, p.findings, asInput(addressee), facts], async () => {
        await page.fill("[data-testid=doc-addressee]", addressee);
        await page.fill("[data-testid=doc-facts]", facts);
      }],
      ["written_warning", [p.name, asInput(addressee), facts, ...copies], async () => {
        await page.fill("[data-testid=doc-addressee]", addressee);
        await page.fill("[data-testid=doc-facts]", facts);
        await page.fill("[data-testid=doc-copies]", copies.join("\n"));
      }],
    ];
    for (const [kind, values, fill] of plan) {
      await page.click(`[data-testid=document-kind][data-kind=${kind}] [data-testid=document-preview]`);
      await page.waitForSelector("[data-testid=document-panel]");
      if (fill) await fill();
      const expected = [unitShown, ...values.map(trimmed)];
      assertShows(await sheetText(page, kind), expected, `${id} ${kind} preview`);
      await assertInert(page, `${id} ${kind} preview`);
      await page.click("[data-testid=document-issue]");
      await page.waitForSelector("[data-testid=document-message]");
      await page.waitForSelector(".docs__page--print [data-testid=document-sheet]");
      assertShows(await sheetText(page, kind), expected, `${id} ${kind} issued`);
      await assertInert(page, `${id} ${kind} issued`);
      shown += expected.length * 2;
    }
    if (cases === 1) await shot(page, "hostile-document-warning");

    // The findings reach the applicant: the applicant's review request, previewed (printing it
    // calls window.print, which the trap counts as a payload run).
    await page.click("[data-testid=case-action][data-kind=ApplicantNotified]");
    await page.waitForSelector("[data-testid=event-form]");
    await page.click("[data-testid=event-submit]");
    await page.waitForSelector("[data-testid=case-state][data-state=Notified]");
    await page.click("[data-testid=document-kind][data-kind=review_request] [data-testid=document-preview]");
    const request = [unitShown, p.name, p.badge, p.unit, p.findings].map(trimmed);
    assertShows(await sheetText(page, "review_request"), request, `${id} review_request preview`);
    await assertInert(page, `${id} review_request preview`);
    shown += request.length;
  }
  // Every payload went into a document.
  assert.ok(cases >= 5, `${cases} cases`);
  console.log(`hostile documents: ${CORPUS.length} payloads in ${cases} cases, ${cases * 5} documents issued, ${shown} values shown literally, ${Math.round((Date.now() - started) / 1000)} s`);
  assertClean(t, env, problems);
  await context.close();
});
