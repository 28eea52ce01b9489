// avro_wasm in Pyodide in Debian's Chromium (headless, playwright-core), served
// from 127.0.0.1 with nothing fetched from elsewhere:
//   - in a module web worker: the wheel installed with unpackArchive,
//     `import avro_wasm` loading the core synchronously, then a smoke check
//     (tests/browser/pyodide/smoke.py: containers with zstandard and logical
//     types, a single datum, columns, the canonical form);
//   - on the main thread, where browsers refuse to compile the module
//     synchronously: `import avro_wasm` succeeds, using it before
//     `await avro_wasm.load()` raises the documented error, and after
//     load() the same smoke check passes.
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { serve, launchChromium, recordPage } = require('../browser/harness.cjs');
const { IS_CI } = require('./helpers.cjs');

const ROOT = path.resolve(__dirname, '../..');
const VERSION = require('../../package.json').version;
const WHEEL = process.env.AVRO_WASM_WHEEL || path.join(ROOT, 'dist', `avro_wasm-${VERSION}-py3-none-any.whl`);
const FIXTURES = path.join(ROOT, 'tests/browser/pyodide');
const PYODIDE = path.dirname(require.resolve('pyodide/package.json'));

jest.setTimeout(300000);

const haveWheel = fs.existsSync(WHEEL);
const maybe = haveWheel || IS_CI ? test : test.skip;

let site;
let server;
let browser;

beforeAll(async () => {
  if (!haveWheel) return;
  // One served root: the fixtures, Pyodide's npm files under /pyodide and the wheel under /wheel.
  site = fs.mkdtempSync(path.join(os.tmpdir(), 'avro-wasm-pyodide-browser-'));
  for (const name of fs.readdirSync(FIXTURES)) fs.copyFileSync(path.join(FIXTURES, name), path.join(site, name));
  fs.symlinkSync(PYODIDE, path.join(site, 'pyodide'));
  fs.mkdirSync(path.join(site, 'wheel'));
  fs.copyFileSync(WHEEL, path.join(site, 'wheel', path.basename(WHEEL)));
  server = await serve([site]);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (site) fs.rmSync(site, { recursive: true, force: true });
});

function expectSmoke(result) {
  expect(result).toEqual({
    same: true,
    count: 2000,
    codec: 'zstandard',
    schemaless: true,
    columns: [0, 1, 2],
    canonical:
      '{"name":"Payment","type":"record","fields":[{"name":"id","type":"long"},{"name":"amount","type":"bytes"},' +
      '{"name":"at","type":"long"},{"name":"note","type":["null","string"]}]}',
  });
}

maybe('avro_wasm imports synchronously and works in a web worker', async () => {
  if (!haveWheel) throw new Error(`no wheel at ${WHEEL}: build it (npm run build)`);
  const page = await browser.newPage();
  const log = recordPage(page);
  const urls = [];
  page.on('request', (request) => urls.push(request.url()));
  await page.goto(`${server.url}/index.html`);
  const outcome = await page.evaluate((wheel) => window.runWorker(wheel), `/wheel/${path.basename(WHEEL)}`);
  if (!outcome.ok) throw new Error(`in the worker: ${outcome.error}`);
  expect(outcome.loaded).toBe(true);
  expectSmoke(outcome.result);
  expect(log.errors).toEqual([]);
  // Everything came from the local server, and was there (the favicon aside).
  expect(urls.filter((url) => !url.startsWith(`${server.url}/`))).toEqual([]);
  expect(server.requests.filter((r) => r.status !== 200 && r.path !== '/favicon.ico')).toEqual([]);
  await page.close();
});

maybe('on the main thread, avro_wasm asks for `await avro_wasm.load()` and then works', async () => {
  if (!haveWheel) throw new Error(`no wheel at ${WHEEL}: build it (npm run build)`);
  const page = await browser.newPage();
  const log = recordPage(page);
  await page.goto(`${server.url}/index.html`);
  const outcome = await page.evaluate((wheel) => window.runMainThread(wheel), `/wheel/${path.basename(WHEEL)}`);
  if (!outcome.ok) throw new Error(`on the main thread: ${outcome.error}`);
  expect(outcome.loadedAtImport).toBe(false);
  expect(outcome.beforeLoad).toContain('await avro_wasm.load()');
  expectSmoke(outcome.result);
  expect(log.errors).toEqual([]);
  await page.close();
});
