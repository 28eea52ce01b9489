// Serves the built viewer (build/web by default) on HOST:PORT (defaults
// 127.0.0.1:8000). Plain node:http: static files only, no directory
// listings, nothing outside the root, and a strict Content-Security-Policy
// so the page runs exactly as it would under a locked-down host: scripts
// and the .wasm only from this origin, no eval, no network elsewhere.
//
//   node web/serve.mjs [ROOT]     or     import { startServer } from './serve.mjs'
import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.avro': 'application/octet-stream',
};

// 'wasm-unsafe-eval' allows compiling WebAssembly and nothing else eval-like;
// inline styles are allowed because the grid positions rows with style attributes.
export const CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; " +
  "img-src 'self' data: blob:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

// The benchmark page runs avsc, which compiles its readers with new Function:
// that page alone may evaluate code. The viewer never needs it.
const RELAXED = { '/bench.html': CSP.replace("'wasm-unsafe-eval'", "'wasm-unsafe-eval' 'unsafe-eval'") };

const SECURITY_HEADERS = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

export const DEFAULT_ROOT = fileURLToPath(new URL('../build/web/', import.meta.url));

/**
 * Starts the server; resolves to { server, url, close() }. port 0 picks a free port.
 * @param {{ root?: string, host?: string, port?: number, quiet?: boolean }} [options]
 */
export function startServer({ root = DEFAULT_ROOT, host = '127.0.0.1', port = 8000, quiet = true } = {}) {
  const base = resolve(root);
  const server = createServer((req, res) => {
    handle(base, req, res, quiet).catch((error) => {
      if (!res.headersSent) send(res, 500, 'internal error\n');
      else res.destroy(error);
    });
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      resolvePromise({
        server,
        url: `http://${shownHost}:${address.port}/`,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}

async function handle(base, req, res, quiet) {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    return send(res, 405, 'method not allowed\n');
  }
  const file = resolvePath(base, req.url);
  if (!file) return send(res, 400, 'bad path\n');
  let info;
  let target = file;
  try {
    info = await stat(target);
    if (info.isDirectory()) {
      target = join(target, 'index.html');
      info = await stat(target);
    }
  } catch {
    return send(res, 404, 'not found\n');
  }
  if (!info.isFile()) return send(res, 404, 'not found\n');
  const type = MIME[extname(target).toLowerCase()] ?? 'application/octet-stream';
  const relative = `/${target
    .slice(base.length + 1)
    .split(sep)
    .join('/')}`;
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Security-Policy': RELAXED[relative] ?? CSP,
    'Content-Type': type,
    'Content-Length': info.size,
    // The bundles are rebuilt in place: always revalidate so a reload picks them up.
    'Cache-Control': 'no-cache',
  });
  if (!quiet) console.log(`${req.method} ${req.url} 200`);
  if (req.method === 'HEAD') return res.end();
  createReadStream(target).pipe(res);
}

// Maps a request URL to a path inside base, or null when it would escape it
// (.., encoded separators, NUL bytes) or is malformed.
export function resolvePath(base, url) {
  let pathname;
  try {
    pathname = decodeURIComponent(new URL(url, 'http://localhost').pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  const parts = pathname.split('/').filter((part) => part !== '' && part !== '.');
  if (parts.some((part) => part === '..')) return null;
  const full = resolve(base, ...parts);
  if (full !== base && !full.startsWith(base + sep)) return null;
  return full;
}

function send(res, status, text) {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(text);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = process.argv[2] ? resolve(process.argv[2]) : DEFAULT_ROOT;
  const host = process.env.HOST || '127.0.0.1';
  const port = Number(process.env.PORT || 8000);
  try {
    await stat(join(root, 'index.html'));
  } catch {
    console.error(`serve: no index.html in ${root}; build it with: bash scripts/build-web.sh`);
    process.exit(1);
  }
  let started;
  try {
    started = await startServer({ root, host, port, quiet: true });
  } catch (error) {
    const hint = error.code === 'EADDRINUSE' ? ` (in use: set PORT to another port)` : '';
    console.error(`serve: cannot listen on ${host}:${port}${hint}: ${error.message}`);
    process.exit(1);
  }
  const { url, close } = started;
  console.log(`Avro viewer: ${url}  (Ctrl+C stops it)`);
  const stop = () => close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
