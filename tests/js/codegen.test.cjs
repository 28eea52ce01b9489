// Generated record readers (wasm/src/codegen.js) are an optimization: for
// any schema and value they must decode exactly what the closures decode.
'use strict';

const { Type } = require('../../dist/index.cjs');
const { createSchemaGenerator, createValueGenerator, buildRegistry, canon } = require('./gen.cjs');

const SEED = 20261122;

test('Node uses generated readers by default; { codegen: false } uses closures; both agree', () => {
  const schemas = createSchemaGenerator(SEED);
  let compared = 0;
  for (let s = 0; s < 60; s++) {
    const schema = schemas.schema();
    const generated = Type.forSchema(schema);
    const closures = Type.forSchema(schema, { codegen: false });
    const values = createValueGenerator(SEED + s);
    const registry = buildRegistry(schema);
    const buffers = [];
    for (let i = 0; i < 10; i++) buffers.push(generated.toBuffer(values.value(schema, registry)));
    for (const bytes of buffers) {
      expect(canon(generated.fromBuffer(bytes))).toBe(canon(closures.fromBuffer(bytes)));
      compared++;
    }
    expect(generated.fromBuffers(buffers).map(canon)).toEqual(closures.fromBuffers(buffers).map(canon));
    generated.dispose();
    closures.dispose();
  }
  expect(compared).toBe(600);
});

test('generated record writers encode exactly what the closures encode, and fail the same way', () => {
  const schemas = createSchemaGenerator(SEED + 1);
  let compared = 0;
  for (let s = 0; s < 60; s++) {
    const schema = schemas.schema();
    const generated = Type.forSchema(schema);
    const closures = Type.forSchema(schema, { codegen: false });
    const values = createValueGenerator(SEED + 100 + s);
    const registry = buildRegistry(schema);
    const batch = [];
    for (let i = 0; i < 10; i++) {
      const value = values.value(schema, registry);
      batch.push(value);
      expect(Buffer.from(generated.toBuffer(value))).toEqual(Buffer.from(closures.toBuffer(value)));
      compared++;
    }
    expect(generated.toBuffers(batch).map((b) => Buffer.from(b))).toEqual(
      closures.toBuffers(batch).map((b) => Buffer.from(b)),
    );
    generated.dispose();
    closures.dispose();
  }
  expect(compared).toBe(600);
});

test('generated record writers: defaults, inherited names and error paths', () => {
  const schema = {
    type: 'record',
    name: 'R',
    fields: [
      { name: 'constructor', type: 'int', default: 7 },
      { name: 'toString', type: ['null', 'string'], default: null },
      { name: 'inner', type: { type: 'record', name: 'I', fields: [{ name: 'n', type: 'long' }] } },
      { name: 'tag', type: 'string', default: 'x' },
    ],
  };
  const generated = Type.forSchema(schema);
  const closures = Type.forSchema(schema, { codegen: false });
  const good = { inner: { n: 1 } };
  expect(Buffer.from(generated.toBuffer(good))).toEqual(Buffer.from(closures.toBuffer(good)));
  expect(generated.fromBuffer(generated.toBuffer(good))).toEqual({
    constructor: 7,
    toString: null,
    inner: { n: 1 },
    tag: 'x',
  });
  const own = JSON.parse('{"constructor": 3, "toString": "s", "inner": {"n": 2}}');
  expect(generated.fromBuffer(generated.toBuffer(own))).toEqual({
    constructor: 3,
    toString: 's',
    inner: { n: 2 },
    tag: 'x',
  });
  const bad = { inner: { n: 'no' } };
  const errorOf = (type) => {
    try {
      type.toBuffer(bad);
    } catch (error) {
      return [error.code, error.path, error.message];
    }
    return null;
  };
  expect(errorOf(generated)).toEqual(errorOf(closures));
  expect(errorOf(generated)[1]).toBe('.inner.n');
});

test('a field named __proto__ stays an own property either way', () => {
  const schema = {
    type: 'record',
    name: 'P',
    fields: [
      { name: '__proto__', type: 'int' },
      { name: 'x', type: 'string' },
    ],
  };
  for (const codegen of [true, false]) {
    const type = Type.forSchema(schema, { codegen });
    const value = type.fromBuffer(type.toBuffer(JSON.parse('{"__proto__": 5, "x": "y"}')));
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(['__proto__', 'x']);
  }
});
