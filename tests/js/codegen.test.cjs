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

test('a field named __proto__ stays an own property either way', () => {
  const schema = { type: 'record', name: 'P', fields: [{ name: '__proto__', type: 'int' }, { name: 'x', type: 'string' }] };
  for (const codegen of [true, false]) {
    const type = Type.forSchema(schema, { codegen });
    const value = type.fromBuffer(type.toBuffer(JSON.parse('{"__proto__": 5, "x": "y"}')));
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(['__proto__', 'x']);
  }
});
