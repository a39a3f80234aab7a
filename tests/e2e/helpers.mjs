// Shared set-up for the end-to-end tests: Debian's Chromium driven by playwright-core, a
// static server per test file, console-error and request recording, and waits that fail
// fast when the page throws (a broken WASM shows up as a pageerror, not as a timeout).
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from './server.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SHOTS = path.join(ROOT, 'target/screenshots');
export const FIXTURES = path.join(ROOT, 'tests/e2e/fixtures');

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function fixture(name) {
  return fs.readFileSync(path.join(FIXTURES, name), 'utf8');
}

export async function launch() {
  return chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** Browser + server + a page whose errors and requests are recorded. */
export async function setup(t, { contextOptions = {}, serve = true } = {}) {
  // COPYDESK_WWW serves another copy of the page (e.g. an older one, to compare figures).
  const server = serve ? await startServer(process.env.COPYDESK_WWW || undefined) : null;
  const browser = await launch();
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...contextOptions });
  const page = await context.newPage();
  const errors = [];
  const requests = [];
  let rejectOnError;
  const pageError = new Promise((_, reject) => (rejectOnError = reject));
  pageError.catch(() => {});
  page.on('pageerror', (err) => {
    errors.push(`pageerror: ${err.message}`);
    rejectOnError(new Error(`page error: ${err.message}`));
  });
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
  });
  context.on('request', (req) => requests.push(req.url()));
  t.after(async () => {
    await browser.close();
    if (server) await server.close();
  });
  /** Races `promise` against a page error. */
  const guard = (promise) => Promise.race([promise, pageError]);
  return { server, browser, context, page, errors, requests, guard, url: server && server.url };
}

/** Waits for the next completed analysis (the page dispatches copydesk:analysis). */
export function nextAnalysis(page, timeout = 30000) {
  return page.evaluate(
    (ms) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no analysis within the time limit')), ms);
        document.addEventListener('copydesk:analysis', (e) => {
          clearTimeout(timer);
          resolve(e.detail);
        }, { once: true });
      }),
    timeout,
  );
}

export async function shot(page, name, { fullPage = true } = {}) {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage });
}
