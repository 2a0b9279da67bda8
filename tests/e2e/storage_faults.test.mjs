// End-to-end: storage faults in a real browser. IndexedDB missing (disabled by policy) or
// refusing to open (private modes): a clear Chinese message, and the rulebook, the guide, the
// calendar and the training still work; the backup restore picker is disabled with the reason.
// The storage quota exhausted (Chromium's
// Storage.overrideQuotaForOrigin): adding an evidence file is refused with a clear message,
// nothing is partly written, what was typed is kept, and the same save succeeds once space is
// back.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start, openPage, ready, shot, assertClean, saveUnitSettings } from "./harness.mjs";

let env;
before(async () => { env = await start(); });
after(async () => { await env?.browser.close(); env?.server.close(); });

const FAULTS = {
  // IndexedDB turned off (enterprise policy, some embedded browsers): no factory at all.
  missing: () => { Object.defineProperty(window, "indexedDB", { get: () => undefined, configurable: true }); },
  // Private modes of some browsers: the factory exists but every open throws.
  throwing: () => {
    IDBFactory.prototype.open = function open() {
      throw new DOMException("The user denied permission to access the database.", "SecurityError");
    };
  },
  // The open request fails later, as on a profile whose database files cannot be written.
  failing: () => {
    IDBFactory.prototype.open = function open() {
      const request = new EventTarget();
      Object.defineProperty(request, "error", { value: new DOMException("Internal error opening backing store for indexedDB.open.", "UnknownError") });
      setTimeout(() => {
        const e = new Event("error");
        request.dispatchEvent(e);
        if (typeof request.onerror === "function") request.onerror(e);
      }, 10);
      return request;
    };
  },
};

for (const [name, fault] of Object.entries(FAULTS)) {
  test(`IndexedDB ${name}: a clear message, and the rules, guide, calendar and training work`, async (t) => {
    const { context, page, problems } = await openPage(env);
    await context.addInitScript(fault);
    const base = env.server.url.replace(/\/$/, "");

    await page.goto(base + "/");
    await ready(page);
    const banner = page.locator("[data-testid=storage-banner]");
    await banner.waitFor();
    const text = await banner.textContent();
    assert.match(text, /本地数据库不可用/);
    assert.match(text, /规则查询、办理指引、期限计算和培训仍可使用/, text);
    await shot(page, `storage-${name}-home`);

    // The case pages say cases cannot be kept; nothing pretends to save.
    await page.goto(base + "/cases");
    await ready(page);
    await page.waitForSelector("[data-testid=cases-unavailable]");

    // What needs no database works in full.
    await page.goto(base + "/rules");
    await ready(page);
    await page.fill("[data-testid=rules-q]", "骂人");
    await page.locator("[data-testid=rules-hit]").first().waitFor();
    assert.equal(await page.locator("[data-testid=rules-hit]").first().getAttribute("data-article"), "21");

    await page.goto(base + "/calendar?from=2026-09-28&rule=reply");
    await ready(page);
    await page.waitForSelector("[data-testid=due-date]");
    assert.equal(await page.textContent("[data-testid=due-date]"), "2026-10-08");

    await page.goto(base + "/guide");
    await ready(page);
    await page.click("[data-testid=guide-begin]");
    await page.waitForSelector("[data-testid=guide] input[type=radio]");

    await page.goto(base + "/training");
    await ready(page);
    await page.click("[data-testid=quiz-start]");
    await page.waitForSelector("[data-testid=question-scenario]");
    await shot(page, `storage-${name}-training`);

    // Settings live in local storage and still save.
    await saveUnitSettings(page, base);
    // A backup cannot be restored without the database: the picker is off and says why.
    assert.equal(await page.locator("[data-testid=restore-file]").isDisabled(), true);
    assert.match(await page.textContent("[data-testid=restore-unavailable]"), /本地数据库不可用，不能恢复备份/);
    assert.deepEqual(problems.filter((p) => !p.startsWith("console error")), []);
    assertClean(t, env, []);
    await context.close();
  });
}

/** Sets (or, with no size, lifts) a quota for the app's origin through CDP. The override
 * lasts as long as the CDP session, so the session is kept per page. */
const sessions = new WeakMap();
async function quota(page, size) {
  if (!sessions.has(page)) sessions.set(page, await page.context().newCDPSession(page));
  const origin = new URL(env.server.url).origin;
  await sessions.get(page).send("Storage.overrideQuotaForOrigin", size === undefined ? { origin } : { origin, quotaSize: size });
}

/** Chromium checks IndexedDB writes against the space it last learnt was free, cached while the
 * origin's database stays open: leave the page until it closes, then come back. */
async function reopen(page, url) {
  await page.goto("about:blank");
  await page.waitForTimeout(4000);
  await page.goto(url);
  await ready(page);
}

async function usage(page) {
  return page.evaluate(async () => (await navigator.storage.estimate()).usage);
}

function readStores(page) {
  return page.evaluate(() => new Promise((resolve, reject) => {
    const req = indexedDB.open("weiquan");
    req.onerror = () => reject(req.error);
    req.onsuccess = () => {
      const names = [...req.result.objectStoreNames];
      const tx = req.result.transaction(names);
      const out = {};
      for (const n of names) {
        const r = tx.objectStore(n).count();
        r.onsuccess = () => { out[n] = r.result; };
      }
      tx.oncomplete = () => { req.result.close(); resolve(out); };
      tx.onerror = () => reject(tx.error);
    };
  }));
}

async function fillCase(page, summary) {
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
  await page.check("#categories-insult");
  await page.check("#injury");
  await page.fill("#summary", summary);
}

test("quota exceeded: evidence is refused whole with a clear message, the input kept", async (t) => {
  const { context, page, problems } = await openPage(env);
  const base = env.server.url.replace(/\/$/, "");
  // A small quota from the start, before the app opens its database.
  await quota(page, 300 * 1024);
  await saveUnitSettings(page, base);
  await page.goto(base + "/cases/new");
  await ready(page);
  await fillCase(page, "王明在处置纠纷时被当事人当众辱骂。");
  await page.click("[data-testid=case-create]");
  await page.waitForURL(/\/cases\/WQ-/);
  await page.waitForSelector("[data-testid=evidence]");
  const caseUrl = page.url();
  const timeline = await page.locator("[data-testid=timeline-item]").count();
  const before = await readStores(page);

  // No room left: what is stored now, and not a byte more.
  await page.waitForSelector("[data-testid=evidence]");
  const big = Buffer.alloc(400 * 1024, 7);
  big.write("%PDF-1.4\n");
  await page.fill("[data-testid=evidence-description]", "现场录音文字稿");
  await page.setInputFiles("[data-testid=evidence-input]", [{ name: "大文件.pdf", mimeType: "application/pdf", buffer: big }]);
  await page.waitForSelector("[data-testid=evidence-problems] li", { timeout: 20000 }).catch(async (e) => {
    await shot(page, "storage-quota-evidence-failed");
    throw new Error(`no refusal: usage ${await usage(page)}; ${await page.textContent("[data-testid=evidence]")}`);
  });
  const refusal = await page.textContent("[data-testid=evidence-problems]");
  assert.match(refusal, /存储空间已满/, refusal);
  await shot(page, "storage-quota-evidence");
  assert.equal(await page.locator("[data-testid=evidence-file]").count(), 0);
  assert.equal(await page.locator("[data-testid=timeline-item]").count(), timeline);
  assert.equal(await page.inputValue("[data-testid=evidence-description]"), "现场录音文字稿");
  assert.deepEqual(await readStores(page), before, "nothing partly written");

  // Space is back: the same file is added whole.
  await quota(page, 100 * 1024 * 1024);
  await reopen(page, caseUrl);
  await page.waitForSelector("[data-testid=evidence]");
  await page.fill("[data-testid=evidence-description]", "现场录音文字稿");
  await page.setInputFiles("[data-testid=evidence-input]", [{ name: "大文件.pdf", mimeType: "application/pdf", buffer: big }]);
  await page.waitForSelector("[data-testid=evidence-file-sha]");
  assert.equal(await page.locator("[data-testid=timeline-item]").count(), timeline + 1);
  const after = await readStores(page);
  assert.equal(after.attachments, (before.attachments ?? 0) + 1);
  assertClean(t, env, problems);
  await context.close();
});
