// DecoderPool in Chromium: dist/browser.mjs starts module Web Workers from
// dist/parallel-worker-browser.mjs (found next to itself), and a page gets
// the sequential reader's records, columns and errors, under a strict CSP.
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { testWithData, testdataPath } = require('./helpers.cjs');
const { serve, launchChromium, recordPage } = require('../browser/harness.cjs');

const DIST = path.resolve(__dirname, '../../dist');
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'";
const FILES = ['apache-avro/data/weather-snappy.avro', 'fastavro/data/test-deflate-9.avro'];

// The page: decodes in the pool and on the page's own thread, reports both.
const PAGE_SCRIPT = `
import * as avro from './browser.mjs';

const out = {};
try {
  const pool = new avro.DecoderPool({ workers: 2 });
  const same = (a, b) => JSON.stringify(a, (k, v) => (typeof v === 'bigint' ? String(v) : v)) ===
    JSON.stringify(b, (k, v) => (typeof v === 'bigint' ? String(v) : v));
  out.files = {};
  for (const name of ${JSON.stringify(FILES)}) {
    const bytes = new Uint8Array(await (await fetch('/' + name)).arrayBuffer());
    const expected = avro.readContainer(bytes);
    const actual = await pool.readContainer(bytes, { rangeSize: 1 });
    const columns = await pool.decodeColumns(new Blob([bytes]), { rangeSize: 1 });
    out.files[name] = {
      count: actual.records.length,
      same: same(actual.records, expected.records) && actual.blockCount === expected.blockCount,
      columns: same(columns, avro.decodeColumns(bytes)),
    };
  }
  const schema = { type: 'record', name: 'R', fields: [{ name: 'id', type: 'long' }, { name: 't', type: { type: 'long', logicalType: 'timestamp-micros' } }] };
  const rows = Array.from({ length: 5000 }, (_, id) => ({ id, t: new avro.PreciseDate(id, id % 1000 * 1000) }));
  const file = avro.writeContainer(rows, schema, { codec: 'deflate', blockSize: 2048 });
  const records = (await pool.readContainer(file, { rangeSize: 4096 })).records;
  out.generated = { count: records.length, precise: records[4999].t.toISOString(), inOrder: records.every((r, i) => r.id === i) };
  const broken = file.slice(0, file.length - 40);
  const seq = (() => { try { avro.readContainer(broken); } catch (e) { return e; } })();
  const par = await pool.readContainer(broken, { rangeSize: 4096 }).catch((e) => e);
  out.error = { sameMessage: par.message === seq.message, isDecodeError: par instanceof avro.DecodeError, offset: par.offset === seq.offset };
  await pool.close();
} catch (error) {
  out.error = String(error && error.stack || error);
}
document.getElementById('result').textContent = JSON.stringify(out);
document.body.append(Object.assign(document.createElement('div'), { id: 'done' }));
`;
const PAGE = `<!doctype html><meta charset="utf-8"><pre id="result"></pre><script type="module" src="./parallel-page.js"></script>`;

let dir;
let server;
let browser;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'avro-wasm-parallel-page-'));
  fs.writeFileSync(path.join(dir, 'parallel.html'), PAGE);
  fs.writeFileSync(path.join(dir, 'parallel-page.js'), PAGE_SCRIPT);
  server = await serve([dir, DIST, testdataPath('')], { headers: { 'Content-Security-Policy': CSP } });
  browser = await launchChromium();
}, 60000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

testWithData(
  'module Web Workers decode in file order, columns and errors as on the page, under a strict CSP',
  FILES,
  async () => {
    const page = await browser.newPage();
    const log = recordPage(page);
    try {
      await page.goto(`${server.url}/parallel.html`);
      await page.waitForSelector('#done', { state: 'attached', timeout: 30000 });
      const result = JSON.parse(await page.textContent('#result'));
      expect(log.errors).toEqual([]);
      expect(result.files).toEqual({
        [FILES[0]]: { count: 5, same: true, columns: true },
        [FILES[1]]: { count: 400, same: true, columns: true },
      });
      expect(result.generated).toEqual({ count: 5000, precise: '1970-01-01T00:00:04.999999Z', inOrder: true });
      expect(result.error).toEqual({ sameMessage: true, isDecodeError: true, offset: true });
      // The workers' script and the bundle it imports came from next to browser.mjs.
      const paths = server.requests.map((r) => `${r.path} ${r.status}`);
      expect(paths).toContain('/parallel-worker-browser.mjs 200');
      expect(paths.filter((p) => p.startsWith('/avro_wasm.wasm')).length).toBeGreaterThanOrEqual(2);
    } finally {
      await page.close();
    }
  },
  60000,
);
