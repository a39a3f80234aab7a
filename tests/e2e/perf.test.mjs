// Figures for the report: time from navigation to the first analysis of the sample (the
// page's performance marks, median of 3 cold loads) and the page's payload: every file a
// first visit loads, raw and gzip -9.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import { setup, nextAnalysis } from './helpers.mjs';

test('time to first analysis and payload', async (t) => {
  const { browser, url, server } = await setup(t);
  const runs = [];
  for (let i = 0; i < 3; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const bodies = new Map();
    page.on('response', async (res) => {
      if (res.url().startsWith(url) && res.status() === 200) bodies.set(new URL(res.url()).pathname, await res.body().catch(() => null));
    });
    await page.goto(url, { waitUntil: 'commit' });
    await page.waitForFunction(() => window.copydesk); // the button works once app.js ran
    const done = nextAnalysis(page, 30000).catch(() => null);
    await page.click('#sample');
    await done;
    await page.waitForFunction(() => performance.getEntriesByName('copydesk:first-analysis').length > 0);
    const marks = await page.evaluate(() => Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime])));
    const nav = await page.evaluate(() => {
      const n = performance.getEntriesByType('navigation')[0];
      return { domContentLoaded: n.domContentLoadedEventEnd, load: n.loadEventEnd };
    });
    runs.push({ marks, nav });
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
  const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const first = median(runs.map((r) => r.marks['copydesk:first-analysis']));
  const ready = median(runs.map((r) => r.marks['copydesk:ready']));
  const dcl = median(runs.map((r) => r.nav.domContentLoaded));
  console.log(`# navigation → DOMContentLoaded ${dcl.toFixed(0)} ms, → WASM ready in the worker ${ready.toFixed(0)} ms, → first analysis of the sample shown ${first.toFixed(0)} ms (median of 3)`);
  assert.ok(first < 10000);
  assert.ok(server.requests.length > 0);
});
