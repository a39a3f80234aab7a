// The provenance panel: the article's own publisher, byline, date and picture credit, with
// "Cite this article" recomputed (by the WASM in the worker) when the reader adds a URL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, nextAnalysis } from './helpers.mjs';

// Written for this test: a masthead appeal, a byline, a date line and a picture credit.
const PASTE = `Support The Harbour Gazette!

Port Authority Approves New Ferry Terminal

By Maria Keller

March 28, 2024

The port authority on Thursday approved a new ferry terminal on the east quay, its chair, Tomas Berg, said after a four-hour meeting.

Construction is expected to start in the autumn and to take two years, according to the authority's own planning report.

Ferries to the islands now leave from a temporary pier that residents have called unsafe for years.

The new terminal at dusk, in an architect's drawing. JONAS MEYER/Harbour Images via Nordic Photo Agency

"We have waited long enough," Berg told reporters.`;

test('the provenance panel shows the publisher, byline, date and credit, and citations follow edits', async (t) => {
  const { page, url, errors, guard } = await setup(t);
  await guard(page.goto(url));
  await page.fill('textarea#paste', PASTE);
  const done = nextAnalysis(page);
  await page.click('button:has-text("Analyze")');
  await guard(done);

  const panel = page.locator('#provenance-panel');
  const text = await panel.textContent();
  assert.match(text, /Provenance/);
  assert.match(text, /Cite this article/);
  const apa = panel.locator('.prov-citation-apa');
  const before = await apa.textContent();
  assert.match(before, /Keller/, 'the byline reaches the citation');
  assert.match(before, /2024/, 'the date reaches the citation');
  assert.match(before, /Port Authority Approves New Ferry Terminal/, 'the headline reaches the citation');
  assert.match(await panel.locator('.prov-citation-bibtex').textContent(), /@/);

  // The reader adds the URL (never fetched): the citations are rebuilt by the WASM.
  await panel.locator('input[type=url]').fill('https://example.org/ferry');
  await guard(page.waitForFunction(() => document.querySelector('.prov-citation-apa').textContent.includes('https://example.org/ferry'), null, { timeout: 10000 }));
  assert.deepEqual(errors, []);
});
