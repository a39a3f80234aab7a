// Starts the analysis worker as the page begins to load, before the page's modules: the
// worker then fetches and compiles the WASM while the page is still arriving, and the first
// analysis does not wait for the page's scripts to start it. analyzer.js adopts this worker
// (and the messages it sent meanwhile); without it, analyzer.js starts its own.
(() => {
  if (typeof performance.mark === 'function') performance.mark('copydesk:boot');
  if (typeof Worker !== 'function' || !/^https?:$/.test(location.protocol) || globalThis.__copydeskEmbedded) return;
  try {
    const worker = new Worker('worker.js', { type: 'module', name: 'copydesk' });
    const queue = [];
    worker.onmessage = (event) => queue.push(event);
    worker.onerror = (event) => {
      event.preventDefault();
      queue.push(event);
    };
    worker.postMessage({ type: 'init' });
    globalThis.__copydeskBoot = { worker, queue };
  } catch {
    // analyzer.js starts a worker itself, or falls back to the main thread.
  }
})();
