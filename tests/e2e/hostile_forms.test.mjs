// End-to-end: the hostile-text corpus (tests/fixtures/hostile.jsonl) typed into every
// free-text field of the settings, the case intake form and the event form. Each payload goes
// into each field once (the fields take the corpus in rotation). A payload the validation
// refuses (too long, control characters) must be refused with its field named and what was
// typed kept; one it accepts must be stored and shown as the literal text on the case page,
// the case list and the dashboard. No payload may run (they call __hostile()) or leave markup
// in any page, and the harness fails on any CSP violation.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start, openPage, ready, shot, assertClean, saveUnitSettings } from "./harness.mjs";
import { CORPUS, arm, assertInert, asInput, normalizeLine, normalizeArea, lineAccepted, assertShows } from "./hostile.mjs";

let env;
before(async () => { env = await start(); });
after(async () => { await env?.browser.close(); env?.server.close(); });

const N = CORPUS.length;
const at = (i) => CORPUS[((i % N) + N) % N];

test(`settings: ${N} payloads as unit name and operator`, async (t) => {
  const { context, page, problems } = await openPage(env);
  await arm(context);
  const base = env.server.url.replace(/\/$/, "");
  await page.goto(base + "/settings");
  await ready(page);
  let shown = null;
  let accepted = 0;
  let refused = 0;
  for (let i = 0; i < N; i++) {
    const unit = at(i);
    const operator = at(i + 7);
    await page.fill("#unit-name", unit);
    await page.check("#unit-level-county");
    await page.fill("#operator", operator);
    await page.click("[data-testid=settings-save]");
    const bad = [];
    if (!lineAccepted(unit, 40)) bad.push("unit-name");
    if (!lineAccepted(operator, 20)) bad.push("operator");
    if (bad.length === 0) {
      const want = normalizeLine(asInput(unit));
      await page.waitForFunction((w) => document.querySelector("[data-testid=header-unit]")?.textContent === w
        && !document.querySelector("[data-testid=error-summary]"), want, { timeout: 5000 }).catch(async (e) => {
        const now = await page.textContent("[data-testid=header-unit]");
        const summary = await page.textContent("[data-testid=error-summary]").catch(() => null);
        throw new Error(`payload ${i} ${JSON.stringify(unit)}: header ${JSON.stringify(now)}, want ${JSON.stringify(want)}; errors ${summary}`);
      });
      shown = want;
      accepted += 1;
    } else {
      await page.waitForSelector("[data-testid=error-summary]");
      const links = await page.$$eval("[data-testid=error-summary] a", (as) => as.map((a) => a.getAttribute("href")));
      assert.deepEqual(links.sort(), bad.map((b) => `#${b}`).sort(), `payload ${i}`);
      // What was typed stays in the form.
      assert.equal(normalizeLine(await page.inputValue("#unit-name")), normalizeLine(asInput(unit)));
      if (shown !== null) assert.equal(await page.textContent("[data-testid=header-unit]"), shown);
      refused += 1;
    }
    await assertInert(page, `settings payload ${i}`);
  }
  assert.ok(accepted >= 30, `only ${accepted} accepted`);
  assert.ok(refused >= 10, `only ${refused} refused`);
  await page.reload();
  await ready(page);
  assert.equal(await page.textContent("[data-testid=header-unit]"), shown);
  await assertInert(page, "settings after reload");
  await shot(page, "hostile-settings");
  assertClean(t, env, problems);
  await context.close();
});

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

test(`cases: ${N} intake forms and event notes carry every payload in every field`, async (t) => {
  const { context, page, problems } = await openPage(env);
  await arm(context);
  const base = env.server.url.replace(/\/$/, "");
  await saveUnitSettings(page, base);
  let refusedFields = 0;
  let notesRefused = 0;
  const names = [];
  const started = Date.now();
  for (let i = Number(process.env.HOSTILE_FROM ?? 0); i < N; i++) {
    await page.goto(base + "/cases/new");
    await ready(page);
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
    const trimmed = normalizeArea(note);
    if (trimmed && [...trimmed].length <= 2000) {
      assertShows(await page.textContent("[data-testid=timeline]"), [trimmed], `note ${i}`);
    }
    await assertInert(page, `case ${i}`);
    if (i === 0) await shot(page, "hostile-case");
  }
  t.diagnostic(`${N} cases in ${Math.round((Date.now() - started) / 1000)} s; ${refusedFields} refused fields, ${notesRefused} refused notes`);
  assert.ok(refusedFields >= 20, `${refusedFields}`);

  // The case list and the dashboard show the names literally.
  await page.goto(base + "/cases");
  await ready(page);
  await page.waitForSelector("[data-testid=case-row]");
  const rows = await page.$$eval("[data-testid=case-row] .case-officer", (ns) => ns.map((n) => n.textContent));
  assert.ok(rows.length >= 10);
  for (const r of rows) assert.ok(names.includes(r), `list shows ${JSON.stringify(r)}`);
  await assertInert(page, "case list");
  await shot(page, "hostile-cases");
  await page.fill("[data-testid=cases-q]", "<script>");
  await page.waitForSelector("[data-testid=case-row], [data-testid=cases-none]");
  await assertInert(page, "case list search");
  await page.goto(base + "/");
  await ready(page);
  await page.waitForSelector("[data-testid=dashboard]");
  const due = await page.$$eval("[data-testid=due-row] td[data-label=民警]", (ns) => ns.map((n) => n.textContent));
  for (const d of due) assert.ok(names.some((n) => d.startsWith(n)), `dashboard shows ${JSON.stringify(d)}`);
  t.diagnostic(`${due.length} dashboard rows`);
  await assertInert(page, "dashboard");
  await shot(page, "hostile-home");
  await page.goto(base + "/stats");
  await ready(page);
  await page.waitForSelector("[data-testid=stats]");
  await assertInert(page, "stats");
  assertClean(t, env, problems);
  await context.close();
});
