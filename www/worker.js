// The analysis worker: loads the WASM once, then runs the pipeline on each text the page
// sends, so the page stays responsive however long the analysis takes.
// Messages in:  {type:'init', wasm?: bytes}  then  {type:'analyze', id, text, options}
// Messages out: {type:'ready', version, times} | {type:'fatal', error} | {type:'warm', times}
//               {type:'result', id, analysis, ms} | {type:'error', id, error}
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
      return;
    }
    // The first analysis would pay for unpacking the tagger's model (and, in a build without
    // the warmed snapshot, for compiling the patterns): pay it now. An analysis sent
    // meanwhile waits for it, and needs it anyway.
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
      self.postMessage({ type: 'result', id: msg.id, analysis, ms: performance.now() - started });
    } catch (err) {
      self.postMessage({ type: 'error', id: msg.id, error: String((err && err.message) || err) });
    }
  }
};
