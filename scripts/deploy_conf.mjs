// The deployment's HTTP rules in one place: the Content-Security-Policy of a build (with the
// sha256 of every inline <script> of its index.html, i.e. Trunk's loader), the security
// headers, and the nginx configuration rendered from deploy/nginx.conf. Used by
// scripts/dist.sh (writes dist-deploy/weiquan.nginx.conf), tests/e2e/server.mjs and
// tests/e2e/deploy.test.mjs (runs the rendered rules in a real nginx).
//   node scripts/deploy_conf.mjs <dist dir> <base> <docroot> <output file>
import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";

export const ROOT = path.resolve(new URL("..", import.meta.url).pathname);

/** The sha256 CSP sources of every inline <script> in index.html. */
export function inlineScriptHashes(html) {
  const hashes = [];
  for (const m of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)) {
    hashes.push(`'sha256-${crypto.createHash("sha256").update(m[1], "utf8").digest("base64")}'`);
  }
  return hashes;
}

/** The Content-Security-Policy for a build's index.html; `reportUri` only for tests. */
export function csp(html, { reportUri } = {}) {
  return [
    "default-src 'self'",
    `script-src 'self' 'wasm-unsafe-eval' ${inlineScriptHashes(html).join(" ")}`.trim(),
    "style-src 'self'",
    "img-src 'self' blob: data:",
    "connect-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(reportUri ? [`report-uri ${reportUri}`] : []),
  ].join("; ");
}

/** Every response's security headers besides the CSP and caching. */
export const SECURITY_HEADERS = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
  "X-Frame-Options": "DENY",
  "Cross-Origin-Opener-Policy": "same-origin",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
  "Strict-Transport-Security": "max-age=31536000",
};

/** "/weiquan/" → "/weiquan/"; "weiquan" → "/weiquan/"; "" → "/". */
export function normalizeBase(base) {
  const trimmed = String(base || "").replace(/^\/+|\/+$/g, "");
  return trimmed ? `/${trimmed}/` : "/";
}

/** deploy/nginx.conf with its placeholders filled in. */
export function renderNginx({ template, base, docroot, policy }) {
  const b = normalizeBase(base);
  const headers = [
    `add_header Content-Security-Policy "${policy}" always;`,
    ...Object.entries(SECURITY_HEADERS).map(([k, v]) => `add_header ${k} "${v}" always;`),
  ];
  const lines = [
    `# 维权工作台 nginx configuration for base ${b}, rendered from deploy/nginx.conf for one build`,
    "# (its CSP names that build's inline loader script): render it again with every new build.",
  ];
  const body = template.split("\n");
  body.splice(0, body.indexOf(""));
  for (const line of body) {
    if (line.includes("@BASE_NO_SLASH@") && b === "/") continue;
    const indent = line.match(/^\s*/)[0];
    if (line.trim() === "@HEADERS@") { lines.push(...headers.map((h) => indent + h)); continue; }
    lines.push(line
      .replaceAll("@BASE_NO_SLASH@", b.slice(0, -1))
      .replaceAll("@BASE_RE@", b.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
      .replaceAll("@BASE@", b)
      .replaceAll("@DOCROOT@", docroot.replace(/\/+$/, "")));
  }
  const out = lines.join("\n");
  const left = out.match(/@[A-Z_]+@/);
  if (left) throw new Error(`deploy/nginx.conf: unknown placeholder ${left[0]}`);
  return out;
}

/** The part of a rendered configuration between the "weiquan" markers. */
export function appLocations(rendered) {
  const m = rendered.match(/# --- weiquan: begin[^\n]*\n([\s\S]*?)\n\s*# --- weiquan: end/);
  if (!m) throw new Error("nginx configuration: the weiquan markers are missing");
  return m[1];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dist, base, docroot, out] = process.argv.slice(2);
  if (!out) { console.error("usage: node scripts/deploy_conf.mjs <dist> <base> <docroot> <output>"); process.exit(2); }
  const html = fs.readFileSync(path.join(dist, "index.html"), "utf8");
  const template = fs.readFileSync(path.join(ROOT, "deploy", "nginx.conf"), "utf8");
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, renderNginx({ template, base, docroot, policy: csp(html) }));
}
