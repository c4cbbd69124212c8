import { chromium } from 'playwright-core';
import fs from 'node:fs';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-background-networking','--disable-quic','--no-first-run','--disable-component-update','--disable-sync'] });
const p = await (await b.newContext({ bypassCSP: true })).newPage();
for (const f of process.argv.slice(2)) {
  await p.goto('file://' + f);
  await p.addScriptTag({ path: 'node_modules/axe-core/axe.min.js' });
  const r = await p.evaluate(async () => (await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2aa'] } })).incomplete);
  for (const v of r) console.log(f, v.id, v.nodes.length, v.nodes.slice(0,3).map(n => n.target.join(' ') + ' :: ' + (n.any[0]?.message || '')).join('\n   '));
}
await b.close();
