// Message framing without schema resolution: single-object encoding (Avro
// spec) and the Confluent wire format. Expected bytes come from the spec's
// messageV1 test vector, from helpers.crc64Avro over canonical forms written
// out here, and from frames built by hand; never from the code under test.
// Everything that needs a reader schema lives in framing_resolution.test.cjs.
'use strict';

const path = require('node:path');
// AVRO_WASM_DIST points the suite at another bundle (e.g. a local build).
const avro = require(process.env.AVRO_WASM_DIST ? path.resolve(process.env.AVRO_WASM_DIST) : '../../dist/index.cjs');
const {
  testWithData,
  readTestdata,
  crc64Avro,
  hex,
  unhex,
  concat,
  zigzagVarint,
  avroString,
  mulberry32,
  thrown,
} = require('./helpers.cjs');

const { Type, AvroError, DecodeError, UnsupportedError, SchemaError, SchemaStore } = avro;
const { encodeSingleObject, decodeSingleObject, isSingleObject, singleObjectFingerprint } = avro;
const { encodeConfluent, createConfluentDecoder, confluentSchemaId } = avro;

const MESSAGE_V1 = 'apache-avro/data/messageV1/test_message.bin';
const MESSAGE_V1_SCHEMA = 'apache-avro/data/messageV1/test_schema.avsc';
// The spec's Parsing Canonical Form of test_schema.avsc, written out by hand.
const MESSAGE_V1_CANONICAL =
  '{"name":"org.apache.avro.TestMessage","type":"record","fields":[{"name":"id","type":"long"},' +
  '{"name":"name","type":"string"},{"name":"tags","type":{"type":"array","items":"string"}}]}';
const MESSAGE_V1_VALUE = { id: 42, name: 'Bill', tags: ['dog_lover', 'cat_hater'] };

const USER = {
  type: 'record',
  name: 'User',
  namespace: 'test.framing',
  doc: 'dropped by the canonical form',
  fields: [
    { name: 'id', type: 'long' },
    { name: 'name', type: 'string' },
  ],
};
const USER_CANONICAL =
  '{"name":"test.framing.User","type":"record","fields":[{"name":"id","type":"long"},{"name":"name","type":"string"}]}';
const USER_TYPE = Type.forSchema(USER);
const userDatum = (id, name) => concat(zigzagVarint(id), avroString(name));

/** CRC-64-AVRO of a canonical form as the 8 little-endian bytes a frame carries. */
function fingerprintBytes(canonical) {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, crc64Avro(canonical), true);
  return out;
}

const singleObject = (canonical, datum) => concat([0xc3, 0x01], fingerprintBytes(canonical), datum);
const confluent = (id, datum) =>
  concat([0, (id >>> 24) & 0xff, (id >>> 16) & 0xff, (id >>> 8) & 0xff, id & 0xff], datum);

function expectError(error, Class, code, offset) {
  expect(error).toBeInstanceOf(AvroError);
  expect(error).toBeInstanceOf(Class);
  expect(error.code).toBe(code);
  if (offset !== undefined) expect(error.offset).toBe(offset);
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

/** A lookup over a fixed table that counts its calls; `delay` makes it asynchronous. */
function countingLookup(schemas, { delay } = {}) {
  const lookup = jest.fn((id) => {
    const schema = schemas[id];
    if (delay === undefined) return schema;
    return new Promise((resolve) => setTimeout(() => resolve(schema), delay));
  });
  return lookup;
}

// After every test, and after every error, the module must still work.
afterEach(() => {
  const frame = singleObject(USER_CANONICAL, userDatum(-7, 'still ok'));
  expect(decodeSingleObject(frame, USER_TYPE)).toEqual({ id: -7, name: 'still ok' });
  expect(hex(encodeConfluent(9, USER_TYPE, { id: 1, name: 'x' }))).toBe(hex(confluent(9, userDatum(1, 'x'))));
});

describe('single-object encoding', () => {
  testWithData(
    'the spec vector messageV1 decodes and re-encodes byte for byte',
    [MESSAGE_V1, MESSAGE_V1_SCHEMA],
    () => {
      const bytes = new Uint8Array(readTestdata(MESSAGE_V1));
      const schema = readTestdata(MESSAGE_V1_SCHEMA, 'utf8');
      expect(hex(bytes.subarray(0, 2))).toBe('c301');
      expect(hex(bytes.subarray(2, 10))).toBe(hex(fingerprintBytes(MESSAGE_V1_CANONICAL)));

      expect(isSingleObject(bytes)).toBe(true);
      expect(hex(singleObjectFingerprint(bytes))).toBe(hex(fingerprintBytes(MESSAGE_V1_CANONICAL)));

      const store = new SchemaStore([schema]);
      const type = store.get(singleObjectFingerprint(bytes));
      expect(type).toBeInstanceOf(Type);
      expect(hex(type.fingerprint('CRC-64-AVRO'))).toBe(hex(fingerprintBytes(MESSAGE_V1_CANONICAL)));
      expect(decodeSingleObject(bytes, store)).toEqual(MESSAGE_V1_VALUE);
      expect(decodeSingleObject(bytes, Type.forSchema(schema))).toEqual(MESSAGE_V1_VALUE);
      expect(hex(encodeSingleObject(type, MESSAGE_V1_VALUE))).toBe(hex(bytes));
    },
  );

  test('a hand-built frame: marker, fingerprint of the canonical form, datum', () => {
    const frame = singleObject(USER_CANONICAL, userDatum(42, 'Ada'));
    expect(hex(encodeSingleObject(USER_TYPE, { id: 42, name: 'Ada' }))).toBe(hex(frame));
    expect(decodeSingleObject(frame, USER_TYPE)).toEqual({ id: 42, name: 'Ada' });
    // A primitive schema's canonical form is its quoted name.
    expect(hex(encodeSingleObject(Type.forSchema('long'), -1))).toBe(hex(singleObject('"long"', [0x01])));
    expect(decodeSingleObject(singleObject('"null"', []), Type.forSchema('null'))).toBe(null);
  });

  test('encodeSingleObject accepts a schema as well as a Type', () => {
    expect(hex(encodeSingleObject(USER, { id: 1, name: 'b' }))).toBe(
      hex(singleObject(USER_CANONICAL, userDatum(1, 'b'))),
    );
  });

  test('frames are accepted as Buffer, ArrayBuffer and views at an offset', () => {
    const frame = singleObject(USER_CANONICAL, userDatum(5, 'five'));
    const padded = concat([0xff, 0xff, 0xff], frame);
    const expected = { id: 5, name: 'five' };
    expect(decodeSingleObject(Buffer.from(frame), USER_TYPE)).toEqual(expected);
    expect(decodeSingleObject(frame.slice().buffer, USER_TYPE)).toEqual(expected);
    expect(decodeSingleObject(padded.subarray(3), USER_TYPE)).toEqual(expected);
    expect(decodeSingleObject(new DataView(padded.buffer, 3), USER_TYPE)).toEqual(expected);
  });

  test('random values round-trip through both frames', () => {
    const schema = {
      type: 'record',
      name: 'R',
      fields: [
        { name: 'n', type: 'long' },
        { name: 'f', type: 'double' },
        { name: 'o', type: ['null', 'string'] },
        { name: 'b', type: 'bytes' },
      ],
    };
    const type = Type.forSchema(schema);
    const store = new SchemaStore([type]);
    const decoder = createConfluentDecoder({ lookup: () => schema });
    const random = mulberry32(7);
    for (let i = 0; i < 200; i++) {
      const value = {
        n: Math.floor((random() - 0.5) * 2 ** 40),
        f: (random() - 0.5) * 1e6,
        o: random() < 0.5 ? null : 'é'.repeat(Math.floor(random() * 5)),
        b: Uint8Array.from({ length: Math.floor(random() * 6) }, () => Math.floor(random() * 256)),
      };
      const datum = type.toBuffer(value);
      const single = encodeSingleObject(type, value);
      expect(hex(single)).toBe(hex(concat([0xc3, 0x01], type.fingerprint(), datum)));
      expect(decodeSingleObject(single, store)).toEqual(value);
      const framed = encodeConfluent(i, type, value);
      expect(hex(framed)).toBe(hex(confluent(i, datum)));
      expect(decoder.decodeSync(framed)).toEqual(value);
    }
  });

  test('unknown fingerprints are UNSUPPORTED and name the fingerprint', () => {
    const other = singleObject('"string"', avroString('x'));
    const store = new SchemaStore([USER]);
    const wanted = hex(fingerprintBytes('"string"'));
    let error = expectError(
      thrown(() => decodeSingleObject(other, store)),
      UnsupportedError,
      'UNSUPPORTED',
      2,
    );
    expect(error.message).toContain(wanted);
    expect(error.fingerprint).toBe(wanted);

    // With one Type, a frame written with another schema is refused, not misread.
    error = expectError(
      thrown(() => decodeSingleObject(other, USER_TYPE)),
      UnsupportedError,
      'UNSUPPORTED',
      2,
    );
    expect(error.message).toContain(wanted);
    expect(error.message).toContain(hex(fingerprintBytes(USER_CANONICAL)));

    // Registering the schema makes the same frame decodable.
    store.add('"string"');
    expect(decodeSingleObject(other, store)).toBe('x');
  });

  test('a wrong marker is INVALID_DATA at offset 0, whatever the length', () => {
    const good = singleObject(USER_CANONICAL, userDatum(1, 'a'));
    const bad = [
      [0x00],
      [0xc3, 0x02],
      [0xc1, 0x03],
      confluent(1, userDatum(1, 'a')),
      concat([0xc3, 0x00], good.subarray(2)),
      concat([0x01, 0xc3], good.subarray(2)),
    ];
    for (const bytes of bad.map((b) => Uint8Array.from(b))) {
      expectError(
        thrown(() => decodeSingleObject(bytes, USER_TYPE)),
        DecodeError,
        'INVALID_DATA',
        0,
      );
      expectError(
        thrown(() => singleObjectFingerprint(bytes)),
        DecodeError,
        'INVALID_DATA',
        0,
      );
      expect(isSingleObject(bytes)).toBe(false);
    }
  });

  test('a header cut short is TRUNCATED at its end', () => {
    const good = singleObject(USER_CANONICAL, userDatum(1, 'a'));
    for (let length = 0; length < 10; length++) {
      const bytes = good.subarray(0, length);
      expectError(
        thrown(() => decodeSingleObject(bytes, USER_TYPE)),
        DecodeError,
        'TRUNCATED',
        length,
      );
      expectError(
        thrown(() => singleObjectFingerprint(bytes)),
        DecodeError,
        'TRUNCATED',
        length,
      );
      expect(isSingleObject(bytes)).toBe(false);
    }
    expect(isSingleObject(good.subarray(0, 10))).toBe(true);
    expect(isSingleObject('c301')).toBe(false);
    expect(isSingleObject(null)).toBe(false);
  });

  test('datum errors keep their code; offsets count from the frame start', () => {
    // id 1, then a string of length 5 with only 2 bytes: the length varint is at frame byte 11.
    const short = singleObject(USER_CANONICAL, concat(zigzagVarint(1), zigzagVarint(5), [0x61, 0x62]));
    expectError(
      thrown(() => decodeSingleObject(short, USER_TYPE)),
      DecodeError,
      'TRUNCATED',
      11,
    );
    const trailing = singleObject(USER_CANONICAL, concat(userDatum(1, 'a'), [0x00]));
    expectError(
      thrown(() => decodeSingleObject(trailing, USER_TYPE)),
      DecodeError,
      'TRAILING_DATA',
    );
    const headerOnly = singleObject(USER_CANONICAL, []);
    expectError(
      thrown(() => decodeSingleObject(headerOnly, USER_TYPE)),
      DecodeError,
      'TRUNCATED',
      10,
    );
  });

  test('arguments that are not bytes, stores or Types are INVALID_VALUE', () => {
    const frame = singleObject(USER_CANONICAL, userDatum(1, 'a'));
    expectError(
      thrown(() => decodeSingleObject('c301', USER_TYPE)),
      AvroError,
      'INVALID_VALUE',
    );
    expectError(
      thrown(() => decodeSingleObject(frame, USER)),
      AvroError,
      'INVALID_VALUE',
    );
    expectError(
      thrown(() => decodeSingleObject(frame)),
      AvroError,
      'INVALID_VALUE',
    );
    expectError(
      thrown(() => encodeSingleObject(USER_TYPE, { id: 'one', name: 'a' })),
      AvroError,
      'INVALID_VALUE',
    );
  });
});

describe('SchemaStore', () => {
  test('is keyed by fingerprint bytes or their hex, in frame (little-endian) order', () => {
    const store = new SchemaStore([USER, '"string"', Type.forSchema({ type: 'array', items: 'int' })]);
    expect(store.size).toBe(3);
    const user = fingerprintBytes(USER_CANONICAL);
    expect(store.get(user).name).toBe('test.framing.User');
    expect(store.get(hex(user))).toBe(store.get(user));
    expect(store.get(hex(user).toUpperCase())).toBe(store.get(user));
    expect(store.get(fingerprintBytes('"string"')).typeName).toBe('string');
    expect(store.get(fingerprintBytes('{"type":"array","items":"int"}')).typeName).toBe('array');
    expect(store.get(fingerprintBytes('"int"'))).toBeUndefined();
  });

  test('add returns the Type; a Type given is kept as is; the same canonical form replaces', () => {
    const store = new SchemaStore();
    expect(store.size).toBe(0);
    expect(store.add(USER_TYPE)).toBe(USER_TYPE);
    expect(store.get(fingerprintBytes(USER_CANONICAL))).toBe(USER_TYPE);
    const again = store.add({ ...USER, doc: 'another doc, same canonical form' });
    expect(again).not.toBe(USER_TYPE);
    expect(store.size).toBe(1);
    expect(store.get(fingerprintBytes(USER_CANONICAL))).toBe(again);
  });

  test('typeOptions apply to the schemas it parses', () => {
    const store = new SchemaStore(['"long"'], { typeOptions: { longs: 'bigint' } });
    expect(decodeSingleObject(singleObject('"long"', zigzagVarint(3)), store)).toBe(3n);
  });

  test('bad keys and bad schemas are errors', () => {
    const store = new SchemaStore([USER]);
    for (const key of ['abc', 'zz'.repeat(8), new Uint8Array(7), 42, undefined]) {
      expectError(
        thrown(() => store.get(key)),
        AvroError,
        'INVALID_VALUE',
      );
    }
    expectError(
      thrown(() => store.add({ type: 'record', name: 'Bad' })),
      SchemaError,
      'SCHEMA_PARSE',
    );
    expectError(
      thrown(() => new SchemaStore(['"nope"'])),
      SchemaError,
      'SCHEMA_PARSE',
    );
    expect(store.size).toBe(1);
  });

  test('a subclass can fetch schemas on demand', () => {
    class OnDemand extends SchemaStore {
      get(fingerprint) {
        return (
          super.get(fingerprint) ??
          (hex(fingerprint) === hex(fingerprintBytes('"int"')) ? this.add('"int"') : undefined)
        );
      }
    }
    const store = new OnDemand();
    expect(decodeSingleObject(singleObject('"int"', zigzagVarint(-2)), store)).toBe(-2);
    expect(store.size).toBe(1);
  });
});

describe('Confluent wire format', () => {
  test('encodeConfluent: magic 0, big-endian id, datum', () => {
    expect(hex(encodeConfluent(1, Type.forSchema('long'), 1))).toBe('000000000102');
    expect(hex(encodeConfluent(0x01020304, USER_TYPE, { id: 0, name: '' }))).toBe('00010203040000');
    expect(hex(encodeConfluent(0xffffffff, 'null', null))).toBe('00ffffffff');
    expect(hex(encodeConfluent(42, USER, { id: 42, name: 'Ada' }))).toBe(hex(confluent(42, userDatum(42, 'Ada'))));
    for (const id of [-1, 1.5, 2 ** 32, '1', NaN, undefined]) {
      expectError(
        thrown(() => encodeConfluent(id, USER_TYPE, { id: 1, name: 'a' })),
        AvroError,
        'INVALID_VALUE',
      );
    }
  });

  test('confluentSchemaId reads the id; bad frames are INVALID_DATA or TRUNCATED', () => {
    expect(confluentSchemaId(unhex('00 00 00 00 07'))).toBe(7);
    expect(confluentSchemaId(unhex('00 01 02 03 04 99'))).toBe(0x01020304);
    expect(confluentSchemaId(unhex('00 ff ff ff fe'))).toBe(4294967294);
    for (const bytes of [unhex('01 00 00 00 07 02'), unhex('c3 01'), unhex('ff')]) {
      expectError(
        thrown(() => confluentSchemaId(bytes)),
        DecodeError,
        'INVALID_DATA',
        0,
      );
    }
    for (const bytes of [unhex(''), unhex('00'), unhex('00 00 00 07')]) {
      expectError(
        thrown(() => confluentSchemaId(bytes)),
        DecodeError,
        'TRUNCATED',
        bytes.length,
      );
    }
  });

  test('decode, decodeSync and decodeMany read hand-built frames', async () => {
    const decoder = createConfluentDecoder({ lookup: countingLookup({ 42: USER, 7: '"string"' }) });
    const frame = confluent(42, userDatum(-3, 'Grace'));
    expect(await decoder.decode(frame)).toEqual({ id: -3, name: 'Grace' });
    expect(decoder.decodeSync(Buffer.from(frame))).toEqual({ id: -3, name: 'Grace' });
    const many = await decoder.decodeMany([frame, confluent(7, avroString('s')), confluent(42, userDatum(1, ''))]);
    expect(many).toEqual([{ id: -3, name: 'Grace' }, 's', { id: 1, name: '' }]);
    expect(await decoder.decodeMany([])).toEqual([]);
  });

  test('lookup may return a schema object, JSON text or a Type, or a Promise of one', async () => {
    const forms = [USER, JSON.stringify(USER), USER_TYPE];
    for (const form of forms) {
      for (const lookup of [() => form, async () => form]) {
        const decoder = createConfluentDecoder({ lookup });
        expect(await decoder.decode(confluent(1, userDatum(8, 'eight')))).toEqual({ id: 8, name: 'eight' });
      }
    }
  });

  test('typeOptions apply to writer schemas', async () => {
    const decoder = createConfluentDecoder({ lookup: () => '"long"', typeOptions: { longs: 'bigint' } });
    expect(await decoder.decode(confluent(1, zigzagVarint(5)))).toBe(5n);
  });

  test('each schema id is looked up once', async () => {
    const lookup = countingLookup({ 1: USER }, { delay: 5 });
    const decoder = createConfluentDecoder({ lookup });
    for (let i = 0; i < 5; i++)
      expect(await decoder.decode(confluent(1, userDatum(i, 'n')))).toEqual({ id: i, name: 'n' });
    expect(lookup).toHaveBeenCalledTimes(1);
    expect(lookup).toHaveBeenCalledWith(1);
  });

  test('100 concurrent decodes over 3 ids make 3 lookups', async () => {
    const schemas = { 10: USER, 20: '"string"', 30: { type: 'array', items: 'long' } };
    const lookup = countingLookup(schemas, { delay: 10 });
    const decoder = createConfluentDecoder({ lookup });
    const messages = [];
    const expected = [];
    for (let i = 0; i < 100; i++) {
      if (i % 3 === 0) {
        messages.push(confluent(10, userDatum(i, `u${i}`)));
        expected.push({ id: i, name: `u${i}` });
      } else if (i % 3 === 1) {
        messages.push(confluent(20, avroString(`s${i}`)));
        expected.push(`s${i}`);
      } else {
        messages.push(confluent(30, concat(zigzagVarint(1), zigzagVarint(i), [0])));
        expected.push([i]);
      }
    }
    expect(await Promise.all(messages.map((m) => decoder.decode(m)))).toEqual(expected);
    expect(lookup).toHaveBeenCalledTimes(3);
    expect(lookup.mock.calls.map(([id]) => id).sort()).toEqual([10, 20, 30]);

    // A batch over the same ids on a fresh decoder: one lookup per distinct id, order kept.
    const batchLookup = countingLookup(schemas, { delay: 10 });
    const batch = createConfluentDecoder({ lookup: batchLookup });
    expect(await batch.decodeMany(messages)).toEqual(expected);
    expect(batchLookup).toHaveBeenCalledTimes(3);
    // Nothing more is looked up once the ids are cached.
    expect(await batch.decodeMany(messages.slice(0, 10))).toEqual(expected.slice(0, 10));
    expect(batchLookup).toHaveBeenCalledTimes(3);
  });

  test('a batch with more distinct ids than cacheSize still looks each up once', async () => {
    const lookup = jest.fn(async (id) => ({ type: 'fixed', name: `F${id}`, size: 1 }));
    const decoder = createConfluentDecoder({ lookup, cacheSize: 2 });
    const messages = [1, 2, 3, 4, 1, 2, 3, 4].map((id) => confluent(id, [id]));
    const values = await decoder.decodeMany(messages);
    expect(values.map((v) => Array.from(v))).toEqual([[1], [2], [3], [4], [1], [2], [3], [4]]);
    expect(lookup).toHaveBeenCalledTimes(4);
  });

  test('the cache keeps the cacheSize most recently used ids', async () => {
    const lookup = jest.fn(() => '"int"');
    const decoder = createConfluentDecoder({ lookup, cacheSize: 2 });
    const ids = () => lookup.mock.calls.map(([id]) => id);
    for (const id of [1, 2, 1, 3]) decoder.decodeSync(confluent(id, [0x02]));
    expect(ids()).toEqual([1, 2, 3]); // 3 evicted 2, the least recently used
    decoder.decodeSync(confluent(1, [0x02]));
    expect(ids()).toEqual([1, 2, 3]);
    decoder.decodeSync(confluent(2, [0x02]));
    expect(ids()).toEqual([1, 2, 3, 2]);
    expectError(
      thrown(() => createConfluentDecoder({ lookup, cacheSize: 0 })),
      AvroError,
      'INVALID_VALUE',
    );
    expectError(
      thrown(() => createConfluentDecoder({ lookup, cacheSize: 1.5 })),
      AvroError,
      'INVALID_VALUE',
    );
    expect(createConfluentDecoder({ lookup, cacheSize: Infinity }).decodeSync(confluent(5, [0x04]))).toBe(2);
  });

  test('a failed lookup is reported with its cause and is not cached', async () => {
    const cause = new Error('registry unavailable');
    let fail = true;
    const lookup = jest.fn(async () => {
      if (fail) throw cause;
      return USER;
    });
    const decoder = createConfluentDecoder({ lookup });
    const frame = confluent(99, userDatum(1, 'a'));
    // Concurrent requests share the one failing lookup.
    const errors = await Promise.all([rejection(decoder.decode(frame)), rejection(decoder.decode(frame))]);
    expect(lookup).toHaveBeenCalledTimes(1);
    for (const error of errors) {
      expectError(error, UnsupportedError, 'UNSUPPORTED', 1);
      expect(error.cause).toBe(cause);
      expect(error.schemaId).toBe(99);
      expect(error.message).toContain('99');
      expect(error.message).toContain('registry unavailable');
    }
    fail = false;
    expect(await decoder.decode(frame)).toEqual({ id: 1, name: 'a' });
    expect(lookup).toHaveBeenCalledTimes(2);
  });

  test('a synchronous lookup that throws is reported the same way and retried', () => {
    const cause = new TypeError('no such subject');
    const lookup = jest.fn().mockImplementationOnce(() => {
      throw cause;
    });
    lookup.mockImplementation(() => USER);
    const decoder = createConfluentDecoder({ lookup });
    const frame = confluent(3, userDatum(2, 'b'));
    const error = expectError(
      thrown(() => decoder.decodeSync(frame)),
      UnsupportedError,
      'UNSUPPORTED',
    );
    expect(error.cause).toBe(cause);
    expect(decoder.decodeSync(frame)).toEqual({ id: 2, name: 'b' });
    expect(lookup).toHaveBeenCalledTimes(2);
  });

  test('unknown ids and unparsable schemas are UNSUPPORTED and not cached', async () => {
    const lookup = jest.fn((id) => (id === 5 ? { type: 'record', name: 'NoFields' } : undefined));
    const decoder = createConfluentDecoder({ lookup });
    let error = await rejection(decoder.decode(confluent(4, [0x00])));
    expectError(error, UnsupportedError, 'UNSUPPORTED');
    expect(error.schemaId).toBe(4);
    expect(error.message).toContain('4');
    error = await rejection(decoder.decode(confluent(5, [0x00])));
    expectError(error, UnsupportedError, 'UNSUPPORTED');
    expect(error.cause).toBeInstanceOf(SchemaError);
    await rejection(decoder.decode(confluent(4, [0x00])));
    expect(lookup).toHaveBeenCalledTimes(3);
  });

  test('decodeSync needs a cached schema or a synchronous lookup', async () => {
    const lookup = countingLookup({ 1: USER }, { delay: 5 });
    const decoder = createConfluentDecoder({ lookup });
    const frame = confluent(1, userDatum(6, 'six'));
    const error = expectError(
      thrown(() => decoder.decodeSync(frame)),
      UnsupportedError,
      'UNSUPPORTED',
    );
    expect(error.message).toContain('decode()');
    expect(error.schemaId).toBe(1);
    // The lookup decodeSync started is shared with decode(), then cached.
    expect(await decoder.decode(frame)).toEqual({ id: 6, name: 'six' });
    expect(decoder.decodeSync(frame)).toEqual({ id: 6, name: 'six' });
    expect(lookup).toHaveBeenCalledTimes(1);
  });

  test('a failing lookup started by decodeSync does not go unhandled and is retried', async () => {
    let attempts = 0;
    const lookup = jest.fn(() => (++attempts === 1 ? Promise.reject(new Error('down')) : Promise.resolve(USER)));
    const decoder = createConfluentDecoder({ lookup });
    const frame = confluent(2, userDatum(0, ''));
    const unhandled = jest.fn();
    process.on('unhandledRejection', unhandled);
    try {
      expectError(
        thrown(() => decoder.decodeSync(frame)),
        UnsupportedError,
        'UNSUPPORTED',
      );
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off('unhandledRejection', unhandled);
    }
    expect(await decoder.decode(frame)).toEqual({ id: 0, name: '' });
    expect(lookup).toHaveBeenCalledTimes(2);
  });

  test('bad frames fail before any lookup', async () => {
    const lookup = jest.fn(() => USER);
    const decoder = createConfluentDecoder({ lookup });
    expectError(await rejection(decoder.decode(unhex('01 00 00 00 01 00'))), DecodeError, 'INVALID_DATA', 0);
    expectError(
      thrown(() => decoder.decodeSync(unhex('c3 01 00 00 00 01'))),
      DecodeError,
      'INVALID_DATA',
      0,
    );
    expectError(await rejection(decoder.decode(unhex('00 00 00'))), DecodeError, 'TRUNCATED', 3);
    expectError(
      thrown(() => decoder.decodeSync(new Uint8Array(0))),
      DecodeError,
      'TRUNCATED',
      0,
    );
    expectError(await rejection(decoder.decode(null)), AvroError, 'INVALID_VALUE');
    // A bad frame anywhere fails the whole batch, naming its index.
    const batch = [confluent(1, userDatum(1, 'a')), unhex('07 00 00 00 01')];
    const error = expectError(await rejection(decoder.decodeMany(batch)), DecodeError, 'INVALID_DATA', 0);
    expect(error.path).toBe('[1]');
    expect(lookup).not.toHaveBeenCalled();
  });

  test('datum errors keep their code; offsets count from the frame start', async () => {
    const decoder = createConfluentDecoder({ lookup: () => USER });
    // id 1, then a string of length 5 with only 2 bytes: the length varint is at frame byte 6.
    const short = confluent(1, concat(zigzagVarint(1), zigzagVarint(5), [0x61, 0x62]));
    expectError(await rejection(decoder.decode(short)), DecodeError, 'TRUNCATED', 6);
    expectError(
      thrown(() => decoder.decodeSync(short)),
      DecodeError,
      'TRUNCATED',
      6,
    );
    const trailing = confluent(1, concat(userDatum(1, 'a'), [0x00]));
    expectError(await rejection(decoder.decode(trailing)), DecodeError, 'TRAILING_DATA');
    const batch = [confluent(1, userDatum(1, 'a')), confluent(1, userDatum(2, 'b')), short];
    const error = expectError(await rejection(decoder.decodeMany(batch)), DecodeError, 'TRUNCATED', 6);
    expect(error.path.startsWith('[2]')).toBe(true);
    // The decoder is unharmed.
    expect(await decoder.decodeMany(batch.slice(0, 2))).toEqual([
      { id: 1, name: 'a' },
      { id: 2, name: 'b' },
    ]);
  });

  test('createConfluentDecoder needs a lookup function', () => {
    expectError(
      thrown(() => createConfluentDecoder()),
      AvroError,
      'INVALID_VALUE',
    );
    expectError(
      thrown(() => createConfluentDecoder({ lookup: { 1: USER } })),
      AvroError,
      'INVALID_VALUE',
    );
  });
});
