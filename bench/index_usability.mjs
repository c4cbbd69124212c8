#!/usr/bin/env node
// bench/index_usability.mjs — "the site stays usable at 10,000" (issue 6): weight of index.html
// and response time of its instant search, per keystroke, in headless Chromium.
//
//   node bench/index_usability.mjs --site DIR [--json OUT] [--rounds N] [--gap MS]
//                                   [--only-http | --only-file] [--chromium PATH] [--trace]
//
// DIR is a folder built by `synergies build --root CORPUS -o DIR`. The site is opened over HTTP
// (a tiny node:http server on 127.0.0.1) and over file:// (it must work from a network share).
// playwright-core is resolved from tests/browser/node_modules: no npm install needed here.
//
// Latency of one action (keystroke, filter choice, click) = the first event's timeStamp
// (keydown / pointerdown / input) -> the end of the task that follows the next frame after the
// last input / change / click (rAF, then a MessageChannel message), i.e. the rows the reader
// sees are updated and painted. Event Timing entries (>= 16 ms only, rounded to 8 ms) are
// reported alongside, with CDP Performance.getMetrics deltas per action (script, style, layout
// of the main thread) and, with --trace, a Chromium trace of the first base summarised as the
// renderer main thread's self time by kind (HTML parsing, script, style, layout, paint, GC).
// recherche.js writes the first rows of the table at once and, on a slow computer, the others
// (up to 200) a batch per frame once typing pauses, with aria-busy on the table meanwhile: the
// time until the table is complete (aria-busy gone) after each step is reported apart.
// What prepares an action (focusing the search box or a select, which may scroll the page; Ctrl+A
// before clearing) is followed by the same --gap as the actions: a reader's next key does not
// land within the frame that scrolled, and the action is measured from a page at rest.
// Exit code: 0 target met, 1 not met, 2 usage error, 3 crash.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(HERE, '..', 'tests', 'browser', 'package.json'));
const { chromium } = require('playwright-core');

const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const TARGET_MS = 50;
const ACTION_TIMEOUT_MS = 60_000;
const SETTLE_MS = 400; // > recherche.js DEBOUNCE_MS (250): the live region is updated in between
// One round of actions, repeated --rounds times on the same page.
const ROUND = [
  ['type', 'formation'], ['next-button'], ['clear-query'], ['select', '#filtre-statut'],
  ['type', 'marchés publics'], ['select', '#filtre-domaine'], ['clear-button'],
];
const MIME = { '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.csv': 'text/csv; charset=utf-8' };
const METRICS = ['TaskDuration', 'ScriptDuration', 'RecalcStyleDuration', 'LayoutDuration'];

function parseArgs(argv) {
  const o = { site: null, json: null, rounds: 2, gap: 120, http: true, file: true, exe: '/usr/bin/chromium' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i], val = () => argv[++i] ?? die(`${a} needs a value`);
    if (a === '--site') o.site = path.resolve(val());
    else if (a === '--json') o.json = path.resolve(val());
    else if (a === '--rounds') o.rounds = Math.max(1, +val());
    else if (a === '--gap') o.gap = +val();
    else if (a === '--only-http') o.file = false;
    else if (a === '--only-file') o.http = false;
    else if (a === '--chromium') o.exe = val();
    else if (a === '--trace') o.trace = true;
    else die(`unknown argument ${a}`);
  }
  if (!o.site || !fs.existsSync(path.join(o.site, 'index.html'))) die('--site DIR (holding index.html) is required');
  return o;
}
function die(msg) { console.error(`index_usability: ${msg}`); process.exit(2); }

/** Static server for DIR at the root of 127.0.0.1:PORT, with correct content types. */
function serve(dir) {
  const server = http.createServer((req, res) => {
    let rel;
    try { rel = decodeURIComponent(new URL(req.url, 'http://x').pathname).replace(/^\/+/, ''); } catch { rel = '\0'; }
    const file = path.resolve(dir, rel || 'index.html');
    let st = null;
    try { if (file.startsWith(dir + path.sep) && !rel.includes('\0')) st = fs.statSync(file); } catch { /* 404 */ }
    if (!st || !st.isFile()) { res.writeHead(404); res.end(); return; }
    res.writeHead(200, { 'content-type': MIME[path.extname(file)] || 'application/octet-stream',
      'content-length': st.size, 'cache-control': 'no-store' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((ok, ko) => { server.on('error', ko); server.listen(0, '127.0.0.1', () => ok(server)); });
}

// Installed before any page script: observers and the per-action probes.
function probe() {
  const U = (window.__usab = { cur: null, events: [], ready: null });
  const keep = (list, map) => (l) => { for (const e of l.getEntries()) list.push(map(e)); };
  try {
    new PerformanceObserver(keep(U.events, (e) => ({ name: e.name, start: e.startTime, duration: e.duration })))
      .observe({ type: 'event', durationThreshold: 16, buffered: true });
  } catch { U.noEventTiming = true; }
  // Search ready = recherche.js has initialised: it un-hides the form as its last step.
  const mo = new MutationObserver(() => {
    const f = document.getElementById('recherche');
    if (f && !f.hidden) { U.ready = performance.now(); mo.disconnect(); }
  });
  mo.observe(document, { attributes: true, attributeFilter: ['hidden'], subtree: true });
  // The table is complete when recherche.js takes aria-busy off it.
  U.unbusy = null;
  new MutationObserver(() => {
    const t = document.getElementById('registre');
    if (t && !t.hasAttribute('aria-busy')) U.unbusy = performance.now();
  }).observe(document, { attributes: true, attributeFilter: ['aria-busy'], subtree: true });
  // One action at a time: U.done resolves once its last marker has run (no polling).
  U.arm = (label) => {
    U.cur = { label, start: null, handler: 0, end: null, pending: 0, t: 0 };
    U.done = new Promise((resolve) => { U.resolve = resolve; });
  };
  for (const type of ['keydown', 'pointerdown', 'input', 'change', 'click']) {
    addEventListener(type, (e) => {
      const a = U.cur;
      if (!a) return;
      if (a.start === null) a.start = e.timeStamp;
      if (type === 'keydown' || type === 'pointerdown') return;
      a.t = performance.now();
      if (a.t0 === undefined) a.t0 = a.t; // start of the first handler: the input delay ends here
      a.pending++;
      // After the next frame (style, layout, paint of the updated rows), the next task.
      requestAnimationFrame(() => {
        const ch = new MessageChannel();
        ch.port1.onmessage = () => { a.end = performance.now(); if (--a.pending === 0) U.resolve(true); };
        ch.port2.postMessage(0);
      });
    }, true);
    // Bubble phase on window: after the page's own listeners (on the form or the button).
    if (type !== 'keydown' && type !== 'pointerdown') {
      addEventListener(type, () => { if (U.cur && U.cur.t) U.cur.handler += performance.now() - U.cur.t; });
    }
  }
}

// Trace events of the renderer main thread, by kind (names of the DevTools timeline).
const KIND_OF = { ParseHTML: 'HTML parsing', EvaluateScript: 'script', 'v8.compile': 'script', FunctionCall: 'script',
  EventDispatch: 'script', TimerFire: 'script', FireAnimationFrame: 'script', RunMicrotasks: 'script',
  'v8.evaluateModule': 'script', UpdateLayoutTree: 'style', Layout: 'layout', PrePaint: 'paint', Paint: 'paint',
  Layerize: 'paint', UpdateLayer: 'paint', Commit: 'paint', MajorGC: 'GC', MinorGC: 'GC', 'V8.GC_MC_INCREMENTAL': 'GC' };
const KINDS = ['HTML parsing', 'script', 'style', 'layout', 'paint', 'GC', 'other'];

/** Self time (ms) of the CrRendererMain threads' complete events, by kind. */
function summariseTrace(buffer) {
  const events = JSON.parse(buffer).traceEvents;
  const main = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args.name === 'CrRendererMain')
    .map((e) => `${e.pid}:${e.tid}`));
  const list = events.filter((e) => e.ph === 'X' && e.dur != null && main.has(`${e.pid}:${e.tid}`))
    .sort((a, b) => a.pid - b.pid || a.tid - b.tid || a.ts - b.ts || b.dur - a.dur);
  const out = {}, stack = [];
  for (const e of list) {
    while (stack.length && (stack.at(-1).pid !== e.pid || stack.at(-1).tid !== e.tid
      || stack.at(-1).ts + stack.at(-1).dur <= e.ts)) stack.pop();
    const parent = stack.at(-1);
    // An unclassified event (RunTask, ...) counts as its parent's kind, `other` at the top level.
    e.kind = KIND_OF[e.name] || (parent ? parent.kind : 'other');
    out[e.kind] = (out[e.kind] || 0) + e.dur / 1000;
    if (parent) out[parent.kind] -= e.dur / 1000; // self time
    stack.push(e);
  }
  return out;
}

async function metrics(cdp) {
  const { metrics: m } = await cdp.send('Performance.getMetrics'); // seconds, cumulated
  return Object.fromEntries(m.filter((x) => METRICS.includes(x.name)).map((x) => [x.name, x.value * 1000]));
}
const diff = (b, a) => Object.fromEntries(METRICS.map((k) => [k, b[k] - a[k]]));

/** Runs one action and returns its measurements. */
async function act(page, cdp, o, kind, label, fn) {
  const m0 = await metrics(cdp);
  await page.evaluate((l) => window.__usab.arm(l), label);
  await fn();
  const timedOut = !(await page.evaluate((t) => Promise.race([window.__usab.done,
    new Promise((r) => setTimeout(() => r(false), t))]), ACTION_TIMEOUT_MS));
  const m1 = await metrics(cdp);
  const a = await page.evaluate(() => {
    const U = window.__usab, a = U.cur;
    U.cur = null;
    return { ...a, rows: document.querySelectorAll('#registre tbody tr:not([hidden])').length }; // rows in the table
  });
  await page.waitForTimeout(o.gap);
  return { kind, label: a.label, start: a.start, end: a.end, latency: timedOut ? null : a.end - a.start,
    delay: a.t0 - a.start, handler: a.handler, rows: a.rows, cdp: diff(m1, m0) };
}

async function measureBase(browser, o, base, tracing) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const errors = [];
  try {
    await ctx.addInitScript(probe);
    const page = await ctx.newPage();
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    const urls = new Set();
    page.on('requestfinished', (r) => urls.add(r.url()));
    const cdp = await ctx.newCDPSession(page);
    await cdp.send('Performance.enable');
    const m0 = await metrics(cdp);
    const trace = {}, TRACE = { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute'] };
    if (tracing) await browser.startTracing(page, TRACE);
    await page.goto(base, { waitUntil: 'load', timeout: 120_000 });
    const polled = !(await page.evaluate(() => window.__usab.ready));
    if (polled) { // fallback: poll the form
      await page.waitForFunction(() => !document.getElementById('recherche').hidden, null, { timeout: 60_000 });
      await page.evaluate(() => { window.__usab.ready = performance.now(); });
    }
    const loadCdp = diff(await metrics(cdp), m0);
    const raw = Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((x) => [x.name, x.value]));
    if (tracing) trace['load, until search ready'] = summariseTrace(await browser.stopTracing());
    const load = await page.evaluate(() => {
      const n = performance.getEntriesByType('navigation')[0];
      const fcp = performance.getEntriesByName('first-contentful-paint')[0];
      return { domInteractive: n.domInteractive, dcl: n.domContentLoadedEventEnd,
        load: n.loadEventEnd, fcp: fcp ? fcp.startTime : null, ready: window.__usab.ready,
        fiches: (window.SYNERGIES_RECHERCHE?.fiches || []).length,
        rows: document.querySelectorAll('#registre tbody tr[data-id]').length,
        noEventTiming: !!window.__usab.noEventTiming };
    });
    // Weight: bytes on disk of index.html and of every resource the page loaded.
    const toFile = (u) => (u.startsWith('file:') ? fileURLToPath(u) : path.join(o.site, decodeURIComponent(new URL(u).pathname)));
    const resources = [...urls].map((u) => ({ url: u, bytes: fs.statSync(toFile(u.split('#')[0])).size }));
    await page.waitForTimeout(SETTLE_MS);

    if (tracing) await browser.startTracing(page, TRACE);
    const actions = [];
    for (let r = 0; r < o.rounds; r++) {
      for (const [what, arg] of ROUND) {
        if (what === 'type') {
          await page.click('#recherche-q');
          await page.waitForTimeout(o.gap);
          for (const ch of arg) actions.push(await act(page, cdp, o, 'keystroke', `${arg} [${ch}]`, () => page.keyboard.type(ch)));
        } else if (what === 'select') {
          await page.focus(arg); // ArrowDown on a closed <select>: the next option (Linux/Windows)
          await page.waitForTimeout(o.gap);
          actions.push(await act(page, cdp, o, 'keystroke', `${arg} ArrowDown`, () => page.keyboard.press('ArrowDown')));
        } else if (what === 'next-button') {
          // « Afficher les 200 synergies suivantes », when there are more matches than rows.
          if (await page.locator('#registre-suite:not([hidden]) button').count()) {
            actions.push(await act(page, cdp, o, 'next', '« Afficher les … suivantes » click', () => page.click('#registre-suite button')));
          }
        } else if (what === 'clear-query') {
          await page.focus('#recherche-q');
          await page.keyboard.press('Control+A');
          await page.waitForTimeout(o.gap);
          actions.push(await act(page, cdp, o, 'clear', 'query: Backspace', () => page.keyboard.press('Backspace')));
        } else {
          actions.push(await act(page, cdp, o, 'click', '« Effacer les filtres »', () => page.click('#recherche-effacer')));
        }
        await page.waitForTimeout(SETTLE_MS);
        // Until every row of the table is written (after the typing pause): from the step's
        // last action.
        const last = actions.at(-1);
        const unbusy = await page.evaluate((t) => new Promise((resolve) => {
          const t0 = performance.now();
          const poll = () => {
            if (!document.getElementById('registre')?.hasAttribute('aria-busy')) resolve(window.__usab.unbusy);
            else if (performance.now() - t0 > t) resolve(-1);
            else setTimeout(poll, 20);
          };
          poll();
        }), ACTION_TIMEOUT_MS);
        if (last && unbusy !== null && unbusy > last.start) last.complete = unbusy === -1 ? Infinity : unbusy - last.start;
      }
    }
    if (tracing) trace[`${actions.length} actions, with pauses`] = summariseTrace(await browser.stopTracing());
    // Event Timing entries arrive after the frame is presented: match them to the actions at the end.
    const events = await page.evaluate(() => window.__usab.events);
    for (const a of actions) {
      a.eventTiming = Math.max(0, ...events.filter((x) => x.start >= a.start - 1 && x.start <= (a.end ?? Infinity))
        .map((x) => x.duration)) || null;
    }
    return { base, load, loadCdp, memory: { jsHeapUsed: raw.JSHeapUsedSize, nodes: raw.Nodes }, polled, resources, actions, errors, trace: tracing ? trace : null };
  } finally {
    await ctx.close();
  }
}

// ------------------------------------------------------------------ report
const median = (a) => { const s = [...a].sort((x, y) => x - y); return s.length ? (s[(s.length - 1) >> 1] + s[s.length >> 1]) / 2 : NaN; };
const ms = (x) => (x == null || Number.isNaN(x) ? '—' : x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(x < 10 ? 1 : 0)} ms`);
const size = (b) => (b >= 1 << 20 ? `${(b / (1 << 20)).toFixed(1)} MiB` : `${(b / 1024).toFixed(1)} KiB`) + ` (${b.toLocaleString('en')} B)`;
const lat = (acts) => acts.map((a) => a.latency ?? Infinity);
const sumCdp = (acts) => METRICS.map((k) => acts.reduce((s, a) => s + a.cdp[k], 0));

function summarise(res) {
  const keys = res.actions.filter((a) => a.kind !== 'click' && a.kind !== 'next'); // every keyboard action, clearing included
  const pick = (k) => res.actions.filter((a) => a.kind === k);
  const total = res.resources.reduce((s, r) => s + r.bytes, 0);
  const html = res.resources.find((r) => /\/index\.html$/.test(r.url.split('#')[0]))?.bytes ?? 0;
  const data = res.resources.find((r) => /recherche-donnees\.js$/.test(r.url))?.bytes ?? 0;
  return { total, html, data, keys, typing: pick('keystroke'), clear: pick('clear'), click: pick('click'), next: pick('next'),
    over: keys.filter((a) => !(a.latency <= TARGET_MS)).length };
}

function report(o, results, chromeVersion) {
  const cols = results.map((r) => (r.base.startsWith('file:') ? 'file://' : 'HTTP'));
  const S = results.map(summarise);
  const row = (name, f) => `| ${name} | ${results.map((r, i) => f(r, S[i])).join(' | ')} |`;
  const mm = (acts) => `${ms(median(lat(acts)))} / ${ms(Math.max(...lat(acts)))}`;
  const L = [];
  L.push(`## Index page in Chromium (${results[0].load.fiches.toLocaleString('en')} fiches)`, '');
  L.push(`Site \`${o.site}\`, Chromium ${chromeVersion} headless, ${o.rounds} round(s) of: type « formation », clear it (Backspace), `
    + `choose a statut (ArrowDown), type « marchés publics », choose a domaine, click « Effacer les filtres »; ${o.gap} ms between actions, and after what prepares one (focusing the box or a select, Ctrl+A). `
    + 'Before clearing « formation », « Afficher les 200 synergies suivantes » is clicked once (reported apart from keystrokes). '
    + `${os.cpus().length} CPUs, load average ${os.loadavg().map((x) => x.toFixed(2)).join(', ')} at the end: a shared machine, expect noise.`, '');
  L.push(`| | ${cols.join(' | ')} |`, `|---|${cols.map(() => '---:').join('|')}|`);
  L.push(row('index.html', (r, s) => size(s.html)));
  L.push(row('assets/recherche-donnees.js', (r, s) => size(s.data)));
  L.push(row('total page weight', (r, s) => `${size(s.total)}, ${r.resources.length} files`));
  L.push(row('first contentful paint', (r) => ms(r.load.fcp)));
  L.push(row('HTML parsed (domInteractive)', (r) => ms(r.load.domInteractive)));
  L.push(row('DOMContentLoaded', (r) => ms(r.load.dcl)));
  L.push(row('load event', (r) => ms(r.load.load)));
  L.push(row('search ready (form shown)', (r) => ms(r.load.ready) + (r.polled ? ' (polled)' : '')));
  L.push(row('rows in the table after load', (r) => r.load.rows.toLocaleString('en')));
  L.push(row('JS heap used / DOM nodes after load', (r) => `${(r.memory.jsHeapUsed / (1 << 20)).toFixed(0)} MiB / ${r.memory.nodes.toLocaleString('en')}`));
  L.push(row('keystroke latency median / max (typing, filters)', (r, s) => `${mm(s.typing)} (${s.typing.length})`));
  L.push(row('keystroke input delay (main thread busy) median / max', (r, s) => `${ms(median(s.typing.map((a) => a.delay)))} / ${ms(Math.max(...s.typing.map((a) => a.delay)))}`));
  L.push(row('keystroke handler (JS) median / max', (r, s) => `${ms(median(s.typing.map((a) => a.handler)))} / ${ms(Math.max(...s.typing.map((a) => a.handler)))}`));
  L.push(row('Event Timing max (≥ 16 ms reported)', (r, s) => ms(Math.max(0, ...s.keys.map((a) => a.eventTiming ?? 0)) || null)));
  L.push(row('clearing the query (Backspace → all rows) median / max', (r, s) => mm(s.clear)));
  L.push(row('« Effacer les filtres » click median / max', (r, s) => mm(s.click)));
  L.push(row('« Afficher les … suivantes » click (+200 rows) median / max', (r, s) => (s.next.length ? `${mm(s.next)} (${s.next.length})` : '—')));
  L.push(row('table complete (all its rows written, typing pause included) median / max', (r) => {
    const c = r.actions.filter((a) => a.complete != null).map((a) => a.complete);
    return c.length ? `${ms(median(c))} / ${ms(Math.max(...c))} (${c.length})` : '—';
  }));
  L.push(row(`keystrokes > ${TARGET_MS} ms (clearing included)`, (r, s) => `${s.over} of ${s.keys.length}`));
  L.push(row(`target: no keystroke > ${TARGET_MS} ms`, (r, s) => (s.over ? '**not met**' : '**met**')));
  L.push('', `### Where the main thread's time goes (${cols[0]}, CDP Performance.getMetrics, sums)`, '');
  L.push('| phase | wall | task | script | style | layout | other (HTML parsing, paint, GC, idle tasks…) |', '|---|---:|---:|---:|---:|---:|---:|');
  const r0 = results[0], s0 = S[0];
  const line = (name, wall, v) => L.push(`| ${name} | ${ms(wall)} | ${v.map(ms).join(' | ')} | ${ms(v[0] - v[1] - v[2] - v[3])} |`);
  line('load, until search ready', r0.load.ready, METRICS.map((k) => r0.loadCdp[k]));
  const wall = (acts) => acts.reduce((t, a) => t + (a.latency ?? 0), 0);
  line(`${s0.typing.length} keystrokes`, wall(s0.typing), sumCdp(s0.typing));
  line(`${s0.clear.length + s0.click.length} clearings`, wall([...s0.clear, ...s0.click]), sumCdp([...s0.clear, ...s0.click]));
  if (s0.next.length) line(`${s0.next.length} « Afficher les … suivantes » clicks`, wall(s0.next), sumCdp(s0.next));
  if (r0.trace) {
    L.push('', `Chromium trace (${cols[0]}): self time of the renderer main thread, by kind (tracing slows this base down)`, '');
    L.push(`| phase | ${KINDS.join(' | ')} |`, `|---|${KINDS.map(() => '---:').join('|')}|`);
    for (const [ph, t] of Object.entries(r0.trace)) L.push(`| ${ph} | ${KINDS.map((k) => ms(t[k] || 0)).join(' | ')} |`);
  }
  const slow = [...r0.actions].sort((a, b) => (b.latency ?? 1e9) - (a.latency ?? 1e9)).slice(0, 5);
  L.push('', `Slowest actions (${cols[0]}; script / style / layout from CDP metrics, the rest is mostly paint):`, '');
  for (const a of slow) {
    L.push(`- ${a.label}: ${ms(a.latency)}, ${a.rows.toLocaleString('en')} rows shown (input delay ${ms(a.delay)}, handler ${ms(a.handler)}; `
      + `script ${ms(a.cdp.ScriptDuration)}, style ${ms(a.cdp.RecalcStyleDuration)}, layout ${ms(a.cdp.LayoutDuration)}, main-thread tasks ${ms(a.cdp.TaskDuration)})`);
  }
  for (const r of results) if (r.errors.length) L.push('', `Errors on ${r.base}: ${r.errors.slice(0, 5).join('; ')}`);
  if (results.some((r) => r.load.noEventTiming)) L.push('', 'Event Timing is unavailable in this Chromium.');
  return L.join('\n');
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  o.site = fs.realpathSync(o.site);
  let server = null, browser = null;
  try {
    if (o.http) server = await serve(o.site);
    const bases = [...(o.http ? [`http://127.0.0.1:${server.address().port}/index.html`] : []),
      ...(o.file ? [pathToFileURL(path.join(o.site, 'index.html')).href] : [])];
    browser = await chromium.launch({ executablePath: o.exe, headless: true, args: ARGS, timeout: 60_000 });
    const results = [];
    for (const [i, b] of bases.entries()) {
      console.error(`index_usability: measuring ${b}`);
      results.push(await measureBase(browser, o, b, o.trace && i === 0)); // trace the first base only
    }
    console.log(report(o, results, browser.version()));
    if (o.json) fs.writeFileSync(o.json, JSON.stringify({ site: o.site, chromium: browser.version(), results }, null, 1));
    return results.some((r) => summarise(r).over > 0) ? 1 : 0;
  } finally {
    if (browser) await browser.close().catch(() => {});
    if (server) server.close();
  }
}

main().then((code) => process.exit(code), (e) => { console.error(`index_usability: ${e.stack || e}`); process.exit(3); });
