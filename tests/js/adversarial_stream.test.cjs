// Streaming a 200 MB container file (generated on the fly, never stored)
// through readBlocks and readRecords keeps the wasm heap under 64 MB:
// memoryUsage().heapInUse is sampled after every block. Its own suite, so
// this module instance starts with a small heap. bench/streaming_1gb.mjs is
// the same check at 1 GB (not run in CI: minutes).
'use strict';

const avro = require('../../dist/index.cjs');

const SCHEMA = {
  type: 'record',
  name: 'Event',
  fields: [
    { name: 'id', type: 'long' },
    { name: 'kind', type: { type: 'enum', name: 'Kind', symbols: ['VIEW', 'CLICK', 'BUY'] } },
    { name: 'user', type: 'string' },
    { name: 'payload', type: 'bytes' },
    { name: 'score', type: ['null', 'double'] },
  ],
};
const TARGET = 200e6;
const PER_CHUNK = 2000;
const PAYLOAD = new Uint8Array(400).map((_, i) => (i * 31) & 0xff);
const LIMIT = 64 * 1024 * 1024;
// readRecords resolves to a projection: the other fields are skipped.
const READER = { type: 'record', name: 'Event', fields: [{ name: 'id', type: 'long' }] };

/**
 * The file, chunk by chunk, as an encoder in the same module produces it:
 * 200 MB of encoded records (the file is that size with the null codec,
 * smaller compressed; the reader decodes the same 200 MB either way).
 */
async function* generatedFile(codec, state) {
  const encoder = new avro.ContainerEncoder(SCHEMA, { codec });
  const type = encoder.type;
  let n = 0;
  let encoded = 0;
  while (encoded < TARGET) {
    const records = [];
    for (let i = 0; i < PER_CHUNK; i++, n++) {
      records.push({
        id: n,
        kind: ['VIEW', 'CLICK', 'BUY'][n % 3],
        user: `user-${n % 977}`,
        payload: PAYLOAD,
        score: n % 5 ? n / 7 : null,
      });
    }
    if (n === PER_CHUNK) state.recordSize = type.toBuffer(records[1]).length;
    encoded += PER_CHUNK * state.recordSize;
    const chunk = encoder.writeMany(records);
    state.bytes += chunk.length;
    state.peak = Math.max(state.peak, avro.memoryUsage().heapInUse);
    yield chunk;
  }
  const tail = encoder.end();
  state.bytes += tail.length;
  state.encoded = encoded;
  yield tail;
  state.written = n;
}

test.each(['null', 'zstandard'])(
  'streaming a 200 MB %s file keeps the wasm heap under 64 MB',
  async (codec) => {
    const state = { bytes: 0, peak: 0, written: 0 };
    const baseline = avro.memoryUsage();
    let records = 0;
    let blocks = 0;
    for await (const block of avro.readBlocks(generatedFile(codec, state))) {
      for (const record of block.records) {
        if (record.id !== records) throw new Error(`record ${records} came back as ${record.id}`);
        records++;
      }
      blocks++;
      state.peak = Math.max(state.peak, avro.memoryUsage().heapInUse);
    }
    const after = avro.memoryUsage();
    console.log(
      `${codec}: ${(state.bytes / 1e6).toFixed(0)} MB, ${records} records in ${blocks} blocks; ` +
        `peak heapInUse ${(state.peak / 1048576).toFixed(1)} MiB, wasm memory ` +
        `${(baseline.wasmMemory / 1048576).toFixed(0)} -> ${(after.wasmMemory / 1048576).toFixed(0)} MiB`,
    );
    expect(state.encoded).toBeGreaterThanOrEqual(TARGET);
    if (codec === 'null') expect(state.bytes).toBeGreaterThan(TARGET);
    expect(records).toBe(state.written);
    expect(state.peak).toBeLessThan(LIMIT);
    expect(after.wasmMemory).toBeLessThan(baseline.wasmMemory + LIMIT);
  },
  240000,
);

test('readRecords with a reader schema over a 200 MB deflate stream stays under 64 MB too', async () => {
  const state = { bytes: 0, peak: 0, written: 0 };
  let records = 0;
  for await (const record of avro.readRecords(generatedFile('deflate', state), { readerSchema: READER })) {
    if (record.id !== records) throw new Error(`record ${records} came back as ${record.id}`);
    if (++records % 10000 === 0) state.peak = Math.max(state.peak, avro.memoryUsage().heapInUse);
  }
  expect(records).toBe(state.written);
  expect(state.peak).toBeLessThan(LIMIT);
}, 240000);
