// The analysis worker: loads the WASM once, then runs the pipeline on each text the page
// sends, so the page stays responsive however long the analysis takes.
// Messages in:  {type:'init', wasm?: bytes}  then  {type:'analyze', id, text, options}
// Messages out: {type:'ready', version} | {type:'fatal', error}
//               {type:'result', id, analysis, ms} | {type:'error', id, error}
//               {type:'cite', id, fields} → {type:'cited', id, citations} | {type:'cite-error', id, error}
import init, { analyze, cite, version } from './pkg/copydesk.js';

let ready = null;

self.onmessage = async (event) => {
  const msg = event.data;
  if (msg.type === 'init') {
    // With bytes (the single-file page) or, without, fetched next to copydesk.js.
    ready = init(msg.wasm ? { module_or_path: msg.wasm } : undefined).then(() => version());
    try {
      self.postMessage({ type: 'ready', version: await ready });
    } catch (err) {
      self.postMessage({ type: 'fatal', error: String((err && err.message) || err) });
      return;
    }
    // The first analysis pays for compiling patterns and unpacking the tagger's model (some
    // hundred ms): pay it now, while the reader is still pasting.
    try {
      analyze('Warm-up. The minister, Ana Lima, said on Monday that talks would resume.', { input: 'text' });
    } catch {
      // A real request will report the problem.
    }
    return;
  }
  if (msg.type === 'cite') {
    await ready;
    try {
      self.postMessage({ type: 'cited', id: msg.id, citations: cite(msg.fields) });
    } catch (err) {
      self.postMessage({ type: 'cite-error', id: msg.id, error: String((err && err.message) || err) });
    }
    return;
  }
  if (msg.type === 'analyze') {
    await ready;
    const started = performance.now();
    try {
      const analysis = analyze(msg.text, msg.options);
      self.postMessage({ type: 'result', id: msg.id, analysis, ms: performance.now() - started });
    } catch (err) {
      self.postMessage({ type: 'error', id: msg.id, error: String((err && err.message) || err) });
    }
  }
};
