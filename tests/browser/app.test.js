// Browser tests: proves that pages hydrate without errors, that the hydrated interactions work, that the charts
// render, and that every route fits a phone (`phone.js`); saves screenshots under tests/browser/output/. The
// server, the database and the browser come from `harness.js`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  addPerson, base, browser, hydrated, label, newPage, output, pageErrors, passwords, repo, signIn, signOut,
} from './harness.js';
import './phone.js';
import './bytes.js';
import './followup.js';
import './signals.js';

test('the home page hydrates, shows the map and charts, and the quick search works', async () => {
  const page = await newPage();
  await page.goto(`${base}/`);
  await hydrated(page);
  assert.equal(await page.getAttribute('html', 'lang'), 'id');
  assert.equal(await page.textContent('#total-agencies'), '635');

  const map = page.locator('#chart-map svg');
  const box = await map.boundingBox();
  assert.ok(box && box.width > 300 && box.height > 200, `the map is drawn large enough: ${JSON.stringify(box)}`);
  const tiles = await map.textContent();
  for (const tile of ['ACEH', 'JABAR', 'PAPSEL']) assert.ok(tiles.includes(tile), `the map has the tile ${tile}`);
  assert.equal(await page.locator('#map-table tbody tr').count(), 38, 'the map\'s numbers, one row per province');
  for (const id of ['#chart-rule-quarters', '#chart-complaints']) {
    const chart = await page.locator(`${id} svg`).boundingBox();
    assert.ok(chart && chart.width > 300 && chart.height > 200, `${id} is drawn: ${JSON.stringify(chart)}`);
  }
  assert.ok((await page.textContent('#headline')).includes('kabupaten dan kota'));

  await page.fill('#quick-search-input', 'bandung');
  await page.waitForFunction(() => document.querySelectorAll('#quick-results li').length === 3);
  const links = await page.$$eval('#quick-results a', (as) => as.map((a) => a.getAttribute('href')));
  assert.deepEqual(links, ['/instansi/32.04', '/instansi/32.17', '/instansi/32.73']);
  await page.fill('#quick-search-input', 'zzzz');
  await page.waitForSelector('p#quick-results');
  await page.fill('#quick-search-input', '');
  await page.screenshot({ path: path.join(output, `home-${label}.png`), fullPage: true });
  await page.context().close();
});

test('the agency filters narrow the table through the URL, without any script', async () => {
  // A plain GET form (issue #16: the page ships no wasm): the filters are the URL, so a bookmark is the view.
  const page = await newPage();
  await page.goto(`${base}/instansi`);
  await hydrated(page);
  assert.equal(await page.textContent('#agency-count'), '635 instansi');

  await page.selectOption('#filter-province', '32');
  await page.selectOption('#filter-kind', 'city');
  await Promise.all([page.waitForURL(/kind=city/), page.click('#agency-filters button[type="submit"]')]);
  assert.equal(await page.textContent('#agency-count'), '9 instansi');
  const url = new URL(page.url());
  assert.equal(url.searchParams.get('province'), '32');
  assert.equal(url.searchParams.get('kind'), 'city');
  assert.equal(await page.locator('#agency-table tbody tr').count(), 9);

  // The same URL opened fresh (a bookmark) shows the same view, with the form reflecting it.
  await page.goto(url.toString());
  await hydrated(page);
  assert.equal(await page.textContent('#agency-count'), '9 instansi');
  assert.equal(await page.inputValue('#filter-kind'), 'city');
  assert.equal(await page.inputValue('#filter-province'), '32');
  await page.screenshot({ path: path.join(output, `agencies-${label}.png`), fullPage: false });
  await page.context().close();
});

test('the language switch turns the page into English and keeps the choice', async () => {
  const page = await newPage();
  await page.goto(`${base}/instansi?kind=province`);
  await hydrated(page);
  await Promise.all([page.waitForURL(/\/instansi\?kind=province$/), page.click('#lang-switch')]);
  await hydrated(page);
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.equal(await page.textContent('#agency-count'), '38 agencies');
  await page.goto(`${base}/`);
  await hydrated(page);
  assert.ok((await page.textContent('nav')).includes('Summary'), 'the cookie keeps English');
  await page.screenshot({ path: path.join(output, `home-en-${label}.png`), fullPage: false });
  await page.context().close();
});

test('a clerk signs in, uploads reports and sees each accepted or refused with its errors', async () => {
  const page = await newPage();
  await page.goto(`${base}/unggah`);
  await hydrated(page);
  await Promise.all([page.waitForURL(/\/masuk\?next=/), page.click('a[href="/masuk?next=/unggah"]')]);
  await hydrated(page);
  await page.fill('#signin-name', 'operator-3204');
  await page.fill('#signin-password', 'bukan-sandinya');
  await Promise.all([page.waitForURL(/galat=salah/), page.click('#signin-form button[type="submit"]')]);
  assert.ok((await page.textContent('#signin-notice')).includes('salah'));
  await page.screenshot({ path: path.join(output, `signin-${label}.png`), fullPage: false });

  await page.fill('#signin-name', 'operator-3204');
  await page.fill('#signin-password', passwords['operator-3204']);
  await Promise.all([page.waitForURL(/\/unggah$/), page.click('#signin-form button[type="submit"]')]);
  await hydrated(page);
  const before = await page.locator('#submissions tbody tr.submission').count(); // the demo's batch

  await page.setInputFiles('#upload-file', path.join(repo, 'docs', 'examples', 'batch-32.04.json'));
  await page.click('#upload-form button[type="submit"]');
  await page.waitForFunction((n) => document.querySelectorAll('#submissions tbody tr.submission').length === n + 1, before);
  await hydrated(page);
  const accepted = await page.textContent('#submissions tbody tr.submission');
  assert.ok(accepted.includes('batch-32.04.json') && accepted.includes('Diterima'), accepted);
  // Its eight records, new, changed or unchanged (the demo's batch of 32.04 may share some ids).
  const counts = await page.$$eval('#submissions tbody tr.submission:first-child td.num', (tds) => tds.map((td) => Number(td.textContent)));
  assert.equal(counts.reduce((a, b) => a + b, 0), 8, counts.join());

  const dir = mkdtempSync(path.join(tmpdir(), 'pantau-upload-'));
  const badCsv = path.join(dir, 'rotation.csv');
  writeFileSync(badCsv, 'agency_code,id,nip,name,from_position.title,from_position.level,held_since,effective_on,basis\n'
    + '32.04,M-9,197001012000032001,A,Kepala,pratama,2024-01-01,2025-01-01,promotion\n');
  await page.setInputFiles('#upload-file', badCsv);
  await page.click('#upload-form button[type="submit"]');
  await page.waitForFunction((n) => document.querySelectorAll('#submissions tbody tr.submission').length === n + 2, before);
  await hydrated(page);
  await page.click('#submissions tbody tr.submission details summary');
  const problem = await page.textContent('#submissions tbody tr.submission details table');
  assert.ok(problem.includes('rotation.csv · baris/row 2 · basis') && problem.includes('promotion'), problem);
  await page.screenshot({ path: path.join(output, `upload-${label}.png`), fullPage: true });

  await Promise.all([page.waitForURL(/galat=keluar/), page.click('#sign-out')]);
  await page.goto(`${base}/unggah`);
  assert.equal(await page.locator('#upload-form').count(), 0, 'signed out');
  await page.context().close();
});

test('an analyst filters the explorer, the URL and the export keep the view, and a violation moves to dismissed', async () => {
  // Nobody signed in gets a 401 page (a context of its own: that 401 is expected, not a page error).
  const anonymous = await browser.newContext();
  const refused = await (await anonymous.newPage()).goto(`${base}/pelanggaran`);
  assert.equal(refused.status(), 401);
  await anonymous.close();

  const page = await newPage();
  await signIn(page, 'analis', /\/pelanggaran$/);
  const total = Number(await page.getAttribute('#explorer-total', 'data-total'));
  assert.ok(total > 50, `the demo has violations: ${total}`);

  // Filter by a rule, then a province, with the facet links (plain links: the filters are the URL).
  const rule = await page.getAttribute('#facet-rule a[data-value]', 'data-value');
  await Promise.all([page.waitForURL(new RegExp(`rule=${rule}`)), page.click(`#facet-rule a[data-value="${rule}"]`)]);
  await page.waitForFunction((t) => Number(document.querySelector('#explorer-total')?.dataset.total) < t, total);
  const province = await page.getAttribute('#facet-province a[data-value]', 'data-value');
  await Promise.all([page.waitForURL(/province=/), page.click(`#facet-province a[data-value="${province}"]`)]);
  await page.waitForSelector(`#facet-province a[data-value="${province}"][aria-current="true"]`);
  const url = new URL(page.url());
  assert.equal(url.searchParams.get('rule'), rule);
  assert.equal(url.searchParams.get('province'), province);
  // Each row names its rule in words, with the id beside it (issue #16).
  const rules = await page.$$eval('#explorer-table tbody tr td:nth-child(3) .rule-id', (els) => els.map((el) => el.textContent));
  assert.ok(rules.length > 0 && rules.every((r) => r === rule), rules.join());
  const names = await page.$$eval('#explorer-table tbody tr td:nth-child(3) .rule-name', (els) => els.map((el) => el.textContent));
  assert.ok(names.length === rules.length && names.every((n) => n.length > 10 && !n.startsWith('R-')), names.join());
  const filtered = Number(await page.getAttribute('#explorer-total', 'data-total'));
  const ids = await page.$$eval('#explorer-table tbody tr', (trs) => trs.map((tr) => tr.dataset.id));
  await page.screenshot({ path: path.join(output, `explorer-${label}.png`), fullPage: true });

  // The URL opened fresh (a bookmark) shows the same view.
  await page.goto(url.toString());
  await hydrated(page);
  assert.equal(Number(await page.getAttribute('#explorer-total', 'data-total')), filtered);
  assert.deepEqual(await page.$$eval('#explorer-table tbody tr', (trs) => trs.map((tr) => tr.dataset.id)), ids);

  // The CSV export of the view is the table.
  const csv = await (await page.request.get(`${base}${await page.getAttribute('#export-csv', 'href')}`)).text();
  const csvIds = csv.trim().split('\n').slice(1).map((line) => line.split(',')[0]);
  assert.equal(csvIds.length, filtered);
  assert.deepEqual(csvIds.slice(0, ids.length), ids);

  // Open a violation and take it into review; analysts cannot dismiss.
  await Promise.all([page.waitForURL(/\/pelanggaran\/\d+$/), page.click('#explorer-table tbody tr a')]);
  await hydrated(page);
  const violation = page.url();
  assert.equal(await page.locator('#step-dismissed').count(), 0);
  await Promise.all([page.waitForURL(/hasil=ok/), page.click('#step-in_review')]);
  assert.equal(await page.getAttribute('#violation-status', 'data-status'), 'in_review');
  await signOut(page);

  // A commissioner dismisses it with a written reason.
  await signIn(page, 'komisioner', /\/pelanggaran$/);
  await page.goto(violation);
  await hydrated(page);
  await page.fill('#step-reason', 'Data jabatan salah ketik; sudah dikoreksi instansi');
  await Promise.all([page.waitForURL(/hasil=ok/), page.click('#step-dismissed')]);
  assert.equal(await page.getAttribute('#violation-status', 'data-status'), 'dismissed');
  assert.ok((await page.textContent('#violation-history')).includes('salah ketik'));
  await page.screenshot({ path: path.join(output, `violation-${label}.png`), fullPage: true });

  // The scorecard of the violation's agency, with its chart.
  const agency = (await page.getAttribute('dl.facts a[href^="/instansi/"]', 'href')).split('/').pop();
  await page.goto(`${base}/instansi/${agency}/kartu-skor`);
  await hydrated(page);
  const chart = await page.locator('#chart-per-quarter svg').boundingBox();
  assert.ok(chart && chart.width > 300, `the quarterly chart is drawn: ${JSON.stringify(chart)}`);
  assert.ok((await page.textContent('#risk')).length > 10);
  // Beside its peers: one drawn box chart per measure, the agency's standing on each measure it has a value for.
  assert.equal(await page.locator('figure.peer').count(), 14);
  assert.equal(await page.locator('figure.peer svg').count(), 14);
  const marked = await page.locator('figure.peer[data-standing]').count();
  assert.ok(marked >= 2, `the agency is placed on its measures: ${marked}`);
  const box = await page.locator('figure.peer[data-measure="violations_per_100"] svg').boundingBox();
  assert.ok(box && box.width > 200 && box.height > 40, `the box chart is drawn: ${JSON.stringify(box)}`);
  await page.screenshot({ path: path.join(output, `scorecard-${label}.png`), fullPage: true });
  await signOut(page);

  // The administrator sees both steps in the audit log.
  await signIn(page, 'admin', /\/pengguna$/);
  const id = violation.split('/').pop();
  await page.goto(`${base}/audit?subject=violation/${id}`);
  await hydrated(page);
  const audit = await page.textContent('#audit-table');
  assert.equal((audit.match(/violation\.transition/g) ?? []).length, 2, audit);
  assert.ok(audit.includes('komisioner') && audit.includes('analis') && audit.includes('salah ketik'));
  await page.screenshot({ path: path.join(output, `audit-${label}.png`), fullPage: false });
  await page.context().close();
});

test('the merit page hydrates and draws the progress chart with a table per group', async () => {
  const page = await newPage();
  await page.goto(`${base}/sistem-merit`);
  await hydrated(page);
  const chart = await page.locator('#chart-merit-progress svg').boundingBox();
  assert.ok(chart && chart.width > 300 && chart.height > 200, `the chart is drawn: ${JSON.stringify(chart)}`);
  assert.equal(await page.locator('section.merit-group').count(), 4);
  assert.ok((await page.textContent('#group-regency_city')).includes('30,0 % (2024)'));
  await page.screenshot({ path: path.join(output, `merit-${label}.png`), fullPage: true });
  await page.context().close();
});

test('the public province and agency pages show aggregates in both languages', async () => {
  const page = await newPage();
  await page.goto(`${base}/`);
  await hydrated(page);
  await page.click('#chart-map summary');
  await Promise.all([page.waitForURL(/\/provinsi\/32$/), page.click('#map-table a[href="/provinsi/32"]')]);
  await hydrated(page);
  assert.equal(await page.textContent('h1'), 'Jawa Barat');
  assert.ok((await page.textContent('#province-summary')).includes('dari'));
  assert.ok(await page.locator('#province-agencies tbody tr').count() > 20, 'the province\'s agencies are listed');
  await page.screenshot({ path: path.join(output, `province-${label}.png`), fullPage: true });

  await Promise.all([page.waitForURL(/\/instansi\/32\.04$/), page.click('#province-agencies a[href="/instansi/32.04"]')]);
  await hydrated(page);
  assert.ok((await page.title()).includes('Kabupaten Bandung'));
  await page.waitForSelector('#agency-standing');
  await page.screenshot({ path: path.join(output, `agency-profile-${label}.png`), fullPage: true });

  await Promise.all([page.waitForURL(/\/instansi\/32\.04$/), page.click('#lang-switch')]);
  await hydrated(page);
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.ok((await page.textContent('h2 >> nth=1')).includes('Violations by rule and status'));
  await page.goto(`${base}/`);
  await hydrated(page);
  assert.ok((await page.textContent('#chart-map figcaption')).includes('Province map'));
  assert.ok((await page.locator('#chart-map svg').textContent()).includes('not assessed'), 'the map legend in English');
  await page.screenshot({ path: path.join(output, `home-map-en-${label}.png`), fullPage: true });
  await page.context().close();
});

test('a commissioner opens the printable review pack with its filters stated', async () => {
  const page = await newPage();
  await signIn(page, 'komisioner', /\/pelanggaran/);
  await page.goto(`${base}/instansi/32.04/paket-tinjauan`);
  await hydrated(page);
  assert.ok((await page.textContent('#pack-filters')).includes('semua'));
  await page.selectOption('#pack-form select[name="status"]', 'open');
  await Promise.all([page.waitForURL(/status=open/), page.click('#pack-form button[type="submit"]')]);
  await hydrated(page);
  assert.ok((await page.textContent('#pack-filters')).includes('status: Terbuka'));
  const statuses = await page.$$eval('#pack-violations tbody tr td:nth-child(4)', (tds) => tds.map((td) => td.textContent));
  assert.ok(statuses.every((s) => s === 'Terbuka'), `only open violations: ${statuses}`);
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('#pack-form').isVisible(), false, 'the filter form is not printed');
  assert.equal(await page.locator('.site-header nav.bar').isVisible(), false, 'nor the navigation');
  assert.equal(await page.locator('.site-header .menu').isVisible(), false, 'nor its phone menu');
  await page.pdf({ path: path.join(output, `review-pack-${label}.pdf`) });
  await page.screenshot({ path: path.join(output, `review-pack-print-${label}.png`), fullPage: true });
  await signOut(page);
  await page.context().close();
});

test('a visitor files an anonymous complaint in Indonesian, staff prove it, and the visitor follows it with the receipt code', async () => {
  const page = await newPage();
  await page.goto(`${base}/netralitas`);
  await hydrated(page);
  await Promise.all([page.waitForURL(/\/netralitas\/lapor$/), page.click('#file-link')]);
  await hydrated(page);
  await page.waitForSelector('#agency-list option', { state: 'attached' });
  assert.equal(await page.locator('#agency-list option').count(), 635, 'every agency is offered');
  await page.fill('#agency_code', '32.04');
  await page.selectOption('#election', 'pilkada_2024');
  await page.selectOption('#position_level', 'jpt');
  await page.fill('#summary', 'Kepala dinas hadir dan berorasi di kampanye pasangan calon nomor 2 di alun-alun.');
  await page.fill('#evidence', 'https://example.org/foto-kampanye.jpg');
  await page.check('#anonymous');
  await page.screenshot({ path: path.join(output, `complaint-form-${label}.png`), fullPage: true });
  await Promise.all([page.waitForURL(/\/netralitas\/tanda-terima$/), page.click('#complaint-form button[type="submit"]')]);
  await hydrated(page);
  const reference = (await page.textContent('#receipt-reference')).trim();
  const code = (await page.textContent('#receipt-code')).trim();
  assert.match(reference, /^NET-\d{4}-[A-Z2-9]{8}$/);
  assert.match(code, /^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/);
  await page.screenshot({ path: path.join(output, `complaint-receipt-${label}.png`), fullPage: true });
  await page.reload();
  await hydrated(page);
  assert.equal(await page.locator('#receipt-code').count(), 0, 'the receipt is shown once');

  await page.goto(`${base}/netralitas/cek`);
  await hydrated(page);
  await page.fill('#reference', reference);
  await page.fill('#receipt_code', code.toLowerCase());
  await Promise.all([page.waitForURL(/hasil=1/), page.click('#check-form button[type="submit"]')]);
  await hydrated(page);
  assert.equal((await page.textContent('#status-value')).trim(), 'Diterima');
  await page.screenshot({ path: path.join(output, `complaint-status-${label}.png`), fullPage: true });
  await page.fill('#reference', reference);
  await page.fill('#receipt_code', 'AAAA-AAAA-AAAA-AAAA');
  await Promise.all([page.waitForURL(/galat=tidak_ditemukan/), page.click('#check-form button[type="submit"]')]);
  await page.waitForSelector('#check-error');

  // Staff take the case through verification to proven; the complainant then sees it with the same code.
  await signIn(page, 'komisioner', /\/pelanggaran/);
  await page.goto(`${base}/pengaduan`);
  await hydrated(page);
  await page.selectOption('#filter-status', 'received');
  await Promise.all([page.waitForURL(/status=received/), page.click('#case-filter button[type="submit"]')]);
  await hydrated(page);
  await page.waitForSelector('#stats-staff-election');
  await Promise.all([page.waitForURL(new RegExp(`/pengaduan/${reference}$`)), page.click(`#cases a[href="/pengaduan/${reference}"]`)]);
  await hydrated(page);
  assert.equal((await page.getAttribute('#identity', 'data-identity')), 'anonymous');
  await Promise.all([page.waitForURL(/hasil=ok/), page.click('#step-verify')]);
  await hydrated(page);
  assert.equal(await page.getAttribute('#case-status', 'data-status'), 'verifying');
  await page.selectOption('#step-type', 'code_of_ethics');
  await Promise.all([page.waitForURL(/hasil=ok/), page.click('#step-prove')]);
  await hydrated(page);
  assert.equal(await page.getAttribute('#case-status', 'data-status'), 'proven');
  assert.equal(await page.locator('#case-history tbody tr').count(), 2, 'both steps are in the history');
  await page.screenshot({ path: path.join(output, `complaint-case-${label}.png`), fullPage: true });
  await signOut(page);

  await page.goto(`${base}/netralitas/cek`);
  await hydrated(page);
  await page.fill('#reference', reference);
  await page.fill('#receipt_code', code);
  await Promise.all([page.waitForURL(/hasil=1/), page.click('#check-form button[type="submit"]')]);
  await hydrated(page);
  assert.equal((await page.textContent('#status-value')).trim(), 'Terbukti');
  await page.goto(`${base}/netralitas`);
  await hydrated(page);
  await page.waitForSelector('#stats-public-election');
  await page.context().close();
});

test('no page raised an error (hydration mismatches show up here)', () => {
  assert.deepEqual(pageErrors, []);
});
