#!/usr/bin/env node
// Copydesk's WebAssembly next to the JavaScript peers, on the same articles.
//
//   node scripts/bench-js.mjs                 Node: copydesk (WASM), compromise, wink-nlp, Readability (jsdom)
//   node scripts/bench-js.mjs --browser       the same page of figures in headless Chromium
//                                             (copydesk, compromise, Readability on the browser's own DOM;
//                                             wink-nlp is CommonJS and runs in Node only)
//   node scripts/bench-js.mjs --smoke         one quick pass of each, to check everything runs
//   node scripts/bench-js.mjs --json out.json also write the figures as JSON (read by scripts/bench-table.sh)
//   node scripts/bench-js.mjs --pkg DIR       another build of the WASM package (default www/pkg), to
//                                             compare builds on the same articles
//   node scripts/bench-js.mjs --copydesk-only Copydesk's rows only (no peers, no memory run)
//   node scripts/bench-js.mjs --compare DIR [--browser] [--html]
//                                             two builds (--pkg, default www/pkg, and DIR) on the DEV
//                                             pastes (pages with --html), passes alternating between
//                                             them, so a load that comes and goes hits both alike;
//                                             prints each one's median wall and CPU time per pass (in
//                                             Chromium, CPU time of its renderer processes, read from
//                                             /proc in 10 ms ticks)
//
// Articles: the DEV pastes and pages of ../shared/data/boilerplate when present (read at run
// time), else benches/fixtures/article.{txt,html}. Each figure is the median of timed passes
// over all articles after a warm-up pass. Needs www/pkg (bash scripts/build-wasm.sh).
// In Node each row also gives the process's CPU time (user + system) per pass, median:
// `cpu_mb_per_s`. On a shared, loaded machine wall time swings with the load; CPU time much
// less (it still counts the engine's own threads: compilation, GC), so compare runs with it.

import fs from 'node:fs';
import path from 'node:path';
import http from 'node:http';
import zlib from 'node:zlib';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { spawnSync } from 'node:child_process';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const flag = (f) => args.includes(f);
const opt = (f) => { const i = args.indexOf(f); return i >= 0 ? args[i + 1] : undefined; };
const smoke = flag('--smoke');
const passes = smoke ? 1 : Number(opt('--passes') ?? 7);
const pkgDir = path.resolve(opt('--pkg') ?? path.join(root, 'www/pkg'));
const copydeskOnly = flag('--copydesk-only');

function loadArticles() {
  const dir = path.join(root, '../shared/data/boilerplate');
  const texts = [], pages = [];
  if (fs.existsSync(dir)) {
    for (const id of fs.readdirSync(dir).sort()) {
      const p = path.join(dir, id);
      if (!fs.statSync(p).isDirectory()) continue;
      if (fs.existsSync(path.join(p, 'paste.txt'))) texts.push(fs.readFileSync(path.join(p, 'paste.txt'), 'utf8'));
      if (fs.existsSync(path.join(p, 'source.html'))) pages.push(fs.readFileSync(path.join(p, 'source.html'), 'utf8'));
    }
  }
  const fixture = fs.readFileSync(path.join(root, 'benches/fixtures/article.txt'), 'utf8');
  if (!texts.length || !pages.length) {
    console.error('bench-js: ../shared/data/boilerplate absent; using benches/fixtures');
    return { origin: 'fixture article', texts: [fixture], pages: [fs.readFileSync(path.join(root, 'benches/fixtures/article.html'), 'utf8')], fixture };
  }
  // In a smoke run a few articles are enough to show each piece runs.
  const n = smoke ? 3 : texts.length;
  return { origin: `DEV pastes (${texts.length}) and pages (${pages.length})`, texts: texts.slice(0, n), pages: pages.slice(0, n), fixture };
}

const bytesOf = (list) => list.reduce((n, s) => n + Buffer.byteLength(s), 0);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const cpuSeconds = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };
/** CPU seconds (median per pass) of the last `timeIt` call. */
let lastCpu;

/** Median seconds of `passes` runs of `fn` over `items`, after one warm-up run. */
function timeIt(items, fn, n = passes) {
  for (const x of items) fn(x);
  const times = [], cpu = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now(), c = cpuSeconds();
    for (const x of items) fn(x);
    times.push((performance.now() - t) / 1e3);
    cpu.push(cpuSeconds() - c);
  }
  lastCpu = median(cpu);
  return median(times);
}

function row(name, bytes, secs, extra = {}) {
  const r = { name, mb_per_s: bytes / secs / 1e6, seconds: secs, bytes, cpu_seconds: lastCpu, cpu_mb_per_s: bytes / lastCpu / 1e6, ...extra };
  console.error(`bench-js: ${name.padEnd(44)} ${r.mb_per_s.toFixed(2).padStart(8)} MB/s  (${(secs * 1e3).toFixed(1)} ms; CPU ${r.cpu_mb_per_s.toFixed(2)} MB/s)`);
  return r;
}

function textOfSize(texts, size) {
  let s = '';
  for (let i = 0; s.length < size; i++) s += texts[i % texts.length] + '\n\n';
  return s;
}

// ---- WASM memory: a fresh instance per process, so the figure is this input's peak ----
async function wasmMemory(size) {
  const { default: init, analyze } = await import(pathToFileURL(path.join(pkgDir, 'copydesk.js')));
  const wasm = await init({ module_or_path: fs.readFileSync(path.join(pkgDir, 'copydesk_bg.wasm')) });
  const { texts } = loadArticles();
  const input = textOfSize(texts, size);
  const before = wasm.memory.buffer.byteLength;
  const t = performance.now();
  analyze(input, { input: 'text' });
  const secs = (performance.now() - t) / 1e3;
  return { input_bytes: Buffer.byteLength(input), memory_before: before, memory_after: wasm.memory.buffer.byteLength, seconds: secs };
}

// ---- Node ----
async function node() {
  const a = loadArticles();
  console.error(`bench-js: Node ${process.version}; articles: ${a.origin}`);
  const tb = bytesOf(a.texts), hb = bytesOf(a.pages);
  const { default: init, analyze } = await import(pathToFileURL(path.join(pkgDir, 'copydesk.js')));
  await init({ module_or_path: fs.readFileSync(path.join(pkgDir, 'copydesk_bg.wasm')) });
  const rows = [];
  rows.push(row('copydesk analyze (WASM, text)', tb, timeIt(a.texts, (t) => analyze(t, { input: 'text' }))));
  rows.push(row('copydesk analyze (WASM, html)', hb, timeIt(a.pages, (h) => analyze(h, { input: 'html' }))));
  const fixtureMs = timeIt([a.fixture], (t) => analyze(t, { input: 'text' }), smoke ? 3 : 51) * 1e3;
  console.error(`bench-js: copydesk 5 KB article (Node): ${fixtureMs.toFixed(2)} ms`);
  const base = { env: `node ${process.version}`, origin: a.origin, text_bytes: tb, page_bytes: hb, fixture_bytes: Buffer.byteLength(a.fixture), fixture_ms: fixtureMs, rows };
  if (copydeskOnly) return base;

  const { default: nlp } = await import('compromise');
  rows.push(row('compromise 14 (people, places, organizations)', tb, timeIt(a.texts, (t) => {
    const d = nlp(t);
    return d.people().out('array').length + d.places().out('array').length + d.organizations().out('array').length;
  }, Math.min(passes, 3))));

  const { default: winkNLP } = await import('wink-nlp');
  const { default: model } = await import('wink-eng-lite-web-model');
  const wink = winkNLP(model);
  rows.push(row('wink-nlp 2.4 + lite web model (entities)', tb, timeIt(a.texts, (t) => wink.readDoc(t).entities().out().length)));

  const { JSDOM, VirtualConsole } = await import('jsdom');
  const { Readability } = await import('@mozilla/readability');
  const vc = new VirtualConsole();
  rows.push(row('Readability 0.6 + jsdom parse (html)', hb, timeIt(a.pages, (h) => {
    const dom = new JSDOM(h, { virtualConsole: vc });
    const r = new Readability(dom.window.document).parse();
    dom.window.close();
    return r;
  }, Math.min(passes, 3))));

  // Peak WASM memory for a 10 MB paste (100 KB in a smoke run), in a fresh process.
  const memSize = smoke ? 100_000 : 10_000_000;
  const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--wasm-memory', String(memSize), '--pkg', pkgDir], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (child.status !== 0) throw new Error(`wasm memory run failed: ${child.stderr}`);
  const memory = JSON.parse(child.stdout);
  console.error(`bench-js: WASM memory after analysing ${memory.input_bytes} bytes: ${(memory.memory_after / 1e6).toFixed(1)} MB (${(memory.memory_after / memory.input_bytes).toFixed(1)}x input), ${memory.seconds.toFixed(2)} s`);
  return { ...base, memory };
}

// ---- headless Chromium ----
const MIME = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.html': 'text/html', '.json': 'application/json' };

const PAGE = `<!doctype html><meta charset="utf-8"><title>bench</title>
<script src="/node_modules/compromise/builds/compromise.js"></script>
<script src="/node_modules/@mozilla/readability/Readability.js"></script>
<script type="module">
import init, { analyze } from '/__pkg/copydesk.js';
const { texts, pages, fixture, passes, smoke, copydeskOnly } = await (await fetch('/__articles.json')).json();
const enc = new TextEncoder();
const bytesOf = (l) => l.reduce((n, s) => n + enc.encode(s).length, 0);
function timeIt(items, fn, n = passes) {
  for (const x of items) fn(x);
  const times = [];
  for (let i = 0; i < n; i++) { const t = performance.now(); for (const x of items) fn(x); times.push((performance.now() - t) / 1e3); }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}
try {
  const wasm = await init();
  const tb = bytesOf(texts), hb = bytesOf(pages), rows = [];
  const row = (name, bytes, secs) => rows.push({ name, bytes, seconds: secs, mb_per_s: bytes / secs / 1e6 });
  row('copydesk analyze (WASM, text)', tb, timeIt(texts, (t) => analyze(t, { input: 'text' })));
  row('copydesk analyze (WASM, html)', hb, timeIt(pages, (h) => analyze(h, { input: 'html' })));
  const fixtureMs = timeIt([fixture], (t) => analyze(t, { input: 'text' }), smoke ? 3 : 51) * 1e3;
  if (!copydeskOnly) {
  row('compromise 14 (people, places, organizations)', tb, timeIt(texts, (t) => { const d = nlp(t); return d.people().out('array').length + d.places().out('array').length + d.organizations().out('array').length; }, Math.min(passes, 3)));
  row('Readability 0.6 on DOMParser (html)', hb, timeIt(pages, (h) => new Readability(new DOMParser().parseFromString(h, 'text/html')).parse(), Math.min(passes, 3)));
  }
  window.__result = { env: navigator.userAgent.match(/Chrome\\/[\\d.]+/)?.[0] ?? navigator.userAgent, text_bytes: tb, page_bytes: hb, fixture_ms: fixtureMs, rows, memory_after: wasm.memory.buffer.byteLength };
} catch (e) { window.__result = { error: String(e && e.stack || e) }; }
</script>`;

async function browser() {
  const a = loadArticles();
  const articles = JSON.stringify({ texts: a.texts, pages: a.pages, fixture: a.fixture, passes, smoke, copydeskOnly });
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    if (url.pathname === '/') { res.writeHead(200, { 'content-type': 'text/html' }); return res.end(PAGE); }
    if (url.pathname === '/__articles.json') { res.writeHead(200, { 'content-type': 'application/json' }); return res.end(articles); }
    // /__pkg/ is the WASM package under test (--pkg), anything else a file of the repository.
    const [dir, rel] = url.pathname.startsWith('/__pkg/') ? [pkgDir, url.pathname.slice('/__pkg'.length)] : [root, url.pathname];
    const file = path.join(dir, path.normalize(decodeURIComponent(rel)));
    if (!file.startsWith(dir + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) { res.writeHead(404); return res.end(); }
    res.writeHead(200, { 'content-type': MIME[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const { chromium } = await import('playwright-core');
  const b = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await b.newPage();
    page.on('pageerror', (e) => console.error('bench-js: page error:', e.message));
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    await page.waitForFunction(() => window.__result, null, { timeout: 600_000 });
    const r = await page.evaluate(() => window.__result);
    if (r.error) throw new Error(r.error);
    for (const x of r.rows) console.error(`bench-js: [chromium] ${x.name.padEnd(44)} ${x.mb_per_s.toFixed(2).padStart(8)} MB/s`);
    console.error(`bench-js: [chromium] copydesk 5 KB article: ${r.fixture_ms.toFixed(2)} ms`);
    return { ...r, origin: a.origin, fixture_bytes: Buffer.byteLength(a.fixture) };
  } finally {
    await b.close();
    server.close();
  }
}

// ---- sizes ----
function gz(buf) { return zlib.gzipSync(buf, { level: 9 }).length; }
function sizes() {
  const wasmPath = path.join(pkgDir, 'copydesk_bg.wasm');
  const wasm = fs.readFileSync(wasmPath);
  const out = { wasm_bytes: wasm.length, wasm_gzip: gz(wasm) };
  const model = path.join(root, 'src/entities/model.bin');
  if (fs.existsSync(model)) { const m = fs.readFileSync(model); out.model_bytes = m.length; out.model_gzip = gz(m); }
  // The page: every file under www/ (the single-file build counted apart, it repeats the rest).
  let page = 0, pageRaw = 0; const files = [];
  const walk = (d) => { for (const f of fs.readdirSync(d)) { const p = path.join(d, f); const s = fs.statSync(p);
    if (s.isDirectory()) walk(p); else if (!/\.(map|md)$|^\.|copydesk\.html$/.test(f)) { const b = fs.readFileSync(p); page += gz(b); pageRaw += b.length; files.push(path.relative(root, p)); } } };
  walk(path.join(root, 'www'));
  out.page_gzip = page; out.page_bytes = pageRaw; out.page_files = files;
  const single = path.join(root, 'www/copydesk.html');
  if (fs.existsSync(single)) out.single_file_gzip = gz(fs.readFileSync(single));
  const comp = path.join(root, 'node_modules/compromise/builds/compromise.js');
  if (fs.existsSync(comp)) out.compromise_gzip = gz(fs.readFileSync(comp));
  return out;
}

// ---- two builds, passes alternating ----
async function compare(otherDir) {
  const a = loadArticles();
  const items = flag('--html') ? a.pages : a.texts;
  const input = flag('--html') ? 'html' : 'text';
  const bytes = bytesOf(items);
  const dirs = [pkgDir, path.resolve(otherDir)];
  const n = smoke ? 1 : Number(opt('--passes') ?? 15);
  const res = dirs.map(() => ({ wall: [], cpu: [] }));
  let where = `Node ${process.version}`;
  if (!flag('--browser')) {
    const mods = [];
    for (const [k, d] of dirs.entries()) {
      const m = await import(pathToFileURL(path.join(d, 'copydesk.js')) + `?build=${k}`);
      await m.default({ module_or_path: fs.readFileSync(path.join(d, 'copydesk_bg.wasm')) });
      for (const x of items) m.analyze(x, { input });
      mods.push(m);
    }
    for (let i = 0; i < n; i++) for (const [k, m] of mods.entries()) {
      const t = performance.now(), c = cpuSeconds();
      for (const x of items) m.analyze(x, { input });
      res[k].wall.push((performance.now() - t) / 1e3);
      res[k].cpu.push(cpuSeconds() - c);
    }
  } else {
    const page = `<!doctype html><meta charset="utf-8"><script type="module">
const items = await (await fetch('/__items.json')).json();
const mods = [];
for (let k = 0; k < 2; k++) { const m = await import('/__build' + k + '/copydesk.js'); await m.default(); for (const x of items) m.analyze(x, { input: '${input}' }); mods.push(m); }
window.__pass = (k) => { const t = performance.now(); for (const x of items) mods[k].analyze(x, { input: '${input}' }); return (performance.now() - t) / 1e3; };
</script>`;
    const server = http.createServer((req, res) => {
      const u = new URL(req.url, 'http://127.0.0.1').pathname;
      if (u === '/') { res.writeHead(200, { 'content-type': 'text/html' }); return res.end(page); }
      if (u === '/__items.json') { res.writeHead(200, { 'content-type': 'application/json' }); return res.end(JSON.stringify(items)); }
      const m = u.match(/^\/__build([01])\/([\w.]+)$/);
      const file = m && path.join(dirs[Number(m[1])], m[2]);
      if (!file || !fs.existsSync(file)) { res.writeHead(404); return res.end(); }
      res.writeHead(200, { 'content-type': MIME[path.extname(file)] ?? 'application/octet-stream' });
      fs.createReadStream(file).pipe(res);
    });
    await new Promise((r) => server.listen(0, '127.0.0.1', r));
    const { chromium } = await import('playwright-core');
    const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
    try {
      const p = await b.newPage();
      await p.goto(`http://127.0.0.1:${server.address().port}/`);
      await p.waitForFunction(() => window.__pass, null, { timeout: 600_000 });
      where = `Chromium ${b.version()}`;
      // The renderer processes: this process's descendants started with --type=renderer.
      const children = {};
      for (const d of fs.readdirSync('/proc')) {
        if (!/^\d+$/.test(d)) continue;
        try { const ppid = Number(fs.readFileSync(`/proc/${d}/stat`, 'utf8').split(') ')[1].split(' ')[1]); (children[ppid] ||= []).push(Number(d)); } catch { /* gone */ }
      }
      const all = []; const walk = (pid) => { for (const c of children[pid] || []) { all.push(c); walk(c); } }; walk(process.pid);
      const renderers = all.filter((pid) => { try { return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer'); } catch { return false; } });
      const ticks = () => renderers.reduce((t, pid) => { try { const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' '); return t + Number(f[11]) + Number(f[12]); } catch { return t; } }, 0);
      for (let i = 0; i < n; i++) for (let k = 0; k < 2; k++) {
        const c = ticks();
        res[k].wall.push(await p.evaluate((k) => window.__pass(k), k));
        res[k].cpu.push((ticks() - c) / 100);
      }
    } finally {
      await b.close();
      server.close();
    }
  }
  const rows = dirs.map((d, k) => ({ pkg: d, mb_per_s: bytes / median(res[k].wall) / 1e6, cpu_mb_per_s: bytes / median(res[k].cpu) / 1e6 }));
  console.error(`bench-js: ${where}, ${items.length} ${input === 'html' ? 'pages' : 'pastes'}, ${n} passes each, alternating`);
  for (const r of rows) console.error(`bench-js: ${r.pkg.padEnd(40)} ${r.mb_per_s.toFixed(2)} MB/s (CPU ${r.cpu_mb_per_s.toFixed(2)} MB/s)`);
  console.error(`bench-js: second / first: ${(rows[1].mb_per_s / rows[0].mb_per_s).toFixed(3)}x (CPU ${(rows[1].cpu_mb_per_s / rows[0].cpu_mb_per_s).toFixed(3)}x)`);
  return { env: where, input, passes: n, rows };
}

async function main() {
  if (opt('--compare')) {
    const result = await compare(opt('--compare'));
    if (opt('--json')) fs.writeFileSync(opt('--json'), JSON.stringify(result, null, 2));
    return;
  }
  if (opt('--wasm-memory')) { process.stdout.write(JSON.stringify(await wasmMemory(Number(opt('--wasm-memory'))))); return; }
  if (!fs.existsSync(path.join(pkgDir, 'copydesk_bg.wasm'))) throw new Error('www/pkg missing: run bash scripts/build-wasm.sh');
  const result = flag('--browser') ? { browser: await browser(), sizes: sizes() } : { node: await node(), sizes: sizes() };
  const s = result.sizes;
  console.error(`bench-js: WASM ${s.wasm_bytes} bytes (${s.wasm_gzip} gzip); page ${s.page_gzip} gzip over ${s.page_files.length} files`);
  const rows = (result.node ?? result.browser).rows;
  const ours = rows.find((r) => r.name.startsWith('copydesk analyze (WASM, text)'));
  for (const r of rows) {
    if (r.name.startsWith('copydesk')) continue;
    const cpu = r.cpu_mb_per_s ? ` (CPU time: ${(ours.cpu_mb_per_s / r.cpu_mb_per_s).toFixed(1)}x)` : '';
    console.error(`bench-js: copydesk text / ${r.name}: ${(ours.mb_per_s / r.mb_per_s).toFixed(1)}x${cpu}`);
  }
  if (opt('--json')) fs.writeFileSync(opt('--json'), JSON.stringify(result, null, 2));
  else console.log(JSON.stringify(result, null, 2));
}

main().catch((e) => { console.error('bench-js:', e.stack || e); process.exit(1); });
