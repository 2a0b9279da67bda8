// End-to-end: the hostile-text corpus (tests/fixtures/hostile.jsonl) as evidence file names and
// descriptions, in the /apply wizard (its check page and printable application), and in
// application packages crafted here with a correct checksum and imported on /cases/import.
// Every value must show as its literal text, no payload may run (they call __hostile()) or
// leave markup, and the harness fails on any CSP violation.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import { start, openPage, ready, shot, assertClean, saveUnitSettings, SHOTS, registerCase } from "./harness.mjs";
import { CORPUS, arm, assertInert, asInput, normalizeLine, normalizeArea, lineAccepted, assertShows, loose } from "./hostile.mjs";

let env;
before(async () => { env = await start(); });
after(async () => { await env?.browser.close(); env?.server.close(); });

const N = CORPUS.length;
const at = (i) => CORPUS[((i % N) + N) % N];
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAIAAACQkWg2AAAAG0lEQVR4nGM4ISdHEmIY1UATDSSqPzGqgSYaADpiBBBGOHCLAAAAAElFTkSuQmCC",
  "base64",
);

const RUST_TRIM = /^[\t\n\u000b\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\u000b\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/gu;

/** core::attachment::display_name written again: last path part, no control characters,
 * trimmed, at most 255 characters. */
function displayName(raw) {
  const last = raw.split(/[/\\]/).pop();
  const clean = last.replace(/[\u0000-\u001f\u007f-\u009f]/gu, "").replace(RUST_TRIM, "");
  const cut = [...clean].slice(0, 255).join("").replace(RUST_TRIM, "");
  return cut || "未命名文件";
}

test(`evidence: ${N} payloads as file names and as evidence descriptions`, async (t) => {
  const { context, page, problems } = await openPage(env);
  await arm(context);
  let dialogs = 0;
  page.on("dialog", async (d) => { dialogs += 1; await d.dismiss(); });
  const base = env.server.url.replace(/\/$/, "");
  await saveUnitSettings(page, base);
  const started = Date.now();
  let added = 0;
  const descriptions = [];
  // 20 files a new evidence item, 100 files a case (the core's limits).
  for (let from = 0; from < N; from += 20) {
    if (from % 100 === 0) await registerCase(page, base);
    const batch = CORPUS.slice(from, from + 20);
    const description = at(from + 3);
    const descOk = normalizeArea(description).length > 0 && [...normalizeArea(description)].length <= 200;
    await page.selectOption("[data-testid=evidence-target]", "new");
    await page.fill("[data-testid=evidence-description]", descOk ? description : "现场材料");
    if (descOk) descriptions.push(description);
    const before = await page.locator("[data-testid=evidence-file]").count();
    await page.setInputFiles("[data-testid=evidence-input]", batch.map((name) => ({ name, mimeType: "image/png", buffer: PNG })));
    await page.waitForFunction((n) => document.querySelectorAll("[data-testid=evidence-file]").length === n, before + batch.length, { timeout: 15000 })
      .catch(async () => { throw new Error(`batch ${from}: ${await page.textContent("[data-testid=evidence]")}`); });
    const shown = await page.$$eval("[data-testid=evidence-file-name]", (ns) => ns.map((n) => n.textContent));
    assert.deepEqual(shown.slice(before), batch.map(displayName), `batch ${from}`);
    added += batch.length;
    await assertInert(page, `evidence batch ${from}`);
  }
  assert.equal(added, N);
  assert.equal(dialogs, 0);
  // The history names the files; the descriptions show as text.
  assertShows(await page.textContent("main"), descriptions.filter((d) => [...d].length < 200).slice(-1), "evidence descriptions");
  await page.reload();
  await ready(page);
  await page.waitForSelector("[data-testid=evidence-file-sha]");
  await assertInert(page, "evidence after reload");
  await shot(page, "hostile-evidence");
  t.diagnostic(`${N} file names in ${Math.round((Date.now() - started) / 1000)} s`);
  assertClean(t, env, problems);
  await context.close();
});

const step = (slug) => `[data-testid=apply-step-${slug}]`;
const cont = (page) => page.click("[data-testid=apply-continue]");

/** One wizard run by a spouse with hostile one-line values `v` (accepted ones). */
async function applyWith(page, base, v) {
  await page.goto(`${base}/apply`);
  await ready(page);
  await page.click("[data-testid=apply-begin]");
  await page.waitForSelector(step("applicant"));
  await page.check("#applicant-kind-near_relative");
  await page.check("#applicant-relation");
  await page.fill("#applicant-name", v.applicant);
  await cont(page);
  await page.waitForSelector(step("person"));
  await page.check("#status");
  await page.fill("#officer-name", v.officer);
  await page.fill("#officer-badge", "A12345");
  await page.fill("#officer-unit", v.unit);
  await page.fill("#officer-post", v.post);
  await page.check("#harmed-near_relative");
  await page.check("#harmed-relation");
  await cont(page);
  await page.waitForSelector(step("ground"));
  await page.check("#grounds");
  await cont(page);
  await page.waitForSelector(step("incident"));
  await page.fill("#incident-date", "2026-09-28");
  await page.fill("#incident-time", "21:30");
  await page.check("#duty");
  await page.check("#site-off_site");
  await page.check("#categories-insult");
  await page.fill("#summary", v.summary);
  await page.fill("#incident-place", v.place);
  await cont(page);
  await page.waitForSelector(step("harm"));
  await page.check("#injury");
  await cont(page);
  await page.waitForSelector(step("evidence"));
  await cont(page);
  await page.waitForSelector(step("help"));
  await page.check("#help-clearance");
  await cont(page);
  await page.waitForSelector(step("contact"));
  await page.fill("#contact-phone", "13800000000");
  await cont(page);
  await page.waitForSelector(step("consent"));
  await page.check("#consent");
  await cont(page);
  await page.waitForSelector("[data-testid=apply-check]");
}

// core::case::CaseInput's fields in declaration order: the order of the checksummed JSON
// (the file itself lists keys alphabetically).
const INPUT_KEYS = ["applicant_kind", "applicant_name", "applicant_relation", "applicant_department",
  "status", "officer_name", "officer_badge", "officer_unit", "officer_post", "harmed", "harmed_relation",
  "incident_date", "incident_time", "incident_place", "duty", "site", "grounds", "categories", "sanction",
  "sanction_decision", "sanction_decided_by", "sanction_date", "injury", "property_loss_yuan", "evidence",
  "help", "online", "public_opinion_risk", "major_or_urgent", "summary"];

/** The package with its checksum: SHA-256 over the compact JSON of
 * {format, version, created_at, input, contact, consent, attachments} in that order. */
function seal(pkg) {
  assert.deepEqual(Object.keys(pkg.input).sort(), [...INPUT_KEYS].sort());
  assert.deepEqual(pkg.input.evidence, []);
  const input = Object.fromEntries(INPUT_KEYS.map((k) => [k, pkg.input[k]]));
  const body = { format: pkg.format, version: pkg.version, created_at: pkg.created_at, input,
    contact: { phone: pkg.contact.phone }, consent: pkg.consent, attachments: pkg.attachments };
  return { ...body, sha256: crypto.createHash("sha256").update(JSON.stringify(body)).digest("hex") };
}

test(`apply and import: payloads in the wizard, its printable application, and ${N} crafted packages`, async (t) => {
  const { context, page, problems } = await openPage(env);
  await arm(context);
  const base = env.server.url.replace(/\/$/, "");
  const started = Date.now();

  // The wizard: payloads its fields accept, in turn.
  const fits = (max) => CORPUS.filter((p) => lineAccepted(p, max));
  const short = fits(30);
  let template = null;
  for (let run = 0; run < 4; run++) {
    const v = {
      applicant: short[run * 5 % short.length],
      officer: short[(run * 5 + 1) % short.length],
      unit: fits(40)[(run * 5 + 2) % fits(40).length],
      post: fits(40)[(run * 5 + 3) % fits(40).length],
      place: fits(100)[(run * 5 + 4) % fits(100).length],
      summary: at(run * 7 + 2).length <= 2000 && normalizeArea(at(run * 7 + 2)) ? at(run * 7 + 2) : "经过",
    };
    await applyWith(page, base, v);
    const want = [v.applicant, v.officer, v.unit, v.post, v.place].map((s) => normalizeLine(asInput(s)));
    assertShows(await page.textContent("[data-testid=apply-check]"), [...want, normalizeArea(v.summary)], `apply check ${run}`);
    await assertInert(page, `apply check ${run}`);
    await page.click("[data-testid=apply-finish]");
    await page.waitForSelector("[data-testid=apply-done]");
    await page.emulateMedia({ media: "print" });
    assertShows(await page.textContent("[data-testid=apply-printable]"), want, `printable ${run}`);
    await assertInert(page, `printable ${run}`);
    if (run === 0) await shot(page, "hostile-apply-print");
    await page.emulateMedia({ media: "screen" });
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("[data-testid=apply-download]")]);
    const file = path.join(SHOTS, `hostile-package-${run}.json`);
    await download.saveAs(file);
    template ??= JSON.parse(fs.readFileSync(file, "utf8"));
  }
  // The wizard's own package is accepted as it stands: the checksum here matches the app's.
  assert.equal(seal(template).sha256, template.sha256);

  // Crafted packages: each payload in each text field, in turn; attachment names too.
  const FIELDS = ["applicant_name", "officer_name", "officer_unit", "officer_post", "incident_place", "summary"];
  let previews = 0;
  let refusals = 0;
  let imported = 0;
  for (let i = 0; i < N; i++) {
    const pkg = structuredClone(template);
    FIELDS.forEach((f, k) => { pkg.input[f] = at(i + k); });
    // Attachment names as a version 1 package lists them (files handed over separately; the
    // app still reads version 1). Version 2 embeds the files: hostile names of embedded files
    // go through the evidence test above and the wizard's own packages.
    pkg.version = 1;
    pkg.attachments = [at(i + 6), at(i + 7)].filter((a) => [...a].length <= 255);
    if (i % 4 === 3) pkg.input.categories = [at(i)];
    const sealed = seal(pkg);
    await page.goto(`${base}/cases/import`);
    await ready(page);
    await page.setInputFiles("#package-file", { name: `${at(i).slice(0, 50)}.json`, mimeType: "application/json", buffer: Buffer.from(JSON.stringify(sealed, null, 2)) });
    await page.waitForSelector("[data-testid=import-preview], [data-testid=import-refused]");
    if (await page.locator("[data-testid=import-refused]").count()) {
      const text = await page.textContent("[data-testid=import-refused]");
      assert.doesNotMatch(text, /校验值/, `package ${i} refused as tampered`);
      if (i % 4 === 3 && normalizeLine(at(i))) assert.ok(loose(text).includes(loose(at(i).replace(RUST_TRIM, ""))), `package ${i}: ${text}`);
      refusals += 1;
    } else {
      const want = [pkg.input.officer_name, pkg.input.officer_unit, pkg.input.incident_place].map(normalizeLine);
      assertShows(await page.textContent("[data-testid=import-preview]"), want, `preview ${i}`);
      previews += 1;
      if (i % 6 === 0) {
        await page.click("[data-testid=import-submit]");
        await page.waitForSelector("[data-testid=import-created]");
        await page.click("[data-testid=import-case-link]");
        await page.waitForSelector("[data-testid=case-state]");
        assertShows(await page.textContent("main"), [...want, normalizeArea(pkg.input.summary)], `imported case ${i}`);
        imported += 1;
      }
    }
    await assertInert(page, `package ${i}`);
  }
  t.diagnostic(`${previews} previews, ${refusals} refusals, ${imported} imported in ${Math.round((Date.now() - started) / 1000)} s`);
  assert.ok(previews >= 20 && refusals >= 30 && imported >= 3, `${previews} ${refusals} ${imported}`);
  assertClean(t, env, problems);
  await context.close();
});
