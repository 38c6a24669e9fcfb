// Every route, as a visitor and as each role, on a phone (issue #16): the status the role should get, no
// sideways scrolling at 390 px or 360 px wide, no WCAG 2.1 A/AA finding by axe-core, no error in the console of a
// page that loaded, and a screenshot per route. Imported by app.test.js, so it runs against the same server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { base, browser, hydrated, label, output, signIn } from './harness.js';
import { ROLES, ROUTES, withIds } from './routes.js';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const WIDTHS = [390, 360];

/** A browser context of `who` at phone size, signed in through the sign-in form unless a visitor. */
export async function phone(who) {
  // bypassCSP: axe-core is injected as an inline script, which the pages' policy rightly refuses.
  const context = await browser.newContext({
    viewport: { width: WIDTHS[0], height: 844 }, isMobile: true, hasTouch: true, bypassCSP: true,
  });
  if (who !== 'visitor') {
    const page = await context.newPage();
    await signIn(page, who, (url) => !url.pathname.startsWith('/masuk'));
    await page.close();
  }
  return context;
}

/** How far the page scrolls sideways, and the first elements that stick out (for the failure message). */
function overflow(page) {
  return page.evaluate(() => {
    const root = document.documentElement;
    const over = root.scrollWidth - root.clientWidth;
    const out = [];
    if (over > 0) {
      for (const el of document.querySelectorAll('body *')) {
        if (el.getBoundingClientRect().right > root.clientWidth + 1 && out.length < 4) {
          out.push(`${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}`);
        }
      }
    }
    return { over, out };
  });
}

/** axe-core's WCAG 2.1 A and AA findings on the page as it stands. */
async function axe(page) {
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    const result = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
  });
}

/** The ids the routes with a parameter need: a violation and a complaint case that exist. */
export async function parameters() {
  const context = await phone('komisioner');
  const page = await context.newPage();
  await page.goto(`${base}/pelanggaran`);
  const violation = (await page.getAttribute('#explorer-table a[href^="/pelanggaran/"]', 'href')).split('/').pop();
  await page.goto(`${base}/pengaduan`);
  const kase = (await page.getAttribute('#cases a[href^="/pengaduan/"]', 'href')).split('/').pop();
  await context.close();
  return { violation, case: kase };
}

test('every route fits a phone for every role: status, no sideways scrolling, axe-core clean, no console error', async () => {
  const ids = await parameters();
  const problems = [];
  const shot = new Set();
  for (const who of ROLES) {
    const context = await phone(who);
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (err) => errors.push(err.message));
    page.on('console', (msg) => { if (msg.type() === 'error') errors.push(msg.text()); });
    for (const [pattern, allowed] of Object.entries(ROUTES)) {
      const route = withIds(pattern, ids);
      await page.setViewportSize({ width: WIDTHS[0], height: 844 });
      errors.length = 0;
      const response = await page.goto(`${base}${route}`);
      const expected = allowed.includes(who) ? 200 : (who === 'visitor' ? 401 : 403);
      if (response.status() !== expected) problems.push(`${who} ${route}: status ${response.status()}, expected ${expected}`);
      if (expected === 200) {
        await hydrated(page);
        if (errors.length) problems.push(`${who} ${route}: console: ${errors.join(' | ')}`);
        const findings = await axe(page);
        if (findings.length) problems.push(`${who} ${route}: axe: ${findings.join('; ')}`);
      }
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: 844 });
        const { over, out } = await overflow(page);
        if (over > 0) problems.push(`${who} ${route} at ${width} px: scrolls ${over} px sideways (${out.join(', ')})`);
      }
      if (expected === 200 && !shot.has(pattern)) {
        shot.add(pattern);
        await page.setViewportSize({ width: WIDTHS[0], height: 844 });
        const name = pattern.replace(/[/{}]+/g, '-').replace(/^-|-$/g, '') || 'home';
        await page.screenshot({ path: path.join(output, `phone-${name}-${label}.png`) });
      }
    }
    await context.close();
  }
  assert.deepEqual(problems, []);
  assert.equal(shot.size, Object.keys(ROUTES).length, 'every route was seen by someone allowed');
});

test('the navigation folds into a menu on a phone and opens without JavaScript', async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${base}/`);
  assert.equal(await page.isVisible('nav.bar'), false, 'the bar is folded away');
  assert.equal(await page.isVisible('.menu nav a[href="/instansi"]'), false, 'the menu starts closed');
  await page.click('.menu > summary');
  assert.equal(await page.isVisible('.menu nav a[href="/instansi"]'), true, 'the menu opens');
  const box = await page.locator('.menu nav a[href="/instansi"]').boundingBox();
  assert.ok(box.height >= 44, `a tap target of at least 44 px: ${box.height}`);
  await Promise.all([page.waitForURL(/\/instansi$/), page.click('.menu nav a[href="/instansi"]')]);
  await context.close();
});

