// End-to-end: the hostile-text corpus (tests/fixtures/hostile.jsonl) typed into every
// free-text field of the settings, the case intake form and the event form. Each payload goes
// into each field once (the fields take the corpus in rotation). A payload the validation
// refuses (too long, control characters) must be refused with its field named and what was
// typed kept; one it accepts must be stored and shown as the literal text on the case page,
// the case list and the dashboard. No payload may run (they call __hostile()) or leave markup
// in any page, and the harness fails on any CSP violation.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start, openPage, ready, shot, assertClean } from "./harness.mjs";
import { CORPUS, arm, assertInert, asInput, normalizeLine, lineAccepted } from "./hostile.mjs";
import { intakeTest } from "./hostile_intake.mjs";

let env;
before(async () => { env = await start(); });
after(async () => { await env?.browser.close(); env?.server.close(); });

const N = CORPUS.length;
const at = (i) => CORPUS[((i % N) + N) % N];

/** The settings' number prefix: empty, or at most 12 letters and digits (Rust's
 * char::is_alphanumeric) after trimming. */
function prefixAccepted(raw) {
  const text = normalizeLine(asInput(raw));
  return text === "" || ([...text].length <= 12 && /^[\p{Alphabetic}\p{N}]+$/u.test(text));
}

test(`settings: ${N} payloads as unit name and operator, then as the number prefix`, async (t) => {
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

  // The document-number prefix, with a valid unit and operator: letters and digits only.
  await page.fill("#unit-name", shown);
  await page.fill("#operator", "张三");
  let prefixes = 0;
  for (let i = 0; i < N; i++) {
    const prefix = at(i);
    await page.fill("#number-prefix", prefix);
    await page.click("[data-testid=settings-save]");
    if (prefixAccepted(prefix)) {
      await page.waitForSelector("[data-testid=settings-saved]");
      assert.equal(await page.locator("[data-testid=error-summary]").count(), 0, `prefix ${i}`);
      assert.equal(await page.inputValue("#number-prefix"), normalizeLine(asInput(prefix)), `prefix ${i}`);
      prefixes += 1;
    } else {
      await page.waitForSelector("[data-testid=error-summary]");
      const links = await page.$$eval("[data-testid=error-summary] a", (as) => as.map((a) => a.getAttribute("href")));
      assert.deepEqual(links, ["#number-prefix"], `prefix ${i}`);
      assert.equal(await page.inputValue("#number-prefix"), asInput(prefix), `prefix ${i} kept`);
    }
    await assertInert(page, `settings prefix ${i}`);
  }
  assert.ok(N - prefixes >= 100, `only ${N - prefixes} prefixes refused`);
  await page.fill("#number-prefix", "");
  await page.click("[data-testid=settings-save]");
  await page.waitForSelector("[data-testid=settings-saved]");
  await page.reload();
  await ready(page);
  assert.equal(await page.textContent("[data-testid=header-unit]"), shown);
  await assertInert(page, "settings after reload");
  await shot(page, "hostile-settings");
  assertClean(t, env, problems);
  await context.close();
});

intakeTest(() => env, 0, 65);
