// Shared by the hostile-text end-to-end tests: the corpus (tests/fixtures/hostile.jsonl), a
// trap that records any script a payload manages to run, the check for injected markup, and
// the app's own text normalisation written again here so that "shown literally" can be
// asserted exactly.
import fs from "node:fs";
import path from "node:path";
import { ROOT } from "./harness.mjs";

/** Every payload, one JSON string a line; `#` lines are comments. */
export const CORPUS = fs.readFileSync(path.join(ROOT, "tests", "fixtures", "hostile.jsonl"), "utf8")
  .split("\n")
  .filter((l) => l.trim() && !l.startsWith("#"))
  .map((l) => JSON.parse(l));

/** Payloads call `__hostile()`; any call (or any `alert`, `confirm`, `prompt`) is recorded. */
export async function arm(context) {
  await context.addInitScript(() => {
    window.__hostileRuns = 0;
    window.__hostile = () => { window.__hostileRuns += 1; };
    for (const name of ["alert", "confirm", "prompt", "print"]) {
      window[name] = () => { window.__hostileRuns += 1; };
    }
  });
}

/** Runs in the page: every piece of markup no page of the app ever makes. */
export function alienMarkup() {
  const tags = new Set(["script", "iframe", "frame", "frameset", "object", "embed", "applet", "base",
    "meta", "link", "style", "math", "template", "marquee", "video", "audio", "source", "isindex",
    "slot", "animate", "set", "foreignobject", "xss"]);
  const urlAttrs = ["href", "src", "action", "formaction", "xlink:href", "data", "srcdoc", "background", "poster"];
  const bad = [];
  for (const el of document.body.querySelectorAll("*")) {
    const tag = el.localName.toLowerCase();
    const inNoscript = el.closest("noscript");
    if (tags.has(tag) && !inNoscript) bad.push(`<${tag}>`);
    if (tag.includes("-") || el instanceof HTMLUnknownElement) bad.push(`unknown <${tag}>`);
    if (tag === "svg" && !el.classList.contains("chart__svg")) bad.push("<svg> outside a chart");
    if (tag === "img" && !(el.getAttribute("src") || "").startsWith("blob:")) bad.push(`<img src=${el.getAttribute("src")}>`);
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      if (name.startsWith("on")) bad.push(`${tag}[${name}]`);
      if (urlAttrs.includes(name) && /^\s*(javascript|vbscript|data:text)/i.test(attr.value.replace(/[\s\u0000-\u001f]/g, ""))) {
        bad.push(`${tag}[${name}=${attr.value}]`);
      }
      // (Chromium's form autofill leaves empty style attributes on inputs.)
      if (name === "style" && attr.value.trim()) bad.push(`${tag}[style]: ${el.outerHTML.slice(0, 160)}`);
    }
  }
  return bad;
}

/** Fails if a payload ran or left markup in the page. */
export async function assertInert(page, where) {
  const runs = await page.evaluate(() => window.__hostileRuns);
  if (runs !== 0) throw new Error(`${where}: a payload ran (${runs})`);
  const bad = await page.evaluate(alienMarkup);
  if (bad.length) throw new Error(`${where}: injected markup: ${bad.join(", ")}`);
}

// Rust's char::is_whitespace (the White_Space property), which the app's normalize_name uses.
const RUST_WS = /[\t\n\u000b\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/u;
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/u;

/** Text typed into an `<input type=text>`: Chromium turns each line break into a space. */
export function asInput(raw) {
  return raw.replace(/\r\n|[\r\n]/g, " ");
}

/** The app's one-line normalisation (white space collapsed, trimmed). */
export function normalizeLine(raw) {
  return raw.split(RUST_WS).filter((s) => s).join(" ");
}

/** A `<textarea>`'s line breaks are LF; the app trims the text. */
export function normalizeArea(raw) {
  return raw.replace(/\r\n?/g, "\n").replace(new RegExp(`^${RUST_WS.source}|${RUST_WS.source}$`, "gu"), "");
}

/** Whether the app accepts `raw` typed into a one-line field of at most `max` characters. */
export function lineAccepted(raw, max) {
  const text = normalizeLine(asInput(raw));
  return text.length > 0 && [...text].length <= max && !CONTROL.test(text);
}

/** Compares shown text with what was typed, white space collapsed on both sides. */
export function loose(text) {
  return text.split(RUST_WS).filter((s) => s).join(" ");
}

/** Asserts that `text` (what the page shows) holds every value literally. */
export function assertShows(text, values, where) {
  const shown = loose(text);
  for (const v of values) {
    if (!shown.includes(loose(v))) throw new Error(`${where}: not shown literally: ${JSON.stringify(v).slice(0, 200)}`);
  }
}
