// Static server for the end-to-end tests: serves dist/ on loopback by the rules of
// deploy/nginx.conf (SPA fallback to index.html, 404 for a missing file, the security headers
// and strict Content-Security-Policy of scripts/deploy_conf.mjs with the hash of Trunk's inline
// loader, never 'unsafe-inline'; hashed files cached for a year, the rest revalidated), plus a
// CSP report endpoint. It serves the uncompressed files; tests/e2e/deploy.test.mjs runs the
// real nginx with the precompressed ones. Also usable by hand: node tests/e2e/server.mjs.
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { csp as policyFor, SECURITY_HEADERS } from "../../scripts/deploy_conf.mjs";

const TYPES = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm", ".css": "text/css; charset=utf-8", ".svg": "image/svg+xml",
  ".json": "application/json", ".png": "image/png", ".ico": "image/x-icon",
  ".webmanifest": "application/manifest+json",
};

/** Names with a content hash (Trunk's filehash): cached for a year, as in deploy/nginx.conf. */
const HASHED = /^[^/]+-[0-9a-f]{16}(_bg)?\.(js|css|wasm|svg)$/;

export { inlineScriptHashes } from "../../scripts/deploy_conf.mjs";
export function csp(html) {
  return policyFor(html, { reportUri: "/__csp-report" });
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
    if (base !== "/" && url.pathname === base.slice(0, -1)) {
      res.writeHead(301, { Location: base }); res.end(); return;
    }
    if (!url.pathname.startsWith(base)) { res.writeHead(404); res.end(); return; }
    const rel = decodeURIComponent(url.pathname.slice(base.length));
    const file = path.normalize(path.join(root, rel));
    const headers = {
      "Content-Security-Policy": policy, ...SECURITY_HEADERS,
      "Cache-Control": HASHED.test(rel) ? "public, max-age=31536000, immutable" : "no-cache",
    };
    if (file.startsWith(root) && rel && fs.existsSync(file) && fs.statSync(file).isFile()) {
      res.writeHead(200, { ...headers, "Content-Type": TYPES[path.extname(file)] || "application/octet-stream" });
      fs.createReadStream(file).pipe(res);
    } else if (path.extname(rel) && rel !== "index.html") {
      res.writeHead(404, headers); res.end("not found");
    } else {
      res.writeHead(200, { ...headers, "Cache-Control": "no-cache", "Content-Type": TYPES[".html"] });
      res.end(indexHtml);
    }
  });
  return new Promise((resolve) => {
    server.listen(port, "127.0.0.1", () => {
      const { port: p } = server.address();
      resolve({
        url: `http://127.0.0.1:${p}${base}`, cspReports,
        close: () => { server.close(); server.closeAllConnections(); },
      });
    });
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = path.resolve(process.argv[2] || "dist");
  const port = Number(process.env.PORT || 8080);
  serve({ root, port }).then(({ url }) => console.log(`serving ${root} at ${url}`));
}
