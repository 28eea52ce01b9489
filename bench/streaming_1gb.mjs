// Streams a 1 GB container file through readRecords and prints the peak
// wasm heap (memoryUsage().heapInUse, sampled every 10,000 records and at
// every block), the wasm linear memory and the process RSS. The file is
// written to a temporary directory first (by BlockEncoder, so writing is
// streamed too) and read back by path, as a Node user would. The claim
// checked (SECURITY.md): peak heapInUse stays under 64 MB whatever the size.
//
//   node bench/streaming_1gb.mjs [--size=1e9] [--codec=zstandard] [--keep]
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { BlockEncoder, memoryUsage, readBlocks } from '../dist/index.mjs';

const arg = (name, fallback) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const SIZE = Number(arg('size', 1e9));
const CODEC = arg('codec', 'null');
const LIMIT = 64 * 1024 * 1024;

const schema = {
  type: 'record',
  name: 'Event',
  fields: [
    { name: 'id', type: 'long' },
    { name: 'user', type: 'string' },
    { name: 'payload', type: 'bytes' },
    { name: 'score', type: ['null', 'double'] },
  ],
};
const PAYLOAD = new Uint8Array(400).map((_, i) => (i * 31) & 0xff);
const RECORD_BYTES = 420; // about: enough records to reach SIZE
const COUNT = Math.ceil(SIZE / RECORD_BYTES);

function* events() {
  for (let i = 0; i < COUNT; i++)
    yield { id: i, user: `user-${i % 977}`, payload: PAYLOAD, score: i % 5 ? i / 7 : null };
}

const dir = mkdtempSync(join(tmpdir(), 'avro-1gb-'));
const path = join(dir, 'events.avro');
const mb = (n) => (n / 1048576).toFixed(1);
try {
  let start = performance.now();
  await pipeline(Readable.from(events()), new BlockEncoder(schema, { codec: CODEC }), createWriteStream(path));
  const size = statSync(path).size;
  console.log(
    `wrote ${(size / 1e9).toFixed(2)} GB (${COUNT} records, ${CODEC}) in ${((performance.now() - start) / 1000).toFixed(1)} s`,
  );

  const before = memoryUsage();
  let peakHeap = before.heapInUse;
  let peakRss = process.memoryUsage().rss;
  let records = 0;
  start = performance.now();
  for await (const block of readBlocks(path)) {
    for (const record of block.records) {
      if (record.id !== records) throw new Error(`record ${records} came back as ${record.id}`);
      records++;
    }
    peakHeap = Math.max(peakHeap, memoryUsage().heapInUse);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }
  const seconds = (performance.now() - start) / 1000;
  const after = memoryUsage();
  console.log(`read ${records} records in ${seconds.toFixed(1)} s (${(size / 1e6 / seconds).toFixed(0)} MB/s of file)`);
  console.log(`peak wasm heap in use: ${mb(peakHeap)} MiB (limit ${mb(LIMIT)} MiB)`);
  console.log(
    `wasm linear memory: ${mb(before.wasmMemory)} -> ${mb(after.wasmMemory)} MiB; peak RSS ${mb(peakRss)} MiB`,
  );
  if (records !== COUNT) throw new Error(`read ${records} records, wrote ${COUNT}`);
  if (peakHeap >= LIMIT) {
    console.error('FAIL: the wasm heap grew past 64 MB while streaming');
    process.exitCode = 1;
  }
} finally {
  if (!process.argv.includes('--keep')) rmSync(dir, { recursive: true, force: true });
}
