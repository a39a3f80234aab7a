// Service worker: keeps the app shell and the WASM in a cache so the page works offline.
// Network first (a reload always gets the current version when online), cache as fallback.
const CACHE = 'copydesk-v2';
const SHELL = [
  './',
  'index.html',
  'style.css',
  'provenance.css',
  'provenance.js',
  'boot.js',
  'app.js',
  'analyzer.js',
  'exports.js',
  'labels.js',
  'compare.js',
  'worker.js',
  'sample.txt',
  'favicon.svg',
  'manifest.webmanifest',
  'icon-192.png',
  'icon-512.png',
  'pkg/copydesk.js',
  'pkg/copydesk_bg.wasm',
];

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(SHELL))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(
    fetch(request)
      .then((response) => {
        if (response.ok) {
          const copy = response.clone();
          caches.open(CACHE).then((cache) => cache.put(request, copy));
        }
        return response;
      })
      .catch(() =>
        caches
          .match(request, { ignoreSearch: true })
          .then((hit) => hit || (request.mode === 'navigate' ? caches.match('index.html') : undefined))
          .then((hit) => hit || new Response('Offline and not cached', { status: 503 })),
      ),
  );
});
