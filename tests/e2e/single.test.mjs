// The single-file page (scripts/build-single.mjs): opened from file://, with no server and
// no network, it analyses in a worker and makes no request at all.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { setup, fixture, nextAnalysis, ROOT } from './helpers.mjs';

const SINGLE = path.join(ROOT, 'www/copydesk.html');

test('copydesk.html works from file://', async (t) => {
  if (!fs.existsSync(SINGLE) || fs.statSync(SINGLE).mtimeMs < fs.statSync(path.join(ROOT, 'www/pkg/copydesk_bg.wasm')).mtimeMs) {
    execFileSync(process.execPath, [path.join(ROOT, 'scripts/build-single.mjs')], { stdio: 'inherit' });
  }
  const { page, context, guard, errors, requests } = await setup(t, { serve: false });
  await context.setOffline(true);
  await guard(page.goto(pathToFileURL(SINGLE).href));
  await guard(page.waitForFunction(() => document.getElementById('version').textContent.length > 0, null, { timeout: 20000 }));
  assert.equal(await page.evaluate(() => window.copydesk.mode), 'worker');

  let done = nextAnalysis(page);
  await page.click('button:has-text("Try a sample")');
  await guard(done);
  assert.ok((await page.locator('mark[data-type=PERSON]').count()) > 0);
  assert.ok((await page.locator('[data-removed]').count()) > 0);

  await page.fill('textarea#paste', fixture('article.txt'));
  done = nextAnalysis(page);
  await page.click('button:has-text("Analyze")');
  await guard(done);
  assert.ok((await page.locator('[data-source]').count()) > 0);
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('.exports button:has-text("JSON")')]);
  assert.ok(JSON.parse(fs.readFileSync(await dl.path(), 'utf8')).entities.length > 0);

  const outside = requests.filter((u) => !u.startsWith('file:') && !u.startsWith('blob:') && !u.startsWith('data:'));
  assert.deepEqual(outside, []);
  assert.deepEqual(errors, []);
});

test('copydesk.html falls back to the main thread where no worker starts', async (t) => {
  if (!fs.existsSync(SINGLE)) execFileSync(process.execPath, [path.join(ROOT, 'scripts/build-single.mjs')], { stdio: 'inherit' });
  const { page, context, guard, errors } = await setup(t, { serve: false });
  await context.addInitScript(() => {
    delete window.Worker;
  });
  await guard(page.goto(pathToFileURL(SINGLE).href));
  await guard(page.waitForFunction(() => document.getElementById('version').textContent.length > 0, null, { timeout: 20000 }));
  assert.equal(await page.evaluate(() => window.copydesk.mode), 'main-thread');
  const done = nextAnalysis(page);
  await page.click('button:has-text("Try a sample")');
  await guard(done);
  assert.ok((await page.locator('mark[data-type=PERSON]').count()) > 0);
  assert.deepEqual(errors, []);
});
