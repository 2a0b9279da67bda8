// End-to-end: what is typed in the last moment before a tab is reloaded, closed or left is
// kept. The wizard (/apply) saves its IndexedDB draft 400 ms after the last keystroke and
// writes anything still pending at once on `pagehide`, on `visibilitychange` to hidden and when
// the screen is left inside the app; the intake form (/cases/new) writes its local-storage draft
// on every change. Each case here acts within a few milliseconds of the keystroke.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start, openPage, ready, assertClean, saveUnitSettings } from "./harness.mjs";

let env;
before(async () => { env = await start(); });
after(async () => { await env?.browser.close(); env?.server.close(); });

const base = () => env.server.url.replace(/\/$/, "");
const person = "[data-testid=apply-step-person]";

/** Starts a wizard draft and stops on its second screen; returns that screen's address. */
async function toPersonStep(page) {
  await page.goto(base() + "/apply");
  await ready(page);
  await page.click("[data-testid=apply-begin]");
  await page.waitForSelector("[data-testid=apply-step-applicant]");
  await page.check("#applicant-kind");
  await page.click("[data-testid=apply-continue]");
  await page.waitForSelector(person);
  // Let the autosave of the first screen's values settle, so only the last keystrokes are at stake.
  await page.waitForTimeout(600);
  return page.url();
}

/** Types `text` into `selector` key by key (real input events) and returns at once. */
async function typeQuickly(page, selector, text) {
  await page.click(selector);
  await page.keyboard.type(text);
}

const LEAVES = {
  reload: async (page) => {
    await page.reload();
    return page;
  },
  "tab closed": async (page, url) => {
    const context = page.context();
    await page.close({ runBeforeUnload: true });
    const again = await context.newPage();
    await again.goto(url);
    return again;
  },
  "link followed inside the app": async (page, url) => {
    await page.click(".site-nav a[href$='/rules']");
    await page.waitForSelector("[data-testid=rules]");
    await page.goto(url);
    return page;
  },
};

for (const [how, leave] of Object.entries(LEAVES)) {
  test(`wizard: the last keystrokes survive the ${how}`, async (t) => {
    const { context, page, problems } = await openPage(env);
    const url = await toPersonStep(page);
    await typeQuickly(page, "#officer-unit", "秀洲区分局新城派出所");
    const back = await leave(page, url);
    await ready(back);
    await back.waitForSelector(person);
    assert.equal(await back.inputValue("#officer-unit"), "秀洲区分局新城派出所");
    assertClean(t, env, problems);
    await context.close();
  });
}

test("wizard: the last keystrokes are written when the tab is hidden", async (t) => {
  const { context, page, problems } = await openPage(env);
  const url = await toPersonStep(page);
  const id = new URL(url).searchParams.get("draft");
  await typeQuickly(page, "#officer-unit", "平湖市公安局当湖派出所");
  // The tab goes to the background (headless Chromium never hides a page by itself, so the
  // page is told it is hidden, as the browser does): it must write at once.
  await page.evaluate(() => {
    Object.defineProperty(document, "hidden", { get: () => true, configurable: true });
    Object.defineProperty(document, "visibilityState", { get: () => "hidden", configurable: true });
    document.dispatchEvent(new Event("visibilitychange", { bubbles: true }));
  });
  const stored = await page.evaluate((id) => new Promise((resolve, reject) => {
    const open = indexedDB.open("weiquan");
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const req = open.result.transaction("drafts").objectStore("drafts").get(id);
      req.onsuccess = () => { open.result.close(); resolve(req.result?.form?.input?.officer_unit ?? null); };
      req.onerror = () => reject(req.error);
    };
  }), id);
  assert.equal(stored, "平湖市公安局当湖派出所");
  assertClean(t, env, problems);
  await context.close();
});

for (const how of ["reload", "tab closed", "link followed inside the app"]) {
  test(`intake form: the last keystrokes survive the ${how}`, async (t) => {
    const { context, page, problems } = await openPage(env);
    await saveUnitSettings(page, base());
    const url = base() + "/cases/new";
    await page.goto(url);
    await ready(page);
    await page.waitForSelector("[data-testid=case-new]");
    await typeQuickly(page, "#officer-name", "王明");
    await typeQuickly(page, "#summary", "王明在处置纠纷时被当事人当众辱骂。");
    const back = await LEAVES[how](page, url);
    await ready(back);
    await back.waitForSelector("[data-testid=draft-restored]");
    assert.equal(await back.inputValue("#officer-name"), "王明");
    assert.equal(await back.inputValue("#summary"), "王明在处置纠纷时被当事人当众辱骂。");
    assertClean(t, env, problems);
    await context.close();
  });
}
