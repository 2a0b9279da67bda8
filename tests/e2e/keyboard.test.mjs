// End-to-end, keyboard only: the application wizard (/apply) from start to the finished
// application, and a case from the intake form (/cases/new) through several steps on
// /cases/:id, driven by Tab, Shift+Tab, Enter, Space and the arrow keys (text is typed), with
// no mouse at all. After every Tab the focused element must show a visible focus indicator and
// lie inside the viewport; every screen on the way is checked with axe.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start, openPage, ready, assertClean } from "./harness.mjs";
import { expectAccessible } from "./axe.mjs";

let env;
let base;
before(async () => {
  env = await start();
  base = env.server.url.replace(/\/$/, "");
});
after(async () => { await env?.browser.close(); env?.server.close(); });

/** The focused element's description, and whether its focus can be seen. */
function focusState(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return { desc: "body", visible: false, inView: false };
    const cs = getComputedStyle(el);
    const outline = cs.outlineStyle !== "none" && parseFloat(cs.outlineWidth) >= 2;
    const shadow = cs.boxShadow !== "none";
    const r = el.getBoundingClientRect();
    const inView = r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth && r.width > 0 && r.height > 0;
    const desc = `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}${el.dataset.testid ? `[data-testid=${el.dataset.testid}]` : ""} "${(el.textContent || el.value || "").trim().slice(0, 30)}"`;
    return { desc, visible: outline || shadow, inView };
  });
}

/** Presses `key` and checks that the element it focuses shows it. */
async function press(page, key) {
  await page.keyboard.press(key);
  if (key === "Tab" || key === "Shift+Tab") {
    const s = await focusState(page);
    assert.ok(s.visible, `focus not visible on ${s.desc}`);
    assert.ok(s.inView, `focused element outside the viewport: ${s.desc}`);
  }
}

/** Tabs (forwards, or backwards if the target comes before the focus) until `selector` has
 * focus. */
async function tabTo(page, selector) {
  for (let i = 0; i < 120; i++) {
    const where = await page.evaluate((sel) => {
      const target = document.querySelector(sel);
      if (!target) return "missing";
      const el = document.activeElement;
      if (target === el) return "here";
      if (!el || el === document.body) return "after";
      return el.compareDocumentPosition(target) & Node.DOCUMENT_POSITION_FOLLOWING ? "after" : "before";
    }, selector);
    if (where === "here") return;
    assert.notEqual(where, "missing", `no element ${selector}`);
    await press(page, where === "after" ? "Tab" : "Shift+Tab");
  }
  assert.fail(`could not reach ${selector} with Tab`);
}

const activeId = (page) => page.evaluate(() => document.activeElement?.id);

/** Chooses the radio button `id`: Tab into its group, then arrows to it (arrows select). A
 * lone checkbox is ticked instead. */
async function radio(page, id) {
  if ((await page.getAttribute(`#${id}`, "type")) === "checkbox") return tick(page, id);
  const name = await page.getAttribute(`#${id}`, "name");
  // Tab stops on the group's checked button, or on its first if none is checked.
  const group = `input[type=radio][name="${name}"]`;
  await tabTo(page, (await page.locator(`${group}:checked`).count()) ? `${group}:checked` : group);
  for (let i = 0; i < 20 && (await activeId(page)) !== id; i++) await page.keyboard.press("ArrowDown");
  assert.equal(await activeId(page), id);
  if (!(await page.isChecked(`#${id}`))) await page.keyboard.press("Space");
  assert.equal(await page.isChecked(`#${id}`), true, id);
}

/** Ticks the checkbox `id`. */
async function tick(page, id) {
  await tabTo(page, `#${id}`);
  await page.keyboard.press("Space");
  assert.equal(await page.isChecked(`#${id}`), true, id);
}

/** Types `text` into the text field `id`, replacing what was there. */
async function type(page, id, text) {
  await tabTo(page, `#${id}`);
  await page.keyboard.press("Control+A");
  await page.keyboard.type(text);
  assert.equal(await page.inputValue(`#${id}`), text, id);
}

// Date and time fields take digits segment by segment, in the order of the browser's own
// locale (not the page's): find it once on a scratch page of the same browser.
const DATE_ORDERS = {
  ymd: ([y, m, d]) => y + m + d,
  mdy: ([y, m, d]) => m + d + y,
  dmy: ([y, m, d]) => d + m + y,
};
const TIME_STYLES = {
  h24: ([h, m]) => h + m,
  h12: ([h, m]) => String(Number(h) % 12 || 12).padStart(2, "0") + m + (Number(h) < 12 ? "A" : "P"),
};
let fieldKeys;
async function probeFieldKeys(context) {
  if (fieldKeys) return fieldKeys;
  const scratch = await context.newPage();
  const works = async (kind, keys, want) => {
    await scratch.setContent(`<input id=f type=${kind}>`);
    await scratch.focus("#f");
    await scratch.keyboard.type(keys);
    return (await scratch.inputValue("#f")) === want;
  };
  let date;
  for (const [name, keys] of Object.entries(DATE_ORDERS)) if (!date && await works("date", keys(["2026", "03", "01"]), "2026-03-01")) date = name;
  let time;
  for (const [name, keys] of Object.entries(TIME_STYLES)) if (!time && await works("time", keys(["21", "30"]), "21:30")) time = name;
  await scratch.close();
  assert.ok(date && time, "could not find how this browser's date and time fields take digits");
  fieldKeys = { date: DATE_ORDERS[date], time: TIME_STYLES[time] };
  return fieldKeys;
}

/** Types a date (yyyy-mm-dd) into a date field. */
async function date(page, id, iso) {
  const keys = (await probeFieldKeys(page.context())).date(iso.split("-"));
  await tabTo(page, `#${id}`);
  await page.keyboard.type(keys);
  assert.equal(await page.inputValue(`#${id}`), iso, id);
}

/** Types a time (hh:mm) into a time field. */
async function time(page, id, hhmm) {
  const keys = (await probeFieldKeys(page.context())).time(hhmm.split(":"));
  await tabTo(page, `#${id}`);
  await page.keyboard.type(keys);
  assert.equal(await page.inputValue(`#${id}`), hhmm, id);
}

/** Tabs to the button or link `selector` and presses Enter on it. */
async function activate(page, selector) {
  await tabTo(page, selector);
  await page.keyboard.press("Enter");
}

/** Expects the error summary to have focus, follows its first link, and expects focus on
 * `field`. */
async function followError(page, field) {
  await page.waitForSelector("[data-testid=error-summary]");
  await page.waitForFunction(() => document.activeElement?.dataset.testid === "error-summary");
  await expectAccessible(page, `error summary before ${field}`);
  await activate(page, "[data-testid=error-summary] a");
  await page.waitForFunction((id) => document.activeElement?.id === id, field);
}

test("keyboard only: an officer applies through the whole wizard", async (t) => {
  const { context, page, problems } = await openPage(env);
  const step = (slug) => page.waitForSelector(`[data-testid=apply-step-${slug}]`);
  const cont = () => activate(page, "[data-testid=apply-continue]");
  await page.goto(base + "/apply");
  await ready(page);
  // The skip link is the first stop and takes focus past the navigation.
  await press(page, "Tab");
  assert.equal(await page.evaluate(() => document.activeElement?.className), "skip-link");
  await page.keyboard.press("Enter");
  assert.equal(await activeId(page), "main");

  await activate(page, "[data-testid=apply-begin]");
  await step("applicant");
  await expectAccessible(page, "apply: applicant");
  await cont();
  await followError(page, "applicant-kind");
  await radio(page, "applicant-kind");
  await cont();

  await step("person");
  await expectAccessible(page, "apply: person");
  await radio(page, "status");
  await type(page, "officer-name", "张明");
  await type(page, "officer-badge", "A12345");
  await type(page, "officer-unit", "南湖区分局解放派出所");
  await radio(page, "harmed");
  await cont();

  await step("ground");
  await expectAccessible(page, "apply: ground");
  await radio(page, "grounds");
  await cont();

  await step("incident");
  await date(page, "incident-date", "2026-09-28");
  await time(page, "incident-time", "21:30");
  await radio(page, "duty-off_duty_acting");
  await page.waitForSelector("[data-testid=apply-duty-note]");
  await radio(page, "site-off_site");
  await tick(page, "categories-insult");
  await type(page, "summary", "下班途中制止盗窃，被对方当众辱骂。");
  await expectAccessible(page, "apply: incident");
  // The place is left out: the summary lists it and leads to the field.
  await cont();
  await followError(page, "incident-place");
  await page.keyboard.type("解放路与中山路交叉口");
  await cont();

  await step("harm");
  await radio(page, "injury");
  await cont();
  // Evidence is optional: Tab passes the file chooser and its description to 继续.
  await step("evidence");
  await expectAccessible(page, "apply: evidence");
  await cont();
  await step("help");
  await tick(page, "help-clearance");
  await cont();
  await step("contact");
  await type(page, "contact-phone", "13800000000");
  await cont();
  await step("consent");
  await expectAccessible(page, "apply: consent");
  await tick(page, "consent");
  await cont();

  await page.waitForSelector("[data-testid=apply-check]");
  await expectAccessible(page, "apply: check");
  assert.match(await page.textContent("[data-testid=apply-check]"), /张明/);
  await activate(page, "[data-testid=apply-finish]");
  await page.waitForSelector("[data-testid=apply-done]");
  await expectAccessible(page, "apply: done");
  const [download] = await Promise.all([page.waitForEvent("download"), activate(page, "[data-testid=apply-download]")]);
  assert.match(download.suggestedFilename(), /^维权申请-张明-\d{8}\.json$/);
  assertClean(t, env, problems);
  await context.close();
});

test("keyboard only: the unit is set, a case is registered and taken through its first steps", async (t) => {
  const { context, page, problems } = await openPage(env);
  await page.goto(base + "/settings");
  await ready(page);
  await type(page, "unit-name", "嘉兴市公安局南湖区分局");
  await radio(page, "unit-level-county");
  await type(page, "operator", "张三");
  await activate(page, "[data-testid=settings-save]");
  await page.waitForSelector("[data-testid=settings-saved]");

  await page.goto(base + "/cases/new");
  await ready(page);
  await page.waitForSelector("[data-testid=case-new]");
  await radio(page, "applicant-kind");
  await radio(page, "status");
  await type(page, "officer-name", "王明");
  await type(page, "officer-unit", "南湖区分局解放派出所");
  await type(page, "officer-post", "社区民警");
  await radio(page, "harmed");
  await date(page, "incident-date", "2026-03-01");
  await time(page, "incident-time", "20:30");
  await type(page, "incident-place", "解放路与中山路交叉口");
  await radio(page, "duty");
  await radio(page, "site-off_site");
  await radio(page, "grounds");
  await tick(page, "categories-insult");
  await radio(page, "injury");
  await type(page, "summary", "王明在处置纠纷时被当事人当众辱骂，视频被传到网上。");
  // The 警号 is left out.
  await activate(page, "[data-testid=case-create]");
  await followError(page, "officer-badge");
  await page.keyboard.type("012345");
  await activate(page, "[data-testid=case-create]");
  await page.waitForURL(/\/cases\/WQ-\d{8}-[0-9A-F]{4}$/);
  await page.waitForSelector("[data-testid=case-state][data-state=Received]");
  await expectAccessible(page, "case: received");

  const act = async (kind, next) => {
    await activate(page, `[data-testid=case-action][data-kind=${kind}]`);
    await page.waitForSelector("[data-testid=event-form]");
    // Focus moves to the form's heading.
    await page.waitForFunction(() => document.activeElement?.classList.contains("event-form__title"));
    await expectAccessible(page, `case: ${kind} form`);
    await activate(page, "[data-testid=event-submit]");
    await page.waitForSelector(`[data-testid=case-state][data-state=${next}]`);
  };
  await act("ReportedToCommittee", "Reported");
  await act("CommitteeConsented", "UnderReview");
  // A rejection needs its reasons: the refusal is announced, then the form is cancelled.
  await activate(page, "[data-testid=case-action][data-kind=Rejected]");
  await page.waitForSelector("[data-testid=event-form]");
  await activate(page, "[data-testid=event-submit]");
  await page.waitForSelector("[data-testid=event-refused]");
  await expectAccessible(page, "case: refused rejection");
  await activate(page, "[data-testid=event-form] .event-form__buttons .button--secondary");
  await page.waitForSelector("[data-testid=event-form]", { state: "detached" });
  await act("Accepted", "Accepted");
  await act("InvestigationApproved", "Investigating");
  await expectAccessible(page, "case: investigating");
  assert.equal(await page.locator("[data-testid=timeline-item]").count(), 5);
  assertClean(t, env, problems);
  await context.close();
});
