// Long lists (blocks, entities) travel from the worker as columns and are rebuilt on the page
// a slice at a time (worker.js pack, analyzer.js unpack). The rebuilt analysis must be the
// very same as the engine's own result: compared here, as JSON, with the WASM run directly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, nextAnalysis } from './helpers.mjs';

/** Thousands of short paragraphs, each with names, a date, a figure and a quote. */
function manyParagraphs(n) {
  const people = ['Ana Lima', 'Tomas Berg', 'Ruth Okafor', 'Jan Meyer', 'Mira Solberg'];
  const places = ['Port Elden', 'Northgate', 'Valmora', 'Kestrel Bay'];
  const lines = ['Harbour council approves new ferry timetable', '', 'By Ana Lima', ''];
  for (let i = 0; i < n; i++) {
    const who = people[i % people.length];
    const where = places[i % places.length];
    lines.push(`${who} said in ${where} on May ${(i % 28) + 1} that ${i + 3} crossings would run, “starting next week.”`);
    if (i % 7 === 0) lines.push('Share this article');
    lines.push('');
  }
  return lines.join('\n');
}

test('a long analysis reaches the page as columns and is rebuilt exactly', { timeout: 5 * 60 * 1000 }, async (t) => {
  const { page, url, guard, errors } = await setup(t);
  await guard(page.goto(url));
  await guard(page.waitForFunction(() => document.getElementById('version').textContent.length > 0));
  const text = manyParagraphs(2500);
  const done = nextAnalysis(page, 4 * 60 * 1000);
  await page.setInputFiles('input[type=file]', { name: 'long.txt', mimeType: 'text/plain', buffer: Buffer.from(text) });
  await guard(done);
  const { shown, timings, blocks, entities } = await page.evaluate(() => ({
    shown: JSON.stringify(window.copydesk.analysis),
    timings: window.copydesk.analyzer.timings,
    blocks: window.copydesk.analysis.blocks.length,
    entities: window.copydesk.analysis.entities.length,
  }));
  assert.ok(blocks >= 2000 && entities >= 2000, `long enough to be packed: ${blocks} blocks, ${entities} entities`);
  assert.ok(timings && timings.unpackMs > 0, 'the result came as columns');
  const direct = await page.evaluate(async (input) => {
    const glue = await import('/pkg/copydesk.js');
    await glue.default();
    return JSON.stringify(glue.analyze(input, { input: 'auto', favor: 'balanced', whole: false, keep: [], remove: [] }));
  }, text);
  assert.equal(shown.length, direct.length);
  assert.ok(shown === direct, 'the rebuilt analysis equals the engine’s, key for key');
  console.log(`# ${blocks} blocks, ${entities} entities: worker ${timings.workerMs.toFixed(0)} ms, to the page ${timings.transferMs.toFixed(0)} ms, rebuilt in slices over ${timings.unpackMs.toFixed(0)} ms`);
  assert.deepEqual(errors, []);
});
