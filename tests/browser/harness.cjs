// Browser test harness, shared by the Jest suites that drive Debian's
// Chromium (package tests, the viewer): a static file server on 127.0.0.1 and
// a headless Chromium launcher. Nothing here knows about avro-wasm.
//
//   const { serve, launchChromium } = require('../browser/harness.cjs');
//   const server = await serve([outDir, fixturesDir], { headers: { 'Content-Security-Policy': "..." } });
//   const browser = await launchChromium();
//   const page = await browser.newPage();
//   await page.goto(`${server.url}/index.html`);
//   ...; await browser.close(); await server.close();
'use strict';

const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');

// Browsers insist on the right type for module scripts (text/javascript) and
// for WebAssembly.instantiateStreaming (application/wasm).
const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.cjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
  '.avsc': 'application/json; charset=utf-8',
};

/**
 * Serves files from `rootDirs` (the first directory holding the requested
 * path wins) on 127.0.0.1 at a random port. A directory request serves its
 * index.html. `headers` is an object added to every response, or a function
 * (urlPath) => object for per-path headers (e.g. a CSP on some pages only).
 * Resolves to { url, port, requests, close() }; `requests` lists the paths
 * asked for, in order, with their status (for asserting what a page loaded).
 */
function serve(rootDirs, { headers = {} } = {}) {
  const roots = (Array.isArray(rootDirs) ? rootDirs : [rootDirs]).map((dir) => path.resolve(dir));
  const requests = [];

  const find = (urlPath) => {
    for (const root of roots) {
      const file = path.join(root, urlPath);
      // Refuse anything that escapes the root ('..', encoded or not).
      if (file !== root && !file.startsWith(root + path.sep)) continue;
      let stat;
      try {
        stat = fs.statSync(file);
      } catch {
        continue;
      }
      if (stat.isDirectory()) {
        const index = path.join(file, 'index.html');
        if (fs.existsSync(index)) return index;
        continue;
      }
      if (stat.isFile()) return file;
    }
    return null;
  };

  const server = http.createServer((req, res) => {
    let urlPath;
    try {
      urlPath = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
    } catch {
      urlPath = null;
    }
    const extra = typeof headers === 'function' ? headers(urlPath ?? req.url) : headers;
    const send = (status, body, type) => {
      requests.push({ path: urlPath ?? req.url, status });
      res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', ...extra });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'method not allowed', 'text/plain');
    const file = urlPath === null ? null : find(urlPath);
    if (!file) return send(404, 'not found', 'text/plain');
    const type = CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    fs.readFile(file, (error, body) => (error ? send(500, String(error), 'text/plain') : send(200, body, type)));
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({
        url: `http://127.0.0.1:${port}`,
        port,
        requests,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections?.();
            server.close(() => done());
          }),
      });
    });
  });
}

// The flags a root user needs in a container, minus everything that would
// reach the network on its own (component updates, sync, QUIC probes).
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Launches Debian's Chromium (CHROMIUM_PATH overrides /usr/bin/chromium)
 * through playwright-core; Playwright gives every launch a fresh, temporary
 * profile. Never downloads a browser. Resolves to a playwright Browser.
 */
async function launchChromium({ args = [], ...options } = {}) {
  const { chromium } = require('playwright-core');
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: [...CHROMIUM_ARGS, ...args],
    ...options,
  });
}

/**
 * Collects what a page reports: console messages, uncaught errors and CSP
 * violations reported through the console. Attach before navigating.
 */
function recordPage(page) {
  const log = { console: [], errors: [] };
  page.on('console', (message) => log.console.push({ type: message.type(), text: message.text() }));
  page.on('pageerror', (error) => log.errors.push(String(error?.stack || error)));
  return log;
}

module.exports = { serve, launchChromium, recordPage, CHROMIUM_ARGS, CONTENT_TYPES };
