// The recommendation follow-up in the browser (issue #17): a commissioner issues a recommendation on a violation,
// the agency's clerk answers it through the upload page, and the commissioner accepts the answer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { addPerson, base, hydrated, label, newPage, output, signIn, signOut } from './harness.js';

/** `days` after `date` (YYYY-MM-DD), in the same form. */
function plusDays(date, days) {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * Clicks the letter link `selector` (issue #18) as a person would and checks what the server answers that click —
 * with the page's own session — is the letter of violation `id` as a PDF. The answer is taken by the test and the
 * browser is told "no content", so it stays on the page: headless Chromium's PDF viewer would otherwise fetch the
 * file again on its own and navigate while the test goes on.
 */
async function clickLetter(page, selector, id) {
  const href = `/pelanggaran/${id}/surat.pdf`;
  assert.equal(await page.getAttribute(selector, 'href'), href);
  let served;
  await page.route(`**${href}`, async (route) => {
    const response = await route.fetch();
    served = { status: response.status(), headers: response.headers(), body: await response.body() };
    await route.fulfill({ status: 204 });
  });
  await page.click(selector);
  for (let i = 0; i < 200 && !served; i += 1) await new Promise((done) => setTimeout(done, 50));
  await page.unroute(`**${href}`);
  assert.ok(served, 'the click asked the server for the letter');
  assert.equal(served.status, 200);
  assert.equal(served.headers['content-type'], 'application/pdf');
  assert.match(served.headers['content-disposition'], new RegExp(`surat-rekomendasi-${id}\\.pdf`));
  assert.equal(served.body.subarray(0, 5).toString(), '%PDF-');
}

test('a commissioner issues a recommendation, the clerk answers it on the upload page, and the commissioner accepts it', async () => {
  const today = new Date().toISOString().slice(0, 10);
  const page = await newPage();
  await signIn(page, 'komisioner', /\/pelanggaran$/);
  await page.goto(`${base}/pelanggaran?status=open&severity=high`);
  await hydrated(page);
  // The last row of the first page: the analysts' test (app.test.js) takes the first of its own view.
  await Promise.all([page.waitForURL(/\/pelanggaran\/\d+$/), page.click('#explorer-table tbody tr:last-child a')]);
  await hydrated(page);
  const violation = page.url();
  const id = violation.split('/').pop();
  const agency = (await page.getAttribute('dl.facts a[href^="/instansi/"]', 'href')).split('/').pop();
  assert.equal(await page.locator('#follow-up').count(), 0, 'no recommendation yet');

  await Promise.all([page.waitForURL(/hasil=ok/), page.click('#step-in_review')]);
  await page.fill('#step-letter-number', `R-${id}/BKN/UJI`);
  await page.fill('#step-letter-date', today);
  await Promise.all([page.waitForURL(/hasil=ok/), page.click('#step-recommendation_issued')]);
  assert.equal(await page.getAttribute('#follow-up', 'data-state'), 'pending');
  assert.equal((await page.textContent('#follow-up-due')).trim(), plusDays(today, 14), 'due 14 days after the letter');
  await clickLetter(page, '#follow-up a.letter-pdf', id);
  await signOut(page);

  // The agency's clerk sees it on the upload page and answers with a batch file.
  const clerk = `operator-${agency}`;
  addPerson(clerk, 'agency', agency);
  await signIn(page, clerk, /\/unggah$/);
  const row = `#open-recommendations tr[data-violation="${id}"]`;
  assert.equal(await page.getAttribute(row, 'data-state'), 'pending');
  assert.ok((await page.textContent(row)).includes(`R-${id}/BKN/UJI`));
  await clickLetter(page, `${row} a.letter-pdf`, id);
  const dir = mkdtempSync(path.join(tmpdir(), 'pantau-answer-'));
  const file = path.join(dir, 'jawaban.json');
  writeFileSync(file, JSON.stringify({
    schema: 'pantau.report.v1',
    agency_code: agency,
    records: [{
      kind: 'recommendation_response', id: `TL-${id}`, violation_id: Number(id), responded_on: today,
      action: 'complied', decision_letter: { number: `800/${id}/SK/UJI`, issued_on: today },
    }],
  }));
  const before = await page.locator('#submissions tbody tr.submission').count();
  await page.setInputFiles('#upload-file', file);
  await page.click('#upload-form button[type="submit"]');
  await page.waitForFunction((n) => document.querySelectorAll('#submissions tbody tr.submission').length === n + 1, before);
  assert.ok((await page.textContent('#submissions tbody tr.submission')).includes('Diterima'));
  await page.reload();
  await hydrated(page);
  assert.equal(await page.getAttribute(row, 'data-state'), 'answered');
  await page.screenshot({ path: path.join(output, `recommendation-clerk-${label}.png`), fullPage: true });
  await signOut(page);

  // The commissioner accepts the answer: the violation is resolved, and the history says so.
  await signIn(page, 'komisioner', /\/pelanggaran$/);
  await page.goto(violation);
  await hydrated(page);
  assert.equal(await page.getAttribute('#follow-up', 'data-state'), 'answered');
  assert.ok((await page.textContent('#follow-up-answers')).includes(`800/${id}/SK/UJI`));
  await Promise.all([page.waitForURL(/hasil=ok/), page.click('#verdict-accept')]);
  assert.equal(await page.getAttribute('#violation-status', 'data-status'), 'resolved');
  assert.equal(await page.getAttribute('#follow-up', 'data-state'), 'resolved');
  assert.equal(await page.locator('#verdict-forms').count(), 0, 'nothing left to judge');
  await page.screenshot({ path: path.join(output, `recommendation-${label}.png`), fullPage: true });

  // The staff list of recommendations shows it resolved.
  await page.goto(`${base}/rekomendasi?state=resolved`);
  await hydrated(page);
  assert.ok(await page.locator(`a[href="/pelanggaran/${id}"]`).count() > 0);
  await page.context().close();
});
