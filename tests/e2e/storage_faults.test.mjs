// End-to-end: storage faults in a real browser. IndexedDB missing (disabled by policy) or
// refusing to open (private modes): a clear Chinese message, and the rulebook, the guide, the
// calendar and the training still work; the backup restore picker is disabled with the reason.
// The storage quota exhausted (Chromium's
// Storage.overrideQuotaForOrigin): adding an evidence file is refused with a clear message,
// nothing is partly written, what was typed is kept, and the same save succeeds once space is
// back. A new case refused for lack of space leaves no case, no history and no orphan file, and
// keeps the draft with its file. An upgrade blocked by an older tab is explained and goes on when
// that tab lets go. An application registered from its wizard draft under a full quota is
// refused the same way.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start, openPage, ready, shot, assertClean, saveUnitSettings, registerCase } from "./harness.mjs";
import { expectAccessible } from "./axe.mjs";

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

    // Every way into case storage says, in its place, that cases cannot be saved here, why and
    // what to do; no button pretends to save.
    const notice = async (where) => {
      const text = await page.locator("[data-testid=no-case-storage]").first().textContent();
      assert.match(text, /此浏览器中无法保存案件/, `${where}: ${text}`);
      assert.match(text, /原因：/, `${where}: ${text}`);
      assert.match(text, /普通（非无痕、非隐私）窗口|刷新/, `${where}: ${text}`);
    };
    await page.waitForSelector("[data-testid=no-case-storage]");
    await notice("home");
    assert.equal(await page.locator("[data-testid=home-new-case]").count(), 0);
    if (name === "missing") await expectAccessible(page, "home without IndexedDB");

    await page.goto(base + "/cases");
    await ready(page);
    await page.waitForSelector("[data-testid=cases-unavailable]");
    await notice("/cases");
    assert.equal(await page.locator("[data-testid=cases-new]").count(), 0);

    await page.goto(base + "/cases/new");
    await ready(page);
    await page.waitForSelector("[data-testid=no-case-storage]");
    await notice("/cases/new");
    assert.equal(await page.isDisabled("[data-testid=case-create]"), true);
    await page.waitForSelector("[data-testid=case-new-no-evidence]");
    assert.equal(await page.locator("[data-testid=draft-evidence-input]").count(), 0);
    await shot(page, `storage-${name}-new-case`);
    if (name === "missing") await expectAccessible(page, "/cases/new without IndexedDB");

    await page.goto(base + "/cases/import");
    await ready(page);
    await page.waitForSelector("[data-testid=no-case-storage]");
    await notice("/cases/import");
    assert.equal(await page.isDisabled("[data-testid=import-submit]"), true);

    await page.goto(base + "/apply");
    await ready(page);
    await page.waitForSelector("[data-testid=no-case-storage]");
    await notice("/apply");
    assert.equal(await page.locator("[data-testid=apply-begin]").count(), 0);

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

/** Size of the draft's evidence file in the quota test: fits once under the 300 KB quota,
 * not twice. */
const FILE_KB = 150;

/** Which draft or case each stored evidence file belongs to. */
function attachmentOwners(page) {
  return page.evaluate(() => new Promise((resolve, reject) => {
    const req = indexedDB.open("weiquan");
    req.onerror = () => reject(req.error);
    req.onsuccess = () => {
      const all = req.result.transaction("attachments").objectStore("attachments").getAll();
      all.onsuccess = () => {
        req.result.close();
        resolve(all.result.map((r) => ({ draft: r.draft_id ?? null, case: r.case_id ?? null })));
      };
      all.onerror = () => reject(all.error);
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

test("quota exceeded: a new case is refused whole with a clear message, the draft and its file kept", async (t) => {
  const { context, page, problems } = await openPage(env);
  const base = env.server.url.replace(/\/$/, "");
  // Room for the draft's file once, not for the second copy that registering the case writes.
  await quota(page, 300 * 1024);
  await saveUnitSettings(page, base);
  await page.goto(base + "/cases/new");
  await ready(page);
  await fillCase(page, "王明在处置纠纷时被当事人当众辱骂，现场有录像。");
  await page.fill("[data-testid=draft-evidence-description]", "现场录像截图");
  const file = Buffer.alloc(FILE_KB * 1024, 9);
  file.write("%PDF-1.4\n");
  await page.setInputFiles("[data-testid=draft-evidence-input]", [{ name: "截图.pdf", mimeType: "application/pdf", buffer: file }]);
  await page.waitForSelector("[data-testid=draft-evidence-file]");
  const before = await readStores(page);
  assert.equal(before.attachments, 1);

  await page.click("[data-testid=case-create]");
  const failure = page.locator("[data-testid=case-new-failure]");
  await failure.waitFor({ timeout: 20000 }).catch(async (e) => {
    await shot(page, "storage-quota-new-case-failed");
    throw new Error(`no refusal: usage ${await usage(page)}, url ${page.url()}`);
  });
  assert.match(await failure.textContent(), /浏览器存储空间已满.*未保存/);
  await shot(page, "storage-quota-new-case");
  assert.match(page.url(), /\/cases\/new$/);
  // Nothing partly written: no case, no history row, the file still the draft's only.
  assert.deepEqual(await readStores(page), before, "nothing partly written");
  assert.deepEqual(await attachmentOwners(page), [{ draft: "case-new", case: null }]);
  assert.equal(await page.inputValue("#officer-name"), "王明");

  // The draft survives a reload, its file too.
  await page.reload();
  await ready(page);
  await page.waitForSelector("[data-testid=draft-restored]");
  assert.equal(await page.inputValue("#officer-name"), "王明");
  assert.equal(await page.inputValue("#summary"), "王明在处置纠纷时被当事人当众辱骂，现场有录像。");
  await page.waitForSelector("[data-testid=draft-evidence-file]");

  // Space is back: the same draft becomes the case, with its file.
  await quota(page, 100 * 1024 * 1024);
  await reopen(page, base + "/cases/new");
  await page.waitForSelector("[data-testid=draft-evidence-file]");
  await page.click("[data-testid=case-create]");
  await page.waitForURL(/\/cases\/WQ-/);
  await page.waitForSelector("[data-testid=evidence-file]");
  const after = await readStores(page);
  assert.equal(after.cases, 1);
  assert.equal(after.attachments, 1);
  const owners = await attachmentOwners(page);
  assert.equal(owners.length, 1);
  assert.equal(owners[0].draft, null);
  assert.match(owners[0].case, /^WQ-/);
  assertClean(t, env, problems);
  await context.close();
});

test("an upgrade blocked by an older tab is explained, and goes on once that tab closes", async (t) => {
  const { context, page, problems } = await openPage(env);
  const base = env.server.url.replace(/\/$/, "");
  // The older tab: a page of the same origin holding the version-1 database open and ignoring
  // the request to close it (as a build older than the versionchange handling would).
  await context.route(base + "/old-tab.html", (route) =>
    route.fulfill({ contentType: "text/html; charset=utf-8", body: "<!doctype html><title>旧版本</title>" }));
  const old = await context.newPage();
  await old.goto(base + "/old-tab.html");
  await old.evaluate(() => new Promise((resolve, reject) => {
    const req = indexedDB.open("weiquan", 1);
    req.onupgradeneeded = () => {
      // Version 1's stores and indexes (store::db::STEP_1).
      const db = req.result;
      const store = (name, keyPath, indexes = []) => {
        const s = db.createObjectStore(name, { keyPath });
        for (const [n, k, o] of indexes) s.createIndex(n, k, o ?? {});
      };
      store("cases", "id", [["by_state", "state"], ["by_next_due", "next_due"], ["by_updated", "updated_at"],
        ["by_received", "received_on"], ["by_unit", "unit"], ["by_category", "categories", { multiEntry: true }],
        ["by_badge", "officer_badge"], ["by_package", "package_sha256"]]);
      store("case_events", ["case_id", "seq"], [["by_case", "case_id"], ["by_time", "at"]]);
      store("drafts", "id", [["by_updated", "updated_at"]]);
      store("attachments", "id", [["by_case", "case_id"], ["by_draft", "draft_id"]]);
      store("documents", "id", [["by_case", "case_id"], ["by_number", ["unit", "year", "number"], { unique: true }]]);
      store("settings", "key");
    };
    req.onsuccess = () => { window.oldConnection = req.result; resolve(); };
    req.onerror = () => reject(req.error);
  }));

  await page.goto(base + "/");
  await ready(page);
  const banner = page.locator("[data-testid=storage-banner]");
  await banner.waitFor();
  assert.match(await banner.textContent(), /另一个维权工作台标签页仍在使用旧版本.*请关闭其他维权工作台标签页/);
  assert.match(await page.textContent("[data-testid=db-status]"), /等待其他标签页关闭/);
  // Waiting is not failing: the way to register a case stays.
  assert.equal(await page.locator("[data-testid=no-case-storage]").count(), 0);
  await shot(page, "storage-upgrade-blocked");

  // The older tab lets go: the upgrade completes by itself and the app works.
  await old.evaluate(() => window.oldConnection.close());
  await page.locator("[data-testid=db-status]", { hasText: "本机数据库已就绪" }).waitFor();
  assert.equal(await banner.count(), 0);
  await old.close();
  await saveUnitSettings(page, base);
  await registerCase(page, base);
  assertClean(t, env, problems);
  await context.close();
});

/** Fills the wizard as an officer insulted off duty, with `file` on the evidence screen, up to
 * the check page; returns the draft's id. */
async function applyWithFile(page, base, file) {
  const cont = () => page.click("[data-testid=apply-continue]");
  const step = (slug) => page.waitForSelector(`[data-testid=apply-step-${slug}]`);
  await page.goto(base + "/apply");
  await ready(page);
  await page.click("[data-testid=apply-begin]");
  await step("applicant");
  await page.check("#applicant-kind");
  await cont();
  await step("person");
  await page.check("#status");
  await page.fill("#officer-name", "张明");
  if (await page.locator("#officer-badge").count()) await page.fill("#officer-badge", "A12345");
  await page.fill("#officer-unit", "南湖区分局解放派出所");
  await page.check("#harmed");
  await cont();
  await step("ground");
  await page.check("#grounds");
  await cont();
  await step("incident");
  await page.fill("#incident-date", "2026-09-28");
  await page.fill("#incident-time", "21:30");
  await page.check("#duty");
  await page.check("#site-off_site");
  await page.check("#categories-insult");
  await page.fill("#incident-place", "解放路与中山路交叉口");
  await page.fill("#summary", "执勤时被对方当众辱骂。");
  await cont();
  await step("harm");
  await page.check("#injury");
  await cont();
  await step("evidence");
  await page.fill("[data-testid=draft-evidence-description]", "现场录像截图");
  await page.setInputFiles("[data-testid=draft-evidence-input]", [file]);
  await page.waitForSelector("[data-testid=draft-evidence-file]");
  await cont();
  await step("help");
  await page.check("#help-clearance");
  await cont();
  await step("contact");
  await page.fill("#contact-phone", "13800000000");
  await cont();
  await step("consent");
  await page.check("#consent");
  await cont();
  await page.waitForSelector("[data-testid=apply-check]");
  return new URL(page.url()).searchParams.get("draft");
}

test("quota exceeded: an application registered from its draft is refused whole, the draft and its file kept", async (t) => {
  const { context, page, problems } = await openPage(env);
  const base = env.server.url.replace(/\/$/, "");
  await quota(page, 300 * 1024);
  await saveUnitSettings(page, base);
  const file = Buffer.alloc(FILE_KB * 1024, 9);
  file.write("%PDF-1.4\n");
  const draft = await applyWithFile(page, base, { name: "截图.pdf", mimeType: "application/pdf", buffer: file });
  await page.click("[data-testid=apply-finish]");
  await page.click("[data-testid=apply-office-register]");
  await page.waitForSelector("[data-testid=import-preview]");
  const importUrl = page.url();
  const before = await readStores(page);
  assert.equal(before.attachments, 1);

  await page.click("[data-testid=import-submit]");
  const refused = page.locator("[data-testid=import-refused]");
  await refused.waitFor({ timeout: 20000 }).catch(async () => {
    await shot(page, "storage-quota-import-failed");
    throw new Error(`no refusal: usage ${await usage(page)}; ${await page.textContent("[data-testid=import-case]")}`);
  });
  assert.match(await refused.textContent(), /浏览器存储空间已满/);
  await shot(page, "storage-quota-import");
  // Nothing partly written: no case, no history, the file still the draft's only; the draft kept.
  assert.deepEqual(await readStores(page), before, "nothing partly written");
  assert.deepEqual(await attachmentOwners(page), [{ draft, case: null }]);

  // Space is back: the same application is registered with its file.
  await quota(page, 100 * 1024 * 1024);
  await reopen(page, importUrl);
  await page.waitForSelector("[data-testid=import-preview]");
  await page.click("[data-testid=import-submit]");
  await page.waitForSelector("[data-testid=import-created]");
  const after = await readStores(page);
  assert.equal(after.cases, 1);
  const owners = await attachmentOwners(page);
  assert.equal(owners.filter((o) => o.case !== null).length, 1);
  assertClean(t, env, problems);
  await context.close();
});
