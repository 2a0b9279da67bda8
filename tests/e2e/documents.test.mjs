// End-to-end: the case page's 文书 section (issue 7). A malicious-complaint case with approved
// findings (examples/case_fixtures.rs) offers its documents; the written warning is previewed,
// refused without its copies-to list, issued as 〔year〕第1号 and recorded in the history; a
// second document gets 第2号; after a reload the reprint shows the same number; Chromium's
// print-to-PDF of the open document is one A4 page holding only the document (converted to
// PNG with pdftoppm for a look); the per-case .ics holds the case's running deadlines. Once the
// findings reach the applicant, the applicant's 复核申请书 is offered: previewed, printed (the
// printing recorded in the history, no number taken) and checked as a PDF; the unit's number
// prefix from the settings is printed before the year.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import fs from "node:fs";
import { execFileSync } from "node:child_process";
import { start, openPage, ready, shot, assertClean, ROOT, SHOTS, saveUnitSettings, caseRowOf } from "./harness.mjs";

let env;
let fixtures;
const TODAY = "2026-11-25";
const NOW = new Date(`${TODAY}T10:00:00+08:00`);

before(async () => {
  env = await start();
  const json = execFileSync("cargo", ["run", "-q", "--example", "case_fixtures", "--", TODAY, "0"], { cwd: ROOT, encoding: "utf8", maxBuffer: 64 << 20 });
  fixtures = JSON.parse(json);
});
after(async () => { await env?.browser.close(); env?.server.close(); });

async function seed(page, record) {
  await page.waitForSelector("[data-testid=db-status]:has-text('本机数据库已就绪')");
  await page.evaluate(async ({ r, row }) => {
    const db = await new Promise((resolve, reject) => {
      const req = indexedDB.open("weiquan");
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    await new Promise((resolve, reject) => {
      const tx = db.transaction(["cases", "case_rows"], "readwrite");
      const record = { ...r };
      if (record.next_due === null) delete record.next_due;
      tx.objectStore("cases").put(record);
      tx.objectStore("case_rows").put(row);
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  }, { r: record, row: caseRowOf(record) });
}

test("documents are previewed, issued with a number per unit and year, reprinted as issued and printed on A4", async (t) => {
  const { context, page, problems } = await openPage(env);
  await context.clock.setFixedTime(NOW);
  const base = env.server.url.replace(/\/$/, "");
  await saveUnitSettings(page, base);
  // The home page says when the database is ready (the settings page words it differently).
  await page.goto(base + "/");
  await ready(page);
  await seed(page, fixtures.documents);
  await page.goto(base + "/cases/WQ-F-DOCS");
  await ready(page);
  await page.waitForSelector("[data-testid=case-documents]");

  const kinds = await page.$$eval("[data-testid=document-kind]", (ls) =>
    ls.map((l) => [l.dataset.kind, !!l.querySelector("[data-testid=document-preview]")]));
  assert.deepEqual(Object.fromEntries(kinds), {
    registration: true, acceptance_reply: true, rejection_reply: false, findings_report: true,
    review_request: false, review_answer: false, clearance_notice: true, written_warning: true,
  });
  assert.equal(await page.locator("[data-testid=documents-none]").count(), 1);

  // The written warning: preview, refused until the copies-to list is given.
  await page.click("[data-testid=document-kind][data-kind=written_warning] [data-testid=document-preview]");
  await page.waitForSelector("[data-testid=document-problem]");
  await page.fill("[data-testid=doc-addressee]", "赵某某");
  await page.fill("[data-testid=doc-facts]", "你于2026年10月向区纪委投诉民警孙立收受财物，经查并无其事。");
  assert.match(await page.textContent("[data-testid=document-problem]"), /抄报单位/);
  await page.fill("[data-testid=doc-copies]", "嘉兴某某有限公司\n解放街道办事处");
  await page.waitForSelector("[data-testid=document-sheet][data-kind=written_warning]");
  assert.equal(await page.textContent("[data-testid=document-number]"), "文号于出具时分配");
  await shot(page, "document-preview");

  await page.click("[data-testid=document-issue]");
  await page.waitForSelector("[data-testid=document-message]");
  assert.match(await page.textContent("[data-testid=document-message]"), /已出具《书面告诫书》〔2026〕第1号/);
  assert.equal(await page.textContent("[data-testid=document-number]"), "〔2026〕第1号");
  const sheet = await page.textContent("[data-testid=document-sheet]");
  assert.match(sheet, /嘉兴市公安局南湖区分局/);
  assert.match(sheet, /赵某某：/);
  assert.match(sheet, /抄报：嘉兴某某有限公司、解放街道办事处。/);
  assert.match(sheet, /应当给予书面告诫,并抄报行为人所在单位/);
  assert.match(sheet, /2026年11月25日/);
  const timeline = await page.textContent("[data-testid=timeline]");
  assert.match(timeline, /出具文书/);
  assert.match(timeline, /〔2026〕第1号/);

  // Print-to-PDF of the open document: A4, the document alone.
  await page.emulateMedia({ media: "print" });
  await shot(page, "document-print-media");
  // page.pdf() prints with the emulated media: keep it "print" until the PDF is made.
  const pdf = path.join(SHOTS, "document-written-warning.pdf");
  await page.pdf({ path: pdf, format: "A4", preferCSSPageSize: true });
  await page.emulateMedia({ media: "screen" });
  const info = execFileSync("pdfinfo", [pdf], { encoding: "utf8" });
  assert.match(info, /Pages:\s+1\n/, info);
  // A4 is 595.28 × 841.89 pt; Chromium rounds to its own pixel grid (594.96 × 841.92).
  assert.match(info, /Page size:\s+59[45](\.\d+)? x 84[12](\.\d+)? pts \(A4\)/, info);
  const text = execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" });
  assert.match(text, /书面告诫书/);
  assert.match(text, /〔2026〕第1号/);
  assert.doesNotMatch(text, /办理记录|可出具的文书|维权工作台/, text);
  execFileSync("pdftoppm", ["-png", "-r", "80", "-singlefile", pdf, path.join(SHOTS, "document-written-warning")]);
  assert.ok(fs.statSync(path.join(SHOTS, "document-written-warning.png")).size > 10000);

  // A second document takes the next number.
  await page.click("[data-testid=document-kind][data-kind=registration] [data-testid=document-preview]");
  await page.waitForSelector("[data-testid=document-sheet][data-kind=registration]");
  await page.click("[data-testid=document-issue]");
  await page.waitForFunction(() => document.querySelector("[data-testid=document-number]")?.textContent === "〔2026〕第2号");
  await page.emulateMedia({ media: "print" });
  await page.pdf({ path: path.join(SHOTS, "document-registration.pdf"), format: "A4", preferCSSPageSize: true });
  await page.emulateMedia({ media: "screen" });
  execFileSync("pdftoppm", ["-png", "-r", "80", "-singlefile", path.join(SHOTS, "document-registration.pdf"), path.join(SHOTS, "document-registration")]);

  // After a reload the issued documents are listed and reprint exactly as issued.
  await page.reload();
  await ready(page);
  await page.waitForSelector("[data-testid=issued-document]");
  assert.equal(await page.locator("[data-testid=issued-document]").count(), 2);
  await page.locator("[data-testid=issued-document]").first().locator("[data-testid=issued-open]").click();
  assert.equal(await page.textContent("[data-testid=document-number]"), "〔2026〕第1号");
  assert.equal(await page.textContent("[data-testid=document-sheet]"), sheet);
  await shot(page, "document-issued");

  // The case's own calendar file.
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("[data-testid=case-ics]")]);
  assert.equal(download.suggestedFilename(), "维权期限_WQ-F-DOCS.ics");
  const ics = fs.readFileSync(await download.path(), "utf8");
  assert.match(ics, /^BEGIN:VCALENDAR\r\n/);
  assert.match(ics, /UID:WQ-F-DOCS-/);
  assert.match(ics, /END:VCALENDAR\r\n$/);

  assertClean(t, env, problems);
  await context.close();
});

test("the applicant's review request is printed without a number and recorded; the number prefix is printed", async (t) => {
  const { context, page, problems } = await openPage(env);
  await context.clock.setFixedTime(NOW);
  // Printing is the browser's; count the calls instead of opening a dialog.
  await context.addInitScript(() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; });
  const base = env.server.url.replace(/\/$/, "");
  await saveUnitSettings(page, base);
  // The number prefix: validated (letters and digits only), then saved.
  await page.fill("#number-prefix", "嘉公维〔");
  await page.click("[data-testid=settings-save]");
  await page.waitForSelector("#number-prefix-error");
  assert.match(await page.textContent("#number-prefix-error"), /文号前缀只能由汉字、字母和数字组成/);
  await page.fill("#number-prefix", "嘉公维");
  await page.click("[data-testid=settings-save]");
  await page.waitForSelector("[data-testid=settings-saved]");
  await page.reload();
  await ready(page);
  assert.equal(await page.inputValue("#number-prefix"), "嘉公维");

  await page.goto(base + "/");
  await ready(page);
  await seed(page, fixtures.documents);
  await page.goto(base + "/cases/WQ-F-DOCS");
  await ready(page);
  await page.waitForSelector("[data-testid=case-documents]");
  const request = "[data-testid=document-kind][data-kind=review_request]";
  assert.match(await page.textContent(request), /申请人收到核查结果反馈/);
  assert.equal(await page.locator(`${request} [data-testid=document-preview]`).count(), 0);

  // The findings reach the applicant today: the review request is offered.
  await page.click("[data-testid=case-action][data-kind=ApplicantNotified]");
  await page.waitForSelector("[data-testid=event-form]");
  await page.click("[data-testid=event-submit]");
  await page.waitForSelector("[data-testid=case-state][data-state=Notified]");
  await page.click(`${request} [data-testid=document-preview]`);
  await page.waitForSelector("[data-testid=document-sheet][data-kind=review_request]");
  assert.equal(await page.locator("[data-testid=document-number]").count(), 0);
  assert.equal(await page.locator("[data-testid=document-issue]").count(), 0);
  const preview = await page.textContent("[data-testid=document-sheet]");
  assert.match(preview, /维护民警执法权威复核申请书/);
  assert.match(preview, /上一级公安机关维权办：/);
  assert.match(preview, /涉及民警孙立/);
  assert.match(preview, /申请人收到答复日期2026年11月25日/);
  // 10 working days from Wednesday 25 November 2026.
  assert.match(preview, /申请复核截止日期2026年12月9日（收到答复之日起10个工作日内）/);
  assert.match(preview, /复核请求及理由（申请人填写，可另附页）/);
  assert.match(preview, /申请人（签名）：/);
  assert.match(preview, /可以自收到答复之日起10个工作日内向上一级公安机关维权办申请复核/);
  assert.doesNotMatch(preview, /〔2026〕/);
  await shot(page, "document-review-request-preview");

  await page.click("[data-testid=document-prepare]");
  await page.waitForSelector("[data-testid=document-message]");
  assert.match(await page.textContent("[data-testid=document-message]"), /已打印《维护民警执法权威复核申请书》交申请人，并记入办理记录（不编本单位文号）/);
  await page.waitForFunction(() => window.__printed === 1);
  const timeline = await page.textContent("[data-testid=timeline]");
  assert.match(timeline, /维护民警执法权威复核申请书/);
  assert.match(timeline, /打印交申请人填写、签名（不编文号）/);
  // No number was taken: the issued list is still empty.
  assert.equal(await page.locator("[data-testid=documents-none]").count(), 1);

  await page.emulateMedia({ media: "print" });
  const pdf = path.join(SHOTS, "document-review-request.pdf");
  await page.pdf({ path: pdf, format: "A4", preferCSSPageSize: true });
  await page.emulateMedia({ media: "screen" });
  const info = execFileSync("pdfinfo", [pdf], { encoding: "utf8" });
  assert.match(info, /Pages:\s+1\n/, info);
  assert.match(info, /Page size:\s+59[45](\.\d+)? x 84[12](\.\d+)? pts \(A4\)/, info);
  const text = execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" });
  assert.match(text, /维护民警执法权威复核申请书/);
  assert.match(text, /申请人（签名）：/);
  assert.match(text, /2026年12月9日/);
  assert.match(text, /嘉兴市公安局南湖区分局维权办于2026年11月25日依案件记录预填/);
  assert.doesNotMatch(text, /〔2026〕|办理记录|可出具的文书|维权工作台/, text);
  execFileSync("pdftoppm", ["-png", "-r", "80", "-singlefile", pdf, path.join(SHOTS, "document-review-request")]);
  assert.ok(fs.statSync(path.join(SHOTS, "document-review-request.png")).size > 10000);

  // The unit's next numbered document is its first of the year, with the prefix.
  await page.click("[data-testid=document-kind][data-kind=findings_report] [data-testid=document-preview]");
  await page.waitForSelector("[data-testid=document-sheet][data-kind=findings_report]");
  await page.click("[data-testid=document-issue]");
  await page.waitForFunction(() => document.querySelector("[data-testid=document-number]")?.textContent === "嘉公维〔2026〕第1号");
  assert.match(await page.textContent("[data-testid=document-message]"), /已出具《维护民警执法权威核查结果反馈书》嘉公维〔2026〕第1号/);
  assert.match(await page.textContent("[data-testid=timeline]"), /嘉公维〔2026〕第1号/);
  await shot(page, "document-findings-prefixed");

  assertClean(t, env, problems);
  await context.close();
});
