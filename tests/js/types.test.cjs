// Every Avro type through Type.forSchema / toBuffer / fromBuffer, checked
// against bytes computed by hand from the Avro specification (binary
// encoding: zigzag varints, little-endian IEEE floats, length-prefixed
// bytes/strings, blocked arrays and maps, union index + value).
'use strict';

const { Type, PreciseDate, ValueError } = require('../../dist/index.cjs');
const { hex, unhex, zigzagVarint, concat, avroString, thrown } = require('./helpers.cjs');

/** Encodes `value`, checks the bytes, decodes them back and returns the decoded value. */
function roundTrip(schema, value, expectedHex, options) {
  const type = Type.forSchema(schema, options);
  const bytes = type.toBuffer(value);
  expect(bytes).toBeInstanceOf(Uint8Array);
  expect(hex(bytes)).toBe(expectedHex.replace(/\s+/g, ''));
  return type.fromBuffer(bytes);
}

/** Decodes hand-written bytes. */
function decode(schema, hexText, options) {
  return Type.forSchema(schema, options).fromBuffer(unhex(hexText));
}

describe('reference helpers (sanity of the independent expectations)', () => {
  test('zigzag varints match the Avro spec table', () => {
    // Spec table: 0 -> 00, -1 -> 01, 1 -> 02, -2 -> 03, 2 -> 04, ..., -64 -> 7f, 64 -> 80 01
    expect(hex(zigzagVarint(0))).toBe('00');
    expect(hex(zigzagVarint(-1))).toBe('01');
    expect(hex(zigzagVarint(1))).toBe('02');
    expect(hex(zigzagVarint(-2))).toBe('03');
    expect(hex(zigzagVarint(2))).toBe('04');
    expect(hex(zigzagVarint(-64))).toBe('7f');
    expect(hex(zigzagVarint(64))).toBe('8001');
  });
});

describe('primitive types', () => {
  test('null encodes to zero bytes', () => {
    expect(roundTrip('null', null, '')).toBeNull();
  });

  test('boolean is one byte 0/1', () => {
    expect(roundTrip('boolean', true, '01')).toBe(true);
    expect(roundTrip('boolean', false, '00')).toBe(false);
  });

  test.each([
    [0, '00'],
    [-1, '01'],
    [1, '02'],
    [-64, '7f'],
    [64, '8001'],
    [-65, '8101'],
    [300, 'd804'],
    [2147483647, 'feffffff0f'],
    [-2147483648, 'ffffffff0f'],
  ])('int %p -> %s', (value, expected) => {
    expect(roundTrip('int', value, expected)).toBe(value);
  });

  test.each([
    [0, '00'],
    [-1, '01'],
    [64, '8001'],
    [2 ** 32, '8080808020'],
    [Number.MAX_SAFE_INTEGER, 'feffffffffffff1f'],
    [-Number.MAX_SAFE_INTEGER, 'fdffffffffffff1f'],
  ])('long %p -> %s (decoded as a number)', (value, expected) => {
    const decoded = roundTrip('long', value, expected);
    expect(typeof decoded).toBe('number');
    expect(decoded).toBe(value);
  });

  test.each([
    [2n ** 60n, '808080808080808020'],
    [2n ** 53n, '8080808080808020'],
    [-(2n ** 53n), 'ffffffffffffff1f'],
    [2n ** 63n - 1n, 'feffffffffffffffff01'],
    [-(2n ** 63n), 'ffffffffffffffffff01'],
  ])('long %p beyond 2^53-1 round-trips as a bigint (%s)', (value, expected) => {
    const decoded = roundTrip('long', value, expected);
    expect(typeof decoded).toBe('bigint');
    expect(decoded).toBe(value);
  });

  test('long: bigint inputs inside the safe range decode as numbers', () => {
    expect(roundTrip('long', 5n, '0a')).toBe(5);
    expect(roundTrip('long', -(2n ** 53n) + 1n, 'fdffffffffffff1f')).toBe(-Number.MAX_SAFE_INTEGER);
  });

  test("long: option longs:'bigint' always gives bigints", () => {
    expect(roundTrip('long', 5, '0a', { longs: 'bigint' })).toBe(5n);
    expect(roundTrip('long', -1n, '01', { longs: 'bigint' })).toBe(-1n);
    expect(roundTrip('long', 2n ** 60n, '808080808080808020', { longs: 'bigint' })).toBe(2n ** 60n);
  });

  test('long: unsafe JS numbers and out-of-range bigints are rejected', () => {
    const type = Type.forSchema('long');
    expect(() => type.toBuffer(2 ** 53)).toThrow(ValueError);
    expect(() => type.toBuffer(1.5)).toThrow(ValueError);
    expect(() => type.toBuffer(2n ** 63n)).toThrow(ValueError);
    expect(() => type.toBuffer(-(2n ** 63n) - 1n)).toThrow(ValueError);
  });

  test('float is 4 bytes little-endian IEEE 754', () => {
    expect(roundTrip('float', 1.5, '0000c03f')).toBe(1.5); // 0x3fc00000
    expect(roundTrip('float', -2, '000000c0')).toBe(-2); // 0xc0000000
    expect(roundTrip('float', 0.1, 'cdcccc3d')).toBe(Math.fround(0.1)); // 0x3dcccccd
    expect(roundTrip('float', Infinity, '0000807f')).toBe(Infinity);
    expect(Number.isNaN(roundTrip('float', NaN, '0000c07f'))).toBe(true);
  });

  test('double is 8 bytes little-endian IEEE 754', () => {
    expect(roundTrip('double', 1.5, '000000000000f83f')).toBe(1.5); // 0x3ff8000000000000
    expect(roundTrip('double', 0.1, '9a9999999999b93f')).toBe(0.1); // 0x3fb999999999999a
    expect(Object.is(roundTrip('double', -0, '0000000000000080'), -0)).toBe(true);
    expect(roundTrip('double', -Infinity, '000000000000f0ff')).toBe(-Infinity);
  });

  test('bytes are a zigzag length then the raw bytes', () => {
    expect(roundTrip('bytes', new Uint8Array([1, 2, 3]), '06 010203')).toEqual(new Uint8Array([1, 2, 3]));
    expect(roundTrip('bytes', new Uint8Array([]), '00')).toEqual(new Uint8Array([]));
    const decoded = roundTrip('bytes', Buffer.from([0, 255]), '04 00ff');
    expect(decoded).toBeInstanceOf(Uint8Array);
    expect(Array.from(decoded)).toEqual([0, 255]);
  });

  test('strings are a zigzag byte length then UTF-8', () => {
    expect(roundTrip('string', 'foo', '06 666f6f')).toBe('foo');
    expect(roundTrip('string', '', '00')).toBe('');
    expect(roundTrip('string', 'é', '04 c3a9')).toBe('é');
    expect(roundTrip('string', '😀', '08 f09f9880')).toBe('😀');
    expect(roundTrip('string', 'a\u0000b', '06 610062')).toBe('a\u0000b');
  });

  test('several multi-byte strings in one datum keep their boundaries', () => {
    const schema = {
      type: 'record',
      name: 'Texts',
      fields: [
        { name: 'a', type: 'string' },
        { name: 'b', type: 'string' },
        { name: 'c', type: { type: 'map', values: 'string' } },
      ],
    };
    const value = { a: 'é😀x', b: 'ñy', c: { ké: 'vé', '😀': 'z' } };
    const expected = concat(
      avroString('é😀x'),
      avroString('ñy'),
      [0x04],
      avroString('ké'),
      avroString('vé'),
      avroString('😀'),
      avroString('z'),
      [0x00],
    );
    expect(roundTrip(schema, value, hex(expected))).toEqual(value);
  });

  test('a long string (beyond internal scratch sizes) round-trips', () => {
    const text = 'ünïcødé-'.repeat(5000);
    const type = Type.forSchema('string');
    const bytes = type.toBuffer(text);
    expect(hex(bytes)).toBe(hex(avroString(text)));
    expect(type.fromBuffer(bytes)).toBe(text);
  });

  test('primitive type names are accepted in object form and as bare strings', () => {
    expect(Type.forSchema({ type: 'int' }).toBuffer(64)).toEqual(new Uint8Array([0x80, 0x01]));
    expect(Type.forSchema('"int"').toBuffer(64)).toEqual(new Uint8Array([0x80, 0x01]));
    expect(Type.forSchema('int').typeName).toBe('int');
  });
});

describe('complex types', () => {
  test('fixed is the raw bytes, no length', () => {
    const schema = { type: 'fixed', name: 'F3', size: 3 };
    expect(roundTrip(schema, new Uint8Array([1, 2, 3]), '010203')).toEqual(new Uint8Array([1, 2, 3]));
    expect(() => Type.forSchema(schema).toBuffer(new Uint8Array([1, 2]))).toThrow(ValueError);
  });

  test('enum is the zigzag index of the symbol', () => {
    const schema = { type: 'enum', name: 'Suit', symbols: ['SPADES', 'HEARTS', 'DIAMONDS', 'CLUBS'] };
    expect(roundTrip(schema, 'SPADES', '00')).toBe('SPADES');
    expect(roundTrip(schema, 'DIAMONDS', '04')).toBe('DIAMONDS');
    expect(roundTrip(schema, 'CLUBS', '06')).toBe('CLUBS');
    expect(() => Type.forSchema(schema).toBuffer('JOKER')).toThrow(ValueError);
  });

  test('array: one block (count, items) then a zero count', () => {
    const schema = { type: 'array', items: 'int' };
    expect(roundTrip(schema, [1, 2], '04 02 04 00')).toEqual([1, 2]);
    expect(roundTrip(schema, [], '00')).toEqual([]);
    expect(roundTrip({ type: 'array', items: 'string' }, ['a', 'bc'], '04 0261 046263 00')).toEqual(['a', 'bc']);
  });

  test('array: decoding accepts several blocks and negative counts with byte sizes', () => {
    const schema = { type: 'array', items: 'int' };
    // block of 1 item, block of 2 items, end
    expect(decode(schema, '02 02  04 04 06  00')).toEqual([1, 2, 3]);
    // block count -2 (zigzag 03) with byte size 2 (04), then end
    expect(decode(schema, '03 04 02 04 00')).toEqual([1, 2]);
  });

  test('map: one block of (key, value) pairs then a zero count', () => {
    const schema = { type: 'map', values: 'int' };
    expect(roundTrip(schema, { a: 1 }, '02 0261 02 00')).toEqual({ a: 1 });
    expect(roundTrip(schema, {}, '00')).toEqual({});
    const two = roundTrip(schema, { x: -1, y: 64 }, '04 0278 01 0279 8001 00');
    expect(two).toEqual({ x: -1, y: 64 });
    expect(Object.getPrototypeOf(two)).toBe(Object.prototype);
  });

  test("maps: 'Map' option decodes to a Map, and Maps are accepted on encode", () => {
    const schema = { type: 'map', values: 'int' };
    const decoded = roundTrip(schema, new Map([['a', 1]]), '02 0261 02 00', { maps: 'Map' });
    expect(decoded).toBeInstanceOf(Map);
    expect([...decoded.entries()]).toEqual([['a', 1]]);
    // Default option: a Map input is still accepted, the result is a plain object.
    expect(roundTrip(schema, new Map([['a', 1]]), '02 0261 02 00')).toEqual({ a: 1 });
  });

  test("map key '__proto__' stays an own property (no prototype change)", () => {
    const schema = { type: 'map', values: 'int' };
    const decoded = decode(schema, `02 ${hex(avroString('__proto__'))} 02 00`);
    expect(Object.getPrototypeOf(decoded)).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(decoded, '__proto__')).toBe(true);
    expect(Object.keys(decoded)).toEqual(['__proto__']);
    expect(Object.getOwnPropertyDescriptor(decoded, '__proto__').value).toBe(1);
    // And an object with an own '__proto__' key (e.g. from JSON.parse) encodes it.
    const input = JSON.parse('{"__proto__": 1}');
    expect(hex(Type.forSchema(schema).toBuffer(input))).toBe(`02${hex(avroString('__proto__'))}0200`);
    expect({}.polluted).toBeUndefined();
  });

  test('record: fields in schema order, no framing', () => {
    const schema = {
      type: 'record',
      name: 'Pair',
      fields: [
        { name: 'a', type: 'int' },
        { name: 'b', type: 'string' },
      ],
    };
    expect(roundTrip(schema, { a: 1, b: 'x' }, '02 0278')).toEqual({ a: 1, b: 'x' });
    // Extra properties are ignored.
    expect(roundTrip(schema, { b: 'x', a: 1, c: true }, '02 0278')).toEqual({ a: 1, b: 'x' });
  });

  test('nested records and records inside arrays and maps', () => {
    const schema = {
      type: 'record',
      name: 'Outer',
      namespace: 'ns',
      fields: [
        { name: 'inner', type: { type: 'record', name: 'Inner', fields: [{ name: 'v', type: 'long' }] } },
        { name: 'list', type: { type: 'array', items: 'Inner' } },
        { name: 'byKey', type: { type: 'map', values: 'ns.Inner' } },
      ],
    };
    const value = { inner: { v: 1 }, list: [{ v: 2 }, { v: 3 }], byKey: { k: { v: -1 } } };
    expect(roundTrip(schema, value, '02 04 04 06 00 02 026b 01 00')).toEqual(value);
  });

  test('recursive record: a linked list', () => {
    const schema = {
      type: 'record',
      name: 'LongList',
      fields: [
        { name: 'value', type: 'long' },
        { name: 'next', type: ['null', 'LongList'] },
      ],
    };
    const value = { value: 1, next: { value: 2, next: { value: 3, next: null } } };
    // 02 (1) 02 (branch 1) 04 (2) 02 (branch 1) 06 (3) 00 (null)
    expect(roundTrip(schema, value, '02 02 04 02 06 00')).toEqual(value);
  });

  test('a record with no fields encodes to zero bytes', () => {
    expect(roundTrip({ type: 'record', name: 'Empty', fields: [] }, {}, '')).toEqual({});
  });

  test('named types can be referenced by name after their definition', () => {
    const schema = {
      type: 'record',
      name: 'TwoOf',
      fields: [
        { name: 'a', type: { type: 'fixed', name: 'Md5', size: 2 } },
        { name: 'b', type: 'Md5' },
      ],
    };
    const value = { a: new Uint8Array([1, 2]), b: new Uint8Array([3, 4]) };
    expect(roundTrip(schema, value, '0102 0304')).toEqual(value);
  });
});

describe('record field defaults', () => {
  const schema = {
    type: 'record',
    name: 'WithDefaults',
    fields: [
      { name: 'i', type: 'int', default: 7 },
      { name: 'u', type: ['null', 'string'], default: null },
      { name: 'arr', type: { type: 'array', items: 'int' }, default: [1, 2] },
      { name: 'by', type: 'bytes', default: '\u00ff\u0000' },
      { name: 'fx', type: { type: 'fixed', name: 'FX', size: 2 }, default: 'ab' },
      { name: 'en', type: { type: 'enum', name: 'EN', symbols: ['A', 'B'] }, default: 'B' },
      { name: 'mp', type: { type: 'map', values: 'long' }, default: { k: 1 } },
      {
        name: 'rec',
        type: { type: 'record', name: 'In', fields: [{ name: 'q', type: 'int', default: 9 }] },
        default: {},
      },
      { name: 'su', type: ['string', 'null'], default: 's' },
    ],
  };

  test('a field left undefined is encoded with its default', () => {
    const type = Type.forSchema(schema);
    const expected = [
      '0e', // i = 7
      '00', // u = null (branch 0)
      '04 02 04 00', // arr = [1, 2]
      '04 ff00', // by
      '6162', // fx = 'ab'
      '02', // en = B
      '02 026b 02 00', // mp = {k: 1}
      '12', // rec.q = 9
      '00 0273', // su = branch 0 'string', "s"
    ].join('');
    expect(hex(type.toBuffer({}))).toBe(expected.replace(/\s+/g, ''));
    expect(type.fromBuffer(type.toBuffer({}))).toEqual({
      i: 7,
      u: null,
      arr: [1, 2],
      by: new Uint8Array([255, 0]),
      fx: new Uint8Array([97, 98]),
      en: 'B',
      mp: { k: 1 },
      rec: { q: 9 },
      su: 's',
    });
  });

  test('given values win over defaults; null is not replaced by a default', () => {
    const type = Type.forSchema(schema);
    const decoded = type.fromBuffer(type.toBuffer({ i: 1, su: null }));
    expect(decoded.i).toBe(1);
    expect(decoded.su).toBeNull();
  });

  test('defaults are not shared mutable state between encodes', () => {
    const type = Type.forSchema(schema);
    const first = hex(type.toBuffer({}));
    const decoded = type.fromBuffer(type.toBuffer({}));
    decoded.arr.push(99);
    decoded.mp.extra = 5;
    expect(hex(type.toBuffer({}))).toBe(first);
  });

  test('a field without a default is required', () => {
    const type = Type.forSchema({ type: 'record', name: 'Req', fields: [{ name: 'x', type: 'int' }] });
    const error = thrown(() => type.toBuffer({}));
    expect(error).toBeInstanceOf(ValueError);
    expect(error.path).toBe('.x');
  });

  test('logical-type defaults decode to logical values', () => {
    const type = Type.forSchema({
      type: 'record',
      name: 'LogicalDefaults',
      fields: [
        { name: 'ts', type: { type: 'long', logicalType: 'timestamp-millis' }, default: 1000 },
        { name: 'dt', type: { type: 'int', logicalType: 'date' }, default: 1 },
        {
          name: 'dec',
          type: { type: 'bytes', logicalType: 'decimal', precision: 5, scale: 2 },
          default: '\u0004\u00d2',
        },
      ],
    });
    expect(hex(type.toBuffer({}))).toBe('d00f' + '02' + '0404d2');
    const decoded = type.fromBuffer(type.toBuffer({}));
    expect(decoded.ts).toEqual(new Date(1000));
    expect(decoded.dt).toEqual(new Date(86400000));
    expect(decoded.dec).toBe('12.34');
  });

  // BUG (wasm/src/writers.js, record writer): the field value is read with
  // v[name], which sees inherited properties, so a field named like an
  // Object.prototype member never falls back to its default.
  test('defaults apply to fields named like Object.prototype members (toString, constructor)', () => {
    const type = Type.forSchema({
      type: 'record',
      name: 'Shadow',
      fields: [
        { name: 'toString', type: 'string', default: 'd' },
        { name: 'constructor', type: 'int', default: 3 },
      ],
    });
    expect(type.fromBuffer(type.toBuffer({}))).toEqual({ toString: 'd', constructor: 3 });
  });
});

describe("record field named '__proto__'", () => {
  // BUG (wasm/src/readers.js, record reader): `out[names[i]] = value` with
  // the name '__proto__' invokes the prototype setter instead of creating a
  // field: the field disappears (primitive values) or becomes the object's
  // prototype (record values). The map reader already handles this case.
  const schema = {
    type: 'record',
    name: 'ProtoField',
    fields: [
      { name: '__proto__', type: 'int' },
      { name: 'b', type: 'int' },
    ],
  };

  test('decodes as an own property', () => {
    const decoded = Type.forSchema(schema).fromBuffer(unhex('0a 02'));
    expect(Object.keys(decoded)).toEqual(['__proto__', 'b']);
    expect(Object.getOwnPropertyDescriptor(decoded, '__proto__')?.value).toBe(5);
    expect(Object.getPrototypeOf(decoded)).toBe(Object.prototype);
  });

  test('a record-typed __proto__ field does not replace the prototype', () => {
    const type = Type.forSchema({
      type: 'record',
      name: 'ProtoRecord',
      fields: [{ name: '__proto__', type: { type: 'record', name: 'S', fields: [{ name: 'x', type: 'int' }] } }],
    });
    const decoded = type.fromBuffer(unhex('0a'));
    expect(Object.getPrototypeOf(decoded)).toBe(Object.prototype);
    expect(decoded.x).toBeUndefined();
  });

  test('encodes from an own __proto__ property', () => {
    const input = JSON.parse('{"__proto__": 5, "b": 1}');
    expect(hex(Type.forSchema(schema).toBuffer(input))).toBe('0a02');
  });
});

describe('unions', () => {
  test("['null','string'] is unwrapped (unambiguous)", () => {
    expect(roundTrip(['null', 'string'], null, '00')).toBeNull();
    expect(roundTrip(['null', 'string'], 'a', '02 0261')).toBe('a');
  });

  test("['int','long'] is wrapped (ambiguous): {int: 1} / {long: 1}", () => {
    expect(roundTrip(['int', 'long'], { int: 1 }, '00 02')).toEqual({ int: 1 });
    expect(roundTrip(['int', 'long'], { long: 1 }, '02 02')).toEqual({ long: 1 });
    expect(decode(['int', 'long'], '02 8001')).toEqual({ long: 64 });
    expect(() => Type.forSchema(['int', 'long']).toBuffer(1)).toThrow(ValueError);
  });

  test("['null','int','long']: null stays bare null when wrapped", () => {
    expect(roundTrip(['null', 'int', 'long'], null, '00')).toBeNull();
    expect(roundTrip(['null', 'int', 'long'], { long: 3 }, '04 06')).toEqual({ long: 3 });
  });

  test("wrapUnions:'always' wraps even unambiguous unions", () => {
    const options = { wrapUnions: 'always' };
    expect(roundTrip(['null', 'string'], { string: 'x' }, '02 0278', options)).toEqual({ string: 'x' });
    expect(roundTrip(['null', 'string'], null, '00', options)).toBeNull();
    expect(() => Type.forSchema(['null', 'string'], options).toBuffer('x')).toThrow(ValueError);
  });

  test("wrapUnions:'never' picks the first branch that accepts the value", () => {
    const options = { wrapUnions: 'never' };
    expect(roundTrip(['int', 'long'], 1, '00 02', options)).toBe(1);
    expect(roundTrip(['int', 'long'], 2 ** 40, '02 808080808040', options)).toBe(2 ** 40);
    expect(roundTrip(['null', 'string'], 'x', '02 0278', options)).toBe('x');
  });

  test('wrapped named branches use the full name', () => {
    const schema = [
      'null',
      { type: 'record', name: 'R', namespace: 'com.x', fields: [{ name: 'a', type: 'int' }] },
      { type: 'map', values: 'int' },
    ];
    expect(roundTrip(schema, { 'com.x.R': { a: 1 } }, '02 02')).toEqual({ 'com.x.R': { a: 1 } });
    expect(roundTrip(schema, { map: { k: 1 } }, '04 02 026b 02 00')).toEqual({ map: { k: 1 } });
  });

  test('unambiguous union of record and string is unwrapped', () => {
    const schema = ['string', { type: 'record', name: 'P', fields: [{ name: 'a', type: 'int' }] }];
    expect(roundTrip(schema, 'hi', '00 046869')).toBe('hi');
    expect(roundTrip(schema, { a: 2 }, '02 04')).toEqual({ a: 2 });
  });
});

describe('logical types', () => {
  test("decimal on bytes: big-endian two's complement of the unscaled value", () => {
    const schema = { type: 'bytes', logicalType: 'decimal', precision: 5, scale: 2 };
    expect(roundTrip(schema, '-123.45', '04 cfc7')).toBe('-123.45'); // -12345 = 0xcfc7
    expect(roundTrip(schema, '123.45', '04 3039')).toBe('123.45'); // 12345 = 0x3039
    expect(roundTrip(schema, '0.00', '02 00')).toBe('0.00');
    expect(roundTrip(schema, '1.28', '04 0080')).toBe('1.28'); // 128 needs a sign byte
    expect(roundTrip(schema, '-1.28', '02 80')).toBe('-1.28'); // -128 fits one byte
    expect(roundTrip(schema, '-0.01', '02 ff')).toBe('-0.01');
    // Fewer decimals than the scale are padded.
    expect(roundTrip(schema, '1.5', '04 0096')).toBe('1.50');
  });

  test('decimal on bytes rejects too many decimals or digits', () => {
    const type = Type.forSchema({ type: 'bytes', logicalType: 'decimal', precision: 4, scale: 2 });
    expect(() => type.toBuffer('1.234')).toThrow(ValueError);
    expect(() => type.toBuffer('123.45')).toThrow(ValueError);
    expect(() => type.toBuffer('abc')).toThrow(ValueError);
  });

  test('decimal on fixed: sign-extended to the fixed size', () => {
    const schema = { type: 'fixed', name: 'Dec4', size: 4, logicalType: 'decimal', precision: 9, scale: 2 };
    expect(roundTrip(schema, '-123.45', 'ffffcfc7')).toBe('-123.45');
    expect(roundTrip(schema, '123.45', '00003039')).toBe('123.45');
    expect(roundTrip(schema, '0.00', '00000000')).toBe('0.00');
  });

  test('decimal with a large precision (beyond 64 bits)', () => {
    const schema = { type: 'bytes', logicalType: 'decimal', precision: 40, scale: 2 };
    const value = '12345678901234567890123456789.12';
    const unscaled = 1234567890123456789012345678912n;
    let h = unscaled.toString(16);
    if (h.length % 2) h = '0' + h;
    if (parseInt(h.slice(0, 2), 16) >= 0x80) h = '00' + h;
    const expected = hex(zigzagVarint(h.length / 2)) + h;
    expect(roundTrip(schema, value, expected)).toBe(value);
  });

  test('big-decimal: bytes holding the unscaled bytes then the scale', () => {
    const schema = { type: 'bytes', logicalType: 'big-decimal' };
    // content = [len 2: 04] cf c7 [scale 2: 04] -> 4 bytes, length prefix 08
    expect(roundTrip(schema, '-123.45', '08 04 cfc7 04')).toBe('-123.45');
    // 1500 = 0x05dc, scale 0
    expect(roundTrip(schema, '1500', '08 04 05dc 00')).toBe('1500');
    // 0.00001: unscaled 1, scale 5
    expect(roundTrip(schema, '0.00001', '06 02 01 0a')).toBe('0.00001');
  });

  test('uuid on string: the text itself', () => {
    const uuid = '123e4567-e89b-12d3-a456-426614174000';
    const schema = { type: 'string', logicalType: 'uuid' };
    expect(roundTrip(schema, uuid, hex(avroString(uuid)))).toBe(uuid);
  });

  test('uuid on fixed(16): the 16 raw bytes, string in and out', () => {
    const schema = { type: 'fixed', name: 'Uuid', size: 16, logicalType: 'uuid' };
    const uuid = '123e4567-e89b-12d3-a456-426614174000';
    expect(roundTrip(schema, uuid, '123e4567e89b12d3a456426614174000')).toBe(uuid);
    // Upper case is accepted and normalised to lower case.
    expect(roundTrip(schema, uuid.toUpperCase(), '123e4567e89b12d3a456426614174000')).toBe(uuid);
    expect(() => Type.forSchema(schema).toBuffer('not-a-uuid')).toThrow(ValueError);
  });

  test('date: days since the epoch, Date at UTC midnight', () => {
    const schema = { type: 'int', logicalType: 'date' };
    const decoded = roundTrip(schema, new Date(Date.UTC(2020, 0, 2)), 'ae9d02'); // day 18263
    expect(decoded).toBeInstanceOf(Date);
    expect(decoded.toISOString()).toBe('2020-01-02T00:00:00.000Z');
    expect(roundTrip(schema, new Date(Date.UTC(1969, 11, 31)), '01').toISOString()).toBe('1969-12-31T00:00:00.000Z');
    expect(roundTrip(schema, new Date(0), '00').getTime()).toBe(0);
    // A day number is accepted as well.
    expect(roundTrip(schema, 18263, 'ae9d02').getTime()).toBe(Date.UTC(2020, 0, 2));
  });

  test('time-millis (int) and time-micros (long) are plain numbers', () => {
    expect(roundTrip({ type: 'int', logicalType: 'time-millis' }, 1000, 'd00f')).toBe(1000);
    expect(roundTrip({ type: 'long', logicalType: 'time-micros' }, 1000, 'd00f')).toBe(1000);
    expect(roundTrip({ type: 'long', logicalType: 'time-micros' }, 86399999999, hex(zigzagVarint(86399999999)))).toBe(
      86399999999,
    );
  });

  test('timestamp-millis: a Date', () => {
    const schema = { type: 'long', logicalType: 'timestamp-millis' };
    const decoded = roundTrip(schema, new Date(1000), 'd00f');
    expect(decoded).toBeInstanceOf(Date);
    expect(decoded.getTime()).toBe(1000);
    const when = Date.UTC(2024, 1, 29, 12, 30, 45, 678);
    expect(roundTrip(schema, new Date(when), hex(zigzagVarint(when))).getTime()).toBe(when);
    expect(roundTrip(schema, new Date(-1), '01').getTime()).toBe(-1);
  });

  test('timestamp-micros: a PreciseDate with microseconds', () => {
    const schema = { type: 'long', logicalType: 'timestamp-micros' };
    // 1000 ms + 1000 ns = 1000001 us -> zigzag 2000002 -> 82 89 7a
    const decoded = roundTrip(schema, new PreciseDate(1000, 1000), '82897a');
    expect(decoded).toBeInstanceOf(PreciseDate);
    expect(decoded).toBeInstanceOf(Date);
    expect(decoded.getTime()).toBe(1000);
    expect(decoded.getMicroseconds()).toBe(1);
    expect(decoded.getNanoseconds()).toBe(0);
    expect(decoded.toISOString()).toBe('1970-01-01T00:00:01.000001Z');

    const micros = 1700000000123456n;
    const big = roundTrip(schema, micros, hex(zigzagVarint(micros)));
    expect(big.toISOString()).toBe('2023-11-14T22:13:20.123456Z');
    expect(big.getMicroseconds()).toBe(456);
    expect(big.getFullTime()).toBe(micros * 1000n);
  });

  test('timestamp-micros before the epoch keeps the sub-millisecond part positive', () => {
    const schema = { type: 'long', logicalType: 'timestamp-micros' };
    // -500 us = 1969-12-31T23:59:59.999500Z
    const decoded = roundTrip(schema, -500, hex(zigzagVarint(-500)));
    expect(decoded.getTime()).toBe(-1);
    expect(decoded.getMicroseconds()).toBe(500);
    expect(decoded.toISOString()).toBe('1969-12-31T23:59:59.999500Z');
    expect(hex(Type.forSchema(schema).toBuffer(new PreciseDate(-1, 500000)))).toBe(hex(zigzagVarint(-500)));
  });

  test('timestamp-micros accepts a plain Date', () => {
    const schema = { type: 'long', logicalType: 'timestamp-micros' };
    expect(roundTrip(schema, new Date(1234), hex(zigzagVarint(1234000))).getTime()).toBe(1234);
  });

  test('timestamp-nanos: a PreciseDate with nanoseconds', () => {
    const schema = { type: 'long', logicalType: 'timestamp-nanos' };
    const decoded = roundTrip(schema, new PreciseDate(1000, 1234), hex(zigzagVarint(1000001234)));
    expect(decoded).toBeInstanceOf(PreciseDate);
    expect(decoded.getMicroseconds()).toBe(1);
    expect(decoded.getNanoseconds()).toBe(234);
    expect(decoded.toISOString()).toBe('1970-01-01T00:00:01.000001234Z');

    const nanos = 1700000000123456789n;
    const big = roundTrip(schema, nanos, hex(zigzagVarint(nanos)));
    expect(big.getFullTime()).toBe(nanos);
    expect(big.toISOString()).toBe('2023-11-14T22:13:20.123456789Z');
  });

  test.each([
    ['local-timestamp-millis', new Date(1000), 'd00f', '1970-01-01T00:00:01.000Z'],
    ['local-timestamp-micros', new PreciseDate(1000, 1000), '82897a', '1970-01-01T00:00:01.000001Z'],
    [
      'local-timestamp-nanos',
      new PreciseDate(1000, 1234),
      hex(zigzagVarint(1000001234)),
      '1970-01-01T00:00:01.000001234Z',
    ],
  ])('%s encodes like its UTC counterpart', (logicalType, value, expected, iso) => {
    const decoded = roundTrip({ type: 'long', logicalType }, value, expected);
    expect(decoded).toBeInstanceOf(Date);
    expect(decoded.toISOString()).toBe(iso);
  });

  test('duration: fixed(12) of three little-endian uint32', () => {
    const schema = { type: 'fixed', name: 'Dur', size: 12, logicalType: 'duration' };
    expect(roundTrip(schema, { months: 1, days: 2, milliseconds: 3 }, '01000000 02000000 03000000')).toEqual({
      months: 1,
      days: 2,
      milliseconds: 3,
    });
    expect(
      roundTrip(schema, { months: 4294967295, days: 256, milliseconds: 65536 }, 'ffffffff 00010000 00000100'),
    ).toEqual({
      months: 4294967295,
      days: 256,
      milliseconds: 65536,
    });
    const error = thrown(() => Type.forSchema(schema).toBuffer({ months: -1, days: 0, milliseconds: 0 }));
    expect(error).toBeInstanceOf(ValueError);
    expect(error.path).toBe('.months');
  });

  test('logicalTypes:false returns the underlying values', () => {
    const o = { logicalTypes: false };
    expect(roundTrip({ type: 'int', logicalType: 'date' }, 5, '0a', o)).toBe(5);
    expect(roundTrip({ type: 'long', logicalType: 'timestamp-millis' }, 1000, 'd00f', o)).toBe(1000);
    expect(roundTrip({ type: 'long', logicalType: 'timestamp-micros' }, 1000001, '82897a', o)).toBe(1000001);
    expect(roundTrip({ type: 'long', logicalType: 'timestamp-nanos' }, 2n ** 60n, '808080808080808020', o)).toBe(
      2n ** 60n,
    );
    expect(
      roundTrip(
        { type: 'bytes', logicalType: 'decimal', precision: 5, scale: 2 },
        new Uint8Array([0xcf, 0xc7]),
        '04cfc7',
        o,
      ),
    ).toEqual(new Uint8Array([0xcf, 0xc7]));
    const uuidBytes = unhex('123e4567e89b12d3a456426614174000');
    expect(
      roundTrip({ type: 'fixed', name: 'U', size: 16, logicalType: 'uuid' }, uuidBytes, hex(uuidBytes), o),
    ).toEqual(uuidBytes);
    const dur = unhex('010000000200000003000000');
    expect(roundTrip({ type: 'fixed', name: 'D', size: 12, logicalType: 'duration' }, dur, hex(dur), o)).toEqual(dur);
    expect(roundTrip({ type: 'string', logicalType: 'uuid' }, 'abc', '06616263', o)).toBe('abc');
  });

  test('invalid or unknown logical types fall back to the underlying type', () => {
    // decimal without precision, scale > precision, precision too large for fixed size
    expect(roundTrip({ type: 'bytes', logicalType: 'decimal' }, new Uint8Array([1]), '0201')).toEqual(
      new Uint8Array([1]),
    );
    expect(
      roundTrip({ type: 'bytes', logicalType: 'decimal', precision: 4, scale: 5 }, new Uint8Array([1]), '0201'),
    ).toEqual(new Uint8Array([1]));
    expect(
      roundTrip(
        { type: 'fixed', name: 'F2', size: 2, logicalType: 'decimal', precision: 10, scale: 0 },
        new Uint8Array([1, 2]),
        '0102',
      ),
    ).toEqual(new Uint8Array([1, 2]));
    // logical types on the wrong underlying type
    expect(roundTrip({ type: 'int', logicalType: 'timestamp-millis' }, 5, '0a')).toBe(5);
    expect(roundTrip({ type: 'string', logicalType: 'date' }, 'x', '0278')).toBe('x');
    expect(
      roundTrip({ type: 'fixed', name: 'U15', size: 15, logicalType: 'uuid' }, new Uint8Array(15), '00'.repeat(15)),
    ).toEqual(new Uint8Array(15));
    // unknown logical type
    expect(roundTrip({ type: 'string', logicalType: 'foo' }, 'x', '0278')).toBe('x');
  });

  test('logical types inside unions are unwrapped by JS kind', () => {
    const schema = ['null', { type: 'long', logicalType: 'timestamp-millis' }, 'string'];
    expect(roundTrip(schema, new Date(5), '02 0a').getTime()).toBe(5);
    expect(roundTrip(schema, 'x', '04 0278')).toBe('x');
    expect(roundTrip(schema, null, '00')).toBeNull();
  });
});

describe('PreciseDate', () => {
  test('is a Date with sub-millisecond precision', () => {
    const d = new PreciseDate(Date.UTC(2024, 0, 2, 3, 4, 5, 678), 123456);
    expect(d).toBeInstanceOf(Date);
    expect(d.getMicroseconds()).toBe(123);
    expect(d.getNanoseconds()).toBe(456);
    expect(d.subMillisecondNanos).toBe(123456);
    expect(d.toISOString()).toBe('2024-01-02T03:04:05.678123456Z');
    expect(JSON.stringify({ d })).toBe('{"d":"2024-01-02T03:04:05.678123456Z"}');
    expect(new PreciseDate(0, 100000).toISOString()).toBe('1970-01-01T00:00:00.000100Z');
    expect(new PreciseDate(5).toISOString()).toBe('1970-01-01T00:00:00.005Z');
    expect(new PreciseDate(1, 1).getFullTime()).toBe(1000001n);
  });
});

describe('Type metadata', () => {
  test('typeName and name', () => {
    expect(Type.forSchema('int').typeName).toBe('int');
    expect(Type.forSchema('int').name).toBeUndefined();
    const rec = Type.forSchema({ type: 'record', name: 'C', namespace: 'a.b', fields: [] });
    expect(rec.typeName).toBe('record');
    expect(rec.name).toBe('a.b.C');
    expect(Type.forSchema(['null', 'int']).typeName).toBe('union');
  });

  test('forSchema(Type) returns the same Type', () => {
    const t = Type.forSchema('int');
    expect(Type.forSchema(t)).toBe(t);
  });

  test('decode(bytes, pos) reads one datum at an offset', () => {
    const type = Type.forSchema('int');
    expect(type.decode(unhex('09 8001 05'), 1)).toEqual({ value: 64, offset: 3 });
    expect(type.decode(unhex('09 80'), 1)).toEqual({ value: undefined, offset: -1 });
  });

  test('fromBuffer accepts Buffer slices, ArrayBuffers and other views', () => {
    const type = Type.forSchema('string');
    expect(type.fromBuffer(Buffer.from([0, 6, 0x66, 0x6f, 0x6f, 0]).subarray(1, 5))).toBe('foo');
    expect(type.fromBuffer(unhex('06666f6f').buffer)).toBe('foo');
    expect(type.fromBuffer(new DataView(unhex('06666f6f').buffer))).toBe('foo');
  });

  test('a disposed Type refuses to work', () => {
    const t = Type.forSchema('int');
    t.dispose();
    t.dispose(); // idempotent
    expect(() => t.toBuffer(1)).toThrow(/disposed/);
  });
});
