// End-to-end: the offence decision guide (/guide), walked question by question to a result,
// with errors, back and change links, reloads and shared addresses.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start, openPage, ready, shot, assertClean } from "./harness.mjs";

let env;
before(async () => { env = await start(); });
after(async () => { await env?.browser.close(); env?.server.close(); });

const question = (id) => `[data-testid=guide-question][data-question=${id}]`;

/** Answers the question `id` on screen (waiting for it) and continues. */
async function answer(page, id, value) {
  await page.waitForSelector(question(id));
  if (id === "act_date") {
    await page.fill("#guide-date", value);
  } else {
    for (const v of [].concat(value)) await page.check(`#${id}-${v}`);
  }
  await page.click("[data-testid=guide-continue]");
}

/** Opens the guide, starts it and answers `steps` in order. */
async function walk(page, steps) {
  await page.goto(`${env.server.url}guide`);
  await ready(page);
  await page.click("[data-testid=guide-begin]");
  for (const [id, value] of steps) await answer(page, id, value);
}

async function toResult(page) {
  await page.waitForSelector("[data-testid=guide-check]");
  await page.click("[data-testid=guide-see-result]");
  await page.waitForSelector("[data-testid=guide-result]");
}

// A drunk man punches an officer on duty in March 2026, causing 轻微伤.
const PUNCH = [
  ["concern", "harm"],
  ["victim", "officer"],
  ["officer_link", "on_duty"],
  ["officer_conduct", "no_fault"],
  ["act_date", "2026-03-05"],
  ["acts", ["violence"]],
  ["injury", "minor"],
  ["violence_details", []],
  ["property_loss", "none"],
];

// Someone posts made-up stories about an officer's wife online because of the officer's work.
const DEFAMED_WIFE = [
  ["concern", "harm"],
  ["victim", "near_relative"],
  ["relative_link", "because_of_duty"],
  ["act_date", "2026-04-10"],
  ["acts", ["defamation"]],
  ["seriousness", "no"],
  ["property_loss", "none"],
];

// A 辅警 is pushed by someone obstructing a check at the scene.
const PUSHED_AUXILIARY = [
  ["concern", "harm"],
  ["victim", "auxiliary"],
  ["assist_link", "on_duty"],
  ["officer_conduct", "no_fault"],
  ["act_date", "2026-02-14"],
  ["acts", ["obstruction"]],
  ["obstruction_items", ["item2"]],
  ["property_loss", "none"],
];

const findings = (page) => page.$$eval("[data-testid=guide-finding]", (els) => els.map((e) => e.dataset.category));

test("a punch causing 轻微伤 to an officer on duty in 2026 may be 袭警罪 and rules out mediation (第十四条)", async (t) => {
  const { context, page, problems } = await openPage(env);
  await walk(page, PUNCH);
  await page.waitForSelector("[data-testid=guide-check]");
  assert.equal(await page.locator("[data-testid=guide-answer]").count(), PUNCH.length);
  await shot(page, "guide-check");
  await toResult(page);
  assert.deepEqual(await findings(page), ["Assault"]);
  const finding = page.locator("[data-testid=guide-finding][data-category=Assault]");
  assert.equal(await finding.locator("[data-testid=guide-finding-article]").getAttribute("href"), "/rules/19");
  assert.match(await finding.locator("[data-testid=guide-crime-flag]").textContent(), /可能构成犯罪/);
  const assault = finding.locator("[data-testid=guide-crime]", { hasText: "袭警罪" });
  assert.equal(await assault.getAttribute("data-likelihood"), "likely");
  assert.match(await assault.textContent(), /第二百七十七条第五款/);
  const noMediation = page.locator("[data-testid=guide-requirement][data-kind=NoMediation]");
  assert.equal(await noMediation.locator("a").getAttribute("href"), "/rules/14");
  assert.match(await noMediation.textContent(), /调解/);
  assert.match(await page.textContent("[data-testid=guide-disclaimer]"), /不是法律决定/);
  assert.match(await page.textContent("[data-testid=guide-eligible]"), /可以提出维权申请/);
  assert.match(await page.textContent("[data-testid=guide-overview]"), /2025年修订/);
  // Every confirmation tag says its level in words.
  for (const tag of await page.locator("[data-testid=confirmation-tag]").allTextContents()) {
    assert.match(tag, /已确认|二手来源|未经确认/);
  }
  await shot(page, "guide-result-punch");
  assertClean(t, env, problems);
  await context.close();
});

test("online defamation of an officer's wife is 诽谤 under 第二十二条, shown at 360 px", async (t) => {
  const { context, page, problems } = await openPage(env, { width: 360, height: 780 });
  await walk(page, DEFAMED_WIFE.slice(0, 4));
  await page.waitForSelector(question("acts"));
  await shot(page, "guide-question-360");
  for (const [id, value] of DEFAMED_WIFE.slice(4)) await answer(page, id, value);
  await toResult(page);
  assert.deepEqual(await findings(page), ["Defamation"]);
  const finding = page.locator("[data-testid=guide-finding][data-category=Defamation]");
  assert.equal(await finding.locator("[data-testid=guide-finding-article]").getAttribute("href"), "/rules/22");
  assert.match(await finding.locator("[data-testid=guide-provision]").textContent(), /第五十条第一款/);
  assert.match(await page.textContent("[data-testid=guide-scope]"), /直接适用/);
  // Nothing sticks out sideways on a phone.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
  await shot(page, "guide-result-360");
  assertClean(t, env, problems);
  await context.close();
});

test("a 辅警 pushed while obstructing is 阻碍执行职务, handled by reference to 第四十一条", async (t) => {
  const { context, page, problems } = await openPage(env);
  await walk(page, PUSHED_AUXILIARY);
  await toResult(page);
  assert.deepEqual(await findings(page), ["Obstruction"]);
  assert.match(await page.textContent("[data-testid=guide-by-reference]"), /第四十一条/);
  assert.match(await page.textContent("[data-testid=guide-scope]"), /参照/);
  await shot(page, "guide-result-auxiliary");
  assertClean(t, env, problems);
  await context.close();
});

test("continuing without an answer shows a focused error summary that links to the field", async (t) => {
  const { context, page, problems } = await openPage(env);
  await walk(page, []);
  await page.waitForSelector(question("concern"));
  await page.click("[data-testid=guide-continue]");
  const summary = page.locator("[data-testid=error-summary]");
  await summary.waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), "error-summary");
  assert.match(await summary.textContent(), /请选择一项/);
  assert.match(await page.title(), /^错误：/);
  await shot(page, "guide-error");
  await summary.locator("a").first().click();
  assert.equal(await page.evaluate(() => document.activeElement?.id), "concern-harm");
  // Still on the same question, and the next answer goes through.
  await answer(page, "concern", "harm");
  await answer(page, "victim", "officer");
  await answer(page, "officer_link", "on_duty");
  await answer(page, "officer_conduct", "no_fault");
  // A date after today is refused by the core, and what was typed stays in the field.
  await page.waitForSelector(question("act_date"));
  await page.fill("#guide-date", "2099-01-01");
  await page.click("[data-testid=guide-continue]");
  await summary.waitFor();
  assert.match(await summary.textContent(), /晚于今天/);
  assert.equal(await page.inputValue("#guide-date"), "2099-01-01");
  await answer(page, "act_date", "2026-03-05");
  // No act ticked: the core asks for at least one.
  await page.waitForSelector(question("acts"));
  await page.click("[data-testid=guide-continue]");
  await summary.waitFor();
  assert.match(await summary.textContent(), /至少需要选择1项/);
  assertClean(t, env, problems);
  await context.close();
});

test("the back link returns to the previous question with its answer still chosen", async (t) => {
  const { context, page, problems } = await openPage(env);
  await walk(page, PUNCH.slice(0, 3));
  await page.waitForSelector(question("officer_conduct"));
  assert.match(await page.textContent("[data-testid=guide-progress]"), /第 4 步/);
  await page.click("[data-testid=guide-back]");
  await page.waitForSelector(question("officer_link"));
  assert.equal(await page.isChecked("#officer_link-on_duty"), true);
  assert.match(await page.textContent("[data-testid=guide-progress]"), /第 3 步/);
  await page.click("[data-testid=guide-back]");
  await page.waitForSelector(question("victim"));
  assert.equal(await page.isChecked("#victim-officer"), true);
  // Continue goes forward again through the kept answers.
  await page.click("[data-testid=guide-continue]");
  await page.waitForSelector(question("officer_link"));
  assert.equal(await page.isChecked("#officer_link-on_duty"), true);
  assertClean(t, env, problems);
  await context.close();
});

test("a change link returns to its question and then back to the check page", async (t) => {
  const { context, page, problems } = await openPage(env);
  await walk(page, PUNCH);
  await page.waitForSelector("[data-testid=guide-check]");
  await page.click(".summary-list__row[data-question=injury] [data-testid=guide-change]");
  await page.waitForSelector(question("injury"));
  assert.equal(await page.isChecked("#injury-minor"), true);
  await answer(page, "injury", "light");
  await page.waitForSelector("[data-testid=guide-check]");
  assert.equal(await page.textContent(".summary-list__row[data-question=injury] [data-testid=guide-answer]"), "轻伤");
  // A change that opens a new question asks it before coming back.
  await page.click(".summary-list__row[data-question=acts] [data-testid=guide-change]");
  await page.waitForSelector(question("acts"));
  assert.equal(await page.isChecked("#acts-violence"), true);
  await answer(page, "acts", ["obstruction"]);
  await answer(page, "obstruction_items", ["item3"]);
  await page.waitForSelector("[data-testid=guide-check]");
  await toResult(page);
  assert.deepEqual(await findings(page), ["Assault", "Obstruction"]);
  assertClean(t, env, problems);
  await context.close();
});

test("reloading half way keeps every answer and the current question", async (t) => {
  const { context, page, problems } = await openPage(env);
  await walk(page, PUNCH.slice(0, 5));
  await page.waitForSelector(question("acts"));
  await page.waitForURL(/victim=officer/);
  await page.reload();
  await ready(page);
  await page.waitForSelector(question("acts"));
  assert.match(await page.textContent("[data-testid=guide-progress]"), /第 6 步/);
  await page.click("[data-testid=guide-back]");
  await page.waitForSelector(question("act_date"));
  assert.equal(await page.inputValue("#guide-date"), "2026-03-05");
  assertClean(t, env, problems);
  await context.close();
});

test("a shared address opens the result directly, with unconfirmed points marked in words", async (t) => {
  const { context, page, problems } = await openPage(env);
  const query = "concern=harm&victim=officer&officer_link=on_duty&officer_conduct=no_fault"
    + "&act_date=2020-08-10&acts=violence&injury=minor&violence_details=&property_loss=none&step=result";
  await page.goto(`${env.server.url}guide?${query}`);
  await ready(page);
  await page.waitForSelector("[data-testid=guide-result]");
  assert.deepEqual(await findings(page), ["Assault"]);
  const unconfirmed = page.locator("[data-testid=guide-note][data-confirmation=unconfirmed]");
  assert.ok(await unconfirmed.count() > 0);
  assert.match(await unconfirmed.first().textContent(), /未经确认/);
  assert.match(await page.textContent("[data-testid=guide-overview]"), /2012年修正/);
  await shot(page, "guide-result-2020");
  // The print button prints; the print layout hides navigation and buttons.
  await page.evaluate(() => { window.print = () => { window.__printed = true; }; });
  await page.click("[data-testid=guide-print]");
  assert.equal(await page.evaluate(() => window.__printed), true);
  await page.emulateMedia({ media: "print" });
  assert.equal(await page.locator(".site-nav").isVisible(), false);
  assert.equal(await page.locator("[data-testid=guide-print]").isVisible(), false);
  assert.equal(await page.locator("[data-testid=guide-disclaimer]").isVisible(), true);
  // "重新开始" clears every answer.
  await page.emulateMedia({ media: "screen" });
  await page.click("[data-testid=guide-result] [data-testid=guide-restart]");
  await page.waitForSelector("[data-testid=guide-start]");
  assert.equal(new URL(page.url()).search, "");
  assert.equal(await page.locator("[data-testid=guide-resume]").count(), 0);
  assertClean(t, env, problems);
  await context.close();
});

test("an address asking for the result with questions open shows the first open question", async (t) => {
  const { context, page, problems } = await openPage(env);
  await page.goto(`${env.server.url}guide?concern=harm&victim=officer&step=result`);
  await ready(page);
  await page.waitForSelector(question("officer_link"));
  assertClean(t, env, problems);
  await context.close();
});

test("the questions can be answered with the keyboard alone", async (t) => {
  const { context, page, problems } = await openPage(env);
  await page.goto(`${env.server.url}guide`);
  await ready(page);
  await page.focus("[data-testid=guide-begin]");
  await page.keyboard.press("Enter");
  await page.waitForSelector(question("concern"));
  await page.focus("#concern-harm");
  await page.keyboard.press("Space");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), "guide-continue");
  await page.keyboard.press("Enter");
  await page.waitForSelector(question("victim"));
  assert.match(page.url(), /concern=harm/);
  // Focus moved to the top of the new screen, not lost on a removed element.
  assert.equal(await page.evaluate(() => document.activeElement?.id), "main");
  assertClean(t, env, problems);
  await context.close();
});

test("the result starts an application with the guide's answers carried over", async (t) => {
  const { context, page, problems } = await openPage(env);
  const query = "concern=harm&victim=officer&officer_link=on_duty&officer_conduct=no_fault"
    + "&act_date=2026-03-05&acts=violence&injury=minor&violence_details=&property_loss=none&step=result";
  await page.goto(`${env.server.url}guide?${query}`);
  await ready(page);
  await page.click("[data-testid=guide-apply]");
  await page.waitForURL(/\/apply\?draft=[^&]+&step=/);
  const draftId = new URL(page.url()).searchParams.get("draft");
  // The draft was saved with the guide's facts.
  const input = await page.evaluate((id) => new Promise((resolve, reject) => {
    const open = indexedDB.open("weiquan");
    open.onsuccess = () => {
      const get = open.result.transaction("drafts").objectStore("drafts").get(id);
      get.onsuccess = () => { resolve(get.result?.form?.input ?? null); open.result.close(); };
      get.onerror = () => reject(get.error);
    };
    open.onerror = () => reject(open.error);
  }), draftId);
  assert.ok(input, "the draft exists");
  assert.deepEqual(input.categories, ["assault"]);
  assert.equal(input.injury, "minor");
  assert.equal(input.incident_date, "2026-03-05");
  assertClean(t, env, problems);
  await context.close();
});
