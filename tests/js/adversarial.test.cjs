// Hostile input against the wasm module in Node (SECURITY.md): the whole
// adversarial corpus (tests/adversarial/corpus.cjs: truncations and bit
// flips of real files, hostile lengths and counts, bombs, deep values,
// invalid UTF-8, absurd schemas) must end in the expected AvroError (or
// records plus that error, best effort) within a bounded time, and after
// every case the same module instance must still read a good file. Then
// 100,000 failing and 1,000,000 successful container decodes must leave the
// wasm heap and the JS heap flat. The same corpus runs in Chromium
// (adversarial_browser.test.cjs) and is written to files for Pyodide.
'use strict';

const v8 = require('node:v8');
const vm = require('node:vm');
const avro = require('../../dist/index.cjs');
const { buildCorpus, bombCases, container, varint, sized, bytesOf } = require('../adversarial/corpus.cjs');
const { runCase, canaryOk, checkOutcome } = require('../adversarial/runner.cjs');
const { IS_CI, readTestdata, testWithData } = require('./helpers.cjs');

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc');

const CANARY_FILE = 'apache-avro/data/weather-deflate.avro';
const canaryBytes = readTestdata(CANARY_FILE);
const canary = canaryBytes && { bytes: new Uint8Array(canaryBytes), records: 5, first: ['station', '011990-99999'] };

const { cases, missing } = buildCorpus();
const stats = { cases: 0, inputBytes: 0, slowestMs: 0, slowest: '' };

/** Runs cases, checking each outcome and the module after each. */
function runAll(list) {
  const problems = [];
  for (const c of list) {
    const out = runCase(avro, c);
    problems.push(...checkOutcome(c, out));
    if (canary && !canaryOk(avro, canary)) problems.push(`${c.kind} "${c.name}": the module broke afterwards`);
    stats.cases++;
    stats.inputBytes += c.bytes ? c.bytes.length : c.text.length;
    if (out.ms > stats.slowestMs) Object.assign(stats, { slowestMs: out.ms, slowest: c.name });
  }
  return problems;
}

test('the corpus is complete (CI fails on missing test data)', () => {
  if (IS_CI) expect(missing).toEqual([]);
  expect(cases.length).toBeGreaterThan(missing.length > 0 ? 500 : 9000);
});

const groups = new Map();
for (const c of cases) {
  const group = c.name.includes(': ') ? c.name.slice(0, c.name.indexOf(': ')) : c.kind;
  if (!groups.has(group)) groups.set(group, []);
  groups.get(group).push(c);
}

describe('every hostile input ends in its error, quickly, and the module keeps working', () => {
  for (const [group, list] of groups) {
    testWithData(
      `${group} (${list.length} inputs)`,
      [CANARY_FILE],
      () => {
        expect(runAll(list)).toEqual([]);
      },
      120000,
    );
  }

  test('decompression bombs (a few KB -> GBs) stop at the ratio and size limits', () => {
    const bombs = bombCases();
    if (IS_CI) expect(bombs.missing).toEqual([]);
    expect(bombs.cases.length).toBeGreaterThanOrEqual(2);
    const before = avro.memoryUsage();
    expect(runAll(bombs.cases)).toEqual([]);
    // No bomb was inflated past maxDecompressedBlockSize (64 MiB; the
    // deflate codec briefly holds its previous, half-size attempt too).
    expect(avro.memoryUsage().wasmMemory - before.wasmMemory).toBeLessThan(128 << 20);
  }, 120000);

  afterAll(() => {
    // Kept in the log for the fuzzing/adversarial report.
    console.log(
      `adversarial corpus: ${stats.cases} inputs, ${(stats.inputBytes / 1e6).toFixed(1)} MB, ` +
        `slowest ${stats.slowestMs.toFixed(1)} ms (${stats.slowest}); wasm memory afterwards ` +
        `${(avro.memoryUsage().wasmMemory / 1048576).toFixed(0)} MiB`,
    );
  });
});

// ---------------------------------------------------------------------------
// Heap stability of container decoding (ownership.test.cjs covers Type calls).

function jsHeap() {
  gc();
  return process.memoryUsage().heapUsed;
}

const SCHEMA = JSON.stringify({
  type: 'record',
  name: 'R',
  fields: [
    { name: 'id', type: 'long' },
    { name: 'name', type: 'string' },
  ],
});
const record = (i) => bytesOf(varint(i), sized(`name-${i}`));
// One block of 1,000 records; decoding it 1,000 times is 1,000,000 records.
const GOOD = container({ schema: SCHEMA, codec: 'null' }, [
  { count: 1000, data: bytesOf(...Array.from({ length: 1000 }, (_, i) => record(i))) },
]);
// Failing files of every kind: truncated, bad sync, bad record, bad UTF-8,
// limit, bad header.
const FAILING = [
  GOOD.subarray(0, GOOD.length - 5),
  container({ schema: SCHEMA }, [{ count: 2, data: bytesOf(record(1), record(2)), sync: new Uint8Array(16) }]),
  container({ schema: SCHEMA }, [{ count: 2, data: bytesOf(record(1), varint(2), varint(-9)) }]),
  container({ schema: SCHEMA }, [{ count: 1, data: bytesOf(varint(1), sized([0xc0, 0x80])) }]),
  container({ schema: SCHEMA }, [{ count: 1n << 40n, data: [0] }]),
  container({ schema: '{"type":"record","name":"R","fields":[{"name":"x","type":"nope"}]}' }),
];

test('100,000 failing container decodes leave the wasm and JS heaps flat', () => {
  const fail = (count) => {
    let failures = 0;
    for (let i = 0; i < count; i++) {
      try {
        avro.readContainer(FAILING[i % FAILING.length]);
      } catch (error) {
        if (!(error instanceof avro.AvroError)) throw error;
        failures++;
      }
    }
    return failures;
  };
  fail(3000); // warm up: buffers reach their working size
  const wasmBefore = avro.memoryUsage();
  const jsBefore = jsHeap();
  expect(fail(100000)).toBe(100000);
  const wasmAfter = avro.memoryUsage();
  expect(wasmAfter.heapInUse).toBeLessThanOrEqual(wasmBefore.heapInUse + 64 * 1024);
  expect(wasmAfter.wasmMemory).toBe(wasmBefore.wasmMemory);
  expect(jsHeap() - jsBefore).toBeLessThan(8 * 1024 * 1024);
  if (canary) expect(canaryOk(avro, canary)).toBe(true);
}, 300000);

test('1,000,000 successfully decoded records leave the wasm and JS heaps flat', () => {
  const decode = (files) => {
    let records = 0;
    for (let i = 0; i < files; i++) {
      const decoder = new avro.ContainerDecoder();
      decoder.push(GOOD);
      decoder.end();
      for (let block; (block = decoder.nextBlock()) !== null;) records += block.records.length;
      decoder.dispose();
    }
    return records;
  };
  decode(20);
  const wasmBefore = avro.memoryUsage();
  const jsBefore = jsHeap();
  expect(decode(1000)).toBe(1000000);
  // And through readContainer, which owns and frees its decoder.
  for (let i = 0; i < 1000; i++) avro.readContainer(GOOD);
  const wasmAfter = avro.memoryUsage();
  expect(wasmAfter.heapInUse).toBeLessThanOrEqual(wasmBefore.heapInUse + 64 * 1024);
  expect(wasmAfter.wasmMemory).toBe(wasmBefore.wasmMemory);
  expect(jsHeap() - jsBefore).toBeLessThan(8 * 1024 * 1024);
}, 300000);
