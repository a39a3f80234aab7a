// A long run of removed blocks (a page's menus, its footer) shows its first rows and one
// button for the rest, which stay in the page (hidden) until the reader asks for them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, nextAnalysis, shot } from './helpers.mjs';

/** An article followed by a fifteen-line site footer. */
function pageWithLongFooter() {
  const article = [
    'Harbour council approves new ferry timetable',
    'By Ana Lima',
    'The Port Elden council voted on Monday to add twelve ferry crossings a day, a change the mayor, Ruth Okafor, said would cost the town $4.5 million over three years.',
    '“We listened to the islanders, and they told us the last boat leaves far too early,” Okafor told reporters after the vote.',
    'Ferry operators said they would need to hire at least thirty new crew members before the summer season, according to a statement from the harbour authority.',
    'Tomas Berg, who chairs the islanders’ association, said the new timetable was “a good start” but that fares were still too high for many families.',
  ];
  const footer = ['Home', 'World', 'Business', 'Sport', 'Culture', 'Opinion', 'Video', 'Podcasts', 'Newsletters', 'Contact us', 'Privacy policy', 'Terms of use', 'Cookie settings', 'Advertise with us', '© 2024 Elden Media. All rights reserved.'];
  return [...article, ...footer].join('\n\n');
}

test('a long run of removed blocks collapses behind one button', async (t) => {
  const { page, url, guard, errors } = await setup(t);
  await guard(page.goto(url));
  await guard(page.waitForFunction(() => document.getElementById('version').textContent.length > 0));
  await page.fill('textarea#paste', pageWithLongFooter());
  const done = nextAnalysis(page);
  await page.click('button:has-text("Analyze")');
  await guard(done);

  const run = await page.evaluate(() => {
    const a = window.copydesk.analysis;
    let best = 0;
    let cur = 0;
    for (const b of a.blocks) {
      cur = !b.keep && b.class !== 'metadata' ? cur + 1 : 0;
      best = Math.max(best, cur);
    }
    return best;
  });
  assert.ok(run >= 10, `the footer is one run of removed blocks (${run})`);
  const more = page.locator('.run-more button');
  assert.equal(await more.count(), 1, 'one button for the run');
  assert.equal(await more.textContent(), `Show ${run - 3} more set aside here`);
  assert.ok((await page.textContent('.run-more .run-what')).length > 0, 'says what they are');
  // Every removed block is still in the page; only the first rows of the run show.
  assert.equal(await page.locator('[data-removed]').count(), run);
  assert.equal(await page.locator('[data-removed]:visible').count(), 3);
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await shot(page, 'run-collapsed', { fullPage: false });

  await more.click();
  assert.equal(await page.locator('.run-more').count(), 0, 'the button is gone');
  assert.equal(await page.locator('[data-removed]:visible').count(), run, 'all rows show');
  // A row that was hidden restores like any other.
  const last = page.locator('[data-removed]').last();
  const index = await last.getAttribute('data-block');
  const again = nextAnalysis(page);
  await last.locator('button', { hasText: 'Restore' }).click();
  await guard(again);
  assert.equal(await page.locator(`.block.kept[data-block="${index}"]`).count(), 1);
  assert.ok(await page.locator(`.block.kept[data-block="${index}"]`).isVisible());
  assert.deepEqual(errors, []);
});

// A cancel (or a newer run) that comes while a run still waits for a starting worker rejects
// that run before anyone could handle it: the page must not report an unhandled rejection.
test('cancelling a run that waits for a starting worker raises no page error', async (t) => {
  const { page, url, guard, errors } = await setup(t);
  await guard(page.goto(url));
  await guard(page.waitForFunction(() => document.getElementById('version').textContent.length > 0));
  const outcome = await page.evaluate(async () => {
    const analyzer = window.copydesk.analyzer;
    // Handled at once, as the page does (`await analyzer.run(…)` in a try).
    const outcome = (p) => p.then(() => 'resolved', (err) => err.message);
    const first = outcome(analyzer.run('A first text. '.repeat(10), {}));
    analyzer.cancel(); // terminates the worker and starts a fresh one: `ready` is pending
    const waiting = outcome(analyzer.run('A second text. '.repeat(10), {}));
    analyzer.cancel(); // rejects the run while it still awaits the new worker
    await new Promise((resolve) => setTimeout(resolve, 200)); // unhandled rejections are reported by now
    const reasons = await Promise.all([first, waiting]);
    const last = await analyzer.run('Jane Doe said the plan was good.', {});
    return { reasons, last: last.analysis.text.length };
  });
  assert.deepEqual(outcome.reasons, ['cancelled', 'cancelled']);
  assert.ok(outcome.last > 0, 'the next run works');
  assert.deepEqual(errors, []);
});
