// Static server for the end-to-end tests: serves dist/ on loopback the way the intranet
// server must (SPA fallback to index.html, strict Content-Security-Policy with the hash of
// Trunk's inline loader, never 'unsafe-inline'). Also usable by hand: node tests/e2e/server.mjs.
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";

const TYPES = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm", ".css": "text/css; charset=utf-8", ".svg": "image/svg+xml",
  ".json": "application/json", ".png": "image/png", ".ico": "image/x-icon",
  ".webmanifest": "application/manifest+json",
};

/** The sha256 CSP sources of every inline <script> in index.html. */
export function inlineScriptHashes(html) {
  const hashes = [];
  for (const m of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)) {
    hashes.push(`'sha256-${crypto.createHash("sha256").update(m[1], "utf8").digest("base64")}'`);
  }
  return hashes;
}

export function csp(html) {
  return [
    "default-src 'self'",
    `script-src 'self' 'wasm-unsafe-eval' ${inlineScriptHashes(html).join(" ")}`.trim(),
    "style-src 'self'",
    "img-src 'self' blob: data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "frame-ancestors 'none'",
    "report-uri /__csp-report",
  ].join("; ");
}

/** Starts the server; resolves to { url, close, cspReports }. */
export function serve({ root, port = 0, base = "/" }) {
  const indexHtml = fs.readFileSync(path.join(root, "index.html"), "utf8");
  const policy = csp(indexHtml);
  const cspReports = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, "http://localhost");
    if (url.pathname === "/__csp-report") {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => { cspReports.push(body); res.writeHead(204); res.end(); });
      return;
    }
    if (!url.pathname.startsWith(base)) { res.writeHead(404); res.end(); return; }
    const rel = decodeURIComponent(url.pathname.slice(base.length));
    const file = path.normalize(path.join(root, rel));
    const headers = {
      "Content-Security-Policy": policy, "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "no-referrer", "Cache-Control": "no-cache",
    };
    if (file.startsWith(root) && rel && fs.existsSync(file) && fs.statSync(file).isFile()) {
      res.writeHead(200, { ...headers, "Content-Type": TYPES[path.extname(file)] || "application/octet-stream" });
      fs.createReadStream(file).pipe(res);
    } else if (path.extname(rel) && rel !== "index.html") {
      res.writeHead(404, headers); res.end("not found");
    } else {
      res.writeHead(200, { ...headers, "Content-Type": TYPES[".html"] });
      res.end(indexHtml);
    }
  });
  return new Promise((resolve) => {
    server.listen(port, "127.0.0.1", () => {
      const { port: p } = server.address();
      resolve({ url: `http://127.0.0.1:${p}${base}`, close: () => server.close(), cspReports });
    });
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = path.resolve(process.argv[2] || "dist");
  const port = Number(process.env.PORT || 8080);
  serve({ root, port }).then(({ url }) => console.log(`serving ${root} at ${url}`));
}
