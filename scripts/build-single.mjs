#!/usr/bin/env node
// Builds www/copydesk.html: the whole page in one file (HTML, CSS, JS and the WASM as base64)
// that works when opened from disk (file://), where module workers and fetch() of sibling
// files are not allowed. The page's modules are concatenated into one inline module script;
// the wasm-bindgen glue and the worker code travel as text and start a classic Blob worker (or, if
// that fails, run on the main thread). Its CSP allows exactly its own inline script and
// style (by hash), Blob workers and WASM compilation, and no network at all.
//
//   node scripts/build-single.mjs            writes www/copydesk.html (needs www/pkg: run
//                                            scripts/build-wasm.sh first)
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const www = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../www');
const read = (f) => fs.readFileSync(path.join(www, f), 'utf8');

/** The page's modules in dependency order (each imports only earlier ones). */
const MODULES = ['labels.js', 'exports.js', 'compare.js', 'provenance.js', 'analyzer.js', 'app.js'];

if (!fs.existsSync(path.join(www, 'pkg/copydesk_bg.wasm'))) {
  console.error('build-single: www/pkg is missing; run scripts/build-wasm.sh first');
  process.exit(1);
}

/**
 * A module as a scoped block: relative imports dropped, `export` dropped from declarations, the
 * body wrapped in a function so its private names cannot collide with another module's, and its
 * exported names returned into the shared scope.
 */
function strip(name, source) {
  const exported = [...source.matchAll(/^export\s+(?:async\s+)?(?:function\*?|const|let|class)\s+([A-Za-z_$][\w$]*)/gm)].map((m) => m[1]);
  const out = source
    .replace(/^import\s[^;]*?from\s+'\.\/[^']+';\s*$/gm, '')
    .replace(/^export\s+(?=(async\s+)?(function|const|let|class)\b)/gm, '');
  if (/^\s*(import|export)\b/m.test(out)) throw new Error(`build-single: ${name} has an import or export this script cannot inline`);
  const names = exported.join(', ');
  return [exported, `// ---- ${name}\n${names ? `const { ${names} } = ` : ''}(() => {\n${out}\n${names ? `return { ${names} };\n` : ''}})();`];
}

/** Exported names of more than one module would collide in the single script. */
function checkCollisions(modules) {
  const seen = new Map();
  for (const [name, [exported]] of modules) {
    for (const n of exported) {
      if (seen.has(n)) throw new Error(`build-single: ${n} is exported by both ${seen.get(n)} and ${name}`);
      seen.set(n, name);
    }
  }
}

const stripped = MODULES.map((m) => [m, strip(m, read(m))]);
checkCollisions(stripped);

const glue = read('pkg/copydesk.js');
const worker = read('worker.js').replace(/^import\s[^;]*?from\s+'\.\/pkg\/copydesk\.js';\s*$/m, '');
if (worker.includes("from './pkg")) throw new Error('build-single: could not strip the import from worker.js');
const wasm = fs.readFileSync(path.join(www, 'pkg/copydesk_bg.wasm')).toString('base64');
// Chromium refuses module workers from blob: URLs on file:// pages, so the worker gets the
// glue as a classic script: exports dropped, import.meta.url (unused: the WASM comes as bytes)
// replaced.
const workerGlue = glue
  .replace(/^export\s+(?=(async\s+)?function\b)/gm, '')
  .replace(/^export\s*\{[^}]*\};?\s*$/m, '')
  .replace(/import\.meta\.url/g, 'self.location.href');
if (/^\s*(import|export)\b/m.test(workerGlue)) throw new Error('build-single: the wasm-bindgen glue has an export this script cannot strip');
const embedded = { glue, workerGlue, worker, wasm, sample: read('sample.txt') };

let script = `globalThis.__copydeskEmbedded = ${JSON.stringify(embedded)};\n${stripped.map(([, [, s]]) => s).join('\n')}`;
// Nothing in the script may end the <script> element early.
script = script.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');

const css = `${read('style.css')}\n${read('provenance.css')}`;
const hash = (s) => `'sha256-${crypto.createHash('sha256').update(s, 'utf8').digest('base64')}'`;
const csp = [
  "default-src 'none'",
  `script-src ${hash(script)} 'wasm-unsafe-eval' blob:`,
  'worker-src blob:',
  `style-src ${hash(css)}`,
  'img-src data:',
  "connect-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
const icon = `data:image/svg+xml;base64,${Buffer.from(read('favicon.svg')).toString('base64')}`;

let html = read('index.html');
const replace = (pattern, by) => {
  if (!pattern.test(html)) throw new Error(`build-single: index.html lacks ${pattern}`);
  html = html.replace(pattern, by);
};
replace(/<meta http-equiv="Content-Security-Policy" content="[^"]*">/, `<meta http-equiv="Content-Security-Policy" content="${csp}">`);
replace(/<link rel="icon" href="favicon\.svg" type="image\/svg\+xml">/, `<link rel="icon" href="${icon}" type="image/svg+xml">`);
replace(/<link rel="manifest" href="manifest\.webmanifest">\n/, '');
replace(/<link rel="stylesheet" href="style\.css">/, () => `<style>${css}</style>`);
replace(/<link rel="stylesheet" href="provenance\.css">\n/, '');
// The served page starts its worker early (boot.js) and preloads its modules; here all of
// that is inline.
replace(/<!-- First, before the page renders:[^>]*-->\n<script src="boot\.js"><\/script>\n/, '');
replace(/(<link rel="modulepreload" href="[^"]+">\n)+/, '');
replace(/<script type="module" src="app\.js"><\/script>/, () => `<script type="module">${script}</script>`);
replace(/<img src="favicon\.svg"/, `<img src="${icon}"`);

const out = path.join(www, 'copydesk.html');
fs.writeFileSync(out, html);
console.log(`build-single: ${path.relative(process.cwd(), out)} ${fs.statSync(out).size} bytes`);
