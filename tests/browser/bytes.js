// The bytes of every page's first view (issue #16), as they cross the wire: HTML, CSS, JS and wasm, compressed,
// headers included, the browser's cache off (Chromium's own count, `encodedDataLength`). A page anyone may open
// stays within 150 KB, a staff page within 400 KB, and only the pages that show an island load the wasm at all.
// The front end under test is the release wasm (scripts/build-site.sh builds no other), so the figures are what a
// visitor downloads; each page's figures go to output/bytes-<db>.json. Imported by app.test.js.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { base, hydrated, label, output } from './harness.js';
import { parameters, phone } from './phone.js';
import { ROUTES, withIds } from './routes.js';

const PUBLIC_BUDGET = 150 * 1024;
const STAFF_BUDGET = 400 * 1024;
/** The pages that show an island (app/src/islands.rs): the home page's search, the review pack's print button. */
const ISLAND_PAGES = new Set(['/', '/instansi/32.04/paket-tinjauan']);

/** Opens `route` in a new page of `context` with the cache off and sums what each request transferred. */
async function firstView(context, route) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const urls = new Map();
  const bytes = new Map();
  cdp.on('Network.requestWillBeSent', (e) => urls.set(e.requestId, e.request.url));
  cdp.on('Network.loadingFinished', (e) => bytes.set(e.requestId, e.encodedDataLength));
  const response = await page.goto(`${base}${route}`);
  assert.equal(response.status(), 200, route);
  await hydrated(page);
  await page.waitForLoadState('networkidle');
  await page.close();
  let total = 0;
  let wasm = 0;
  for (const [id, size] of bytes) {
    total += size;
    if (urls.get(id)?.endsWith('.wasm')) wasm += size;
  }
  return { total, wasm, requests: bytes.size };
}

test('every page\'s first view fits its byte budget, and only pages with an island load the wasm', async () => {
  const ids = await parameters();
  const contexts = new Map();
  const figures = [];
  const problems = [];
  for (const [pattern, allowed] of Object.entries(ROUTES)) {
    // Pages a visitor may open are measured as a visitor; staff pages as the first role that may open them.
    const who = allowed[0];
    if (!contexts.has(who)) contexts.set(who, await phone(who));
    const route = withIds(pattern, ids);
    const view = await firstView(contexts.get(who), route);
    const budget = who === 'visitor' ? PUBLIC_BUDGET : STAFF_BUDGET;
    figures.push({ route: pattern, as: who, ...view, budget });
    if (view.total > budget) problems.push(`${route} as ${who}: ${view.total} bytes, over ${budget}`);
    if (ISLAND_PAGES.has(pattern) !== view.wasm > 0) {
      problems.push(`${route}: ${view.wasm} bytes of wasm, ${ISLAND_PAGES.has(pattern) ? 'expected its island' : 'expected none'}`);
    }
  }
  for (const context of contexts.values()) await context.close();
  writeFileSync(path.join(output, `bytes-${label}.json`), `${JSON.stringify(figures, null, 1)}\n`);
  assert.deepEqual(problems, []);
  assert.ok(figures.some((f) => f.wasm > 10_000), 'the wasm was counted (a page with an island loaded it)');
});
