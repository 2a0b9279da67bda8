// axe-core for the end-to-end tests: the WCAG 2.2 A/AA rules plus axe's landmark and heading
// rules. The engine is evaluated through the DevTools protocol (page.evaluate of its source),
// which the page's Content-Security-Policy does not govern, so the app keeps its production
// policy; a11y.test.mjs checks that it is still in force.
import fs from "node:fs";
import path from "node:path";
import assert from "node:assert/strict";
import { createRequire } from "node:module";

const AXE_SOURCE = fs.readFileSync(path.join(path.dirname(createRequire(import.meta.url).resolve("axe-core")), "axe.min.js"), "utf8");
const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];
// axe files these under "best-practice", but issue 10 asks for them: landmarks, one main,
// headings in order, a first-level heading on every page.
const EXTRA_RULES = [
  "region", "landmark-one-main", "landmark-unique", "landmark-no-duplicate-banner",
  "landmark-no-duplicate-contentinfo", "landmark-no-duplicate-main", "landmark-banner-is-top-level",
  "landmark-contentinfo-is-top-level", "landmark-main-is-top-level", "landmark-complementary-is-top-level",
  "heading-order", "page-has-heading-one", "empty-heading", "empty-table-header",
];

/** Runs axe on the page as it is; returns the violations as readable lines. */
export async function axeViolations(page) {
  if (!(await page.evaluate(() => typeof window.axe === "object"))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async ({ tags, extra }) => {
    const ids = [...new Set(window.axe.getRules(tags).map((r) => r.ruleId).concat(extra))];
    const result = await window.axe.run(document, { runOnly: { type: "rule", values: ids }, resultTypes: ["violations"] });
    return result.violations.flatMap((v) => v.nodes.map((n) =>
      `${v.id} (${v.impact}): ${v.help}\n    at ${n.target.join(" ")}\n    ${n.failureSummary.replace(/\n/g, "\n    ")}`));
  }, { tags: WCAG_TAGS, extra: EXTRA_RULES });
}

/** Fails with every violation listed if axe finds any; also checks the page's language. */
export async function expectAccessible(page, label) {
  // Let transitions and focus moves settle before contrast is measured.
  await page.waitForTimeout(150);
  const found = await axeViolations(page);
  assert.equal(found.length, 0, `${label}: ${found.length} accessibility violation(s)\n  ${found.join("\n  ")}`);
  assert.equal(await page.getAttribute("html", "lang"), "zh-CN", `${label}: lang`);
}
