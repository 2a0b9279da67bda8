// End-to-end: the training quiz: feedback on wrong and right answers, resuming after a reload,
// finishing a topic, reviewing and retrying the wrong answers, stale progress, keyboard and 360 px.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { ROOT, start, openPage, ready, shot, assertClean } from "./harness.mjs";

// The bank the app compiles in: the test reads the answers from it, since the order is random.
const BANK = JSON.parse(fs.readFileSync(path.join(ROOT, "data", "questions.json"), "utf8")).questions;
const KEY = "weiquan.training.v1";
const count = (topic) => BANK.filter((q) => q.topic === topic).length;
const TOPICS = [...new Set(BANK.map((q) => q.topic))];
const SMALLEST = TOPICS.reduce((a, b) => (count(b) < count(a) ? b : a));
const LETTERS = "ABCDE";

let env;
before(async () => { env = await start(); });
after(async () => { await env?.browser.close(); env?.server.close(); });

async function openTraining(options) {
  const opened = await openPage(env, options);
  await opened.page.goto(env.server.url + "training");
  await ready(opened.page);
  await opened.page.waitForSelector("[data-testid=training]");
  return opened;
}

/** The bank entry of the question on screen (scenario text is unique in the bank). */
async function currentQuestion(page) {
  const scenario = (await page.textContent("[data-testid=question-scenario]")).trim();
  const q = BANK.find((x) => x.scenario === scenario);
  assert.ok(q, `question on screen not in the bank: ${scenario}`);
  return q;
}

/** Answers the question on screen, rightly or with one wrong option, and waits for feedback. */
async function answer(page, q, right) {
  const chosen = right ? q.correct : [q.options.findIndex((_, i) => !q.correct.includes(i))];
  for (const i of chosen) await page.check(`#answer-${i}`);
  await page.click("[data-testid=quiz-submit]");
  await page.waitForSelector("[data-testid=quiz-feedback]");
  return chosen;
}

/** Waits until focus is on the element with `id` (the page moves it once the screen is drawn). */
const focused = (page, id) => page.waitForFunction((x) => document.activeElement?.id === x, id, { timeout: 5000 });
const position = (page) => page.textContent("[data-testid=quiz-position]");
const percentOf = (correct, answered) => Math.floor((correct * 100 + Math.floor(answered / 2)) / answered);

test("the start screen lists every topic with its number of questions", async (t) => {
  const { context, page, problems } = await openTraining();
  assert.match(await page.textContent("label[for=scope-all]"), new RegExp(`${BANK.length} 题`));
  for (const topic of TOPICS) {
    assert.match(await page.textContent(`label[for=scope-${topic}]`), new RegExp(`${count(topic)} 题`), topic);
  }
  assert.equal(await page.isChecked("#scope-all"), true);
  assert.match(await page.textContent("nav"), /培训测验/);
  await shot(page, "training-start");
  assertClean(t, env, problems);
  await context.close();
});

test("a wrong answer shows the explanation and articles, a right one says so, and a reload resumes the quiz where it was", async (t) => {
  const { context, page, problems } = await openTraining();
  await page.click("[data-testid=quiz-start]");
  await page.waitForSelector("[data-testid=question-scenario]");
  assert.equal(await position(page), `第 1 / ${BANK.length} 题`);
  await focused(page, "question-title");
  await shot(page, "training-question");

  // Submitting nothing is refused with a message, not counted.
  await page.click("[data-testid=quiz-submit]");
  await page.waitForSelector("[data-testid=error-summary]");
  assert.match(await page.textContent("[data-testid=error-summary]"), /请至少选择一个选项/);
  assert.equal(await position(page), `第 1 / ${BANK.length} 题`);

  const q1 = await currentQuestion(page);
  const wrong = await answer(page, q1, false);
  assert.match(await page.textContent("[data-testid=feedback-verdict]"), /回答错误/);
  assert.equal(await page.textContent("[data-testid=feedback-explanation]"), q1.explanation);
  const correctLetters = [...q1.correct].sort().map((i) => LETTERS[i]).join("、");
  assert.match(await page.textContent("[data-testid=feedback-correct]"), new RegExp(correctLetters));
  assert.match(await page.textContent("[data-testid=feedback-chosen]"), new RegExp(LETTERS[wrong[0]]));
  const hrefs = await page.$$eval("[data-testid=quiz-feedback] [data-testid=article-link]", (as) => as.map((a) => a.getAttribute("href")));
  assert.deepEqual(hrefs, q1.articles.map((n) => `/rules/${n}`));
  await focused(page, "feedback-title");
  await shot(page, "training-feedback-wrong");

  await page.click("[data-testid=quiz-next]");
  await page.waitForSelector("[data-testid=question-scenario]");
  assert.equal(await position(page), `第 2 / ${BANK.length} 题`);
  const q2 = await currentQuestion(page);
  assert.notEqual(q2.id, q1.id);
  await answer(page, q2, true);
  assert.match(await page.textContent("[data-testid=feedback-verdict]"), /回答正确/);
  assert.equal(await page.locator("[data-testid=feedback-chosen]").count(), 0);
  await shot(page, "training-feedback-right");
  await page.click("[data-testid=quiz-next]");
  await page.waitForSelector("[data-testid=question-scenario]");
  const q3 = await currentQuestion(page);
  assert.equal(await position(page), `第 3 / ${BANK.length} 题`);
  assert.equal(await page.textContent("[data-testid=quiz-running-score]"), "已答 2 题，答对 1 题");

  // A reload in the middle of the quiz comes back to the same question with the same score.
  await page.reload();
  await ready(page);
  await page.waitForSelector("[data-testid=question-scenario]");
  assert.equal(await position(page), `第 3 / ${BANK.length} 题`);
  assert.equal((await currentQuestion(page)).id, q3.id);
  assert.equal(await page.textContent("[data-testid=quiz-running-score]"), "已答 2 题，答对 1 题");

  // A reload while reading the feedback shows the same feedback.
  await answer(page, q3, true);
  await page.reload();
  await ready(page);
  await page.waitForSelector("[data-testid=quiz-feedback]");
  assert.match(await page.textContent("[data-testid=feedback-verdict]"), /回答正确/);
  assert.equal(await position(page), `第 3 / ${BANK.length} 题`);
  await page.click("[data-testid=quiz-next]");
  await page.waitForSelector("[data-testid=question-scenario]");
  assert.equal(await position(page), `第 4 / ${BANK.length} 题`);
  assert.equal(await page.textContent("[data-testid=quiz-running-score]"), "已答 3 题，答对 2 题");

  // Leaving the quiz asks first, then forgets it.
  await page.click("[data-testid=quiz-quit]");
  await page.waitForSelector("[data-testid=quiz-quit-cancel]");
  assert.match(await page.textContent(".quiz-quit"), /已答的 3 题/);
  await focused(page, "quit-confirm");
  await shot(page, "training-quit-confirm");
  await page.click("[data-testid=quiz-quit-cancel]");
  await page.waitForSelector("[data-testid=quiz-quit]");
  assert.equal(await position(page), `第 4 / ${BANK.length} 题`);
  await page.click("[data-testid=quiz-quit]");
  await page.click("[data-testid=quiz-quit-confirm]");
  await page.waitForSelector("[data-testid=quiz-start]");
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), KEY), null);
  assertClean(t, env, problems);
  await context.close();
});

test("a short topic quiz ends with the score and a review of the wrong answers, which can be practised again", async (t) => {
  const { context, page, problems } = await openTraining();
  const n = count(SMALLEST);
  await page.check(`#scope-${SMALLEST}`);
  await page.click("[data-testid=quiz-start]");
  await page.waitForSelector("[data-testid=question-scenario]");
  let missed;
  for (let i = 1; i <= n; i++) {
    assert.equal(await position(page), `第 ${i} / ${n} 题`);
    const q = await currentQuestion(page);
    assert.equal(q.topic, SMALLEST);
    if (i === 1) missed = q;
    await answer(page, q, i !== 1);
    assert.equal(await page.textContent("[data-testid=quiz-next]"), i === n ? "查看成绩" : "下一题");
    await page.click("[data-testid=quiz-next]");
    if (i < n) await page.waitForSelector("[data-testid=question-scenario]");
  }
  await page.waitForSelector("[data-testid=quiz-result]");
  assert.equal(await page.textContent("[data-testid=quiz-score]"), `答对 ${n - 1} 题，共 ${n} 题`);
  assert.equal(await page.textContent("[data-testid=quiz-percent]"), `正确率 ${percentOf(n - 1, n)}%`);
  assert.equal(await page.locator("[data-testid=review-item]").count(), 1);
  assert.match(await page.textContent("[data-testid=review-item]"), new RegExp(missed.scenario.slice(0, 20)));
  assert.match(await page.textContent("[data-testid=review-explanation]"), new RegExp(missed.explanation.slice(0, 20)));
  await shot(page, "training-result");

  // The result survives a reload too.
  await page.reload();
  await ready(page);
  await page.waitForSelector("[data-testid=quiz-result]");
  assert.equal(await page.textContent("[data-testid=quiz-score]"), `答对 ${n - 1} 题，共 ${n} 题`);

  await page.click("[data-testid=quiz-retry]");
  await page.waitForSelector("[data-testid=question-scenario]");
  assert.equal(await position(page), "第 1 / 1 题");
  assert.equal((await currentQuestion(page)).id, missed.id);
  await answer(page, missed, true);
  await page.click("[data-testid=quiz-next]");
  await page.waitForSelector("[data-testid=quiz-result]");
  assert.equal(await page.textContent("[data-testid=quiz-score]"), "答对 1 题，共 1 题");
  assert.equal(await page.textContent("[data-testid=quiz-percent]"), "正确率 100%");
  await page.waitForSelector("[data-testid=quiz-all-correct]");
  assert.equal(await page.locator("[data-testid=quiz-retry]").count(), 0);

  await page.click("[data-testid=quiz-restart]");
  await page.waitForSelector("[data-testid=quiz-start]");
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), KEY), null);
  assertClean(t, env, problems);
  await context.close();
});

test("stored progress that no longer fits the bank is dropped with a polite message", async (t) => {
  const { context, page, problems } = await openTraining();
  const cases = [
    [JSON.stringify({ selection: { kind: "all" }, quiz: { seed: 1, order: ["no-such-question"], answers: [] }, feedback: null }), /与当前题库不一致/],
    ["{not json", /无法读取/],
  ];
  for (const [stored, message] of cases) {
    await page.evaluate(([k, v]) => localStorage.setItem(k, v), [KEY, stored]);
    await page.reload();
    await ready(page);
    await page.waitForSelector("[data-testid=training-notice]");
    assert.match(await page.textContent("[data-testid=training-notice]"), message);
    assert.match(await page.textContent("[data-testid=training-notice]"), /抱歉/);
    await page.waitForSelector("[data-testid=quiz-start]");
    assert.equal(await page.evaluate((k) => localStorage.getItem(k), KEY), null);
  }
  await shot(page, "training-stale");
  // Starting a quiz clears the message.
  await page.click("[data-testid=quiz-start]");
  await page.waitForSelector("[data-testid=question-scenario]");
  assert.equal(await page.locator("[data-testid=training-notice]").count(), 0);
  assertClean(t, env, problems);
  await context.close();
});

/** Presses Tab until `matches(arg)` holds in the page, failing after `limit` presses. */
async function tabTo(page, describe, matches, limit = 40, arg = null) {
  for (let i = 0; i < limit; i++) {
    if (await page.evaluate(matches, arg)) return;
    await page.keyboard.press("Tab");
  }
  assert.fail(`Tab never reached ${describe}`);
}

test("a whole topic quiz can be taken with the keyboard alone at 360 px", async (t) => {
  const { context, page, problems } = await openTraining({ width: 360, height: 760 });
  const n = count(SMALLEST);
  await shot(page, "training-start-360");
  await tabTo(page, "the scope radios", () => document.activeElement?.name === "scope");
  for (let i = 0; i < TOPICS.length + 1 && !(await page.isChecked(`#scope-${SMALLEST}`)); i++) {
    await page.keyboard.press("ArrowDown");
  }
  assert.equal(await page.isChecked(`#scope-${SMALLEST}`), true);
  await tabTo(page, "the start button", () => document.activeElement?.dataset.testid === "quiz-start");
  await page.keyboard.press("Enter");
  await page.waitForSelector("[data-testid=question-scenario]");
  for (let i = 1; i <= n; i++) {
    await focused(page, "question-title");
    // The first question is answered wrongly (so the review has an entry), the rest rightly.
    const q = await currentQuestion(page);
    const pick = i === 1 ? q.options.findIndex((_, k) => !q.correct.includes(k)) : q.correct[0];
    await tabTo(page, "the first option", () => document.activeElement?.id === "answer-0");
    if (q.multiple) {
      for (let k = 0; k < pick; k++) await page.keyboard.press("Tab");
      await page.keyboard.press("Space");
      for (const k of q.correct.slice(1)) {
        if (i === 1) break;
        await tabTo(page, `option ${k}`, (id) => document.activeElement?.id === id, 10, `answer-${k}`);
        await page.keyboard.press("Space");
      }
    } else {
      // Arrow keys move through a radio group and check what they land on.
      for (let k = 0; k < pick; k++) await page.keyboard.press("ArrowDown");
      if (pick === 0) await page.keyboard.press("Space");
    }
    assert.equal(await page.isChecked(`#answer-${pick}`), true);
    if (i === 1) await shot(page, "training-question-360");
    await tabTo(page, "the submit button", () => document.activeElement?.dataset.testid === "quiz-submit");
    await page.keyboard.press("Enter");
    await page.waitForSelector("[data-testid=quiz-feedback]");
    await focused(page, "feedback-title");
    if (i === 1) await shot(page, "training-feedback-360");
    await tabTo(page, "the next button", () => document.activeElement?.dataset.testid === "quiz-next");
    await page.keyboard.press("Enter");
    if (i < n) await page.waitForSelector("[data-testid=question-scenario]");
  }
  await page.waitForSelector("[data-testid=quiz-result]");
  await focused(page, "result-title");
  assert.equal(await page.textContent("[data-testid=quiz-score]"), `答对 ${n - 1} 题，共 ${n} 题`);
  assert.equal(await page.locator("[data-testid=review-item]").count(), 1);
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 360), "no sideways scrolling at 360 px");
  await shot(page, "training-result-360");
  assertClean(t, env, problems);
  await context.close();
});
