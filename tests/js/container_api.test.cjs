// The container API surface: every source kind, chunking, Node and Web
// streams, the incremental encoder, appending, metadata and sync markers,
// and errors (with best-effort records). Values are checked against the
// records written or against apache-avro/data/weather.json; byte layouts
// against the spec's container format, decoded by hand here.
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { Readable, Writable } = require('node:stream');
const { pipeline } = require('node:stream/promises');
const avro = require('../../dist/index.cjs');
const { testWithData, readTestdata, zigzagVarint, hex, thrown } = require('./helpers.cjs');

const SCHEMA = {
  type: 'record',
  name: 'Event',
  namespace: 'test.container',
  fields: [
    { name: 'id', type: 'long' },
    { name: 'name', type: 'string' },
    { name: 'score', type: ['null', 'double'] },
    { name: 'tags', type: { type: 'array', items: 'string' } },
    { name: 'at', type: { type: 'long', logicalType: 'timestamp-millis' } },
  ],
};
const CODECS = ['null', 'deflate', 'snappy', 'zstandard', 'bzip2', 'xz'];
const SYNC = Uint8Array.from({ length: 16 }, (_, i) => 0xf0 ^ i);

function events(n, seed = 1) {
  const out = [];
  for (let i = 0; i < n; i++) {
    out.push({
      id: i * 7919 + seed,
      name: `event-${i}-${'é'.repeat(i % 4)}`,
      score: i % 3 === 0 ? null : i / 8,
      tags: Array.from({ length: i % 5 }, (_, j) => `t${j}`),
      at: new Date(1700000000000 + i * 1000),
    });
  }
  return out;
}

const WEATHER = () =>
  readTestdata('apache-avro/data/weather.json', 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));

// Walks a container file by hand (spec layout) and returns its blocks.
function walkBlocks(bytes, headerSize) {
  const blocks = [];
  let pos = headerSize;
  const readLong = () => {
    let shift = 0n;
    let value = 0n;
    for (;;) {
      const b = BigInt(bytes[pos++]);
      value |= (b & 0x7fn) << shift;
      if ((b & 0x80n) === 0n) break;
      shift += 7n;
    }
    return Number((value >> 1n) ^ -(value & 1n));
  };
  while (pos < bytes.length) {
    const count = readLong();
    const size = readLong();
    blocks.push({ count, size });
    pos += size + 16;
  }
  return blocks;
}

describe('writeContainer / readContainer', () => {
  test.each(CODECS)('round trip with codec %s', (codec) => {
    const records = events(500);
    const bytes = avro.writeContainer(records, SCHEMA, { codec, blockSize: 2000, syncMarker: SYNC });
    const result = avro.readContainer(bytes);
    expect(result.codec).toBe(codec);
    expect(result.records).toEqual(records);
    expect(result.syncMarker).toEqual(SYNC);
    expect(result.blockCount).toBeGreaterThan(3);
    expect(new TextDecoder().decode(result.metadata['avro.codec'])).toBe(codec);
    expect(avro.Type.forSchema(result.schema).canonicalForm()).toBe(avro.Type.forSchema(SCHEMA).canonicalForm());
  });

  test('the layout follows the spec: magic, header map, blocks ending in the sync marker', () => {
    const bytes = avro.writeContainer(events(10), SCHEMA, { syncMarker: SYNC, blockSize: 1 });
    expect(Array.from(bytes.subarray(0, 4))).toEqual([0x4f, 0x62, 0x6a, 0x01]);
    const header = avro.readHeader(bytes);
    expect(hex(bytes.subarray(header.size - 16, header.size))).toBe(hex(SYNC));
    const blocks = walkBlocks(bytes, header.size);
    expect(blocks.map((b) => b.count)).toEqual(Array(10).fill(1)); // blockSize 1: a block per record
    expect(hex(bytes.subarray(bytes.length - 16))).toBe(hex(SYNC));
  });

  test('an empty file is a header and no blocks', () => {
    const bytes = avro.writeContainer([], SCHEMA, { codec: 'deflate' });
    const result = avro.readContainer(bytes);
    expect(result.records).toEqual([]);
    expect(result.blockCount).toBe(0);
    expect(avro.readHeader(bytes).size).toBe(bytes.length);
  });

  test('user metadata round-trips as bytes; strings are UTF-8', () => {
    const bytes = avro.writeContainer([], 'int', {
      metadata: { 'user.text': 'héllo', 'user.bin': Uint8Array.of(0, 255, 7) },
    });
    const { metadata } = avro.readContainer(bytes);
    expect(new TextDecoder().decode(metadata['user.text'])).toBe('héllo');
    expect(Array.from(metadata['user.bin'])).toEqual([0, 255, 7]);
    expect(Object.keys(metadata)).toEqual(['avro.schema', 'avro.codec', 'user.text', 'user.bin']);
  });

  test('random sync markers differ between files', () => {
    const a = avro.readContainer(avro.writeContainer([1], 'int')).syncMarker;
    const b = avro.readContainer(avro.writeContainer([1], 'int')).syncMarker;
    expect(hex(a)).not.toBe(hex(b));
  });

  test('compression levels are selectable and checked', () => {
    const records = events(2000);
    const fast = avro.writeContainer(records, SCHEMA, { codec: 'deflate', level: 1 });
    const best = avro.writeContainer(records, SCHEMA, { codec: 'deflate', level: 9 });
    expect(best.length).toBeLessThan(fast.length);
    expect(avro.readContainer(best).records).toEqual(records);
    expect(thrown(() => avro.writeContainer(records, SCHEMA, { codec: 'deflate', level: 99 })).code).toBe(
      'INVALID_VALUE',
    );
    expect(thrown(() => avro.writeContainer(records, SCHEMA, { codec: 'lz4' })).code).toBe('UNSUPPORTED');
  });

  test('a bad record names its index and field', () => {
    const records = events(300);
    records[277].tags = ['ok', 5];
    const error = thrown(() => avro.writeContainer(records, SCHEMA));
    expect(error).toBeInstanceOf(avro.ValueError);
    expect(error.path).toBe('[277].tags[1]');
  });

  test('reserved metadata keys are refused', () => {
    const error = thrown(() => avro.writeContainer([], 'int', { metadata: { 'avro.codec': 'null' } }));
    expect(error.code).toBe('INVALID_VALUE');
  });
});

describe('real files', () => {
  for (const name of ['weather', 'weather-deflate', 'weather-snappy', 'weather-zstd']) {
    testWithData(`${name}.avro matches weather.json`, [`apache-avro/data/${name}.avro`], () => {
      const result = avro.readContainer(readTestdata(`apache-avro/data/${name}.avro`));
      expect(result.records).toEqual(WEATHER());
      expect([result.schema.namespace, result.schema.name]).toEqual(['test', 'Weather']);
    });
  }

  testWithData('best effort keeps the records before a stray trailing byte', ['apache-avro/data/lang-js/person-10.no-codec.avro'], () => {
    const bytes = readTestdata('apache-avro/data/lang-js/person-10.no-codec.avro');
    const error = thrown(() => avro.readContainer(bytes));
    expect(error.code).toBe('TRAILING_DATA');
    expect(error.offset).toBe(bytes.length - 1);
    const result = avro.readContainer(bytes, { bestEffort: true });
    expect(result.records).toHaveLength(10);
    expect(result.error.code).toBe('TRAILING_DATA');
  });

  testWithData('a bad union index fails with the datum path; best effort keeps earlier records', ['apache-avro/data/lang-c/avro-1237-bad-union-discriminant.avro'], () => {
    const bytes = readTestdata('apache-avro/data/lang-c/avro-1237-bad-union-discriminant.avro');
    const result = avro.readContainer(bytes, { bestEffort: true });
    expect(result.error).toBeInstanceOf(avro.DecodeError);
    expect(result.error.code).toBe('INVALID_DATA');
    expect(result.error.message).toMatch(/union/);
    expect(result.error.offset).toBeGreaterThan(0);
    expect(result.records.length).toBeLessThan(2);
  });

  testWithData('the legacy 1.2 format is named in the error', ['apache-avro/data/test.avro12'], () => {
    const error = thrown(() => avro.readContainer(readTestdata('apache-avro/data/test.avro12')));
    expect(error.code).toBe('INVALID_DATA');
    expect(error.message).toMatch(/1\.2/);
  });
});

describe('incremental decoding', () => {
  const records = events(400);
  const bytes = avro.writeContainer(records, SCHEMA, { codec: 'snappy', blockSize: 1500 });

  test.each([1, 3, 64, 1000, 1 << 20])('chunks of %i bytes give the same records', (size) => {
    const decoder = new avro.ContainerDecoder();
    const out = [];
    for (let i = 0; i < bytes.length; i += size) {
      decoder.push(bytes.subarray(i, i + size));
      for (let block; (block = decoder.nextBlock()); ) out.push(...block.records);
    }
    decoder.end();
    for (let block; (block = decoder.nextBlock()); ) out.push(...block.records);
    expect(decoder.done).toBe(true);
    expect(out).toEqual(records);
    expect(decoder.header.codec).toBe('snappy');
    decoder.dispose();
  });

  test('a truncated stream fails at end(), after delivering the complete blocks', () => {
    const decoder = new avro.ContainerDecoder();
    decoder.push(bytes.subarray(0, bytes.length - 10));
    const out = [];
    for (let block; (block = decoder.nextBlock()); ) out.push(...block.records);
    decoder.end();
    const error = thrown(() => decoder.nextBlock());
    expect(error.code).toBe('TRUNCATED');
    expect(out.length).toBeGreaterThan(300);
    expect(out).toEqual(records.slice(0, out.length));
    expect(thrown(() => decoder.nextBlock())).toBe(error); // errors are sticky
    decoder.dispose();
  });
});

describe('sources for readRecords / readBlocks', () => {
  const records = events(300);
  const bytes = avro.writeContainer(records, SCHEMA, { codec: 'deflate', blockSize: 1000 });
  const chunks = () => Array.from({ length: Math.ceil(bytes.length / 777) }, (_, i) => bytes.subarray(i * 777, (i + 1) * 777));

  const collect = async (iterable) => {
    const out = [];
    for await (const record of iterable) out.push(record);
    return out;
  };

  test('Uint8Array and ArrayBuffer', async () => {
    expect(await collect(avro.readRecords(bytes))).toEqual(records);
    expect(await collect(avro.readRecords(bytes.slice().buffer))).toEqual(records);
  });

  test('Blob', async () => {
    expect(await collect(avro.readRecords(new Blob(chunks())))).toEqual(records);
  });

  test('Web ReadableStream', async () => {
    const parts = chunks();
    const stream = new ReadableStream({
      pull(controller) {
        if (parts.length) controller.enqueue(parts.shift());
        else controller.close();
      },
    });
    expect(await collect(avro.readRecords(stream))).toEqual(records);
  });

  test('Node Readable and async generators', async () => {
    expect(await collect(avro.readRecords(Readable.from(chunks())))).toEqual(records);
    async function* generate() {
      yield* chunks();
    }
    expect(await collect(avro.readRecords(generate()))).toEqual(records);
  });

  test('a file path', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'avro-wasm-')), 'events.avro');
    fs.writeFileSync(file, bytes);
    expect(await collect(avro.readRecords(file))).toEqual(records);
  });

  test('blocks carry counts, offsets and the header', async () => {
    const blocks = await collect(avro.readBlocks(bytes));
    const header = avro.readHeader(bytes);
    expect(blocks.map((b) => ({ count: b.count, size: b.size }))).toEqual(walkBlocks(bytes, header.size));
    expect(blocks[0].offset).toBe(header.size);
    expect(blocks[0].header.codec).toBe('deflate');
    expect(blocks.flatMap((b) => b.records)).toEqual(records);
  });

  test('an error ends the iteration after the good records', async () => {
    const broken = bytes.slice(0, bytes.length - 5);
    const out = [];
    await expect(
      (async () => {
        for await (const record of avro.readRecords(broken)) out.push(record);
      })(),
    ).rejects.toMatchObject({ code: 'TRUNCATED' });
    expect(out).toEqual(records.slice(0, out.length));
    expect(out.length).toBeGreaterThan(0);
  });

  test('unsupported sources are refused clearly', async () => {
    await expect(collect(avro.readRecords(42))).rejects.toMatchObject({ code: 'INVALID_VALUE' });
  });
});

describe('streams', () => {
  const records = events(1000);

  test('Node BlockEncoder -> BlockDecoder', async () => {
    const out = [];
    let metadata;
    const decoder = new avro.BlockDecoder();
    decoder.on('metadata', (type, codec, header) => (metadata = { type, codec, header }));
    await pipeline(
      Readable.from(records),
      new avro.BlockEncoder(SCHEMA, { codec: 'zstandard', blockSize: 4096 }),
      decoder,
      new Writable({
        objectMode: true,
        write(record, encoding, callback) {
          out.push(record);
          callback();
        },
      }),
    );
    expect(out).toEqual(records);
    expect(metadata.codec).toBe('zstandard');
    expect(metadata.type.name).toBe('test.container.Event');
  });

  test('createFileEncoder / createFileDecoder / appendToFile', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'avro-wasm-')), 'events.avro');
    const encoder = avro.createFileEncoder(file, SCHEMA, { codec: 'deflate' });
    const finished = new Promise((resolve, reject) => {
      encoder.on('error', reject);
      encoder.on('unpipe', resolve); // the file stream has taken everything
    });
    await pipeline(Readable.from(records.slice(0, 600)), encoder);
    await finished;
    await new Promise((resolve) => setTimeout(resolve, 50));
    avro.appendToFile(file, records.slice(600));
    const out = [];
    await pipeline(
      avro.createFileDecoder(file),
      new Writable({
        objectMode: true,
        write(record, encoding, callback) {
          out.push(record);
          callback();
        },
      }),
    );
    expect(out).toEqual(records);
    expect(avro.readHeader(fs.readFileSync(file)).codec).toBe('deflate');
  });

  test('Web TransformStreams both ways', async () => {
    const queue = records.slice();
    const source = new ReadableStream({
      pull(controller) {
        if (queue.length) controller.enqueue(queue.shift());
        else controller.close();
      },
    });
    const bytes = await new Response(
      source.pipeThrough(avro.createEncoderStream(SCHEMA, { codec: 'bzip2', blockSize: 5000 })),
    ).arrayBuffer();
    const out = [];
    const decoded = new Blob([bytes]).stream().pipeThrough(avro.createDecoderStream());
    for await (const record of decoded) out.push(record);
    expect(out).toEqual(records);
  });
});

describe('ContainerEncoder', () => {
  test('write() batches records; flush() ends a block; end() finishes', () => {
    const encoder = new avro.ContainerEncoder('long', { syncMarker: SYNC });
    const parts = [];
    for (let i = 0; i < 10; i++) parts.push(encoder.write(i));
    parts.push(encoder.flush());
    for (let i = 10; i < 15; i++) parts.push(encoder.write(i));
    parts.push(encoder.end());
    const bytes = Buffer.concat(parts);
    const header = avro.readHeader(bytes);
    expect(walkBlocks(bytes, header.size).map((b) => b.count)).toEqual([10, 5]);
    expect(avro.readContainer(bytes).records).toEqual(Array.from({ length: 15 }, (_, i) => i));
    expect(encoder.end()).toHaveLength(0);
  });

  test('appendContainer keeps schema, codec and sync marker', () => {
    const first = avro.writeContainer([1, 2], 'int', { codec: 'snappy', syncMarker: SYNC });
    const both = avro.appendContainer(first, [3, 4, 5]);
    expect(Buffer.from(both.subarray(0, first.length)).equals(Buffer.from(first))).toBe(true);
    const result = avro.readContainer(both);
    expect(result.records).toEqual([1, 2, 3, 4, 5]);
    expect(result.blockCount).toBe(2);
    expect(hex(result.syncMarker)).toBe(hex(SYNC));
  });

  test('the module keeps working after encoder and decoder errors', () => {
    for (let i = 0; i < 50; i++) {
      thrown(() => avro.writeContainer([{ id: 'x' }], SCHEMA));
      thrown(() => avro.readContainer(Uint8Array.of(1, 2, 3)));
    }
    const records = events(20);
    expect(avro.readContainer(avro.writeContainer(records, SCHEMA)).records).toEqual(records);
  });
});

describe('limits', () => {
  test('block limits are options', () => {
    const bytes = avro.writeContainer(events(100), SCHEMA, { codec: 'deflate' });
    expect(thrown(() => avro.readContainer(bytes, { maxBlockRecords: 10 })).code).toBe('LIMIT_EXCEEDED');
    expect(thrown(() => avro.readContainer(bytes, { maxDecompressedBlockSize: 100 })).code).toBe('LIMIT_EXCEEDED');
    expect(thrown(() => avro.readContainer(bytes, { maxBlockSize: 100 })).code).toBe('LIMIT_EXCEEDED');
    expect(avro.readContainer(bytes, { maxBlockRecords: 100 }).records).toHaveLength(100);
  });

  test('a count of 2^62 records in a block is refused before any work', () => {
    const header = avro.readHeader(avro.writeContainer([], 'null', { syncMarker: SYNC }));
    const bytes = Buffer.concat([
      Buffer.from(avro.writeContainer([], 'null', { syncMarker: SYNC })),
      Buffer.from(zigzagVarint(2n ** 62n)),
      Buffer.from(zigzagVarint(0)),
      Buffer.from(SYNC),
    ]);
    expect(header.size).toBeGreaterThan(0);
    const start = Date.now();
    expect(thrown(() => avro.readContainer(bytes)).code).toBe('LIMIT_EXCEEDED');
    expect(Date.now() - start).toBeLessThan(1000);
  });
});
