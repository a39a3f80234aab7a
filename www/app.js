// The page: reads what the reader pastes, opens or drops, asks the worker for an analysis
// and shows it: the metadata, the article with entity marks and the removed blocks in
// place, the entities and sources panels, the stats line and the exports.
//
// Safety: user text reaches the DOM only as text nodes (el() and textContent); nothing is
// ever assigned to innerHTML, and the CSP forbids inline script and style.

import { Analyzer } from './analyzer.js';
import { ENTITY_TYPES, CLAIM_KINDS, reasonLabel, sourceTypeLabel, typeLabel, typeTag } from './labels.js';
import { cleanText, markdown, htmlPage, download, fileName, sourceGroups } from './exports.js';
import { compareAnalyses } from './compare.js';
import { renderProvenance } from './provenance.js';

performance.mark('copydesk:start');

/** Above this many characters: progress text, a Cancel button and a slower debounce. */
const LARGE_INPUT = 1_000_000;
/** The library refuses more (MAX_INPUT_BYTES in src/lib.rs). */
const MAX_INPUT_BYTES = 32 * 1024 * 1024;
/** Blocks rendered at a time, so a very long paste does not freeze the page. */
const BLOCKS_PER_CHUNK = 200;
/** A paste offering HTML and at least this much text is a new article, not an edit. */
const WHOLE_ARTICLE_PASTE = 500;
/** A text longer than LARGE_INPUT is kept aside; the box shows this much of its beginning. */
const PREVIEW_CHARS = 20_000;
/** Metadata lines shown above the article; any more (a paste of many pages) stay in place. */
const MAX_META_BLOCKS = 8;
/** A run of at least this many removed blocks in a row (a page's menus, its footer) shows its
 *  first RUN_SHOWN rows and a button for the rest; the rest stay in the page, hidden. */
const RUN_COLLAPSE = 10;
const RUN_SHOWN = 3;
/** Entity groups and sources listed before a "Show all" button. */
const LIST_LIMIT = 120;

const $ = (id) => document.getElementById(id);
const ui = {
  paste: $('paste'),
  analyze: $('analyze'),
  sample: $('sample'),
  open: $('open'),
  file: $('file'),
  clear: $('clear'),
  favor: $('favor'),
  whole: $('whole'),
  compareToggle: $('compare-toggle'),
  compareBox: $('compare-box'),
  inputGrid: $('input-grid'),
  dropzone: $('dropzone'),
  status: $('input-status'),
  switchInput: $('switch-input'),
  progress: $('progress'),
  progressText: $('progress-text'),
  cancel: $('cancel'),
  empty: $('empty'),
  results: $('results'),
  stats: $('stats'),
  warnings: $('warnings'),
  compare: $('compare'),
  article: $('article'),
  meta: $('article-meta'),
  body: $('article-body'),
  typeFilter: $('type-filter'),
  entityList: $('entity-list'),
  entitySearch: $('entity-search'),
  entitiesCount: $('entities-count'),
  stepper: $('stepper'),
  stepperText: $('stepper-text'),
  prev: $('prev-mention'),
  next: $('next-mention'),
  clearSelection: $('clear-selection'),
  sourceList: $('source-list'),
  sourcesCount: $('sources-count'),
  provenance: $('provenance-panel'),
  version: $('version'),
};

// Compare mode's second box, attached only while compare mode is on.
ui.pasteB = el('textarea', { id: 'paste-b', name: 'article-b', spellcheck: 'false', autocomplete: 'off', placeholder: 'Paste a second article to compare who and what each version cites.' });
const pasteBLabel = el('label', { for: 'paste-b', class: 'input-label' }, 'Second version ', el('span', { class: 'hint' }, "another outlet's report of the same story"));

const state = {
  /** What is analysed: the textarea (text), or HTML or a very long text kept aside. */
  source: { kind: 'text', html: null, text: null, how: 'typed', name: '', forceText: false },
  keep: new Set(),
  remove: new Set(),
  analysis: null,
  index: null,
  hiddenTypes: new Set(),
  showAllEntities: false,
  showAllSources: false,
  group: null,
  mention: 0,
  claim: null,
  runId: 0,
  analysedOnce: false,
  compare: null,
};

const analyzer = new Analyzer();
analyzer.ready.then(
  (v) => {
    ui.version.textContent = v;
    performance.mark('copydesk:ready');
  },
  (err) => showError(`Copydesk could not start: ${err.message}`),
);

// ---------------------------------------------------------------- DOM helpers

/** el('p', {class, text, dataset, on, ...attributes}, ...children): children are nodes or strings (text nodes). */
function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k === 'text') node.textContent = v;
    else if (k === 'on') for (const [ev, fn] of Object.entries(v)) node.addEventListener(ev, fn);
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false) node.append(c);
  return node;
}

/** 12,345: what toLocaleString('en') gives for counts, without its one-time cost (~15 ms on a first analysis). */
const count = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
const plural = (n, one, many = `${one}s`) => `${count(n)} ${n === 1 ? one : many}`;
const formatBytes = (n) => (n >= 1e6 ? `${(n / 1e6).toFixed(1)} MB` : n >= 1e3 ? `${Math.round(n / 1e3)} KB` : `${n} bytes`);
const reducedMotion = () => window.matchMedia('(prefers-reduced-motion: reduce)').matches;
const scrollOpts = () => ({ block: 'center', behavior: reducedMotion() ? 'auto' : 'smooth' });
const shorten = (s, n) => (s.length > n ? `${s.slice(0, n - 1).trimEnd()}…` : s);

function setStatus(text, kind = '') {
  ui.status.textContent = text;
  ui.status.className = `input-status ${kind}`;
}

function showError(message) {
  setStatus(message, 'error');
}

// ---------------------------------------------------------------- input

function setSource(kind, how, { html = null, text = null, name = '' } = {}) {
  state.source = { kind, html, text, how, name, forceText: false };
  state.keep.clear();
  state.remove.clear();
  ui.paste.readOnly = false;
}

/** Puts `text` in the box, or, when it is very long, keeps it aside and shows its beginning:
 *  a textarea holding megabytes of text takes many seconds to lay out. */
function loadText(text, how, name = '') {
  if (text.length <= LARGE_INPUT) {
    ui.paste.value = text;
    setSource('text', how, { name });
    return;
  }
  setSource('text', how, { text, name });
  const rest = text.length - PREVIEW_CHARS;
  ui.paste.value = `${text.slice(0, PREVIEW_CHARS)}\n\n[… and ${formatBytes(rest)} more, not shown here to keep the page fast. Press Clear to start again.]`;
  ui.paste.readOnly = true;
  ui.paste.scrollTop = 0;
}

/** Shows `text` in the box, only its beginning when very long (the input itself is kept aside). */
function showInBox(text) {
  ui.paste.value = text.length > LARGE_INPUT ? `${text.slice(0, PREVIEW_CHARS)}\n\n[… and ${formatBytes(text.length - PREVIEW_CHARS)} more]` : text;
  ui.paste.scrollTop = 0;
}

function sourceDescription(a) {
  const s = state.source;
  let text;
  if (s.how === 'pasted') text = s.kind === 'html' ? 'Pasted as HTML' : 'Pasted as text';
  else if (s.how === 'file') text = `Opened ${s.name} as ${s.kind === 'html' ? 'HTML' : 'text'}`;
  else if (s.how === 'dropped') text = `Dropped ${s.name ? `${s.name} ` : ''}as ${s.kind === 'html' ? 'HTML' : 'text'}`;
  else if (s.how === 'sample') text = 'Sample article (fictional)';
  else if (s.how === 'edited') text = 'Edited: now read as text';
  else text = 'Typed text';
  if (s.text !== null) text += ` (${formatBytes(s.text.length)}: the box shows only the beginning)`;
  if (a && s.kind === 'text' && a.input === 'html') text += ' (it looks like HTML, so it was read as a web page)';
  return text;
}

function currentInput() {
  if (state.source.kind === 'html') return { text: state.source.html, input: 'html' };
  const input = state.source.forceText ? 'text' : 'auto';
  if (state.source.text !== null) return { text: state.source.text, input };
  return { text: ui.paste.value, input };
}

function analysisOptions(input, overrides = true) {
  return {
    input,
    favor: ui.favor.value,
    whole: ui.whole.checked,
    keep: overrides ? [...state.keep] : [],
    remove: overrides ? [...state.remove] : [],
  };
}

let debounceTimer = 0;
function scheduleAnalysis() {
  clearTimeout(debounceTimer);
  const size = ui.paste.value.length;
  const wait = size > LARGE_INPUT ? 1500 : size > 100_000 ? 700 : 350;
  debounceTimer = setTimeout(() => runAnalysis(), wait);
}

let pasting = false;
ui.paste.addEventListener('paste', (event) => {
  const data = event.clipboardData;
  if (!data) return;
  const html = data.getData('text/html');
  const plain = data.getData('text/plain');
  const all = ui.paste.selectionStart === 0 && ui.paste.selectionEnd === ui.paste.value.length;
  // A whole article (a long paste, or markup alone) replaces what the box held.
  const whole = all || !ui.paste.value.trim() || !plain || plain.length > WHOLE_ARTICLE_PASTE;
  if (html && html.trim() && whole) {
    // A copied web page: its markup tells headings, captions and links apart, so use it.
    event.preventDefault();
    setSource('html', 'pasted', { html });
    showInBox(plain || '');
    runAnalysis();
    return;
  }
  if (plain.length > LARGE_INPUT && (all || !ui.paste.value.trim())) {
    event.preventDefault();
    loadText(plain, 'pasted');
    runAnalysis();
    return;
  }
  pasting = whole ? 'whole' : true; // the input event that follows is this paste
});

ui.paste.addEventListener('input', () => {
  if (pasting) {
    if (pasting === 'whole') {
      // A whole article pasted: show its start (the caret after a paste is at its end).
      ui.paste.setSelectionRange(0, 0);
      ui.paste.scrollTop = 0;
    }
    pasting = false;
    setSource('text', 'pasted');
  } else if (state.source.kind === 'html') {
    setSource('text', 'edited');
  } else {
    if (state.source.how !== 'typed' && state.source.how !== 'edited') state.source.how = 'edited';
    state.source.html = null; // edited: the page's HTML no longer matches the box
    state.keep.clear();
    state.remove.clear();
  }
  scheduleAnalysis();
});

ui.analyze.addEventListener('click', () => runAnalysis());

// The provenance panel's "evidence" buttons: scroll to the block a field was read from.
ui.provenance.addEventListener('copydesk:goto', (event) => {
  const ix = state.index;
  if (!ix || !state.analysis.blocks.length) return;
  const b = ix.blockAt(event.detail.start);
  renderUntil(b);
  const node = ix.blockEls.get(b) || ui.meta;
  reveal(node);
  node.scrollIntoView(scrollOpts());
  node.classList.remove('flash');
  void node.offsetWidth; // restart the animation
  node.classList.add('flash');
});
for (const box of [ui.paste, ui.pasteB]) {
  box.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      runAnalysis();
    }
  });
}
ui.favor.addEventListener('change', () => runAnalysis());
ui.whole.addEventListener('change', () => runAnalysis());

// "Try a sample" is often a new reader's first action: its 2 KB text is fetched as the page
// starts, so that the click waits for the analysis only, not for the network.
let sampleLoading = null;
function sampleText() {
  const embedded = globalThis.__copydeskEmbedded;
  if (embedded && embedded.sample) return Promise.resolve(embedded.sample);
  if (!sampleLoading) {
    sampleLoading = fetch('sample.txt').then((res) => {
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      return res.text();
    });
    sampleLoading.catch(() => (sampleLoading = null)); // a later click tries again
  }
  return sampleLoading;
}
sampleText().catch(() => {});

ui.sample.addEventListener('click', async () => {
  performance.mark('copydesk:sample-click');
  try {
    const text = await sampleText();
    loadText(text, 'sample');
    ui.paste.scrollTop = 0;
    performance.mark('copydesk:sample');
    runAnalysis();
  } catch (err) {
    showError(`The sample could not be loaded: ${err.message}`);
  }
});

ui.clear.addEventListener('click', () => {
  analyzer.cancel();
  state.runId++;
  hideProgress();
  ui.paste.value = '';
  ui.pasteB.value = '';
  setSource('text', 'typed');
  state.analysis = null;
  ui.results.hidden = true;
  ui.empty.hidden = false;
  ui.switchInput.hidden = true;
  setStatus('');
  ui.paste.focus();
});

ui.open.addEventListener('click', () => ui.file.click());
ui.file.addEventListener('change', () => {
  const file = ui.file.files && ui.file.files[0];
  if (file) readFile(file, 'file');
  ui.file.value = '';
});

async function readFile(file, how) {
  if (file.size > MAX_INPUT_BYTES) {
    showError(`${file.name} is ${formatBytes(file.size)}; Copydesk analyses at most ${formatBytes(MAX_INPUT_BYTES)}.`);
    return;
  }
  const isHtml = /\.html?$/i.test(file.name) || file.type === 'text/html';
  setStatus(`Reading ${file.name}…`);
  const text = await file.text();
  if (isHtml) {
    setSource('html', how, { html: text, name: file.name });
    ui.paste.value = '';
  } else {
    loadText(text, how, file.name);
    ui.paste.scrollTop = 0;
  }
  runAnalysis();
}

// Drag and drop a file (or a selection from another page) onto the article box.
{
  const zone = ui.dropzone;
  zone.addEventListener('dragover', (event) => {
    event.preventDefault();
    zone.classList.add('dragging');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('dragging'));
  zone.addEventListener('drop', (event) => {
    zone.classList.remove('dragging');
    const data = event.dataTransfer;
    if (!data) return;
    event.preventDefault();
    if (data.files && data.files.length) {
      readFile(data.files[0], 'dropped');
      return;
    }
    const html = data.getData('text/html');
    const plain = data.getData('text/plain');
    if (html && html.trim()) {
      setSource('html', 'dropped', { html });
      showInBox(plain || '');
    } else if (plain) {
      loadText(plain, 'dropped');
    } else return;
    runAnalysis();
  });
}

ui.compareToggle.addEventListener('change', () => {
  const on = ui.compareToggle.checked;
  ui.compareBox.hidden = !on;
  if (on) ui.compareBox.replaceChildren(pasteBLabel, ui.pasteB);
  else ui.compareBox.replaceChildren();
  ui.inputGrid.classList.toggle('two', on);
  if (on) ui.pasteB.focus();
  else {
    state.compare = null;
    ui.compare.hidden = true;
  }
  if (state.analysis) runAnalysis();
});
ui.pasteB.addEventListener('input', scheduleAnalysis);

/** The way back and forth between reading the input as a web page and as plain text. */
function renderSwitch(a) {
  const s = state.source;
  let label = '';
  if (s.kind === 'html') label = 'Read as plain text instead';
  else if (s.html !== null) label = "Use the page's HTML again";
  else if (a.input === 'html') label = 'Read as plain text instead';
  else if (s.forceText) label = 'Read as HTML';
  ui.switchInput.textContent = label;
  ui.switchInput.hidden = !label;
}

ui.switchInput.addEventListener('click', () => {
  const s = state.source;
  if (s.kind === 'html') Object.assign(s, { kind: 'text' });
  else if (s.html !== null) Object.assign(s, { kind: 'html' });
  else s.forceText = !s.forceText;
  state.keep.clear();
  state.remove.clear();
  runAnalysis();
});

// ---------------------------------------------------------------- running

let progressTimer = 0;
function showProgress(size, started) {
  clearInterval(progressTimer);
  const big = size > LARGE_INPUT;
  const update = () => {
    const secs = (performance.now() - started) / 1000;
    ui.progressText.textContent = big
      ? `Analysing ${formatBytes(size)}… ${secs.toFixed(0)} s. The page stays usable meanwhile.`
      : `Analysing… ${secs.toFixed(1)} s`;
    ui.progress.hidden = false;
  };
  ui.cancel.hidden = !big;
  if (big) update();
  progressTimer = setInterval(update, big ? 500 : 250);
  if (!big) ui.progress.hidden = true; // small inputs: shown only if slow (first tick)
}

function hideProgress() {
  clearInterval(progressTimer);
  ui.progress.hidden = true;
}

ui.cancel.addEventListener('click', () => {
  analyzer.cancel();
  state.runId++;
  hideProgress();
  setStatus('Analysis cancelled. Edit the text or press Analyze to try again.');
});

async function runAnalysis({ override = null } = {}) {
  clearTimeout(debounceTimer);
  const { text, input } = currentInput();
  const compareOn = ui.compareToggle.checked && ui.pasteB.value.trim();
  if (!text.trim()) {
    state.runId++;
    hideProgress();
    return;
  }
  const runId = ++state.runId;
  performance.mark('copydesk:run');
  const started = performance.now();
  if (ui.status.classList.contains('error') || ui.status.textContent.startsWith('Reading')) setStatus(sourceDescription(null));
  showProgress(text.length, started);
  try {
    const { analysis, ms } = await analyzer.run(text, analysisOptions(input));
    if (runId !== state.runId) return;
    let other = null;
    if (compareOn) other = (await analyzer.run(ui.pasteB.value, analysisOptions('auto', false))).analysis;
    if (runId !== state.runId) return;
    hideProgress();
    if (state.source.kind === 'html' && !ui.paste.value.trim()) {
      showInBox(analysis.text); // the page's text; its HTML stays aside
    }
    showAnalysis(analysis, { ms, override, other });
  } catch (err) {
    if (err.superseded) return;
    if (runId === state.runId) hideProgress();
    showError(`Analysis failed: ${err.message}`);
  }
}

// ---------------------------------------------------------------- showing an analysis

/** Position lookups the views need: entities per block, the block of each entity and claim. */
function indexAnalysis(a) {
  const nb = a.blocks.length;
  const firstEntity = new Int32Array(nb + 1);
  const entityBlock = new Int32Array(a.entities.length);
  let e = 0;
  for (let b = 0; b < nb; b++) {
    while (e < a.entities.length && a.entities[e].start < a.blocks[b].start) {
      entityBlock[e] = Math.max(0, b - 1);
      e++;
    }
    firstEntity[b] = e;
    while (e < a.entities.length && a.entities[e].start < a.blocks[b].end) entityBlock[e++] = b;
  }
  for (; e < a.entities.length; e++) entityBlock[e] = nb - 1;
  firstEntity[nb] = a.entities.length;
  const starts = a.blocks.map((b) => b.start);
  const blockAt = (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  // The blocks a claim covers: more than one for a quote running over several paragraphs.
  const claimBlocks = a.attributions.map((at) => {
    const spans = [at.content, at.cue, ...(at.source ? [at.source] : [])];
    const first = blockAt(Math.min(...spans.map((x) => x[0])));
    const last = blockAt(Math.max(...spans.map((x) => Math.max(x[0], x[1] - 1))));
    return [first, last];
  });
  const bodyOrder = [];
  const metaOrder = [];
  a.blocks.forEach((b, i) => (b.class === 'metadata' && !b.keep && metaOrder.length < MAX_META_BLOCKS ? metaOrder : bodyOrder).push(i));
  const position = new Int32Array(nb).fill(-1);
  bodyOrder.forEach((b, k) => (position[b] = k));
  return { firstEntity, entityBlock, claimBlocks, bodyOrder, metaOrder, position, blockAt, sources: sourceGroups(a), rendered: 0, blockEls: new Map() };
}

function showAnalysis(a, { ms, override, other }) {
  // Keep the clicked block where it was on screen across a restore or remove.
  let anchorTop = null;
  if (override !== null) {
    const old = state.index && state.index.blockEls.get(override);
    if (old) anchorTop = old.getBoundingClientRect().top;
  }
  state.analysis = a;
  state.index = indexAnalysis(a);
  state.group = null;
  state.claim = null;
  state.showAllEntities = false;
  state.showAllSources = false;
  ui.stepper.hidden = true;

  setStatus(sourceDescription(a));
  renderSwitch(a);
  renderStats(a, ms);
  renderWarnings(a);
  renderMeta(a);
  renderBody(a);
  renderTypeFilter(a);
  renderEntityList(a);
  renderSources(a);
  renderProvenance(ui.provenance, a, { cite: (fields) => analyzer.cite(fields) });
  state.compare = other ? compareAnalyses(a, other) : null;
  renderCompare();
  ui.empty.hidden = true;
  ui.results.hidden = false;

  if (override !== null) {
    renderUntil(override);
    const now = state.index.blockEls.get(override);
    reveal(now);
    if (now) {
      if (anchorTop !== null) window.scrollBy(0, now.getBoundingClientRect().top - anchorTop);
      const control = now.querySelector('button');
      if (control) control.focus({ preventScroll: true });
    }
  }
  if (!state.analysedOnce) {
    state.analysedOnce = true;
    performance.mark('copydesk:first-analysis');
  }
  performance.mark('copydesk:analysis');
  document.dispatchEvent(new CustomEvent('copydesk:analysis', { detail: { ms } }));
}

function renderStats(a, ms) {
  const s = a.stats;
  const nSources = state.index.sources.length;
  const parts = [
    `${plural(s.words_kept, 'word')} kept`,
    `${plural(s.words_removed, 'word')} removed in ${plural(s.blocks_removed, 'block')}`,
    `${s.reading_minutes} min read`,
    `${plural(s.groups, 'entity', 'entities')} (${plural(s.entities, 'mention')})`,
    `${plural(s.attributions, 'claim')} from ${plural(nSources, 'source')}`,
  ];
  ui.stats.replaceChildren(...parts.flatMap((p, i) => [i ? el('span', { class: 'sep', 'aria-hidden': 'true' }, ' · ') : null, el('span', {}, p)]).filter(Boolean));
  ui.stats.title = `Analysed in ${Math.round(ms)} ms (${analyzer.mode})`;
}

function renderWarnings(a) {
  ui.warnings.replaceChildren(...a.warnings.map((w) => el('p', {}, w)));
  ui.warnings.hidden = a.warnings.length === 0;
}

/** Fills `node` with the text of block i: entity marks, and the selected claim's cue and content. */
function fillText(node, i) {
  const a = state.analysis;
  const ix = state.index;
  const b = a.blocks[i];
  const range = state.claim !== null ? ix.claimBlocks[state.claim] : null;
  const claim = range && range[0] <= i && i <= range[1] ? claimSpans(a.attributions[state.claim]) : null;
  let at = b.start;
  for (let e = ix.firstEntity[i]; e < ix.firstEntity[i + 1]; e++) {
    const ent = a.entities[e];
    if (ent.start < at || ent.end > b.end) continue;
    appendText(node, at, ent.start, claim);
    const group = a.groups[ent.group];
    const mark = el('mark', {
      'data-type': ent.type,
      'data-tag': typeTag(ent.type),
      'data-group': ent.group,
      'data-entity': e,
      class: ent.group === state.group ? 'selected' : null,
      title: `${typeLabel(ent.type)}: ${group ? group.name : ent.text}${ent.role ? ` (${ent.role})` : ''}`,
    });
    appendText(mark, ent.start, ent.end, claim);
    node.append(mark);
    at = ent.end;
  }
  appendText(node, at, b.end, claim);
}

function claimSpans(at) {
  const spans = at.content_parts.map(([s, e]) => ({ s, e, tag: 'span', cls: 'content' }));
  spans.push({ s: at.cue[0], e: at.cue[1], tag: 'mark', cls: 'cue' });
  if (at.source) spans.push({ s: at.source[0], e: at.source[1], tag: 'span', cls: 'claim-source' });
  return spans.sort((x, y) => x.s - y.s);
}

function appendText(node, s, e, spans) {
  const text = state.analysis.text;
  if (s >= e) return;
  if (!spans) {
    node.append(text.slice(s, e));
    return;
  }
  let at = s;
  for (const sp of spans) {
    const from = Math.max(sp.s, at);
    const to = Math.min(sp.e, e);
    if (to <= from) continue;
    if (from > at) node.append(text.slice(at, from));
    node.append(el(sp.tag, { class: sp.cls }, text.slice(from, to)));
    at = to;
  }
  if (at < e) node.append(text.slice(at, e));
}

function renderMeta(a) {
  const m = a.metadata || {};
  const ix = state.index;
  const nodes = [];
  const shown = new Set();
  const lines = el('div', { class: 'meta-lines' });
  for (const i of ix.metaOrder) {
    const node = renderBlock(i);
    const reason = a.blocks[i].reason;
    shown.add(reason);
    ix.blockEls.set(i, node);
    // Headline and standfirst stand alone; byline and date lines share one line.
    if (reason === 'byline' || reason === 'dateline') lines.append(node);
    else nodes.push(node);
  }
  if (lines.childNodes.length) nodes.push(lines);
  if (!shown.has('title')) nodes.unshift(el('p', { class: 'no-title' }, 'No headline found'));
  const facts = [];
  const fact = (label, value) => value && facts.push(el('div', { class: 'fact' }, el('dt', {}, label), el('dd', {}, value)));
  if (!shown.has('byline')) fact(m.authors && m.authors.length > 1 ? 'Authors' : 'Author', m.authors && m.authors.map((f) => f.value).join(', '));
  if (!shown.has('dateline')) fact('Published', m.date && (m.date_iso && m.date_iso !== m.date.value ? `${m.date.value} (${m.date_iso})` : m.date.value));
  fact('Publisher', m.publisher && m.publisher.value);
  fact('Dateline', m.dateline && m.dateline.value);
  fact('Language', m.language);
  if (m.credits && m.credits.length) {
    const credits = [...new Set(m.credits.map((c) => [c.people.join(', '), c.agencies.join(', ')].filter(Boolean).join(' / ') || a.text.slice(c.span[0], c.span[1])))];
    const listed = credits.slice(0, 4).join('; ');
    fact(credits.length > 1 ? 'Picture credits' : 'Picture credit', credits.length > 4 ? `${listed}; and ${credits.length - 4} more` : listed);
  }
  if (facts.length) nodes.push(el('dl', { class: 'facts' }, ...facts));
  ui.meta.replaceChildren(...nodes);
}

/** The element for block i: a metadata line, a kept paragraph, or a removed block collapsed in place. */
function renderBlock(i) {
  const a = state.analysis;
  const b = a.blocks[i];
  const text = a.text.slice(b.start, b.end);
  if (b.class === 'metadata' && !b.keep) {
    const tag = b.reason === 'title' ? 'h3' : 'p';
    const node = el(tag, { class: `meta-block meta-${b.reason}`, 'data-block': i, 'data-reason': b.reason, title: reasonLabel(b.reason) });
    const span = el('span');
    fillText(span, i);
    node.append(span);
    return node;
  }
  if (!b.keep) {
    const label = reasonLabel(b.reason);
    const sure = `${Math.round(b.confidence * 100)}% sure`;
    const summary = b.reason === 'reader_removed' ? 'Removed by you' : `Removed: ${label} (${sure})`;
    return el(
      'div',
      { class: 'block removed', 'data-removed': b.reason, 'data-block': i },
      el('details', {}, el('summary', {}, summary, el('span', { class: 'snippet' }, shorten(text, 90))), el('p', { class: 'removed-text' }, text)),
      el('button', { type: 'button', class: 'restore', 'data-action': 'restore', 'data-block': i, 'aria-label': `Restore “${shorten(text, 40)}” to the article` }, 'Restore'),
    );
  }
  const heading = b.kind === 'heading' || b.reason === 'subheading';
  const tag = heading ? 'h3' : b.kind === 'quote' ? 'blockquote' : 'p';
  const content = el(tag, { class: 'block-text' });
  fillText(content, i);
  return el(
    'div',
    { class: `block kept kind-${b.kind}${b.overridden ? ' overridden' : ''}`, 'data-block': i, 'data-reason': b.reason },
    content,
    b.overridden ? el('span', { class: 'kept-tag' }, 'kept by you') : null,
    el('button', { type: 'button', class: 'remove', 'data-action': 'remove', 'data-block': i, 'aria-label': `Remove “${shorten(text, 40)}” from the article`, title: 'Remove from the article' }, 'Remove'),
  );
}

let moreObserver = null;
function renderBody(a) {
  const ix = state.index;
  ui.body.replaceChildren();
  if (moreObserver) moreObserver.disconnect();
  if (!a.blocks.some((b) => b.keep)) {
    ui.body.append(el('p', { class: 'notice' }, 'Nothing here looked like article text. Restore blocks below, or tick “Keep everything”.'));
  }
  renderChunk();
}

function renderChunk() {
  const ix = state.index;
  const end = Math.min(ix.rendered + BLOCKS_PER_CHUNK, ix.bodyOrder.length);
  const frag = document.createDocumentFragment();
  let run = [];
  const closeRun = () => {
    if (run.length >= RUN_COLLAPSE) collapseRun(run);
    run = [];
  };
  for (let k = ix.rendered; k < end; k++) {
    const i = ix.bodyOrder[k];
    const node = renderBlock(i);
    ix.blockEls.set(i, node);
    frag.append(node);
    if (state.analysis.blocks[i].keep) closeRun();
    else run.push(node);
  }
  closeRun();
  ix.rendered = end;
  const oldMore = ui.body.querySelector('.more');
  if (oldMore) oldMore.remove();
  ui.body.append(frag);
  if (ix.rendered < ix.bodyOrder.length) {
    const left = ix.bodyOrder.length - ix.rendered;
    const more = el('button', { type: 'button', class: 'more', on: { click: () => renderChunk() } }, `Show the next ${plural(Math.min(left, BLOCKS_PER_CHUNK), 'block')} (${count(left)} left)`);
    ui.body.append(more);
    if ('IntersectionObserver' in window) {
      if (moreObserver) moreObserver.disconnect();
      moreObserver = new IntersectionObserver((entries) => {
        if (entries.some((e) => e.isIntersecting)) requestAnimationFrame(() => renderChunk());
      }, { rootMargin: '600px' });
      moreObserver.observe(more);
    }
  } else if (moreObserver) moreObserver.disconnect();
}

/** Hides all but the first rows of a long run of removed blocks behind one button that says what they are. */
function collapseRun(nodes) {
  const a = state.analysis;
  const hidden = nodes.slice(RUN_SHOWN);
  const reasons = new Map();
  for (const n of hidden) {
    const label = a.blocks[Number(n.dataset.block)].reason === 'reader_removed' ? 'removed by you' : reasonLabel(n.dataset.removed);
    reasons.set(label, (reasons.get(label) || 0) + 1);
  }
  const what = [...reasons].sort((x, y) => y[1] - x[1]).map(([label, n]) => (n > 1 ? `${label} ×${n}` : label)).join(', ');
  for (const n of hidden) {
    n.hidden = true;
    n.classList.add('run-hidden');
  }
  const button = el('button', { type: 'button', class: 'link run-show' }, `Show ${count(hidden.length)} more set aside here`);
  const row = el('div', { class: 'block removed run-more' }, button, el('span', { class: 'run-what' }, what));
  button.addEventListener('click', () => expandRun(row));
  nodes[RUN_SHOWN - 1].after(row);
}

/** Shows the hidden rows that follow a run's button row, and drops the button. */
function expandRun(row) {
  let n = row.nextElementSibling;
  while (n && n.classList.contains('run-hidden')) {
    n.hidden = false;
    n.classList.remove('run-hidden');
    n = n.nextElementSibling;
  }
  const next = row.nextElementSibling && row.nextElementSibling.querySelector('button');
  row.remove();
  if (next && document.activeElement === document.body) next.focus({ preventScroll: true });
}

/** Makes sure `node` is visible: opens the collapsed run it is hidden in, if any. */
function reveal(node) {
  if (!node || !node.hidden) return;
  let row = node.previousElementSibling;
  while (row && !row.classList.contains('run-more')) row = row.previousElementSibling;
  if (row) expandRun(row);
}

/** Makes sure block i is in the page (long articles render in chunks). */
function renderUntil(i) {
  const ix = state.index;
  const k = ix.position[i];
  while (k >= 0 && ix.rendered <= k) renderChunk();
}

function rerenderBlock(i) {
  const ix = state.index;
  const old = ix.blockEls.get(i);
  if (!old) return;
  const node = renderBlock(i);
  if (old.hidden) {
    node.hidden = true;
    node.classList.add('run-hidden');
  }
  old.replaceWith(node);
  ix.blockEls.set(i, node);
}

// Restore and Remove: re-run the analysis with the reader's choice.
ui.article.addEventListener('click', (event) => {
  const button = event.target.closest('button[data-action]');
  if (button) {
    const i = Number(button.dataset.block);
    if (button.dataset.action === 'restore') {
      state.remove.delete(i);
      if (state.analysis.blocks[i].reason !== 'reader_removed') state.keep.add(i);
    } else {
      state.keep.delete(i);
      if (state.analysis.blocks[i].reason !== 'reader_kept') state.remove.add(i);
    }
    runAnalysis({ override: i });
    return;
  }
  const mark = event.target.closest('mark[data-group]');
  if (mark) selectGroup(Number(mark.dataset.group), Number(mark.dataset.entity));
});

// ---------------------------------------------------------------- entities panel

function renderTypeFilter(a) {
  const counts = new Map();
  for (const g of a.groups) counts.set(g.type, (counts.get(g.type) || 0) + 1);
  const chips = Object.keys(ENTITY_TYPES)
    .filter((t) => counts.has(t))
    .map((t) =>
      el(
        'button',
        { type: 'button', class: 'chip', 'data-type': t, 'aria-pressed': String(!state.hiddenTypes.has(t)), title: `Show or hide ${typeLabel(t).toLowerCase()} entities` },
        el('span', { class: 'swatch', 'data-type': t, 'aria-hidden': 'true' }),
        `${typeLabel(t)} `,
        el('span', { class: 'chip-count' }, String(counts.get(t))),
      ),
    );
  ui.typeFilter.replaceChildren(...chips);
  ui.typeFilter.hidden = chips.length === 0;
}

ui.typeFilter.addEventListener('click', (event) => {
  const chip = event.target.closest('button[data-type]');
  if (!chip) return;
  const t = chip.dataset.type;
  if (state.hiddenTypes.has(t)) state.hiddenTypes.delete(t);
  else state.hiddenTypes.add(t);
  chip.setAttribute('aria-pressed', String(!state.hiddenTypes.has(t)));
  ui.article.classList.toggle(`hide-${t}`, state.hiddenTypes.has(t));
  renderEntityList(state.analysis);
});

function renderEntityList(a) {
  const query = ui.entitySearch.value.trim().toLowerCase();
  const matches = (g) => !query || g.name.toLowerCase().includes(query) || g.aliases.some((x) => x.toLowerCase().includes(query));
  const groups = a.groups.filter((g) => !state.hiddenTypes.has(g.type) && matches(g)).sort((x, y) => y.mentions.length - x.mentions.length || x.mentions[0] - y.mentions[0]);
  ui.entitiesCount.textContent = String(a.groups.length);
  const shown = state.showAllEntities ? groups : groups.slice(0, LIST_LIMIT);
  const items = shown.map((g) => {
    const others = g.aliases.filter((x) => x !== g.name);
    return el(
      'li',
      { 'data-group': g.id, 'data-type': g.type },
      el(
        'button',
        { type: 'button', class: 'entity', 'data-group': g.id, 'aria-pressed': String(state.group === g.id), title: `Show the ${plural(g.mentions.length, 'mention')} of ${g.name}` },
        el('span', { class: 'swatch', 'data-type': g.type, 'aria-hidden': 'true' }),
        el('span', { class: 'entity-name' }, g.name, others.length ? el('span', { class: 'aliases' }, `also ${others.join(', ')}`) : null),
        el('span', { class: 'type-badge', 'data-type': g.type }, typeLabel(g.type)),
        el('span', { class: 'count', 'aria-label': plural(g.mentions.length, 'mention') }, `×${g.mentions.length}`),
      ),
    );
  });
  if (!groups.length) items.push(el('li', { class: 'none' }, !a.groups.length ? 'No entities found.' : query ? `No entity matches “${query}”.` : 'No entities of the types shown.'));
  if (groups.length > shown.length) {
    items.push(el('li', { class: 'none' }, el('button', { type: 'button', class: 'link', on: { click: () => ((state.showAllEntities = true), renderEntityList(a)) } }, `Show all ${count(groups.length)}`)));
  }
  ui.entityList.replaceChildren(...items);
}

ui.entitySearch.addEventListener('input', () => state.analysis && renderEntityList(state.analysis));

ui.entityList.addEventListener('click', (event) => {
  const button = event.target.closest('button.entity');
  if (!button) return;
  const g = Number(button.dataset.group);
  if (state.group === g) goToMention(state.mention + 1);
  else selectGroup(g);
});

function selectGroup(g, entity = null) {
  const a = state.analysis;
  if (state.group !== null) {
    for (const m of ui.article.querySelectorAll(`mark[data-group="${state.group}"]`)) m.classList.remove('selected', 'current');
  }
  state.group = g;
  for (const b of ui.entityList.querySelectorAll('button.entity')) b.setAttribute('aria-pressed', String(Number(b.dataset.group) === g));
  for (const m of ui.article.querySelectorAll(`mark[data-group="${g}"]`)) m.classList.add('selected');
  ui.stepper.hidden = false;
  const k = entity === null ? 0 : Math.max(0, a.groups[g].mentions.indexOf(entity));
  goToMention(k);
}

function goToMention(k) {
  const a = state.analysis;
  if (state.group === null) return;
  const mentions = a.groups[state.group].mentions;
  state.mention = ((k % mentions.length) + mentions.length) % mentions.length;
  const e = mentions[state.mention];
  renderUntil(state.index.entityBlock[e]);
  for (const m of ui.article.querySelectorAll('mark.current')) m.classList.remove('current');
  for (const m of ui.article.querySelectorAll(`mark[data-group="${state.group}"]`)) m.classList.add('selected');
  const mark = ui.article.querySelector(`mark[data-entity="${e}"]`);
  ui.stepperText.textContent = `${a.groups[state.group].name}: mention ${state.mention + 1} of ${mentions.length}`;
  if (mark) {
    mark.classList.add('current');
    mark.scrollIntoView(scrollOpts());
  }
}

ui.next.addEventListener('click', () => goToMention(state.mention + 1));
ui.prev.addEventListener('click', () => goToMention(state.mention - 1));
ui.clearSelection.addEventListener('click', clearSelection);

function clearSelection() {
  for (const m of ui.article.querySelectorAll('mark.selected, mark.current')) m.classList.remove('selected', 'current');
  for (const b of ui.entityList.querySelectorAll('button.entity[aria-pressed="true"]')) b.setAttribute('aria-pressed', 'false');
  state.group = null;
  ui.stepper.hidden = true;
  if (state.claim !== null) selectClaim(null);
}

document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape' && state.analysis && (state.group !== null || state.claim !== null)) clearSelection();
});

// ---------------------------------------------------------------- sources panel

function renderSources(a) {
  const groups = state.index.sources;
  ui.sourcesCount.textContent = String(groups.length);
  const shown = state.showAllSources ? groups : groups.slice(0, LIST_LIMIT);
  const items = shown.map((g) =>
    el(
      'li',
      { class: 'source', 'data-source': g.name, 'data-source-type': g.type },
      el(
        'div',
        { class: 'source-head' },
        el('span', { class: 'source-name' }, g.name),
        el('span', { class: `source-badge st-${g.type}` }, sourceTypeLabel(g.type)),
        el('span', { class: 'count', 'aria-label': plural(g.claims.length, 'claim') }, `×${g.claims.length}`),
      ),
      el(
        'ol',
        { class: 'claims' },
        ...g.claims.map((i) => {
          const at = a.attributions[i];
          const content = a.text.slice(at.content[0], at.content[1]);
          const cueText = a.text.slice(at.cue[0], at.cue[1]);
          // A dash or colon as the cue ("… – State Media", "KCNA: …") is quoted, so it does
          // not read as an empty placeholder.
          const cue = /\p{L}/u.test(cueText) ? cueText : `“${cueText.trim()}”`;
          return el(
            'li',
            {},
            el(
              'button',
              { type: 'button', class: 'claim', 'data-claim': i, 'aria-pressed': 'false', title: `${CLAIM_KINDS[at.kind] || at.kind}: show it in the article` },
              el('span', { class: 'claim-text' }, shorten(content, 160)),
              el('span', { class: 'claim-cue' }, `${cue} · ${CLAIM_KINDS[at.kind] || at.kind}`),
            ),
          );
        }),
      ),
    ),
  );
  if (!groups.length) items.push(el('li', { class: 'none' }, 'No quotes or attributed claims found.'));
  if (groups.length > shown.length) {
    items.push(el('li', { class: 'none' }, el('button', { type: 'button', class: 'link', on: { click: () => ((state.showAllSources = true), renderSources(a)) } }, `Show all ${count(groups.length)}`)));
  }
  ui.sourceList.replaceChildren(...items);
}

ui.sourceList.addEventListener('click', (event) => {
  const button = event.target.closest('button.claim') || event.target.closest('li.source')?.querySelector('button.claim');
  if (button) selectClaim(Number(button.dataset.claim));
});

function selectClaim(i) {
  const ix = state.index;
  const previous = state.claim;
  state.claim = i;
  const blocksOf = (c) => {
    const [first, last] = ix.claimBlocks[c];
    return Array.from({ length: last - first + 1 }, (_, k) => first + k);
  };
  if (previous !== null) blocksOf(previous).forEach(rerenderBlock);
  for (const b of ui.sourceList.querySelectorAll('button.claim')) b.setAttribute('aria-pressed', String(Number(b.dataset.claim) === i));
  if (i === null) return;
  const blocks = blocksOf(i);
  renderUntil(blocks[blocks.length - 1]);
  blocks.forEach(rerenderBlock);
  const node = blocks.map((b) => ix.blockEls.get(b)).find((n) => n && n.querySelector('.content, mark.cue'));
  const target = node && (node.querySelector('.content') || node.querySelector('mark.cue') || node);
  if (target) {
    target.scrollIntoView(scrollOpts());
    node.classList.remove('flash');
    void node.offsetWidth; // restart the animation
    node.classList.add('flash');
  }
}

// ---------------------------------------------------------------- compare

function renderCompare() {
  const c = state.compare;
  ui.compare.hidden = !c;
  if (!c) return;
  const column = (title, items, side) =>
    el(
      'div',
      { class: 'compare-col' },
      el('h4', {}, `${title} `, el('span', { class: 'count' }, String(items.length))),
      items.length
        ? el(
            'ul',
            {},
            ...items.map((it) => {
              const x = side === 'both' ? it.a : it;
              const name = side === 'both' && it.b.name !== it.a.name ? `${it.a.name} / ${it.b.name}` : x.name;
              const marker = ENTITY_TYPES[x.type]
                ? el('span', { class: 'swatch', 'data-type': x.type, title: typeLabel(x.type) })
                : el('span', { class: `source-badge st-${x.type}` }, sourceTypeLabel(x.type));
              return el('li', { 'data-type': x.type }, marker, name);
            }),
          )
        : el('p', { class: 'none' }, 'None'),
    );
  const part = (title, r) => el('div', { class: 'compare-part' }, el('h3', {}, title), el('div', { class: 'compare-cols' }, column('In both', r.both, 'both'), column('Only in the first', r.onlyA, 'a'), column('Only in the second', r.onlyB, 'b')));
  ui.compare.replaceChildren(el('h2', { id: 'compare-heading' }, 'Comparing the two versions'), part('Names (people, organisations, places)', c.entities), part('Sources cited', c.sources));
}

// ---------------------------------------------------------------- exports

async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = el('textarea', { class: 'offscreen', 'aria-hidden': 'true' });
    area.value = text;
    document.body.append(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    return ok;
  }
}

$('copy-text').addEventListener('click', async (event) => {
  const button = event.currentTarget;
  const ok = await copyText(cleanText(state.analysis));
  button.textContent = ok ? 'Copied ✓' : 'Copy failed';
  setStatus(ok ? 'The clean text is on your clipboard.' : 'Copying failed: your browser did not allow it.', ok ? '' : 'error');
  setTimeout(() => (button.textContent = 'Copy clean text'), 1600);
});
$('dl-md').addEventListener('click', () => download(fileName(state.analysis, 'md'), 'text/markdown;charset=utf-8', markdown(state.analysis)));
$('dl-html').addEventListener('click', () => download(fileName(state.analysis, 'html'), 'text/html;charset=utf-8', htmlPage(state.analysis)));
$('dl-json').addEventListener('click', () => download(fileName(state.analysis, 'json'), 'application/json', `${JSON.stringify(state.analysis, null, 2)}\n`));

// ---------------------------------------------------------------- scroll hints

// The side panels and the entity list scroll inside a fixed height; while there is more below,
// they fade out at the bottom (.more-below in style.css), so a cut-off list does not read as
// the end of it. Checked on scroll, on resize and whenever their content changes.
for (const scroller of [document.querySelector('.panels'), ui.entityList]) {
  let queued = false;
  const update = () => {
    queued = false;
    const more = scroller.scrollTop + scroller.clientHeight < scroller.scrollHeight - 4;
    scroller.classList.toggle('more-below', more);
  };
  const schedule = () => {
    if (!queued) (queued = true), requestAnimationFrame(update);
  };
  scroller.addEventListener('scroll', schedule, { passive: true });
  window.addEventListener('resize', schedule, { passive: true });
  new MutationObserver(schedule).observe(scroller, { childList: true, subtree: true, attributes: true, attributeFilter: ['open', 'hidden'] });
}

// ---------------------------------------------------------------- offline

// Installing the service worker downloads the whole app again (the WASM included) and writes it
// to the cache: on a first visit that would compete with the worker's start-up and the first
// analysis for the CPU, so it waits for the page's load, the warm-up (at most 10 s) and any
// analysis under way.
if ('serviceWorker' in navigator && /^https?:$/.test(location.protocol)) {
  const loaded = document.readyState === 'complete' ? Promise.resolve() : new Promise((resolve) => window.addEventListener('load', resolve, { once: true }));
  const warmed = Promise.race([analyzer.warmed, new Promise((resolve) => setTimeout(resolve, 10000))]);
  Promise.all([loaded, warmed]).then(function register() {
    if (analyzer.busy) {
      document.addEventListener('copydesk:analysis', register, { once: true });
      setTimeout(register, 10000); // an analysis that fails or is cancelled dispatches nothing
      return;
    }
    if (register.done) return;
    register.done = true;
    navigator.serviceWorker.register('sw.js').catch((err) => console.info(`Copydesk: no offline cache (${err.message})`));
  });
}

// Test and automation hook: the latest analysis and the analyzer mode (read-only use).
Object.defineProperty(window, 'copydesk', { value: Object.freeze({ get analysis() { return state.analysis; }, get mode() { return analyzer.mode; }, analyzer }) });
