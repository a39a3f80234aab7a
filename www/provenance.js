// The "Provenance" panel: the article's own publisher, authors, date, dateline and
// language with their confidence and a link to the evidence in the text; the picture
// credits; and "Cite this article" (APA, MLA, Chicago, BibTeX), recomputed when the
// reader edits a field. Nothing is fetched: the URL is only what the reader types.
//
// Usage: renderProvenance(container, analysis, { cite }) where `cite(fields)` is the WASM
// export (or a worker round trip returning a Promise) taking {title, authors, publisher,
// date_iso, date, url, accessed} and returning {apa, mla, chicago, bibtex}.
//
// Safety: user text reaches the DOM only through textContent and input values; nothing
// is assigned to innerHTML, and no inline styles are set (classes in provenance.css).

/** Wait this long after the last keystroke before recomputing the citations. */
const CITE_DEBOUNCE_MS = 150;
/** Picture credits listed before a "Show all" button. */
const CREDITS_SHOWN = 12;

const STYLES = [
  { key: 'apa', label: 'APA (7th ed.)' },
  { key: 'mla', label: 'MLA (9th ed.)' },
  { key: 'chicago', label: 'Chicago (notes-bibliography)' },
  { key: 'bibtex', label: 'BibTeX' },
];

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k === 'text') node.textContent = v;
    else if (k === 'value') node.value = v;
    else if (k === 'on') for (const [ev, fn] of Object.entries(v)) node.addEventListener(ev, fn);
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false) node.append(c);
  return node;
}

let idCounter = 0;
const uid = (name) => `prov-${name}-${++idCounter}`;

/** "high (85%)" for a confidence between 0 and 1. */
function confidenceText(c) {
  if (typeof c !== 'number') return '';
  const level = c >= 0.8 ? 'high' : c >= 0.5 ? 'medium' : 'low';
  return `${level} (${Math.round(c * 100)}%)`;
}

function confidenceClass(c) {
  return c >= 0.8 ? 'prov-conf prov-conf-high' : c >= 0.5 ? 'prov-conf prov-conf-medium' : 'prov-conf prov-conf-low';
}

/** A language code in words, when the browser knows it ("en" → "English"). */
function languageName(code) {
  try {
    const names = new Intl.DisplayNames(['en'], { type: 'language' });
    return `${names.of(code)} (${code})`;
  } catch {
    return code;
  }
}

/** The span of a field as {start, end}, or null. */
function spanOf(field) {
  const s = field && field.span;
  if (!s) return null;
  return Array.isArray(s) ? { start: s[0], end: s[1] } : { start: s.start, end: s.end };
}

/** A button that asks the page to scroll to and highlight a span of the text. */
function evidenceButton(container, span, what) {
  if (!span) return null;
  // The accessible name starts with the visible word (axe: label-content-name-mismatch).
  return el('button', {
    type: 'button',
    class: 'prov-evidence',
    on: {
      click: () => container.dispatchEvent(new CustomEvent('copydesk:goto', {
        detail: { start: span.start, end: span.end },
        bubbles: true,
      })),
    },
  }, 'evidence', el('span', { class: 'visually-hidden', text: ` for ${what}` }));
}

/** The fields a citation is built from, as found in the analysis. */
function foundFields(analysis) {
  const m = (analysis && analysis.metadata) || {};
  const v = (f) => (f && typeof f.value === 'string' ? f.value : '');
  return {
    title: v(m.title) || (analysis && analysis.title) || '',
    authors: (m.authors || []).map(v).filter(Boolean),
    publisher: v(m.publisher),
    date: v(m.date),
    date_iso: m.date_iso || '',
    url: '',
    accessed: '',
  };
}

/**
 * Renders the Provenance panel into `container` (its previous content is replaced).
 * Returns nothing; the panel keeps its own state.
 */
export function renderProvenance(container, analysis, api = {}) {
  const m = (analysis && analysis.metadata) || {};
  const found = foundFields(analysis);
  const state = { ...found, authors: [...found.authors] };

  container.replaceChildren();
  container.classList.add('prov-panel');
  const headingId = uid('heading');
  container.setAttribute('aria-labelledby', headingId);
  container.append(el('h2', { id: headingId, class: 'prov-heading', text: 'Provenance' }));
  container.append(el('p', {
    class: 'prov-intro',
    text: 'Where this article comes from, as far as the pasted text tells. Nothing here is fetched or guessed: a field the text lacks stays empty. Edit any field to correct the citation.',
  }));

  // ------------------------------------------------------------ the fields
  const list = el('dl', { class: 'prov-fields' });
  container.append(list);
  const inputs = {};

  const row = (key, label, field, { value, type = 'text', placeholder = '', note = '' } = {}) => {
    const id = uid(key);
    const dt = el('dt', { class: 'prov-label' }, el('label', { for: id, text: label }));
    const input = el('input', {
      id,
      type,
      class: 'prov-input',
      value: value ?? '',
      placeholder,
      spellcheck: type === 'text' ? 'false' : null,
      autocomplete: 'off',
      on: { input: () => { read(); schedule(); } },
    });
    inputs[key] = input;
    const meta = el('div', { class: 'prov-meta' });
    if (field && typeof field.confidence === 'number') {
      meta.append(el('span', {
        class: confidenceClass(field.confidence),
        text: `confidence ${confidenceText(field.confidence)}`,
      }));
    } else if (!note) {
      meta.append(el('span', { class: 'prov-missing', text: 'not found in the text' }));
    }
    if (note) meta.append(el('span', { class: 'prov-note', text: note }));
    const dd = el('dd', { class: 'prov-value' }, input, meta);
    list.append(dt, dd);
    return meta;
  };

  const titleMeta = row('title', 'Title', m.title, { value: state.title });
  const titleEvidence = evidenceButton(container, spanOf(m.title), 'the title');
  if (titleEvidence) titleMeta.append(titleEvidence);

  const authorsMeta = row('authors', 'Authors', (m.authors || [])[0], {
    value: state.authors.join('; '),
    placeholder: 'Jane Doe; John Roe',
    note: 'separate names with ;',
  });
  if (!(m.authors || []).length) authorsMeta.prepend(el('span', { class: 'prov-missing', text: 'no byline found' }));
  (m.authors || []).forEach((a) => {
    const b = evidenceButton(container, spanOf(a), `the author ${a.value}`);
    if (b) {
      b.textContent = `evidence: ${a.value}`;
      authorsMeta.append(b);
    }
  });

  const publisherMeta = row('publisher', 'Publisher', m.publisher, { value: state.publisher });
  const pubEvidence = evidenceButton(container, spanOf(m.publisher), 'the publisher');
  if (pubEvidence) publisherMeta.append(pubEvidence);

  const dateMeta = row('date_iso', 'Date', m.date, {
    value: state.date_iso,
    placeholder: 'YYYY-MM-DD',
  });
  if (m.date) {
    dateMeta.append(el('span', {
      class: 'prov-note',
      text: state.date_iso ? `as written: “${m.date.value}”` : `as written: “${m.date.value}” (not a full date, not converted)`,
    }));
    const b = evidenceButton(container, spanOf(m.date), 'the date');
    if (b) dateMeta.append(b);
  }

  const datelineMeta = row('dateline', 'Dateline', m.dateline, { value: m.dateline ? m.dateline.value : '' });
  const dlEvidence = evidenceButton(container, spanOf(m.dateline), 'the dateline');
  if (dlEvidence) datelineMeta.append(dlEvidence);

  list.append(
    el('dt', { class: 'prov-label', text: 'Language' }),
    el('dd', { class: 'prov-value prov-static', text: m.language ? languageName(m.language) : 'unsure' }),
  );

  row('url', 'URL', null, {
    type: 'url',
    placeholder: 'https://… (optional, never fetched)',
    note: 'optional; typed by you, never fetched',
  });
  row('accessed', 'Accessed', null, {
    type: 'date',
    note: 'optional; the day you read it',
  });

  const reset = el('button', {
    type: 'button',
    class: 'prov-reset',
    text: 'Restore the values found in the text',
    on: {
      click: () => {
        inputs.title.value = found.title;
        inputs.authors.value = found.authors.join('; ');
        inputs.publisher.value = found.publisher;
        inputs.date_iso.value = found.date_iso;
        inputs.dateline.value = m.dateline ? m.dateline.value : '';
        inputs.url.value = '';
        inputs.accessed.value = '';
        read();
        schedule(true);
      },
    },
  });
  container.append(reset);

  // ------------------------------------------------------------ picture credits
  const credits = m.credits || [];
  const creditsSection = el('section', { class: 'prov-credits', 'aria-label': 'Picture credits' },
    el('h3', { class: 'prov-subheading', text: 'Picture credits' }),
    el('p', { class: 'prov-note', text: 'Picture credits are not sources of the story’s claims: they say who made or distributed a picture.' }));
  if (!credits.length) {
    creditsSection.append(el('p', { class: 'prov-missing', text: 'No picture credits found.' }));
  } else {
    const ul = el('ul', { class: 'prov-credit-list' });
    const creditItem = (c) => {
      const li = el('li', { class: 'prov-credit' });
      if ((c.people || []).length) {
        li.append(el('span', { class: 'prov-credit-people', text: `Photographer${c.people.length > 1 ? 's' : ''}: ${c.people.join(', ')}` }));
      }
      if ((c.agencies || []).length) {
        li.append(el('span', { class: 'prov-credit-agencies', text: `Agenc${c.agencies.length > 1 ? 'ies' : 'y'}: ${c.agencies.join(', ')}` }));
      }
      const b = evidenceButton(container, spanOf(c), 'the credit');
      if (b) li.append(b);
      if (c.caption) {
        const cap = evidenceButton(container, spanOf({ span: c.caption }), 'its caption');
        cap.textContent = 'caption';
        li.append(cap);
      }
      return li;
    };
    // A paste of many pages can carry thousands of credits: list the first few, the rest on request.
    ul.append(...credits.slice(0, CREDITS_SHOWN).map(creditItem));
    creditsSection.append(ul);
    if (credits.length > CREDITS_SHOWN) {
      const more = el('button', {
        type: 'button',
        class: 'link prov-more',
        text: `Show all ${String(credits.length).replace(/\B(?=(\d{3})+(?!\d))/g, ',')} picture credits`,
        on: {
          click: () => {
            ul.append(...credits.slice(CREDITS_SHOWN).map(creditItem));
            more.remove();
          },
        },
      });
      creditsSection.append(more);
    }
  }
  container.append(creditsSection);

  // ------------------------------------------------------------ cite this article
  const citeSection = el('section', { class: 'prov-cite', 'aria-label': 'Cite this article' },
    el('h3', { class: 'prov-subheading', text: 'Cite this article' }));
  const status = el('p', { class: 'prov-status', role: 'status', 'aria-live': 'polite' });
  const outputs = {};
  for (const { key, label } of STYLES) {
    const out = el(key === 'bibtex' ? 'pre' : 'p', { class: `prov-citation prov-citation-${key}` });
    outputs[key] = out;
    const copy = el('button', {
      type: 'button',
      class: 'prov-copy',
      text: 'Copy',
      'aria-label': `Copy the ${label} citation`,
      on: {
        click: async () => {
          try {
            await navigator.clipboard.writeText(out.textContent);
            status.textContent = `${label} citation copied.`;
          } catch {
            status.textContent = 'Could not copy: select the citation and copy it by hand.';
          }
        },
      },
    });
    citeSection.append(el('div', { class: 'prov-style' },
      el('div', { class: 'prov-style-head' }, el('h4', { class: 'prov-style-label', text: label }), copy),
      out));
  }
  citeSection.append(status);
  container.append(citeSection);

  const show = (citations) => {
    for (const { key } of STYLES) outputs[key].textContent = (citations && citations[key]) || '';
  };
  show(m.citations);

  // ------------------------------------------------------------ editing
  function read() {
    state.title = inputs.title.value;
    state.authors = inputs.authors.value.split(';').map((s) => s.trim()).filter(Boolean);
    state.publisher = inputs.publisher.value;
    state.date_iso = inputs.date_iso.value.trim();
    // The written date only counts while the reader keeps the date found in the text.
    state.date = state.date_iso === found.date_iso ? found.date : '';
    state.url = inputs.url.value.trim();
    state.accessed = inputs.accessed.value;
  }

  let timer = null;
  let generation = 0;
  function schedule(now = false) {
    clearTimeout(timer);
    timer = setTimeout(recompute, now ? 0 : CITE_DEBOUNCE_MS);
  }
  async function recompute() {
    if (typeof api.cite !== 'function') {
      status.textContent = 'Citations cannot be recomputed here.';
      return;
    }
    const mine = ++generation;
    const fields = {
      title: state.title || null,
      authors: state.authors,
      publisher: state.publisher || null,
      date_iso: state.date_iso || null,
      date: state.date || null,
      url: state.url || null,
      accessed: state.accessed || null,
    };
    try {
      const citations = await Promise.resolve(api.cite(fields));
      if (mine === generation) {
        show(citations);
        status.textContent = '';
      }
    } catch (e) {
      if (mine === generation) status.textContent = `Could not build the citations: ${e && e.message ? e.message : e}`;
    }
  }
}
