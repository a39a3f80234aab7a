// A 10 MB paste: analysed in the worker while the page stays responsive, with progress text
// and a Cancel button; the result renders in chunks. Prints the timings it measured.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, fixture, nextAnalysis, shot } from './helpers.mjs';

function tenMegabytes() {
  const base = fixture('article.txt');
  const parts = [];
  let size = 0;
  for (let i = 0; size < 10 * 1024 * 1024; i++) {
    // Vary the numbers so the text is not one paragraph repeated verbatim.
    const part = base.replace(/\d+/g, (d) => String((Number(d) + i) % 10000));
    parts.push(part);
    size += part.length + 2;
  }
  return parts.join('\n\n');
}

test('a 10 MB input is analysed in the worker without freezing the page', { timeout: 15 * 60 * 1000 }, async (t) => {
  const { page, url, guard, errors } = await setup(t);
  await guard(page.goto(url));
  await guard(page.waitForFunction(() => document.getElementById('version').textContent.length > 0));
  assert.equal(await page.evaluate(() => window.copydesk.mode), 'worker');
  await page.evaluate(() => {
    window.__longest = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
    }).observe({ type: 'longtask' });
  });

  const text = tenMegabytes();
  const done = nextAnalysis(page, 14 * 60 * 1000);
  const started = Date.now();
  await page.setInputFiles('input[type=file]', { name: 'big.txt', mimeType: 'text/plain', buffer: Buffer.from(text) });
  await page.waitForSelector('#progress:not([hidden])', { timeout: 10000 });
  assert.match(await page.textContent('#progress-text'), /Analysing 1\d\.\d MB/);
  assert.ok(await page.isVisible('#cancel'), 'a Cancel button');
  // Playwright builds the 10 MB File inside the page (base64): not the page's own work.
  const setupLongest = await page.evaluate(() => {
    const longest = window.__longest;
    window.__longest = 0;
    return longest;
  });

  // While the worker runs, the page answers: a checkbox toggles, a round trip is quick. Only
  // while it runs: once the result is shown, toggling compare mode would analyse again.
  const running = async () => !(await page.isHidden('#progress'));
  const latencies = [];
  for (let i = 0; i < 5 && (await running()); i++) {
    const t0 = Date.now();
    await page.click('label[for=compare-toggle]');
    latencies.push(Date.now() - t0);
    assert.equal(await page.isVisible('#paste-b'), i % 2 === 0, 'the click was handled');
    await page.waitForTimeout(300);
  }
  assert.ok(latencies.length > 0, 'the page was clicked while analysing');
  if (latencies.length % 2 === 1 && (await running())) await page.click('label[for=compare-toggle]'); // back off
  const during = await page.evaluate(() => {
    const longest = window.__longest;
    window.__longest = 0;
    return longest;
  });
  const progressLater = await page.textContent('#progress-text');
  assert.match(progressLater, /\d+ s/);

  const { ms } = await guard(done);
  const total = Date.now() - started;
  // In the page: from the analysis starting (the file read) to the result shown, and its parts.
  const inPage = await page.evaluate(() => {
    const shown = performance.getEntriesByName('copydesk:analysis')[0].startTime;
    const run = performance.getEntriesByName('copydesk:run').filter((m) => m.startTime <= shown).at(-1).startTime;
    return { runToShown: shown - run, ...window.copydesk.analyzer.timings };
  });
  assert.ok((await page.locator('.block.kept').count()) > 0);
  assert.ok((await page.locator('button.more').count()) === 1, 'the rest renders on demand');
  const finalLongest = await page.evaluate(() => window.__longest);
  console.log(`# 10 MB (${(text.length / 1e6).toFixed(1)} M chars): worker analysis ${(ms / 1000).toFixed(1)} s, until shown ${(total / 1000).toFixed(1)} s (incl. the test harness handing the file over)`);
  console.log(`# in the page: analysis started → shown ${(inPage.runToShown / 1000).toFixed(1)} s = worker ${(inPage.workerMs / 1000).toFixed(1)} s + the result's trip to the page ${inPage.transferMs.toFixed(0)} ms + rebuilding its columns ${inPage.unpackMs.toFixed(0)} ms (in slices) + the rest (sending the text, packing, rendering)`);
  console.log(`# longest main-thread task: test harness building the File ${setupLongest.toFixed(0)} ms; while analysing ${during.toFixed(0)} ms; receiving and rendering the result ${finalLongest.toFixed(0)} ms; click round trips ${latencies.join(', ')} ms`);
  assert.ok(during < 500, `no long task while the worker runs (${during} ms)`);
  assert.ok(Math.max(...latencies) < 1000, `clicks answered while analysing: ${latencies}`);
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, 'large-light', { fullPage: false });

  // Cancel stops a run, and the next analysis works (a fresh worker).
  await page.click('button:has-text("Analyze")');
  await page.waitForSelector('#progress:not([hidden])');
  await page.click('#cancel');
  assert.ok(await page.isHidden('#progress'));
  assert.match(await page.textContent('#input-status'), /cancelled/);
  await page.click('button:has-text("Clear")');
  await page.fill('textarea#paste', fixture('article.txt'));
  const again = nextAnalysis(page);
  await page.click('button:has-text("Analyze")');
  await guard(again);
  assert.ok((await page.locator('mark[data-type]').count()) > 0);
  assert.deepEqual(errors, []);
});
