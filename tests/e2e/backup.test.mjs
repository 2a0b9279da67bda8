// End-to-end: backup and restore on /settings (issue 7). Cases built by the core
// (examples/case_fixtures.rs) and an evidence file are put into IndexedDB; the home page
// reminds that no backup was made; the backup downloads as one checksummed file; a fresh
// browser profile (a wiped machine) restores it after a preview; a merge lists the conflicts
// and brings back a deleted case; a replace puts the backup's settings back; a damaged file is
// refused with nothing changed.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import { execFileSync } from "node:child_process";
import { start, openPage, ready, shot, assertClean, saveUnitSettings, ROOT, SHOTS, caseRowOf } from "./harness.mjs";

let env;
let fixtures;
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAIAAACQkWg2AAAAG0lEQVR4nGM4ISdHEmIY1UATDSSqPzGqgSYaADpiBBBGOHCLAAAAAElFTkSuQmCC",
  "base64",
);
const sha = (buf) => crypto.createHash("sha256").update(buf).digest("hex");

function todayShanghai() {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
}

before(async () => {
  const json = execFileSync("cargo", ["run", "-q", "--example", "case_fixtures", "--", todayShanghai(), "20"], { cwd: ROOT, encoding: "utf8", maxBuffer: 64 << 20 });
  fixtures = JSON.parse(json);
  env = await start();
});
after(async () => { await env?.browser.close(); env?.server.close(); });

const base = () => env.server.url.replace(/\/$/, "");

/** Puts case records and one evidence file into the app's database, as the store writes them. */
async function seed(page, records) {
  await page.goto(base() + "/");
  await ready(page);
  await page.waitForSelector("[data-testid=db-status]:has-text('本机数据库已就绪')");
  await page.evaluate(async ({ records, rows, png, pngSha, caseId }) => {
    const db = await new Promise((resolve, reject) => {
      const req = indexedDB.open("weiquan");
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    await new Promise((resolve, reject) => {
      const tx = db.transaction(["cases", "case_rows", "attachments"], "readwrite");
      for (const r of records) {
        const record = { ...r };
        if (record.next_due === null) delete record.next_due;
        tx.objectStore("cases").put(record);
      }
      for (const row of rows) tx.objectStore("case_rows").put(row);
      const bytes = Uint8Array.from(atob(png), (c) => c.charCodeAt(0));
      tx.objectStore("attachments").put({
        id: "att-e2e-1", case_id: caseId, file_name: "现场照片.png", mime: "image/png",
        size: bytes.length, sha256: pngSha, added_at: "2026-09-21T10:00:00",
        blob: new Blob([bytes], { type: "image/png" }),
      });
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  }, { records, rows: records.map(caseRowOf), png: PNG.toString("base64"), pngSha: sha(PNG), caseId: records[0].id });
}

/** How many cases the dashboard counts. */
async function caseCount(page) {
  await page.goto(base() + "/");
  await ready(page);
  const title = page.locator("#counts-title");
  await title.waitFor();
  return Number((await title.textContent()).match(/共 (\d+) 件/)[1]);
}

/** A screenshot of the backup section only (the settings page is long). */
async function shotSection(page, name) {
  await page.locator("[data-testid=settings-backup]").screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

async function chooseBackup(page, file) {
  await page.goto(base() + "/settings#backup");
  await ready(page);
  // A file chosen before the database is open is refused (“尚未就绪”): wait for it.
  await page.waitForSelector("[data-testid=settings-storage] [data-testid=db-status] >> text=/可用/");
  await page.setInputFiles("[data-testid=restore-file]", file);
}

test("a backup downloads whole, restores on a wiped machine after a preview, merges with conflicts listed and replaces", async (t) => {
  const records = [...fixtures.featured, ...fixtures.bulk];
  const first = await openPage(env);
  await saveUnitSettings(first.page, base());
  await seed(first.page, records);
  assert.equal(await caseCount(first.page), records.length);

  // No backup yet: the home page says so and links to the section.
  const reminder = first.page.locator("[data-testid=backup-reminder]");
  await reminder.waitFor();
  assert.match(await reminder.textContent(), new RegExp(`保存着${records.length}件案件，但还从未备份过`));
  await shot(first.page, "backup-reminder-home");
  await reminder.locator("a").click();
  await first.page.waitForSelector("[data-testid=backup-download]");
  assert.match(first.page.url(), /\/settings#backup$/);
  assert.match(await first.page.textContent("[data-testid=backup-last]"), /还没有备份过/);

  // Download.
  const [download] = await Promise.all([
    first.page.waitForEvent("download"),
    first.page.click("[data-testid=backup-download]"),
  ]);
  assert.match(download.suggestedFilename(), /^维权工作台备份-\d{8}-\d{6}\.json$/);
  const file = path.join(SHOTS, "backup.json");
  await download.saveAs(file);
  const done = first.page.locator("[data-testid=backup-done]");
  await done.waitFor();
  assert.match(await done.textContent(), new RegExp(`案件${records.length}条`));
  assert.match(await done.textContent(), /附件1条/);
  assert.match(await first.page.textContent("[data-testid=backup-last]"), /上次备份：\d{4}年/);
  assert.equal(await first.page.locator("[data-testid=settings-backup] [data-testid=backup-reminder]").count(), 0);
  await shotSection(first.page, "backup-done");

  // The file: one checksummed JSON document holding every case and the file's bytes.
  const text = fs.readFileSync(file, "utf8");
  const json = JSON.parse(text);
  assert.equal(json.format, "weiquan-backup");
  assert.equal(json.version, 1);
  const bodyText = text.slice(text.indexOf('"body":') + 7, text.lastIndexOf(',"sha256":'));
  assert.equal(sha(Buffer.from(bodyText, "utf8")), json.sha256);
  const stores = Object.fromEntries(json.body.stores.map((s) => [s.name, s.records]));
  assert.equal(stores.cases.length, records.length);
  assert.equal(Buffer.from(stores.attachments[0].blob.$blob.base64, "base64").compare(PNG), 0);
  assert.equal(json.body.local.settings.operator, "张三");

  // A wiped machine (a fresh browser profile): the file is checked and previewed, then restored.
  const second = await openPage(env);
  await chooseBackup(second.page, file);
  const preview = second.page.locator("[data-testid=restore-preview]");
  await preview.waitFor();
  assert.match(await preview.textContent(), new RegExp(`检查无误.*共${records.length + 1}条记录`));
  assert.ok(await second.page.isChecked("[data-testid=restore-mode-merge]"));
  const casesRow = preview.locator("[data-testid=restore-summary] tbody tr", { hasText: "案件" }).first();
  assert.match(await casesRow.textContent(), new RegExp(`案件${records.length}${records.length}`));
  await shotSection(second.page, "restore-preview-empty-machine");
  await second.page.click("[data-testid=restore-confirm]");
  await second.page.waitForSelector("[data-testid=restore-done]");
  assert.match(await second.page.textContent("[data-testid=restore-done]"), /已合并备份/);
  // The settings came back with the data, and the reminder is satisfied by the restored backup.
  assert.equal(await second.page.inputValue("#operator"), "张三");
  assert.equal(await caseCount(second.page), records.length);
  assert.equal(await second.page.locator("[data-testid=backup-reminder]").count(), 0);
  await second.page.goto(base() + "/cases/" + records[0].id);
  await ready(second.page);
  await second.page.waitForSelector(`text=${fixtures.featured[0].id}`);
  assertClean(t, env, second.problems);
  await second.context.close();

  // Merge on the first machine after a case was deleted and the operator changed there.
  await first.page.evaluate(async (id) => {
    const db = await new Promise((resolve, reject) => {
      const req = indexedDB.open("weiquan");
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    await new Promise((resolve) => {
      const tx = db.transaction(["cases", "case_rows"], "readwrite");
      tx.objectStore("cases").delete(id);
      tx.objectStore("case_rows").delete(id);
      tx.oncomplete = resolve;
    });
    db.close();
  }, records[1].id);
  await first.page.goto(base() + "/settings");
  await ready(first.page);
  await first.page.fill("#operator", "李四");
  await first.page.click("[data-testid=settings-save]");
  await first.page.waitForSelector("[data-testid=settings-saved]");
  assert.equal(await caseCount(first.page), records.length - 1);
  await chooseBackup(first.page, file);
  const firstPreview = first.page.locator("[data-testid=restore-preview]");
  await firstPreview.waitFor();
  const conflicts = first.page.locator("[data-testid=restore-conflict]");
  assert.equal(await conflicts.count(), 1);
  assert.match(await conflicts.first().textContent(), /本单位设置.*本机设置.*备份中的设置.*本机/);
  assert.match(await first.page.locator("[data-testid=restore-summary] tbody tr", { hasText: "案件" }).first().textContent(),
    new RegExp(`案件${records.length}1`));
  await shotSection(first.page, "restore-preview-merge");
  await first.page.click("[data-testid=restore-confirm]");
  await first.page.waitForSelector("[data-testid=restore-done]");
  assert.match(await first.page.textContent("[data-testid=restore-done]"), /案件写入1条/);
  assert.equal(await first.page.inputValue("#operator"), "李四");
  assert.equal(await caseCount(first.page), records.length);

  // Replace: the backup's settings come back too; the confirmation needs the box ticked.
  await chooseBackup(first.page, file);
  await firstPreview.waitFor();
  await first.page.check("[data-testid=restore-mode-replace]");
  assert.ok(await first.page.isDisabled("[data-testid=restore-confirm]"));
  await first.page.check("[data-testid=restore-replace-ack]");
  await shotSection(first.page, "restore-preview-replace");
  await first.page.click("[data-testid=restore-confirm]");
  await first.page.waitForSelector("[data-testid=restore-done]");
  assert.match(await first.page.textContent("[data-testid=restore-done]"), /已用备份替换本机数据/);
  assert.equal(await first.page.inputValue("#operator"), "张三");
  assert.equal(await caseCount(first.page), records.length);

  // A damaged copy is refused and nothing changes.
  const damaged = path.join(SHOTS, "backup-damaged.json");
  fs.writeFileSync(damaged, text.replace(fixtures.featured[0].id, fixtures.featured[0].id.replace("F", "G")));
  await chooseBackup(first.page, damaged);
  const refused = first.page.locator("[data-testid=restore-refused]");
  await refused.waitFor();
  assert.match(await refused.textContent(), /未恢复，本机数据没有任何改动.*校验值与内容不符/);
  assert.equal(await first.page.locator("[data-testid=restore-preview]").count(), 0);
  await shotSection(first.page, "restore-refused");
  const notBackup = path.join(SHOTS, "not-a-backup.json");
  fs.writeFileSync(notBackup, JSON.stringify({ years: {} }));
  await chooseBackup(first.page, notBackup);
  await first.page.waitForSelector("[data-testid=restore-refused]:has-text('这不是维权工作台的备份文件')");
  assert.equal(await caseCount(first.page), records.length);
  assertClean(t, env, first.problems);
  await first.context.close();
});

test("the backup section works at 360 px wide", async (t) => {
  const { context, page, problems } = await openPage(env, { width: 360, height: 800 });
  await page.goto(base() + "/settings#backup");
  await ready(page);
  await page.waitForSelector("[data-testid=backup-download]");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
  await page.locator("[data-testid=settings-backup]").screenshot({ path: path.join(SHOTS, "settings-backup-360.png") });
  assertClean(t, env, problems);
  await context.close();
});

test("a large backup shows its progress while it is made and restored", async (t) => {
  const FILES = 6;
  const SIZE = 8 * 1024 * 1024;
  const { context, page, problems } = await openPage(env);
  await saveUnitSettings(page, base());
  await seed(page, fixtures.featured);
  // Six files of 8 MB: about 65 MB of base64 to encode, check and write back.
  await page.evaluate(async ({ files, size, caseId }) => {
    const db = await new Promise((resolve, reject) => {
      const req = indexedDB.open("weiquan");
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const records = [];
    for (let i = 0; i < files; i++) {
      const bytes = new Uint8Array(size);
      for (let j = 0; j < size; j += 4096) bytes[j] = (i + j) & 255;
      const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
      const hex = Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
      records.push({ id: `big-${i}`, case_id: caseId, file_name: `录像${i}.mp4`, mime: "video/mp4", size, sha256: hex,
        added_at: "2026-09-21T10:00:00", blob: new Blob([bytes], { type: "video/mp4" }) });
    }
    await new Promise((resolve, reject) => {
      const tx = db.transaction("attachments", "readwrite");
      for (const r of records) tx.objectStore("attachments").put(r);
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  }, { files: FILES, size: SIZE, caseId: fixtures.featured[0].id });

  await page.goto(base() + "/settings#backup");
  await ready(page);
  const [download] = await Promise.all([
    page.waitForEvent("download", { timeout: 120000 }),
    (async () => {
      await page.click("[data-testid=backup-download]");
      await page.waitForSelector("[data-testid=backup-progress] progress");
      await page.waitForFunction(() => Number(document.querySelector("[data-testid=backup-progress] progress")?.value) > 0, null, { timeout: 60000 });
    })(),
  ]);
  const file = path.join(SHOTS, "backup-large.json");
  await download.saveAs(file);
  await page.waitForSelector("[data-testid=backup-done]");
  assert.equal(await page.locator("[data-testid=backup-progress]").count(), 0);
  await shotSection(page, "backup-large-done");
  assert.ok(fs.statSync(file).size > FILES * SIZE * 4 / 3);

  const other = await openPage(env);
  await other.page.goto(base() + "/settings#backup");
  await ready(other.page);
  await other.page.waitForSelector("[data-testid=backup-download]");
  await other.page.waitForSelector("[data-testid=settings-storage] [data-testid=db-status] >> text=/可用/");
  await other.page.setInputFiles("[data-testid=restore-file]", file);
  const first = await other.page.waitForSelector("[data-testid=restore-progress], [data-testid=restore-preview], [data-testid=restore-refused]");
  assert.equal(await first.getAttribute("data-testid"), "restore-progress", await first.textContent());
  await shotSection(other.page, "restore-progress-reading");
  await other.page.waitForSelector("[data-testid=restore-preview]", { timeout: 120000 });
  await other.page.click("[data-testid=restore-confirm]");
  await other.page.waitForSelector("[data-testid=restore-done]", { timeout: 120000 });
  assert.match(await other.page.textContent("[data-testid=restore-done]"), new RegExp(`附件写入${FILES + 1}条`));
  // The largest file came back byte for byte.
  const back = await other.page.evaluate(async () => {
    const db = await new Promise((resolve, reject) => {
      const req = indexedDB.open("weiquan");
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const record = await new Promise((resolve) => {
      const req = db.transaction("attachments").objectStore("attachments").get("big-5");
      req.onsuccess = () => resolve(req.result);
    });
    db.close();
    const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", await record.blob.arrayBuffer()));
    return { sha: record.sha256, actual: Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join(""), size: record.blob.size, type: record.blob.type };
  });
  assert.deepEqual(back, { sha: back.actual, actual: back.actual, size: SIZE, type: "video/mp4" });
  assertClean(t, env, [...problems, ...other.problems]);
  await other.context.close();
  await context.close();
});
