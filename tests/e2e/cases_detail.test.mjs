// End-to-end: a case is registered through /cases/new (after one validation error, with the
// draft surviving a reload), then taken through the workflow on /cases/:id up to closing; the
// state survives a reload, deadlines show their article, and a second tab is told when the
// case changed under it instead of overwriting.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { start, openPage, ready, shot, assertClean, SHOTS, saveUnitSettings } from "./harness.mjs";

let env;
before(async () => { env = await start(); });
after(async () => { await env?.browser.close(); env?.server.close(); });

// Monday 2 March 2026, 09:00 in Shanghai: the office receives the application.
const RECEIVED = new Date("2026-03-02T09:00:00+08:00");
// Monday 23 March 2026: the applicant's 10 working days to ask for review have passed.
const LATER = new Date("2026-03-23T10:00:00+08:00");

function guard(page, problems, origin) {
  page.on("console", (m) => { if (m.type() === "error") problems.push(`console error: ${m.text()}`); });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("request", (r) => {
    const u = r.url();
    if (!u.startsWith(origin) && !u.startsWith("data:") && !u.startsWith("blob:")) problems.push(`request to another origin: ${u}`);
  });
}

async function state(page) {
  return page.getAttribute("[data-testid=case-state]", "data-state");
}

async function waitState(page, key) {
  await page.waitForSelector(`[data-testid=case-state][data-state=${key}]`);
}

/** Opens the form of an allowed event, lets `fill` complete it, submits it. */
async function act(page, kind, fill) {
  await page.click(`[data-testid=case-action][data-kind=${kind}]`);
  await page.waitForSelector("[data-testid=event-form]");
  if (fill) await fill();
  await page.click("[data-testid=event-submit]");
}

async function allowed(page) {
  return page.$$eval("[data-testid=case-action]", (bs) => bs.map((b) => b.dataset.kind));
}

test("a case is registered, moved through the workflow to closing, and guarded across tabs", async (t) => {
  const { context, page, problems } = await openPage(env);
  await context.clock.setFixedTime(RECEIVED);
  const base = env.server.url.replace(/\/$/, "");

  // Settings first: the operator is recorded on every event.
  await saveUnitSettings(page, base);

  // The intake form, with the 警号 left out.
  await page.goto(base + "/cases/new");
  await ready(page);
  await page.waitForSelector("[data-testid=case-new]");
  await page.check("#applicant-kind");
  await page.check("#status");
  await page.fill("#officer-name", "王明");
  await page.fill("#officer-unit", "南湖区分局解放派出所");
  await page.fill("#officer-post", "社区民警");
  await page.check("#harmed");
  await page.fill("#incident-date", "2026-03-01");
  await page.fill("#incident-time", "20:30");
  await page.fill("#incident-place", "解放路与中山路交叉口");
  await page.check("#duty");
  await page.check("#site-off_site");
  await page.check("#grounds");
  await page.check("#categories-insult");
  await page.check("#injury");
  await page.fill("#summary", "王明在处置纠纷时被当事人当众辱骂，视频被传到网上。");
  assert.equal(await page.inputValue("#received-at"), "2026-03-02T09:00");
  await page.click("[data-testid=case-create]");
  const summary = page.locator("[data-testid=error-summary]");
  await summary.waitFor();
  assert.equal(await summary.locator("li").count(), 1);
  assert.match(await summary.textContent(), /警号/);
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), "error-summary");
  assert.match(await page.textContent("#officer-badge-error"), /警号/);
  await shot(page, "case-new-error");
  await summary.locator("a").first().click();
  assert.equal(await page.evaluate(() => document.activeElement?.id), "officer-badge");

  // Nothing typed is lost on a reload.
  await page.reload();
  await ready(page);
  await page.waitForSelector("[data-testid=draft-restored]");
  assert.equal(await page.inputValue("#officer-name"), "王明");
  assert.equal(await page.isChecked("#categories-insult"), true);
  assert.equal(await page.inputValue("#summary"), "王明在处置纠纷时被当事人当众辱骂，视频被传到网上。");

  await page.fill("#officer-badge", "012345");
  await page.click("[data-testid=case-create]");
  await page.waitForURL(/\/cases\/WQ-20260302-[0-9A-F]{4}$/);
  const caseUrl = page.url();
  await page.waitForSelector("[data-testid=case-state]");
  assert.equal(await state(page), "Received");
  assert.match(await page.textContent("[data-testid=case-officer]"), /王明（警号 012345）/);
  // 第十四条: no private contact or compensation on a case of harm.
  const warnings = await page.$$eval("[data-testid=case-warning]", (ls) => ls.map((l) => l.textContent));
  assert.ok(warnings.some((w) => /私下接触/.test(w) && /第十四条/.test(w)), warnings.join("\n"));
  assert.equal(await page.locator("[data-testid=timeline-item]").count(), 1);
  // The draft was cleared with the creation.
  assert.equal(await page.evaluate(() => localStorage.getItem("weiquan.case-draft.v1")), null);
  await shot(page, "case-received");

  // Only what the rules allow now is offered.
  const first = await allowed(page);
  assert.ok(first.includes("ReportedToCommittee"), first.join());
  assert.ok(!first.includes("Accepted") && !first.includes("Closed"), first.join());

  await act(page, "ReportedToCommittee");
  await waitState(page, "Reported");
  assert.equal(await page.textContent("[data-testid=case-saved]"), "已记录“向维权委报告”。");
  await act(page, "CommitteeConsented");
  await waitState(page, "UnderReview");

  // 第三十一条: the reply is due within 3 working days, and the page says so with its article.
  const reply = page.locator("[data-testid=deadline][data-period=reply]");
  await reply.waitFor();
  assert.match(await reply.locator("[data-testid=deadline-citation]").textContent(), /第三十一条/);
  assert.equal(await reply.locator("[data-testid=deadline-citation]").getAttribute("href"), "/rules/31");
  assert.match(await reply.locator("[data-testid=deadline-due]").textContent(), /2026年3月5日/);
  assert.equal(await reply.locator("[data-testid=deadline-trace]").getAttribute("href"), "/calendar?from=2026-03-02&rule=reply");
  await shot(page, "case-under-review");

  // The state is stored, not just shown.
  await page.reload();
  await ready(page);
  await waitState(page, "UnderReview");
  assert.equal(await page.locator("[data-testid=timeline-item]").count(), 3);

  // A refusal of the core is shown in Chinese: a rejection needs its reasons.
  await page.click("[data-testid=case-action][data-kind=Rejected]");
  await page.waitForSelector("[data-testid=event-form]");
  // Focus moves to the form that was opened.
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), "不予受理（说明理由）");
  await page.click("[data-testid=event-submit]");
  await page.waitForSelector("[data-testid=event-refused]");
  assert.match(await page.textContent("[data-testid=event-refused]"), /请填写不予受理的理由/);
  await page.click("[data-testid=event-form] button:has-text('取消')");

  await act(page, "Accepted");
  await waitState(page, "Accepted");

  // Two tabs on the same case: tab B opens a form, tab A acts first.
  const pageB = await context.newPage();
  const problemsB = [];
  guard(pageB, problemsB, new URL(env.server.url).origin);
  await pageB.goto(caseUrl);
  await ready(pageB);
  await waitState(pageB, "Accepted");
  await pageB.click("[data-testid=case-action][data-kind=InvestigationApproved]");
  await pageB.waitForSelector("[data-testid=event-form]");

  await act(page, "InvestigationApproved");
  await waitState(page, "Investigating");

  // Tab B hears of the change (BroadcastChannel); submitting its stale form saves nothing.
  await pageB.waitForSelector("[data-testid=case-newer]");
  await pageB.click("[data-testid=event-submit]");
  await pageB.waitForSelector("[data-testid=event-stale]");
  assert.match(await pageB.textContent("[data-testid=event-stale]"), /其他标签页或窗口中被修改/);
  await shot(pageB, "case-tab-b-stale");
  await pageB.click("[data-testid=event-stale] [data-testid=case-reload]");
  await waitState(pageB, "Investigating");
  assert.equal(await pageB.locator("[data-testid=timeline-item]").count(), 5);
  await page.reload();
  await ready(page);
  await waitState(page, "Investigating");
  assert.equal(await page.locator("[data-testid=timeline-item]").count(), 5);
  assert.deepEqual(problemsB, []);
  await pageB.close();

  // 第三十二条: 30 working days for the investigation.
  const inv = page.locator("[data-testid=deadline][data-period=investigation]");
  await inv.waitFor();
  assert.match(await inv.locator("[data-testid=deadline-citation]").textContent(), /第三十二条/);

  await act(page, "InvestigationCompleted", () => page.fill("#ev-investigationcompleted-text", "经调查，辱骂事实清楚，已对侵权人依法处理。"));
  await waitState(page, "InvestigationDone");
  await act(page, "FindingsApproved", async () => {
    await page.check("#ev-findingsapproved-multi-0");
    await page.fill("#ev-findingsapproved-text", "王明系依法履行职责时受到侮辱。");
  });
  await waitState(page, "FindingsApproved");
  await act(page, "ApplicantNotified");
  await waitState(page, "Notified");

  // Closing waits for the applicant's review window and the required tasks.
  assert.ok(!(await allowed(page)).includes("Closed"));
  for (const task of ["ReportCaseInfo", "EnterInspectionPlatform", "CaseHandling"]) {
    await page.click(`[data-testid=task-complete][data-task=${task}]`);
    await page.waitForSelector("[data-testid=event-form]");
    await page.fill("#ev-taskcompleted-text", "已办理。");
    await page.click("[data-testid=event-submit]");
    await page.waitForSelector(`[data-testid=task-complete][data-task=${task}]`, { state: "detached" });
  }
  await shot(page, "case-notified");

  // Three weeks later the review window has passed.
  await context.clock.setFixedTime(LATER);
  await page.reload();
  await ready(page);
  await waitState(page, "Notified");
  await act(page, "Closed", () => page.fill("#ev-closed-text", "已抚慰民警，侵权人已受治安处罚，结案。"));
  await waitState(page, "Closed");
  const labels = await page.$$eval("[data-testid=timeline-item] .timeline__label", (ls) => ls.map((l) => l.textContent));
  assert.equal(labels[0], "结案");
  assert.equal(labels.at(-1), "收到申请（线索）");
  assert.ok(!(await allowed(page)).includes("Closed"));
  await shot(page, "case-closed");
  await page.emulateMedia({ media: "print" });
  await shot(page, "case-closed-print");
  await page.emulateMedia({ media: "screen" });

  await page.setViewportSize({ width: 360, height: 800 });
  await shot(page, "case-closed-360");
  await page.locator("#case-tasks").scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(SHOTS, "case-closed-360-tasks.png") });
  await page.locator("#case-history").scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(SHOTS, "case-closed-360-history.png") });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
  assert.equal(overflow, false, "the case page scrolls sideways at 360px");
  await page.goto(base + "/cases/new");
  await ready(page);
  await page.waitForSelector("[data-testid=case-new]");
  await shot(page, "case-new-360");
  await page.screenshot({ path: path.join(SHOTS, "case-new-360-top.png") });

  assertClean(t, env, problems);
  await context.close();
});

/** Registers a complete case of 侮辱 and waits for its page. */
async function register(page, base) {
  await page.goto(base + "/cases/new");
  await ready(page);
  await page.waitForSelector("[data-testid=case-new]");
  await page.check("#applicant-kind");
  await page.check("#status");
  await page.fill("#officer-name", "李强");
  await page.fill("#officer-badge", "054321");
  await page.fill("#officer-unit", "南湖区分局新兴派出所");
  await page.check("#harmed");
  await page.fill("#incident-date", "2026-03-01");
  await page.fill("#incident-time", "08:15");
  await page.fill("#incident-place", "新兴路菜市场");
  await page.check("#duty");
  await page.check("#site-off_site");
  await page.check("#grounds");
  await page.check("#categories-insult");
  await page.check("#injury");
  await page.fill("#summary", "李强在调解纠纷时被辱骂。");
  await page.click("[data-testid=case-create]");
  await page.waitForURL(/\/cases\/WQ-/);
  await waitState(page, "Received");
}

test("an overdue reply is shown in red with 第三十七条 督办; facts are amended and a record corrected", async (t) => {
  const { context, page, problems } = await openPage(env);
  await context.clock.setFixedTime(RECEIVED);
  const base = env.server.url.replace(/\/$/, "");
  await saveUnitSettings(page, base);
  await register(page, base);
  await act(page, "ReportedToCommittee");
  await waitState(page, "Reported");
  await act(page, "CommitteeConsented");
  await waitState(page, "UnderReview");

  // Ten days later the 3 working days of 第三十一条 have long passed.
  await context.clock.setFixedTime(new Date("2026-03-12T09:00:00+08:00"));
  await page.reload();
  await ready(page);
  await waitState(page, "UnderReview");
  const reply = page.locator("[data-testid=deadline][data-period=reply]");
  await reply.waitFor();
  assert.match(await reply.locator("[data-testid=deadline-overdue]").textContent(), /^逾期 \d+ 个工作日$/);
  assert.match(await reply.locator("[data-testid=deadline-supervise]").textContent(), /第三十七条/);
  assert.equal(await reply.locator("[data-testid=deadline-supervise] a").getAttribute("href"), "/rules/37");
  const kinds = await allowed(page);
  assert.ok(kinds.includes("DeemedAccepted") && !kinds.includes("Accepted"), kinds.join());
  await shot(page, "case-overdue");

  await act(page, "Supervised", async () => {
    await page.fill("#ev-supervised-text", "南湖区分局维权办");
    await page.fill("#ev-supervised-text2", "立即记录视为受理并启动调查。");
  });
  await page.waitForSelector("[data-testid=event-form]", { state: "detached" });
  await act(page, "DeemedAccepted");
  await waitState(page, "Accepted");

  // The injury appraisal arrives: the facts are amended through the same form.
  await act(page, "FactsAmended", () => page.check("#injury-minor"));
  await page.waitForSelector("[data-testid=event-form]", { state: "detached" });
  assert.match(await page.textContent(".case-facts"), /轻微伤/);
  assert.match(await page.locator("[data-testid=timeline-item]").first().textContent(), /伤情未受伤 → 轻微伤/);

  // A record is corrected, never rewritten.
  await act(page, "Correction", async () => {
    await page.check("#ev-correction-choice-1");
    await page.fill("#ev-correction-text", "报告时间记录有误。");
  });
  await page.waitForSelector("[data-testid=event-form]", { state: "detached" });
  const items = page.locator("[data-testid=timeline-item]");
  assert.equal(await items.count(), 7);
  assert.match(await items.first().textContent(), /更正记录.*第2条记录（向维权委报告）/s);
  // Newest first: the report (record 2) is the last but one.
  assert.match(await items.nth(5).textContent(), /第2条.*本条已由第7条更正/s);
  await shot(page, "case-corrected");
  assertClean(t, env, problems);
  await context.close();
});

test("an unknown case id says so in Chinese and links back to the list", async (t) => {
  const { context, page, problems } = await openPage(env);
  await page.goto(env.server.url + "cases/WQ-20990101-0000");
  await ready(page);
  await page.waitForSelector("[data-testid=case-missing]");
  assert.match(await page.textContent("[data-testid=case-missing]"), /没有编号为“WQ-20990101-0000”的案件/);
  assert.equal(await page.getAttribute("[data-testid=case-missing] a", "href"), "/cases");
  assertClean(t, env, problems);
  await context.close();
});

test("without an operator the case form says where to set one", async (t) => {
  const { context, page, problems } = await openPage(env);
  await page.goto(env.server.url + "cases/new");
  await ready(page);
  await page.waitForSelector("[data-testid=no-operator]");
  assert.equal(await page.getAttribute("[data-testid=no-operator] a", "href"), "/settings");
  assertClean(t, env, problems);
  await context.close();
});
