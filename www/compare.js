// Compare mode: which entities and sources two versions of a story share, and which only
// one of them has. Names are matched case-insensitively, through the aliases of each group
// ("KCNA" matches "Korean Central News Agency" when either text introduces the acronym).

import { sourceGroups } from './exports.js';

const norm = (s) => s.normalize('NFKC').toLowerCase().replace(/[’']s$/, '').replace(/\s+/g, ' ').trim();

/** Types worth comparing: names, not dates and numbers. */
const NAME_TYPES = new Set(['PERSON', 'ORG', 'LOCATION', 'MISC']);

function entityItems(a) {
  return a.groups
    .filter((g) => NAME_TYPES.has(g.type))
    .map((g) => ({ name: g.name, type: g.type, count: g.mentions.length, keys: [g.name, ...g.aliases].map(norm) }));
}

function sourceItems(a) {
  return sourceGroups(a)
    .filter((g) => g.key !== 'unnamed')
    .map((g) => {
      const at = a.attributions[g.claims[0]];
      const group = at.source_group !== null && at.source_group !== undefined ? a.groups[at.source_group] : null;
      const keys = [g.name, ...(group ? group.aliases : [])].map(norm);
      return { name: g.name, type: g.type, count: g.claims.length, keys };
    });
}

/** Items of `xs` and `ys` sorted into both / only x / only y. */
function split(xs, ys) {
  const matches = (x, y) => x.keys.some((k) => y.keys.includes(k)) || x.keys.some((k) => y.keys.some((l) => lastWordMatch(k, l)));
  const both = [];
  const onlyX = [];
  const usedY = new Set();
  for (const x of xs) {
    const j = ys.findIndex((y, idx) => !usedY.has(idx) && matches(x, y));
    if (j >= 0) {
      usedY.add(j);
      both.push({ a: x, b: ys[j] });
    } else onlyX.push(x);
  }
  const onlyY = ys.filter((_, idx) => !usedY.has(idx));
  const byCount = (p, q) => (q.count || q.a.count) - (p.count || p.a.count);
  return { both: both.sort((p, q) => q.a.count + q.b.count - p.a.count - p.b.count), onlyA: onlyX.sort(byCount), onlyB: onlyY.sort(byCount) };
}

/** "Naryshkin" and "Sergei Naryshkin": a surname on its own matches the full name. */
function lastWordMatch(k, l) {
  if (k === l) return true;
  const [short, long] = k.length < l.length ? [k, l] : [l, k];
  return !short.includes(' ') && short.length > 3 && long.split(' ').pop() === short;
}

/** {entities: {both, onlyA, onlyB}, sources: {both, onlyA, onlyB}} */
export function compareAnalyses(a, b) {
  return { entities: split(entityItems(a), entityItems(b)), sources: split(sourceItems(a), sourceItems(b)) };
}
