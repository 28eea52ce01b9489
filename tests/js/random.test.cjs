// Type#random: seeded, valid values in the JS form the Type's options give
// decoded values. Validity is checked by the library's own validator and,
// more strictly, by the core encoder (toBuffer) and a decode of the bytes;
// schemas come from the random schema generator, from a hand-written list
// covering every logical type and recursion, and from the test data files.
'use strict';

const fs = require('node:fs');
const avro = require('../../dist/index.cjs');
const { canon, createSchemaGenerator } = require('./gen.cjs');
const { thrown, testWithData, testdataPath } = require('./helpers.cjs');

const { Type, AvroError, PreciseDate } = avro;

const OPTION_SETS = [
  {},
  { longs: 'bigint' },
  { maps: 'Map' },
  { logicalTypes: false },
  { wrapUnions: 'always' },
  { wrapUnions: 'never' },
  { longs: 'bigint', maps: 'Map', wrapUnions: 'always', logicalTypes: false },
];

const record = (name, fields) => ({ type: 'record', name, fields });

const HAND_WRITTEN = [
  'int',
  'long',
  ['null', 'string'],
  ['int', 'long', 'float', 'double', 'string', 'bytes'],
  { type: 'map', values: { type: 'array', items: ['null', 'double'] } },
  record('Logical', [
    { name: 'dec', type: { type: 'bytes', logicalType: 'decimal', precision: 38, scale: 9 } },
    { name: 'decFixed', type: { type: 'fixed', name: 'D', size: 5, logicalType: 'decimal', precision: 11, scale: 11 } },
    { name: 'bigDec', type: { type: 'bytes', logicalType: 'big-decimal' } },
    { name: 'uuid', type: { type: 'string', logicalType: 'uuid' } },
    { name: 'uuidFixed', type: { type: 'fixed', name: 'U', size: 16, logicalType: 'uuid' } },
    { name: 'date', type: { type: 'int', logicalType: 'date' } },
    { name: 'timeMillis', type: { type: 'int', logicalType: 'time-millis' } },
    { name: 'timeMicros', type: { type: 'long', logicalType: 'time-micros' } },
    { name: 'tsMillis', type: { type: 'long', logicalType: 'timestamp-millis' } },
    { name: 'tsMicros', type: { type: 'long', logicalType: 'timestamp-micros' } },
    { name: 'tsNanos', type: { type: 'long', logicalType: 'timestamp-nanos' } },
    { name: 'localMillis', type: { type: 'long', logicalType: 'local-timestamp-millis' } },
    { name: 'localMicros', type: { type: 'long', logicalType: 'local-timestamp-micros' } },
    { name: 'localNanos', type: { type: 'long', logicalType: 'local-timestamp-nanos' } },
    { name: 'duration', type: { type: 'fixed', name: 'Dur', size: 12, logicalType: 'duration' } },
    // Invalid logical types are ignored (spec): plain fixed / bytes values.
    { name: 'badDecimal', type: { type: 'fixed', name: 'Small', size: 1, logicalType: 'decimal', precision: 9 } },
    { name: 'badUuid', type: { type: 'fixed', name: 'U8', size: 8, logicalType: 'uuid' } },
    { name: 'optionalDate', type: ['null', { type: 'int', logicalType: 'date' }, 'string'] },
    { name: 'timeUnion', type: [{ type: 'long', logicalType: 'timestamp-micros' }, 'int'] },
  ]),
  record('LongList', [
    { name: 'value', type: 'long' },
    { name: 'next', type: ['null', 'LongList'] },
  ]),
  record('Tree', [
    { name: 'children', type: { type: 'array', items: 'Tree' } },
    { name: 'byName', type: { type: 'map', values: 'Tree' } },
    { name: 'left', type: ['Tree', 'null'] },
  ]),
  {
    type: 'record',
    name: 'Outer',
    namespace: 'a.b',
    fields: [
      { name: 'e', type: { type: 'enum', name: 'E', symbols: ['X', 'Y', 'Z'] } },
      { name: 'inner', type: { type: 'record', name: 'c.Inner', fields: [{ name: 'e', type: 'a.b.E' }] } },
      { name: 'refs', type: ['null', 'c.Inner', 'E', { type: 'fixed', name: 'F', size: 3 }] },
      { name: '__proto__', type: 'string' },
      { name: 'toString', type: 'int' },
    ],
  },
];

const GENERATED = (() => {
  const gen = createSchemaGenerator(20250101, { maxDepth: 4 });
  return Array.from({ length: 60 }, () => gen.schema());
})();

// Decoded values made comparable (PreciseDate keeps its sub-millisecond digits in toISOString).
const same = (a, b) => canon(a) === canon(b);

/** Checks one value of `type`; returns a message for the first problem, or null. */
function problemWith(type, value, options) {
  let hook = null;
  if (!type.isValid(value, { errorHook: (path, v, t, message) => (hook = `${path.join('.')}: ${message}`) })) {
    return `isValid: ${hook}`;
  }
  const bytes = type.toBuffer(value);
  const back = type.fromBuffer(bytes);
  if (options.wrapUnions === 'never') {
    // An ambiguous union encodes a bare value with the first branch that
    // accepts it (a double may become a float, then a long): the decoded
    // value must be stable from then on.
    const again = type.fromBuffer(type.toBuffer(back));
    if (!same(again, back)) return `not stable after one round trip:\n  ${canon(back)}\n  ${canon(again)}`;
  } else if (!same(back, value)) {
    return `round trip changed the value:\n  ${canon(value)}\n  ${canon(back)}`;
  }
  return null;
}

function checkSchemas(schemas, seeds = 8) {
  const failures = [];
  for (const options of OPTION_SETS) {
    for (const schema of schemas) {
      const type = Type.forSchema(schema, options);
      for (let seed = 0; seed < seeds; seed++) {
        const value = type.random({ seed });
        const problem = problemWith(type, value, options);
        if (problem) failures.push(`${JSON.stringify(options)} seed ${seed} ${JSON.stringify(schema)}: ${problem}`);
      }
      type.dispose();
    }
  }
  return failures;
}

describe('Type#random', () => {
  test('the same seed gives an equal value, for every option set', () => {
    for (const options of OPTION_SETS) {
      for (const schema of [...HAND_WRITTEN, ...GENERATED.slice(0, 20)]) {
        const a = Type.forSchema(schema, options);
        const b = Type.forSchema(schema, options); // a second Type: nothing is kept between calls
        for (const seed of [0, 1, 42, -7, 2 ** 40, 12345678901234567890n, 'fixture-3']) {
          expect(canon(a.random({ seed }))).toBe(canon(b.random({ seed })));
          expect(canon(a.random({ seed }))).toBe(canon(a.random({ seed })));
        }
      }
    }
  });

  test('different seeds give different values', () => {
    const type = Type.forSchema(HAND_WRITTEN[5]);
    const texts = new Set(Array.from({ length: 50 }, (_, seed) => canon(type.random({ seed }))));
    expect(texts.size).toBe(50);
  });

  test('a call without a seed works and differs from call to call', () => {
    const type = Type.forSchema(HAND_WRITTEN[5]);
    const a = type.random();
    const b = type.random({});
    expect(type.isValid(a)).toBe(true);
    expect(type.isValid(b)).toBe(true);
    expect(canon(a)).not.toBe(canon(b));
  });

  test('hand-written schemas (every logical type, recursion, names): valid and round-trip', () => {
    expect(checkSchemas(HAND_WRITTEN, 25)).toEqual([]);
  });

  test('60 generated schemas: valid and round-trip under every option set', () => {
    expect(checkSchemas(GENERATED)).toEqual([]);
  });

  testWithData(
    'schemas of the test data files: valid and round-trip',
    [
      'arrow-testing/data/alltypes_plain.avro',
      'arrow-testing/data/nested_records.avro',
      'arrow-testing/data/timestamp_logical_types.avro',
      'arrow-testing/data/duration_uuid.avro',
      'arrow-testing/data/fixed256_decimal.avro',
      'arrow-testing/data/nonnullable.impala.avro',
      'fastavro/data/recursive.avro',
      'apache-avro/data/lang-js/person-10.avro',
    ],
    () => {
      const schemas = [
        'arrow-testing/data/alltypes_plain.avro',
        'arrow-testing/data/nested_records.avro',
        'arrow-testing/data/timestamp_logical_types.avro',
        'arrow-testing/data/duration_uuid.avro',
        'arrow-testing/data/fixed256_decimal.avro',
        'arrow-testing/data/nonnullable.impala.avro',
        'fastavro/data/recursive.avro',
        'apache-avro/data/lang-js/person-10.avro',
      ].map((rel) => avro.readHeader(new Uint8Array(fs.readFileSync(testdataPath(rel)))).schema);
      expect(checkSchemas(schemas, 10)).toEqual([]);
    },
  );

  test('values take the JS form the options ask for', () => {
    const schema = record('Forms', [
      { name: 'n', type: 'long' },
      { name: 'm', type: { type: 'map', values: 'int' } },
      { name: 'ts', type: { type: 'long', logicalType: 'timestamp-micros' } },
      { name: 'd', type: { type: 'int', logicalType: 'date' } },
      { name: 'dec', type: { type: 'bytes', logicalType: 'decimal', precision: 6, scale: 2 } },
      { name: 'u', type: ['int', 'long'] },
      { name: 'o', type: ['null', 'string'] },
    ]);
    for (let seed = 0; seed < 20; seed++) {
      const natural = Type.forSchema(schema).random({ seed });
      expect(typeof natural.n === 'number' || typeof natural.n === 'bigint').toBe(true);
      expect(Object.getPrototypeOf(natural.m)).toBe(Object.prototype);
      expect(natural.ts).toBeInstanceOf(PreciseDate);
      expect(Number.isInteger(natural.d.getTime() / 86400000)).toBe(true);
      expect(natural.dec).toMatch(/^-?\d+\.\d\d$/);
      expect(Object.keys(natural.u)).toHaveLength(1); // ambiguous union: wrapped
      expect(natural.o === null || typeof natural.o === 'string').toBe(true);

      const raw = Type.forSchema(schema, { longs: 'bigint', maps: 'Map', logicalTypes: false, wrapUnions: 'always' });
      const value = raw.random({ seed });
      expect(typeof value.n).toBe('bigint');
      expect(value.m).toBeInstanceOf(Map);
      expect(typeof value.ts).toBe('bigint');
      expect(typeof value.d).toBe('number');
      expect(value.dec).toBeInstanceOf(Uint8Array);
      expect(value.o === null || typeof value.o.string === 'string').toBe(true);
    }
  });

  test('longs beyond 2^53 come out as bigint with longs: "auto"', () => {
    const type = Type.forSchema('long');
    const values = Array.from({ length: 200 }, (_, seed) => type.random({ seed }));
    expect(values.some((v) => typeof v === 'bigint')).toBe(true);
    expect(values.some((v) => typeof v === 'number')).toBe(true);
    for (const v of values) if (typeof v === 'bigint') expect(v > 2n ** 53n || v < -(2n ** 53n)).toBe(true);
  });

  test('maxDepth is respected for recursive schemas', () => {
    const type = Type.forSchema(HAND_WRITTEN[7], { maxDepth: 3 });
    for (let seed = 0; seed < 30; seed++) expect(type.isValid(type.random({ seed }))).toBe(true);
  });

  test('a schema without finite values and a bad seed are errors', () => {
    const endless = Type.forSchema(record('Endless', [{ name: 'self', type: 'Endless' }]));
    const error = thrown(() => endless.random());
    expect(error).toBeInstanceOf(AvroError);
    expect(error.message).toMatch(/no finite values/);
    const seedError = thrown(() => Type.forSchema('int').random({ seed: {} }));
    expect(seedError).toBeInstanceOf(AvroError);
    expect(seedError.code).toBe('INVALID_VALUE');
  });
});
