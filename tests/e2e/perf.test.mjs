// Figures for the report: how soon a reader who acts at once gets an analysis, and the page's
// payload (every file a first visit loads, raw and gzip -9).
//
// Each run is a cold load in a fresh browser context (no HTTP cache, no service worker). As
// soon as the page is visible (first contentful paint) and its button works, the page (an init
// script) presses "Try a sample"; the test waits for the analysis to be shown. The page's
// performance marks give:
//   navigation → worker started, WASM compiled, WASM ready, warm (model and patterns ready)
//   visible (FCP) → first analysis shown, and click → first analysis shown.
// Then the same browser reloads the page (a returning reader) and the same figures are taken;
// and a reader who waits PACED_MS after the page appears is timed from click to analysis.
// Medians of RUNS runs are printed; the assertion only guards against a broken start-up.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import { setup } from './helpers.mjs';

const RUNS = Number(process.env.PERF_RUNS || 5);
/** The paced reader presses "Try a sample" this long after the page appears. */
const PACED_MS = 1000;
/** How long the first visit stays open before the reload (time for the browser to cache compiled code). */
const RETURN_AFTER_MS = 3000;

/**
 * Init script: inside the page, `delay` ms after it becomes visible (the first contentful
 * paint) and once the button works (app.js ran), press "Try a sample". Done in the page rather
 * than with page.click(), whose round trips would add the harness's latency.
 */
function pressSampleWhenVisible(delay) {
  const press = () => {
    if (window.copydesk) document.getElementById('sample').click();
    else setTimeout(press, 1);
  };
  new PerformanceObserver((list, observer) => {
    if (list.getEntriesByName('first-contentful-paint').length) {
      observer.disconnect();
      setTimeout(press, delay);
    }
  }).observe({ type: 'paint', buffered: true });
}

test('time to first analysis and payload', { timeout: 5 * 60 * 1000 }, async (t) => {
  const { browser, url, server } = await setup(t);
  const runs = [];
  const returning = [];
  const paced = [];
  for (let i = 0; i < RUNS; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const bodies = new Map();
    if (i === 0) {
      page.on('response', async (res) => {
        if (res.url().startsWith(url) && res.status() === 200) bodies.set(new URL(res.url()).pathname, await res.body().catch(() => null));
      });
    }
    // A reader who acts at once: "Try a sample" as soon as the page is visible.
    await page.addInitScript(pressSampleWhenVisible, 0);
    await page.goto(url, { waitUntil: 'commit' });
    await page.waitForFunction(() => performance.getEntriesByName('copydesk:first-analysis').length > 0);
    await page.waitForFunction(() => performance.getEntriesByName('copydesk:warm').length > 0, null, { timeout: 5000 }).catch(() => null); // absent from older pages
    const marks = await page.evaluate(() => {
      const m = Object.fromEntries(performance.getEntriesByType('mark').map((x) => [x.name.replace('copydesk:', ''), x.startTime]));
      m.fcp = performance.getEntriesByName('first-contentful-paint')[0].startTime;
      m.dcl = performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd;
      m.analysisMs = window.copydesk.analysis && Number(document.getElementById('stats').title.match(/(\d+) ms/)?.[1]);
      return m;
    });
    runs.push(marks);
    // A returning reader: the same browser loads the page again (HTTP cache revalidated with
    // 304s, the service worker installed, and the WASM compiled code cached by the browser).
    await page.waitForTimeout(RETURN_AFTER_MS);
    await page.reload({ waitUntil: 'commit' });
    await page.waitForFunction(() => performance.getEntriesByName('copydesk:first-analysis').length > 0, null, { timeout: 30000 });
    await page.waitForFunction(() => performance.getEntriesByName('copydesk:warm').length > 0, null, { timeout: 5000 }).catch(() => null); // absent from older pages
    returning.push(await page.evaluate(() => {
      const m = Object.fromEntries(performance.getEntriesByType('mark').map((x) => [x.name.replace('copydesk:', ''), x.startTime]));
      m.fcp = performance.getEntriesByName('first-contentful-paint')[0].startTime;
      return m;
    }));
    // A reader who takes a second after the page appears (still a cold load).
    const context2 = await browser.newContext();
    const page2 = await context2.newPage();
    await page2.addInitScript(pressSampleWhenVisible, PACED_MS);
    await page2.goto(url, { waitUntil: 'commit' });
    await page2.waitForFunction(() => performance.getEntriesByName('copydesk:first-analysis').length > 0, null, { timeout: 30000 });
    paced.push(await page2.evaluate(() => {
      const click = performance.getEntriesByName('copydesk:sample-click')[0]; // absent from older pages
      return click ? performance.getEntriesByName('copydesk:first-analysis')[0].startTime - click.startTime : NaN;
    }));
    await context2.close();
    if (i === 0) {
      await page.waitForTimeout(500);
      let raw = 0;
      let gz = 0;
      const rows = [];
      for (const [file, body] of [...bodies.entries()].sort()) {
        if (!body) continue;
        const z = zlib.gzipSync(body, { level: 9 }).length;
        raw += body.length;
        gz += z;
        rows.push(`${file} ${body.length} / ${z}`);
      }
      console.log(`# payload of a first visit incl. the sample (bytes raw / gzip -9): ${rows.join('; ')}`);
      console.log(`# payload total: ${raw} bytes raw, ${gz} bytes gzip -9 (${bodies.size} files)`);
      assert.ok(bodies.has('/pkg/copydesk_bg.wasm'));
    }
    await context.close();
  }
  const median = (xs) => {
    const v = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
    return v.length ? v[Math.floor(v.length / 2)] : NaN;
  };
  const f = (x) => (Number.isFinite(x) ? `${x.toFixed(0)} ms` : 'n/a');
  const col = (name) => median(runs.map((r) => r[name]));
  const visibleToFirst = runs.map((r) => r['first-analysis'] - r.fcp);
  const clickToFirst = runs.map((r) => r['first-analysis'] - r['sample-click']);
  console.log(
    `# from navigation (median of ${RUNS} cold loads): boot.js ran ${f(col('boot'))}, worker started ${f(col('worker-start'))}, WASM compiled ${f(col('wasm-compiled'))}, ready ${f(col('ready'))}, warm ${f(col('warm'))}; ` +
      `first contentful paint ${f(col('fcp'))}, DOMContentLoaded ${f(col('dcl'))}, sample clicked ${f(col('sample-click'))}, first analysis shown ${f(col('first-analysis'))}`,
  );
  console.log(`# visible (FCP) → first analysis of the sample shown: median ${f(median(visibleToFirst))} (runs: ${visibleToFirst.map((x) => x.toFixed(0)).join(', ')}); click → shown: median ${f(median(clickToFirst))}; the analysis itself in the worker: median ${f(col('analysisMs'))}`);
  const back = (name) => median(returning.map((r) => r[name]));
  const backVisible = returning.map((r) => r['first-analysis'] - r.fcp);
  console.log(
    `# returning visit (reload in the same browser, median of ${RUNS}): worker started ${f(back('worker-start'))}, WASM compiled ${f(back('wasm-compiled'))}, ready ${f(back('ready'))}, warm ${f(back('warm'))}; ` +
      `FCP ${f(back('fcp'))}, first analysis shown ${f(back('first-analysis'))}; visible → first analysis shown: median ${f(median(backVisible))} (runs: ${backVisible.map((x) => x.toFixed(0)).join(', ')})`,
  );
  console.log(`# a reader who presses "Try a sample" ${PACED_MS} ms after the page appears (cold load): click → first analysis shown: median ${f(median(paced))} (runs: ${paced.map((x) => x.toFixed(0)).join(', ')})`);
  assert.ok(median(visibleToFirst) < 10000);
  assert.ok(server.requests.length > 0);
});
