// Offline use: once the service worker has cached the app shell and the WASM, a reload
// with the network off still loads the page and analyses a paste.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, fixture, nextAnalysis } from './helpers.mjs';

test('the page works offline after the service worker installed', async (t) => {
  const { page, context, url, guard, errors } = await setup(t);
  await guard(page.goto(url));
  await guard(page.evaluate(() => navigator.serviceWorker.ready.then(() => true)));
  // The worker controls the page from the next load on.
  await guard(page.reload());
  await guard(page.waitForFunction(() => !!navigator.serviceWorker.controller, null, { timeout: 20000 }));
  const cached = await page.evaluate(async () => (await caches.keys()).length);
  assert.ok(cached > 0, 'a cache was filled');

  await context.setOffline(true);
  await guard(page.reload());
  await guard(page.waitForFunction(() => document.getElementById('version').textContent.length > 0, null, { timeout: 20000 }));
  await page.fill('textarea#paste', fixture('article.txt'));
  const done = nextAnalysis(page);
  await page.click('button:has-text("Analyze")');
  await guard(done);
  assert.ok((await page.locator('mark[data-type]').count()) > 0);
  // The sample comes from the cache too.
  const done2 = nextAnalysis(page);
  await page.click('button:has-text("Try a sample")');
  await guard(done2);
  assert.match(await page.inputValue('textarea#paste'), /Port Elden/);
  assert.deepEqual(errors, []);
});

test('the manifest makes the page installable', async (t) => {
  const { page, url, guard } = await setup(t);
  await guard(page.goto(url));
  const manifest = await page.evaluate(async () => {
    const href = document.querySelector('link[rel=manifest]').href;
    return (await fetch(href)).json();
  });
  assert.equal(manifest.name, 'Copydesk');
  assert.equal(manifest.display, 'standalone');
  for (const icon of manifest.icons) {
    const status = await page.evaluate(async (src) => (await fetch(src)).status, icon.src);
    assert.equal(status, 200, icon.src);
  }
  assert.ok(manifest.icons.some((i) => i.sizes === '512x512'));
});
