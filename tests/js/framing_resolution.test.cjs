// Message framing with a reader schema: values are resolved from the writer
// schema named by the frame (fingerprint or Confluent id) to the reader's
// (spec "Schema Resolution"), through Type#createResolver, with one resolver
// per writer schema. Frames are built by hand: header bytes written out here,
// fingerprints from helpers.crc64Avro over canonical forms written out here.
'use strict';

const path = require('node:path');
// AVRO_WASM_DIST points the suite at another bundle (e.g. a local build).
const avro = require(process.env.AVRO_WASM_DIST ? path.resolve(process.env.AVRO_WASM_DIST) : '../../dist/index.cjs');
const { testWithData, readTestdata, crc64Avro, concat, zigzagVarint, avroString, thrown } = require('./helpers.cjs');

const { Type, AvroError, DecodeError, ResolutionError, SchemaStore } = avro;
const { decodeSingleObject, createConfluentDecoder } = avro;

// Two writer versions of one record and a reader that differs from both:
// `id` promoted int -> long, `legacy` dropped, `email` filled from its default.
const WRITER_V1 = {
  type: 'record',
  name: 'User',
  namespace: 'test.framing',
  fields: [
    { name: 'id', type: 'int' },
    { name: 'name', type: 'string' },
    { name: 'legacy', type: 'string' },
  ],
};
const WRITER_V1_CANONICAL =
  '{"name":"test.framing.User","type":"record","fields":[{"name":"id","type":"int"},' +
  '{"name":"name","type":"string"},{"name":"legacy","type":"string"}]}';
const WRITER_V2 = {
  type: 'record',
  name: 'User',
  namespace: 'test.framing',
  fields: [
    { name: 'email', type: 'string' },
    { name: 'id', type: 'long' },
    { name: 'name', type: 'string' },
  ],
};
const WRITER_V2_CANONICAL =
  '{"name":"test.framing.User","type":"record","fields":[{"name":"email","type":"string"},' +
  '{"name":"id","type":"long"},{"name":"name","type":"string"}]}';
const READER = {
  type: 'record',
  name: 'User',
  namespace: 'test.framing',
  fields: [
    { name: 'id', type: 'long' },
    { name: 'name', type: 'string' },
    { name: 'email', type: 'string', default: 'n/a' },
  ],
};
// A reader field without a default that neither writer has: no data resolves.
const INCOMPATIBLE = {
  type: 'record',
  name: 'User',
  namespace: 'test.framing',
  fields: [
    { name: 'id', type: 'long' },
    { name: 'phone', type: 'string' },
  ],
};

const v1Datum = (id, name, legacy) => concat(zigzagVarint(id), avroString(name), avroString(legacy));
const v2Datum = (email, id, name) => concat(avroString(email), zigzagVarint(id), avroString(name));

function fingerprintBytes(canonical) {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, crc64Avro(canonical), true);
  return out;
}
const singleObject = (canonical, datum) => concat([0xc3, 0x01], fingerprintBytes(canonical), datum);
const confluent = (id, datum) =>
  concat([0, (id >>> 24) & 0xff, (id >>> 16) & 0xff, (id >>> 8) & 0xff, id & 0xff], datum);

const V1_FRAME = singleObject(WRITER_V1_CANONICAL, v1Datum(7, 'Ada', 'old'));
const V2_FRAME = singleObject(WRITER_V2_CANONICAL, v2Datum('grace@example.com', 2 ** 40, 'Grace'));
const V1_AS_READER = { id: 7, name: 'Ada', email: 'n/a' };
const V2_AS_READER = { id: 2 ** 40, name: 'Grace', email: 'grace@example.com' };

/** A reader Type whose createResolver calls are counted (the real method does the work). */
function spiedReader(schema, options) {
  const type = Type.forSchema(schema, options);
  const original = type.createResolver;
  type.createResolver = jest.fn((writer) => original.call(type, writer));
  return type;
}

function expectError(error, Class, code) {
  expect(error).toBeInstanceOf(AvroError);
  expect(error).toBeInstanceOf(Class);
  expect(error.code).toBe(code);
  return error;
}

async function rejection(promise) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject, but it resolved');
}

// After every test, resolution and plain decoding still work.
afterEach(() => {
  const store = new SchemaStore([WRITER_V1]);
  expect(decodeSingleObject(V1_FRAME, store, { readerSchema: READER })).toEqual(V1_AS_READER);
  expect(decodeSingleObject(V1_FRAME, store)).toEqual({ id: 7, name: 'Ada', legacy: 'old' });
});

describe('single-object encoding with a reader schema', () => {
  test('frames from two writer versions resolve to the reader', () => {
    const store = new SchemaStore([WRITER_V1, WRITER_V2]);
    expect(decodeSingleObject(V1_FRAME, store, { readerSchema: READER })).toEqual(V1_AS_READER);
    expect(decodeSingleObject(V2_FRAME, store, { readerSchema: READER })).toEqual(V2_AS_READER);
    // Without a reader schema each frame decodes as written.
    expect(decodeSingleObject(V2_FRAME, store)).toEqual({ email: 'grace@example.com', id: 2 ** 40, name: 'Grace' });
  });

  test('the reader schema may be an object, JSON text or a Type', () => {
    const store = new SchemaStore([WRITER_V1]);
    for (const readerSchema of [READER, JSON.stringify(READER), Type.forSchema(READER)]) {
      expect(decodeSingleObject(V1_FRAME, store, { readerSchema })).toEqual(V1_AS_READER);
    }
  });

  test('with a Type instead of a store, the frame must match it and is resolved from it', () => {
    expect(decodeSingleObject(V1_FRAME, Type.forSchema(WRITER_V1), { readerSchema: READER })).toEqual(V1_AS_READER);
    const error = thrown(() => decodeSingleObject(V2_FRAME, Type.forSchema(WRITER_V1), { readerSchema: READER }));
    expectError(error, avro.UnsupportedError, 'UNSUPPORTED');
  });

  test('one resolver per writer schema, however many frames', () => {
    const reader = spiedReader(READER);
    const store = new SchemaStore([WRITER_V1, WRITER_V2]);
    for (let i = 0; i < 50; i++) {
      const frame = i % 2 ? singleObject(WRITER_V1_CANONICAL, v1Datum(i, `n${i}`, '')) : V2_FRAME;
      const expected = i % 2 ? { id: i, name: `n${i}`, email: 'n/a' } : V2_AS_READER;
      expect(decodeSingleObject(frame, store, { readerSchema: reader })).toEqual(expected);
    }
    expect(reader.createResolver).toHaveBeenCalledTimes(2);
    const writers = reader.createResolver.mock.calls.map(([writer]) => writer);
    expect(writers).toContain(store.get(fingerprintBytes(WRITER_V1_CANONICAL)));
    expect(writers).toContain(store.get(fingerprintBytes(WRITER_V2_CANONICAL)));
  });

  test('a reader that is the writer Type itself needs no resolver', () => {
    const writer = spiedReader(WRITER_V1);
    const store = new SchemaStore([writer]);
    expect(decodeSingleObject(V1_FRAME, store, { readerSchema: writer })).toEqual({
      id: 7,
      name: 'Ada',
      legacy: 'old',
    });
    expect(writer.createResolver).not.toHaveBeenCalled();
  });

  test("the store's typeOptions apply to a reader schema it parses", () => {
    const store = new SchemaStore([WRITER_V1], { typeOptions: { longs: 'bigint' } });
    expect(decodeSingleObject(V1_FRAME, store, { readerSchema: READER })).toEqual({ ...V1_AS_READER, id: 7n });
  });

  testWithData(
    'messageV1 read with a reader that adds the `scores` map its README mentions',
    ['apache-avro/data/messageV1/test_message.bin', 'apache-avro/data/messageV1/test_schema.avsc'],
    () => {
      const bytes = new Uint8Array(readTestdata('apache-avro/data/messageV1/test_message.bin'));
      const writer = JSON.parse(readTestdata('apache-avro/data/messageV1/test_schema.avsc', 'utf8'));
      const reader = {
        ...writer,
        fields: [...writer.fields, { name: 'scores', type: { type: 'map', values: 'double' }, default: {} }],
      };
      const value = decodeSingleObject(bytes, new SchemaStore([writer]), { readerSchema: reader });
      expect(value).toEqual({ id: 42, name: 'Bill', tags: ['dog_lover', 'cat_hater'], scores: {} });
    },
  );

  test('an incompatible reader is a ResolutionError, every time, and nothing breaks', () => {
    const store = new SchemaStore([WRITER_V1]);
    for (let i = 0; i < 3; i++) {
      const error = thrown(() => decodeSingleObject(V1_FRAME, store, { readerSchema: INCOMPATIBLE }));
      expectError(error, ResolutionError, 'INCOMPATIBLE');
    }
  });

  test('datum errors under resolution keep their code, with offsets past the header', () => {
    const store = new SchemaStore([WRITER_V1]);
    const short = V1_FRAME.subarray(0, V1_FRAME.length - 2);
    const error = expectError(
      thrown(() => decodeSingleObject(short, store, { readerSchema: READER })),
      DecodeError,
      'TRUNCATED',
    );
    expect(error.offset).toBeGreaterThanOrEqual(10);
  });
});

describe('Confluent decoder with a reader schema', () => {
  const schemas = { 1: WRITER_V1, 2: JSON.stringify(WRITER_V2) };
  const f1 = confluent(1, v1Datum(7, 'Ada', 'old'));
  const f2 = confluent(2, v2Datum('grace@example.com', 2 ** 40, 'Grace'));

  test('decode, decodeSync and decodeMany resolve every writer to the reader', async () => {
    const lookup = jest.fn(async (id) => schemas[id]);
    const decoder = createConfluentDecoder({ lookup, readerSchema: READER });
    expect(await decoder.decode(f1)).toEqual(V1_AS_READER);
    expect(await decoder.decode(f2)).toEqual(V2_AS_READER);
    expect(decoder.decodeSync(f1)).toEqual(V1_AS_READER);
    expect(await decoder.decodeMany([f2, f1, f2])).toEqual([V2_AS_READER, V1_AS_READER, V2_AS_READER]);
    expect(lookup).toHaveBeenCalledTimes(2);
  });

  test('one resolver per schema id, also under concurrency', async () => {
    const reader = spiedReader(READER);
    const lookup = jest.fn((id) => new Promise((resolve) => setTimeout(() => resolve(schemas[id]), 5)));
    const decoder = createConfluentDecoder({ lookup, readerSchema: reader });
    const messages = Array.from({ length: 60 }, (_, i) => (i % 3 ? f1 : f2));
    const expected = messages.map((m) => (m === f1 ? V1_AS_READER : V2_AS_READER));
    expect(await Promise.all(messages.map((m) => decoder.decode(m)))).toEqual(expected);
    expect(await decoder.decodeMany(messages)).toEqual(expected);
    expect(lookup).toHaveBeenCalledTimes(2);
    expect(reader.createResolver).toHaveBeenCalledTimes(2);
  });

  test('typeOptions apply to the reader schema too', async () => {
    const decoder = createConfluentDecoder({
      lookup: (id) => schemas[id],
      readerSchema: READER,
      typeOptions: { longs: 'bigint' },
    });
    expect(decoder.decodeSync(f1)).toEqual({ ...V1_AS_READER, id: 7n });
  });

  test('an incompatible reader is a ResolutionError; the writer schema stays cached', async () => {
    const lookup = jest.fn((id) => schemas[id]);
    const decoder = createConfluentDecoder({ lookup, readerSchema: INCOMPATIBLE });
    expectError(await rejection(decoder.decode(f1)), ResolutionError, 'INCOMPATIBLE');
    expectError(
      thrown(() => decoder.decodeSync(f1)),
      ResolutionError,
      'INCOMPATIBLE',
    );
    expectError(await rejection(decoder.decodeMany([f1])), ResolutionError, 'INCOMPATIBLE');
    expect(lookup).toHaveBeenCalledTimes(1);
  });

  test('a bad reader schema fails when the decoder is created', () => {
    expect(() => createConfluentDecoder({ lookup: () => WRITER_V1, readerSchema: { type: 'record' } })).toThrow(
      avro.SchemaError,
    );
  });
});
