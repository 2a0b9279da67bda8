// End-to-end: evidence files on a case. A case is registered through /cases/new, then a PNG
// and a PDF are attached on /cases/:id, listed with size and checksum, kept across a reload,
// downloaded byte for byte; a disallowed type is refused with the reason, a hostile file name
// shows as text, and a deleted file leaves a record in the history.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import crypto from "node:crypto";
import { start, openPage, ready, shot, assertClean, saveUnitSettings, registerCase } from "./harness.mjs";

let env;
before(async () => { env = await start(); });
after(async () => { await env?.browser.close(); env?.server.close(); });

const RECEIVED = new Date("2026-03-02T09:00:00+08:00");
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAIAAACQkWg2AAAAG0lEQVR4nGM4ISdHEmIY1UATDSSqPzGqgSYaADpiBBBGOHCLAAAAAElFTkSuQmCC",
  "base64",
);
const PDF = Buffer.from("%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");
const HOSTILE = "<img src=x onerror=alert(1)>.png";

function sha(buf) {
  return crypto.createHash("sha256").update(buf).digest("hex");
}

async function names(page) {
  return page.$$eval("[data-testid=evidence-file-name]", (ns) => ns.map((n) => n.textContent));
}

test("evidence files are attached, kept, downloaded intact, refused when disallowed and deleted with a record", async (t) => {
  const { context, page, problems } = await openPage(env);
  await context.clock.setFixedTime(RECEIVED);
  let dialogs = 0;
  page.on("dialog", async (d) => { dialogs += 1; await d.dismiss(); });
  const base = env.server.url.replace(/\/$/, "");
  await saveUnitSettings(page, base);
  const caseUrl = await registerCase(page, base);
  assert.ok(await page.isVisible("[data-testid=evidence-none]"));

  // A PNG and a PDF into a new evidence item.
  assert.equal(await page.inputValue("[data-testid=evidence-target]"), "new");
  await page.fill("[data-testid=evidence-description]", "现场照片和笔录");
  await page.setInputFiles("[data-testid=evidence-input]", [
    { name: "现场.png", mimeType: "image/png", buffer: PNG },
    { name: "笔录.pdf", mimeType: "application/pdf", buffer: PDF },
  ]);
  await page.waitForFunction(() => /已添加/.test(document.querySelector("[data-testid=evidence-status]")?.textContent ?? ""));
  assert.match(await page.textContent("[data-testid=evidence-status]"), /已添加2个文件/);
  await page.waitForSelector("[data-testid=evidence-file-sha]");
  assert.deepEqual(await names(page), ["现场.png", "笔录.pdf"]);
  const sizes = await page.$$eval("[data-testid=evidence-file-size]", (ns) => ns.map((n) => n.textContent));
  assert.deepEqual(sizes, [`${PNG.length} B`, `${PDF.length} B`]);
  const shas = await page.$$eval("[data-testid=evidence-file-sha]", (ns) => ns.map((n) => n.getAttribute("title")));
  assert.deepEqual(shas, [sha(PNG), sha(PDF)]);
  await page.waitForSelector("[data-testid=evidence-thumb]");
  assert.match(await page.getAttribute("[data-testid=evidence-thumb]", "src"), /^blob:/);
  // The amendment is in the history, with its note.
  assert.match(await page.textContent("[data-testid=timeline]"), /添加证据材料：现场\.png、笔录\.pdf/);
  await shot(page, "attachments-added");

  // Still there after a reload.
  await page.reload();
  await ready(page);
  await page.waitForSelector("[data-testid=evidence-file-sha]");
  assert.deepEqual(await names(page), ["现场.png", "笔录.pdf"]);

  // The PDF downloads byte for byte, under its name.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.locator("[data-testid=evidence-file]").nth(1).locator("[data-testid=evidence-download]").click(),
  ]);
  assert.equal(download.suggestedFilename(), "笔录.pdf");
  const got = fs.readFileSync(await download.path());
  assert.ok(got.equals(PDF), "downloaded bytes differ");

  // A disallowed type is refused with the reason, before anything is written.
  await page.selectOption("[data-testid=evidence-target]", "0");
  await page.setInputFiles("[data-testid=evidence-input]", [
    { name: "setup.exe", mimeType: "application/x-msdownload", buffer: Buffer.from("MZ") },
  ]);
  await page.waitForSelector("[data-testid=evidence-problems] li");
  const refusal = await page.textContent("[data-testid=evidence-problems]");
  assert.match(refusal, /setup\.exe/);
  assert.match(refusal, /不能作为证据材料上传/);
  assert.equal((await names(page)).length, 2);
  await shot(page, "attachments-refused");

  // A hostile file name is shown as text.
  await page.setInputFiles("[data-testid=evidence-input]", [
    { name: HOSTILE, mimeType: "image/png", buffer: PNG },
  ]);
  await page.waitForFunction((n) => [...document.querySelectorAll("[data-testid=evidence-file-name]")].some((e) => e.textContent === n), HOSTILE);
  assert.equal(await page.$$eval("[data-testid=evidence] img[src=x]", (is) => is.length), 0);
  assert.equal(dialogs, 0);

  // Deleting asks first, then records the deletion.
  const first = page.locator("[data-testid=evidence-file]").first();
  await first.locator("[data-testid=evidence-delete]").click();
  await page.click("[data-testid=evidence-delete-confirm]");
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=evidence-file]").length === 2);
  assert.deepEqual(await names(page), ["笔录.pdf", HOSTILE]);
  assert.match(await page.textContent("[data-testid=timeline]"), /删除证据材料：现场\.png/);
  assert.match(await page.textContent("[data-testid=timeline]"), /添加证据材料：现场\.png/);
  await shot(page, "attachments-deleted");

  // Narrow screen.
  await page.setViewportSize({ width: 360, height: 800 });
  await page.locator("[data-testid=evidence]").scrollIntoViewIfNeeded();
  await page.locator("[data-testid=evidence]").screenshot({ path: "target/e2e/attachments-360.png" });
  assert.equal(page.url(), caseUrl);
  assertClean(t, env, problems);
});
