// End-to-end accessibility: axe-core (axe.mjs: WCAG 2.2 A/AA plus its landmark and heading
// rules) on every route and the states that matter, at desktop width and at 360 px, with zero
// violations allowed; and a check that the production CSP stays in force while axe runs.
// The keyboard-only journeys are in keyboard.test.mjs.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start, openPage, ready, assertClean, caseFixtures, seedCases, saveUnitSettings } from "./harness.mjs";
import { axeViolations, expectAccessible } from "./axe.mjs";

const WIDTHS = [{ name: "desktop", width: 1280, height: 900 }, { name: "360", width: 360, height: 800 }];

let env;
let fixtures;
let base;
before(async () => {
  fixtures = caseFixtures(0);
  env = await start();
  base = env.server.url.replace(/\/$/, "");
});
after(async () => { await env?.browser.close(); env?.server.close(); });

// Each state: how to reach it from a fresh page (with the unit saved and the fixtures in the
// database), and what proves it is on screen.
const STATES = [
  { name: "home with cases", go: (p) => p.goto(base + "/"), wait: "[data-testid=due-row]" },
  { name: "case list", go: (p) => p.goto(base + "/cases"), wait: "[data-testid=case-row]" },
  { name: "case page", go: (p) => p.goto(base + "/cases/WQ-F-REPLY-LATE"), wait: "[data-testid=case-state]" },
  {
    name: "case page, event form open",
    go: async (p) => {
      await p.goto(base + "/cases/WQ-F-INVEST-LATE");
      await p.locator("[data-testid=case-action]").first().click();
    },
    wait: "[data-testid=event-form]",
  },
  { name: "case not found", go: (p) => p.goto(base + "/cases/WQ-NO-SUCH-CASE"), wait: "[data-testid=case]" },
  { name: "new case", go: (p) => p.goto(base + "/cases/new"), wait: "[data-testid=case-new]" },
  {
    name: "new case with errors",
    go: async (p) => { await p.goto(base + "/cases/new"); await p.click("[data-testid=case-create]"); },
    wait: "[data-testid=error-summary]",
  },
  { name: "import", go: (p) => p.goto(base + "/cases/import"), wait: "[data-testid=import-case]" },
  { name: "rules", go: (p) => p.goto(base + "/rules"), wait: "[data-testid=rules]" },
  { name: "rules search", go: (p) => p.goto(base + "/rules?q=" + encodeURIComponent("骂人")), wait: "[data-testid=rules] mark" },
  { name: "article", go: (p) => p.goto(base + "/rules/31"), wait: "[data-testid=article]" },
  { name: "calendar result", go: (p) => p.goto(base + "/calendar?from=2026-09-28&rule=reply"), wait: "[data-testid=calendar]" },
  { name: "training start", go: (p) => p.goto(base + "/training"), wait: "[data-testid=quiz-start]" },
  {
    name: "training question with error",
    go: async (p) => {
      await p.goto(base + "/training");
      await p.click("[data-testid=quiz-start]");
      await p.waitForSelector("[data-testid=question-scenario]");
      await p.click("[data-testid=quiz-submit]");
    },
    wait: "[data-testid=error-summary]",
  },
  {
    name: "training feedback",
    go: async (p) => {
      // The quiz started above is resumed where it was.
      await p.goto(base + "/training");
      await p.waitForSelector("[data-testid=question-scenario]");
      await p.check("#answer-0");
      await p.click("[data-testid=quiz-submit]");
    },
    wait: "[data-testid=quiz-feedback]",
  },
  { name: "guide start", go: (p) => p.goto(base + "/guide"), wait: "[data-testid=guide-begin]" },
  {
    name: "guide question with error",
    go: async (p) => {
      await p.goto(base + "/guide");
      await p.click("[data-testid=guide-begin]");
      await p.waitForSelector("[data-testid=guide-question]");
      await p.click("[data-testid=guide-continue]");
    },
    wait: "[data-testid=error-summary]",
  },
  {
    name: "guide result",
    go: (p) => p.goto(base + "/guide?concern=harm&victim=officer&officer_link=on_duty&officer_conduct=no_fault"
      + "&act_date=2026-03-05&acts=violence&injury=minor&violence_details=&property_loss=none&step=result"),
    wait: "[data-testid=guide-result]",
  },
  { name: "apply start", go: (p) => p.goto(base + "/apply"), wait: "[data-testid=apply-begin]" },
  {
    name: "apply step with errors",
    go: async (p) => {
      await p.goto(base + "/apply");
      await p.click("[data-testid=apply-begin]");
      await p.waitForSelector("[data-testid=apply-step-applicant]");
      await p.check("#applicant-kind-near_relative");
      await p.click("[data-testid=apply-continue]");
    },
    wait: "[data-testid=error-summary]",
  },
  { name: "stats with data", go: (p) => p.goto(base + "/stats"), wait: "[data-testid=stats] table" },
  { name: "settings", go: (p) => p.goto(base + "/settings"), wait: "[data-testid=settings-save]" },
  {
    name: "settings with errors",
    go: async (p) => {
      await p.goto(base + "/settings");
      await p.fill("#unit-name", "");
      await p.fill("#operator", "");
      await p.click("[data-testid=settings-save]");
    },
    wait: "[data-testid=error-summary]",
  },
  { name: "not found", go: (p) => p.goto(base + "/no-such-page"), wait: "[data-testid=not-found]" },
];

for (const size of WIDTHS) {
  test(`every page and state has no WCAG 2.2 AA violations at ${size.name} width`, async (t) => {
    const { context, page, problems } = await openPage(env, size);
    await saveUnitSettings(page, base);
    await seedCases(page, base, fixtures.featured);
    await page.waitForSelector("[data-testid=db-status]");
    const failures = [];
    for (const state of STATES) {
      await state.go(page);
      await ready(page);
      await page.waitForSelector(state.wait);
      try {
        await expectAccessible(page, `${state.name} (${size.name})`);
      } catch (e) {
        failures.push(e.message);
      }
    }
    assert.equal(failures.length, 0, failures.join("\n\n"));
    assertClean(t, env, problems);
    await context.close();
  });
}

test("the empty dashboard, before any setting or case, has no violations either", async (t) => {
  const { context, page, problems } = await openPage(env);
  await page.goto(base + "/");
  await ready(page);
  await page.waitForSelector("[data-testid=dashboard-empty]");
  await expectAccessible(page, "empty home");
  assertClean(t, env, problems);
  await context.close();
});

test("axe runs with the production Content-Security-Policy in force", async (t) => {
  const { context, page, problems } = await openPage(env);
  const response = await page.goto(base + "/");
  await ready(page);
  const policy = response.headers()["content-security-policy"];
  assert.match(policy, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.doesNotMatch(policy, /unsafe-inline|'unsafe-eval'/);
  await axeViolations(page);
  // An inline script added by the page itself is still refused after axe was evaluated.
  const blocked = await page.evaluate(() => new Promise((resolve) => {
    document.addEventListener("securitypolicyviolation", (e) => resolve(e.violatedDirective), { once: true });
    const s = document.createElement("script");
    s.textContent = "window.__inline = 1";
    document.body.append(s);
    setTimeout(() => resolve(window.__inline === 1 ? "ran" : "no event"), 2000);
  }));
  assert.match(blocked, /^script-src/);
  // That refusal was reported; it is this test's own probe, not a fault of the app.
  await page.waitForTimeout(300);
  const probe = env.server.cspReports.findIndex((r) => r.includes("script-src"));
  assert.ok(probe >= 0, "the probe's CSP report reached the server");
  env.server.cspReports.splice(probe, 1);
  assertClean(t, env, problems.filter((p) => !p.includes("Executing inline script violates")));
  await context.close();
});
