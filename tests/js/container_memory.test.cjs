// Streaming reads hold about one block, not the file: a 128 MB container
// file is generated on the fly (never stored) and read through
// readRecords; the process's external memory (which includes the wasm
// heap) must stay far below the file size. Its own suite, so the wasm heap
// starts small and any growth shows.
'use strict';

const avro = require('../../dist/index.cjs');

const SCHEMA = { type: 'record', name: 'Line', fields: [{ name: 'n', type: 'long' }, { name: 'text', type: 'string' }] };
const CHUNKS = 128;
const PER_CHUNK = 1000; // records of ~1 KiB: one chunk is ~1 MiB

async function* generatedFile() {
  const encoder = new avro.ContainerEncoder(SCHEMA, { codec: 'null' });
  for (let c = 0; c < CHUNKS; c++) {
    const records = Array.from({ length: PER_CHUNK }, (_, i) => ({ n: c * PER_CHUNK + i, text: String(i % 10).repeat(1000) }));
    yield encoder.writeMany(records);
  }
  yield encoder.end();
}

test('reading a 128 MB stream keeps memory bounded by the block size', async () => {
  const baseline = process.memoryUsage().external;
  let peak = baseline;
  let count = 0;
  let bytes = 0;
  for await (const block of avro.readBlocks(generatedFile())) {
    for (const record of block.records) {
      if (record.n !== count) throw new Error(`record ${count} came back as ${record.n}`);
      count++;
    }
    bytes += block.size;
    peak = Math.max(peak, process.memoryUsage().external);
  }
  expect(count).toBe(CHUNKS * PER_CHUNK);
  expect(bytes).toBeGreaterThan(128e6);
  expect(peak - baseline).toBeLessThan(24e6);
}, 60000);
