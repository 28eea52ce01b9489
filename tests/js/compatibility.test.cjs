// Schema compatibility from JavaScript. Expected verdicts are facts from
// Java's SchemaCompatibility tests, Confluent Schema Registry's
// AvroCompatibilityTest and the spec, not our own output; the native suite
// (tests/native/compatibility_test.cpp) ports the full Java case lists.
'use strict';

const {
  Type,
  AvroError,
  SchemaError,
  LimitError,
  checkCompatibility,
  checkCompatibilityMode,
} = require('../../dist/index.cjs');
const { thrown } = require('./helpers.cjs');

const record = (name, fields) => ({ type: 'record', name, fields });
const kindsAndPaths = (found) => found.map(({ kind, path }) => [kind, path]);

describe('checkCompatibility', () => {
  test('compatible pairs give an empty list', () => {
    // Java's COMPATIBLE_READER_WRITER_TEST_CASES (a sample) and the spec's promotions.
    const pairs = [
      ['long', 'int'],
      ['float', 'long'],
      ['double', 'float'],
      ['string', 'bytes'],
      ['bytes', 'string'],
      [
        ['int', 'string'],
        ['string', 'int'],
      ],
      [['float'], ['int', 'long']],
      ['double', ['int', 'long', 'float', 'double']],
      [record('Record1', [{ name: 'a', type: 'int', default: 0 }]), record('Record1', [])],
      [record('Record1', [{ name: 'a', type: 'long' }]), record('Record1', [{ name: 'a', type: 'int' }])],
      [
        { type: 'enum', name: 'Enum1', symbols: ['A', 'B', 'C'] },
        { type: 'enum', name: 'Enum1', symbols: ['A', 'B'] },
      ],
    ];
    for (const [reader, writer] of pairs) expect(checkCompatibility(reader, writer)).toEqual([]);
  });

  test('accepts Types, objects, JSON text and bare names alike', () => {
    const v1 = record('User', [{ name: 'id', type: 'int' }]);
    const v2 = record('User', [
      { name: 'id', type: 'long' },
      { name: 'email', type: ['null', 'string'], default: null },
    ]);
    const type = Type.forSchema(v2);
    expect(checkCompatibility(type, v1)).toEqual([]);
    expect(checkCompatibility(JSON.stringify(v2), Type.forSchema(v1))).toEqual([]);
    expect(checkCompatibility('long', '"int"')).toEqual([]);
    expect(checkCompatibility(' double ', 'float')).toEqual([]);
  });

  test('an incompatibility names its kind, Java location and rule', () => {
    expect(checkCompatibility('int', 'long')).toEqual([
      { kind: 'TYPE_MISMATCH', path: '/', message: 'writer type "long" cannot be promoted to reader type "int"' },
    ]);
    expect(checkCompatibility(record('R', [{ name: 'zip', type: 'string' }]), record('R', []))).toEqual([
      {
        kind: 'READER_FIELD_MISSING_DEFAULT_VALUE',
        path: '/fields/0',
        message: 'reader field "zip" has no default and is missing from the writer',
      },
    ]);
  });

  test("every problem, in schema order (Java's TestSchemaCompatibilityMultiple)", () => {
    const enumType = (name, symbols) => ({ type: 'enum', name, symbols });
    const reader = record('base', [
      { name: 'check_enum_symbols_field', type: enumType('check_enum_symbols_type', ['A', 'C']) },
      { name: 'check_enum_name_field', type: enumType('check_enum_name_type', ['A', 'B', 'C', 'D']) },
      { name: 'type_mismatch_field', type: 'string' },
      {
        name: 'sub_record',
        type: record('sub_record_type', [
          { name: 'identical_1_field', type: 'long', default: 42 },
          { name: 'extra_no_default_field', type: 'long' },
          { name: 'fixed_length_mismatch_field', type: { type: 'fixed', name: 'fixed_length_mismatch_type', size: 4 } },
          { name: 'union_missing_branches_field', type: ['boolean'] },
          { name: 'reader_union_does_not_support_type_field', type: ['boolean'] },
          {
            name: 'record_fqn_mismatch_field',
            type: {
              ...record('recordA', [
                { name: 'A_field_0', type: 'boolean', default: true },
                { name: 'array_type_mismatch_field', type: { type: 'array', items: 'string' } },
              ]),
              namespace: 'not_nsA',
            },
          },
        ]),
      },
    ]);
    const writer = record('base', [
      { name: 'check_enum_symbols_field', type: enumType('check_enum_symbols_type', ['A', 'B', 'C', 'D']) },
      { name: 'check_enum_name_field', type: enumType('check_enum_name_type_ERR', ['A', 'B', 'C', 'D']) },
      { name: 'type_mismatch_field', type: 'long' },
      {
        name: 'sub_record',
        type: record('sub_record_type', [
          { name: 'identical_1_field', type: 'long', default: 42 },
          { name: 'fixed_length_mismatch_field', type: { type: 'fixed', name: 'fixed_length_mismatch_type', size: 8 } },
          { name: 'union_missing_branches_field', type: ['boolean', 'double', 'string'] },
          { name: 'reader_union_does_not_support_type_field', type: 'long' },
          {
            name: 'record_fqn_mismatch_field',
            type: {
              ...record('recordA', [
                { name: 'A_field_0', type: 'boolean', default: true },
                { name: 'array_type_mismatch_field', type: { type: 'array', items: 'boolean' } },
              ]),
              namespace: 'nsA',
            },
          },
        ]),
      },
    ]);
    expect(kindsAndPaths(checkCompatibility(reader, writer))).toEqual([
      ['MISSING_ENUM_SYMBOLS', '/fields/0/type/symbols'],
      ['NAME_MISMATCH', '/fields/1/type/name'],
      ['TYPE_MISMATCH', '/fields/2/type'],
      ['READER_FIELD_MISSING_DEFAULT_VALUE', '/fields/3/type/fields/1'],
      ['FIXED_SIZE_MISMATCH', '/fields/3/type/fields/2/type/size'],
      ['MISSING_UNION_BRANCH', '/fields/3/type/fields/3/type/1'],
      ['MISSING_UNION_BRANCH', '/fields/3/type/fields/3/type/2'],
      ['MISSING_UNION_BRANCH', '/fields/3/type/fields/4/type'],
      ['TYPE_MISMATCH', '/fields/3/type/fields/5/type/fields/1/type/items'],
    ]);
  });

  test('recursive schemas', () => {
    const list = (head) =>
      record('List', [
        { name: 'head', type: head },
        { name: 'tail', type: ['null', 'List'] },
      ]);
    expect(checkCompatibility(list('long'), list('int'))).toEqual([]);
    expect(kindsAndPaths(checkCompatibility(list('int'), list('long')))).toEqual([['TYPE_MISMATCH', '/fields/0/type']]);
  });

  test('schema errors throw SchemaError naming the schema; the module keeps working', () => {
    let error = thrown(() => checkCompatibility({ type: 'record', name: 'R', fields: [{ name: 'a' }] }, 'int'));
    expect(error).toBeInstanceOf(SchemaError);
    expect(error.code).toBe('SCHEMA_PARSE');
    expect(error.path).toBe('.fields[0]');
    expect(error.message).toMatch(/^reader schema: /);
    error = thrown(() => checkCompatibility('int', '{"type":'));
    expect(error).toBeInstanceOf(SchemaError);
    expect(error.code).toBe('JSON_SYNTAX');
    expect(error.message).toMatch(/^writer schema: /);
    expect(thrown(() => checkCompatibility(42, 'int'))).toBeInstanceOf(SchemaError);
    expect(checkCompatibility('long', 'int')).toEqual([]);
  });

  test('pathologically deep recursion is a LimitError, not a crash', () => {
    // Reader and writer cycles of coprime lengths: 41 * 43 distinct type pairs in a row.
    const ring = (n) => {
      let type = record(`N${n - 1}`, [{ name: 'next', type: 'N0' }]);
      for (let k = n - 2; k >= 0; k--) type = record(`N${k}`, [{ name: 'next', type }]);
      return type;
    };
    const error = thrown(() => checkCompatibility(ring(41), ring(43)));
    expect(error).toBeInstanceOf(LimitError);
    expect(error.code).toBe('LIMIT_EXCEEDED');
    expect(checkCompatibility(ring(41), ring(41))).toEqual([]);
  });
});

describe('checkCompatibilityMode (Confluent Schema Registry)', () => {
  // Confluent's AvroCompatibilityTest schemas.
  const schema1 = record('myrecord', [{ type: 'string', name: 'f1' }]);
  const schema2 = record('myrecord', [
    { type: 'string', name: 'f1' },
    { type: 'string', name: 'f2', default: 'foo' },
  ]);
  const schema3 = record('myrecord', [
    { type: 'string', name: 'f1' },
    { type: 'string', name: 'f2' },
  ]);
  const schema4 = record('myrecord', [{ type: 'string', name: 'f1_new', aliases: ['f1'] }]);
  const schema6 = record('myrecord', [{ type: ['null', 'string'], name: 'f1', doc: 'doc of f1' }]);
  const schema7 = record('myrecord', [{ type: ['null', 'string', 'int'], name: 'f1', doc: 'doc of f1' }]);
  const schema8 = record('myrecord', [
    { type: 'string', name: 'f1' },
    { type: 'string', name: 'f2', default: 'foo' },
    { type: 'string', name: 'f3', default: 'bar' },
  ]);
  const ok = (schema, previous, mode) => checkCompatibilityMode(schema, previous, mode).compatible;

  test('BACKWARD (the default) and BACKWARD_TRANSITIVE', () => {
    expect(ok(schema2, [schema1], 'BACKWARD')).toBe(true);
    expect(ok(schema3, [schema1], 'BACKWARD')).toBe(false);
    expect(ok(schema4, [schema1], 'BACKWARD')).toBe(true);
    expect(ok(schema6, [schema1], 'BACKWARD')).toBe(true);
    expect(ok(schema1, [schema6], 'BACKWARD')).toBe(false);
    expect(ok(schema7, [schema6], 'BACKWARD')).toBe(true);
    expect(ok(schema6, [schema7], 'BACKWARD')).toBe(false);
    expect(ok(schema3, [schema1, schema2])).toBe(true); // only the latest is checked
    expect(ok(schema8, [schema1, schema2], 'BACKWARD_TRANSITIVE')).toBe(true);
    expect(ok(schema3, [schema2], 'BACKWARD_TRANSITIVE')).toBe(true);
    expect(ok(schema3, [schema2, schema1], 'BACKWARD_TRANSITIVE')).toBe(false);
  });

  test('FORWARD and FORWARD_TRANSITIVE', () => {
    expect(ok(schema2, [schema1], 'FORWARD')).toBe(true);
    expect(ok(schema3, [schema1], 'FORWARD')).toBe(true);
    expect(ok(schema3, [schema2], 'FORWARD')).toBe(true);
    expect(ok(schema2, [schema3], 'FORWARD')).toBe(true);
    expect(ok(schema1, [schema3, schema2], 'FORWARD')).toBe(true);
    expect(ok(schema1, [schema8, schema2], 'FORWARD_TRANSITIVE')).toBe(true);
    expect(ok(schema1, [schema2], 'FORWARD_TRANSITIVE')).toBe(true);
    expect(ok(schema1, [schema2, schema3], 'FORWARD_TRANSITIVE')).toBe(false);
  });

  test('FULL and FULL_TRANSITIVE', () => {
    expect(ok(schema2, [schema1], 'FULL')).toBe(true);
    expect(ok(schema3, [schema1, schema2], 'FULL')).toBe(true);
    expect(ok(schema1, [schema3, schema2], 'FULL')).toBe(true);
    expect(ok(schema8, [schema1, schema2], 'FULL_TRANSITIVE')).toBe(true);
    expect(ok(schema1, [schema8, schema2], 'FULL_TRANSITIVE')).toBe(true);
    expect(ok(schema3, [schema2, schema1], 'FULL_TRANSITIVE')).toBe(false);
    expect(ok(schema1, [schema2, schema3], 'FULL_TRANSITIVE')).toBe(false);
    expect(ok('string', [schema1], 'NONE')).toBe(true);
  });

  test('incompatibilities name the previous schema and the direction', () => {
    // v1 -> v2 adds f2 with a default -> v3 drops the default: only the transitive check fails.
    expect(ok(schema3, [schema1, Type.forSchema(schema2)], 'backward')).toBe(true);
    expect(checkCompatibilityMode(schema3, [schema1, JSON.stringify(schema2)], 'backward_transitive')).toEqual({
      compatible: false,
      incompatibilities: [
        {
          kind: 'READER_FIELD_MISSING_DEFAULT_VALUE',
          path: '/fields/1',
          message: 'reader field "f2" has no default and is missing from the writer',
          previous: 0,
          direction: 'backward',
        },
      ],
    });
    const found = checkCompatibilityMode(schema1, [schema3, schema2], 'FORWARD_TRANSITIVE').incompatibilities;
    expect(found.map(({ kind, previous, direction }) => [kind, previous, direction])).toEqual([
      ['READER_FIELD_MISSING_DEFAULT_VALUE', 0, 'forward'],
    ]);
  });

  test('bad arguments', () => {
    let error = thrown(() => checkCompatibilityMode(schema1, [schema1], 'SIDEWAYS'));
    expect(error).toBeInstanceOf(AvroError);
    expect(error.code).toBe('INVALID_VALUE');
    error = thrown(() => checkCompatibilityMode(schema1, schema1, 'FULL'));
    expect(error).toBeInstanceOf(AvroError);
    error = thrown(() => checkCompatibilityMode(schema1, [schema1, { type: 'nope' }], 'FULL'));
    expect(error).toBeInstanceOf(SchemaError);
    expect(error.message).toMatch(/^previous 1 schema: /);
    expect(checkCompatibilityMode(schema1, [], 'FULL_TRANSITIVE')).toEqual({ compatible: true, incompatibilities: [] });
  });
});
