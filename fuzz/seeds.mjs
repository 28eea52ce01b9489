// Seed corpora for the libFuzzer harnesses, built from ../shared/testdata:
// real schemas, real container files, and "<schema>\n<bytes>" inputs cut
// from those files' first blocks (null and deflate: the codecs Node can
// inflate without a dependency), plus a few hand-written cases for what the
// test data lacks (Avro JSON values, schema evolution pairs).
// Usage: node fuzz/seeds.mjs <testdata dir> <corpus dir>
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const [testdata, corpus] = process.argv.slice(2);
const CODECS = { null: 0, deflate: 1, snappy: 2, zstandard: 3, bzip2: 4, xz: 5 };
const MAX_SEED = 8192;

function walk(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(full));
    else out.push(full);
  }
  return out.sort();
}

function save(harness, bytes) {
  const data = Buffer.from(bytes);
  if (data.length === 0 || data.length > MAX_SEED) return;
  const dir = path.join(corpus, harness);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'seed-' + createHash('sha1').update(data).digest('hex').slice(0, 16)), data);
}

// Avro's zig-zag varint, for reading headers and block counts.
function readLong(bytes, pos) {
  let value = 0n;
  let shift = 0n;
  for (;;) {
    if (pos.at >= bytes.length) throw new Error('truncated');
    const byte = bytes[pos.at++];
    value |= BigInt(byte & 0x7f) << shift;
    if ((byte & 0x80) === 0) break;
    shift += 7n;
    if (shift > 63n) throw new Error('bad varint');
  }
  return Number((value >> 1n) ^ -(value & 1n));
}

function readBytes(bytes, pos) {
  const length = readLong(bytes, pos);
  if (length < 0 || pos.at + length > bytes.length) throw new Error('bad length');
  const out = bytes.subarray(pos.at, pos.at + length);
  pos.at += length;
  return out;
}

// { schema, codec, block } of a container file's first block, or null.
function firstBlock(bytes) {
  if (bytes.length < 4 || bytes.toString('latin1', 0, 4) !== 'Obj\x01') return null;
  const pos = { at: 4 };
  const meta = {};
  for (;;) {
    let count = readLong(bytes, pos);
    if (count === 0) break;
    if (count < 0) {
      count = -count;
      readLong(bytes, pos);
    }
    for (let i = 0; i < count; i++) {
      const key = readBytes(bytes, pos).toString('utf8');
      meta[key] = readBytes(bytes, pos);
    }
  }
  pos.at += 16;
  const schema = meta['avro.schema']?.toString('utf8');
  const codec = meta['avro.codec']?.toString('utf8') || 'null';
  if (!schema || pos.at >= bytes.length) return { schema, codec, block: null };
  readLong(bytes, pos); // record count
  const size = readLong(bytes, pos);
  return { schema, codec, block: bytes.subarray(pos.at, Math.min(bytes.length, pos.at + size)) };
}

function oneLine(schemaText) {
  try {
    return JSON.stringify(JSON.parse(schemaText));
  } catch {
    return null;
  }
}

const lines = (...parts) =>
  Buffer.concat(parts.map((p, i) => Buffer.concat([Buffer.from(p), Buffer.from(i < parts.length - 1 ? '\n' : '')])));

if (testdata && fs.existsSync(testdata)) {
  for (const file of walk(testdata)) {
    const bytes = fs.readFileSync(file);
    const name = path.basename(file);
    if (/\.(avsc|json)$/.test(name) || file.includes(`${path.sep}schemas${path.sep}`)) {
      if (!name.endsWith('.md') && !name.startsWith('LICENSE') && !name.startsWith('NOTICE')) save('schema', bytes);
      continue;
    }
    if (!name.endsWith('.avro') || bytes.length > 64 * 1024) continue;
    if (bytes.length <= MAX_SEED) save('container', Buffer.concat([Buffer.of(7), bytes]));
    let first;
    try {
      first = firstBlock(bytes);
    } catch {
      continue;
    }
    if (!first?.schema) continue;
    save('schema', Buffer.from(first.schema));
    const schema = oneLine(first.schema);
    if (!schema || !first.block) continue;
    if (first.codec in CODECS && first.codec !== 'null')
      save('codec', Buffer.concat([Buffer.of(CODECS[first.codec]), first.block]));
    let data = null;
    if (first.codec === 'null') data = first.block;
    else if (first.codec === 'deflate') {
      try {
        data = zlib.inflateRawSync(first.block);
      } catch {
        data = null;
      }
    }
    if (!data) continue;
    const datum = lines(schema, data.subarray(0, 2048));
    save('datum', datum);
    save('roundtrip', datum);
    save('resolve', lines(schema, schema, data.subarray(0, 2048)));
  }
  const weather = path.join(testdata, 'apache-avro/data/weather.json');
  const weatherFile = path.join(testdata, 'apache-avro/data/weather.avro');
  if (fs.existsSync(weather) && fs.existsSync(weatherFile)) {
    const schema = oneLine(firstBlock(fs.readFileSync(weatherFile)).schema);
    for (const line of fs.readFileSync(weather, 'utf8').split('\n').filter(Boolean)) save('json', lines(schema, line));
  }
}

// What the test data lacks. Avro JSON values: unions, bytes as code points,
// maps, enums, fixed, special floats.
const rich = JSON.stringify({
  type: 'record',
  name: 'R',
  fields: [
    { name: 'u', type: ['null', 'string', { type: 'map', values: 'long' }] },
    { name: 'b', type: 'bytes' },
    { name: 'e', type: { type: 'enum', name: 'E', symbols: ['A', 'B'] } },
    { name: 'f', type: { type: 'fixed', name: 'F', size: 2 } },
    { name: 'd', type: ['double', 'float'] },
    { name: 'a', type: { type: 'array', items: ['null', 'R'] } },
  ],
});
save(
  'json',
  lines(
    rich,
    '{"u":{"map":{"k":1}},"b":"\\u00ff\\u0000","e":"B","f":"ab","d":{"double":"NaN"},"a":[null,{"R":{"u":null,"b":"","e":"A","f":"\\u0001\\u0002","d":{"float":1.5},"a":[]}}]}',
  ),
);
save('json', lines('["null","int"]', '{"int":-5}'));
save('json', lines('{"type":"array","items":"string"}', '["a","\\ud83d\\ude00"]'));
const logical = JSON.stringify({
  type: 'record',
  name: 'L',
  fields: [
    { name: 'dec', type: { type: 'bytes', logicalType: 'decimal', precision: 10, scale: 3 } },
    { name: 'fix', type: { type: 'fixed', name: 'D', size: 4, logicalType: 'decimal', precision: 9, scale: 2 } },
    { name: 'id', type: { type: 'fixed', name: 'U', size: 16, logicalType: 'uuid' } },
    { name: 'ts', type: { type: 'long', logicalType: 'timestamp-micros' } },
    { name: 'ns', type: { type: 'long', logicalType: 'local-timestamp-nanos' } },
    { name: 'dur', type: { type: 'fixed', name: 'Dur', size: 12, logicalType: 'duration' } },
    { name: 'big', type: { type: 'bytes', logicalType: 'big-decimal' } },
  ],
});
const logicalBytes = Buffer.concat([
  Buffer.of(0x04, 0x30, 0x39), // decimal 12345 -> 12.345
  Buffer.of(0xff, 0xff, 0xff, 0x85), // -123 -> -1.23
  Buffer.alloc(16, 0xab),
  Buffer.of(0xb3, 0xa8, 0x9e, 0x01), // micros
  Buffer.of(0x81, 0x80, 0x80, 0x80, 0x80, 0x10), // negative nanos
  Buffer.alloc(12, 1),
  Buffer.of(0x08, 0x04, 0x30, 0x39, 0x06), // big-decimal 12345, scale 3
]);
save('roundtrip', lines(logical, logicalBytes));
save('datum', lines(logical, logicalBytes));
save(
  'roundtrip',
  lines('{"type":"map","values":["null","string"]}', Buffer.of(0x03, 0x0a, 0x02, 0x6b, 0x02, 0x04, 0xc3, 0xa9, 0x00)),
);

// Schema evolution pairs (writer, reader, writer bytes).
const user1 = JSON.stringify({
  type: 'record',
  name: 'User',
  fields: [
    { name: 'id', type: 'int' },
    { name: 'name', type: 'string' },
  ],
});
const user2 = JSON.stringify({
  type: 'record',
  name: 'User',
  fields: [
    { name: 'name', type: ['null', 'string'] },
    { name: 'id', type: 'long' },
    { name: 'plan', type: 'string', default: 'free' },
    { name: 'tags', type: { type: 'array', items: 'string' }, default: ['x'] },
  ],
});
save('resolve', lines(user1, user2, Buffer.of(0x0e, 0x06, 0x41, 0x64, 0x61)));
save('resolve', lines(user2, user1, Buffer.of(0x02, 0x06, 0x41, 0x64, 0x61, 0x0e, 0x02, 0x66, 0x02, 0x02, 0x61, 0x00)));
const e1 = JSON.stringify({ type: 'enum', name: 'E', symbols: ['A', 'B', 'C'] });
const e2 = JSON.stringify({ type: 'enum', name: 'E', symbols: ['B', 'A'], default: 'A' });
save('resolve', lines(e1, e2, Buffer.of(0x04)));
save('resolve', lines('["int","string"]', '["null","long","bytes"]', Buffer.of(0x02, 0x04, 0x68, 0x69)));
save(
  'resolve',
  lines(
    '{"type":"map","values":"float"}',
    '{"type":"map","values":"double"}',
    Buffer.of(0x01, 0x0a, 0x02, 0x6b, 0, 0, 0x80, 0x3f, 0x00),
  ),
);
save('resolve', lines('"int"', '["null","float"]', Buffer.of(0x80, 0x01)));
// Deep values for a recursive type (depth limits).
const list = JSON.stringify({ type: 'record', name: 'N', fields: [{ name: 'next', type: ['null', 'N'] }] });
save('datum', lines(list, Buffer.alloc(200, 0x02)));
save('roundtrip', lines(list, Buffer.concat([Buffer.alloc(50, 0x02), Buffer.of(0)])));
save('resolve', lines(list, list, Buffer.concat([Buffer.alloc(50, 0x02), Buffer.of(0)])));
