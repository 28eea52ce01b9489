// Container files vs avsc on the same files: decode and encode for every
// codec (avsc has null and deflate built in; the other codecs report
// avro-wasm alone), and streaming decode of a large generated file with
// peak memory, each implementation in its own process.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, openSync, writeSync, closeSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ContainerEncoder, readContainer, writeContainer } from '../dist/index.mjs';
import { avsc, userSchema, makeUsers, time, assertEqual, row } from './common.mjs';

const CODECS = ['null', 'deflate', 'snappy', 'zstandard', 'bzip2', 'xz'];
const AVSC_CODECS = new Set(['null', 'deflate']);
const BLOCK_SIZE = 64 * 1024;

export function avscDecode(bytes) {
  return new Promise((resolve, reject) => {
    const records = [];
    const decoder = new avsc.streams.BlockDecoder();
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

const plain = (records) => records.map((r) => ({ ...r, address: r.address && { ...r.address } }));

export async function containerRows(count) {
  const records = makeUsers(count);
  const avscType = avsc.Type.forSchema(userSchema);
  const rows = [];
  for (const codec of CODECS) {
    const file = writeContainer(records, userSchema, { codec, blockSize: BLOCK_SIZE });
    assertEqual(readContainer(file).records, records, `avro-wasm ${codec} read-back`);
    const withAvsc = AVSC_CODECS.has(codec);
    if (withAvsc) {
      assertEqual(plain(await avscDecode(file)), records, `avsc reading avro-wasm's ${codec} file`);
      assertEqual(readContainer(await avscEncode(avscType, records, codec)).records, records, `avro-wasm reading avsc's ${codec} file`);
    }
    const decodeOurs = await time(() => readContainer(file));
    const decodeTheirs = withAvsc ? await time(() => avscDecode(file)) : undefined;
    rows.push(row(`container decode, ${codec} (${(file.length / 1e6).toFixed(1)} MB)${withAvsc ? ' vs avsc' : ''}`, count, decodeOurs, decodeTheirs));
    const encodeOurs = await time(() => writeContainer(records, userSchema, { codec, blockSize: BLOCK_SIZE }));
    const encodeTheirs = withAvsc ? await time(() => avscEncode(avscType, records, codec)) : undefined;
    rows.push(row(`container encode, ${codec}${withAvsc ? ' vs avsc' : ''}`, count, encodeOurs, encodeTheirs));
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
      JSON.parse(execFileSync(process.execPath, [new URL('./stream_child.mjs', import.meta.url).pathname, impl, path], { encoding: 'utf8' }));
    const ours = child('avro-wasm');
    const theirs = child('avsc');
    if (ours.records !== records || theirs.records !== records) throw new Error('bench: streaming record counts differ');
    const r = row(`streaming decode, ${(size / 1e6).toFixed(0)} MB deflate file vs avsc`, records, ours.ms, theirs.ms);
    r.what += ` (peak RSS ${ours.peakMb} MB vs ${theirs.peakMb} MB)`;
    return [r];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
