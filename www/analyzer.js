// Runs the pipeline off the main thread. One module worker (worker.js) does the work; a
// newer request supersedes an older one; cancel() terminates the worker and starts a fresh
// one. Where a worker cannot start (old browser, some file:// pages) the WASM runs on the
// main thread instead, so the page still works, only less smoothly.
//
// The single-file page (scripts/build-single.mjs) sets globalThis.__copydeskEmbedded =
// {glue, workerGlue, worker, wasm, sample}: the wasm-bindgen glue (as a module, and as a
// classic script for the worker), the worker code, the WASM as base64 and the sample.

const embedded = globalThis.__copydeskEmbedded || null;

/** Inputs above this many UTF-16 units are worth terminating the worker for when superseded. */
const BIG_INPUT = 1_000_000;

let wasmBytesCache = null;
function wasmBytes() {
  if (!embedded) return undefined;
  if (!wasmBytesCache) {
    const bin = atob(embedded.wasm);
    wasmBytesCache = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) wasmBytesCache[i] = bin.charCodeAt(i);
  }
  return wasmBytesCache;
}

function blobUrl(source) {
  return URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
}

function startWorker() {
  if (typeof Worker !== 'function') throw new Error('no Web Worker support');
  if (embedded) {
    // A classic worker: Chromium refuses module workers from blob: URLs on file:// pages. The
    // glue runs in its own scope and hands its functions to worker.js as self.__copydeskGlue.
    const code = `self.__copydeskGlue = (() => {\n${embedded.workerGlue}\nreturn { default: __wbg_init, analyze, cite, version, warm: typeof warm === 'function' ? warm : undefined };\n})();\n${embedded.worker}`;
    return new Worker(blobUrl(code), { name: 'copydesk' });
  }
  return new Worker(new URL('./worker.js', import.meta.url), { type: 'module', name: 'copydesk' });
}

/** The worker boot.js started while the page loaded, if any, with the messages it has sent. */
function bootWorker() {
  const boot = globalThis.__copydeskBoot;
  if (!boot || embedded) return null;
  globalThis.__copydeskBoot = null; // adopted once; a restart starts a fresh worker
  return boot;
}

/** Puts the worker's start-up times ({name: epoch ms}) on the page's timeline as copydesk:<name> marks. */
function markTimes(times) {
  if (!times || typeof performance.mark !== 'function') return;
  for (const [name, at] of Object.entries(times)) {
    const mark = `copydesk:${name}`;
    if (name === 'ready' || performance.getEntriesByName(mark).length) continue; // app.js marks ready
    try {
      performance.mark(mark, { startTime: Math.max(0, at - performance.timeOrigin) });
    } catch {
      // An old browser without mark options: the figures are only for measuring.
    }
  }
}

/** The WASM on the main thread: the fallback when no worker starts. */
async function mainThreadEngine() {
  const glue = embedded ? await import(blobUrl(embedded.glue)) : await import('./pkg/copydesk.js');
  await glue.default(embedded ? { module_or_path: wasmBytes() } : undefined);
  return glue;
}

/** Rows rebuilt per slice when unpacking columns (a few milliseconds of work). */
const SLICE_ROWS = 10_000;

/** Lets the page handle input and paint before the next slice of work. */
function yieldToPage() {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(0);
  });
}

/** Puts back the lists worker.js (pack) sent as columns: the same objects, key for key. */
async function unpack(analysis, columns) {
  for (const [field, packed] of Object.entries(columns)) analysis[field] = await unpackRows(packed);
  return analysis;
}

async function unpackRows({ rows, cols }) {
  const out = [];
  for (let start = 0; start < rows; start += SLICE_ROWS) {
    if (start) await yieldToPage();
    const end = Math.min(rows, start + SLICE_ROWS);
    for (let i = start; i < end; i++) {
      const row = {};
      for (const c of cols) {
        const present = c.presence ? c.presence[i] : 1;
        if (present === 0) continue;
        if (present === 2) row[c.key] = null;
        else if (c.kind === 'num') row[c.key] = c.values[i];
        else if (c.kind === 'str') row[c.key] = c.dict ? c.dict[c.values[i]] : c.values[i];
        else if (c.kind === 'bool') row[c.key] = c.values[i] === 1;
        else if (c.kind === 'pair') row[c.key] = [c.values[2 * i], c.values[2 * i + 1]];
      }
      out.push(row);
    }
  }
  return out;
}

export class Analyzer {
  constructor() {
    this.mode = 'starting';
    this.nextId = 1;
    this.current = null; // {id, resolve, reject, size}
    this.cites = new Map(); // id → {resolve, reject}: citation requests in flight
    this.version = '';
    /** The last result's {workerMs, transferMs, unpackMs}: the analysis, the trip to the page, rebuilding columns. */
    this.timings = null;
    /** Resolves once the engine has paid its one-time costs (the worker's warm-up), or failed to start. */
    this.warmed = new Promise((resolve) => (this.#warmedResolve = resolve));
    this.ready = this.#start();
  }

  #warmedResolve;

  /** Whether an analysis is under way. */
  get busy() {
    return this.current !== null;
  }

  async #start() {
    try {
      this.version = await this.#startWorker();
      this.mode = 'worker';
    } catch (err) {
      console.info(`Copydesk: analysing on the main thread (${err.message})`);
      this.engine = await mainThreadEngine();
      this.version = this.engine.version();
      this.mode = 'main-thread';
      this.#warmedResolve();
    }
    return this.version;
  }

  #startWorker() {
    return new Promise((resolve, reject) => {
      let worker;
      const boot = bootWorker();
      try {
        worker = boot ? boot.worker : startWorker();
      } catch (err) {
        reject(err);
        return;
      }
      const timer = setTimeout(() => reject(new Error('worker did not start')), 20000);
      worker.onmessage = (event) => {
        const msg = event.data;
        if (msg.type === 'ready') {
          clearTimeout(timer);
          markTimes(msg.times);
          resolve(msg.version);
          // The warm-up, after any analysis already asked for (posted once the promise
          // chain from `resolve` has run): see worker.js.
          setTimeout(() => worker.postMessage({ type: 'warm' }), 0);
        } else if (msg.type === 'warm') {
          markTimes(msg.times);
          this.#warmedResolve();
        } else if (msg.type === 'fatal') {
          clearTimeout(timer);
          worker.terminate();
          reject(new Error(msg.error));
        } else if (msg.type === 'cited' || msg.type === 'cite-error') {
          this.#onCite(msg);
        } else {
          this.#onResult(msg);
        }
      };
      worker.onerror = (event) => {
        event.preventDefault();
        clearTimeout(timer);
        if (this.mode === 'worker') {
          this.#fail(new Error(event.message || 'the analysis worker stopped'));
          this.#restart();
        } else {
          worker.terminate();
          reject(new Error(event.message || 'worker failed to load'));
        }
      };
      this.worker = worker;
      if (boot) {
        // boot.js already sent 'init': replay what the worker said since.
        for (const event of boot.queue) (event.type === 'error' ? worker.onerror : worker.onmessage)(event);
        return;
      }
      const bytes = wasmBytes();
      worker.postMessage({ type: 'init', wasm: bytes ? bytes.slice() : undefined });
    });
  }

  #onResult(msg) {
    const job = this.current;
    if (!job || job.id !== msg.id) return; // superseded: drop it
    if (msg.type === 'result' && msg.packed && Object.keys(msg.packed).length) {
      // Long lists came as columns: rebuild them a slice at a time, the page answering between slices.
      const received = performance.now();
      job.unpacking = true;
      unpack(msg.analysis, msg.packed).then((analysis) => {
        if (this.current !== job) return; // superseded meanwhile
        this.current = null;
        this.timings = { workerMs: msg.ms, transferMs: received - (msg.sent - performance.timeOrigin), unpackMs: performance.now() - received };
        job.resolve({ analysis, ms: msg.ms });
      });
      return;
    }
    this.current = null;
    if (msg.type === 'result') {
      if (msg.sent) this.timings = { workerMs: msg.ms, transferMs: performance.now() - (msg.sent - performance.timeOrigin), unpackMs: 0 };
      job.resolve({ analysis: msg.analysis, ms: msg.ms });
    } else {
      job.reject(new Error(msg.error));
      // A WASM panic leaves the instance unusable: start afresh.
      this.#restart();
    }
  }

  #fail(err) {
    const job = this.current;
    this.current = null;
    if (job) job.reject(err);
  }

  #onCite(msg) {
    const job = this.cites.get(msg.id);
    if (!job) return;
    this.cites.delete(msg.id);
    if (msg.type === 'cited') job.resolve(msg.citations);
    else job.reject(new Error(msg.error));
  }

  #restart() {
    for (const job of this.cites.values()) job.reject(new Error('the analysis worker restarted'));
    this.cites.clear();
    if (this.worker) this.worker.terminate();
    this.worker = null;
    this.mode = 'starting';
    this.ready = this.#start();
  }

  /** Analyses `text`; resolves {analysis, ms}. Rejects with err.superseded when a newer run or cancel() replaced it. */
  async run(text, options) {
    if (this.current) {
      const old = this.current;
      const err = new Error('superseded');
      err.superseded = true;
      this.#fail(err);
      if (old.size > BIG_INPUT && this.mode === 'worker' && !old.unpacking) this.#restart();
    }
    const id = this.nextId++;
    const promise = new Promise((resolve, reject) => {
      this.current = { id, resolve, reject, size: text.length };
    });
    // A cancel or a newer run may reject it while this still waits for a (re)starting
    // worker, before the caller's handler is attached: not an unhandled rejection. The
    // caller still gets the rejection through the promise returned below.
    promise.catch(() => {});
    await this.ready;
    if (!this.current || this.current.id !== id) return promise; // superseded while starting
    if (this.mode === 'worker') {
      this.worker.postMessage({ type: 'analyze', id, text, options });
    } else {
      // Main thread: let the page paint its progress text first.
      setTimeout(() => {
        if (!this.current || this.current.id !== id) return;
        const started = performance.now();
        try {
          const analysis = this.engine.analyze(text, options);
          this.#onResult({ type: 'result', id, analysis, ms: performance.now() - started });
        } catch (err) {
          this.#onResult({ type: 'error', id, error: String((err && err.message) || err) });
        }
      }, 30);
    }
    return promise;
  }

  /** "Cite this article" for edited fields: resolves {apa, mla, chicago, bibtex}. */
  async cite(fields) {
    await this.ready;
    if (this.mode !== 'worker') return this.engine.cite(fields);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.cites.set(id, { resolve, reject });
      this.worker.postMessage({ type: 'cite', id, fields });
    });
  }

  /** Stops the running analysis (terminating the worker) and gets a fresh worker ready. */
  cancel() {
    if (!this.current) return;
    const err = new Error('cancelled');
    err.superseded = true;
    err.cancelled = true;
    this.#fail(err);
    if (this.mode === 'worker') this.#restart();
  }
}
