// Runs the deployment's nginx rules (deploy/nginx.conf, rendered by scripts/deploy_conf.mjs for
// the dist/ under test) in a real nginx on loopback, for tests/e2e/deploy.test.mjs. nginx and
// its brotli_static module come from Debian (scripts/setup.sh installs them when missing).
import fs from "node:fs";
import os from "node:os";
import net from "node:net";
import path from "node:path";
import { spawn } from "node:child_process";
import { renderNginx, appLocations, csp } from "../../scripts/deploy_conf.mjs";

const NGINX = ["/usr/sbin/nginx", "/usr/bin/nginx"].find((p) => fs.existsSync(p));
const BROTLI = "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so";

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on("error", reject);
    s.listen(0, "127.0.0.1", () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

async function waitForPort(port, child, log) {
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) break;
    const ok = await new Promise((resolve) => {
      const c = net.connect(port, "127.0.0.1", () => { c.end(); resolve(true); });
      c.on("error", () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`nginx did not start:\n${fs.existsSync(log) ? fs.readFileSync(log, "utf8") : ""}`);
}

/** Serves `dist` under `base` with the rendered configuration; resolves to { url, close, config }. */
export async function serveWithNginx({ dist, base }) {
  if (!NGINX) throw new Error("nginx is not installed: run `make setup` (Debian packages nginx, libnginx-mod-http-brotli-static)");
  if (!fs.existsSync(BROTLI)) throw new Error(`nginx's brotli_static module is missing (${BROTLI}): run \`make setup\``);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "weiquan-nginx-"));
  const docroot = path.join(dir, "www");
  fs.mkdirSync(docroot);
  // The files of dist/ go to <docroot><base>, as the rendered configuration says.
  const appDir = path.join(docroot, base);
  fs.mkdirSync(path.dirname(appDir.replace(/\/$/, "")), { recursive: true });
  fs.symlinkSync(dist, appDir.replace(/\/$/, ""));
  const template = fs.readFileSync(new URL("../../deploy/nginx.conf", import.meta.url), "utf8");
  const policy = csp(fs.readFileSync(path.join(dist, "index.html"), "utf8"));
  const rendered = renderNginx({ template, base, docroot, policy });
  const port = await freePort();
  const log = path.join(dir, "error.log");
  const config = `load_module ${BROTLI};
${process.getuid?.() === 0 ? "user root root;" : ""}
daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${log} warn;
events { worker_connections 256; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log ${dir}/access.log;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  sendfile on;
  server {
    listen 127.0.0.1:${port};
    server_name localhost;
${appLocations(rendered)}
  }
}
`;
  fs.writeFileSync(path.join(dir, "nginx.conf"), config);
  const child = spawn(NGINX, ["-p", dir, "-c", path.join(dir, "nginx.conf")], { stdio: "ignore" });
  await waitForPort(port, child, log);
  return {
    url: `http://127.0.0.1:${port}${base}`,
    config: rendered,
    cspReports: [],
    errorLog: () => (fs.existsSync(log) ? fs.readFileSync(log, "utf8") : ""),
    close: () => new Promise((resolve) => {
      if (child.exitCode !== null) { resolve(); return; }
      child.once("exit", () => { fs.rmSync(dir, { recursive: true, force: true }); resolve(); });
      child.kill("SIGQUIT");
    }),
  };
}
