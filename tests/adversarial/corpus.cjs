// The adversarial corpus (SECURITY.md): hostile inputs generated
// deterministically from a seed and from real files in ../shared/testdata,
// each with the outcome every runtime must produce. Pure data, no library
// code: the Node, Chromium and (later) Pyodide suites run the same cases.
//
//   const { buildCorpus, bombCases, writeCorpus } = require('./corpus.cjs');
//   const { cases, missing } = buildCorpus();   // ~25,000 cases, < 1 s
//   const bombs = bombCases();                  // decompression bombs, ~3 s
//   node tests/adversarial/corpus.cjs <dir>     // manifest.json + one file per case
//
// A case: { name, kind, schema?, bytes?, text?, options?, expect }.
//   kind 'container': bytes are a container file, read whole (readContainer).
//   kind 'datum':     bytes are one datum of `schema` (Type#fromBuffer).
//   kind 'json':      text is the Avro JSON of one datum of `schema` (Type#fromString).
//   kind 'schema':    text is a schema (Type.forSchema).
//   options: Type/reader options to pass (e.g. { maxDecodedSize }).
//   expect: { ok: true } (must succeed), or { codes: ['TRUNCATED', ...] } (must
//     fail with an error whose .code is one of them; 'ok' may be listed too:
//     either outcome is fine), plus for containers `records`: how many
//     records a best-effort read (readContainer(bytes, { bestEffort: true }))
//     returns, and `messageIncludes`: a word the error message must contain.
// schema is JSON text. Error codes are the AvroError codes (errors.js).
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');
const { spawnSync } = require('node:child_process');
const { TESTDATA, mulberry32 } = require('../js/helpers.cjs');

const SEED = 0x5eed1234;

/** Every code an input may legitimately end with: all but INTERNAL. */
const ANY_ERROR = [
  'JSON_SYNTAX',
  'SCHEMA_PARSE',
  'TRUNCATED',
  'INVALID_DATA',
  'INVALID_UTF8',
  'TRAILING_DATA',
  'LIMIT_EXCEEDED',
  'INVALID_VALUE',
  'INCOMPATIBLE',
  'UNSUPPORTED',
];

// ---------------------------------------------------------------------------
// Encoding helpers (independent of the library under test).

// Like helpers' concat, but strings become their UTF-8 bytes, and no second
// spread: some headers here have 100,000 parts.
function bytesOf(...parts) {
  const arrays = parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Uint8Array.from(p)));
  const out = new Uint8Array(arrays.reduce((n, a) => n + a.length, 0));
  let at = 0;
  for (const a of arrays) {
    out.set(a, at);
    at += a.length;
  }
  return out;
}

/** Zig-zag varint of any 64-bit value (number or BigInt). */
function varint(value) {
  let v = BigInt(value);
  let z = BigInt.asUintN(64, (v << 1n) ^ (v >> 63n));
  const out = [];
  do {
    let byte = Number(z & 0x7fn);
    z >>= 7n;
    if (z !== 0n) byte |= 0x80;
    out.push(byte);
  } while (z !== 0n);
  return Uint8Array.from(out);
}

/** A length-prefixed string or bytes value. */
function sized(content) {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : Uint8Array.from(content);
  return bytesOf(varint(bytes.length), bytes);
}

const SYNC = Uint8Array.from({ length: 16 }, (_, i) => 0x51 + 7 * i);
const BAD_SYNC = Uint8Array.from(SYNC, (b, i) => (i === 3 ? b ^ 0x40 : b));

/**
 * A container file: header ({ schema, codec, metadata: [[key, bytes]] }) then
 * blocks [{ count, data, size?, sync? }] (size defaults to data's length).
 */
function container({ schema, codec = 'null', metadata = [], rawHeader = null }, blocks = []) {
  const parts = [];
  if (rawHeader) parts.push(rawHeader);
  else {
    const entries = [['avro.schema', schema], ['avro.codec', codec], ...metadata];
    parts.push(Buffer.from('Obj\x01', 'latin1'), varint(entries.length));
    for (const [key, value] of entries) parts.push(sized(key), sized(value));
    parts.push(varint(0), SYNC);
  }
  for (const block of blocks) {
    parts.push(varint(block.count), varint(block.size ?? block.data.length), block.data, block.sync ?? SYNC);
  }
  return bytesOf(...parts);
}

/** Header end and block boundaries of a well-formed container file. */
function layout(bytes) {
  const pos = { at: 4 };
  const long = () => {
    let value = 0n;
    let shift = 0n;
    for (;;) {
      const byte = bytes[pos.at++];
      value |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) break;
      shift += 7n;
    }
    return Number((value >> 1n) ^ -(value & 1n));
  };
  for (;;) {
    let count = long();
    if (count === 0) break;
    if (count < 0) {
      count = -count;
      long();
    }
    for (let i = 0; i < 2 * count; i++) {
      const length = long(); // before the +=, which would read pos.at first
      pos.at += length;
    }
  }
  const headerEnd = (pos.at += 16);
  const blocks = [];
  while (pos.at < bytes.length) {
    const start = pos.at;
    const count = long();
    const size = long();
    const dataStart = pos.at;
    pos.at += size + 16;
    blocks.push({ start, dataStart, end: pos.at, count });
  }
  return { headerEnd, blocks };
}

// ---------------------------------------------------------------------------
// The corpus.

const REAL_FILES = [
  'apache-avro/data/weather.avro',
  'apache-avro/data/weather-deflate.avro',
  'apache-avro/data/weather-snappy.avro',
  'apache-avro/data/weather-zstd.avro',
  'arrow-testing/data/alltypes_plain.bzip2.avro',
  'arrow-testing/data/alltypes_plain.xz.avro',
  'apache-avro/data/lang-js/person-10.avro',
];
// Larger (12 and 22 KiB, thousands of records): truncated at every byte of
// the first 2 KiB, then at every 29th.
const STRIDED_FILES = ['fastavro/data/test-deflate-1-A.avro', 'apache-avro/data/syncInMeta.avro'];

function realFileCases(testdata, rng) {
  const cases = [];
  const missing = [];
  for (const rel of [...REAL_FILES, ...STRIDED_FILES]) {
    const file = path.join(testdata, rel);
    if (!fs.existsSync(file)) {
      missing.push(rel);
      continue;
    }
    const bytes = new Uint8Array(fs.readFileSync(file));
    const { headerEnd, blocks } = layout(bytes);
    const total = blocks.reduce((n, b) => n + b.count, 0);
    cases.push({ name: `${rel}: whole`, kind: 'container', bytes, expect: { ok: true, records: total } });
    const strided = STRIDED_FILES.includes(rel);
    for (let cut = 0; cut < bytes.length; cut += strided && cut >= 2048 ? 29 : 1) {
      // What a reader must say about a file that ends at `cut`: a clean end
      // after the header or a block, bytes that do not form a block header,
      // or a truncated header or block.
      let records = 0;
      let codes = ['TRUNCATED'];
      if (cut === headerEnd) codes = null;
      for (const block of blocks) {
        if (cut >= block.end) records += block.count;
        if (cut === block.end) codes = null;
        else if (cut > block.start && cut < block.dataStart) codes = ['TRAILING_DATA'];
      }
      cases.push({
        name: `${rel}: cut at ${cut}`,
        kind: 'container',
        bytes: bytes.subarray(0, cut),
        expect: codes ? { codes, records } : { ok: true, records },
      });
    }
    for (let round = 0; round < (strided ? 60 : 150); round++) {
      const flipped = Uint8Array.from(bytes);
      const flips = 1 + Math.floor(rng() * 4);
      const where = [];
      for (let i = 0; i < flips; i++) {
        const at = Math.floor(rng() * flipped.length);
        const bit = Math.floor(rng() * 8);
        flipped[at] ^= 1 << bit;
        where.push(`${at}.${bit}`);
      }
      cases.push({
        name: `${rel}: bits flipped at ${where.join(' ')}`,
        kind: 'container',
        bytes: flipped,
        expect: { codes: ['ok', ...ANY_ERROR] },
      });
    }
  }
  return { cases, missing };
}

const LONG_ARRAY = '{"type":"array","items":"long"}';
const USER = JSON.stringify({
  type: 'record',
  name: 'User',
  fields: [
    { name: 'id', type: 'long' },
    { name: 'name', type: 'string' },
  ],
});
const user = (id, name) => bytesOf(varint(id), sized(name));
const LIST = '{"type":"record","name":"N","fields":[{"name":"next","type":["null","N"]}]}';
const TREE = '{"type":"record","name":"T","fields":[{"name":"c","type":{"type":"array","items":"T"}}]}';
const deepList = (depth) => bytesOf(new Uint8Array(depth).fill(2), [0]);
const HUGE = 1n << 62n;
const INT64_MIN = -(1n << 63n);

function datumCases() {
  const ten = 'xxxxxxxxxx';
  const datum = (name, schema, bytes, expect, options) => ({ name, kind: 'datum', schema, bytes, expect, options });
  const fail = (...codes) => ({ codes });
  const cases = [
    datum('string length -1', '"string"', bytesOf(varint(-1), ten), fail('INVALID_DATA')),
    datum('string length 2^62', '"string"', bytesOf(varint(HUGE), ten), fail('LIMIT_EXCEEDED')),
    datum('string length just past the end', '"string"', bytesOf(varint(11), ten), fail('TRUNCATED')),
    datum('bytes length INT64_MIN', '"bytes"', varint(INT64_MIN), fail('INVALID_DATA')),
    datum('string longer than maxLength', '"string"', sized(ten), fail('LIMIT_EXCEEDED'), { maxLength: 9 }),
    datum('array count 2^62', LONG_ARRAY, bytesOf(varint(HUGE), ten), fail('TRUNCATED')),
    datum('array count INT64_MIN', LONG_ARRAY, varint(INT64_MIN), fail('INVALID_DATA')),
    datum('array count just past the end', LONG_ARRAY, bytesOf(varint(11), ten), fail('TRUNCATED')),
    datum('array block size 2^62', LONG_ARRAY, bytesOf(varint(-2), varint(HUGE)), fail('TRUNCATED')),
    datum('array block size -5', LONG_ARRAY, bytesOf(varint(-2), varint(-5)), fail('INVALID_DATA')),
    datum('array of null, 2^62 items', '{"type":"array","items":"null"}', varint(HUGE), fail('LIMIT_EXCEEDED')),
    datum(
      'array of null, 2^21 items (zero-size budget)',
      '{"type":"array","items":"null"}',
      bytesOf(varint(1 << 21), [0]),
      fail('LIMIT_EXCEEDED'),
    ),
    datum('map count 2^62', '{"type":"map","values":"null"}', varint(HUGE), fail('TRUNCATED')),
    datum('array block over maxBlockItems', LONG_ARRAY, bytesOf(varint(3), [2, 4, 6], [0]), fail('LIMIT_EXCEEDED'), {
      maxBlockItems: 2,
    }),
    datum('union index 2^62', '["null","int"]', varint(HUGE), fail('INVALID_DATA')),
    datum('union index -1', '["null","int"]', varint(-1), fail('INVALID_DATA')),
    datum('enum index past the end', '{"type":"enum","name":"E","symbols":["A"]}', varint(1), fail('INVALID_DATA')),
    datum('11-byte varint', '"long"', bytesOf(new Uint8Array(10).fill(0xff), [1]), fail('INVALID_DATA')),
    datum('int beyond 32 bits', '"int"', varint(1n << 40n), fail('INVALID_DATA')),
    datum('fixed past the end', '{"type":"fixed","name":"F","size":16}', Buffer.from(ten), fail('TRUNCATED')),
    datum('trailing byte', '"int"', [2, 0], fail('TRAILING_DATA')),
    datum('empty input', '"int"', [], fail('TRUNCATED')),
    // Deep values of recursive types.
    datum('list 400 deep', LIST, deepList(400), { ok: true }),
    datum('list 5,000 deep', LIST, deepList(5000), fail('LIMIT_EXCEEDED')),
    datum('list 100,000 deep', LIST, deepList(100000), fail('LIMIT_EXCEEDED')),
    datum('list 50 deep, maxDepth 10', LIST, deepList(50), fail('LIMIT_EXCEEDED'), { maxDepth: 10 }),
    datum(
      '10,000-deep nested arrays',
      TREE,
      bytesOf(...Array.from({ length: 10000 }, () => varint(1)), new Uint8Array(10001)),
      fail('LIMIT_EXCEEDED'),
    ),
    // Decimal text longer than anything sensible: refused, not written out.
    datum(
      'decimal with scale 2^31-1',
      '{"type":"bytes","logicalType":"decimal","precision":2147483647,"scale":2147483647}',
      sized([1]),
      fail('LIMIT_EXCEEDED'),
    ),
    datum(
      'big-decimal with scale 2^31-1 in the data',
      '{"type":"bytes","logicalType":"big-decimal"}',
      sized(bytesOf(sized([1]), varint(2147483647))),
      fail('LIMIT_EXCEEDED'),
    ),
    datum('bytes take any byte', '"bytes"', sized([0xff, 0xc0, 0x80]), { ok: true }),
  ];
  // Invalid UTF-8: refused wherever a string is read (INVALID_UTF8), never
  // replaced by U+FFFD.
  const badUtf8 = {
    'lone continuation byte': [0x80],
    'overlong /': [0xc0, 0xaf],
    'overlong NUL': [0xc0, 0x80],
    'UTF-16 surrogate': [0xed, 0xa0, 0x80],
    'beyond U+10FFFF': [0xf4, 0x90, 0x80, 0x80],
    'sequence cut short': [0x61, 0xe2, 0x82],
    '0xff': [0xff],
  };
  for (const [label, seq] of Object.entries(badUtf8)) {
    cases.push(datum(`invalid UTF-8 string: ${label}`, '"string"', sized(seq), fail('INVALID_UTF8')));
    cases.push(
      datum(
        `invalid UTF-8 map key: ${label}`,
        '{"type":"map","values":"int"}',
        bytesOf(varint(1), sized(seq), [2, 0]),
        fail('INVALID_UTF8'),
      ),
    );
  }
  return cases;
}

function jsonCases() {
  const json = (name, schema, text, expect) => ({ name, kind: 'json', schema, text, expect });
  return [
    json('10,000-deep JSON arrays', TREE, '{"c":['.repeat(10000) + '{"c":[]}' + ']}'.repeat(10000), {
      codes: ['LIMIT_EXCEEDED'],
    }),
    json('lone surrogate escape', '"string"', '"\\ud800"', { codes: ['JSON_SYNTAX'] }),
    json('number where a string belongs', '"string"', '5', { codes: ['INVALID_VALUE'] }),
    json('truncated JSON', USER, '{"id": 1, "name": "a', { codes: ['JSON_SYNTAX'] }),
    json('long beyond 64 bits', '"long"', '18446744073709551616', { codes: ['INVALID_VALUE'] }),
    json('valid', USER, '{"id": 1, "name": "a"}', { ok: true }),
  ];
}

function schemaCases() {
  const schema = (name, text, expect) => ({ name, kind: 'schema', text, expect });
  const fields = Array.from({ length: 100000 }, (_, i) => `{"name":"f${i}","type":"int"}`).join(',');
  return [
    schema('100,000 fields', `{"type":"record","name":"W","fields":[${fields}]}`, { ok: true }),
    schema(
      '100,000 fields, the last a duplicate',
      `{"type":"record","name":"W","fields":[${fields},{"name":"f5","type":"long"}]}`,
      {
        codes: ['SCHEMA_PARSE'],
      },
    ),
    schema(
      '100,000 enum symbols, one repeated',
      `{"type":"enum","name":"E","symbols":[${Array.from({ length: 100000 }, (_, i) => `"S${i}"`).join(',')},"S0"]}`,
      { codes: ['SCHEMA_PARSE'] },
    ),
    schema(
      'duplicate type names',
      '["null",{"type":"fixed","name":"X","size":1},{"type":"enum","name":"X","symbols":["A"]}]',
      {
        codes: ['SCHEMA_PARSE'],
      },
    ),
    schema('10,000-deep nested arrays', '{"type":"array","items":'.repeat(10000) + '"long"' + '}'.repeat(10000), {
      codes: ['LIMIT_EXCEEDED'],
    }),
    schema('precision 1e300 (logical type ignored)', '{"type":"bytes","logicalType":"decimal","precision":1e300}', {
      ok: true,
    }),
    schema('scale above precision (ignored)', '{"type":"bytes","logicalType":"decimal","precision":5,"scale":6}', {
      ok: true,
    }),
    schema(
      'precision 2^31-1, scale 2^31-1',
      '{"type":"bytes","logicalType":"decimal","precision":2147483647,"scale":2147483647}',
      {
        ok: true,
      },
    ),
    schema('2,000,000 JSON values', `["null"${',0'.repeat(2000000)}]`, { codes: ['LIMIT_EXCEEDED'] }),
    schema('not JSON', '{"type":', { codes: ['JSON_SYNTAX'] }),
  ];
}

function containerCases() {
  const file = (name, bytes, expect, options) => ({ name, kind: 'container', bytes, expect, options });
  const fail = (codes, records = 0, extra = {}) => ({ codes: [].concat(codes), records, ...extra });
  const longs = { schema: '"long"' };
  const cases = [
    file('empty input', [], fail('TRUNCATED')),
    file('not a container', Buffer.from('PK\x03\x04 a zip file'), fail('INVALID_DATA')),
    file(
      'legacy Avro 1.2 magic',
      Buffer.from('Obj\x00aaaa', 'latin1'),
      fail('INVALID_DATA', 0, { messageIncludes: '1.2' }),
    ),
    file('unknown codec', container({ schema: '"long"', codec: 'lz4' }), fail('UNSUPPORTED')),
    file('schema that is not JSON', container({ schema: '{"type":' }), fail(['JSON_SYNTAX'])),
    file('block count 2^62', container(longs, [{ count: HUGE, data: [2] }]), fail('LIMIT_EXCEEDED')),
    file('block count -1', container(longs, [{ count: -1, data: [2] }]), fail('INVALID_DATA')),
    file('block size 2^62', container(longs, [{ count: 1, data: [2], size: HUGE }]), fail('LIMIT_EXCEEDED')),
    file('block size -1', container(longs, [{ count: 1, data: [2], size: -1 }]), fail('INVALID_DATA')),
    file('block size just past the end', container(longs, [{ count: 1, data: [2], size: 18 }]), fail('TRUNCATED')),
    file('more records than bytes', container(longs, [{ count: 1000, data: [2] }]), fail('INVALID_DATA')),
    file(
      'sync marker mismatch in the third block',
      container(longs, [
        { count: 1, data: [2] },
        { count: 2, data: [4, 6] },
        { count: 1, data: [8], sync: BAD_SYNC },
      ]),
      fail('INVALID_DATA', 3, { messageIncludes: 'sync' }),
    ),
    file(
      'a stray byte after the last block',
      bytesOf(container(longs, [{ count: 1, data: [2] }]), [0x0a]),
      fail('TRAILING_DATA', 1),
    ),
    file(
      'a bad record after two good ones',
      container({ schema: USER }, [{ count: 3, data: bytesOf(user(1, 'a'), user(2, 'b'), varint(3), varint(-4)) }]),
      fail('INVALID_DATA', 2),
    ),
    file(
      'invalid UTF-8 in the third record',
      container({ schema: USER }, [
        { count: 3, data: bytesOf(user(1, 'a'), user(2, 'b'), varint(3), sized([0xc0, 0xaf])) },
      ]),
      fail('INVALID_UTF8', 2),
    ),
    file(
      'invalid UTF-8 in a metadata key',
      container({ schema: '"long"', metadata: [[Buffer.from([0xff, 0xfe]), 'x']] }),
      fail('INVALID_UTF8'),
    ),
    file(
      'a deep value after three good ones',
      container({ schema: LIST }, [{ count: 4, data: bytesOf(deepList(5), deepList(5), deepList(5), deepList(5000)) }]),
      fail('LIMIT_EXCEEDED', 3),
    ),
    file(
      '16M empty records in a 20-byte block',
      container({ schema: '{"type":"record","name":"E","fields":[]}' }, [{ count: 1 << 24, data: [] }]),
      fail('LIMIT_EXCEEDED'),
    ),
    file(
      'empty records over many blocks (per-file budget)',
      container(
        { schema: '{"type":"record","name":"E","fields":[]}' },
        Array.from({ length: 12 }, () => ({ count: 100000, data: [] })),
      ),
      fail('LIMIT_EXCEEDED', 1000000),
    ),
    file(
      '5,000 one-byte decimals of 4,002 characters each, maxDecodedSize 4 MiB',
      container({ schema: '{"type":"bytes","logicalType":"decimal","precision":4096,"scale":4000}' }, [
        { count: 5000, data: new Uint8Array(5000) },
      ]),
      // Each record adds 4,002 bytes of text and a 4-byte end: the record
      // that crosses 4 MiB is the last one delivered.
      fail('LIMIT_EXCEEDED', Math.floor((4 << 20) / 4006) + 1),
      { maxDecodedSize: 4 << 20 },
    ),
  ];
  // A header of 100,000 empty metadata entries (200 KB).
  const entries = [Buffer.from('Obj\x01', 'latin1'), varint(100000)];
  for (let i = 0; i < 100000; i++) entries.push([0, 0]);
  entries.push(varint(0), SYNC);
  cases.push(file('100,000 metadata entries', bytesOf(...entries), fail('LIMIT_EXCEEDED')));
  return cases;
}

/** The corpus without the bombs: { cases, missing } (missing: test data files not found). */
function buildCorpus({ testdata = TESTDATA, seed = SEED } = {}) {
  const rng = mulberry32(seed);
  const real = realFileCases(testdata, rng);
  const cases = [...real.cases, ...datumCases(), ...jsonCases(), ...schemaCases(), ...containerCases()];
  for (const c of cases) {
    if (c.bytes && !(c.bytes instanceof Uint8Array)) c.bytes = Uint8Array.from(c.bytes);
  }
  return { cases, missing: real.missing };
}

// ---------------------------------------------------------------------------
// Decompression bombs: a few KB (zstd: 32 KB for 1 GiB) that expand to
// hundreds of MB or GBs, one block each in a container file. deflate is made
// here with node:zlib; zstd, bzip2 and xz by Debian's python3 (its bz2, lzma
// and zstandard modules), since Node has no encoder for them.

const PYTHON_BOMBS = `
import sys, bz2, lzma
codec, mib = sys.argv[1], int(sys.argv[2])
if codec == 'zstandard':
    import zstandard
    c = zstandard.ZstdCompressor(level=1).compressobj()
elif codec == 'bzip2':
    c = bz2.BZ2Compressor(9)
else:
    c = lzma.LZMACompressor(format=lzma.FORMAT_XZ, preset=0)
zeros = bytes(1 << 20)
out = [c.compress(zeros) for _ in range(mib)]
out.append(c.flush())
sys.stdout.buffer.write(b''.join(out))
`;

/** Raw deflate of `mib` MiB of zeros: one flushed 1 MiB chunk repeated, then an empty final block. */
function deflateBomb(mib) {
  const chunk = zlib.deflateRawSync(Buffer.alloc(1 << 20), { level: 9, finishFlush: zlib.constants.Z_FULL_FLUSH });
  return bytesOf(...Array.from({ length: mib }, () => chunk), [0x03, 0x00]);
}

/**
 * Bomb cases: { cases, missing } (missing: bombs that could not be made,
 * e.g. no python3 or module). Sizes: deflate and zstd 1 GiB, bzip2 and xz
 * 64 MiB (their encoders take seconds per GiB of zeros).
 */
function bombCases({ python = process.env.AVRO_PYTHON || '/usr/bin/python3' } = {}) {
  const cases = [];
  const missing = [];
  const made = [['deflate', 1024, deflateBomb(1024)]];
  for (const [codec, mib] of [
    ['zstandard', 1024],
    ['bzip2', 64],
    ['xz', 64],
  ]) {
    const run = spawnSync(python, ['-c', PYTHON_BOMBS, codec, String(mib)], { maxBuffer: 64 << 20 });
    if (run.status !== 0) missing.push(`${codec} bomb (${python}: ${run.error?.message ?? run.stderr})`);
    else made.push([codec, mib, new Uint8Array(run.stdout)]);
  }
  for (const [codec, mib, bomb] of made) {
    const bytes = container({ schema: '"long"', codec }, [{ count: 1, data: bomb }]);
    cases.push({
      name: `${codec} bomb: ${bomb.length} bytes expanding to ${mib} MiB`,
      kind: 'container',
      bytes,
      // deflate cannot expand more than 1,032 times, so its bombs mostly
      // stop at maxDecompressedBlockSize; the others at the ratio.
      expect: { codes: ['LIMIT_EXCEEDED'], records: 0, ...(codec === 'deflate' ? {} : { messageIncludes: 'ratio' }) },
    });
    cases.push({
      name: `${codec} bomb, ratio limit off: stops at maxDecompressedBlockSize`,
      kind: 'container',
      bytes,
      options: { maxDecompressionRatio: 0, maxDecompressedBlockSize: 16 << 20 },
      expect: { codes: ['LIMIT_EXCEEDED'], records: 0 },
    });
  }
  return { cases, missing };
}

/** Writes cases to `dir`: manifest.json (bytes as file names) and case-<n>.bin files. */
function writeCorpus(dir, cases) {
  fs.mkdirSync(dir, { recursive: true });
  const manifest = cases.map((c, i) => {
    const entry = { name: c.name, kind: c.kind, expect: c.expect };
    if (c.schema !== undefined) entry.schema = c.schema;
    if (c.options !== undefined) entry.options = c.options;
    if (c.text !== undefined) {
      entry.file = `case-${i}.txt`;
      fs.writeFileSync(path.join(dir, entry.file), c.text);
    } else {
      entry.file = `case-${i}.bin`;
      fs.writeFileSync(path.join(dir, entry.file), c.bytes);
    }
    return entry;
  });
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 1));
}

module.exports = { buildCorpus, bombCases, writeCorpus, container, varint, sized, bytesOf, ANY_ERROR, TESTDATA };

if (require.main === module) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: node tests/adversarial/corpus.cjs <output dir> [--no-bombs]');
    process.exit(2);
  }
  const { cases, missing } = buildCorpus();
  const bombs = process.argv.includes('--no-bombs') ? { cases: [], missing: [] } : bombCases();
  writeCorpus(dir, [...cases, ...bombs.cases]);
  for (const m of [...missing, ...bombs.missing]) console.error(`missing: ${m}`);
  console.log(`${cases.length + bombs.cases.length} cases written to ${dir}`);
}
