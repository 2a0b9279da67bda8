// Trunk post-build hook (Trunk.toml): finishes the site in Trunk's staging directory, so that
// every `trunk build` (and `make dist`, `make test`) yields the same deployable dist/:
//   1. index.html gets <meta name="weiquan-base"> (the public URL's path, read by the app and by
//      boot.js) and the links to the web app manifest, resolved against that base;
//   2. the reference data (data/*.json of the rulebook and the quiz, copied by Trunk) get
//      content-hashed names like Trunk's own files, listed in <meta name="weiquan-data"> for the
//      app (src/ui/reference.rs), so they can be cached for a year like the module;
//   3. sw.js gets the build's version and the list of files to precache (every file of the
//      build: hashed assets, index.html, manifest, icon), so a new deployment changes sw.js
//      and the browser offers it as an update;
//   4. release builds get precompressed copies (.gz, .br) of every compressible file, for
//      nginx's gzip_static / brotli_static.
// Uses only Node's standard library. Environment (set by Trunk): TRUNK_STAGING_DIR,
// TRUNK_PUBLIC_URL, TRUNK_PROFILE.
import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import zlib from "node:zlib";

export const SW_PLACEHOLDER = "self.WEIQUAN_BUILD = null;";
const COMPRESSIBLE = new Set([".html", ".js", ".css", ".wasm", ".svg", ".webmanifest", ".json"]);

/** "/weiquan/" for "/weiquan", "https://intranet/weiquan/" or "/weiquan/"; "/" for the root. */
/** The reference data the app fetches (src/ui/reference.rs); index.html copies each. */
export const DATA_FILES = ["articles.json", "editorial.json", "annotations.json", "synonyms.json", "questions.json"];
export const DATA_META = "weiquan-data";

/** Renames each data file to `name-<16 hex of its SHA-256>.json`; returns the meta's content. */
export function hashDataFiles(dir) {
  const pairs = [];
  for (const name of DATA_FILES) {
    const file = path.join(dir, name);
    if (!fs.existsSync(file)) throw new Error(`${name} is missing from the build: index.html must copy data/${name}`);
    const hash = crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex").slice(0, 16);
    const hashed = name.replace(/\.json$/, `-${hash}.json`);
    fs.renameSync(file, path.join(dir, hashed));
    pairs.push(`${name}=${hashed}`);
  }
  return pairs.join(" ");
}

export function basePath(publicUrl) {
  const p = new URL(publicUrl || "/", "http://localhost").pathname;
  return p.endsWith("/") ? p : `${p}/`;
}

function listFiles(dir, rel = "") {
  const out = [];
  for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...listFiles(dir, r));
    else out.push(r);
  }
  return out.sort();
}

function escapeAttr(s) {
  return s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
}

/** Adds the base meta and the manifest links to index.html (idempotent). */
export function finishIndex(html, base, data = "") {
  const head = [
    `<meta name="weiquan-base" content="${escapeAttr(base)}">`,
    `<meta name="${DATA_META}" content="${escapeAttr(data)}">`,
    `<link rel="manifest" href="${escapeAttr(base)}manifest.webmanifest">`,
  ].join("\n  ");
  if (html.includes('name="weiquan-base"')) return html;
  if (!/<meta charset="utf-8">/i.test(html)) throw new Error("index.html: <meta charset=\"utf-8\"> not found");
  return html.replace(/(<meta charset="utf-8">)/i, `$1\n  ${head}`);
}

/** Writes the build's version and file list into sw.js. */
export function finishServiceWorker(swSource, files, version) {
  if (!swSource.includes(SW_PLACEHOLDER)) throw new Error(`sw.js: the line ${SW_PLACEHOLDER} is missing`);
  const build = JSON.stringify({ version, files });
  return swSource.replace(SW_PLACEHOLDER, `self.WEIQUAN_BUILD = ${build};`);
}

function compress(dir, files) {
  let saved = 0;
  for (const f of files) {
    if (!COMPRESSIBLE.has(path.extname(f))) continue;
    const file = path.join(dir, f);
    const raw = fs.readFileSync(file);
    const gz = zlib.gzipSync(raw, { level: 9 });
    const br = zlib.brotliCompressSync(raw, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
        [zlib.constants.BROTLI_PARAM_MODE]: path.extname(f) === ".wasm"
          ? zlib.constants.BROTLI_MODE_GENERIC : zlib.constants.BROTLI_MODE_TEXT,
      },
    });
    // Only worth a file when smaller; nginx then serves the original.
    if (gz.length < raw.length) fs.writeFileSync(`${file}.gz`, gz);
    if (br.length < raw.length) { fs.writeFileSync(`${file}.br`, br); saved += raw.length - br.length; }
  }
  return saved;
}

export function postBuild({ dir, publicUrl, release }) {
  const base = basePath(publicUrl);
  const data = hashDataFiles(dir);
  const indexFile = path.join(dir, "index.html");
  fs.writeFileSync(indexFile, finishIndex(fs.readFileSync(indexFile, "utf8"), base, data));

  for (const f of fs.readdirSync(dir)) {
    if (f.endsWith(".gz") || f.endsWith(".br")) fs.rmSync(path.join(dir, f));
  }
  const swFile = path.join(dir, "sw.js");
  const files = listFiles(dir).filter((f) => f !== "sw.js");
  const hash = crypto.createHash("sha256");
  for (const f of files) hash.update(f).update("\0").update(fs.readFileSync(path.join(dir, f)));
  const version = hash.digest("hex").slice(0, 16);
  fs.writeFileSync(swFile, finishServiceWorker(fs.readFileSync(swFile, "utf8"), files, version));

  const saved = release ? compress(dir, listFiles(dir)) : 0;
  return { base, version, files: files.length, saved };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.env.TRUNK_STAGING_DIR;
  if (!dir) { console.error("post_build.mjs runs as Trunk's post_build hook (TRUNK_STAGING_DIR unset)"); process.exit(2); }
  const r = postBuild({ dir, publicUrl: process.env.TRUNK_PUBLIC_URL, release: process.env.TRUNK_PROFILE === "release" });
  console.log(`post-build: base ${r.base}, version ${r.version}, ${r.files} files to precache` +
    (r.saved ? `, brotli saves ${r.saved} bytes` : ""));
}
