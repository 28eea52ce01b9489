// Helpers for the viewer's browser tests (tests/js/viewer*.test.cjs): build
// the page, run the real server (web/serve.mjs, with its CSP) on a free
// port, drive the page. Chromium comes from the shared browser harness.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { execFileSync, spawn } = require('node:child_process');
const { launchChromium, recordPage } = require('../browser/harness.cjs');
const { mulberry32 } = require('../js/helpers.cjs');

const ROOT = path.resolve(__dirname, '../..');
const ARTIFACTS = path.join(ROOT, 'build/artifacts/viewer');
const SETTLED = ['done', 'error', 'cancelled'];

function buildWeb() {
  execFileSync('bash', [path.join(ROOT, 'scripts/build-web.sh')], { cwd: ROOT, stdio: 'pipe' });
}

/** Starts `node web/serve.mjs` on a free port; resolves to { url, close() }. */
function startServer() {
  const child = spawn(process.execPath, [path.join(ROOT, 'web/serve.mjs')], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`serve.mjs did not start: ${output}`)), 10000);
    const onData = (chunk) => {
      output += chunk;
      const match = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      resolve({
        url: match[1],
        close: () =>
          new Promise((done) => {
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk) => (output += chunk));
    child.once('exit', (code) => reject(new Error(`serve.mjs exited (${code}): ${output}`)));
  });
}

/** A new page on the viewer, with its console and errors recorded in page.log. */
async function openViewer(browser, url, { width = 1400, height = 900, init } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, acceptDownloads: true });
  const page = await context.newPage();
  page.log = recordPage(page);
  page.log.requests = [];
  context.on('request', (request) => page.log.requests.push(request.url()));
  if (init) await page.addInitScript(init);
  await page.goto(url);
  await page.waitForSelector('#dropzone:not([hidden])');
  return page;
}

/** Opens a file through the ordinary file input and waits until decoding settles. */
async function openFile(page, file, { timeout = 20000 } = {}) {
  await page.setInputFiles('#file-input', file);
  await waitSettled(page, path.basename(file), timeout);
}

async function waitSettled(page, name, timeout = 20000) {
  await page.waitForFunction(
    ([fileName, settled]) =>
      document.getElementById('file-name').textContent === fileName && settled.includes(document.body.dataset.state),
    [name, SETTLED],
    { timeout },
  );
  await rowsShown(page);
}

/** Waits until the rows in view have arrived from the worker and are drawn. */
async function rowsShown(page, timeout = 10000) {
  await page.waitForFunction(
    () => {
      if (document.getElementById('records').hidden) return true;
      const shown = /[\d,]+/.exec(document.getElementById('row-count').textContent);
      if (!shown || shown[0] === '0') return Boolean(shown);
      const rows = [...document.querySelectorAll('.data-row:not([hidden])')];
      return rows.length > 0 && rows.every((row) => !row.classList.contains('loading'));
    },
    null,
    { timeout },
  );
}

/** Text of the cell in view row `index` (0-based) under column `name`. */
async function cellText(page, index, name) {
  return page.evaluate(
    ([rowIndex, column]) => {
      const names = [...document.querySelectorAll('.head-row .col-name')].map((el) => el.textContent);
      const c = names.indexOf(column);
      if (c < 0) throw new Error(`no column ${column} in ${names.join(', ')}`);
      const row = document.querySelector(`.data-row[aria-rowindex="${rowIndex + 3}"]:not([hidden])`);
      return row ? row.querySelectorAll('.cell')[c + 1].textContent : null;
    },
    [index, name],
  );
}

/** A fact from the Header tab (which is rendered when it is opened). */
async function fact(page, name) {
  if ((await page.getAttribute('#tab-header', 'aria-selected')) !== 'true') await page.click('#tab-header');
  return page.textContent(`#panel-header [data-fact="${name}"]`);
}

async function screenshot(page, name) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

const EVENT_SCHEMA = {
  type: 'record',
  name: 'Event',
  namespace: 'viewer.test',
  fields: [
    { name: 'id', type: 'long' },
    { name: 'user', type: 'string' },
    {
      name: 'country',
      type: { type: 'enum', name: 'Country', symbols: ['DE', 'FR', 'US', 'JP', 'BR', 'IN', 'NG', 'GB'] },
    },
    { name: 'amount', type: 'double' },
    { name: 'at', type: { type: 'long', logicalType: 'timestamp-millis' } },
    { name: 'tags', type: { type: 'array', items: 'string' } },
    { name: 'note', type: ['null', 'string'], default: null },
  ],
};

/**
 * Writes a container file of at least `bytes` bytes with the package's own
 * writer. Encoding hundreds of MB record by record takes minutes, so
 * `distinct` MB of distinct blocks are encoded (all with one sync marker)
 * and then repeated: every block stays a valid, independent block.
 * Returns { records, size, blocks }.
 */
function writeLargeFile(file, { bytes, distinct = 24, codec = 'null', blockSize = 256 * 1024 }) {
  const { writeContainer, readHeader } = require(path.join(ROOT, 'dist/index.cjs'));
  const syncMarker = Uint8Array.from({ length: 16 }, (_, i) => (i * 37 + 11) & 255);
  const rand = mulberry32(7);
  const words = Array.from({ length: 500 }, (_, i) => `w${(i * 7919).toString(36)}`);
  const countries = EVENT_SCHEMA.fields[2].type.symbols;
  let id = 0;
  const makeRecords = (n) =>
    Array.from({ length: n }, () => {
      id++;
      return {
        id,
        user: `${words[Math.floor(rand() * 500)]}-${Math.floor(rand() * 1e6)}`,
        country: countries[Math.floor(rand() * countries.length)],
        amount: Math.round(rand() * 100000) / 100,
        at: new Date(1.6e12 + id * 1000),
        tags: rand() < 0.5 ? [] : [words[Math.floor(rand() * 500)], words[Math.floor(rand() * 500)]],
        note: rand() < 0.7 ? null : `note ${words[Math.floor(rand() * 500)]} lorem ipsum dolor sit amet`,
      };
    });
  const options = { codec, blockSize, syncMarker };
  const head = writeContainer([], EVENT_SCHEMA, options);
  const headerSize = readHeader(head).size;
  const chunks = [];
  let chunkBytes = 0;
  let chunkRecords = 0;
  while (chunkBytes < distinct * 1e6) {
    const records = makeRecords(20000);
    const file = writeContainer(records, EVENT_SCHEMA, options);
    const blocks = file.subarray(headerSize);
    chunks.push({ blocks, records: records.length });
    chunkBytes += blocks.length;
    chunkRecords += records.length;
  }
  const fd = fs.openSync(file, 'w');
  let size = head.length;
  let records = 0;
  fs.writeSync(fd, head);
  for (let i = 0; size < bytes; i++) {
    const chunk = chunks[i % chunks.length];
    fs.writeSync(fd, chunk.blocks);
    size += chunk.blocks.length;
    records += chunk.records;
  }
  fs.closeSync(fd);
  return { records, size, distinctRecords: chunkRecords };
}

/** Console errors and uncaught exceptions the page reported. */
function pageProblems(page) {
  return [...page.log.errors, ...page.log.console.filter((m) => m.type === 'error').map((m) => m.text)];
}

module.exports = {
  ROOT,
  ARTIFACTS,
  buildWeb,
  startServer,
  launchChromium,
  openViewer,
  openFile,
  waitSettled,
  rowsShown,
  cellText,
  fact,
  screenshot,
  pageProblems,
  writeLargeFile,
  EVENT_SCHEMA,
};
