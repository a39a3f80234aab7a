// What the reader takes away: the clean text, Markdown, a self-contained HTML page and the
// analysis as JSON. All built from the analysis alone; user text is escaped by the DOM
// serializer (HTML) or by markdownEscape (Markdown), never pasted into markup by hand.

import { sourceTypeLabel, typeLabel, typeTag } from './labels.js';

const slice = (a, s, e) => a.text.slice(s, e);
const keptBlocks = (a) => a.blocks.filter((b) => b.keep);

/** Title, byline and date as one line of facts ("By A · Publisher · date"). */
export function factsLine(a) {
  const m = a.metadata || {};
  const facts = [];
  if (m.authors && m.authors.length) facts.push(`By ${m.authors.map((f) => f.value).join(', ')}`);
  if (m.publisher) facts.push(m.publisher.value);
  if (m.date) facts.push(m.date.value);
  return facts.join(' · ');
}

/** The article body as plain text: headline, then one paragraph per kept block. */
export function cleanText(a) {
  const parts = [];
  if (a.title) parts.push(a.title);
  const facts = factsLine(a);
  if (facts) parts.push(facts);
  for (const b of keptBlocks(a)) parts.push(slice(a, b.start, b.end));
  return `${parts.join('\n\n')}\n`;
}

function markdownEscape(s) {
  return s.replace(/([\\`*_[\]#<>|])/g, '\\$1').replace(/^(\s*)([-+]|\d+\.)(\s)/, '$1\\$2$3');
}

/** Claims grouped by source, most-cited first: [{key, name, type, claims: [index]}]. */
export function sourceGroups(a) {
  const byKey = new Map();
  a.attributions.forEach((at, i) => {
    let key;
    let name;
    if (at.source_group !== null && at.source_group !== undefined && a.groups[at.source_group]) {
      key = `g${at.source_group}`;
      name = a.groups[at.source_group].name;
    } else if (at.source_name) {
      key = `n${at.source_name.toLowerCase()}`;
      name = at.source_name;
    } else if (at.source) {
      name = slice(a, at.source[0], at.source[1]);
      key = `n${name.toLowerCase()}`;
    } else {
      key = 'unnamed';
      name = 'Unnamed source';
    }
    if (!byKey.has(key)) byKey.set(key, { key, name, types: new Map(), claims: [] });
    const g = byKey.get(key);
    g.claims.push(i);
    g.types.set(at.source_type, (g.types.get(at.source_type) || 0) + 1);
  });
  const groups = [...byKey.values()].map((g) => ({
    key: g.key,
    name: g.name,
    type: [...g.types.entries()].sort((x, y) => y[1] - x[1])[0][0],
    claims: g.claims,
  }));
  groups.sort((x, y) => y.claims.length - x.claims.length || x.claims[0] - y.claims[0]);
  return groups;
}

/** The clean article, its entities and its sources as Markdown. */
export function markdown(a) {
  const out = [];
  if (a.title) out.push(`# ${markdownEscape(a.title)}`, '');
  const facts = factsLine(a);
  if (facts) out.push(`*${markdownEscape(facts)}*`, '');
  for (const b of keptBlocks(a)) {
    const text = markdownEscape(slice(a, b.start, b.end));
    out.push(b.kind === 'heading' || b.reason === 'subheading' ? `## ${text}` : text, '');
  }
  if (a.groups.length) {
    out.push('## Entities', '');
    for (const g of [...a.groups].sort((x, y) => y.mentions.length - x.mentions.length)) {
      const also = g.aliases.length ? `; also ${markdownEscape(g.aliases.join(', '))}` : '';
      out.push(`- **${markdownEscape(g.name)}** (${typeLabel(g.type).toLowerCase()}, ${g.mentions.length}×${also})`);
    }
    out.push('');
  }
  if (a.attributions.length) {
    out.push('## Sources', '');
    for (const g of sourceGroups(a)) {
      out.push(`- **${markdownEscape(g.name)}** (${sourceTypeLabel(g.type)})`);
      for (const i of g.claims) {
        const at = a.attributions[i];
        out.push(`  - *${markdownEscape(slice(a, at.cue[0], at.cue[1]))}*: ${markdownEscape(slice(a, at.content[0], at.content[1]))}`);
      }
    }
    out.push('');
  }
  return out.join('\n');
}

const EXPORT_CSS = `
body{font:18px/1.6 Georgia,'Times New Roman',serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1d1d1f;background:#fff}
h1{font-size:2rem;line-height:1.2;margin:0 0 .5rem}
.facts{color:#555;font:15px/1.4 system-ui,sans-serif;margin:0 0 2rem}
mark{background:#eef2ff;color:inherit;border-radius:2px;padding:0 1px}
mark[data-type=PERSON]{background:#dbeafe}mark[data-type=ORG]{background:#fef3c7}
mark[data-type=LOCATION]{background:#d1fae5}mark[data-type=MISC]{background:#ede9fe}
h2{font:600 1.1rem/1.3 system-ui,sans-serif;margin:2.5rem 0 .5rem}
ul{font:15px/1.5 system-ui,sans-serif;padding-left:1.2rem}
footer{margin-top:3rem;color:#666;font:13px system-ui,sans-serif}
@media (prefers-color-scheme:dark){body{background:#15171a;color:#e8e8ea}mark,mark[data-type]{background:#2b3245;color:inherit}.facts,footer{color:#aaa}}
@media print{mark,mark[data-type]{background:none}}`;

/** A self-contained HTML page of the clean article (entities marked) and its sources. */
export function htmlPage(a) {
  const doc = document.implementation.createHTMLDocument(a.title || 'Article');
  const lang = (a.metadata && a.metadata.language) || 'en';
  doc.documentElement.setAttribute('lang', lang);
  const head = doc.head;
  const meta = (attrs) => {
    const m = doc.createElement('meta');
    for (const [k, v] of Object.entries(attrs)) m.setAttribute(k, v);
    head.prepend(m);
  };
  meta({ name: 'viewport', content: 'width=device-width, initial-scale=1' });
  meta({ 'http-equiv': 'Content-Security-Policy', content: "default-src 'none'; style-src 'unsafe-inline'" });
  meta({ charset: 'utf-8' });

  const article = doc.createElement('article');
  const add = (parent, tag, text, cls) => {
    const e = doc.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (cls) e.className = cls;
    parent.append(e);
    return e;
  };
  if (a.title) add(article, 'h1', a.title);
  const facts = factsLine(a);
  if (facts) add(article, 'p', facts, 'facts');
  let e = 0;
  for (const b of keptBlocks(a)) {
    const p = add(article, b.kind === 'heading' ? 'h2' : 'p');
    while (e < a.entities.length && a.entities[e].start < b.start) e++;
    let at = b.start;
    for (; e < a.entities.length && a.entities[e].end <= b.end; e++) {
      const ent = a.entities[e];
      if (ent.start < at) continue;
      p.append(doc.createTextNode(slice(a, at, ent.start)));
      const m = add(p, 'mark', slice(a, ent.start, ent.end));
      m.setAttribute('data-type', ent.type);
      m.setAttribute('title', `${typeLabel(ent.type)} (${typeTag(ent.type)})`);
      at = ent.end;
    }
    p.append(doc.createTextNode(slice(a, at, b.end)));
  }
  doc.body.append(article);
  if (a.attributions.length) {
    const section = add(doc.body, 'section');
    add(section, 'h2', 'Sources');
    const ul = add(section, 'ul');
    for (const g of sourceGroups(a)) {
      const li = add(ul, 'li');
      add(li, 'strong', g.name);
      li.append(doc.createTextNode(` (${sourceTypeLabel(g.type)}): `));
      const inner = add(li, 'ul');
      for (const i of g.claims) {
        const at2 = a.attributions[i];
        add(inner, 'li', `${slice(a, at2.cue[0], at2.cue[1])}: ${slice(a, at2.content[0], at2.content[1])}`);
      }
    }
  }
  add(doc.body, 'footer', `Cleaned with Copydesk ${a.version} on ${new Date().toISOString().slice(0, 10)}.`);
  // The style sheet is a constant: added to the serialised page rather than as a <style>
  // element, which this page's own CSP (style-src 'self') would report.
  const page = doc.documentElement.outerHTML.replace('</head>', `<style>${EXPORT_CSS}</style></head>`);
  return `<!doctype html>\n${page}\n`;
}

/** A file name from the headline: "harbour-city-votes.md". */
export function fileName(a, ext) {
  const base = (a.title || 'article')
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '-')
    .slice(0, 60)
    .replace(/-+$/, '');
  return `${base || 'article'}.${ext}`;
}

/** Offers `content` as a download. */
export function download(name, type, content) {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}
