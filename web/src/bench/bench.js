// The browser benchmark: avro-wasm vs avsc decoding the same container
// files in this page (Chromium, main thread). Outputs are compared before
// anything is timed; each figure is the median of RUNS runs after a warm-up.
// ?run=1 starts at once; ?records=N&runs=R set the size (bench/browser.mjs
// drives it headless and reads window.benchResults).
import { readBlocks, readContainer, writeContainer } from 'avro-wasm';
import { avscReadContainer, avscVersion } from './avsc-reader.js';
import { makeUsers, userSchema } from './data.js';

const params = new URLSearchParams(location.search);
const $ = (id) => document.getElementById(id);

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function time(fn, runs) {
  await fn();
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

// Same comparison as bench/common.mjs: JSON with byte arrays as arrays.
function sameValues(a, b) {
  const replacer = (k, v) => (v instanceof Uint8Array ? Array.from(v) : v);
  return JSON.stringify(a, replacer) === JSON.stringify(b, replacer);
}

async function streamBlob(blob) {
  let count = 0;
  for await (const block of readBlocks(blob)) count += block.records.length;
  return count;
}

function log(text) {
  $('log').textContent += `${text}\n`;
}

async function runFile(label, bytes, records, runs, codec) {
  const rows = [];
  const count = records ? records.length : readContainer(bytes).records.length;
  const ours = readContainer(bytes).records;
  if (records && !sameValues(ours, records)) throw new Error(`avro-wasm read-back differs (${label})`);
  const peer = codec === 'null' || codec === 'deflate';
  if (peer) {
    const theirs = await avscReadContainer(bytes);
    if (!sameValues(theirs, ours)) throw new Error(`avsc and avro-wasm disagree on ${label}`);
  }
  log(`${label}: outputs checked, timing…`);
  const oursMs = await time(() => readContainer(bytes), runs);
  const theirsMs = peer ? await time(() => avscReadContainer(bytes), runs) : undefined;
  rows.push({ what: `browser container decode, ${label}${peer ? ' vs avsc' : ''}`, count, oursMs, theirsMs });
  const blob = new Blob([bytes]);
  const streamMs = await time(() => streamBlob(blob), runs);
  rows.push({ what: `browser streaming decode from a Blob (readBlocks), ${label}`, count, oursMs: streamMs });
  return rows;
}

function render(rows, meta) {
  const body = $('results');
  body.replaceChildren();
  for (const row of rows) {
    const tr = document.createElement('tr');
    const cells = [
      row.what,
      row.oursMs.toFixed(1),
      row.theirsMs === undefined ? '–' : row.theirsMs.toFixed(1),
      Math.round((row.count / row.oursMs) * 1000).toLocaleString('en-US'),
      row.theirsMs === undefined ? '–' : Math.round((row.count / row.theirsMs) * 1000).toLocaleString('en-US'),
      row.theirsMs === undefined ? '–' : (row.theirsMs / row.oursMs).toFixed(2),
    ];
    for (const text of cells) {
      const td = document.createElement('td');
      td.textContent = text;
      tr.append(td);
    }
    body.append(tr);
  }
  $('meta').textContent =
    `avro-wasm vs avsc ${meta.avscVersion}, ${meta.records.toLocaleString('en-US')} User records, median of ${meta.runs} runs, ${meta.userAgent}`;
}

async function run() {
  const records = Number($('records').value) || 100000;
  const runs = Number($('runs').value) || 5;
  const button = $('run');
  button.disabled = true;
  $('log').textContent = '';
  try {
    log(`generating ${records} records…`);
    const users = makeUsers(records);
    const rows = [];
    for (const codec of ['null', 'deflate', 'snappy', 'zstandard']) {
      const bytes = writeContainer(users, userSchema, { codec, blockSize: 64 * 1024 });
      rows.push(...(await runFile(`${codec} (${(bytes.length / 1e6).toFixed(1)} MB)`, bytes, users, runs, codec)));
      render(rows, { avscVersion, records, runs, userAgent: navigator.userAgent });
    }
    const file = $('file').files[0];
    if (file) {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const codec = readContainer(bytes).codec;
      rows.push(...(await runFile(`${file.name} (${codec})`, bytes, null, runs, codec)));
    }
    const meta = { avscVersion, records, runs, userAgent: navigator.userAgent };
    render(rows, meta);
    log('done');
    window.benchResults = { rows, meta };
  } catch (error) {
    log(`error: ${error.message}`);
    window.benchResults = { error: error.message };
  } finally {
    button.disabled = false;
  }
}

$('records').value = params.get('records') ?? '100000';
$('runs').value = params.get('runs') ?? '5';
$('run').addEventListener('click', run);
if (params.get('run') === '1') run();
