// Accessibility (axe-core: no serious or critical violation, light and dark, empty and with
// an analysis, with a claim and an entity selected), keyboard use, and the screenshots of
// each state under target/screenshots/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { setup, fixture, nextAnalysis, shot, ROOT } from './helpers.mjs';

const AXE = fs.readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

async function axe(page) {
  // Evaluated through the DevTools protocol: the page's CSP does not apply to it.
  if (!(await page.evaluate(() => !!window.axe))) await page.evaluate(AXE);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}

for (const scheme of ['light', 'dark']) {
  test(`no serious accessibility violations (${scheme})`, async (t) => {
    const { page, url, guard, errors } = await setup(t, { contextOptions: { colorScheme: scheme } });
    await guard(page.goto(url));
    await guard(page.waitForFunction(() => document.getElementById('version').textContent.length > 0));
    assert.deepEqual(await axe(page), [], 'empty page');
    await shot(page, `empty-${scheme}`);

    const done = nextAnalysis(page);
    await page.click('button:has-text("Try a sample")');
    await guard(done);
    await page.click('#entity-list button.entity');
    await page.click('[data-source] button.claim');
    await page.locator('[data-removed] summary').first().click();
    await page.waitForTimeout(600);
    assert.deepEqual(await axe(page), [], 'with an analysis');
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, `sample-${scheme}`);

    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(200);
    assert.deepEqual(await axe(page), [], 'narrow screen');
    await shot(page, `sample-narrow-${scheme}`);
    assert.deepEqual(errors, []);
  });
}

test('the page is usable from the keyboard', async (t) => {
  const { page, url, guard } = await setup(t);
  await guard(page.goto(url));
  await guard(page.waitForFunction(() => document.getElementById('version').textContent.length > 0));
  // Tab from the top reaches the skip link, then the box.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.className), 'skip-link');
  await page.focus('textarea#paste');
  await page.keyboard.insertText(fixture('article.txt'));
  const done = nextAnalysis(page); // debounced analysis on input
  await guard(done);
  // Tab to Analyze, then further on to the first Restore button; Enter restores.
  const order = [];
  await page.focus('button#analyze');
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    const label = await page.evaluate(() => document.activeElement.textContent.trim().slice(0, 30));
    order.push(label);
    if (label === 'Restore') break;
  }
  assert.equal(order.at(-1), 'Restore', `reached a Restore button: ${order.join(' | ')}`);
  const focusVisible = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.equal(focusVisible, 'solid', 'visible focus');
  const block = await page.evaluate(() => document.activeElement.dataset.block);
  const again = nextAnalysis(page);
  await page.keyboard.press('Enter');
  await guard(again);
  assert.equal(await page.locator(`.block.kept[data-block="${block}"]`).count(), 1);
  // Escape clears an entity selection.
  await page.click('#entity-list button.entity');
  assert.ok((await page.locator('mark.selected').count()) > 0);
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('mark.selected').count(), 0);
});

test('the print style sheet prints the clean article only', async (t) => {
  const { page, url, guard } = await setup(t);
  await guard(page.goto(url));
  const done = nextAnalysis(page);
  await page.click('button:has-text("Try a sample")');
  await guard(done);
  await page.emulateMedia({ media: 'print' });
  const visible = await page.evaluate(() => {
    const shown = (sel) => [...document.querySelectorAll(sel)].some((e) => e.getClientRects().length > 0);
    return { removed: shown('[data-removed]'), panels: shown('.panels'), input: shown('textarea'), body: shown('.block.kept') };
  });
  assert.deepEqual(visible, { removed: false, panels: false, input: false, body: true });
  await shot(page, 'print');
  const pdf = await page.pdf({ format: 'A4' });
  assert.ok(pdf.length > 1000);
});
