#!/usr/bin/env node
// serve-panel.mjs — browser checks of the error panel of `synergies serve` (src/serve/reload.js
// and overlay.css). tests/browser_site.rs starts the server on a register without errors.
//
//   node serve-panel.mjs URL FICHE [--prereqs]
//
// URL is a served page, FICHE the file of a fiche with `pilote = "Ville"`. With the page open,
// the script writes `pilote = "Vile"` into FICHE (a `valeur-inconnue` error). Checks: the panel
// appears as an alert dialog with its title, the error and the focus on « Fermer »; the
// explanation of the code is folded under the errors and opens; axe-core (WCAG 2.1 AA) finds
// nothing in the panel, folded or open; Escape closes it;
// the panel comes back for other errors and goes once the fiche is put back; no console error.
//
// Exit codes: 0 every check passed, 1 a check failed, 2 usage error, 3 prerequisites missing.
// The last line is `serve-panel: N passed, M failed`.

import fs from 'node:fs';
import { AXE_JS, AXE_TAGS, CHROMIUM_ARGS, prerequisites } from './common.mjs';

const TIMEOUT_MS = 20_000;

const results = [];
function check(name, ok, detail = '') {
  results.push({ name, ok, detail });
}

async function axeViolations(page) {
  return page.evaluate(async (tags) => {
    const result = await window.axe.run(document.querySelector('.synergies-apercu'), {
      runOnly: { type: 'tag', values: tags },
    });
    return result.violations.map((v) => `${v.id} (${v.nodes.length}): ${v.help}`);
  }, AXE_TAGS);
}

async function main() {
  const args = process.argv.slice(2);
  const { missing, chromium, exe } = await prerequisites();
  if (missing.length) {
    console.error('serve-panel: prerequisites missing, nothing was checked:');
    for (const m of missing) console.error(`  - ${m}`);
    console.log('serve-panel: prerequisites missing (exit 3)');
    return 3;
  }
  if (args.includes('--prereqs')) { console.log('serve-panel: prerequisites OK'); return 0; }
  const [url, fiche] = args;
  if (!url || !fiche || !fs.existsSync(fiche)) {
    console.error('usage: node serve-panel.mjs URL FICHE [--prereqs]');
    return 2;
  }
  const code = 'valeur-inconnue';
  const good = fs.readFileSync(fiche, 'utf8');
  if (!good.includes('pilote = "Ville"')) {
    console.error(`serve-panel: ${fiche} has no line pilote = "Ville"`);
    return 2;
  }

  const browser = await chromium.launch({ executablePath: exe, headless: true, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    page.setDefaultTimeout(TIMEOUT_MS);
    const consoleErrors = [];
    page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    await page.goto(url);
    check('the page opens without the panel', (await page.locator('.synergies-apercu').count()) === 0);
    fs.writeFileSync(fiche, good.replace('pilote = "Ville"', 'pilote = "Vile"'));
    await page.waitForSelector('.synergies-apercu');
    const intro = await page.textContent('.synergies-apercu-texte');
    check('it says the page shown is the last correct version',
      intro.startsWith('La page affichée est la dernière version correcte du site.'), intro);
    const panel = page.locator('.synergies-apercu');
    check('the panel is an alert dialog labelled by its title',
      (await panel.getAttribute('role')) === 'alertdialog'
        && (await panel.getAttribute('aria-labelledby')) === 'synergies-apercu-titre');
    const title = await page.textContent('.synergies-apercu-titre');
    check('its title says the site is not up to date', title === "Le site n'est pas à jour : 1 erreur", title);
    const errors = await page.textContent('.synergies-apercu-details');
    check('it shows the error with its code', errors.startsWith(`erreur[${code}]`), errors.slice(0, 80));
    check('the focus is on « Fermer »',
      await page.evaluate(() => document.activeElement?.className === 'synergies-apercu-fermer'));
    const summary = page.locator('.synergies-apercu-aide summary');
    check('the explanation is offered, folded',
      (await summary.textContent()) === 'Que veulent dire ces erreurs ? Exemples et corrections'
        && !(await page.isVisible('.synergies-apercu-explications')));
    // Evaluated, not added as a script: the page's CSP (script-src 'self') stays in force.
    await page.evaluate(fs.readFileSync(AXE_JS, 'utf8'));
    const folded = await axeViolations(page);
    check('axe-core: no WCAG 2.1 AA violation in the panel (folded)', folded.length === 0, folded.join('; '));
    await summary.click();
    const explanation = await page.textContent('.synergies-apercu-explications');
    check('opened, it explains the code as `synergies explique` does',
      await page.isVisible('.synergies-apercu-explications')
        && explanation.startsWith(`${code} : `) && explanation.includes('Correction :'),
      explanation.slice(0, 80));
    const open = await axeViolations(page);
    check('axe-core: no WCAG 2.1 AA violation in the panel (open)', open.length === 0, open.join('; '));
    await page.keyboard.press('Escape');
    check('Escape closes the panel', (await page.locator('.synergies-apercu').count()) === 0);
    // Closed by the reader, the panel comes back for other errors, and goes once they are fixed.
    fs.writeFileSync(fiche, good.replace('pilote = "Ville"', 'pilote = "Villle"'));
    const again = await page.waitForSelector('.synergies-apercu').then(() => true, () => false);
    check('other errors show the panel again', again);
    fs.writeFileSync(fiche, good);
    const gone = await page.waitForSelector('.synergies-apercu', { state: 'detached' })
      .then(() => true, () => false);
    check('the fiche put back, the panel goes', gone);
    check('no console error', consoleErrors.length === 0, consoleErrors.join('; '));
  } finally {
    await browser.close();
  }
  const failed = results.filter((r) => !r.ok);
  for (const r of results) {
    console.log(`  ${r.ok ? 'ok  ' : 'FAIL'} ${r.name}${!r.ok && r.detail ? `: ${r.detail}` : ''}`);
  }
  console.log(`serve-panel: ${results.length - failed.length} passed, ${failed.length} failed`);
  return failed.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`serve-panel: harness error: ${e && e.stack ? e.stack : e}`);
    console.log(`serve-panel: ${results.filter((r) => r.ok).length} passed, ${results.filter((r) => !r.ok).length + 1} failed`);
    process.exit(1);
  },
);
