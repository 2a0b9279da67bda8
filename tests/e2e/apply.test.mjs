// End-to-end: the guided application (/apply) for an officer, a spouse, the officer's department
// and another relative, for officers and for the people of 第四十一条, with errors on
// the way, resuming a draft after a reload, deleting a draft, the print view, and the hand-over:
// the package imported on /cases/import, a second import refused as a duplicate, a tampered
// file refused; evidence files attached in the wizard travel embedded in the package and end up
// on the case, and a package whose file bytes were altered is refused naming the file; what is
// typed survives a reload without pressing 继续.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { start, openPage, ready, shot, assertClean, saveUnitSettings, SHOTS } from "./harness.mjs";

let env;
before(async () => { env = await start(); });
after(async () => { await env?.browser.close(); env?.server.close(); });

// A 1×1 PNG.
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");
const step = (slug) => `[data-testid=apply-step-${slug}]`;
const cont = (page) => page.click("[data-testid=apply-continue]");

/** Waits until a stored draft satisfies `test` (the wizard saves half a second after typing). */
async function waitForDraft(page, test) {
  for (let i = 0; i < 50; i++) {
    const drafts = await page.evaluate(() => new Promise((resolve) => {
      const open = indexedDB.open("weiquan");
      open.onsuccess = () => {
        const req = open.result.transaction("drafts").objectStore("drafts").getAll();
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => resolve([]);
      };
      open.onerror = () => resolve([]);
    }));
    if (drafts.some(test)) return;
    await page.waitForTimeout(100);
  }
  throw new Error("the draft was not saved");
}

async function begin(page) {
  await page.goto(`${env.server.url}apply`);
  await ready(page);
  await page.click("[data-testid=apply-begin]");
  await page.waitForSelector(step("applicant"));
}

/** Expects the error summary to list `count` problems and to have focus. */
async function expectErrors(page, count) {
  await page.waitForSelector("[data-testid=error-summary]");
  assert.equal(await page.locator("[data-testid=error-summary] li").count(), count);
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), "error-summary");
}

/** Expects the error summary (with focus) to list a problem that leads to the field `id`. */
async function expectErrorFor(page, id) {
  await page.waitForSelector("[data-testid=error-summary]");
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), "error-summary");
  assert.ok(await page.locator(`[data-testid=error-summary] a[href="#${id}"]`).count() >= 1, `no error for #${id}`);
}

/** From the person screen to the check page, for an officer harmed himself (relative = false). */
async function personToCheck(page, { relative, files = [], loss = "", legal = false, status = "" }) {
  await page.waitForSelector(step("person"));
  await page.check(status ? `#status-${status}` : "#status");
  await page.fill("#officer-name", "张明");
  // Only people with a 警号 are asked for it (staff and academy trainees have none).
  if (await page.locator("#officer-badge").count()) await page.fill("#officer-badge", "A12345");
  await page.fill("#officer-unit", "南湖区分局解放派出所");
  if (relative) {
    await page.check("#harmed-near_relative");
    await page.check("#harmed-relation");
  } else {
    await page.check("#harmed");
  }
  await cont(page);
  await page.waitForSelector(step("ground"));
  await page.check("#grounds");
  await cont(page);
  await page.waitForSelector(step("incident"));
  await page.fill("#incident-date", "2026-09-28");
  await page.fill("#incident-time", "21:30");
  // 第四十一条's people are covered while assisting on duty, so they are on duty here.
  if (relative || status) {
    await page.check("#duty");
  } else {
    await page.check("#duty-off_duty_acting");
    await page.waitForSelector("[data-testid=apply-duty-note]");
    assert.match(await page.textContent("[data-testid=apply-duty-note]"), /第四十条/);
  }
  await page.check("#site-off_site");
  await page.check("#categories-insult");
  await page.fill("#summary", "下班途中制止盗窃，被对方当众辱骂。");
  // The place is missing: the error is listed and everything typed stays.
  await cont(page);
  await expectErrors(page, 1);
  assert.equal(await page.inputValue("#summary"), "下班途中制止盗窃，被对方当众辱骂。");
  await page.click("[data-testid=error-summary] a");
  assert.equal(await page.evaluate(() => document.activeElement?.id), "incident-place");
  await page.fill("#incident-place", "解放路与中山路交叉口");
  await cont(page);
  await page.waitForSelector(step("harm"));
  await page.check("#injury");
  if (loss) await page.fill("#property-loss", loss);
  await cont(page);
  await page.waitForSelector(step("evidence"));
  if (files.length > 0) {
    // A file type that is not evidence is refused with the reason, and nothing is added.
    await page.setInputFiles("[data-testid=draft-evidence-input]", [
      { name: "a.zip", mimeType: "application/zip", buffer: Buffer.from("PK") },
    ]);
    await page.waitForSelector("[data-testid=draft-evidence-problems] li");
    assert.match(await page.textContent("[data-testid=draft-evidence-problems]"), /不能作为证据材料/);
    await page.fill("[data-testid=draft-evidence-description]", "现场照片和录音");
    await page.setInputFiles("[data-testid=draft-evidence-input]", files);
    await page.waitForFunction((n) => document.querySelectorAll("[data-testid=draft-evidence-file]").length === n, files.length);
    await shot(page, relative ? "apply-evidence-360" : "apply-evidence");
    await waitForDraft(page, (d) => d.form.input.evidence.flatMap((e) => e.attachments).length === files.length);
    // The files are kept with the draft: a reload shows them again.
    await page.reload();
    await ready(page);
    await page.waitForSelector(step("evidence"));
    assert.equal(await page.locator("[data-testid=draft-evidence-file]").count(), files.length);
  }
  await cont(page);
  await page.waitForSelector(step("help"));
  await page.check("#help-clearance");
  if (legal) await page.check("#help");
  await cont(page);
  await page.waitForSelector(step("contact"));
  await page.fill("#contact-phone", "abc");
  await cont(page);
  await expectErrors(page, 1);
  await page.fill("#contact-phone", "13800000000");
  await cont(page);
  await page.waitForSelector(step("consent"));
  await cont(page);
  await expectErrors(page, 1);
  await page.check("#consent");
  await cont(page);
  await page.waitForSelector("[data-testid=apply-check]");
}

async function exportPackage(page, name) {
  await page.click("[data-testid=apply-finish]");
  await page.waitForSelector("[data-testid=apply-done]");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.click("[data-testid=apply-download]"),
  ]);
  assert.match(download.suggestedFilename(), /^维权申请-张明-\d{8}\.json$/);
  const file = path.join(SHOTS, `${name}.json`);
  await download.saveAs(file);
  return file;
}

async function importFile(page, file) {
  await page.goto(`${env.server.url}cases/import`);
  await ready(page);
  await page.setInputFiles("#package-file", file);
}

test("an officer applies, prints, exports, and the office imports the package once only", async (t) => {
  const { context, page, problems } = await openPage(env);
  await begin(page);
  await cont(page);
  await expectErrors(page, 1);
  await page.check("#applicant-kind");
  await cont(page);
  const files = [
    { name: "现场照片.png", mimeType: "image/png", buffer: PNG },
    { name: "录音.mp3", mimeType: "audio/mpeg", buffer: Buffer.from("ID3 recorded words") },
  ];
  await personToCheck(page, { relative: false, files });
  assert.match(await page.textContent("[data-testid=apply-eligibility]"), /第三十条/);
  assert.equal(await page.locator("[data-testid=apply-by-reference]").count(), 0);
  const checkText = await page.textContent("[data-testid=apply-check]");
  for (const want of ["张明", "A12345", "解放路与中山路交叉口", "13800000000", "第四十条", "现场照片.png", "录音.mp3"]) {
    assert.ok(checkText.includes(want), want);
  }
  // A change link returns to the check page.
  await page.click("a[href*='step=contact'][href*='from=check']");
  await page.waitForSelector(step("contact"));
  await page.fill("#contact-phone", "0573-82000000");
  await cont(page);
  await page.waitForSelector("[data-testid=apply-check]");
  assert.match(await page.textContent("[data-testid=apply-check]"), /0573-82000000/);
  await shot(page, "apply-check");

  const file = await exportPackage(page, "apply-officer-package");
  assert.match(await page.textContent("[data-testid=apply-next-reply]"), /第三十一条/);
  assert.match(await page.textContent("[data-testid=apply-deemed]"), /视为受理/);
  await shot(page, "apply-done");
  await page.emulateMedia({ media: "print" });
  await shot(page, "apply-print");
  await page.pdf({ path: path.join(SHOTS, "apply-print.pdf"), format: "A4" });
  await page.emulateMedia({ media: "screen" });

  const text = fs.readFileSync(file, "utf8");
  const json = JSON.parse(text);
  assert.equal(json.format, "weiquan-application");
  assert.equal(json.version, 2);
  assert.match(json.sha256, /^[0-9a-f]{64}$/);
  assert.deepEqual(json.attachments.map((a) => a.file_name), ["现场照片.png", "录音.mp3"]);
  assert.equal(Buffer.from(json.attachments[1].data, "base64").toString(), "ID3 recorded words");
  assert.match(await page.textContent("[data-testid=apply-printable]"), /录音\.mp3/);

  // Altered file bytes (the rest untouched) are refused, naming the file; nothing is created.
  const altered = structuredClone(json);
  altered.attachments[1].data = Buffer.from("ID3 other words!!!").toString("base64");
  await page.goto(`${env.server.url}cases/import`);
  await ready(page);
  await page.setInputFiles("#package-file", { name: "altered.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(altered)) });
  await page.waitForSelector("[data-testid=import-refused]");
  assert.match(await page.textContent("[data-testid=import-refused]"), /附件“录音\.mp3”的内容与校验值不符/);
  assert.equal(await page.locator("[data-testid=import-preview]").count(), 0);

  await importFile(page, file);
  await page.waitForSelector("[data-testid=import-preview]");
  assert.match(await page.textContent("[data-testid=import-officer]"), /张明/);
  assert.equal(await page.locator("[data-testid=import-file-row]").count(), 2);
  await shot(page, "import-preview");
  await page.click("[data-testid=import-submit]");
  await page.waitForSelector("[data-testid=import-created]");
  const href = await page.getAttribute("[data-testid=import-case-link]", "href");
  assert.match(href, /^\/cases\/c\d{14}-\d{6}$/);
  const stored = await page.evaluate(() => new Promise((resolve, reject) => {
    const open = indexedDB.open("weiquan");
    open.onsuccess = () => {
      const req = open.result.transaction("cases").objectStore("cases").getAll();
      req.onsuccess = () => resolve(req.result.map((r) => ({ id: r.id, sha: r.package_sha256 })));
      req.onerror = () => reject(req.error);
    };
    open.onerror = () => reject(open.error);
  }));
  assert.deepEqual(stored, [{ id: href.slice("/cases/".length), sha: json.sha256 }]);
  // The case has the evidence: both files, with the bytes the applicant attached.
  await page.click("[data-testid=import-case-link]");
  await page.waitForSelector("[data-testid=evidence-file]");
  const names = await page.locator("[data-testid=evidence-file-name]").allTextContents();
  assert.deepEqual(names, ["现场照片.png", "录音.mp3"]);
  await page.waitForSelector("[data-testid=evidence-file-sha]");
  const shas = await page.locator("[data-testid=evidence-file-sha]").evaluateAll((els) => els.map((e) => e.title));
  assert.deepEqual(shas, json.attachments.map((a) => a.sha256));
  const [saved] = await Promise.all([
    page.waitForEvent("download"),
    page.locator("[data-testid=evidence-download]").nth(1).click(),
  ]);
  const savedPath = path.join(SHOTS, "imported-recording.mp3");
  await saved.saveAs(savedPath);
  assert.equal(fs.readFileSync(savedPath, "utf8"), "ID3 recorded words");
  await shot(page, "import-case-evidence");

  await importFile(page, file);
  await page.waitForSelector("[data-testid=import-preview]");
  await page.click("[data-testid=import-submit]");
  await page.waitForSelector("[data-testid=import-duplicate]");
  assert.ok((await page.textContent("[data-testid=import-duplicate]")).includes(href.slice("/cases/".length)));

  const tampered = text.replace("张明", "张三");
  await page.goto(`${env.server.url}cases/import`);
  await ready(page);
  await page.setInputFiles("#package-file", { name: "tampered.json", mimeType: "application/json", buffer: Buffer.from(tampered) });
  await page.waitForSelector("[data-testid=import-refused]");
  assert.match(await page.textContent("[data-testid=import-refused]"), /修改/);
  await page.setInputFiles("#package-file", { name: "cut.json", mimeType: "application/json", buffer: Buffer.from(text.slice(0, 200)) });
  await page.waitForSelector("[data-testid=import-refused]");
  assert.match(await page.textContent("[data-testid=import-refused]"), /不完整/);
  await page.setInputFiles("#package-file", { name: "other.json", mimeType: "application/json", buffer: Buffer.from('{"hello":1}') });
  await page.waitForSelector("[data-testid=import-refused]");
  assert.match(await page.textContent("[data-testid=import-refused]"), /不是维权申请文件/);
  await shot(page, "import-refused");
  assertClean(t, env, problems);
  await context.close();
});

test("a spouse applies, resumes after a reload, and can delete the draft for good", async (t) => {
  const { context, page, problems } = await openPage(env, { width: 360, height: 800 });
  await begin(page);
  await page.check("#applicant-kind-near_relative");
  await cont(page);
  await expectErrors(page, 2);
  await page.check("#applicant-relation");
  await page.fill("#applicant-name", "李芳");
  await page.waitForSelector("[data-testid=apply-eligibility]");
  assert.match(await page.textContent("[data-testid=apply-eligibility]"), /第三十九条/);
  await shot(page, "apply-spouse-360");
  await cont(page);
  await page.waitForSelector(step("person"));
  // Typed without pressing 继续, then the tab is reloaded: the text is still there.
  await page.fill("#officer-unit", "秀洲区分局新城派出所");
  await waitForDraft(page, (d) => d.form.input.officer_unit === "秀洲区分局新城派出所");
  await page.reload();
  await ready(page);
  await page.waitForSelector(step("person"));
  assert.equal(await page.inputValue("#officer-unit"), "秀洲区分局新城派出所");
  // The browser is reloaded: the draft comes back from IndexedDB.
  await page.reload();
  await ready(page);
  await page.waitForSelector(step("person"));
  await page.click("[data-testid=apply-back]");
  await page.waitForSelector(step("applicant"));
  assert.equal(await page.inputValue("#applicant-name"), "李芳");
  assert.ok(await page.isChecked("#applicant-relation"));
  await cont(page);
  // A 辅警's spouse applies by reference (第四十一条).
  await page.waitForSelector(step("person"));
  await page.check("#status-auxiliary");
  await page.waitForSelector("[data-testid=apply-by-reference]");
  assert.match(await page.textContent("[data-testid=apply-eligibility]"), /第四十一条/);
  await page.check("#status");
  await personToCheck(page, { relative: true });
  await shot(page, "apply-check-360");
  await exportPackage(page, "apply-spouse-package");
  await shot(page, "apply-done-360");

  // The start screen lists the drafts; one is deleted after confirming.
  await page.goto(`${env.server.url}apply`);
  await ready(page);
  await page.waitForSelector("[data-testid=apply-drafts]");
  const before = await page.locator("[data-testid=apply-draft]").count();
  assert.ok(before >= 1);
  await page.click("[data-testid=apply-draft-delete]");
  await page.waitForSelector("[data-testid=apply-draft-confirm]");
  await shot(page, "apply-delete-confirm-360");
  await page.click("[data-testid=apply-draft-confirm-delete]");
  await page.waitForFunction((n) => document.querySelectorAll("[data-testid=apply-draft]").length === n - 1, before);
  await page.reload();
  await ready(page);
  await page.waitForSelector("[data-testid=apply-start]");
  assert.equal(await page.locator("[data-testid=apply-draft]").count(), before - 1);
  assertClean(t, env, problems);
  await context.close();
});

test("the office's quick path: /cases/new runs the wizard and registers the case; 第十三条's amount from the settings decides the legal service", async (t) => {
  const { context, page, problems } = await openPage(env);
  const base = env.server.url.replace(/\/$/, "");
  // The large-loss amount is validated, then saved.
  await saveUnitSettings(page, base);
  await page.fill("#large-loss", "五千");
  await page.click("[data-testid=settings-save]");
  await page.waitForSelector("[data-testid=error-summary]");
  assert.match(await page.textContent("[data-testid=error-summary]"), /较大损失/);
  await page.fill("#large-loss", "5000");
  await page.click("[data-testid=settings-save]");
  await page.waitForSelector("[data-testid=settings-saved]");
  await shot(page, "settings-large-loss");

  await page.goto(`${base}/cases/new`);
  await ready(page);
  await page.click("[data-testid=case-new-quick-link]");
  await page.waitForSelector("[data-testid=apply-start]");
  await page.click("[data-testid=apply-begin]");
  await page.waitForSelector(step("applicant"));
  await page.check("#applicant-kind");
  await cont(page);
  await personToCheck(page, { relative: false, loss: "6000", legal: true, files: [
    { name: "损坏的手机.png", mimeType: "image/png", buffer: PNG },
  ] });
  await page.click("[data-testid=apply-finish]");
  await page.waitForSelector("[data-testid=apply-office]");
  await page.click("[data-testid=apply-office-register]");
  await page.waitForSelector("[data-testid=import-from-draft]");
  await page.waitForSelector("[data-testid=import-preview]");
  assert.equal(await page.locator("#package-file").count(), 0);
  assert.equal(await page.locator("[data-testid=import-file-row]").count(), 1);
  await shot(page, "import-from-draft");
  await page.click("[data-testid=import-submit]");
  await page.waitForSelector("[data-testid=import-created]");
  await page.click("[data-testid=import-case-link]");
  await page.waitForSelector("[data-testid=case-legal]");
  assert.match(await page.textContent("[data-testid=case-legal]"), /委托法律专业人士/);
  assert.deepEqual(await page.locator("[data-testid=evidence-file-name]").allTextContents(), ["损坏的手机.png"]);
  const caseUrl = page.url();

  // A higher amount: the same 6000元 loss is no longer large.
  await page.goto(`${base}/settings`);
  await ready(page);
  await page.fill("#large-loss", "10000");
  await page.click("[data-testid=settings-save]");
  await page.waitForSelector("[data-testid=settings-saved]");
  await page.goto(caseUrl);
  await ready(page);
  await page.waitForSelector("[data-testid=case-legal]");
  assert.match(await page.textContent("[data-testid=case-legal]"), /协调/);
  assertClean(t, env, problems);
  await context.close();
});

test("the intake form takes evidence files; they survive a reload and end up on the new case", async (t) => {
  const { context, page, problems } = await openPage(env, { width: 360, height: 800 });
  const base = env.server.url.replace(/\/$/, "");
  await saveUnitSettings(page, base);
  await page.goto(base + "/cases/new");
  await ready(page);
  await page.waitForSelector("[data-testid=case-new]");
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
  await page.check("#injury");
  await page.fill("#summary", "王明在处置纠纷时被当事人当众辱骂。");
  await page.fill("[data-testid=draft-evidence-description]", "现场视频截图");
  await page.setInputFiles("[data-testid=draft-evidence-input]", [
    { name: "截图.png", mimeType: "image/png", buffer: PNG },
  ]);
  await page.waitForSelector("[data-testid=draft-evidence-file]");
  await shot(page, "case-new-evidence-360");
  await page.reload();
  await ready(page);
  await page.waitForSelector("[data-testid=draft-restored]");
  await page.waitForSelector("[data-testid=draft-evidence-file]");
  assert.equal(await page.textContent("[data-testid=draft-evidence-name]"), "截图.png");
  await page.click("[data-testid=case-create]");
  await page.waitForURL(/\/cases\/WQ-/);
  await page.waitForSelector("[data-testid=evidence-file-sha]");
  assert.deepEqual(await page.locator("[data-testid=evidence-file-name]").allTextContents(), ["截图.png"]);
  const stored = await page.evaluate(() => new Promise((resolve, reject) => {
    const open = indexedDB.open("weiquan");
    open.onsuccess = () => {
      const req = open.result.transaction("attachments").objectStore("attachments").getAll();
      req.onsuccess = () => resolve(req.result.map((r) => ({ case_id: r.case_id ?? null, draft_id: r.draft_id ?? null })));
      req.onerror = () => reject(req.error);
    };
    open.onerror = () => reject(open.error);
  }));
  assert.equal(stored.length, 1);
  assert.match(stored[0].case_id, /^WQ-/);
  assert.equal(stored[0].draft_id, null);
  assertClean(t, env, problems);
  await context.close();
});

test("the department applies for a visiting officer, a grandmother for a staff member: each eligible under the article that says so", async (t) => {
  const { context, page, problems } = await openPage(env);
  // 第三十条: the officer's department may apply; its name is required.
  await begin(page);
  await page.check("#applicant-kind-department");
  await cont(page);
  await expectErrorFor(page, "applicant-department");
  await page.fill("#applicant-department", "嘉兴市公安局南湖区分局解放派出所");
  await page.waitForSelector("[data-testid=apply-eligibility]");
  assert.match(await page.textContent("[data-testid=apply-eligibility]"), /所在部门可以向所属单位维权办提出申请/);
  await cont(page);
  // 第四十一条: an officer from outside the city is covered by reference.
  await page.waitForSelector(step("person"));
  await page.check("#status-visiting_officer");
  await page.waitForSelector("[data-testid=apply-by-reference]");
  assert.match(await page.textContent("[data-testid=apply-eligibility]"), /第四十一条/);
  await personToCheck(page, { relative: false, status: "visiting_officer" });
  const check = await page.textContent("[data-testid=apply-check]");
  assert.match(check, /民警所在部门：嘉兴市公安局南湖区分局解放派出所/);
  assert.match(check, /参照办理/);
  await shot(page, "apply-check-department");

  // 第三十九条第二句: another relative's application is handled by reference.
  await begin(page);
  await page.check("#applicant-kind-other_relative");
  await cont(page);
  await expectErrorFor(page, "applicant-relation");
  await expectErrorFor(page, "applicant-name");
  await page.fill("#applicant-relation", "祖母");
  await page.fill("#applicant-name", "王秀英");
  await page.waitForSelector("[data-testid=apply-by-reference]");
  assert.match(await page.textContent("[data-testid=apply-eligibility]"), /其他亲属为.*参照办理/);
  await cont(page);
  await page.waitForSelector(step("person"));
  await page.check("#status-staff");
  assert.match(await page.textContent("[data-testid=apply-eligibility]"), /第四十一条/);
  await personToCheck(page, { relative: false, status: "staff" });
  const check2 = await page.textContent("[data-testid=apply-check]");
  assert.match(check2, /王秀英/);
  assert.match(check2, /祖母/);
  await shot(page, "apply-check-other-relative");
  assertClean(t, env, problems);
  await context.close();
});
