// The Avro JSON encoding (toString / fromString): unions as {"type": value},
// bytes and fixed as strings of code points U+0000..U+00FF, non-finite
// floats as strings, longs exact. Checked against hand-written expectations
// and against avsc's toString where avsc follows the spec.
'use strict';

const { Type, AvroError, PreciseDate } = require('../../dist/index.cjs');
const { loadSeededAvsc } = require('./helpers.cjs');

const SEED = 4242;
const avsc = loadSeededAvsc(SEED); // seeded: avscType.random() is reproducible
const { createSchemaGenerator, createValueGenerator, buildRegistry, canon } = require('./gen.cjs');

/** toString, compared with the expected text; then fromString must give the binary round trip's value. */
function json(schema, value, expectedText, options) {
  const type = Type.forSchema(schema, options);
  const text = type.toString(value);
  expect(text).toBe(expectedText);
  const viaBinary = type.fromBuffer(type.toBuffer(value));
  expect(canon(type.fromString(text))).toBe(canon(viaBinary));
  return type.fromString(text);
}

describe('Avro JSON encoding, hand-written expectations', () => {
  test('null, boolean, int', () => {
    json('null', null, 'null');
    json('boolean', true, 'true');
    json('boolean', false, 'false');
    json('int', -2147483648, '-2147483648');
    json('int', 64, '64');
  });

  test('longs are exact in both directions', () => {
    expect(json('long', 2n ** 60n, '1152921504606846976')).toBe(2n ** 60n);
    expect(json('long', -(2n ** 63n), '-9223372036854775808')).toBe(-(2n ** 63n));
    expect(json('long', 2n ** 63n - 1n, '9223372036854775807')).toBe(2n ** 63n - 1n);
    expect(json('long', Number.MAX_SAFE_INTEGER, '9007199254740991')).toBe(Number.MAX_SAFE_INTEGER);
    // 2^53 + 1 is not a double: parsing through a double would give ...992.
    expect(Type.forSchema('long').fromString('9007199254740993')).toBe(9007199254740993n);
    expect(Type.forSchema('long', { longs: 'bigint' }).fromString('5')).toBe(5n);
  });

  test('doubles print like JavaScript numbers; NaN and infinities are strings', () => {
    for (const v of [1.5, 0.1, 1 / 3, 1e21, 1e-7, 5e-324, 2 ** 53, Math.PI, -123.456, 1.7976931348623157e308]) {
      json('double', v, JSON.stringify(v));
    }
    expect(Number.isNaN(json('double', NaN, '"NaN"'))).toBe(true);
    expect(json('double', Infinity, '"Infinity"')).toBe(Infinity);
    expect(json('double', -Infinity, '"-Infinity"')).toBe(-Infinity);
    expect(Type.forSchema('double').fromString('"NaN"')).toBeNaN();
    expect(Type.forSchema('double').fromString(' 1e3 ')).toBe(1000);
  });

  test('floats print their shortest float32 form', () => {
    expect(json('float', 0.1, '0.1')).toBe(Math.fround(0.1));
    expect(json('float', 1.5, '1.5')).toBe(1.5);
    expect(json('float', 1e300, '"Infinity"')).toBe(Infinity);
    expect(Number.isNaN(json('float', NaN, '"NaN"'))).toBe(true);
    expect(Type.forSchema('float').fromString('3.4028234663852886e38')).toBe(3.4028234663852886e38);
  });

  test('strings are escaped like JSON.stringify', () => {
    for (const s of ['', 'foo', 'é😀', '"\\/', '\n\r\t\b\f', '\u0000\u001f\u007f', '\u2028\u2029', '日本語']) {
      json('string', s, JSON.stringify(s));
    }
    expect(Type.forSchema('string').fromString('"\\ud83d\\ude00 \\u00e9"')).toBe('😀 é');
  });

  test('bytes and fixed are ISO-8859-1 code point strings', () => {
    expect(json('bytes', new Uint8Array([0, 255]), '"\\u0000ÿ"')).toEqual(new Uint8Array([0, 255]));
    json('bytes', new Uint8Array([]), '""');
    json('bytes', new Uint8Array([0x41, 0x22, 0x5c, 0x80, 0xe9]), '"A\\"\\\\\u0080é"');
    expect(json({ type: 'fixed', name: 'F3', size: 3 }, new Uint8Array([0, 128, 255]), '"\\u0000\u0080ÿ"')).toEqual(
      new Uint8Array([0, 128, 255]),
    );
    expect(Type.forSchema('bytes').fromString('"\\u0000\\u00ff"')).toEqual(new Uint8Array([0, 255]));
    const tooBig = (() => {
      try {
        Type.forSchema('bytes').fromString('"\\u0100"');
      } catch (error) {
        return error;
      }
      return null;
    })();
    expect(tooBig).toBeInstanceOf(AvroError);
    expect(() => Type.forSchema({ type: 'fixed', name: 'F2', size: 2 }).fromString('"abc"')).toThrow(AvroError);
  });

  test('enum, array, map, record', () => {
    json({ type: 'enum', name: 'E', symbols: ['A', 'B'] }, 'B', '"B"');
    json({ type: 'array', items: 'int' }, [1, 2, 3], '[1,2,3]');
    json({ type: 'array', items: 'int' }, [], '[]');
    json({ type: 'map', values: 'long' }, { a: 1, 'b c': 2n ** 60n }, '{"a":1,"b c":1152921504606846976}');
    json(
      {
        type: 'record',
        name: 'R',
        fields: [
          { name: 'a', type: 'int' },
          { name: 's', type: 'string' },
        ],
      },
      { a: 1, s: 'x' },
      '{"a":1,"s":"x"}',
    );
    expect(() => Type.forSchema({ type: 'enum', name: 'E', symbols: ['A'] }).fromString('"Z"')).toThrow(AvroError);
  });

  test('unions are {"<type name>": value}; null is bare null', () => {
    json(['null', 'string'], null, 'null');
    expect(json(['null', 'string'], 'x', '{"string":"x"}')).toBe('x');
    expect(json(['int', 'long'], { long: 1 }, '{"long":1}')).toEqual({ long: 1 });
    json(['null', 'string'], { string: 'x' }, '{"string":"x"}', { wrapUnions: 'always' });
    const named = ['null', { type: 'record', name: 'R', namespace: 'com.x', fields: [{ name: 'a', type: 'int' }] }];
    expect(json(named, { a: 1 }, '{"com.x.R":{"a":1}}')).toEqual({ a: 1 });
    json({ type: 'map', values: ['null', 'int'] }, { a: 1, b: null }, '{"a":{"int":1},"b":null}');
    json(['null', { type: 'array', items: 'int' }], [1], '{"array":[1]}');
    json(['null', { type: 'map', values: 'int' }], { k: 1 }, '{"map":{"k":1}}');
    json(['null', { type: 'enum', name: 'Color', symbols: ['RED'] }], 'RED', '{"Color":"RED"}');
    expect(() => Type.forSchema(['null', 'int']).fromString('1')).toThrow(AvroError);
    expect(() => Type.forSchema(['null', 'int']).fromString('{"string":"x"}')).toThrow(AvroError);
  });

  test("logical types use the underlying type's JSON encoding", () => {
    json({ type: 'int', logicalType: 'date' }, new Date(86400000), '1');
    json({ type: 'long', logicalType: 'timestamp-millis' }, new Date(1000), '1000');
    json({ type: 'long', logicalType: 'timestamp-micros' }, new PreciseDate(1000, 1000), '1000001');
    json({ type: 'long', logicalType: 'timestamp-nanos' }, 1700000000123456789n, '1700000000123456789');
    // -12345 = 0xcfc7 -> "\u00cf\u00c7"
    expect(json({ type: 'bytes', logicalType: 'decimal', precision: 5, scale: 2 }, '-123.45', '"ÏÇ"')).toBe('-123.45');
    const uuid = '123e4567-e89b-12d3-a456-426614174000';
    expect(json({ type: 'string', logicalType: 'uuid' }, uuid, JSON.stringify(uuid))).toBe(uuid);
    const fixedUuidText = JSON.stringify(String.fromCharCode(...Buffer.from(uuid.replace(/-/g, ''), 'hex')));
    expect(json({ type: 'fixed', name: 'U', size: 16, logicalType: 'uuid' }, uuid, fixedUuidText)).toBe(uuid);
    expect(
      json(
        { type: 'fixed', name: 'D', size: 12, logicalType: 'duration' },
        { months: 1, days: 2, milliseconds: 3 },
        '"\\u0001\\u0000\\u0000\\u0000\\u0002\\u0000\\u0000\\u0000\\u0003\\u0000\\u0000\\u0000"',
      ),
    ).toEqual({ months: 1, days: 2, milliseconds: 3 });
  });

  test('toString() without a value describes the type', () => {
    expect(Type.forSchema({ type: 'record', name: 'P', fields: [] }).toString()).toBe('<Type P>');
    expect(Type.forSchema('int').toString()).toBe('<Type int>');
  });

  test('fromString tolerates whitespace and rejects trailing garbage', () => {
    const type = Type.forSchema({
      type: 'record',
      name: 'W',
      fields: [{ name: 'a', type: { type: 'array', items: 'int' } }],
    });
    expect(type.fromString(' {\n "a" : [ 1 , 2 ]\t} ')).toEqual({ a: [1, 2] });
    expect(() => type.fromString('{"a": [1]} x')).toThrow(AvroError);
  });
});

describe('agreement with avsc toString', () => {
  test('hand-picked values', () => {
    const cases = [
      [['null', 'string'], 'x'],
      [['null', 'string'], null],
      ['bytes', Buffer.from([0, 1, 127, 128, 200, 255])],
      [{ type: 'fixed', name: 'F', size: 3 }, Buffer.from([0, 128, 255])],
      [
        { type: 'map', values: ['null', 'int'] },
        { a: 1, b: null },
      ],
      [
        {
          type: 'record',
          name: 'R',
          fields: [
            { name: 'a', type: 'int' },
            { name: 's', type: 'string' },
          ],
        },
        { a: 1, s: 'é"\n\u0001' },
      ],
      [{ type: 'enum', name: 'E', symbols: ['A', 'B'] }, 'B'],
      ['string', '\u2028 😀'],
      ['double', 0.1],
      ['long', -(2 ** 52)],
      [
        {
          type: 'record',
          name: 'N',
          namespace: 'ns',
          fields: [{ name: 'u', type: ['null', { type: 'fixed', name: 'H', size: 2 }] }],
        },
        { u: Buffer.from([1, 2]) },
      ],
    ];
    for (const [schema, value] of cases) {
      const ours = Type.forSchema(schema).toString(value);
      const theirs = avsc.Type.forSchema(schema, { wrapUnions: 'auto' }).toString(value);
      expect(ours).toBe(theirs);
    }
  });

  test(`random schemas and values (seed ${SEED}, no floats, finite doubles, no -0)`, () => {
    // avsc writes float values unrounded (the JS double it was given) and
    // prints NaN/Infinity as null and -0 as 0; those differ by design.
    let compared = 0;
    const schemaGen = createSchemaGenerator(SEED, { allowFloat: false });
    for (let i = 0; i < 60; i++) {
      const schema = schemaGen.schema();
      const ours = Type.forSchema(schema);
      const theirs = avsc.Type.forSchema(schema, { wrapUnions: 'auto' });
      const edges = createValueGenerator(SEED + i, { nonFinite: false, negativeZero: false });
      const registry = buildRegistry(schema);
      const values = [];
      for (let k = 0; k < 5; k++) values.push(theirs.random());
      for (let k = 0; k < 5; k++) values.push(edges.value(schema, registry));
      for (const value of values) {
        const text = ours.toString(value);
        const expected = theirs.toString(value);
        if (text !== expected) {
          throw new Error(`schema ${JSON.stringify(schema)}\nvalue ${canon(value)}\nours ${text}\navsc ${expected}`);
        }
        // Our fromString reads avsc's text back to the binary round trip's value.
        expect(canon(ours.fromString(expected))).toBe(canon(ours.fromBuffer(ours.toBuffer(value))));
        // And avsc reads ours.
        expect(canon(theirs.fromString(text))).toBe(canon(theirs.fromBuffer(theirs.toBuffer(value))));
        compared++;
      }
      ours.dispose();
    }
    expect(compared).toBe(600);
  });
});
