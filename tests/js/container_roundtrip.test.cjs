// Object container files, written and read back by avro-wasm: a seeded
// property test over random schemas and values (gen.cjs) for every codec
// and several block sizes, plus the edge cases of the format (no blocks,
// empty blocks, metadata, sync markers, block sizes).
//
// Expected values never come from avro-wasm itself: records from the
// schema-driven normalization of the values written (reference.cjs
// expectedFromInput), block structure from our own spec-based walker
// (reference.cjs walkContainer), datum bytes from avsc (an independent
// implementation) and deflate/snappy payloads from Node's zlib and a CRC-32
// written here.
'use strict';

const zlib = require('node:zlib');

const avro = require('../../dist/index.cjs');
const { hex, thrown, zigzagVarint, concat } = require('./helpers.cjs');
const ref = require('./reference.cjs');
const { createSchemaGenerator, createValueGenerator, buildRegistry } = require('./gen.cjs');
const avsc = require('avsc');

const { readContainer, writeContainer, AvroError, Type } = avro;
const SEED = Number(process.env.AVRO_CONTAINER_SEED || 20240917);
const CODECS = ['null', 'deflate', 'snappy', 'zstandard', 'bzip2', 'xz'];
const BLOCK_SIZES = [1, 100, undefined]; // undefined: the default (64 KiB)
const SCHEMAS = 12;
const VALUES = 10;
const READ = { wrapUnions: 'never' }; // unions come back bare, like expectedFromInput

// CRC-32 (IEEE, as zlib and the snappy codec's trailer use), from its definition.
const CRC32_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();
function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC32_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** The uncompressed payload of each block, from the spec (null/deflate/snappy) or null when we cannot decompress it here. */
function payloads(codec, blocks) {
  switch (codec) {
    case 'null':
      return blocks.map((b) => b.data);
    case 'deflate':
      return blocks.map((b) => new Uint8Array(zlib.inflateRawSync(b.data)));
    default:
      return null;
  }
}

function codecKey(walk) {
  const v = walk.metadata['avro.codec'];
  return v === undefined ? null : Buffer.from(v).toString('utf8');
}

/**
 * Writes values with every codec and block size, reads them back, and
 * checks everything the spec lets us check independently. Returns problems.
 */
function checkRoundTrip(schema, values, label) {
  const problems = [];
  const expected = values.map((v) => ref.expectedFromInput(schema, v));
  const avscType = avsc.Type.forSchema(schema, { wrapUnions: 'auto' });
  const encodings = values.map((v) => new Uint8Array(avscType.toBuffer(v)));
  const total = encodings.reduce((n, e) => n + e.length, 0);
  const maxRecord = encodings.reduce((n, e) => Math.max(n, e.length), 0);
  const canonical = JSON.stringify(avscType.schema());

  for (const codec of CODECS) {
    for (const blockSize of BLOCK_SIZES) {
      const where = `${label} codec=${codec} blockSize=${blockSize === undefined ? 'default' : blockSize}`;
      const p = (msg) => problems.push(`${where}: ${msg}`);
      let bytes;
      try {
        bytes = writeContainer(values, schema, blockSize === undefined ? { codec } : { codec, blockSize });
      } catch (error) {
        p(`writeContainer threw ${error.name}: ${error.message}`);
        continue;
      }
      if (!(bytes instanceof Uint8Array)) {
        p('writeContainer did not return a Uint8Array');
        continue;
      }
      // Structure, by our own walk of the bytes.
      let walk;
      try {
        walk = ref.walkContainer(bytes);
      } catch (error) {
        p(`malformed container: ${error.message}`);
        continue;
      }
      const key = codecKey(walk);
      if (codec === 'null' ? key !== null && key !== 'null' : key !== codec) p(`avro.codec is ${key}`);
      const headerSchema = JSON.parse(Buffer.from(walk.metadata['avro.schema']).toString('utf8'));
      if (JSON.stringify(avsc.Type.forSchema(headerSchema).schema()) !== canonical)
        p(`header schema ${JSON.stringify(headerSchema)} is not the schema written`);
      const counted = walk.blocks.reduce((n, b) => n + b.count, 0);
      if (counted !== values.length) p(`blocks hold ${counted} records, wrote ${values.length}`);
      if (walk.blocks.some((b) => b.count <= 0)) p(`a block with count ${walk.blocks.find((b) => b.count <= 0).count}`);
      // Block payloads: the datums, byte for byte as avsc encodes them.
      let start = 0;
      const perBlock = walk.blocks.map((b) => {
        const slice = encodings.slice(start, start + b.count);
        start += b.count;
        return slice;
      });
      const plain = payloads(codec, walk.blocks);
      if (plain) {
        plain.forEach((data, i) => {
          const want = concat(...perBlock[i]);
          if (hex(data) !== hex(want)) p(`block ${i} payload differs from avsc's encodings`);
        });
      }
      if (codec === 'snappy') {
        walk.blocks.forEach((b, i) => {
          const want = crc32(concat(...perBlock[i]));
          const got = Buffer.from(b.data.subarray(b.data.length - 4)).readUInt32BE(0);
          if (got !== want)
            p(
              `block ${i}: snappy CRC32 trailer ${got.toString(16)}, expected ${want.toString(16)} of the uncompressed datums`,
            );
        });
      }
      // Block sizes. Whatever the flush rule (at or before the threshold),
      // blockSize 1 cannot put two non-empty datums in one block, the default
      // (64 KiB) keeps a small file in one block, and 100 bytes splits a
      // file that is bigger than two blocks plus the largest record.
      if (blockSize === 1) {
        perBlock.forEach((list, i) => {
          if (list.filter((e) => e.length > 0).length > 1)
            p(`block ${i} holds ${list.length} records with blockSize 1`);
        });
      } else if (blockSize === undefined) {
        if (values.length && total < 65536 && walk.blocks.length !== 1)
          p(`${walk.blocks.length} blocks for ${total} bytes with the default block size`);
      } else if (total >= 2 * blockSize + maxRecord && walk.blocks.length < 2) {
        p(`${total} bytes in ${walk.blocks.length} block(s) with blockSize ${blockSize}`);
      }
      // Reading back.
      let result;
      try {
        result = readContainer(bytes, READ);
      } catch (error) {
        p(`readContainer threw ${error.name} ${error.code}: ${error.message}`);
        continue;
      }
      if (result.error) p(`result.error ${result.error.message}`);
      if (result.codec !== codec) p(`codec ${result.codec}`);
      if (result.blockCount !== walk.blocks.length)
        p(`blockCount ${result.blockCount}, the file has ${walk.blocks.length} blocks`);
      if (hex(result.syncMarker) !== hex(walk.sync)) p('syncMarker differs from the header');
      const diff = ref.recordsDiff(result.records.map(ref.normalize), expected);
      if (diff) p(diff);
    }
  }
  return problems;
}

describe(`container round trip (seed ${SEED})`, () => {
  const schemaGen = createSchemaGenerator(SEED);
  for (let i = 0; i < SCHEMAS; i++) {
    const schema = schemaGen.schema();
    test(`random schema #${i}: ${VALUES} values x ${CODECS.length} codecs x block sizes ${BLOCK_SIZES.map(String)}`, () => {
      const gen = createValueGenerator(SEED * 7 + i);
      const registry = buildRegistry(schema);
      const values = [];
      for (let j = 0; j < VALUES; j++) values.push(gen.value(schema, registry));
      const problems = checkRoundTrip(schema, values, `schema #${i}`);
      if (problems.length) throw new Error(`schema ${JSON.stringify(schema)}\n${problems.slice(0, 6).join('\n')}`);
    });
  }

  test('one record per block with blockSize 1 (non-empty datums), across codecs', () => {
    const schema = {
      type: 'record',
      name: 'R',
      fields: [
        { name: 'n', type: 'int' },
        { name: 's', type: 'string' },
      ],
    };
    const values = Array.from({ length: 7 }, (_, i) => ({ n: i * 1000 - 3000, s: 'x'.repeat(i) }));
    for (const codec of CODECS) {
      const walk = ref.walkContainer(writeContainer(values, schema, { codec, blockSize: 1 }));
      expect(walk.blocks.map((b) => b.count)).toEqual([1, 1, 1, 1, 1, 1, 1]);
      // syncInterval is an alias of blockSize.
      const alias = ref.walkContainer(writeContainer(values, schema, { codec, syncInterval: 1 }));
      expect(alias.blocks.map((b) => b.count)).toEqual([1, 1, 1, 1, 1, 1, 1]);
    }
    expect(checkRoundTrip(schema, values, 'R')).toEqual([]);
  });

  test('longs beyond 2^53, non-finite and negative-zero floats, every codec', () => {
    const schema = {
      type: 'record',
      name: 'Extremes',
      fields: [
        { name: 'l', type: 'long' },
        { name: 'd', type: 'double' },
        { name: 'f', type: 'float' },
        { name: 'o', type: ['null', 'long'] },
      ],
    };
    const values = [
      { l: -(2n ** 63n), d: NaN, f: -0, o: 2n ** 63n - 1n },
      { l: 2n ** 63n - 1n, d: -0, f: Infinity, o: null },
      { l: 2n ** 53n + 1n, d: -Infinity, f: NaN, o: -(2n ** 53n) - 1n },
      { l: 2 ** 53 - 1, d: Number.MIN_VALUE, f: 0.1, o: 0 },
    ];
    // avsc cannot encode longs beyond 2^53: checkRoundTrip's byte comparison
    // would need it, so check payloads against hand-made encodings here.
    for (const codec of CODECS) {
      const bytes = writeContainer(values, schema, { codec });
      const back = readContainer(bytes, READ);
      expect(
        ref.recordsDiff(
          back.records.map(ref.normalize),
          values.map((v) => ref.expectedFromInput(schema, v)),
        ),
      ).toBeNull();
      const big = readContainer(bytes, { ...READ, longs: 'bigint' });
      expect(big.records.map((r) => typeof r.l)).toEqual(['bigint', 'bigint', 'bigint', 'bigint']);
      expect(big.records[3].l).toBe(2n ** 53n - 1n);
      expect(big.records[3].o).toBe(0n);
    }
    const plain = ref.walkContainer(writeContainer(values.slice(0, 1), schema, { codec: 'null' }));
    const f64 = Buffer.alloc(8);
    f64.writeDoubleLE(NaN);
    const f32 = Buffer.alloc(4);
    f32.writeFloatLE(-0);
    // -2^63 zigzags to 2^64-1; NaN's canonical bit pattern is not mandated, so compare the other fields exactly.
    const data = plain.blocks[0].data;
    expect(hex(data.subarray(0, 10))).toBe(hex(zigzagVarint(-(2n ** 63n))));
    expect(Number.isNaN(Buffer.from(data.subarray(10, 18)).readDoubleLE(0))).toBe(true);
    expect(hex(data.subarray(18, 22))).toBe(hex(f32));
    expect(hex(data.subarray(22))).toBe(hex(concat([2], zigzagVarint(2n ** 63n - 1n))));
  });
});

describe('container edge cases', () => {
  const schema = {
    type: 'record',
    name: 'P',
    namespace: 'e.x',
    fields: [
      { name: 'id', type: 'long' },
      { name: 'tag', type: ['null', 'string'] },
    ],
  };
  const values = [
    { id: 1, tag: null },
    { id: -2, tag: 'two' },
    { id: 3, tag: '' },
  ];
  const encodings = values.map((v) => new Uint8Array(avsc.Type.forSchema(schema).toBuffer(v)));

  test('an empty file (0 records) has a header and no block, for every codec', () => {
    for (const codec of CODECS) {
      const bytes = writeContainer([], schema, { codec });
      const walk = ref.walkContainer(bytes);
      expect(walk.blocks).toEqual([]);
      expect(walk.headerEnd).toBe(bytes.length);
      const back = readContainer(bytes, READ);
      expect(back.records).toEqual([]);
      expect(back.blockCount).toBe(0);
      expect(back.codec).toBe(codec);
      expect(ref.schemaSummary(back.schema)).toEqual(ref.schemaSummary(schema));
      expect(ref.schemaSummary(JSON.parse(Buffer.from(walk.metadata['avro.schema']).toString()))).toEqual(
        ref.schemaSummary(schema),
      );
      expect(back.error == null).toBe(true);
    }
  });

  test('empty blocks (count 0) are read as blocks without records', () => {
    const sync = Uint8Array.from({ length: 16 }, (_, i) => 200 - i);
    const empty = { count: 0, data: new Uint8Array(0) };
    const one = ref.buildContainer({ schema, sync, blocks: [empty] });
    let back = readContainer(one, READ);
    expect(back.records).toEqual([]);
    expect(back.blockCount).toBe(1);
    expect(back.error == null).toBe(true);
    // Empty blocks before, between and after real ones.
    const mixed = ref.buildContainer({
      schema,
      sync,
      blocks: [
        empty,
        { count: 2, data: concat(encodings[0], encodings[1]) },
        empty,
        { count: 1, data: encodings[2] },
        empty,
      ],
    });
    back = readContainer(mixed, READ);
    expect(back.blockCount).toBe(5);
    expect(
      ref.recordsDiff(
        back.records.map(ref.normalize),
        values.map((v) => ref.expectedFromInput(schema, v)),
      ),
    ).toBeNull();
    // The same with deflate: an empty block is an empty raw DEFLATE stream.
    const deflated = ref.buildContainer({
      schema,
      sync,
      codec: 'deflate',
      blocks: [
        { count: 0, data: new Uint8Array(zlib.deflateRawSync(Buffer.alloc(0))) },
        { count: 3, data: new Uint8Array(zlib.deflateRawSync(Buffer.from(concat(...encodings)))) },
      ],
    });
    back = readContainer(deflated, READ);
    expect(back.blockCount).toBe(2);
    expect(back.records.map(ref.normalize)).toEqual(values.map((v) => ref.expectedFromInput(schema, v)));
  });

  test('hand-made files: no avro.codec key means null; a metadata map split in two blocks', () => {
    const bytes = ref.buildContainer({ schema, omitCodec: true, blocks: [{ count: 3, data: concat(...encodings) }] });
    const back = readContainer(bytes, READ);
    expect(back.codec).toBe('null');
    expect(back.records).toHaveLength(3);
    // Metadata written as two map blocks, the second with a negative count and a byte size (spec: both are valid).
    const schemaText = Buffer.from(JSON.stringify(schema));
    const entry = (k, v) => concat(zigzagVarint(k.length), Buffer.from(k), zigzagVarint(v.length), v);
    const second = entry('avro.codec', Buffer.from('null'));
    const sync = new Uint8Array(16).fill(7);
    const split = concat(
      [0x4f, 0x62, 0x6a, 0x01],
      zigzagVarint(1),
      entry('avro.schema', schemaText),
      zigzagVarint(-1),
      zigzagVarint(second.length),
      second,
      [0],
      sync,
      zigzagVarint(3),
      zigzagVarint(concat(...encodings).length),
      concat(...encodings),
      sync,
    );
    const splitBack = readContainer(split, READ);
    expect(splitBack.records.map(ref.normalize)).toEqual(values.map((v) => ref.expectedFromInput(schema, v)));
    expect(Object.keys(splitBack.metadata).sort()).toEqual(['avro.codec', 'avro.schema']);
  });

  test('negative block counts and sizes are rejected with an AvroError', () => {
    const sync = new Uint8Array(16).fill(9);
    const header = ref.buildContainer({ schema, sync });
    for (const block of [
      concat(zigzagVarint(-1), zigzagVarint(0), sync),
      concat(zigzagVarint(1), zigzagVarint(-5), sync),
    ]) {
      const error = thrown(() => readContainer(concat(header, block), READ));
      expect(error).toBeInstanceOf(AvroError);
      expect(error.offset).toBeGreaterThanOrEqual(header.length);
    }
  });

  test('metadata round trip (strings as UTF-8, bytes as is), reserved keys present', () => {
    const metadata = { 'user.s': 'héllo ✓', 'user.b': Uint8Array.from([0, 1, 255]), 'user.empty': '' };
    for (const codec of CODECS) {
      const bytes = writeContainer(values, schema, { codec, metadata });
      const walk = ref.walkContainer(bytes);
      const back = readContainer(bytes, READ);
      for (const m of [walk.metadata, back.metadata]) {
        expect(hex(m['user.s'])).toBe(Buffer.from('héllo ✓', 'utf8').toString('hex'));
        expect(hex(m['user.b'])).toBe('0001ff');
        expect(hex(m['user.empty'])).toBe('');
        expect(m['avro.schema']).toBeInstanceOf(Uint8Array);
      }
      expect(Object.keys(back.metadata).sort()).toEqual(Object.keys(walk.metadata).sort());
      expect(back.metadata['user.b']).toBeInstanceOf(Uint8Array);
    }
  });

  test('syncMarker is honoured; without it each file gets a fresh random marker', () => {
    const syncMarker = Uint8Array.from({ length: 16 }, (_, i) => (i * 29 + 3) & 0xff);
    for (const codec of CODECS) {
      const bytes = writeContainer(values, schema, { codec, syncMarker, blockSize: 1 });
      const walk = ref.walkContainer(bytes); // checks every block's trailing marker too
      expect(hex(walk.sync)).toBe(hex(syncMarker));
      expect(walk.blocks.length).toBe(3);
      expect(hex(readContainer(bytes, READ).syncMarker)).toBe(hex(syncMarker));
    }
    const a = ref.walkContainer(writeContainer(values, schema)).sync;
    const b = ref.walkContainer(writeContainer(values, schema)).sync;
    expect(hex(a)).not.toBe(hex(b));
    const error = thrown(() => writeContainer(values, schema, { syncMarker: new Uint8Array(15) }));
    expect(error).toBeInstanceOf(AvroError);
  });

  test('deflate levels 0-9 all read back; level 0 stores the datums uncompressed', () => {
    const many = Array.from({ length: 50 }, (_, i) => ({ id: i, tag: 'abcabcabc'.repeat(5) }));
    const raw = concat(...many.map((v) => avsc.Type.forSchema(schema).toBuffer(v)));
    for (let level = 0; level <= 9; level++) {
      const walk = ref.walkContainer(writeContainer(many, schema, { codec: 'deflate', level }));
      expect(hex(concat(...walk.blocks.map((b) => zlib.inflateRawSync(b.data))))).toBe(hex(raw));
      if (level === 0) expect(walk.blocks.reduce((n, b) => n + b.size, 0)).toBeGreaterThanOrEqual(raw.length);
      if (level === 9) expect(walk.blocks.reduce((n, b) => n + b.size, 0)).toBeLessThan(raw.length / 2);
    }
  });

  test('the schema may be JSON text, an object or a Type', () => {
    const expected = values.map((v) => ref.expectedFromInput(schema, v));
    const type = Type.forSchema(schema);
    for (const s of [JSON.stringify(schema), schema, type]) {
      const back = readContainer(writeContainer(values, s, { codec: 'deflate' }), READ);
      expect(back.records.map(ref.normalize)).toEqual(expected);
    }
    const prim = readContainer(writeContainer([1, -1, 2 ** 31 - 1], 'int'), READ);
    expect(prim.records).toEqual([1, -1, 2 ** 31 - 1]);
  });

  test('read options apply: maps as Map, unions wrapped', () => {
    const s = {
      type: 'record',
      name: 'M',
      fields: [{ name: 'm', type: { type: 'map', values: ['null', 'int', 'string'] } }],
    };
    const bytes = writeContainer([{ m: { a: 1, b: 'x', c: null } }], s);
    const asMap = readContainer(bytes, { maps: 'Map', wrapUnions: 'always' }).records[0].m;
    expect(asMap).toBeInstanceOf(Map);
    expect([...asMap.entries()]).toEqual([
      ['a', { int: 1 }],
      ['b', { string: 'x' }],
      ['c', null],
    ]);
  });

  test('invalid records and unknown codecs are rejected with an AvroError; the module keeps working', () => {
    let error = thrown(() => writeContainer([{ id: 'not a long', tag: null }], schema));
    expect(error).toBeInstanceOf(AvroError);
    error = thrown(() => writeContainer([{ id: 1, tag: 5 }], schema, { codec: 'deflate' }));
    expect(error).toBeInstanceOf(AvroError);
    error = thrown(() => writeContainer(values, schema, { codec: 'lz5-nonexistent' }));
    expect(error).toBeInstanceOf(AvroError);
    const back = readContainer(writeContainer(values, schema, { codec: 'zstandard' }), READ);
    expect(back.records).toHaveLength(3);
  });
});
