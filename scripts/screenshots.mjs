// Takes the README's screenshots (docs/screenshots/*.png) from the release build in dist/, with
// the e2e harness: the app at desktop width, the clock fixed at 2026-11-25 09:30 in Shanghai and
// the cases of examples/case_fixtures.rs for that day, so a rerun shows the same things.
// Viewport only, to keep each file small. Usage, after `trunk build --release`:
//   node scripts/screenshots.mjs
import fs from "node:fs";
import path from "node:path";
import { ROOT, start, openPage, ready, caseFixtures, seedCases, saveUnitSettings } from "../tests/e2e/harness.mjs";

const TODAY = "2026-11-25";
const OUT = path.join(ROOT, "docs", "screenshots");

const SHOTS = [
  { file: "home.png", path: "/", wait: "[data-testid=due-row]" },
  { file: "rules-search.png", path: "/rules?q=" + encodeURIComponent("网上造谣"), wait: "[data-testid=rules] mark" },
  { file: "article.png", path: "/rules/31", wait: "[data-testid=article]" },
  {
    file: "guide-result.png",
    path: "/guide?concern=harm&victim=officer&officer_link=on_duty&officer_conduct=no_fault"
      + "&act_date=2026-03-05&acts=violence&injury=minor&violence_details=&property_loss=none&step=result",
    wait: "[data-testid=guide-result]",
  },
  {
    file: "apply.png",
    path: "/apply",
    wait: "[data-testid=apply-begin]",
    then: async (page) => {
      await page.click("[data-testid=apply-begin]");
      await page.check("#applicant-kind");
      await page.waitForSelector("[data-testid=apply-eligibility]");
    },
  },
  { file: "case.png", path: "/cases/WQ-F-REPLY-LATE", wait: "[data-testid=deadline]" },
  { file: "calendar.png", path: "/calendar?from=2026-09-28&rule=reply", wait: "[data-testid=due-date]" },
  { file: "stats.png", path: "/stats", wait: "[data-testid=stats] table", then: (page) => page.evaluate(() => window.scrollTo(0, 0)) },
];

const fixtures = caseFixtures(0, TODAY);
const env = await start();
try {
  fs.mkdirSync(OUT, { recursive: true });
  const base = env.server.url.replace(/\/$/, "");
  const { context, page } = await openPage(env, { width: 1280, height: 800 });
  await context.clock.setFixedTime(new Date(`${TODAY}T09:30:00+08:00`));
  await saveUnitSettings(page, base);
  await seedCases(page, base, fixtures.featured);
  for (const s of SHOTS) {
    await page.goto(base + s.path);
    await ready(page);
    await page.waitForSelector(s.wait);
    if (s.then) await s.then(page);
    // No caret or focus ring in the pictures.
    await page.evaluate(() => document.activeElement?.blur());
    const file = path.join(OUT, s.file);
    await page.screenshot({ path: file, caret: "hide" });
    console.log(`${file}: ${fs.statSync(file).size} bytes`);
  }
  await context.close();
} finally {
  await env.browser.close();
  env.server.close();
}
