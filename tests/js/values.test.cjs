// Value operations on Type: compare / equals / compareBuffers (the spec's
// "Sort Order"), clone, and Type.forValue (schema inference), checked on
// hand-picked cases for every type and against avsc on random schemas.
'use strict';

const { Type, PreciseDate, ValueError, LimitError, UnsupportedError } = require('../../dist/index.cjs');
const { mulberry32, thrown } = require('./helpers.cjs');
const { createSchemaGenerator, createValueGenerator, buildRegistry, canon } = require('./gen.cjs');

const avsc = require('avsc');
const SEED = Number(process.env.AVRO_VALUES_SEED || 20250301);

const sign = (x) => (x < 0 ? -1 : x > 0 ? 1 : 0);

/** Every pair (i, j) of an ascending list compares as sign(i - j), forwards and through the encodings. */
function expectAscending(type, values) {
  for (let i = 0; i < values.length; i++) {
    for (let j = 0; j < values.length; j++) {
      const expected = sign(i - j);
      const got = type.compare(values[i], values[j]);
      if (got !== expected)
        throw new Error(`compare(${canon(values[i])}, ${canon(values[j])}) = ${got}, expected ${expected}`);
      expect(type.compareBuffers(type.toBuffer(values[i]), type.toBuffer(values[j]))).toBe(expected);
      expect(type.equals(values[i], values[j])).toBe(expected === 0);
    }
  }
}

describe('compare: the spec sort order per type', () => {
  test('null values are all equal; false < true', () => {
    expect(Type.forSchema('null').compare(null, null)).toBe(0);
    expectAscending(Type.forSchema('boolean'), [false, true]);
  });

  test('numbers compare numerically; longs mix numbers and bigints', () => {
    expectAscending(Type.forSchema('int'), [-2147483648, -1, 0, 1, 2147483647]);
    expectAscending(Type.forSchema('long'), [
      -(2n ** 63n),
      -(2 ** 53) + 1,
      -1,
      0,
      2 ** 40,
      2n ** 53n + 1n,
      2n ** 63n - 1n,
    ]);
    const long = Type.forSchema('long');
    expect(long.compare(5, 5n)).toBe(0);
    expect(long.compare(2n ** 60n, 1)).toBe(1);
    expectAscending(Type.forSchema('double'), [-Infinity, -1e308, -0.5, 0, 5e-324, 1, Infinity, NaN]);
    expectAscending(Type.forSchema('float'), [-Infinity, -1.5, 0, 1.5, Infinity]);
  });

  test('-0 equals 0 and NaN equals NaN (NaN sorts last, so sorting is total)', () => {
    const double = Type.forSchema('double');
    expect(double.compare(-0, 0)).toBe(0);
    expect(double.compare(NaN, NaN)).toBe(0);
    expect(double.compare(NaN, Infinity)).toBe(1);
    expect(double.compare(Infinity, NaN)).toBe(-1);
    expect([3, NaN, -1, 2].sort((a, b) => double.compare(a, b))).toEqual([-1, 2, 3, NaN]);
  });

  test('strings compare by their UTF-8 bytes (code points), not UTF-16 code units', () => {
    const string = Type.forSchema('string');
    // U+FFFD is one UTF-16 unit above the surrogates of U+1F600, but its UTF-8 bytes (ef bf bd) are below f0 9f 98 80.
    expect('\ufffd' < '😀').toBe(false);
    expect(string.compare('\ufffd', '😀')).toBe(-1);
    expectAscending(string, ['', 'A', 'AB', 'B', 'a', 'é', '日', '\ufffd', '😀', '😀a']);
  });

  test('bytes and fixed compare lexicographically as unsigned bytes, then by length', () => {
    const bytes = Type.forSchema('bytes');
    expectAscending(bytes, [
      Uint8Array.of(),
      Uint8Array.of(0),
      Uint8Array.of(0, 0),
      Uint8Array.of(1),
      Uint8Array.of(127),
      Uint8Array.of(128),
      Uint8Array.of(255),
    ]);
    expect(bytes.compare(Buffer.from([1, 2]), Uint8Array.of(1, 2))).toBe(0);
    expectAscending(Type.forSchema({ type: 'fixed', name: 'F', size: 2 }), [
      Uint8Array.of(0, 255),
      Uint8Array.of(1, 0),
      Uint8Array.of(255, 0),
    ]);
  });

  test('enums compare by symbol position, not alphabetically', () => {
    expectAscending(Type.forSchema({ type: 'enum', name: 'E', symbols: ['Z', 'A', 'M'] }), ['Z', 'A', 'M']);
  });

  test('arrays compare element by element, then by length', () => {
    expectAscending(Type.forSchema({ type: 'array', items: 'int' }), [[], [0], [0, 0], [0, 1], [1], [1, -5, 7], [2]]);
  });

  test('maps cannot be compared (UnsupportedError with the path) but equals() compares their entries', () => {
    const type = Type.forSchema({
      type: 'record',
      name: 'R',
      fields: [
        { name: 'id', type: 'int' },
        { name: 'tags', type: { type: 'map', values: 'long' } },
      ],
    });
    // A difference before the map decides without reaching it.
    expect(type.compare({ id: 1, tags: {} }, { id: 2, tags: {} })).toBe(-1);
    const error = thrown(() => type.compare({ id: 1, tags: { a: 1 } }, { id: 1, tags: { a: 1 } }));
    expect(error).toBeInstanceOf(UnsupportedError);
    expect(error.path).toBe('.tags');
    expect(
      type.equals(
        { id: 1, tags: { a: 1, b: 2 } },
        {
          id: 1,
          tags: new Map([
            ['b', 2n],
            ['a', 1],
          ]),
        },
      ),
    ).toBe(true);
    expect(type.equals({ id: 1, tags: { a: 1 } }, { id: 1, tags: { a: 2 } })).toBe(false);
    expect(type.equals({ id: 1, tags: { a: 1 } }, { id: 1, tags: { a: 1, b: 1 } })).toBe(false);
    expect(type.equals({ id: 1, tags: { a: 1 } }, { id: 1, tags: { b: 1 } })).toBe(false);
    expect(() => type.compareBuffers(type.toBuffer({ id: 1, tags: {} }), type.toBuffer({ id: 1, tags: {} }))).toThrow(
      UnsupportedError,
    );
  });

  test('records compare field by field honouring order: ascending, descending, ignore', () => {
    const type = Type.forSchema({
      type: 'record',
      name: 'R',
      fields: [
        { name: 'group', type: 'string' },
        { name: 'score', type: 'int', order: 'descending' },
        { name: 'note', type: 'string', order: 'ignore' },
        { name: 'id', type: 'long' },
      ],
    });
    const rows = [
      { group: 'a', score: 9, note: 'x', id: 2 },
      { group: 'b', score: 1, note: 'y', id: 1 },
      { group: 'a', score: 3, note: 'z', id: 1 },
      { group: 'a', score: 9, note: 'w', id: 1 },
    ];
    const sorted = [...rows].sort((x, y) => type.compare(x, y));
    expect(sorted.map((r) => `${r.group}${r.score}${r.id}`)).toEqual(['a91', 'a92', 'a31', 'b11']);
    // Fields with order "ignore" do not take part, in equals() either.
    expect(type.compare({ group: 'a', score: 1, note: 'x', id: 1 }, { group: 'a', score: 1, note: 'y', id: 1 })).toBe(
      0,
    );
    expect(type.equals({ group: 'a', score: 1, note: 'x', id: 1 }, { group: 'a', score: 1, note: 'y', id: 1 })).toBe(
      true,
    );
    expectAscending(type, [
      { group: 'a', score: 9, note: '', id: 1 },
      { group: 'a', score: 9, note: '', id: 2 },
      { group: 'a', score: 3, note: '', id: 1 },
      { group: 'b', score: 1, note: '', id: 1 },
    ]);
  });

  test('missing fields compare as their defaults (as toBuffer fills them in)', () => {
    const type = Type.forSchema({
      type: 'record',
      name: 'R',
      fields: [
        { name: 'a', type: 'int', default: 5 },
        { name: 'b', type: ['null', 'string'], default: null },
      ],
    });
    expect(type.compare({}, { a: 5, b: null })).toBe(0);
    expect(type.compare({ b: 'x' }, { a: 5 })).toBe(1);
  });

  test('unions compare by branch index first, then by value within the branch', () => {
    const nullable = Type.forSchema(['null', 'string', 'int']);
    expectAscending(nullable, [null, '', 'a', -5, 3]);
    const wrapped = Type.forSchema([
      'int',
      'long',
      { type: 'record', name: 'ns.Rec', fields: [{ name: 'x', type: 'int' }] },
    ]);
    expectAscending(wrapped, [{ int: 1 }, { int: 2 }, { long: -10 }, { 'ns.Rec': { x: 0 } }, { Rec: { x: 1 } }]);
    expect(wrapped.compare({ Rec: { x: 1 } }, { 'ns.Rec': { x: 1 } })).toBe(0);
    // wrapUnions 'never': the branch is the first that accepts the value, as when encoding.
    const never = Type.forSchema(['int', 'long', 'double'], { wrapUnions: 'never' });
    expectAscending(never, [-5, 7, 2 ** 40, 2n ** 60n, 0.5]);
  });

  test('logical types compare as their underlying Avro values', () => {
    // Dates and timestamps: chronologically, whatever form the value takes.
    const date = Type.forSchema({ type: 'int', logicalType: 'date' });
    expect(date.compare(new Date('2024-01-02T23:00:00Z'), 19724)).toBe(0);
    expectAscending(date, [new Date('1969-12-31T00:00:00Z'), 0, new Date('2024-01-02T00:00:00Z')]);
    const millis = Type.forSchema({ type: 'long', logicalType: 'timestamp-millis' });
    expectAscending(millis, [new Date(-1), 0, new Date(5), 6n]);
    expect(millis.compare(new Date(7), 7)).toBe(0);
    const micros = Type.forSchema({ type: 'long', logicalType: 'timestamp-micros' });
    expectAscending(micros, [new PreciseDate(-1, 999000), 0, new PreciseDate(0, 1000), new PreciseDate(0, 2000), 3n]);
    // Sub-microsecond digits are not part of a timestamp-micros value (the encoder truncates them).
    expect(micros.compare(new PreciseDate(1, 1500), new PreciseDate(1, 1999))).toBe(0);
    const nanos = Type.forSchema({ type: 'long', logicalType: 'local-timestamp-nanos' });
    expect(nanos.compare(new PreciseDate(1, 1500), new PreciseDate(1, 1999))).toBe(-1);
    // Decimals compare as their two's-complement bytes, as the spec orders bytes:
    // 1 (01) < 127 (7f) < -1 (ff), so a negative decimal sorts after a positive one.
    const decimal = Type.forSchema({ type: 'bytes', logicalType: 'decimal', precision: 6, scale: 2 });
    expect(decimal.compare('1.50', 1.5)).toBe(0);
    expectAscending(decimal, ['0', '0.01', '1.27', '-0.01']);
    expectAscending(
      Type.forSchema({ type: 'fixed', name: 'D', size: 2, logicalType: 'decimal', precision: 4 }),
      [0, 1, 9999, -9999, -1],
    );
    const uuid = Type.forSchema({ type: 'fixed', name: 'U', size: 16, logicalType: 'uuid' });
    expect(uuid.compare('00000000-0000-0000-0000-00000000000A', '00000000-0000-0000-0000-00000000000a')).toBe(0);
    expectAscending(uuid, [
      '00000000-0000-0000-0000-000000000000',
      '0f000000-0000-0000-0000-000000000000',
      'f0000000-0000-0000-0000-000000000000',
    ]);
    // Durations: 12 little-endian bytes (months, days, milliseconds), compared lexicographically.
    const duration = Type.forSchema({ type: 'fixed', name: 'Dur', size: 12, logicalType: 'duration' });
    expect(duration.compare({ months: 1 }, { months: 1, days: 0, milliseconds: 0 })).toBe(0);
    expectAscending(duration, [{ months: 0, days: 5 }, { months: 256 }, { months: 1 }, { months: 2 }]); // 256 is 00 01 00 00
    // With logicalTypes: false the underlying values are compared as such.
    expect(
      Type.forSchema({ type: 'long', logicalType: 'timestamp-millis' }, { logicalTypes: false }).compare(1, 2),
    ).toBe(-1);
  });

  test('invalid values throw ValueError with the path to the bad value', () => {
    const type = Type.forSchema({
      type: 'record',
      name: 'R',
      fields: [
        { name: 'items', type: { type: 'array', items: { type: 'map', values: 'int' } } },
        {
          name: 'pairs',
          type: { type: 'array', items: ['null', { type: 'record', name: 'P', fields: [{ name: 'n', type: 'int' }] }] },
        },
      ],
    });
    let error = thrown(() => type.equals({ items: [{}, { k: 'x' }], pairs: [] }, { items: [{}, { k: 1 }], pairs: [] }));
    expect(error).toBeInstanceOf(ValueError);
    expect(error.path).toBe('.items[1]["k"]');
    error = thrown(() => type.equals({ items: [], pairs: [] }, { items: 3, pairs: [] }));
    expect(error.path).toBe('.items');
    error = thrown(() =>
      type.compare({ items: [], pairs: [null, { n: 1 }] }, { items: [], pairs: [null, { n: 1.5 }] }),
    );
    expect(error.path).toBe('.pairs[1].n');
    error = thrown(() => type.compare({ items: [], pairs: [{ n: 1 }] }, { items: [], pairs: ['x'] }));
    expect(error.path).toBe('.pairs[0]');
    error = thrown(() => type.compare({ items: [] }, { items: [], pairs: [] }));
    expect(error.path).toBe('.pairs');
    // What decides the order is checked; what comes after it is not looked at (as in avsc).
    expect(type.compare({ items: [], pairs: [null] }, { items: [], pairs: [{ n: 1 }, 'not checked'] })).toBe(-1);
    // Decimal text is checked by the core.
    const decimal = Type.forSchema({
      type: 'record',
      name: 'D',
      fields: [{ name: 'd', type: { type: 'bytes', logicalType: 'decimal', precision: 4, scale: 2 } }],
    });
    error = thrown(() => decimal.compare({ d: '1.234' }, { d: '1' }));
    expect(error).toBeInstanceOf(ValueError);
    expect(error.path).toBe('.d');
  });

  test('deep values end in a LimitError, not a stack overflow', () => {
    const list = Type.forSchema(
      { type: 'record', name: 'L', fields: [{ name: 'next', type: ['null', 'L'] }] },
      { maxDepth: 50 },
    );
    let deep = null;
    for (let i = 0; i < 100; i++) deep = { next: deep };
    expect(() => list.equals(deep, deep)).toThrow(LimitError);
  });
});

describe('equals', () => {
  test('is compare() === 0 on valid values, with maps compared as sets of entries', () => {
    const type = Type.forSchema({
      type: 'array',
      items: ['null', { type: 'map', values: { type: 'array', items: 'bytes' } }],
    });
    const a = [null, { x: [Uint8Array.of(1)], y: [] }];
    const b = [
      null,
      new Map([
        ['y', []],
        ['x', [Buffer.from([1])]],
      ]),
    ];
    expect(type.equals(a, b)).toBe(true);
    expect(type.equals(a, [null, { x: [Uint8Array.of(2)], y: [] }])).toBe(false);
    expect(type.equals(a, [null])).toBe(false);
    expect(type.equals(a, [{}, { x: [], y: [] }])).toBe(false);
  });
});

describe('clone', () => {
  const schema = {
    type: 'record',
    name: 'ns.User',
    fields: [
      { name: 'id', type: 'long' },
      { name: 'tags', type: { type: 'array', items: 'string' }, default: [] },
      { name: 'avatar', type: ['null', 'bytes'], default: null },
      { name: 'scores', type: { type: 'map', values: 'double' } },
      { name: 'pick', type: ['int', 'long', { type: 'record', name: 'Ref', fields: [{ name: 'n', type: 'int' }] }] },
      { name: 'born', type: { type: 'int', logicalType: 'date' } },
      { name: 'seen', type: { type: 'long', logicalType: 'timestamp-micros' } },
      { name: 'price', type: { type: 'bytes', logicalType: 'decimal', precision: 8, scale: 2 } },
      { name: 'span', type: { type: 'fixed', name: 'Span', size: 12, logicalType: 'duration' } },
      { name: 'weight', type: 'float' },
    ],
  };
  const type = Type.forSchema(schema);
  const value = {
    id: 2n ** 10n,
    avatar: Buffer.from([1, 2, 3]),
    scores: { math: 1.5, __proto__x: 2 },
    pick: { Ref: { n: 4 } },
    born: new Date('2024-05-06T07:08:09Z'),
    seen: 1700000000123456n,
    price: 3,
    span: { days: 2 },
    weight: 0.1,
  };

  test('returns the value as decoding its encoding would, except floats keep their double value', () => {
    const copy = type.clone(value);
    const decoded = type.fromBuffer(type.toBuffer(value));
    expect(canon({ ...copy, weight: 0 })).toBe(canon({ ...decoded, weight: 0 }));
    expect(copy.weight).toBe(0.1);
    expect(decoded.weight).toBe(Math.fround(0.1));
    expect(copy.id).toBe(1024);
    expect(copy.tags).toEqual([]);
    expect(copy.pick).toEqual({ 'ns.Ref': { n: 4 } });
    expect(copy.born.toISOString()).toBe('2024-05-06T00:00:00.000Z');
    expect(copy.seen).toBeInstanceOf(PreciseDate);
    expect(copy.seen.toISOString()).toBe('2023-11-14T22:13:20.123456Z');
    expect(copy.price).toBe('3.00');
    expect(copy.span).toEqual({ months: 0, days: 2, milliseconds: 0 });
    expect(Object.keys(copy)).toEqual(schema.fields.map((f) => f.name));
  });

  test('is a deep copy: nothing is shared with the input', () => {
    const input = { ...value, tags: ['a'], born: 19000, avatar: Uint8Array.of(9) };
    const copy = type.clone(input);
    copy.tags.push('b');
    copy.avatar[0] = 0;
    copy.scores.math = 0;
    copy.pick['ns.Ref'].n = 0;
    expect(input.tags).toEqual(['a']);
    expect(input.avatar[0]).toBe(9);
    expect(input.scores.math).toBe(1.5);
    expect(input.pick.Ref.n).toBe(4);
    expect(Object.getPrototypeOf(type.clone({ ...value, avatar: Buffer.from([1]) }).avatar)).toBe(Uint8Array.prototype);
    // Defaults are copied too: the type's cached default value is never handed out.
    type.clone(value).tags.push('x');
    expect(type.clone(value).tags).toEqual([]);
  });

  test('follows the Type options (longs, maps, wrapUnions)', () => {
    const t = Type.forSchema({ type: 'map', values: ['null', 'long'] }, { longs: 'bigint', maps: 'Map' });
    const copy = t.clone({ a: 1, b: null, __proto__: { inherited: 1 } });
    expect(copy).toEqual(
      new Map([
        ['a', 1n],
        ['b', null],
      ]),
    );
    expect(Type.forSchema('long').clone(2n ** 60n)).toBe(2n ** 60n);
    const always = Type.forSchema(['null', 'string'], { wrapUnions: 'always' });
    expect(always.clone({ string: 'x' })).toEqual({ string: 'x' });
    expect(always.clone(null)).toBeNull();
  });

  test('keeps "__proto__" keys and fields as own properties', () => {
    const rec = Type.forSchema({ type: 'record', name: 'P', fields: [{ name: '__proto__', type: 'int' }] });
    const input = JSON.parse('{"__proto__": 5}');
    const copy = rec.clone(input);
    expect(Object.hasOwn(copy, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    const map = Type.forSchema({ type: 'map', values: 'int' }).clone(JSON.parse('{"__proto__": 1, "a": 2}'));
    expect(Object.keys(map)).toEqual(['__proto__', 'a']);
  });

  test('{ wrapUnions: true } wraps bare values of wrapped unions in the first branch that takes them', () => {
    const t = Type.forSchema({ type: 'array', items: ['int', 'string', 'long'] }, { wrapUnions: 'always' });
    expect(t.clone([1, 'a', 2n ** 40n, { long: 3 }], { wrapUnions: true })).toEqual([
      { int: 1 },
      { string: 'a' },
      { long: 2 ** 40 },
      { long: 3 },
    ]);
    expect(() => t.clone([1])).toThrow(ValueError);
    expect(thrown(() => t.clone([1, true], { wrapUnions: true })).path).toBe('[1]');
  });

  test('invalid values throw ValueError with the path; decimal text is checked by the core', () => {
    let error = thrown(() => type.clone({ ...value, scores: { ok: 1, bad: 'x' } }));
    expect(error).toBeInstanceOf(ValueError);
    expect(error.path).toBe('.scores["bad"]');
    error = thrown(() => type.clone({ ...value, pick: { Ref: { n: 1.5 } } }));
    expect(error.path).toBe('.pick.Ref.n');
    error = thrown(() => type.clone({ ...value, span: { months: -1 } }));
    expect(error.path).toBe('.span.months');
    error = thrown(() => type.clone({ ...value, price: 'abc' }));
    expect(error).toBeInstanceOf(ValueError);
    expect(error.path).toBe('.price');
    error = thrown(() => type.clone({ ...value, id: undefined }));
    expect(error.path).toBe('.id');
  });

  test('deep values end in a LimitError, not a stack overflow', () => {
    const list = Type.forSchema(
      { type: 'record', name: 'L', fields: [{ name: 'next', type: ['null', 'L'] }] },
      { maxDepth: 50 },
    );
    let deep = null;
    for (let i = 0; i < 100; i++) deep = { next: deep };
    expect(() => list.clone(deep)).toThrow(LimitError);
    let shallow = null;
    for (let i = 0; i < 40; i++) shallow = { next: shallow };
    expect(list.equals(list.clone(shallow), shallow)).toBe(true);
  });
});

describe('isValid errorHook', () => {
  test('reports the path of the first bad value through unions, maps and arrays', () => {
    const type = Type.forSchema({
      type: 'record',
      name: 'R',
      fields: [{ name: 'm', type: { type: 'map', values: ['null', { type: 'array', items: 'int' }] } }],
    });
    const calls = [];
    expect(type.isValid({ m: { a: null, b: [1, 'x'] } }, { errorHook: (...args) => calls.push(args) })).toBe(false);
    expect(calls).toHaveLength(1);
    expect(calls[0][0]).toEqual(['m', 'b', '1']);
    expect(calls[0][1]).toBe('x');
    expect(calls[0][2]).toBe(type);
    expect(calls[0][3]).toMatch(/expected an int/);
  });
});

// ---- against avsc on random schemas ----

/** Gives every record field of a generated schema a random `order`. */
function withRandomOrders(schema, random) {
  const visit = (s) => {
    if (typeof s === 'string' || s === null) return;
    if (Array.isArray(s)) return s.forEach(visit);
    if (s.type === 'record') {
      for (const f of s.fields) {
        const roll = random();
        if (roll < 0.2) f.order = 'descending';
        else if (roll < 0.3) f.order = 'ignore';
        else if (roll < 0.4) f.order = 'ascending';
        visit(f.type);
      }
    }
    if (s.type === 'array') visit(s.items);
    if (s.type === 'map') visit(s.values);
  };
  visit(schema);
  return schema;
}

/** avsc's result, or the error class name when it throws ("maps cannot be compared"). */
function outcome(fn) {
  try {
    return sign(fn());
  } catch (error) {
    return /map/i.test(error.message) ? 'map' : `error: ${error.message}`;
  }
}

describe(`compare, equals and compareBuffers vs avsc ${require('avsc/package.json').version} (seed ${SEED})`, () => {
  const SCHEMAS = 80;
  const PAIRS = 12;
  const schemaGen = createSchemaGenerator(SEED, { maxDepth: 3 });
  const random = mulberry32(SEED);
  const cases = [];
  for (let i = 0; i < SCHEMAS; i++) cases.push([i, withRandomOrders(schemaGen.schema(), random)]);

  const outcomes = { ordered: 0, equal: 0, map: 0 };
  test.each(cases)('random schema %i', (i, schema) => {
    const ours = Type.forSchema(schema);
    const theirs = avsc.Type.forSchema(schema);
    const values = createValueGenerator(SEED + i, { nonFinite: false });
    const registry = buildRegistry(schema);
    const hasFloat = JSON.stringify(schema).includes('"float"');
    for (let k = 0; k < PAIRS; k++) {
      const a = values.value(schema, registry);
      // Half the pairs share a prefix of fields so that later fields decide.
      const b =
        k % 2
          ? values.value(schema, registry)
          : { ...a, ...(k % 4 === 0 ? {} : pickSome(values.value(schema, registry), random)) };
      const expected = outcome(() => theirs.compare(a, b));
      const got = outcome(() => ours.compare(a, b));
      if (got !== expected) throw new Error(`compare(${canon(a)}, ${canon(b)}): ours ${got}, avsc ${expected}`);
      outcomes[got === 'map' ? 'map' : got === 0 ? 'equal' : 'ordered']++;
      expect(outcome(() => ours.compare(b, a))).toBe(got === 'map' ? 'map' : -got || 0);
      // The same encodings (avsc's and ours are byte-identical, see differential.test.cjs).
      const bytesA = ours.toBuffer(a);
      const bytesB = ours.toBuffer(b);
      expect(outcome(() => ours.compareBuffers(bytesA, bytesB))).toBe(
        outcome(() => theirs.compareBuffers(Buffer.from(bytesA), Buffer.from(bytesB))),
      );
      if (got !== 'map') {
        expect(ours.equals(a, b)).toBe(got === 0);
        expect(ours.equals(a, ours.clone(a))).toBe(true);
        // clone gives the decoded form (floats aside: clone does not round them to 32 bits).
        if (!hasFloat) expect(canon(ours.clone(a))).toBe(canon(ours.fromBuffer(bytesA)));
      }
      expect([0, 'map']).toContain(outcome(() => ours.compare(a, a)));
    }
  });

  test('the random pairs exercised ordered, equal and map outcomes', () => {
    expect(outcomes.ordered).toBeGreaterThan(SCHEMAS * PAIRS * 0.4);
    expect(outcomes.equal).toBeGreaterThan(10);
    expect(outcomes.map).toBeGreaterThan(10);
  });
});

function pickSome(value, random) {
  const out = {};
  for (const key of Object.keys(value)) if (random() < 0.3) out[key] = value[key];
  return out;
}

describe('compare agrees with the bytes for logical types (avsc compares the underlying types)', () => {
  // avsc has no built-in logical types: it orders the encodings by the
  // underlying Avro types, which is what the spec defines.
  const schema = {
    type: 'record',
    name: 'L',
    fields: [
      { name: 'd', type: { type: 'int', logicalType: 'date' } },
      { name: 'dec', type: { type: 'bytes', logicalType: 'decimal', precision: 9, scale: 3 } },
      { name: 'ts', type: { type: 'long', logicalType: 'timestamp-millis' }, order: 'descending' },
      { name: 'us', type: { type: 'long', logicalType: 'timestamp-micros' } },
      { name: 'fd', type: { type: 'fixed', name: 'FD', size: 3, logicalType: 'decimal', precision: 6, scale: 1 } },
      { name: 'u', type: ['null', { type: 'fixed', name: 'U', size: 16, logicalType: 'uuid' }] },
      { name: 'dur', type: { type: 'fixed', name: 'Dur', size: 12, logicalType: 'duration' } },
      { name: 'big', type: { type: 'bytes', logicalType: 'big-decimal' } },
    ],
  };
  const ours = Type.forSchema(schema);
  const theirs = avsc.Type.forSchema(schema);
  const random = mulberry32(SEED ^ 0x5eed);
  const int = (n) => Math.floor(random() * n);
  const pick = (list) => list[int(list.length)];
  const hex = (n) => Array.from({ length: n }, () => pick('0f'.split(''))).join('');
  const value = () => ({
    d: pick([new Date(int(3) * 86400000 - 86400000), int(3) - 1]),
    dec: pick(['0', '-0.001', '1.5', '-1.5', '127', '-128.25', 99]),
    ts: pick([new Date(int(5) - 2), int(5) - 2]),
    us: pick([new PreciseDate(int(3) - 1, int(3) * 1000), BigInt(int(5000) - 2500)]),
    fd: pick([0, '0.1', '-0.1', '12.3', '-99.9']),
    u: pick([null, `${hex(8)}-0000-0000-0000-${hex(12)}`]),
    dur: { months: int(3) * 255, days: int(2), milliseconds: int(2) },
    big: pick(['0', '1', '-1', '1.50', '10', '0.5']),
  });

  test('compare(a, b) == avsc compareBuffers of the encodings, for 400 random pairs', () => {
    for (let k = 0; k < 400; k++) {
      const a = value();
      const b = random() < 0.3 ? { ...a, us: value().us } : value();
      const expected = theirs.compareBuffers(Buffer.from(ours.toBuffer(a)), Buffer.from(ours.toBuffer(b)));
      const got = ours.compare(a, b);
      if (got !== expected) throw new Error(`compare(${canon(a)}, ${canon(b)}) = ${got}, avsc bytes say ${expected}`);
      expect(ours.compareBuffers(ours.toBuffer(a), ours.toBuffer(b))).toBe(expected);
    }
  });
});

// ---- Type.forValue ----

/** The schema without record names and field defaults (avsc's records are anonymous). */
function shape(schema) {
  return JSON.parse(JSON.stringify(schema, (k, v) => (v && typeof v === 'object' && !Array.isArray(v) ? strip(v) : v)));
}
function strip(o) {
  const out = { ...o };
  if (out.type === 'record') delete out.name;
  delete out.default;
  return out;
}

describe('Type.forValue', () => {
  test('infers primitives, bytes, dates, arrays, records and maps', () => {
    const cases = [
      [null, 'null'],
      [true, 'boolean'],
      ['s', 'string'],
      [1, 'int'],
      [-2147483648, 'int'],
      [2147483648, 'long'],
      [Number.MAX_SAFE_INTEGER, 'long'],
      [2 ** 53, 'double'],
      [1.5, 'double'],
      [-0, 'double'],
      [NaN, 'double'],
      [5n, 'long'],
      [Uint8Array.of(1), 'bytes'],
      [new Date(0), { type: 'long', logicalType: 'timestamp-millis' }],
      [new PreciseDate(0, 5), { type: 'long', logicalType: 'timestamp-nanos' }],
      [[], { type: 'array', items: 'null' }],
      [[1, 2 ** 40], { type: 'array', items: 'long' }],
      [[1, 0.5, 2 ** 40], { type: 'array', items: 'double' }],
      [['a', 1, null, 'b'], { type: 'array', items: ['string', 'int', 'null'] }],
      [
        [new Date(1), new PreciseDate(1, 1)],
        { type: 'array', items: { type: 'long', logicalType: 'timestamp-nanos' } },
      ],
      [new Map([['a', 1]]), { type: 'map', values: 'int' }],
      [
        { 'not a name': 1, ok: 's' },
        { type: 'map', values: ['int', 'string'] },
      ],
      [{}, { type: 'record', name: 'Record', fields: [] }],
    ];
    for (const [value, schema] of cases) {
      const type = Type.forValue(value);
      expect([canon(value), type.schema()]).toEqual([canon(value), schema]);
      expect(type.isValid(value)).toBe(true);
    }
  });

  test('records get generated names; fields missing from some records become nullable with default null', () => {
    const value = [
      { id: 1, name: 'a', address: { zip: '1' } },
      { id: 2, address: { zip: '2', city: 'x' }, extra: undefined },
      { id: 3, name: null, address: { zip: '3' } },
    ];
    const type = Type.forValue(value);
    expect(type.schema()).toEqual({
      type: 'array',
      items: {
        type: 'record',
        name: 'Record',
        fields: [
          { name: 'id', type: 'int' },
          { name: 'name', type: ['null', 'string'], default: null },
          {
            name: 'address',
            type: {
              type: 'record',
              name: 'Record2',
              fields: [
                { name: 'zip', type: 'string' },
                { name: 'city', type: ['null', 'string'], default: null },
              ],
            },
          },
        ],
      },
    });
    expect(type.isValid(value)).toBe(true);
    expect(type.fromBuffer(type.toBuffer(value))[1]).toEqual({ id: 2, name: null, address: { zip: '2', city: 'x' } });
  });

  test('records combined with maps become maps; options reach the Type', () => {
    const type = Type.forValue([{ a: 1 }, { 'b-c': 2n }], { maps: 'Map', longs: 'bigint' });
    expect(type.schema()).toEqual({ type: 'array', items: { type: 'map', values: 'long' } });
    expect(type.fromBuffer(type.toBuffer([{ a: 1 }]))).toEqual([new Map([['a', 1n]])]);
  });

  test('values without an Avro type are ValueErrors with the path', () => {
    let error = thrown(() => Type.forValue({ a: [1, () => 0] }));
    expect(error).toBeInstanceOf(ValueError);
    expect(error.path).toBe('.a[1]');
    expect(thrown(() => Type.forValue(undefined))).toBeInstanceOf(ValueError);
    expect(thrown(() => Type.forValue({ d: new Date(NaN) })).path).toBe('.d');
    expect(thrown(() => Type.forValue(new Int16Array(2)))).toBeInstanceOf(ValueError);
    // A union may hold one long: Dates and large integers together have no Avro type.
    error = thrown(() => Type.forValue({ a: [new Date(0), 2 ** 40] }));
    expect(error).toBeInstanceOf(UnsupportedError);
    expect(error.path).toBe('.a');
    expect(Type.forValue([new Date(0), 1]).schema()).toEqual({
      type: 'array',
      items: [{ type: 'long', logicalType: 'timestamp-millis' }, 'int'],
    });
  });

  // Random JSON-like values where both libraries' rules coincide: 32-bit
  // integers, strings, booleans, null, Buffers, arrays, objects (avsc infers
  // float for fractions and for integers beyond 32 bits, and a record for a Date).
  test('agrees with avsc Type.forValue on 300 random values (names and defaults aside)', () => {
    const random = mulberry32(SEED ^ 0xf00d);
    const int = (n) => Math.floor(random() * n);
    const keys = ['a', 'b', 'c', '_d', 'x-y'];
    const gen = (depth) => {
      const roll = random();
      if (depth > 3 || roll < 0.4) {
        return [null, true, false, 0, -7, 2147483647, 'text', '', Buffer.from([1, 2])][int(9)];
      }
      if (roll < 0.65) {
        const out = [];
        const base = random() < 0.5 ? gen(depth + 1) : undefined;
        for (let i = int(4); i > 0; i--)
          out.push(base !== undefined && random() < 0.7 ? structuredLike(base) : gen(depth + 1));
        return out;
      }
      const out = {};
      for (let i = int(4); i > 0; i--) out[keys[int(keys.length)]] = gen(depth + 1);
      return out;
    };
    for (let k = 0; k < 300; k++) {
      const value = gen(0);
      const ours = Type.forValue(value);
      const theirs = avsc.Type.forValue(value);
      expect([canon(value), shape(ours.schema())]).toEqual([canon(value), shape(theirs.schema())]);
      expect(ours.isValid(value)).toBe(true);
      expect(canon(ours.fromBuffer(ours.toBuffer(value)))).toBe(canon(ours.clone(value)));
    }
  });
});

// A value of the same shape (so that records in an array share fields).
function structuredLike(v) {
  if (Array.isArray(v)) return v.map(structuredLike);
  if (v && typeof v === 'object' && !Buffer.isBuffer(v))
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, structuredLike(x)]));
  return v;
}
