// A walk over the whole portable API surface (everything but the Node-only
// streams and file helpers), written once and run everywhere the no-eval
// promise matters: Node under --disallow-code-generation-from-strings (both
// bundles, tests/js/noeval.test.cjs) and Chromium under a strict CSP with
// only 'wasm-unsafe-eval' (tests/js/browser.test.cjs). Plain ES module, no
// imports: the caller hands in the package's exports and the test files.
//
// tour(avro, files) throws on the first mismatch ("step: what: got X,
// expected Y") and otherwise returns the names of the steps it completed.

/** The interop files the tour reads, by name → path under the test data directory. */
export const TOUR_FILES = {
  'weather.avro': 'apache-avro/data/weather.avro',
  'weather-deflate.avro': 'apache-avro/data/weather-deflate.avro',
  'weather-snappy.avro': 'apache-avro/data/weather-snappy.avro',
  'weather-zstd.avro': 'apache-avro/data/weather-zstd.avro',
  'alltypes_plain.avro': 'arrow-testing/data/alltypes_plain.avro',
  'alltypes_plain.bzip2.avro': 'arrow-testing/data/alltypes_plain.bzip2.avro',
  'alltypes_plain.xz.avro': 'arrow-testing/data/alltypes_plain.xz.avro',
  'alltypes_plain.zstandard.avro': 'arrow-testing/data/alltypes_plain.zstandard.avro',
};

export const TOUR_STEPS = [
  'eval is blocked here',
  'primitives',
  'complex types',
  'logical types',
  'JSON encoding',
  'value operations',
  'schemas and fingerprints',
  'errors',
  'containers, every codec',
  'interop files, every codec',
  'incremental encoder and decoder',
  'append',
  'streaming readers',
  'Web streams',
  'schema resolution',
  'compatibility',
  'single-object framing',
  'Confluent framing',
];

const CODECS = ['null', 'deflate', 'snappy', 'zstandard', 'bzip2', 'xz'];

const WEATHER = [
  { station: '011990-99999', time: -619524000000, temp: 0 },
  { station: '011990-99999', time: -619506000000, temp: 22 },
  { station: '011990-99999', time: -619484400000, temp: -11 },
  { station: '012650-99999', time: -655531200000, temp: 111 },
  { station: '012650-99999', time: -655509600000, temp: 78 },
];

/** JSON text that keeps bigints, bytes, dates, Maps and -0/NaN apart. */
export function show(value) {
  return JSON.stringify(value, function replace(key, x) {
    const raw = this[key];
    if (typeof raw === 'bigint') return { bigint: String(raw) };
    if (raw instanceof Uint8Array) return { bytes: Array.from(raw) };
    if (raw instanceof Date) return { date: raw.toISOString(), ctor: raw.constructor.name };
    if (raw instanceof Map) return { map: [...raw] };
    if (typeof raw === 'number' && (Object.is(raw, -0) || !Number.isFinite(raw))) {
      return { number: Object.is(raw, -0) ? '-0' : String(raw) };
    }
    return x;
  });
}

function equal(actual, expected, what) {
  const a = show(actual);
  const b = show(expected);
  if (a !== b) throw new Error(`${what}: got ${a}, expected ${b}`);
}

function ok(condition, what) {
  if (!condition) throw new Error(what);
}

function throwsAvro(avro, fn, { name, code }, what) {
  try {
    fn();
  } catch (error) {
    ok(error instanceof avro.AvroError, `${what}: threw a non-AvroError ${error}`);
    if (name) equal(error.name, name, `${what}: error class`);
    if (code) equal(error.code, code, `${what}: error code`);
    return error;
  }
  throw new Error(`${what}: did not throw`);
}

async function rejectsAvro(avro, promise, { name, code }, what) {
  try {
    await promise;
  } catch (error) {
    ok(error instanceof avro.AvroError, `${what}: rejected with a non-AvroError ${error}`);
    if (name) equal(error.name, name, `${what}: error class`);
    if (code) equal(error.code, code, `${what}: error code`);
    return error;
  }
  throw new Error(`${what}: did not reject`);
}

const concat = (parts) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
};

async function collect(iterable) {
  const out = [];
  for await (const item of iterable) out.push(item);
  return out;
}

async function* inChunks(bytes, size) {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

export async function tour(avro, files) {
  const steps = [];
  const step = async (name, fn) => {
    try {
      await fn();
    } catch (error) {
      throw new Error(`${name}: ${error && error.stack ? error.stack : error}`);
    }
    steps.push(name);
  };
  const roundTrip = (type, value, what, expected = value) =>
    equal(type.fromBuffer(type.toBuffer(value)), expected, what);
  const { Type } = avro;

  await step('eval is blocked here', () => {
    // The point of running the tour: the runtime must refuse code from strings.
    let blocked = false;
    try {
      // eslint-disable-next-line no-new-func
      new Function('return 1')();
    } catch {
      blocked = true;
    }
    ok(blocked, 'new Function worked: this runtime allows code generation from strings');
  });

  await step('primitives', () => {
    roundTrip(Type.forSchema('null'), null, 'null');
    roundTrip(Type.forSchema('boolean'), true, 'boolean');
    roundTrip(Type.forSchema('int'), -2147483648, 'int');
    roundTrip(Type.forSchema('long'), Number.MAX_SAFE_INTEGER, 'long as number');
    roundTrip(Type.forSchema('long'), -(2n ** 63n), 'long beyond 2^53');
    roundTrip(Type.forSchema('long', { longs: 'bigint' }), 5n, 'longs: bigint');
    roundTrip(Type.forSchema('float'), 1.5, 'float');
    roundTrip(Type.forSchema('double'), -0, 'double -0');
    roundTrip(Type.forSchema('bytes'), new Uint8Array([0, 255]), 'bytes');
    roundTrip(Type.forSchema('string'), 'ünïcødé 😀', 'string');
    equal(Array.from(Type.forSchema('int').toBuffer(64)), [0x80, 0x01], 'zigzag varint');
  });

  await step('complex types', () => {
    const node = Type.forSchema({
      type: 'record',
      name: 'Node',
      namespace: 'tour',
      fields: [
        { name: 'label', type: 'string' },
        { name: 'kind', type: { type: 'enum', name: 'Kind', symbols: ['LEAF', 'BRANCH'] } },
        { name: 'id', type: { type: 'fixed', name: 'Id', size: 2 } },
        { name: 'tags', type: { type: 'array', items: 'string' } },
        { name: 'weights', type: { type: 'map', values: 'double' } },
        { name: 'note', type: ['null', 'string'], default: null },
        { name: 'count', type: ['int', 'long'] },
        { name: 'next', type: ['null', 'Node'], default: null },
      ],
    });
    const value = {
      label: 'root',
      kind: 'BRANCH',
      id: new Uint8Array([1, 2]),
      tags: ['a', 'b'],
      weights: { x: 0.5 },
      note: 'hi',
      count: { long: 2n ** 60n },
      next: {
        label: 'leaf',
        kind: 'LEAF',
        id: new Uint8Array([3, 4]),
        tags: [],
        weights: {},
        note: null,
        count: { int: 1 },
        next: null,
      },
    };
    roundTrip(node, value, 'recursive record with every complex type');
    const withMaps = Type.forSchema(node.schema(), { maps: 'Map' });
    equal(withMaps.fromBuffer(node.toBuffer(value)).weights, new Map([['x', 0.5]]), "maps: 'Map'");
    const wrapped = Type.forSchema(['null', 'string'], { wrapUnions: 'always' });
    equal(wrapped.fromBuffer(wrapped.toBuffer({ string: 's' })), { string: 's' }, "wrapUnions: 'always'");
    const bytes = node.toBuffer(value);
    const twice = concat([bytes, bytes]);
    const first = node.decode(twice, 0);
    equal(first.offset, bytes.length, 'decode offset');
    equal(node.decode(twice, first.offset).value.label, 'root', 'decode at an offset');
    equal(node.decode(bytes.subarray(0, 3)).offset, -1, 'decode of too few bytes');
  });

  await step('logical types', () => {
    const type = Type.forSchema({
      type: 'record',
      name: 'Logical',
      fields: [
        { name: 'price', type: { type: 'bytes', logicalType: 'decimal', precision: 10, scale: 2 } },
        {
          name: 'fixedPrice',
          type: { type: 'fixed', name: 'F', size: 8, logicalType: 'decimal', precision: 18, scale: 3 },
        },
        { name: 'id', type: { type: 'string', logicalType: 'uuid' } },
        { name: 'day', type: { type: 'int', logicalType: 'date' } },
        { name: 'at', type: { type: 'long', logicalType: 'timestamp-millis' } },
        { name: 'atMicros', type: { type: 'long', logicalType: 'timestamp-micros' } },
        { name: 'span', type: { type: 'fixed', name: 'D', size: 12, logicalType: 'duration' } },
      ],
    });
    const value = {
      price: '-123.45',
      fixedPrice: '900719925474099.312',
      id: '123e4567-e89b-12d3-a456-426614174000',
      day: new Date(Date.UTC(2024, 1, 29)),
      at: new Date(1700000000123),
      atMicros: new avro.PreciseDate(1700000000123, 456000),
      span: { months: 1, days: 2, milliseconds: 3 },
    };
    const decoded = type.fromBuffer(type.toBuffer(value));
    equal(decoded, value, 'logical values');
    ok(decoded.atMicros instanceof avro.PreciseDate, 'timestamp-micros decodes to PreciseDate');
    equal(decoded.atMicros.toISOString(), '2023-11-14T22:13:20.123456Z', 'PreciseDate keeps microseconds');
    const raw = Type.forSchema(type.schema(), { logicalTypes: false });
    equal(typeof raw.fromBuffer(type.toBuffer(value)).day, 'number', 'logicalTypes: false');
  });

  await step('JSON encoding', () => {
    const type = Type.forSchema({
      type: 'record',
      name: 'J',
      fields: [
        { name: 'u', type: ['null', 'string'] },
        { name: 'b', type: 'bytes' },
        { name: 'd', type: 'double' },
      ],
    });
    const text = type.toString({ u: 'x', b: new Uint8Array([0, 255]), d: NaN });
    equal(text, '{"u":{"string":"x"},"b":"\\u0000ÿ","d":"NaN"}', 'Avro JSON text');
    equal(type.fromString(text), { u: 'x', b: new Uint8Array([0, 255]), d: NaN }, 'fromString');
  });

  await step('value operations', () => {
    const inferred = Type.forValue({ a: 1, b: 'x', c: [1.5] });
    equal(
      inferred.schema().fields.map((field) => field.name),
      ['a', 'b', 'c'],
      'Type.forValue',
    );
    roundTrip(inferred, { a: 2, b: 'y', c: [] }, 'inferred type');
    const type = Type.forSchema({
      type: 'record',
      name: 'V',
      fields: [
        { name: 'n', type: 'int' },
        { name: 's', type: 'string' },
      ],
    });
    equal(type.clone({ n: 1, s: 'a' }), { n: 1, s: 'a' }, 'clone');
    equal(type.compare({ n: 1, s: 'a' }, { n: 2, s: 'a' }), -1, 'compare');
    equal(type.equals({ n: 1, s: 'a' }, { n: 1, s: 'a' }), true, 'equals');
    equal(type.compareBuffers(type.toBuffer({ n: 3, s: '' }), type.toBuffer({ n: 1, s: '' })), 1, 'compareBuffers');
    const random = type.random({ seed: 1 });
    ok(type.isValid(random) && type.equals(random, type.random({ seed: 1 })), 'seeded random');
    const values = [
      { n: 1, s: 'a' },
      { n: 2, s: 'b' },
    ];
    equal(type.fromBuffers(type.toBuffers(values)), values, 'toBuffers / fromBuffers');
  });

  await step('schemas and fingerprints', () => {
    const type = Type.forSchema('{"type":"record","name":"a.b.R","doc":"d","fields":[{"name":"f","type":"int"}]}');
    equal(
      type.canonicalForm(),
      '{"name":"a.b.R","type":"record","fields":[{"name":"f","type":"int"}]}',
      'canonical form',
    );
    equal(type.schema({ canonical: true }), JSON.parse(type.canonicalForm()), 'schema({ canonical })');
    equal(type.schema().doc, 'd', 'schema() keeps docs');
    equal(type.fingerprint().length, 8, 'CRC-64-AVRO size');
    equal(type.fingerprint('MD5').length, 16, 'MD5 size');
    equal(type.fingerprint('SHA-256').length, 32, 'SHA-256 size');
    // The CRC-64-AVRO fingerprint of "int" from the spec's test vectors (little endian).
    equal(
      Array.from(Type.forSchema('int').fingerprint('CRC-64-AVRO')),
      [0x8f, 0x5c, 0x39, 0x3f, 0x1a, 0xd5, 0x75, 0x72],
      'fingerprint of "int"',
    );
    const paths = [];
    equal(type.isValid({ f: 'no' }, { errorHook: (path) => paths.push(path) }), false, 'isValid');
    equal(paths, [['f']], 'errorHook path');
    const disposable = Type.forSchema('string');
    disposable[Symbol.dispose]();
    Type.forSchema('string').dispose();
  });

  await step('errors', () => {
    throwsAvro(
      avro,
      () => Type.forSchema({ type: 'nope' }),
      { name: 'SchemaError', code: 'SCHEMA_PARSE' },
      'bad schema',
    );
    const type = Type.forSchema({ type: 'record', name: 'E', fields: [{ name: 'n', type: 'string' }] });
    const truncated = throwsAvro(
      avro,
      () => type.fromBuffer(new Uint8Array([20, 65])),
      { name: 'DecodeError' },
      'short datum',
    );
    equal(truncated.code, 'TRUNCATED', 'short datum code');
    throwsAvro(avro, () => type.fromBuffer(new Uint8Array([2, 0xff])), { code: 'INVALID_UTF8' }, 'invalid UTF-8');
    throwsAvro(avro, () => type.toBuffer({ n: 1 }), { name: 'ValueError' }, 'bad value');
    // The module keeps working after errors.
    roundTrip(type, { n: 'still fine' }, 'after errors');
  });

  const sample = Type.forSchema({
    type: 'record',
    name: 'Row',
    fields: [
      { name: 'i', type: 'int' },
      { name: 's', type: 'string' },
      { name: 'b', type: 'bytes' },
    ],
  });
  const rows = Array.from({ length: 300 }, (_, i) => ({
    i,
    s: `row ${i} `.repeat(i % 7),
    b: new Uint8Array([i & 255]),
  }));

  await step('containers, every codec', () => {
    for (const codec of CODECS) {
      const bytes = avro.writeContainer(rows, sample, { codec, blockSize: 1024, metadata: { origin: 'tour' } });
      const file = avro.readContainer(bytes);
      equal(file.codec, codec, `${codec}: codec`);
      equal(file.records, rows, `${codec}: records`);
      ok(file.blockCount > 1, `${codec}: several blocks`);
      equal(new TextDecoder().decode(file.metadata.origin), 'tour', `${codec}: metadata`);
      equal(file.schema.name, 'Row', `${codec}: schema`);
    }
    const broken = avro.writeContainer(rows, sample, { codec: 'deflate', blockSize: 1024 });
    const partial = avro.readContainer(broken.subarray(0, broken.length - 40), { bestEffort: true });
    ok(
      partial.records.length > 0 && partial.records.length < rows.length,
      'bestEffort keeps the records before the error',
    );
    ok(partial.error instanceof avro.DecodeError, 'bestEffort reports the error');
  });

  await step('interop files, every codec', () => {
    for (const name of ['weather.avro', 'weather-deflate.avro', 'weather-snappy.avro', 'weather-zstd.avro']) {
      equal(avro.readContainer(files[name]).records, WEATHER, name);
    }
    const expected = avro.readContainer(files['alltypes_plain.avro']).records;
    equal(expected.length, 8, 'alltypes_plain records');
    for (const name of ['alltypes_plain.bzip2.avro', 'alltypes_plain.xz.avro', 'alltypes_plain.zstandard.avro']) {
      equal(avro.readContainer(files[name]).records, expected, name);
    }
  });

  await step('incremental encoder and decoder', () => {
    const encoder = new avro.ContainerEncoder(sample, { codec: 'snappy', blockSize: 512 });
    const parts = [encoder.write(rows[0]), encoder.writeMany(rows.slice(1, 200)), encoder.flush()];
    parts.push(encoder.writeMany(rows.slice(200)), encoder.end());
    encoder.dispose();
    const bytes = concat(parts);
    const decoder = new avro.ContainerDecoder();
    const records = [];
    for (let i = 0; i < bytes.length; i += 7) {
      decoder.push(bytes.subarray(i, i + 7));
      for (let block; (block = decoder.nextBlock()) !== null;) records.push(...block.records);
    }
    decoder.end();
    for (let block; (block = decoder.nextBlock()) !== null;) records.push(...block.records);
    ok(decoder.done, 'decoder done');
    equal(decoder.header.codec, 'snappy', 'decoder header');
    decoder.dispose();
    equal(records, rows, 'records through 7-byte chunks');
    equal(avro.readHeader(bytes.subarray(0, 2048)).codec, 'snappy', 'readHeader from the first bytes');
  });

  await step('append', () => {
    const first = avro.writeContainer(rows.slice(0, 10), sample, { codec: 'xz' });
    const both = avro.appendContainer(first, rows.slice(10, 20));
    equal(avro.readContainer(both).records, rows.slice(0, 20), 'appended records');
    equal(
      Array.from(avro.readHeader(both).syncMarker),
      Array.from(avro.readHeader(first).syncMarker),
      'same sync marker',
    );
  });

  await step('streaming readers', async () => {
    const bytes = avro.writeContainer(rows, sample, { codec: 'zstandard', blockSize: 2048 });
    equal(await collect(avro.readRecords(bytes)), rows, 'readRecords(bytes)');
    const blocks = await collect(avro.readBlocks(inChunks(bytes, 333)));
    ok(blocks.length > 1, 'readBlocks yields several blocks');
    equal(blocks[0].header.codec, 'zstandard', 'block header');
    equal(
      blocks.reduce((n, block) => n + block.count, 0),
      rows.length,
      'block counts',
    );
    const blob = new Blob([bytes.subarray(0, 100), bytes.subarray(100)]);
    equal(await collect(avro.readRecords(blob)), rows, 'readRecords(Blob)');
    equal(await collect(avro.readRecords(blob.stream())), rows, 'readRecords(Blob.stream())');
    equal(await collect(avro.readRecords(files['weather-snappy.avro'])), WEATHER, 'readRecords(interop file)');
  });

  await step('Web streams', async () => {
    const encoded = new ReadableStream({
      start(controller) {
        for (const row of rows) controller.enqueue(row);
        controller.close();
      },
    }).pipeThrough(avro.createEncoderStream(sample, { codec: 'deflate', blockSize: 4096 }));
    const bytes = concat(await collect(streamIterable(encoded)));
    equal(avro.readContainer(bytes).records, rows, 'createEncoderStream output');
    const decoded = new Blob([bytes]).stream().pipeThrough(avro.createDecoderStream());
    equal(await collect(streamIterable(decoded)), rows, 'createDecoderStream output');
  });

  await step('schema resolution', () => {
    const v1 = Type.forSchema({ type: 'record', name: 'User', fields: [{ name: 'id', type: 'int' }] });
    const v2 = Type.forSchema({
      type: 'record',
      name: 'User',
      fields: [
        { name: 'id', type: 'long' },
        { name: 'plan', type: 'string', default: 'free' },
      ],
    });
    const resolver = v2.createResolver(v1);
    equal(v2.fromBuffer(v1.toBuffer({ id: 7 }), resolver), { id: 7, plan: 'free' }, 'resolved datum');
    const file = avro.writeContainer([{ id: 1 }, { id: 2 }], v1, { codec: 'bzip2' });
    equal(avro.readContainer(file, { readerSchema: v2 }).records[1], { id: 2, plan: 'free' }, 'container readerSchema');
    throwsAvro(avro, () => v1.createResolver(v2), { name: 'ResolutionError', code: 'INCOMPATIBLE' }, 'long → int');
  });

  await step('compatibility', () => {
    const v1 = { type: 'record', name: 'User', fields: [{ name: 'id', type: 'int' }] };
    const v2 = {
      type: 'record',
      name: 'User',
      fields: [
        { name: 'id', type: 'int' },
        { name: 'x', type: 'string' },
      ],
    };
    equal(avro.checkCompatibility(v1, v2), [], 'reader drops a field');
    equal(
      avro.checkCompatibility(v2, v1).map((issue) => issue.kind),
      ['READER_FIELD_MISSING_DEFAULT_VALUE'],
      'reader adds a field without default',
    );
    equal(avro.checkCompatibilityMode(v2, [v1], 'BACKWARD').compatible, false, 'BACKWARD');
    equal(avro.checkCompatibilityMode(v2, [v1], 'forward').compatible, true, 'forward');
  });

  await step('single-object framing', () => {
    const type = Type.forSchema({ type: 'record', name: 'Msg', fields: [{ name: 'text', type: 'string' }] });
    const frame = avro.encodeSingleObject(type, { text: 'hello' });
    equal(Array.from(frame.subarray(0, 2)), [0xc3, 0x01], 'marker');
    ok(avro.isSingleObject(frame), 'isSingleObject');
    equal(Array.from(avro.singleObjectFingerprint(frame)), Array.from(type.fingerprint()), 'fingerprint');
    const store = new avro.SchemaStore([type]);
    equal(avro.decodeSingleObject(frame, store), { text: 'hello' }, 'decode through a store');
    const unknown = throwsAvro(
      avro,
      () => avro.decodeSingleObject(frame, new avro.SchemaStore()),
      { name: 'UnsupportedError', code: 'UNSUPPORTED' },
      'unknown fingerprint',
    );
    equal(unknown.fingerprint.length, 16, 'fingerprint on the error');
  });

  await step('Confluent framing', async () => {
    const v1 = Type.forSchema({ type: 'record', name: 'Msg', fields: [{ name: 'text', type: 'string' }] });
    const frame = avro.encodeConfluent(7, v1, { text: 'hi' });
    equal(Array.from(frame.subarray(0, 5)), [0, 0, 0, 0, 7], 'header');
    equal(avro.confluentSchemaId(frame), 7, 'confluentSchemaId');
    const lookups = [];
    const decoder = avro.createConfluentDecoder({
      lookup: async (id) => (lookups.push(id), id === 7 ? v1.schema() : null),
      readerSchema: {
        type: 'record',
        name: 'Msg',
        fields: [
          { name: 'text', type: 'string' },
          { name: 'n', type: 'int', default: 0 },
        ],
      },
    });
    equal(await decoder.decode(frame), { text: 'hi', n: 0 }, 'decode');
    equal(decoder.decodeSync(frame), { text: 'hi', n: 0 }, 'decodeSync once cached');
    equal(
      await decoder.decodeMany([frame, frame]),
      [
        { text: 'hi', n: 0 },
        { text: 'hi', n: 0 },
      ],
      'decodeMany',
    );
    equal(lookups, [7], 'one lookup per schema id');
    const missing = await rejectsAvro(
      avro,
      decoder.decode(avro.encodeConfluent(8, v1, { text: '' })),
      { name: 'UnsupportedError', code: 'UNSUPPORTED' },
      'unknown schema id',
    );
    equal(missing.schemaId, 8, 'schemaId on the error');
  });

  return steps;
}

// Web ReadableStreams are async iterable in Node and Firefox but not in every
// Chromium; read them the portable way.
async function* streamIterable(stream) {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}
