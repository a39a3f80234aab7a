// The analysis worker: loads the WASM once, then runs the pipeline on each text the page
// sends, so the page stays responsive however long the analysis takes.
// Messages in:  {type:'init', wasm?: bytes}, {type:'warm'}, {type:'analyze', id, text, options}
// Messages out: {type:'ready', version, times} | {type:'fatal', error} | {type:'warm', times}
//               {type:'result', id, analysis, packed, ms, sent} | {type:'error', id, error}
//               {type:'cite', id, fields} → {type:'cited', id, citations} | {type:'cite-error', id, error}
// `times` are {name: epoch ms} (performance.timeOrigin + now) so the page can place them on
// its own timeline: worker-start, wasm-compiled, ready, warm.
//
// Start-up is on the page's critical path (the reader may paste at once), so the worker
// starts fetching and compiling the WASM the moment it runs, in parallel with loading the
// wasm-bindgen glue, and warms up (model, patterns) right after instantiation. The
// single-file page runs this file as a classic script with the glue in front of it
// (self.__copydeskGlue) and sends the WASM as bytes with 'init'.

const times = {};
const stamp = (name) => (times[name] = performance.timeOrigin + performance.now());
stamp('worker-start');

const embeddedGlue = self.__copydeskGlue || null;
const glueLoading = embeddedGlue ? Promise.resolve(embeddedGlue) : import('./pkg/copydesk.js');
/** Compiling streams as the bytes arrive; started before any message. */
const compiling = embeddedGlue
  ? null
  : WebAssembly.compileStreaming(fetch(new URL('./pkg/copydesk_bg.wasm', self.location.href))).then((module) => {
      stamp('wasm-compiled');
      return module;
    });
// Only `init` awaits these; a failure is reported there, not as an unhandled rejection.
glueLoading.catch(() => {});
if (compiling) compiling.catch(() => {});

let ready = null;
let glue = null;

async function load(bytes) {
  glue = await glueLoading;
  let module;
  if (bytes) {
    module = await WebAssembly.compile(bytes);
    stamp('wasm-compiled');
  } else {
    try {
      module = await compiling;
    } catch {
      // compileStreaming needs application/wasm; let the glue fetch it its own way.
      module = undefined;
    }
  }
  await glue.default(module ? { module_or_path: module } : undefined);
  stamp('ready');
  return glue.version();
}

self.onmessage = async (event) => {
  const msg = event.data;
  if (msg.type === 'init') {
    ready = load(msg.wasm);
    try {
      self.postMessage({ type: 'ready', version: await ready, times });
    } catch (err) {
      self.postMessage({ type: 'fatal', error: String((err && err.message) || err) });
    }
    return;
  }
  if (msg.type === 'warm') {
    // The first analysis would pay for unpacking the tagger's model and compiling the
    // patterns: pay it now, while the reader is still pasting. The page asks for this once
    // it has heard 'ready' and sent any analysis already asked for (the reader pressed a
    // button while the page loaded): that analysis goes first, compiling only the patterns
    // it needs, and the warm-up after it only what remains.
    try {
      await ready;
    } catch {
      return; // 'fatal' was sent
    }
    try {
      if (glue.warm) glue.warm();
      else glue.analyze('Warm-up. The minister, Ana Lima, said on Monday that talks would resume.', { input: 'text' });
    } catch {
      // A real request will report the problem.
    }
    stamp('warm');
    self.postMessage({ type: 'warm', times });
    return;
  }
  if (msg.type === 'cite') {
    await ready;
    try {
      self.postMessage({ type: 'cited', id: msg.id, citations: glue.cite(msg.fields) });
    } catch (err) {
      self.postMessage({ type: 'cite-error', id: msg.id, error: String((err && err.message) || err) });
    }
    return;
  }
  if (msg.type === 'analyze') {
    await ready;
    const started = performance.now();
    try {
      const analysis = glue.analyze(msg.text, msg.options);
      const ms = performance.now() - started;
      const packed = pack(analysis);
      self.postMessage({ type: 'result', id: msg.id, analysis, packed: packed.columns, ms, sent: performance.timeOrigin + performance.now() }, packed.transfer);
    } catch (err) {
      self.postMessage({ type: 'error', id: msg.id, error: String((err && err.message) || err) });
    }
  }
};

// ---------------------------------------------------------------- packing long lists
// Copying a message to the page costs the page's main thread time for every object in it: a
// 10 MB paste has some 100,000 blocks, and reading them in one go would freeze the page for
// a noticeable moment. Long lists of flat records (blocks, entities) therefore travel as
// columns in typed arrays, moved rather than copied; the page (analyzer.js, unpack) rebuilds
// the same objects a slice at a time.

/** Lists shorter than this travel as they are. */
const PACK_MIN_ROWS = 2000;

/** Takes the long flat lists out of `analysis` into columns: {columns: {field: packed}, transfer}. */
function pack(analysis) {
  const columns = {};
  const transfer = [];
  for (const [field, rows] of Object.entries(analysis)) {
    if (!Array.isArray(rows) || rows.length < PACK_MIN_ROWS) continue;
    const packed = packRows(rows, transfer);
    if (packed) {
      columns[field] = packed;
      analysis[field] = null;
    }
  }
  return { columns, transfer };
}

/**
 * Rows as columns, or null when a row is not a flat record of numbers, booleans, strings,
 * nulls and [number, number] pairs. Keys keep the rows' order; a key may be absent (or null)
 * in some rows, which a presence column records (0 absent, 1 value, 2 null).
 */
function packRows(rows, transfer) {
  const n = rows.length;
  const keys = [];
  const kinds = new Map(); // key → 'num' | 'bool' | 'str' | 'pair'
  const kindOf = (v) => (typeof v === 'number' ? 'num' : typeof v === 'boolean' ? 'bool' : typeof v === 'string' ? 'str' : Array.isArray(v) && v.length === 2 && typeof v[0] === 'number' && typeof v[1] === 'number' ? 'pair' : null);
  for (const row of rows) {
    if (!row || typeof row !== 'object' || Array.isArray(row)) return null;
    let prev = -1;
    for (const k in row) {
      let at = keys.indexOf(k);
      if (at < 0) {
        at = prev + 1;
        keys.splice(at, 0, k); // after the key that precedes it in this row
      } else if (at < prev) return null; // rows disagree on the order of their keys
      prev = at;
      const v = row[k];
      if (v === null) continue;
      const kind = kindOf(v);
      if (!kind || (kinds.has(k) && kinds.get(k) !== kind)) return null;
      kinds.set(k, kind);
    }
  }
  const cols = keys.map((k) => {
    const kind = kinds.get(k) || 'null';
    const presence = new Uint8Array(n);
    let sparse = false;
    let values;
    let dict = null;
    if (kind === 'num') values = new Float64Array(n);
    else if (kind === 'bool') values = new Uint8Array(n);
    else if (kind === 'pair') values = new Float64Array(2 * n);
    else if (kind === 'str') values = [];
    for (let i = 0; i < n; i++) {
      const row = rows[i];
      if (!(k in row)) {
        sparse = true;
        if (kind === 'str') values.push('');
        continue;
      }
      const v = row[k];
      if (v === null) {
        presence[i] = 2;
        sparse = true;
        if (kind === 'str') values.push('');
        continue;
      }
      presence[i] = 1;
      if (kind === 'num') values[i] = v;
      else if (kind === 'bool') values[i] = v ? 1 : 0;
      else if (kind === 'pair') {
        values[2 * i] = v[0];
        values[2 * i + 1] = v[1];
      } else if (kind === 'str') values.push(v);
    }
    if (kind === 'str') {
      // Few distinct strings (kinds, reasons, types): codes into a dictionary.
      const seen = new Map();
      for (const v of values) if (!seen.has(v) && seen.size < 256) seen.set(v, seen.size);
      if (seen.size < 256) {
        dict = [...seen.keys()];
        const codes = new Uint8Array(n);
        for (let i = 0; i < n; i++) codes[i] = seen.get(values[i]);
        values = codes;
      }
    }
    if (values && values.buffer) transfer.push(values.buffer);
    if (sparse) transfer.push(presence.buffer);
    return { key: k, kind, values, dict, presence: sparse ? presence : null };
  });
  return { rows: n, cols };
}
