// The page end to end: load, paste, analyse, restore and remove blocks, the panels, the
// sample, opening files, pasting HTML, the exports; no console errors and no request that
// leaves 127.0.0.1.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { setup, fixture, nextAnalysis, shot, FIXTURES } from './helpers.mjs';

async function pasteAndAnalyze(page, guard, text) {
  await page.fill('textarea#paste', text);
  const done = nextAnalysis(page);
  await page.click('button:has-text("Analyze")');
  return guard(done);
}

const onlyLocal = (requests) => requests.filter((u) => !/^(http:\/\/127\.0\.0\.1:\d+\/|blob:|data:)/.test(u));

test('the page loads without console errors and shows its version', async (t) => {
  const { page, url, errors, guard, requests } = await setup(t);
  await guard(page.goto(url));
  await guard(page.waitForFunction(() => document.getElementById('version').textContent.length > 0, null, { timeout: 20000 }));
  // One textarea (compare mode adds its box on demand), so `locator('textarea')` is unambiguous.
  assert.equal(await page.locator('textarea').count(), 1);
  assert.equal(await page.locator('button', { hasText: 'Analyze' }).count(), 1);
  assert.deepEqual(errors, []);
  assert.deepEqual(onlyLocal(requests), []);
  await shot(page, 'empty-light');
});

test('pasting an article marks entities, collapses boilerplate with reasons and lists sources', async (t) => {
  const { page, url, errors, guard, requests } = await setup(t);
  await guard(page.goto(url));
  await pasteAndAnalyze(page, guard, fixture('article.txt'));

  for (const type of ['PERSON', 'ORG', 'DATE']) {
    assert.ok((await page.locator(`mark[data-type=${type}]`).count()) > 0, `a ${type} mark`);
  }
  // Every mark is labelled for readers who cannot tell the colours apart.
  const unlabelled = await page.$$eval('mark[data-type]', (ms) => ms.filter((m) => !m.title || !m.dataset.tag).length);
  assert.equal(unlabelled, 0);

  const removed = page.locator('[data-removed]');
  assert.ok((await removed.count()) >= 5, 'several removed blocks');
  const first = removed.first();
  assert.equal(await first.locator('button').count(), 1, 'one button: Restore');
  assert.equal(await first.locator('details').count(), 1, 'collapsed in a details element');
  assert.equal(await first.locator('details').getAttribute('open'), null, 'collapsed');
  const reasons = await removed.evaluateAll((els) => els.map((e) => [e.dataset.removed, e.querySelector('summary').textContent]));
  for (const [code, summary] of reasons) {
    assert.match(summary, /^Removed: [a-z]/, `reason in words for ${code}`);
    assert.ok(!summary.includes('_'), `no code in "${summary}"`);
  }
  assert.ok(reasons.some(([code]) => code === 'counter'), 'the share counters were removed');
  // The removed text stays in the page.
  const texts = await page.$$eval('[data-removed] .removed-text', (ps) => ps.map((p) => p.textContent));
  assert.ok(texts.includes('27'));

  const sources = page.locator('[data-source]');
  assert.ok((await sources.count()) > 0, 'sources are listed');
  assert.ok((await page.locator('#stats').textContent()).includes('words kept'));
  assert.deepEqual(errors, []);
  assert.deepEqual(onlyLocal(requests), []);
  await shot(page, 'article-light');
});

test('removing and restoring a block re-runs the analysis and updates entities', async (t) => {
  const { page, url, errors, guard } = await setup(t);
  await guard(page.goto(url));
  await pasteAndAnalyze(page, guard, fixture('article.txt'));

  // A kept block with entities in it.
  const block = await page.$$eval('.block.kept', (els) => {
    const el = els.find((e) => e.querySelectorAll('mark[data-type]').length >= 2);
    return el && { index: el.dataset.block, marks: el.querySelectorAll('mark[data-type]').length, text: el.querySelector('.block-text').textContent };
  });
  assert.ok(block, 'a kept block with at least two entities');
  const before = await page.locator('mark[data-type]').count();

  let done = nextAnalysis(page);
  await page.click(`.block.kept[data-block="${block.index}"] button:has-text("Remove")`);
  await guard(done);
  const removed = page.locator(`[data-removed][data-block="${block.index}"]`);
  assert.equal(await removed.count(), 1, 'the block is now removed');
  assert.equal(await removed.getAttribute('data-removed'), 'reader_removed');
  assert.match(await removed.locator('summary').textContent(), /Removed by you/);
  assert.equal(await removed.locator('.removed-text').textContent(), block.text);
  assert.equal(await page.locator('mark[data-type]').count(), before - block.marks, 'its entities are gone');

  done = nextAnalysis(page);
  await removed.locator('button', { hasText: 'Restore' }).click();
  await guard(done);
  assert.equal(await page.locator(`.block.kept[data-block="${block.index}"]`).count(), 1, 'body again');
  assert.equal(await page.locator('mark[data-type]').count(), before, 'its entities are back');

  // Restore a block the classifier removed: it becomes body, kept by the reader.
  const target = await page.$$eval('[data-removed]', (els) => {
    const el = els.filter((e) => e.dataset.removed !== 'counter').sort((x, y) => y.querySelector('.removed-text').textContent.length - x.querySelector('.removed-text').textContent.length)[0];
    return el.dataset.block;
  });
  const keptBefore = await page.locator('.block.kept').count();
  done = nextAnalysis(page);
  await page.click(`[data-removed][data-block="${target}"] button:has-text("Restore")`);
  await guard(done);
  const restored = page.locator(`.block.kept[data-block="${target}"]`);
  assert.equal(await restored.count(), 1);
  assert.equal(await restored.getAttribute('data-reason'), 'reader_kept');
  assert.equal(await page.locator('.block.kept').count(), keptBefore + 1);
  const consistent = await page.evaluate(() => {
    const a = window.copydesk.analysis;
    return a.entities.length === document.querySelectorAll('#article mark[data-type]').length;
  });
  assert.ok(consistent, 'one mark per entity of the new analysis');
  // Focus stays on the block's control, for keyboard users.
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Remove');
  assert.deepEqual(errors, []);
});

test('try a sample: headline, counters, caption credit, newsletter, donation, read more', async (t) => {
  const { page, url, errors, guard } = await setup(t);
  await guard(page.goto(url));
  await guard(page.waitForFunction(() => document.getElementById('version').textContent.length > 0));
  const done = nextAnalysis(page);
  await page.click('button:has-text("Try a sample")');
  await guard(done);
  const text = await page.inputValue('textarea#paste');
  assert.match(text, /JANE DOE\/Northfield Press\/AFP via Getty Images/);
  const codes = await page.$$eval('[data-removed]', (els) => els.map((e) => e.dataset.removed));
  for (const code of ['counter', 'photo_credit', 'newsletter', 'donation']) assert.ok(codes.includes(code), `removed ${code}`);
  assert.ok((await page.locator('mark[data-type=PERSON]').count()) > 0);
  assert.ok((await page.locator('[data-source]').count()) > 0);
  assert.match(await page.textContent('#input-status'), /Sample/);
  const marks = await page.evaluate(() => Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime])));
  const firstAnalysis = marks['copydesk:first-analysis'];
  assert.ok(firstAnalysis > 0);
  console.log(`# navigation to first analysis of the sample: ${firstAnalysis.toFixed(0)} ms (WASM ready at ${marks['copydesk:ready'].toFixed(0)} ms)`);
  assert.deepEqual(errors, []);
});

test('side panels that scroll fade at the bottom while more is below, not at the end', async (t) => {
  const { page, url, errors, guard } = await setup(t, { contextOptions: { viewport: { width: 1280, height: 600 } } });
  await guard(page.goto(url));
  await guard(page.waitForFunction(() => document.getElementById('version').textContent.length > 0));
  const done = nextAnalysis(page);
  await page.click('button:has-text("Try a sample")');
  await guard(done);
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight / 2));
  const faded = () => page.evaluate(() => document.querySelector('.panels').classList.contains('more-below'));
  await page.waitForFunction(() => document.querySelector('.panels').classList.contains('more-below'));
  const mask = await page.evaluate(() => getComputedStyle(document.querySelector('.panels')).maskImage);
  assert.match(mask, /linear-gradient/, 'the fade is drawn');
  await page.evaluate(() => { const p = document.querySelector('.panels'); p.scrollTop = p.scrollHeight; });
  await page.waitForFunction(() => !document.querySelector('.panels').classList.contains('more-below'));
  assert.equal(await faded(), false, 'no fade once scrolled to the end');
  await page.evaluate(() => { document.querySelector('.panels').scrollTop = 0; });
  await page.waitForFunction(() => document.querySelector('.panels').classList.contains('more-below'));
  assert.deepEqual(errors, []);
});

test('open a .txt and an .html file', async (t) => {
  const { page, url, errors, guard } = await setup(t);
  await guard(page.goto(url));
  let done = nextAnalysis(page);
  await page.setInputFiles('input[type=file]', path.join(FIXTURES, 'article.txt'));
  await guard(done);
  assert.match(await page.textContent('#input-status'), /Opened article\.txt as text/);
  assert.ok((await page.locator('mark[data-type]').count()) > 0);

  done = nextAnalysis(page);
  await page.setInputFiles('input[type=file]', path.join(FIXTURES, 'article.html'));
  await guard(done);
  assert.match(await page.textContent('#input-status'), /Opened article\.html as HTML/);
  const a = await page.evaluate(() => ({ input: window.copydesk.analysis.input, text: window.copydesk.analysis.text }));
  assert.equal(a.input, 'html');
  assert.ok(!a.text.includes('<p>'), 'the page text, not the markup');
  // The box shows the page's text, not its markup.
  assert.ok(!(await page.inputValue('textarea#paste')).includes('<article>'));
  assert.ok((await page.locator('[data-removed="navigation"]').count()) > 0);
  assert.deepEqual(errors, []);
});

test('pasting a copied web page uses its HTML and says so', async (t) => {
  const { page, url, errors, guard } = await setup(t);
  await guard(page.goto(url));
  await guard(page.waitForFunction(() => document.getElementById('version').textContent.length > 0));
  const html = fixture('article.html');
  const done = nextAnalysis(page);
  await page.evaluate((h) => {
    const data = new DataTransfer();
    data.setData('text/html', h);
    data.setData('text/plain', 'Ferry Service Returns to Orla Island After Six Weeks (plain)');
    const box = document.querySelector('textarea');
    box.focus();
    box.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, html);
  await guard(done);
  assert.equal(await page.textContent('#input-status'), 'Pasted as HTML');
  assert.equal(await page.evaluate(() => window.copydesk.analysis.input), 'html');
  // A page pasted over a box that already holds text replaces it (markup alone, no text/plain).
  const replaced = nextAnalysis(page);
  await page.evaluate((h) => {
    const data = new DataTransfer();
    data.setData('text/html', h.replaceAll('Orla Island', 'Skerry Island'));
    const box = document.querySelector('textarea');
    box.focus();
    box.setSelectionRange(3, 3);
    box.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, html);
  await guard(replaced);
  assert.equal(await page.textContent('#input-status'), 'Pasted as HTML');
  assert.match(await page.inputValue('textarea'), /Skerry Island/);
  assert.ok((await page.locator('[data-removed]').count()) > 0);
  // The reader can switch to the plain text and back.
  let switched = nextAnalysis(page);
  await page.click('button:has-text("Read as plain text instead")');
  await guard(switched);
  assert.equal(await page.evaluate(() => window.copydesk.analysis.input), 'text');
  assert.equal(await page.textContent('#input-status'), 'Pasted as text');
  switched = nextAnalysis(page);
  await page.click('button:has-text("Use the page\'s HTML again")');
  await guard(switched);
  assert.equal(await page.evaluate(() => window.copydesk.analysis.input), 'html');
  // Plain text pasted into an empty box is read as text.
  await page.click('button:has-text("Clear")');
  const done2 = nextAnalysis(page);
  await page.evaluate(() => {
    const data = new DataTransfer();
    data.setData('text/plain', 'The minister said on Monday that the bridge would reopen.');
    const box = document.querySelector('textarea');
    box.focus();
    const ok = box.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    // Synthetic events do not insert text: do what the browser would.
    if (ok) {
      box.value = data.getData('text/plain');
      box.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
    }
  });
  await guard(done2);
  assert.equal(await page.textContent('#input-status'), 'Pasted as text');
  // A long article pasted into an empty box shows its start, not its end.
  await page.click('button:has-text("Clear")');
  const done3 = nextAnalysis(page);
  const shown = await page.evaluate(() => {
    const text = Array.from({ length: 200 }, (_, i) => `Paragraph ${i + 1}: the council met again on the harbour wall.`).join('\n\n');
    const data = new DataTransfer();
    data.setData('text/plain', text);
    const box = document.querySelector('textarea');
    box.focus();
    if (box.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }))) {
      box.value = text; // as the browser does: the caret after the pasted text, scrolled to it
      box.setSelectionRange(text.length, text.length);
      box.scrollTop = box.scrollHeight;
      box.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
    }
    return { scrollTop: box.scrollTop, caret: box.selectionStart, scrollable: box.scrollHeight > box.clientHeight };
  });
  await guard(done3);
  assert.ok(shown.scrollable, 'the pasted text is longer than the box');
  assert.deepEqual([shown.scrollTop, shown.caret], [0, 0]);
  assert.deepEqual(errors, []);
});

test('the entities panel highlights and steps through mentions; a claim marks its cue and content', async (t) => {
  const { page, url, errors, guard } = await setup(t);
  await guard(page.goto(url));
  await pasteAndAnalyze(page, guard, fixture('article.txt'));

  // The group with the most mentions.
  const button = page.locator('#entity-list button.entity').first();
  const group = await button.getAttribute('data-group');
  const mentions = await page.locator(`#article mark[data-group="${group}"]`).count();
  await button.click();
  assert.equal(await button.getAttribute('aria-pressed'), 'true');
  assert.equal(await page.locator('#article mark.selected').count(), mentions);
  assert.equal(await page.locator(`#article mark.current[data-group="${group}"]`).count(), 1);
  assert.match(await page.textContent('#stepper-text'), new RegExp(`mention 1 of ${mentions}`));
  if (mentions > 1) {
    await page.click('#next-mention');
    assert.match(await page.textContent('#stepper-text'), new RegExp(`mention 2 of ${mentions}`));
  }
  // The type filter hides a type from the list.
  const type = await page.locator('#entity-list li').first().getAttribute('data-type');
  await page.click(`#type-filter button[data-type="${type}"]`);
  assert.equal(await page.locator(`#entity-list li[data-type="${type}"]`).count(), 0);
  await page.click(`#type-filter button[data-type="${type}"]`);
  assert.ok((await page.locator(`#entity-list li[data-type="${type}"]`).count()) > 0);

  // The search box narrows the list to matching names and aliases.
  const name = await page.locator('#entity-list .entity-name').first().evaluate((e) => e.firstChild.textContent);
  await page.fill('#entity-search', name.slice(0, 5));
  const names = await page.$$eval('#entity-list .entity-name', (els) => els.map((e) => e.textContent.toLowerCase()));
  assert.ok(names.length > 0 && names.every((n) => n.includes(name.slice(0, 5).toLowerCase())), names.join(' | '));
  await page.fill('#entity-search', '');

  // Each claim: its cue and content are marked in the article (only its own), and the last
  // one clicked is scrolled into view.
  const claims = page.locator('[data-source] button.claim');
  const n = await claims.count();
  assert.ok(n > 0);
  for (let k = 0; k < n; k++) {
    const claim = claims.nth(k);
    const index = Number(await claim.getAttribute('data-claim'));
    await claim.click();
    assert.equal(await claim.getAttribute('aria-pressed'), 'true');
    const expected = await page.evaluate((i) => {
      const a = window.copydesk.analysis;
      const at = a.attributions[i];
      return { cue: a.text.slice(at.cue[0], at.cue[1]), content: at.content_parts.map(([s, e]) => a.text.slice(s, e)).join('') };
    }, index);
    const shown = await page.evaluate(() => ({
      cue: [...document.querySelectorAll('#article mark.cue')].map((m) => m.textContent).join(''),
      content: [...document.querySelectorAll('#article span.content')].map((m) => m.textContent).join(''),
    }));
    assert.equal(shown.cue, expected.cue, `cue of claim ${index}`);
    assert.equal(shown.content, expected.content, `content of claim ${index}`);
  }
  await page.waitForTimeout(700); // smooth scrolling
  const inView = await page.evaluate(() => {
    const r = document.querySelector('#article span.content, #article mark.cue').getBoundingClientRect();
    return r.bottom > 0 && r.top < window.innerHeight;
  });
  assert.ok(inView, 'the claim is scrolled into view');
  await shot(page, 'claim-selected-light');
  assert.deepEqual(errors, []);
});

test('exports: clean text, JSON, Markdown and HTML', async (t) => {
  const { page, context, url, errors, guard } = await setup(t);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: url.replace(/\/$/, '') });
  await guard(page.goto(url));
  await pasteAndAnalyze(page, guard, fixture('article.txt'));

  await page.click('button:has-text("Copy clean text")');
  await page.waitForFunction(() => document.getElementById('copy-text').textContent.startsWith('Copied'));
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(copied, /Oskar Lindqvist/);
  assert.ok(!copied.includes('Accept all cookies'), 'no boilerplate in the clean text');

  const grab = async (label) => {
    const [dl] = await Promise.all([page.waitForEvent('download'), page.click(`.exports button:has-text("${label}")`)]);
    return { name: dl.suggestedFilename(), text: fs.readFileSync(await dl.path(), 'utf8') };
  };
  const json = await grab('JSON');
  assert.match(json.name, /\.json$/);
  const parsed = JSON.parse(json.text);
  assert.ok(Array.isArray(parsed.blocks) && parsed.entities.length > 0 && parsed.stats.words_kept > 0);

  const md = await grab('Markdown');
  assert.match(md.name, /\.md$/);
  assert.match(md.text, /## Entities/);
  assert.match(md.text, /Oskar Lindqvist/);

  const html = await grab('HTML');
  assert.match(html.name, /\.html$/);
  assert.match(html.text, /^<!doctype html>/);
  assert.match(html.text, /Content-Security-Policy/);
  assert.ok(!/<script/i.test(html.text), 'no script in the exported page');
  // The exported page opens on its own and shows the article.
  const other = await context.newPage();
  await other.setContent(html.text);
  assert.ok((await other.locator('mark[data-type]').count()) > 0);
  assert.deepEqual(errors, []);
});

test('compare mode lists what two versions share and what only one has', async (t) => {
  const { page, url, errors, guard } = await setup(t);
  await guard(page.goto(url));
  await page.check('#compare-toggle');
  const second = fixture('article.txt').replace('Oskar Lindqvist', 'Ingrid Saar').replace(/Maya Osei/g, 'Rohan Patel');
  await page.fill('#paste-b', second);
  await pasteAndAnalyze(page, guard, fixture('article.txt'));
  await page.waitForSelector('#compare:not([hidden])');
  const text = await page.textContent('#compare');
  assert.match(text, /In both/);
  const onlyFirst = await page.locator('#compare .compare-part').first().locator('.compare-col').nth(1).textContent();
  const onlySecond = await page.locator('#compare .compare-part').first().locator('.compare-col').nth(2).textContent();
  assert.match(onlyFirst, /Maya Osei/);
  assert.match(onlySecond, /Rohan Patel/);
  await shot(page, 'compare-light');
  assert.deepEqual(errors, []);
});

test('dropping a file or a selection on the box analyses it', async (t) => {
  const { page, url, errors, guard } = await setup(t);
  await guard(page.goto(url));
  await guard(page.waitForFunction(() => document.getElementById('version').textContent.length > 0));
  const drop = (files, html) =>
    page.evaluate(
      ([f, h]) => {
        const data = new DataTransfer();
        if (f) data.items.add(new File([f.text], f.name, { type: f.type }));
        if (h) data.setData('text/html', h);
        const zone = document.getElementById('dropzone');
        zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
        zone.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
      },
      [files, html],
    );
  let done = nextAnalysis(page);
  await drop({ text: fixture('article.html'), name: 'ferry.html', type: 'text/html' }, null);
  await guard(done);
  assert.equal(await page.textContent('#input-status'), 'Dropped ferry.html as HTML');
  assert.ok((await page.locator('mark[data-type]').count()) > 0);
  done = nextAnalysis(page);
  await drop(null, '<p>The mayor, Ana Lima, said on Friday that the park would reopen.</p>');
  await guard(done);
  assert.equal(await page.textContent('#input-status'), 'Dropped as HTML');
  assert.deepEqual(errors, []);
});

test('Ctrl+Enter analyses; without Web Workers the page analyses on the main thread', async (t) => {
  const { page, context, url, errors, guard } = await setup(t);
  await context.addInitScript(() => {
    delete window.Worker;
  });
  await guard(page.goto(url));
  await guard(page.waitForFunction(() => document.getElementById('version').textContent.length > 0));
  assert.equal(await page.evaluate(() => window.copydesk.mode), 'main-thread');
  await page.fill('textarea#paste', fixture('article.txt'));
  const done = nextAnalysis(page);
  await page.press('textarea#paste', 'Control+Enter');
  await guard(done);
  assert.ok((await page.locator('mark[data-type=PERSON]').count()) > 0);
  assert.deepEqual(errors, []);
});

test('options: keep everything, and strict or gentle cleaning', async (t) => {
  const { page, url, errors, guard } = await setup(t);
  await guard(page.goto(url));
  await pasteAndAnalyze(page, guard, fixture('article.txt'));
  const kept = () => page.evaluate(() => window.copydesk.analysis.stats.words_kept);
  const balanced = await kept();
  let done = nextAnalysis(page);
  await page.selectOption('#favor', 'precision');
  await guard(done);
  assert.equal(await page.evaluate(() => window.copydesk.analysis.blocks.length > 0), true);
  const strict = await kept();
  done = nextAnalysis(page);
  await page.selectOption('#favor', 'recall');
  await guard(done);
  const gentle = await kept();
  assert.ok(strict <= balanced && balanced <= gentle, `strict ${strict} <= balanced ${balanced} <= gentle ${gentle}`);
  done = nextAnalysis(page);
  await page.check('#whole');
  await guard(done);
  assert.equal(await page.locator('[data-removed]').count(), 0, 'nothing removed');
  assert.ok((await kept()) > gentle);
  assert.deepEqual(errors, []);
});
