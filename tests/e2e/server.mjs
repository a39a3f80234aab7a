// A tiny static server for the end-to-end tests: serves www/ on a free 127.0.0.1 port with
// the MIME types the page needs (application/wasm for streaming instantiation).
import http from 'node:http';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const WWW = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../www');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
};

/** Starts the server; resolves {url, close(), requests} (requests: paths served, in order). */
export async function startServer(root = WWW) {
  const requests = [];
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    let rel = decodeURIComponent(url.pathname);
    if (rel.endsWith('/')) rel += 'index.html';
    const file = path.join(root, path.normalize(rel));
    requests.push(rel);
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    try {
      // Revalidation like python's http.server (scripts/run.sh): Last-Modified, and 304 when
      // unchanged, so a returning visit reuses the browser's cache (and its compiled WASM).
      const stat = await fs.stat(file);
      const modified = new Date(Math.floor(stat.mtimeMs / 1000) * 1000).toUTCString();
      const since = req.headers['if-modified-since'];
      if (since && Date.parse(since) >= Date.parse(modified)) {
        res.writeHead(304, { 'Last-Modified': modified, 'Cache-Control': 'no-cache' }).end();
        return;
      }
      const body = await fs.readFile(file);
      res.writeHead(200, {
        'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream',
        'Cache-Control': 'no-cache',
        'Last-Modified': modified,
      });
      res.end(body);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(resolve);
      }),
  };
}

// `node tests/e2e/server.mjs` serves www/ by hand.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const s = await startServer();
  console.log(`serving ${WWW} at ${s.url}`);
}
