#!/usr/bin/env node
// search.mjs — browser checks of the instant search and filters of index.html
// (theme/static/recherche.js + assets/recherche-donnees.js) on a built site.
//
//   node search.mjs SITE_DIR [options]
//
// Runs headless Chromium (Debian's /usr/bin/chromium through playwright-core) over file://
// and over HTTP under a sub-folder (its own node:http server on 127.0.0.1). The expected
// results are computed here, independently of the generator, from the root's content/ files
// (front matter and bodies read by a tiny parser), so the checks can fail when the search
// finds too much or too little. The table holds at most PAGE matching rows, in register order
// (the order is computed here too), and a button under it adds the next PAGE: with a root of
// more than PAGE fiches (tests/browser_site.rs generates one) the cap and the button are checked.
//
// Exit codes: 0 every check passed, 1 a check failed (or the harness crashed), 2 usage error,
// 3 prerequisites missing (nothing checked). The last line is `search: N passed, M failed`.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { AXE_JS, AXE_TAGS, CHROMIUM_ARGS, prerequisites, startServer } from './common.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const TIMEOUT_MS = 20_000;
/** Longer than the script's debounce (250 ms), with a margin for a loaded machine. */
const SETTLE_TIMEOUT_MS = 5_000;
const NOT_SET_LABEL = 'Non renseigné';
const FIELDS = [
  // filter name, label of the control, front-matter key
  { name: 'objectifs', label: 'Objectif' },
  { name: 'modes', label: 'Mode opératoire' },
  { name: 'pilote', label: 'Administration pilote' },
  { name: 'responsable', label: 'Responsable administratif' },
  { name: 'statut', label: 'Statut' },
];
const NOTES = ['objectifs_note', 'modes_note', 'pilote_note', 'responsable_note'];
/** Rows of the index's table, written by the generator and added by the button (home::ROWS). */
const PAGE = 200;
/** At most this many rows are written at once by a keystroke; fill() writes the others (recherche.js FIRST_MOST). */
const FIRST_MOST = 100;

const USAGE = `usage: node search.mjs SITE_DIR [options]

options:
  --root DIR     the root the site was built from (holds content/); default: the repository
  --subpath P    HTTP sub-path to serve the site under (default /intranet/synergies/)
  --only-file / --only-http   one base only
  --perf-only    only measure the time per keystroke (over file://)
  --verbose      list passed checks too
  --prereqs      only check that node_modules and chromium are usable (exit 0 or 3)

environment: CHROMIUM_PATH (default /usr/bin/chromium)`;

function usageError(msg) {
  console.error(`search: ${msg}\n\n${USAGE}`);
  process.exit(2);
}

function parseArgs(argv) {
  const o = {
    site: null, root: path.resolve(HERE, '..', '..'), subpath: '/intranet/synergies/',
    file: true, http: true, perfOnly: false, verbose: false, prereqsOnly: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => (i + 1 < argv.length ? argv[++i] : usageError(`${a} needs a value`));
    if (a === '-h' || a === '--help') { console.log(USAGE); process.exit(0); }
    else if (a === '--root') o.root = path.resolve(val());
    else if (a === '--subpath') o.subpath = val();
    else if (a === '--only-file') o.http = false;
    else if (a === '--only-http') o.file = false;
    else if (a === '--perf-only') o.perfOnly = true;
    else if (a === '--verbose' || a === '-v') o.verbose = true;
    else if (a === '--prereqs') o.prereqsOnly = true;
    else if (a.startsWith('-')) usageError(`unknown option ${a}`);
    else if (o.site === null) o.site = path.resolve(a);
    else usageError(`unexpected argument ${a}`);
  }
  if (!o.file && !o.http) usageError('--only-file and --only-http exclude each other');
  if (!o.subpath.startsWith('/')) o.subpath = '/' + o.subpath;
  if (!o.subpath.endsWith('/')) o.subpath += '/';
  if (!o.prereqsOnly && o.site === null) usageError('SITE_DIR is required');
  return o;
}

// ---------------------------------------------------------------- results

const checks = [];
const notes = [];
function check(base, name) {
  const c = { base, name, failures: [] };
  checks.push(c);
  return c;
}
const fail = (c, msg) => { c.failures.push(msg); };

/** Runs `fn(c)` as the check `name`; an exception is one more failure of that check. */
async function run(base, name, fn) {
  const c = check(base, name);
  try { await fn(c); } catch (e) { fail(c, `error: ${String(e && e.message || e).split('\n')[0]}`); }
  return c;
}

// ---------------------------------------------------------------- expected results, from content/

/** Search form of a text — the specification the generator and recherche.js implement. */
function normalise(text) {
  return String(text).normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase()
    .replace(/œ/g, 'oe').replace(/æ/g, 'ae').replace(/ß/g, 'ss')
    .replace(/[^\p{Alphabetic}\p{N}]+/gu, ' ').trim();
}

const slugify = (name) => normalise(name).replace(/ /g, '-') || 'sans-nom';

/** `key = value` lines of TOML front matter: strings, string arrays, bare values. */
function parseFrontMatter(lines, file) {
  const fm = {};
  const strings = (s) => [...s.matchAll(/"((?:[^"\\]|\\.)*)"|'([^']*)'/g)]
    .map((m) => (m[1] !== undefined ? JSON.parse(`"${m[1]}"`) : m[2]));
  for (const line of lines) {
    const t = line.trim();
    if (!t || t.startsWith('#')) continue;
    const m = /^([A-Za-z_]+)\s*=\s*(.*)$/.exec(t);
    if (!m) throw new Error(`${file}: cannot read front-matter line ${JSON.stringify(t)}`);
    const v = m[2].trim();
    if (v.startsWith('[')) fm[m[1]] = strings(v);
    else if (v.startsWith('"') || v.startsWith("'")) fm[m[1]] = strings(v)[0] ?? '';
    else fm[m[1]] = v.replace(/\s+#.*$/, '');
  }
  return fm;
}

function readMarkdown(file) {
  const text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  const lines = text.split(/\r?\n/);
  let i = 0;
  while (i < lines.length && lines[i].trim() === '') i++;
  if (lines[i]?.trim() !== '+++') throw new Error(`${file}: no front matter`);
  const end = lines.findIndex((l, j) => j > i && l.trim() === '+++');
  if (end < 0) throw new Error(`${file}: front matter not closed`);
  return { fm: parseFrontMatter(lines.slice(i + 1, end), file), body: lines.slice(end + 1).join('\n') };
}

/** Plain text of a Markdown body, near enough for whole-word searches: no tags, no link URLs. */
const bodyText = (md) => md.replace(/<[^>]*>/g, ' ').replace(/\]\([^)]*\)/g, ']');

function readContent(root) {
  const dir = path.join(root, 'content');
  const domains = [];
  const fiches = [];
  const folders = fs.readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('.')).map((d) => d.name).sort();
  for (const folder of folders) {
    const slug = slugify(folder);
    const words = folder.replace(/[-_]/g, ' ').trim();
    const domain = { slug, titre: words.charAt(0).toUpperCase() + words.slice(1), ordre: null };
    domains.push(domain);
    const files = fs.readdirSync(path.join(dir, folder), { withFileTypes: true })
      .filter((f) => f.isFile() && f.name.endsWith('.md') && !/^[.~#]/.test(f.name)).map((f) => f.name).sort();
    for (const name of files) {
      const { fm, body } = readMarkdown(path.join(dir, folder, name));
      if (name === '_index.md') {
        if (fm.titre) domain.titre = fm.titre;
        if (fm.ordre !== undefined) domain.ordre = Number(fm.ordre);
        continue;
      }
      const values = {};
      for (const f of FIELDS) {
        const v = fm[f.name];
        values[f.name] = v === undefined ? [] : (Array.isArray(v) ? v : [v]);
      }
      fiches.push({
        id: `${slug}/${slugify(name.replace(/\.md$/, ''))}`, domain, titre: fm.titre || '', values, fm, body,
        ordre: fm.ordre === undefined ? null : Number(fm.ordre),
      });
    }
  }
  // Register order (src/model.rs): domains by `ordre` (none last), title, slug; fiches by
  // domain, `ordre` (none last), title, id. Titles lower-cased, compared as UTF-8 bytes.
  const bytes = (a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b));
  const byOrdre = (a, b) => (a === null) - (b === null) || (a ?? 0) - (b ?? 0);
  domains.sort((a, b) => byOrdre(a.ordre, b.ordre) || bytes(a.titre.toLowerCase(), b.titre.toLowerCase()) || bytes(a.slug, b.slug));
  fiches.sort((a, b) => domains.indexOf(a.domain) - domains.indexOf(b.domain) || byOrdre(a.ordre, b.ordre)
    || bytes(a.titre.toLowerCase(), b.titre.toLowerCase()) || bytes(a.id, b.id));
  for (const f of fiches) {
    const parts = [f.titre, f.domain.titre];
    for (const field of FIELDS) parts.push(...f.values[field.name]);
    for (const n of NOTES) if (f.fm[n]) parts.push(f.fm[n]);
    if (f.fm.economies) parts.push(f.fm.economies);
    parts.push(bodyText(f.body));
    f.haystack = normalise(parts.join('\n'));
  }
  return { domains, fiches };
}

/**
 * The ids of the fiches a query and filters should find, in register order. `filters` maps a
 * filter name to the label chosen in its select (domaine: the domain's title; others: a value
 * or "Non renseigné").
 */
function expectedList(content, q, filters = {}) {
  const words = normalise(q).split(' ').filter(Boolean);
  return content.fiches.filter((f) => {
    for (const [name, label] of Object.entries(filters)) {
      if (name === 'domaine') { if (f.domain.titre !== label) return false; continue; }
      const values = f.values[name];
      if (label === NOT_SET_LABEL ? values.length !== 0 : !values.some((v) => normalise(v) === normalise(label))) return false;
    }
    return words.every((w) => f.haystack.includes(w));
  }).map((f) => f.id);
}

const expectedIds = (content, q, filters = {}) => new Set(expectedList(content, q, filters));

/** 10000 → "10 000", with a narrow no-break space. */
const number = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f');

/** The live region's text: `n` found among `total`, the first `inTable` of them in the table. */
function countText(n, total, inTable = Math.min(n, PAGE)) {
  const text = n === 0 ? `Aucune synergie sur ${number(total)}` : `${number(n)} ${n > 1 ? 'synergies' : 'synergie'} sur ${number(total)}`;
  return inTable < n ? `${text} (les ${number(inTable)} premières sont affichées)` : text;
}

/** The text of the button under the table when `rest` matches are not in it. */
function nextText(rest) {
  if (rest > PAGE) return `Afficher les ${number(PAGE)} synergies suivantes`;
  return rest === 1 ? 'Afficher la dernière synergie' : `Afficher les ${number(rest)} dernières synergies`;
}

/** The rows of the table must be `expected` (ids), in that order. */
function sameRows(c, what, actual, expected) {
  if (!sameSet(c, what, actual, new Set(expected))) return false;
  const wrong = actual.findIndex((id, i) => id !== expected[i]);
  if (wrong >= 0) {
    fail(c, `${what}: row ${wrong + 1} is ${actual[wrong]}, expected ${expected[wrong]} (register order)`);
    return false;
  }
  return true;
}

function sameSet(c, what, actual, expected) {
  const a = new Set(actual);
  const missing = [...expected].filter((x) => !a.has(x));
  const extra = [...a].filter((x) => !expected.has(x));
  if (missing.length || extra.length) {
    fail(c, `${what}: ${a.size} rows shown, ${expected.size} expected` +
      (missing.length ? `; missing ${missing.join(', ')}` : '') + (extra.length ? `; unexpected ${extra.join(', ')}` : ''));
    return false;
  }
  return true;
}

// ---------------------------------------------------------------- server and bases

function makeBase(kind, siteDir, port, subpath) {
  if (kind === 'file') {
    const prefix = pathToFileURL(siteDir).href.replace(/\/?$/, '/');
    return { kind, index: prefix + 'index.html', prefix };
  }
  const prefix = `http://127.0.0.1:${port}${subpath}`;
  return { kind, index: prefix + 'index.html', prefix };
}

// ---------------------------------------------------------------- page helpers

/** A browser context whose pages may only reach the site; errors are collected per base. */
async function newContext(browser, base, errors, options = {}) {
  const ctx = await browser.newContext({ serviceWorkers: 'block', ...options });
  await ctx.route('**/*', (route) => {
    const u = route.request().url();
    if (u.startsWith(base.prefix) || /^(data|blob|about):/.test(u)) return route.continue();
    errors.push(`request outside the site: ${u}`);
    return route.abort('blockedbyclient');
  });
  ctx.on('page', (page) => {
    page.setDefaultTimeout(TIMEOUT_MS);
    page.on('console', (m) => { if (m.type() === 'error') errors.push(`console error on ${page.url()}: ${m.text()}`); });
    page.on('pageerror', (e) => errors.push(`uncaught exception on ${page.url()}: ${e.message.split('\n')[0]}`));
    page.on('response', (r) => { if (r.status() >= 400) errors.push(`HTTP ${r.status()} for ${r.url()}`); });
    page.on('requestfailed', (r) => {
      if (r.url().startsWith(base.prefix)) errors.push(`request failed: ${r.url()} (${r.failure()?.errorText})`);
    });
  });
  return ctx;
}

/** Opens index.html (with an optional hash) and waits for the script to show the form. */
async function openIndex(ctx, base, hash = '') {
  const page = await ctx.newPage();
  await page.goto(base.index + hash, { waitUntil: 'load' });
  await page.waitForFunction(() => {
    const f = document.getElementById('recherche');
    return f && !f.hidden;
  }, null, { timeout: TIMEOUT_MS });
  return page;
}

/**
 * Ids of the rows of the table, in order, once the script has written them all (it writes the
 * first ones at once, the others in the next frames, with aria-busy on the table meanwhile).
 * Every row must be visible: rows are added and removed, never hidden one by one. (A tbody the
 * script has hidden holds rows on their way out, removed a frame later: it is not shown, so
 * its rows are not the table's.) `now`: do not wait.
 */
async function shownIds(page, c, { now = false } = {}) {
  if (!now) {
    await page.waitForFunction(() => !document.getElementById('registre')?.hasAttribute('aria-busy'), null, { timeout: SETTLE_TIMEOUT_MS })
      .catch(() => fail(c, 'the table is still aria-busy: its rows were not all written'));
  }
  const rows = await page.evaluate(() => [...document.querySelectorAll('#registre tbody:not([hidden]) tr')].map((r) => ({
    id: r.getAttribute('data-id'), hidden: r.hidden, boxes: r.getClientRects().length,
  })));
  for (const r of rows) {
    if (r.hidden || r.boxes === 0) fail(c, `row ${r.id} is in the table but not shown (hidden=${r.hidden}, ${r.boxes} layout boxes)`);
  }
  return rows.map((r) => r.id);
}

const statusText = (page) => page.locator('#recherche-resultat').textContent();

/** Waits until the live region says `text` (it is updated once typing settles). */
async function waitStatus(page, c, text) {
  try {
    await page.waitForFunction((t) => document.getElementById('recherche-resultat')?.textContent === t, text, { timeout: SETTLE_TIMEOUT_MS });
    return true;
  } catch {
    fail(c, `live region says ${JSON.stringify(await statusText(page))}, expected ${JSON.stringify(text)}`);
    return false;
  }
}

async function typeQuery(page, q) {
  const input = page.locator('#recherche-q');
  await input.fill('');
  await input.pressSequentially(q, { delay: 5 });
}

async function choose(page, name, label) {
  await page.locator(`select[name="${name}"]`).selectOption({ label });
}

async function controlState(page) {
  return page.evaluate(() => {
    const out = { q: document.getElementById('recherche-q').value };
    for (const s of document.querySelectorAll('#recherche select[name]')) out[s.name] = s.options[s.selectedIndex]?.text ?? null;
    return out;
  });
}

const hashParams = (page) => page.evaluate(() => Object.fromEntries(new URLSearchParams(location.hash.slice(1))));

/** Checks rows, live region and caption for a state described by a query and labels. */
async function expectView(page, c, content, what, q, filters) {
  const expected = expectedList(content, q, filters);
  const ok = sameRows(c, what, await shownIds(page, c), expected.slice(0, PAGE));
  const text = countText(expected.length, content.fiches.length);
  if (await waitStatus(page, c, text)) {
    const caption = await page.locator('#registre caption').textContent();
    const anyFilter = normalise(q) !== '' || Object.keys(filters).length > 0;
    if (anyFilter && !caption.includes(text)) fail(c, `${what}: caption ${JSON.stringify(caption)} does not give the count ${JSON.stringify(text)}`);
  }
  await expectNext(page, c, what, expected.length - Math.min(PAGE, expected.length));
  return ok ? new Set(expected) : null;
}

/** The button under the table: shown with the right text when `rest` matches are left out. */
async function expectNext(page, c, what, rest) {
  const next = await page.evaluate(() => {
    const p = document.getElementById('registre-suite');
    const b = p?.querySelector('button');
    return p && b ? { hidden: p.hidden, boxes: b.getClientRects().length, text: b.textContent, type: b.type } : null;
  });
  if (!next) { fail(c, `${what}: no #registre-suite button under the table`); return; }
  if (rest <= 0) {
    if (!next.hidden || next.boxes) fail(c, `${what}: the button « ${next.text} » is shown though every match is in the table`);
    return;
  }
  if (next.hidden || !next.boxes) fail(c, `${what}: ${rest} matches are left out but the button is not shown`);
  else if (next.text !== nextText(rest)) fail(c, `${what}: button says « ${next.text} », expected « ${nextText(rest)} »`);
  if (next.type !== 'button') fail(c, `${what}: the button is not type=button`);
}

async function hasVisibleFocus(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return false;
    const s = getComputedStyle(el);
    return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
  });
}

const activeId = (page) => page.evaluate(() => document.activeElement?.id || document.activeElement?.tagName || null);

// ---------------------------------------------------------------- the checks

/** Words typed in the box: accents and case on either side, two words, punctuation, none. */
const QUERIES = ['formation', 'egalite', 'ÉGALITÉ', 'delegatif', 'Délégatif', 'informatique', 'sécurité',
  'marchés publics', 'ville cpas', "l'accueil", 'oeuvre', 'services techniques', 'zzzz-introuvable'];

async function checkBase(browser, base, content, o, errors) {
  const B = base.kind;
  const total = content.fiches.length;
  const register = content.fiches.map((f) => f.id);
  const firstPage = register.slice(0, PAGE);

  // Without JavaScript: no controls, the table as written (the first PAGE fiches).
  {
    const ctx = await newContext(browser, base, errors, { javaScriptEnabled: false });
    await run(B, `no-javascript: form hidden, table of the first ${Math.min(total, PAGE)} fiches`, async (c) => {
      const page = await ctx.newPage();
      await page.goto(base.index, { waitUntil: 'load' });
      const form = await page.evaluate(() => {
        const f = document.getElementById('recherche');
        return f ? { hidden: f.hidden, boxes: f.getClientRects().length } : null;
      });
      if (!form) fail(c, 'no #recherche form in index.html');
      else if (!form.hidden || form.boxes) fail(c, 'the search form is shown without JavaScript');
      sameRows(c, 'without JavaScript', await shownIds(page, c, { now: true }), firstPage);
      const note = await page.evaluate(() => {
        const n = document.getElementById('registre-limite');
        return n ? { boxes: n.getClientRects().length, text: n.textContent } : null;
      });
      if (total > PAGE && (!note || !note.boxes)) fail(c, `${total} fiches, ${PAGE} rows, but no visible note #registre-limite under the table`);
      if (total <= PAGE && note) fail(c, `a note #registre-limite though every fiche is in the table: ${note.text}`);
    });
    await ctx.close();
  }

  const ctx = await newContext(browser, base, errors);
  let page = null;
  const started = await run(B, 'with JavaScript: the script shows the search form', async () => {
    page = await openIndex(ctx, base);
  });
  if (started.failures.length) {
    await ctx.close();
    return;
  }

  await run(B, `rows and data: the first ${firstPage.length} fiches in the table, every fiche in the search data`, async (c) => {
    const rows = await page.evaluate(() => [...document.querySelectorAll('#registre tbody tr')].map((r) => r.getAttribute('data-id')));
    sameRows(c, 'rows of #registre', rows, firstPage);
    const data = await page.evaluate(() => (window.SYNERGIES_RECHERCHE?.fiches || []).map((f) => f.id));
    sameRows(c, 'fiches of window.SYNERGIES_RECHERCHE', data, register);
    // Each fiche's row in the data is the row the page is written with (same markup).
    const differ = await page.evaluate(() => {
      const byId = new Map(window.SYNERGIES_RECHERCHE.fiches.map((f) => [f.id, f.ligne]));
      const parse = document.createElement('template');
      const out = [];
      for (const row of document.querySelectorAll('#registre tbody tr')) {
        const ligne = byId.get(row.getAttribute('data-id'));
        if (typeof ligne !== 'string') { out.push(`${row.getAttribute('data-id')}: no ligne`); continue; }
        parse.innerHTML = `<table><tbody>${ligne}</tbody></table>`;
        const rows = parse.content.querySelectorAll('tr');
        if (rows.length !== 1 || rows[0].outerHTML !== row.outerHTML) out.push(`${row.getAttribute('data-id')}: ${ligne.trim().slice(0, 80)}…`);
      }
      return out;
    });
    for (const d of differ.slice(0, 5)) fail(c, `the row in the search data differs from the page's: ${d}`);
    const scripts = await page.evaluate(() => [...document.scripts].map((s) => ({ src: s.getAttribute('src'), defer: s.defer, inline: !s.src })));
    for (const s of scripts) {
      if (s.inline) fail(c, 'inline <script> on index.html');
      else if (!s.defer) fail(c, `<script src="${s.src}"> without defer`);
      else if (/^(\/|[a-z]+:)/i.test(s.src)) fail(c, `<script src="${s.src}"> is not relative`);
    }
    if (await page.locator('[style]').count()) fail(c, 'elements with a style attribute');
  });

  await run(B, 'on load without a filter, the rows of the page stay as they are', async (c) => {
    const p = await ctx.newPage();
    await p.addInitScript(() => {
      window.__rowsRemoved = 0;
      new MutationObserver((records) => {
        for (const r of records) for (const n of r.removedNodes) if (n.nodeName === 'TR') window.__rowsRemoved++;
      }).observe(document, { childList: true, subtree: true });
    });
    await p.goto(base.index, { waitUntil: 'load' });
    await p.waitForFunction(() => !document.getElementById('recherche').hidden);
    await p.waitForTimeout(300);
    const removed = await p.evaluate(() => window.__rowsRemoved);
    if (removed) fail(c, `${removed} rows of the page were removed (written again) on load`);
    await p.close();
  });

  await run(B, 'controls: labelled, "Tous" and every value', async (c) => {
    const info = await page.evaluate(() => {
      const form = document.getElementById('recherche');
      const name = form.getAttribute('aria-label') || (document.getElementById(form.getAttribute('aria-labelledby') || '')?.textContent || '');
      const label = (id) => [...document.querySelectorAll('label')].filter((l) => l.htmlFor === id).map((l) => l.textContent.trim());
      const input = document.getElementById('recherche-q');
      const clear = document.getElementById('recherche-effacer');
      return {
        role: form.getAttribute('role'), name: name.trim(),
        input: input ? { type: input.type, labels: label(input.id) } : null,
        selects: [...form.querySelectorAll('select')].map((s) => ({
          name: s.name, labels: label(s.id), options: [...s.options].map((op) => ({ value: op.value, text: op.text })),
        })),
        clear: clear ? { tag: clear.tagName, type: clear.type, text: clear.textContent.trim() } : null,
        status: (() => { const s = document.getElementById('recherche-resultat'); return s ? { role: s.getAttribute('role'), live: s.getAttribute('aria-live') } : null; })(),
      };
    });
    if (info.role !== 'search') fail(c, `form role is ${info.role}, expected search`);
    if (!info.name) fail(c, 'the search form has no accessible name (aria-label or aria-labelledby)');
    if (!info.input || info.input.type !== 'search') fail(c, 'no <input type=search id=recherche-q>');
    else if (info.input.labels.length !== 1 || !info.input.labels[0]) fail(c, `search box labels: ${JSON.stringify(info.input.labels)}`);
    if (!info.clear || info.clear.tag !== 'BUTTON' || info.clear.type !== 'button' || info.clear.text !== 'Effacer les filtres') {
      fail(c, `no <button type=button>Effacer les filtres</button>: ${JSON.stringify(info.clear)}`);
    }
    if (!info.status || info.status.role !== 'status') fail(c, 'the count is not in a role=status live region');
    const want = [{ name: 'domaine', label: 'Domaine' }, ...FIELDS];
    const names = info.selects.map((s) => s.name);
    if (JSON.stringify(names) !== JSON.stringify(want.map((w) => w.name))) fail(c, `selects ${names.join(', ')}, expected ${want.map((w) => w.name).join(', ')}`);
    for (const w of want) {
      const s = info.selects.find((x) => x.name === w.name);
      if (!s) continue;
      if (s.labels.length !== 1 || s.labels[0] !== w.label) fail(c, `${w.name}: labels ${JSON.stringify(s.labels)}, expected ["${w.label}"]`);
      if (s.options[0]?.value !== '' || s.options[0]?.text !== 'Tous') fail(c, `${w.name}: first option is not "Tous" with an empty value`);
      const texts = s.options.slice(1).map((op) => op.text);
      if (new Set(texts).size !== texts.length) fail(c, `${w.name}: duplicate options`);
      if (w.name === 'domaine') {
        const titles = content.domains.map((d) => d.titre);
        const missing = titles.filter((t) => !texts.includes(t));
        const extra = texts.filter((t) => !titles.includes(t));
        if (missing.length || extra.length) fail(c, `domaine options: missing ${JSON.stringify(missing)}, unexpected ${JSON.stringify(extra)}`);
        continue;
      }
      const used = new Set(content.fiches.flatMap((f) => f.values[w.name]).map(normalise));
      for (const u of used) if (!texts.some((t) => normalise(t) === u)) fail(c, `${w.name}: no option for the value "${u}" used in content/`);
      const unset = content.fiches.some((f) => f.values[w.name].length === 0);
      if (unset !== texts.includes(NOT_SET_LABEL)) fail(c, `${w.name}: "${NOT_SET_LABEL}" option ${unset ? 'missing' : 'offered'} though ${unset ? 'some' : 'no'} fiche lacks a value`);
    }
    if (await statusText(page) !== countText(total, total)) fail(c, `initial count ${JSON.stringify(await statusText(page))}`);
  });

  let selective = 0;
  for (const q of QUERIES) {
    const expected = expectedList(content, q);
    await run(B, `search "${q}" (${expected.length} of ${total})`, async (c) => {
      await typeQuery(page, q);
      // Narrowed as you type: before the count settles, the table starts with the right rows
      // (the first ones at least; the others follow) and holds no other.
      const now = await shownIds(page, c, { now: true });
      sameRows(c, `right after typing "${q}"`, now, expected.slice(0, now.length));
      if (expected.length && !now.length) fail(c, `right after typing "${q}": no row yet`);
      await expectView(page, c, content, `"${q}"`, q, {});
      if (expected.length > 0 && expected.length < total) selective++;
      if (q === 'zzzz-introuvable' && expected.length !== 0) fail(c, 'the no-match query matches something in content/');
    });
  }
  await run(B, 'the searched words narrow the table (test sanity)', async (c) => {
    if (selective < 5) fail(c, `only ${selective} of the test queries match some but not all fiches: choose other words`);
  });

  const combos = [
    { q: 'formation', filters: { statut: 'Effectif' } },
    { q: 'cpas', filters: { pilote: 'Ville', modes: 'Délégatif' } },
    { q: '', filters: { objectifs: NOT_SET_LABEL } },
    { q: 'service', filters: { domaine: content.domains.find((d) => content.fiches.filter((f) => f.domain === d).length > 1)?.titre, responsable: 'Les deux' } },
  ];
  for (const combo of combos) {
    await run(B, `search and filters ${JSON.stringify(combo)}`, async (c) => {
      await page.locator('#recherche-effacer').click();
      for (const [name, label] of Object.entries(combo.filters)) await choose(page, name, label);
      await typeQuery(page, combo.q);
      await expectView(page, c, content, JSON.stringify(combo), combo.q, combo.filters);
    });
  }

  // The hash: written while typing without new history entries, restored on reload.
  await run(B, 'hash: written with replaceState, restored after reload', async (c) => {
    await page.close();
    page = await openIndex(ctx, base);
    const before = await page.evaluate(() => history.length);
    await typeQuery(page, 'formation');
    await choose(page, 'statut', 'Effectif');
    const filters = { statut: 'Effectif' };
    await expectView(page, c, content, 'before reload', 'formation', filters);
    const params = await hashParams(page);
    const statutValue = await page.locator('select[name="statut"]').inputValue();
    if (params.q !== 'formation' || params.statut !== statutValue || Object.keys(params).length !== 2) {
      fail(c, `hash is ${JSON.stringify(await page.evaluate(() => location.hash))}, expected q=formation&statut=${statutValue}`);
    }
    const after = await page.evaluate(() => history.length);
    if (after !== before) fail(c, `history grew from ${before} to ${after} entries while typing`);
    await page.reload({ waitUntil: 'load' });
    await page.waitForFunction(() => !document.getElementById('recherche').hidden);
    const state = await controlState(page);
    if (state.q !== 'formation' || state.statut !== 'Effectif' || state.domaine !== 'Tous') fail(c, `controls after reload: ${JSON.stringify(state)}`);
    await expectView(page, c, content, 'after reload', 'formation', filters);
  });

  await run(B, 'hash: a link with #q=formation&statut=en-cours&domaine=grh opens that view', async (c) => {
    const p = await openIndex(ctx, base, '#q=formation&statut=en-cours&domaine=grh');
    const grh = content.domains.find((d) => d.slug === 'grh');
    const filters = { statut: 'En cours', ...(grh ? { domaine: grh.titre } : {}) };
    const state = await controlState(p);
    if (state.q !== 'formation' || state.statut !== 'En cours' || (grh && state.domaine !== grh.titre)) fail(c, `controls: ${JSON.stringify(state)}`);
    await expectView(p, c, content, 'opened from the link', 'formation', filters);
    await p.close();
  });

  await run(B, 'hash: hashchange updates the view, the skip link does not reset it', async (c) => {
    await page.evaluate(() => { location.hash = '#q=informatique'; });
    await page.waitForFunction(() => document.getElementById('recherche-q').value === 'informatique', null, { timeout: SETTLE_TIMEOUT_MS })
      .catch(() => fail(c, 'the search box did not follow the new hash'));
    await expectView(page, c, content, '#q=informatique', 'informatique', {});
    const state = await controlState(page);
    if (state.statut !== 'Tous') fail(c, `statut kept ${state.statut} though the new hash has none`);
    await page.locator('a.evitement').focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => location.hash === '#contenu');
    await expectView(page, c, content, 'after following the skip link', 'informatique', {});
    if (await page.locator('#recherche-q').inputValue() !== 'informatique') fail(c, 'the skip link reset the search box');
  });

  await run(B, '"Effacer les filtres" resets everything and focuses the search box', async (c) => {
    await typeQuery(page, 'service');
    await choose(page, 'pilote', 'CPAS');
    await expectView(page, c, content, 'before clearing', 'service', { pilote: 'CPAS' });
    await page.locator('#recherche-effacer').click();
    const state = await controlState(page);
    if (state.q !== '' || Object.entries(state).some(([k, v]) => k !== 'q' && v !== 'Tous')) fail(c, `controls after clearing: ${JSON.stringify(state)}`);
    sameRows(c, 'after clearing', await shownIds(page, c), firstPage);
    await waitStatus(page, c, countText(total, total));
    await expectNext(page, c, 'after clearing', total - firstPage.length);
    const hash = await page.evaluate(() => location.hash);
    if (hash !== '') fail(c, `hash after clearing is ${JSON.stringify(hash)}`);
    if (await activeId(page) !== 'recherche-q') fail(c, `focus is on ${await activeId(page)} after clearing, not on the search box`);
    const caption = await page.locator('#registre caption').textContent();
    if (caption.includes(' sur ')) fail(c, `caption still filtered: ${caption}`);
    if ((total > PAGE) !== caption.includes(`(les ${PAGE} premières sont affichées)`)) fail(c, `caption after clearing: ${caption}`);
    if (await page.locator('#registre.tableau-filtre').count()) fail(c, 'table still marked as filtered');
  });

  await run(B, 'live region: one announcement once typing settles', async (c) => {
    await page.locator('#recherche-effacer').click();
    await waitStatus(page, c, countText(total, total));
    // A burst of keystrokes within one task: deterministic, whatever the machine's load.
    const word = 'informatique';
    const during = await page.evaluate((w) => {
      const status = document.getElementById('recherche-resultat');
      window.__announcements = [];
      new MutationObserver(() => window.__announcements.push(status.textContent))
        .observe(status, { childList: true, characterData: true, subtree: true });
      const input = document.getElementById('recherche-q');
      for (let i = 1; i <= w.length; i++) {
        input.value = w.slice(0, i);
        input.dispatchEvent(new Event('input', { bubbles: true }));
      }
      return status.textContent;
    }, word);
    if (during !== countText(total, total)) fail(c, `the live region changed while typing: ${JSON.stringify(during)}`);
    const expected = expectedList(content, word);
    sameRows(c, `burst "${word}"`, await shownIds(page, c), expected.slice(0, PAGE));
    const text = countText(expected.length, total);
    await waitStatus(page, c, text);
    await page.waitForTimeout(400);
    const seen = await page.evaluate(() => window.__announcements);
    if (seen.length !== 1 || seen[0] !== text) {
      fail(c, `expected one announcement ${JSON.stringify(text)} after ${word.length} keystrokes, got ${JSON.stringify(seen)}`);
    }
  });

  await run(B, 'keyboard only: Tab, typing, arrows, Enter and Space', async (c) => {
    const p = await openIndex(ctx, base);
    await p.evaluate(() => { window.__sameDocument = true; });
    let presses = 0;
    while ((await activeId(p)) !== 'recherche-q' && presses < 400) { await p.keyboard.press('Tab'); presses++; }
    if ((await activeId(p)) !== 'recherche-q') { fail(c, 'Tab never reaches the search box'); await p.close(); return; }
    if (!(await hasVisibleFocus(p))) fail(c, 'no visible focus outline on the search box');
    await p.keyboard.type('formation');
    sameRows(c, 'typed "formation"', await shownIds(p, c), expectedList(content, 'formation').slice(0, PAGE));
    await p.keyboard.press('Enter');
    if (!(await p.evaluate(() => window.__sameDocument === true))) fail(c, 'Enter in the search box reloaded the page');
    const enterText = countText(expectedIds(content, 'formation').size, total);
    if (await statusText(p) !== enterText) fail(c, `Enter did not announce the count at once: ${JSON.stringify(await statusText(p))}`);
    const order = ['filtre-domaine', 'filtre-objectifs', 'filtre-modes', 'filtre-pilote', 'filtre-responsable', 'filtre-statut', 'recherche-effacer'];
    for (const id of order) {
      await p.keyboard.press('Tab');
      const at = await activeId(p);
      if (at !== id) { fail(c, `Tab went to ${at}, expected ${id}`); break; }
      if (!(await hasVisibleFocus(p))) fail(c, `no visible focus outline on #${id}`);
      if (id === 'filtre-statut') {
        await p.keyboard.press('ArrowDown');
        const label = await p.evaluate(() => { const s = document.getElementById('filtre-statut'); return s.options[s.selectedIndex].text; });
        if (label === 'Tous') fail(c, 'ArrowDown did not change the statut filter');
        else await expectView(p, c, content, `keyboard: "formation" + statut ${label}`, 'formation', { statut: label });
      }
    }
    if ((await activeId(p)) === 'recherche-effacer') {
      await p.keyboard.press('Space');
      if (await activeId(p) !== 'recherche-q') fail(c, `after Space on "Effacer", focus is on ${await activeId(p)}`);
      sameRows(c, 'after Space on "Effacer"', await shownIds(p, c), firstPage);
      await p.keyboard.type('cpas');
      for (let i = 0; i < order.length; i++) await p.keyboard.press('Tab');
      if (await activeId(p) !== 'recherche-effacer') fail(c, `7 Tabs from the search box end on ${await activeId(p)}`);
      await p.keyboard.press('Enter');
      if (await activeId(p) !== 'recherche-q') fail(c, `after Enter on "Effacer", focus is on ${await activeId(p)}`);
      if (await p.locator('#recherche-q').inputValue() !== '') fail(c, 'Enter on "Effacer" did not empty the search box');
      sameRows(c, 'after Enter on "Effacer"', await shownIds(p, c), firstPage);
    }
    await p.close();
  });

  if (total > PAGE) await checkPaging(B, ctx, base, content, o, register);

  if (B === 'http') {
    // axe needs its script injected: a context that bypasses the page's CSP (the file:// base
    // runs with the CSP in force and would report any violation as a console error).
    const actx = await newContext(browser, base, errors, { bypassCSP: true });
    const views = [['filters applied', '#q=formation&statut=effectif&objectifs=moyens'], ['no result', '#q=zzzz-introuvable']];
    if (total > PAGE) views.push([`${PAGE} rows of ${total}, the button shown`, '']);
    for (const [what, hash] of views) {
      await run(B, `axe (WCAG 2.1 AA), ${what}`, async (c) => {
        const p = await openIndex(actx, base, hash);
        await p.waitForTimeout(300);
        const q = new URLSearchParams(hash.slice(1));
        const filters = Object.fromEntries([...q].filter(([k]) => k !== 'q')
          .map(([k, v]) => [k, { effectif: 'Effectif', moyens: 'Moyens' }[v] ?? v]));
        const expected = expectedList(content, q.get('q') || '', filters);
        const rows = await shownIds(p, c);
        if (rows.length >= total) fail(c, `${rows.length} rows for ${total} fiches: the filters were not applied or the table is not capped`);
        if (rows.length !== Math.min(PAGE, expected.length)) fail(c, `${rows.length} rows, ${Math.min(PAGE, expected.length)} expected`);
        await expectNext(p, c, what, expected.length - rows.length);
        await p.addScriptTag({ path: AXE_JS });
        const violations = await p.evaluate(async (tags) => {
          // eslint-disable-next-line no-undef
          const r = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
          return r.violations.map((v) => `${v.id} [${v.impact}] ${v.nodes.map((n) => n.target.join(' ')).join(', ')} — ${v.help}`);
        }, AXE_TAGS);
        for (const v of violations) fail(c, v);
        await p.close();
      });
    }
    await actx.close();
  }
  await page.close();
  await ctx.close();
}

/** With more than PAGE fiches: the cap, the button that adds rows, focus, count and links. */
async function checkPaging(B, ctx, base, content, o, register) {
  const total = content.fiches.length;
  const siteDir = fs.realpathSync(o.site);
  const big = QUERIES.find((q) => expectedList(content, q).length > PAGE);
  const small = QUERIES.find((q) => { const n = expectedList(content, q).length; return n > 0 && n <= PAGE; });
  let p = null;
  await run(B, `more than ${PAGE} fiches: the first ${PAGE} rows, a button for the next ones`, async (c) => {
    p = await openIndex(ctx, base);
    sameRows(c, 'on load', await shownIds(p, c), register.slice(0, PAGE));
    if (await statusText(p) !== countText(total, total)) fail(c, `count on load: ${JSON.stringify(await statusText(p))}, expected ${JSON.stringify(countText(total, total))}`);
    const caption = await p.locator('#registre caption').textContent();
    if (!caption.includes(`(les ${PAGE} premières sont affichées)`)) fail(c, `caption on load: ${caption}`);
    if (await p.evaluate(() => document.getElementById('registre-limite')?.getClientRects().length)) fail(c, 'the note #registre-limite is still shown: the button replaces it');
    await expectNext(p, c, 'on load', total - PAGE);
  });
  if (!p) return;

  await run(B, `"afficher" button: adds ${PAGE} rows at a time (mouse, then Enter), focus on the first added row`, async (c) => {
    let shown = PAGE;
    for (let press = 0; shown < total && press < Math.ceil(total / PAGE) + 1; press++) {
      const button = p.locator('#registre-suite button');
      if (press === 0) await button.click();
      else { await button.focus(); await p.keyboard.press('Enter'); }
      const first = shown;
      shown = Math.min(total, shown + PAGE);
      const what = `after ${press + 1} press(es) on the button`;
      sameRows(c, what, await shownIds(p, c), register.slice(0, shown));
      await waitStatus(p, c, countText(total, total, shown));
      await expectNext(p, c, what, total - shown);
      const focus = await p.evaluate(() => {
        const el = document.activeElement;
        return { tag: el?.tagName, row: el?.closest('#registre tbody tr')?.getAttribute('data-id') ?? null };
      });
      if (focus.tag !== 'A' || focus.row !== register[first]) fail(c, `${what}: focus on ${focus.tag} in row ${focus.row}, expected the link of row ${first + 1} (${register[first]})`);
      // With the keyboard (not after a mouse click, as browsers do), the focus is visible.
      else if (press > 0 && !(await hasVisibleFocus(p))) fail(c, `${what}: no visible focus outline on the first added row's link`);
    }
    if (shown !== total) fail(c, `the button never showed every fiche (${shown} of ${total})`);
    const caption = await p.locator('#registre caption').textContent();
    if (caption.includes('premières sont affichées')) fail(c, `caption with every row in the table: ${caption}`);
    // The rows written from the search data link to pages that exist, relative to the index.
    const hrefs = await p.evaluate(() => [...document.querySelectorAll('#registre tbody tr a')].map((a) => new URL(a.getAttribute('href'), location.href).href));
    const missing = hrefs.filter((u) => {
      const file = u.startsWith('file:') ? fileURLToPath(u) : path.join(siteDir, decodeURIComponent(new URL(u).pathname).slice(o.subpath.length));
      return !u.startsWith(base.prefix) || !fs.existsSync(file);
    });
    for (const m of [...new Set(missing)].slice(0, 5)) fail(c, `a row links to ${m}, which is not in the site`);
  });

  await run(B, `a search finding more than ${PAGE} fiches: the first ${PAGE}, then the next ones`, async (c) => {
    if (!big || !small) { fail(c, `test sanity: no query finds more than ${PAGE} fiches (${big}) or between 1 and ${PAGE} (${small})`); return; }
    const expected = expectedList(content, big);
    await typeQuery(p, big);
    await expectView(p, c, content, `"${big}"`, big, {});
    await p.locator('#registre-suite button').click();
    const shown = Math.min(expected.length, 2 * PAGE);
    sameRows(c, `"${big}", after the button`, await shownIds(p, c), expected.slice(0, shown));
    await waitStatus(p, c, countText(expected.length, total, shown));
    await expectNext(p, c, `"${big}", after the button`, expected.length - shown);
    // Another search starts again from the first rows. Its keystroke removes every row of
    // "${big}" at once and writes at most a first batch of the new ones (the others follow once
    // typing pauses, the table aria-busy meanwhile): nothing of "${big}" stays in the table.
    const keystroke = await p.evaluate((q) => {
      const rows = () => [...document.querySelectorAll('#registre tbody tr')];
      const input = document.getElementById('recherche-q');
      const before = rows().length;
      input.value = q;
      input.dispatchEvent(new Event('input', { bubbles: true }));
      const after = rows();
      return { before, ids: after.map((r) => r.getAttribute('data-id')), visible: after.filter((r) => r.getClientRects().length).length,
        busy: document.getElementById('registre').hasAttribute('aria-busy') };
    }, small);
    const smallList = expectedList(content, small);
    const written = keystroke.ids.length;
    if (keystroke.before !== shown) fail(c, `before "${small}": ${keystroke.before} rows, expected ${shown}`);
    if (written > FIRST_MOST) fail(c, `the keystroke of "${small}" wrote ${written} rows at once (at most ${FIRST_MOST})`);
    if (keystroke.visible !== written) fail(c, `after the keystroke of "${small}": ${written - keystroke.visible} of its ${written} rows not shown`);
    sameRows(c, `"${small}", right after its keystroke`, keystroke.ids, smallList.slice(0, written));
    const toShow = Math.min(PAGE, smallList.length);
    if (keystroke.busy !== (written < toShow)) fail(c, `after the keystroke of "${small}": ${written} of ${toShow} rows written, aria-busy ${keystroke.busy}`);
    await expectView(p, c, content, `"${small}"`, small, {});
    await typeQuery(p, big);
    await expectView(p, c, content, `"${big}" again`, big, {});
    await p.close();
  });
}

/** Time of one keystroke (input event → rows toggled), then with style and layout. */
async function measure(browser, base, errors) {
  const ctx = await newContext(browser, base, errors);
  const page = await openIndex(ctx, base);
  const r = await page.evaluate(() => {
    const input = document.getElementById('recherche-q');
    const text = 'mutualisation des co';
    const filter = [], layout = [];
    for (let round = 0; round < 2; round++) {
      for (let i = 1; i <= text.length; i++) {
        input.value = text.slice(0, i);
        const t0 = performance.now();
        input.dispatchEvent(new Event('input', { bubbles: true }));
        const t1 = performance.now();
        void document.body.offsetHeight;
        const t2 = performance.now();
        if (round === 1) { filter.push(t1 - t0); layout.push(t2 - t0); }
      }
      input.value = '';
      input.dispatchEvent(new Event('input', { bubbles: true }));
      void document.body.offsetHeight;
    }
    const median = (a) => { const s = [...a].sort((x, y) => x - y); return (s[(s.length - 1) >> 1] + s[s.length >> 1]) / 2; };
    return {
      rows: document.querySelectorAll('#registre tbody tr').length, n: filter.length,
      filter: median(filter), layout: median(layout), max: Math.max(...layout),
    };
  });
  await ctx.close();
  const line = `keystroke over ${base.kind}: median ${r.filter.toFixed(2)} ms to filter, ${r.layout.toFixed(2)} ms with style and layout (max ${r.max.toFixed(2)} ms), ${r.n} keystrokes, ${r.rows} rows`;
  notes.push(line);
  return line;
}

// ---------------------------------------------------------------- main

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const { missing, chromium, exe } = await prerequisites();
  if (missing.length) {
    console.error('search: prerequisites missing, nothing was checked:');
    for (const m of missing) console.error(`  - ${m}`);
    console.log('search: prerequisites missing (exit 3)');
    return 3;
  }
  if (o.prereqsOnly) { console.log('search: prerequisites OK'); return 0; }

  const siteDir = fs.realpathSync(o.site);
  if (!fs.existsSync(path.join(siteDir, 'index.html'))) usageError(`${siteDir}/index.html does not exist`);
  if (!fs.existsSync(path.join(o.root, 'content'))) usageError(`${o.root}/content does not exist (use --root)`);
  const content = readContent(o.root);
  console.log(`search: ${siteDir}: ${content.fiches.length} fiches in ${content.domains.length} domains read from ${o.root}/content`);

  const srv = o.http ? await startServer(siteDir, o.subpath) : null;
  const browser = await chromium.launch({ executablePath: exe, headless: true, args: CHROMIUM_ARGS });
  try {
    const kinds = [...(o.file ? ['file'] : []), ...(o.http ? ['http'] : [])];
    for (const kind of kinds) {
      const base = makeBase(kind, siteDir, srv?.port, o.subpath);
      const errors = [];
      if (o.perfOnly) {
        await measure(browser, base, errors);
        for (const e of errors) console.log(`search: ${e}`);
        if (errors.length) fail(check(kind, 'perf'), errors.join('\n'));
        break;
      }
      const t = Date.now();
      await checkBase(browser, base, content, o, errors);
      await measure(browser, base, errors).catch((e) => notes.push(`keystroke over ${kind}: not measured (${e.message.split('\n')[0]})`));
      const c = check(kind, 'no console error, no failed request');
      for (const e of errors) fail(c, e);
      console.log(`search: ${kind} checks done in ${((Date.now() - t) / 1000).toFixed(1)}s (${base.index})`);
    }
    if (srv) {
      const c = check('http', 'no 404 from the test server');
      for (const n of srv.notFound) fail(c, `${n.url} (${n.why})`);
    }
  } finally {
    await browser.close();
    if (srv) srv.server.close();
  }

  const failed = checks.filter((c) => c.failures.length);
  const passed = checks.filter((c) => !c.failures.length);
  if (o.verbose) for (const c of passed) console.log(`  ok   [${c.base}] ${c.name}`);
  for (const c of failed) {
    console.log(`  FAIL [${c.base}] ${c.name}`);
    for (const f of c.failures) console.log(`         ${f}`);
  }
  for (const n of notes) console.log(`search: ${n}`);
  console.log(`search: ${passed.length} passed, ${failed.length} failed`);
  return failed.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`search: harness error: ${e && e.stack ? e.stack : e}`);
    const passed = checks.filter((c) => !c.failures.length).length;
    console.log(`search: ${passed} passed, ${checks.length - passed + 1} failed`);
    process.exit(1);
  },
);
