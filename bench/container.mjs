// Container files vs avsc on the same files: decode and encode of each data
// set (bench/datasets.mjs) for the codecs avsc has built in (null, deflate)
// and those it lacks (snappy, zstandard: avro-wasm alone; bzip2 and xz for
// the users set only, they are slow whatever reads them), and streaming
// decode of a large generated file with peak memory, each implementation in
// its own process.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, openSync, writeSync, closeSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ContainerEncoder, readContainer, writeContainer } from '../dist/index.mjs';
import { avsc, avscType, time, assertEqual, row } from './common.mjs';
import { DATASETS, userSchema, makeUsers } from './datasets.mjs';

const CODECS = ['null', 'deflate', 'snappy', 'zstandard'];
const SLOW_CODECS = ['bzip2', 'xz'];
const AVSC_CODECS = new Set(['null', 'deflate']);
const BLOCK_SIZE = 64 * 1024;

/** avsc's BlockDecoder over a whole file; `options` go to it (e.g. readerSchema). */
export function avscDecode(bytes, options = {}) {
  return new Promise((resolve, reject) => {
    const records = [];
    const decoder = new avsc.streams.BlockDecoder({ parseHook: avscType, ...options });
    decoder.on('data', (record) => records.push(record));
    decoder.on('end', () => resolve(records));
    decoder.on('error', reject);
    decoder.end(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  });
}

function avscEncode(type, records, codec) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    const encoder = new avsc.streams.BlockEncoder(type, { codec, blockSize: BLOCK_SIZE });
    encoder.on('data', (chunk) => chunks.push(chunk));
    encoder.on('end', () => resolve(Buffer.concat(chunks)));
    encoder.on('error', reject);
    for (const record of records) encoder.write(record);
    encoder.end();
  });
}

async function codecRows(name, schema, records, codec) {
  const count = records.length;
  const file = writeContainer(records, schema, { codec, blockSize: BLOCK_SIZE });
  assertEqual(readContainer(file).records, records, `avro-wasm ${name} ${codec} read-back`);
  const withAvsc = AVSC_CODECS.has(codec);
  const theirType = avscType(schema);
  if (withAvsc) {
    assertEqual(await avscDecode(file), records, `avsc reading avro-wasm's ${name} ${codec} file`);
    const theirFile = await avscEncode(theirType, records, codec);
    assertEqual(readContainer(theirFile).records, records, `avro-wasm reading avsc's ${name} ${codec} file`);
  }
  const peer = withAvsc ? ' vs avsc' : '';
  const size = `${(file.length / 1e6).toFixed(1)} MB`;
  const decodeOurs = await time(() => readContainer(file));
  const decodeTheirs = withAvsc ? await time(() => avscDecode(file)) : undefined;
  const encodeOurs = await time(() => writeContainer(records, schema, { codec, blockSize: BLOCK_SIZE }));
  const encodeTheirs = withAvsc ? await time(() => avscEncode(theirType, records, codec)) : undefined;
  return [
    row(`container decode, ${name}, ${codec} (${size})${peer}`, count, decodeOurs, decodeTheirs, {
      target: withAvsc ? 'container-decode' : undefined,
      bytes: file.length,
    }),
    row(`container encode, ${name}, ${codec}${peer}`, count, encodeOurs, encodeTheirs, {
      target: withAvsc ? 'container-encode' : undefined,
      bytes: file.length,
    }),
  ];
}

export async function containerRows(count) {
  const rows = [];
  for (const { name, schema, make } of DATASETS) {
    const records = make(count);
    for (const codec of CODECS) rows.push(...(await codecRows(name, schema, records, codec)));
    if (name === 'users')
      for (const codec of SLOW_CODECS) rows.push(...(await codecRows(name, schema, records, codec)));
  }
  return rows;
}

// Writes a file of about `megabytes` MB without holding its records.
function writeLargeFile(path, megabytes, codec) {
  const fd = openSync(path, 'w');
  const encoder = new ContainerEncoder(userSchema, { codec });
  let seed = 1;
  let written = 0;
  let records = 0;
  while (written < megabytes * 1e6) {
    const batch = makeUsers(10000, seed++);
    const bytes = encoder.writeMany(batch);
    writeSync(fd, bytes);
    written += bytes.length;
    records += batch.length;
  }
  writeSync(fd, encoder.end());
  closeSync(fd);
  return records;
}

export function streamingRows(megabytes) {
  const dir = mkdtempSync(join(tmpdir(), 'avro-wasm-bench-'));
  try {
    const path = join(dir, 'large.avro');
    const records = writeLargeFile(path, megabytes, 'deflate');
    const size = statSync(path).size;
    const child = (impl) =>
      JSON.parse(
        execFileSync(process.execPath, [new URL('./stream_child.mjs', import.meta.url).pathname, impl, path], {
          encoding: 'utf8',
        }),
      );
    const ours = child('avro-wasm');
    const theirs = child('avsc');
    if (ours.records !== records || theirs.records !== records)
      throw new Error('bench: streaming record counts differ');
    const r = row(`streaming decode, ${(size / 1e6).toFixed(0)} MB deflate file vs avsc`, records, ours.ms, theirs.ms);
    r.what += ` (peak RSS ${ours.peakMb} MB vs ${theirs.peakMb} MB)`;
    return [r];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
