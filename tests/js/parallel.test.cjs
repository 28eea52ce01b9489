// Parallel decoding (DecoderPool, readContainerParallel,
// decodeColumnsParallel): whatever the number of workers and however the
// file is split, the result is the sequential reader's, records, columns
// and errors alike (error offsets and block numbers as in the whole file).
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const avro = require('../../dist/index.cjs');
const { testWithData, testdataPath, mulberry32, thrown } = require('./helpers.cjs');

const {
  AvroError,
  ContainerDecoder,
  DecoderPool,
  PreciseDate,
  decodeColumns,
  decodeColumnsParallel,
  readContainer,
  readContainerParallel,
  writeContainer,
} = avro;

const REAL_FILES = [
  'apache-avro/data/weather.avro',
  'apache-avro/data/weather-deflate.avro',
  'apache-avro/data/weather-snappy.avro',
  'apache-avro/data/weather-zstd.avro',
  'apache-avro/data/syncInMeta.avro',
  'fastavro/data/test-null.avro',
  'fastavro/data/test-snappy.avro',
  'fastavro/data/test-deflate-9.avro',
  'arrow-testing/data/alltypes_plain.bzip2.avro',
  'arrow-testing/data/alltypes_plain.xz.avro',
  'arrow-testing/data/timestamp_logical_types.avro',
  'arrow-testing/data/nested_lists.snappy.avro',
  'avro-rs/data/quickstop-null.avro',
];
const CODECS = ['null', 'deflate', 'snappy', 'zstandard', 'bzip2', 'xz'];
const SYNC = Uint8Array.from({ length: 16 }, (_, i) => i * 7 + 1);

const eventSchema = {
  type: 'record',
  name: 'Event',
  fields: [
    { name: 'id', type: 'long' },
    { name: 'name', type: 'string' },
    { name: 'score', type: ['null', 'double'] },
    { name: 'ok', type: 'boolean' },
    { name: 'tags', type: { type: 'array', items: 'string' } },
    { name: 'kind', type: { type: 'enum', name: 'Kind', symbols: ['A', 'B', 'C'] } },
    { name: 'hash', type: { type: 'fixed', name: 'Hash', size: 4 } },
    { name: 'at', type: { type: 'long', logicalType: 'timestamp-micros' } },
  ],
};
const makeEvents = (n) =>
  Array.from({ length: n }, (_, i) => ({
    id: i,
    name: `event ${i} ${'x'.repeat(i % 13)}`,
    score: i % 5 === 0 ? null : i / 3,
    ok: i % 3 === 0,
    tags: Array.from({ length: i % 4 }, (_, j) => `t${j}`),
    kind: ['A', 'B', 'C'][i % 3],
    hash: Uint8Array.of(i & 255, 1, 2, 3),
    at: new PreciseDate(1700000000000 + i, (i * 1001) % 1000000),
  }));
const EVENTS = makeEvents(3000);
const eventFile = (codec, options = {}) =>
  writeContainer(EVENTS, eventSchema, { codec, blockSize: 4096, syncMarker: SYNC, ...options });

let pool; // shared by most tests: reuse is the normal case
beforeAll(() => {
  pool = new DecoderPool({ workers: 3 });
});
afterAll(() => pool.close());

const read = (file) => new Uint8Array(fs.readFileSync(testdataPath(file)));

// Records equal as values and as classes (PreciseDate with the same
// digits); a mismatch reports the first differing record, not all of them.
function expectSameRecords(actual, expected) {
  const text = (record) =>
    JSON.stringify(record, (k, v) => (typeof v === 'bigint' ? `${v}n` : v)) +
    Object.values(record ?? {})
      .map((v) => (v instanceof PreciseDate ? 'P' : typeof v))
      .join();
  expect(actual.length).toBe(expected.length);
  const first = expected.findIndex((record, i) => text(actual[i]) !== text(record));
  expect(first >= 0 ? [first, text(actual[first])] : null).toEqual(first >= 0 ? [first, text(expected[first])] : null);
  expect(actual).toEqual(expected);
}

function expectSameError(actual, expected) {
  expect(actual).toBeInstanceOf(AvroError);
  expect(actual.constructor.name).toBe(expected.constructor.name);
  expect({ code: actual.code, path: actual.path, offset: actual.offset, message: actual.message }).toEqual({
    code: expected.code,
    path: expected.path,
    offset: expected.offset,
    message: expected.message,
  });
  if (expected.block) {
    const { records, header, ...block } = expected.block;
    expect(actual.block).toMatchObject(block);
  }
  if (expected.records) expectSameRecords(actual.records, expected.records);
}

// Where each block is: { offset, dataStart, syncStart, end }.
function blocksOf(bytes) {
  const decoder = new ContainerDecoder();
  const blocks = [];
  try {
    decoder.push(bytes);
    decoder.end();
    for (let block; (block = decoder.nextBlock()) !== null;) blocks.push(block);
  } finally {
    decoder.dispose();
  }
  return blocks.map((block, i) => {
    const end = i + 1 < blocks.length ? blocks[i + 1].offset : bytes.length;
    return { offset: block.offset, dataStart: end - 16 - block.size, syncStart: end - 16, end };
  });
}

describe('equals readContainer', () => {
  testWithData(
    'on real files (every codec), split per block and by default, with 1 to 4 workers',
    REAL_FILES,
    async () => {
      for (const file of REAL_FILES) {
        const bytes = read(file);
        const expected = readContainer(bytes);
        for (const workers of [1, 2, 3, 4]) {
          const actual = await readContainerParallel(bytes, { workers, rangeSize: 1 });
          expect([file, workers, actual.blockCount]).toEqual([file, workers, expected.blockCount]);
          expectSameRecords(actual.records, expected.records);
          expect({ ...actual, records: null }).toEqual({ ...expected, records: null });
        }
        expectSameRecords((await pool.readContainer(bytes)).records, expected.records);
      }
    },
    60000,
  );

  test.each(CODECS)('on a generated %s file of many blocks, in file order', async (codec) => {
    const bytes = eventFile(codec);
    const expected = readContainer(bytes);
    expect(expected.blockCount).toBeGreaterThan(20);
    const actual = await pool.readContainer(bytes, { rangeSize: 8192 });
    expectSameRecords(actual.records, expected.records);
    expect(actual.records.map((r) => r.id)).toEqual(EVENTS.map((e) => e.id));
    expect(actual.blockCount).toBe(expected.blockCount);
    expect(actual.records[7].at.toISOString()).toBe('2023-11-14T22:13:20.007007Z');
  });

  test('with a readerSchema, given as a schema or as a Type with its own options', async () => {
    const bytes = eventFile('zstandard');
    const readerSchema = {
      type: 'record',
      name: 'Event',
      fields: [
        { name: 'id', type: 'long' },
        { name: 'tags', type: { type: 'array', items: 'string' } },
        { name: 'extra', type: 'string', default: 'none' },
      ],
    };
    const expected = readContainer(bytes, { readerSchema });
    const actual = await pool.readContainer(bytes, { readerSchema, rangeSize: 1 });
    expectSameRecords(actual.records, expected.records);
    expect(actual.records[0]).toEqual({ id: 0, tags: [], extra: 'none' });

    const type = avro.Type.forSchema(readerSchema, { longs: 'bigint' });
    const typed = await pool.readContainer(bytes, { readerSchema: type, rangeSize: 1 });
    expectSameRecords(typed.records, readContainer(bytes, { readerSchema: type }).records);
    expect(typed.records[1].id).toBe(1n);
  });

  test('Type options (longs, logicalTypes) apply in the workers', async () => {
    const bytes = eventFile('snappy');
    for (const options of [{ longs: 'bigint' }, { logicalTypes: false }]) {
      const actual = await pool.readContainer(bytes, { ...options, rangeSize: 1 });
      expectSameRecords(actual.records, readContainer(bytes, options).records);
    }
  });

  test('a file without blocks and a file of one block', async () => {
    const empty = writeContainer([], eventSchema, { codec: 'deflate' });
    expect(await pool.readContainer(empty)).toEqual(readContainer(empty));
    expect((await pool.readContainer(empty)).records).toEqual([]);
    const one = writeContainer(EVENTS.slice(0, 10), eventSchema, { codec: 'deflate' });
    const expected = readContainer(one);
    expect(expected.blockCount).toBe(1);
    const actual = await readContainerParallel(one, { workers: 4, rangeSize: 1 });
    expectSameRecords(actual.records, expected.records);
    expect(actual.blockCount).toBe(1);
  });

  test('takes an ArrayBuffer, a Buffer and a Blob', async () => {
    const bytes = eventFile('null');
    const expected = readContainer(bytes).records;
    const copy = bytes.slice();
    for (const input of [copy.buffer, Buffer.from(copy), new Blob([copy])]) {
      expectSameRecords((await pool.readContainer(input, { rangeSize: 1 << 14 })).records, expected);
    }
    expect(bytes).toEqual(copy); // the caller's bytes are copied, never transferred away
  });

  test('readBatches yields the records in file order, one batch per range', async () => {
    const bytes = eventFile('deflate');
    const batches = [];
    for await (const batch of pool.readBatches(bytes, { rangeSize: 1 << 14 })) batches.push(batch);
    expect(batches.length).toBeGreaterThan(2);
    expectSameRecords(
      batches.flatMap((b) => b.records),
      readContainer(bytes).records,
    );
    expect(batches.map((b) => b.firstBlock)).toEqual(
      batches.map((_, i) => batches.slice(0, i).reduce((n, b) => n + b.blockCount, 0)),
    );
    // Stopping early is fine and leaves the pool usable.
    for await (const batch of pool.readBatches(bytes, { rangeSize: 1 })) if (batch) break;
    expect((await pool.readContainer(bytes)).records.length).toBe(EVENTS.length);
  });
});

describe('columns', () => {
  test.each(CODECS)('decodeColumns on %s: the same columns, joined across ranges', async (codec) => {
    const bytes = eventFile(codec);
    const expected = decodeColumns(bytes);
    expect(expected.columns.map((c) => c.type)).toEqual(
      expect.arrayContaining(['bool', 'utf8', 'fixed', 'enum', 'int64', 'float64']),
    );
    for (const rangeSize of [1, 5000, undefined]) {
      expect(await pool.decodeColumns(bytes, { rangeSize })).toEqual(expected);
    }
  });

  test('fields, chunks: true, a file without blocks, and decodeColumnsParallel', async () => {
    const bytes = eventFile('zstandard');
    const fields = ['ok', 'tags', 'score'];
    expect(await decodeColumnsParallel(bytes, { workers: 2, fields, rangeSize: 1 })).toEqual(
      decodeColumns(bytes, { fields }),
    );
    const chunked = await pool.decodeColumns(bytes, { fields, chunks: true, rangeSize: 1 << 14 });
    expect(chunked.chunks.length).toBeGreaterThan(1);
    expect(chunked.numRows).toBe(EVENTS.length);
    expect(chunked.chunks.reduce((n, c) => n + c.numRows, 0)).toBe(EVENTS.length);
    expect(chunked.chunks[0].columns.map((c) => c.path)).toEqual(['score', 'ok', 'tags']);
    const empty = writeContainer([], eventSchema);
    expect(await pool.decodeColumns(empty)).toEqual(decodeColumns(empty));
  });

  testWithData('on real files with list and nullable columns', REAL_FILES, async () => {
    for (const file of REAL_FILES) {
      const bytes = read(file);
      expect([file, await pool.decodeColumns(bytes, { rangeSize: 1 })]).toEqual([file, decodeColumns(bytes)]);
    }
  });
});

describe('errors are those of the sequential reader, at the same file offsets', () => {
  // Runs both readers; both must fail the same way.
  async function expectSameFailure(bytes, options = {}, { columns = false } = {}) {
    const expected = thrown(() => (columns ? decodeColumns : readContainer)(bytes, options));
    expect(expected).toBeInstanceOf(AvroError);
    for (const rangeSize of [1, 1 << 14]) {
      const actual = await (
        columns
          ? pool.decodeColumns(bytes, { ...options, rangeSize })
          : pool.readContainer(bytes, { ...options, rangeSize })
      ).then(
        () => null,
        (error) => error,
      );
      expectSameError(actual, expected);
    }
    return expected;
  }

  test('a bad record in a late block (null codec)', async () => {
    const bytes = eventFile('null');
    const blocks = blocksOf(bytes);
    const late = blocks[Math.floor(blocks.length * 0.75)];
    bytes.fill(0xff, late.syncStart - 6, late.syncStart);
    const error = await expectSameFailure(bytes);
    expect(error.block.index).toBeGreaterThan(blocks.length / 2);
    expect(error.message).toMatch(/of the block at byte \d+/);
  });

  test('a corrupt compressed block and a bad record inside one (deflate)', async () => {
    const corrupt = eventFile('deflate');
    const blocks = blocksOf(corrupt);
    const late = blocks[blocks.length - 3];
    corrupt.fill(0x5a, late.dataStart + 4, late.syncStart - 2);
    expect((await expectSameFailure(corrupt)).message).toMatch(/^deflate block \d+: /);

    // Valid deflate data, bad UTF-8: blocks written as bytes, read under a string schema.
    const asBytes = { type: 'record', name: 'R', fields: [{ name: 's', type: 'bytes' }] };
    const asString = { type: 'record', name: 'R', fields: [{ name: 's', type: 'string' }] };
    const values = Array.from({ length: 2000 }, (_, i) => ({ s: Uint8Array.of(97, 98, i === 1500 ? 0xff : 99) }));
    const options = { codec: 'deflate', blockSize: 512, syncMarker: SYNC };
    const body = writeContainer(values, asBytes, options);
    const header = writeContainer([], asString, options);
    const bytesHeader = blocksOf(body)[0].offset;
    const file = new Uint8Array(header.length + body.length - bytesHeader);
    file.set(header);
    file.set(body.subarray(bytesHeader), header.length);
    const error = await expectSameFailure(file);
    expect(error.code).toBe('INVALID_UTF8');
    expect(error.message).toMatch(/of the block at byte \d+, byte \d+ of its decompressed data/);
  });

  test('a bad sync marker, a truncated file and trailing bytes', async () => {
    const bytes = eventFile('snappy');
    const blocks = blocksOf(bytes);
    const badSync = bytes.slice();
    badSync[blocks[blocks.length - 4].syncStart + 3] ^= 1;
    expect((await expectSameFailure(badSync)).message).toMatch(/sync marker mismatch after block \d+/);
    await expectSameFailure(bytes.subarray(0, blocks[blocks.length - 2].dataStart + 5));
    const trailing = new Uint8Array(bytes.length + 3);
    trailing.set(bytes);
    trailing.set([2, 0x80, 0x80], bytes.length);
    await expectSameFailure(trailing);
    const badHeader = bytes.slice();
    badHeader.fill(0xff, blocks[blocks.length - 5].offset, blocks[blocks.length - 5].offset + 2);
    await expectSameFailure(badHeader);
  });

  test('limits, header errors and readerSchema mismatches', async () => {
    const bytes = eventFile('null');
    await expectSameFailure(bytes, { maxBlockSize: 3000 });
    await expectSameFailure(bytes, { maxBlockRecords: 40 });
    await expectSameFailure(Uint8Array.of(79, 98, 106, 2, 0, 0));
    await expectSameFailure(bytes.subarray(0, 100));
    await expectSameFailure(bytes, {
      readerSchema: { type: 'record', name: 'Event', fields: [{ name: 'id', type: 'int' }] },
    });
  });

  test('in columns mode', async () => {
    const bytes = eventFile('deflate');
    const blocks = blocksOf(bytes);
    bytes[blocks[blocks.length - 2].syncStart] ^= 0xff;
    await expectSameFailure(bytes, {}, { columns: true });
  });

  test('bestEffort gives the records before the error, as readContainer does', async () => {
    const bytes = eventFile('null');
    const blocks = blocksOf(bytes);
    bytes.fill(0xff, blocks[blocks.length - 6].syncStart - 6, blocks[blocks.length - 6].syncStart);
    const expected = readContainer(bytes, { bestEffort: true });
    const actual = await pool.readContainer(bytes, { bestEffort: true, rangeSize: 1 });
    expectSameRecords(actual.records, expected.records);
    expect(actual.blockCount).toBe(expected.blockCount);
    expectSameError(actual.error, expected.error);
    const fine = await pool.readContainer(eventFile('null'), { bestEffort: true });
    expect(fine.error).toBeNull();
    const header = await pool.readContainer(Uint8Array.of(1, 2, 3), { bestEffort: true });
    expectSameError(header.error, readContainer(Uint8Array.of(1, 2, 3), { bestEffort: true }).error);
  });

  test('random damage: the parallel reader agrees with the sequential one (bestEffort)', async () => {
    const clean = eventFile('null', { blockSize: 2048 });
    const random = mulberry32(9);
    for (let round = 0; round < 60; round++) {
      const bytes = clean.slice();
      const flips = 1 + Math.floor(random() * 3);
      for (let i = 0; i < flips; i++) bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256);
      const cut = random() < 0.2 ? Math.floor(random() * bytes.length) : bytes.length;
      const input = bytes.subarray(0, cut);
      const expected = readContainer(input, { bestEffort: true });
      const actual = await pool.readContainer(input, { bestEffort: true, rangeSize: 1 + Math.floor(random() * 20000) });
      expect(actual.blockCount).toBe(expected.blockCount);
      expect(actual.records).toEqual(expected.records);
      if (expected.error) expectSameError(actual.error, expected.error);
      else expect(actual.error).toBeNull();
    }
  }, 60000);
});

describe('the pool', () => {
  test('keeps working after errors; concurrent calls on one pool each get their own file', async () => {
    const files = CODECS.map((codec) => eventFile(codec));
    const bad = files[0].slice(0, files[0].length - 10);
    const results = await Promise.allSettled([bad, ...files].map((f) => pool.readContainer(f, { rangeSize: 1 << 13 })));
    expect(results[0].status).toBe('rejected');
    expect(results[0].reason.code).toBe('TRUNCATED');
    for (const result of results.slice(1)) expect(result.value.records.length).toBe(EVENTS.length);
    expect(pool.size).toBe(3);
  });

  test('close() ends it: running and later calls reject, nothing hangs', async () => {
    const local = new DecoderPool({ workers: 2 });
    const bytes = eventFile('xz');
    expect((await local.readContainer(bytes)).records.length).toBe(EVENTS.length);
    const batches = local.readBatches(bytes, { rangeSize: 1 });
    await batches.next(); // workers busy, more ranges to go
    const closing = local.close();
    const drained = (async () => {
      for await (const batch of batches) expect(batch.records.length).toBeGreaterThan(0);
    })();
    await expect(drained).rejects.toThrow(/closed/);
    await closing;
    await expect(local.readContainer(bytes)).rejects.toThrow(/closed/);
    await local.close(); // twice is fine
  });

  test('Symbol.asyncDispose closes it', async () => {
    const local = new DecoderPool({ workers: 1 });
    expect((await local.decodeColumns(eventFile('null'))).numRows).toBe(EVENTS.length);
    await local[Symbol.asyncDispose]();
    await expect(local.decodeColumns(eventFile('null'))).rejects.toThrow(/closed/);
  });

  test('a worker that crashes or cannot start fails its call, not the pool', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'avro-wasm-parallel-'));
    try {
      const exits = path.join(dir, 'exits.mjs');
      fs.writeFileSync(
        exits,
        "import { parentPort } from 'node:worker_threads';\nparentPort.on('message', () => process.exit(3));\n",
      );
      const throws = path.join(dir, 'throws.mjs');
      fs.writeFileSync(throws, "throw new Error('no worker today');\n");
      const refuses = path.join(dir, 'refuses.mjs'); // answers like a worker whose package failed to load
      fs.writeFileSync(
        refuses,
        "import { parentPort } from 'node:worker_threads';\n" +
          "parentPort.on('message', ({ id }) => parentPort.postMessage({ id, error: { name: 'Error', message: 'no wasm' } }));\n",
      );
      for (const workerUrl of [exits, throws, refuses, path.join(dir, 'missing.mjs')]) {
        const local = new DecoderPool({ workers: 2, workerUrl });
        try {
          for (let i = 0; i < 2; i++) {
            const error = await local.readContainer(eventFile('null'), { rangeSize: 1 << 14 }).catch((e) => e);
            expect(error).toBeInstanceOf(AvroError);
            expect(error.code).toBe('INTERNAL');
            expect(error.message).toMatch(/decoder worker failed/);
            const columns = await local.decodeColumns(eventFile('null')).catch((e) => e);
            expect(columns.message).toMatch(/decoder worker failed/);
          }
        } finally {
          await local.close();
        }
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('checks its options', async () => {
    for (const workers of [0, -1, 1.5, '2']) expect(() => new DecoderPool({ workers })).toThrow(AvroError);
    expect(new DecoderPool().size).toBeGreaterThanOrEqual(1);
    for (const rangeSize of [0, -5, 'big']) {
      await expect(pool.readContainer(eventFile('null'), { rangeSize })).rejects.toThrow(/rangeSize/);
    }
  });
});
