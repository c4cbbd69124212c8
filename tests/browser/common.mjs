// common.mjs — what the browser checks share: where their tools are, how Chromium is started,
// the prerequisites, and the static server that serves a built site under a sub-folder.
// Node's own modules only: it loads before `npm ci` was run, to say that it must be.

import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const HERE = path.dirname(fileURLToPath(import.meta.url));
export const NODE_MODULES = path.join(HERE, 'node_modules');
export const VNU_JAR = path.join(NODE_MODULES, 'vnu-jar', 'build', 'dist', 'vnu.jar');
export const AXE_JS = path.join(NODE_MODULES, 'axe-core', 'axe.min.js');
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/**
 * What a check needs: playwright-core, Debian's Chromium (CHROMIUM_PATH), axe-core when `axe`,
 * the Nu checker and Java (JAVA) when `vnu`. Returns what is missing, and the tools.
 */
export async function prerequisites({ axe = true, vnu = false } = {}) {
  const missing = [];
  let chromium = null;
  const exe = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!fs.existsSync(NODE_MODULES)) {
    missing.push(`${NODE_MODULES} is missing: run \`npm ci\` in ${HERE}`);
  } else {
    try { ({ chromium } = await import('playwright-core')); }
    catch (e) { missing.push(`cannot load playwright-core (${e.message.split('\n')[0]}): run \`npm ci\` in ${HERE}`); }
    if (axe && !fs.existsSync(AXE_JS)) missing.push(`${AXE_JS} is missing: run \`npm ci\` in ${HERE}`);
    if (vnu && !fs.existsSync(VNU_JAR)) missing.push(`${VNU_JAR} is missing: run \`npm ci\` in ${HERE}`);
  }
  if (!fs.existsSync(exe)) missing.push(`${exe} not found: apt-get install chromium chromium-driver (or set CHROMIUM_PATH)`);
  const java = process.env.JAVA || 'java';
  if (vnu) {
    const r = spawnSync(java, ['-version'], { encoding: 'utf8' });
    if (r.error || r.status !== 0) missing.push(`${java} not usable (${r.error ? r.error.message : 'exit ' + r.status}): apt-get install default-jre-headless`);
  }
  return { missing, chromium, exe, java };
}

export const MIME = {
  '.html': 'text/html; charset=utf-8', '.htm': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8', '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif',
  '.webp': 'image/webp', '.avif': 'image/avif', '.ico': 'image/x-icon',
  '.woff': 'font/woff', '.woff2': 'font/woff2', '.ttf': 'font/ttf', '.otf': 'font/otf',
  '.pdf': 'application/pdf', '.webmanifest': 'application/manifest+json',
};

function statOrNull(p) {
  try { return fs.statSync(p); } catch { return null; }
}

/**
 * Serves `siteDir` under `subpath` on 127.0.0.1 (a free port), files only, as an intranet
 * server would: a folder is a 404 (links must name a file). Resolves to the server, its port
 * and the 404s it answered (`{ url, why, referer }`).
 */
export function startServer(siteDir, subpath) {
  const notFound = [];
  const server = http.createServer((req, res) => {
    const send404 = (why) => {
      notFound.push({ url: req.url, why, referer: req.headers.referer || '' });
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : `404 ${why}\n`);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' });
      res.end();
      return;
    }
    let pathname;
    try { pathname = decodeURIComponent(new URL(req.url, 'http://x').pathname); }
    catch { send404('bad URL encoding'); return; }
    if (!pathname.startsWith(subpath)) { send404(`outside ${subpath}`); return; }
    const rel = pathname.slice(subpath.length);
    if (rel === '' || rel.endsWith('/')) { send404('folder (no index served, links must name a file)'); return; }
    if (rel.includes('\0')) { send404('bad path'); return; }
    const file = path.resolve(siteDir, rel);
    if (!file.startsWith(siteDir + path.sep)) { send404('escapes the site'); return; }
    const st = statOrNull(file);
    if (!st) { send404('no such file'); return; }
    if (!st.isFile()) { send404('folder (no index served, links must name a file)'); return; }
    res.writeHead(200, {
      'content-type': MIME[path.extname(file).toLowerCase()] || 'application/octet-stream',
      'content-length': st.size,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    });
    if (req.method === 'HEAD') { res.end(); return; }
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve, reject) => {
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => resolve({ server, port: server.address().port, notFound }));
  });
}
