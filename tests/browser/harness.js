// The browser tests' harness: the real pantau server (debug build, target/site front end) on a database with
// the demo data and one person per role, and Debian's headless Chromium driven by playwright-core. The test
// files import it; its `before` and `after` hooks start and stop both for the file's whole run.
//
// Database: BROWSER_DATABASE_URL (the CI runs the tests once on SQLite and once on PostgreSQL), else a fresh
// SQLite file.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repo = path.resolve(here, '..', '..');
export const output = path.join(here, 'output');
mkdirSync(output, { recursive: true });
const databaseUrl = process.env.BROWSER_DATABASE_URL
  ?? `sqlite://${path.join(mkdtempSync(path.join(tmpdir(), 'pantau-browser-')), 'browser.db')}`;
export const label = databaseUrl.startsWith('postgres') ? 'postgres' : 'sqlite';

let server;
export let browser;
export let base;
export const pageErrors = [];

const bin = process.env.PANTAU_BIN ?? path.join(repo, 'target', 'debug', 'pantau');
export const passwords = {};

/** Runs the real command line against the test database and returns what it printed. */
export function pantau(...args) {
  const run = spawnSync(bin, args, {
    env: { ...process.env, DATABASE_URL: databaseUrl, NO_COLOR: '1' }, encoding: 'utf8',
  });
  assert.equal(run.status, 0, `pantau ${args.join(' ')}: ${run.stderr}`);
  return run.stdout;
}

/** Creates a user with the real command line; the generated password is the last line printed. */
export function addPerson(name, role, agency) {
  const args = ['user', 'add', name, '--role', role, '--password'];
  if (agency) args.push('--agency', agency);
  passwords[name] = pantau(...args).trim().split('\n').pop();
}

/** Signs in through the sign-in page and waits for the page the server sends the person to. */
export async function signIn(page, name, landing) {
  await page.goto(`${base}/masuk`);
  await hydrated(page);
  await page.fill('#signin-name', name);
  await page.fill('#signin-password', passwords[name]);
  await Promise.all([page.waitForURL(landing), page.click('#signin-form button[type="submit"]')]);
  await hydrated(page);
}

/** Starts `pantau serve` on a free port and resolves with its base URL once it listens. */
function startServer() {
  server = spawn(bin, ['serve', '--addr', '127.0.0.1:0', '--site-root', path.join(repo, 'target', 'site')], {
    env: { ...process.env, DATABASE_URL: databaseUrl, NO_COLOR: '1', PANTAU_LOG: 'info' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let log = '';
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${log}`)), 60_000);
    server.stderr.on('data', (chunk) => {
      log += chunk;
      const match = log.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      if (match) { clearTimeout(timer); resolve(match[1]); }
    });
    server.on('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited with ${code}:\n${log}`)); });
  });
}

export async function newPage() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.on('pageerror', (err) => pageErrors.push(`${page.url()}: ${err.message}`));
  page.on('console', (msg) => { if (msg.type() === 'error') pageErrors.push(`${page.url()}: ${msg.text()}`); });
  return page;
}

/**
 * Waits until the page is loaded and each of its islands (the only parts that run in the browser, issue #16)
 * has hydrated: an island's root element turns `data-hydrated` to "true" when its code runs. A page without
 * islands is ready once it has loaded.
 */
export async function hydrated(page) {
  await page.waitForLoadState('load');
  await page.waitForFunction(() => [...document.querySelectorAll('leptos-island')]
    .every((island) => island.querySelector('[data-hydrated="true"]')), null, { timeout: 20_000 });
}

export async function signOut(page) {
  await page.goto(`${base}/akun`);
  await hydrated(page);
  await Promise.all([page.waitForURL(/galat=keluar/), page.click('#sign-out')]);
}

before(async () => {
  // A small demo data set (every agency, a few hundred violations) for the staff pages.
  pantau('demo', '--scale', '0.05', '--if-empty');
  addPerson('operator-3204', 'agency', '32.04');
  addPerson('analis', 'analyst');
  addPerson('komisioner', 'commissioner');
  addPerson('admin', 'admin');
  base = await startServer();
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'],
  });
});

after(async () => {
  await browser?.close();
  server?.kill('SIGTERM');
});
