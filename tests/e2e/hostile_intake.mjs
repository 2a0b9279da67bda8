// The intake-form half of the hostile-text end-to-end tests (see hostile_forms.test.mjs): the
// corpus typed into every free-text field of /cases/new and the event form's note, shown
// literally on the case page, the case list and the dashboard. Split over two test files to
// keep each under two minutes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { openPage, ready, shot, assertClean, saveUnitSettings } from "./harness.mjs";
import { CORPUS, arm, assertInert, asInput, normalizeLine, normalizeArea, lineAccepted, assertShows } from "./hostile.mjs";

const N = CORPUS.length;
const at = (i) => CORPUS[((i % N) + N) % N];

// The free-text fields of the intake form: id, limit (one-line), or "area" for the summary.
const INTAKE = [
  { id: "officer-name", max: 30 },
  { id: "officer-unit", max: 40 },
  { id: "officer-post", max: 40, optional: true },
  { id: "incident-place", max: 100 },
  { id: "summary", area: 2000 },
];
const PLAIN = { "officer-name": "王明", "officer-unit": "南湖区分局", "officer-post": "民警", "incident-place": "解放路", summary: "经过" };

function accepted(field, raw) {
  if (field.area) {
    const text = normalizeArea(raw);
    return text.length > 0 && [...text].length <= field.area && !/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/u.test(text);
  }
  if (field.optional && normalizeLine(asInput(raw)) === "") return true;
  return lineAccepted(raw, field.max);
}

function shownValue(field, raw) {
  return field.area ? normalizeArea(raw) : normalizeLine(asInput(raw));
}

/** Registers the test for payloads `from` to `to` (exclusive) of the corpus as first field;
 * `getEnv` gives the file's harness environment. */
export function intakeTest(getEnv, from, to) {
test(`cases: payloads ${from}–${to - 1} through intake forms and event notes, each in every field`, async (t) => {
  const env = getEnv();
  const { context, page, problems } = await openPage(env);
  await arm(context);
  const base = env.server.url.replace(/\/$/, "");
  await saveUnitSettings(page, base);
  let refusedFields = 0;
  let notesRefused = 0;
  const names = [];
  const started = Date.now();
  await page.goto(base + "/cases/new");
  await ready(page);
  for (let i = from; i < to; i++) {
    if (i > from) {
      // Through the app's own links, as a user goes on to the next case.
      await page.click("header a[href='/cases']");
      await page.click("[data-testid=cases-new]");
    }
    await page.waitForSelector("[data-testid=case-new]");
    await page.check("#applicant-kind");
    await page.check("#status");
    await page.fill("#officer-badge", "012345");
    await page.check("#harmed");
    await page.fill("#incident-date", "2026-03-01");
    await page.fill("#incident-time", "20:30");
    await page.check("#duty");
    await page.check("#site-off_site");
    await page.check("#grounds");
    await page.check("#categories-insult");
    await page.check("#injury");
    const values = INTAKE.map((f, k) => at(i + k));
    for (const [k, f] of INTAKE.entries()) await page.fill(`#${f.id}`, values[k]);
    const bad = INTAKE.filter((f, k) => !accepted(f, values[k]));
    await page.click("[data-testid=case-create]");
    if (bad.length) {
      await page.waitForSelector("[data-testid=error-summary]", { timeout: 5000 }).catch(() => {
        throw new Error(`case ${i}: expected refusal of ${bad.map((f) => f.id)}: ${JSON.stringify(values)}`);
      });
      const links = await page.$$eval("[data-testid=error-summary] a", (as) => as.map((a) => a.getAttribute("href")));
      assert.deepEqual(links.sort(), bad.map((f) => `#${f.id}`).sort(), `case ${i}`);
      await assertInert(page, `intake ${i} refused`);
      for (const f of bad) {
        const typed = await page.inputValue(`#${f.id}`);
        assert.ok(typed.length > 0, `case ${i}: ${f.id} lost what was typed`);
        await page.fill(`#${f.id}`, PLAIN[f.id]);
      }
      refusedFields += bad.length;
      await page.click("[data-testid=case-create]");
    }
    await page.waitForURL(/\/cases\/WQ-/);
    await page.waitForSelector("[data-testid=case-state]");
    const kept = INTAKE.map((f, k) => (bad.includes(f) ? PLAIN[f.id] : shownValue(f, values[k])));
    names.push(kept[0]);
    assertShows(await page.textContent("main"), kept, `case ${i}`);
    const officer = await page.textContent("[data-testid=case-officer]");
    assert.ok(officer.includes(`${kept[0]}（警号 012345）`), `case ${i} officer ${JSON.stringify(officer)} ${JSON.stringify(kept[0])}`);

    // An event note carries the next payload.
    const note = at(i + INTAKE.length);
    await page.click("[data-testid=case-action][data-kind=ReportedToCommittee]");
    await page.waitForSelector("[data-testid=event-form]");
    await page.fill("[data-testid=event-form] textarea[id$=-note]", note);
    await page.click("[data-testid=event-submit]");
    if ([...note.replace(/\r\n?/g, "\n")].length > 2000) {
      await page.waitForSelector("[data-testid=event-refused]");
      assert.match(await page.textContent("[data-testid=event-refused]"), /备注/);
      await assertInert(page, `note ${i} refused`);
      notesRefused += 1;
      await page.fill("[data-testid=event-form] textarea[id$=-note]", "备注");
      await page.click("[data-testid=event-submit]");
    }
    await page.waitForSelector("[data-testid=case-state][data-state=Reported]");
    if (i === from) {
      // This case's reply period runs, so that the dashboard lists it once it is overdue.
      await page.click("[data-testid=case-action][data-kind=CommitteeConsented]");
      await page.waitForSelector("[data-testid=event-form]");
      await page.click("[data-testid=event-submit]");
      await page.waitForSelector("[data-testid=case-state][data-state=UnderReview]");
    }
    const trimmed = normalizeArea(note);
    if (trimmed && [...trimmed].length <= 2000) {
      assertShows(await page.textContent("[data-testid=timeline]"), [trimmed], `note ${i}`);
    }
    await assertInert(page, `case ${i}`);
    if (i === from) await shot(page, `hostile-case-${from}`);
  }
  t.diagnostic(`${to - from} cases in ${Math.round((Date.now() - started) / 1000)} s; ${refusedFields} refused fields, ${notesRefused} refused notes`);
  assert.ok(refusedFields >= (to - from) / 10, `${refusedFields}`);

  // The case list and the dashboard show the names literally.
  await page.goto(base + "/cases");
  await ready(page);
  await page.waitForSelector("[data-testid=case-row]");
  const rows = await page.$$eval("[data-testid=case-row] .case-officer", (ns) => ns.map((n) => n.textContent));
  assert.ok(rows.length >= Math.min(10, to - from));
  for (const r of rows) assert.ok(names.includes(r), `list shows ${JSON.stringify(r)}`);
  await assertInert(page, "case list");
  await shot(page, `hostile-cases-${from}`);
  await page.fill("[data-testid=cases-q]", "<script>");
  await page.waitForSelector("[data-testid=case-row], [data-testid=cases-none]");
  await assertInert(page, "case list search");
  // Three weeks on, the consented case is overdue and on the dashboard.
  await context.clock.setFixedTime(new Date(Date.now() + 21 * 86400e3));
  await page.goto(base + "/");
  await ready(page);
  await page.waitForSelector("[data-testid=dashboard]");
  // The counts and lists arrive after the database is read.
  await page.waitForSelector("[data-testid=due-row]", { timeout: 10000 }).catch(() => {});
  const due = await page.$$eval("[data-testid=due-row] td[data-label=民警]", (ns) => ns.map((n) => n.textContent));
  for (const d of due) assert.ok(names.some((n) => d.startsWith(n)), `dashboard shows ${JSON.stringify(d)}`);
  t.diagnostic(`${due.length} dashboard rows`);
  assert.ok(due.length >= 1, "the overdue case is on the dashboard");
  await assertInert(page, "dashboard");
  await shot(page, `hostile-home-${from}`);
  await page.goto(base + "/stats");
  await ready(page);
  await page.waitForSelector("[data-testid=stats]");
  await assertInert(page, "stats");
  assertClean(t, env, problems);
  await context.close();
});
}
