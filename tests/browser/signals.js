// Signals in the browser (issue #20): an analyst narrows /sinyal to one kind through the form (the URL keeps it),
// sees the planted patterns of the demo data with their evidence, and marks one explained with a note.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { base, hydrated, label, newPage, output, signIn } from './harness.js';

test('an analyst filters the signals by kind and explains one', async () => {
  const page = await newPage();
  await signIn(page, 'analis', /\/pelanggaran$/);
  await page.goto(`${base}/sinyal`);
  await hydrated(page);
  const all = await page.locator('#signals tbody tr').count();
  assert.ok(all > 0, 'the demo data plants signals');
  await page.selectOption('#signal-kind', 'S-ACTING-CHAIN');
  await Promise.all([page.waitForURL(/kind=S-ACTING-CHAIN/), page.click('#signal-filters button[type="submit"]')]);
  await hydrated(page);
  const kinds = await page.locator('#signals tbody tr').evaluateAll((rows) => rows.map((r) => r.dataset.kind));
  assert.ok(kinds.length > 0 && kinds.length < all, `${kinds.length} of ${all}`);
  assert.ok(kinds.every((k) => k === 'S-ACTING-CHAIN'), kinds.join(','));
  assert.ok((await page.textContent('#signals tbody tr:first-child')).includes('acting_assignment'), 'the evidence');
  const first = await page.getAttribute('#signals tbody tr:first-child', 'data-signal');
  await page.fill('#signals tbody tr:first-child input[name="note"]', 'Jabatan dalam proses seleksi terbuka');
  await Promise.all([page.waitForURL(/hasil=ok/), page.click('#signals tbody tr:first-child button[type="submit"]')]);
  assert.equal(await page.locator(`#signals tr[data-signal="${first}"]`).count(), 0, 'explained: out of the open list');
  await page.screenshot({ path: path.join(output, `signals-${label}.png`), fullPage: true });
  await page.context().close();
});
