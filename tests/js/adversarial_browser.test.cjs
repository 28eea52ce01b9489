// The adversarial corpus (tests/adversarial/corpus.cjs) in Chromium: the
// page imports dist/browser.mjs, runs every case with the same runner as the
// Node suite (tests/adversarial/runner.cjs, shipped into the page as text)
// and checks after each that the module still reads a good file. Outcomes
// come back to Node and are checked against the same expectations, so
// errors are the same in both runtimes, code for code.
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { buildCorpus, bombCases } = require('../adversarial/corpus.cjs');
const { runCase, canaryOk, checkOutcome } = require('../adversarial/runner.cjs');
const { IS_CI, readTestdata, testWithData } = require('./helpers.cjs');
const { serve, launchChromium, recordPage } = require('../browser/harness.cjs');

const DIST = path.resolve(__dirname, '../../dist');
const CANARY_FILE = 'apache-avro/data/weather-deflate.avro';
const BATCH = 500;

let site;
let server;
let browser;
let page;
let log;

beforeAll(async () => {
  site = fs.mkdtempSync(path.join(os.tmpdir(), 'avro-adversarial-'));
  fs.writeFileSync(
    path.join(site, 'index.html'),
    `<!doctype html><title>adversarial</title>
<script type="module">
  import * as avro from './browser.mjs';
  window.avro = avro;
  document.body.id = 'ready';
</script>`,
  );
  server = await serve([site, DIST]);
  browser = await launchChromium();
  page = await browser.newPage();
  log = recordPage(page);
  await page.goto(`${server.url}/index.html`);
  await page.waitForSelector('#ready', { state: 'attached', timeout: 30000 });
  await page.addScriptTag({
    content: `window.runCase = ${runCase.toString()};\nwindow.canaryOk = ${canaryOk.toString()};`,
  });
}, 60000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (site) fs.rmSync(site, { recursive: true, force: true });
});

/**
 * Runs cases in the page. Each case's bytes travel as a reference into a
 * buffer sent once (the truncations of a file share that file's buffer).
 */
async function runInPage(cases) {
  const buffers = new Map();
  const refs = cases.map((c) => {
    if (!c.bytes) return { ...c };
    const { buffer, byteOffset, byteLength } = c.bytes;
    if (!buffers.has(buffer)) buffers.set(buffer, buffers.size);
    return { ...c, bytes: undefined, buf: buffers.get(buffer), off: byteOffset, len: byteLength };
  });
  await page.evaluate(
    (encoded) => {
      window.buffers = encoded.map((text) => Uint8Array.from(atob(text), (ch) => ch.charCodeAt(0)).buffer);
    },
    [...buffers.keys()].map((buffer) => Buffer.from(buffer).toString('base64')),
  );
  const outcomes = [];
  for (let i = 0; i < refs.length; i += BATCH) {
    const batch = refs.slice(i, i + BATCH);
    outcomes.push(
      ...(await page.evaluate((list) => {
        return list.map((c) => {
          if (c.buf !== undefined) c.bytes = new Uint8Array(window.buffers[c.buf], c.off, c.len);
          const out = window.runCase(window.avro, c);
          out.canary = window.canaryOk(window.avro, window.canary);
          return out;
        });
      }, batch)),
    );
  }
  return outcomes;
}

function check(cases, outcomes) {
  const problems = [];
  cases.forEach((c, i) => {
    problems.push(...checkOutcome(c, outcomes[i]));
    if (!outcomes[i].canary) problems.push(`${c.kind} "${c.name}": the module broke afterwards`);
  });
  return problems;
}

testWithData(
  'the whole corpus in Chromium: same errors as in Node, the module keeps working',
  [CANARY_FILE],
  async () => {
    await page.evaluate(
      (bytes) => {
        window.canary = { bytes: Uint8Array.from(bytes), records: 5, first: ['station', '011990-99999'] };
      },
      Array.from(readTestdata(CANARY_FILE)),
    );
    const { cases, missing } = buildCorpus();
    if (IS_CI) expect(missing).toEqual([]);
    const heapBefore = await page.evaluate(() => window.avro.memoryUsage().heapInUse);
    const outcomes = await runInPage(cases);
    expect(check(cases, outcomes)).toEqual([]);
    // Every failed read released what it held.
    const after = await page.evaluate(() => window.avro.memoryUsage());
    expect(after.heapInUse).toBeLessThanOrEqual(heapBefore + 64 * 1024);
    console.log(
      `Chromium: ${cases.length} inputs; wasm memory afterwards ${(after.wasmMemory / 1048576).toFixed(0)} MiB`,
    );
    expect(log.errors).toEqual([]);
  },
  300000,
);

testWithData(
  'decompression bombs in Chromium',
  [CANARY_FILE],
  async () => {
    const bombs = bombCases();
    if (IS_CI) expect(bombs.missing).toEqual([]);
    const memory = () => page.evaluate(() => window.avro.memoryUsage().wasmMemory);
    const before = await memory();
    const outcomes = await runInPage(bombs.cases);
    expect(check(bombs.cases, outcomes)).toEqual([]);
    // As in Node: no bomb was inflated past maxDecompressedBlockSize.
    expect((await memory()) - before).toBeLessThan(128 << 20);
  },
  120000,
);
