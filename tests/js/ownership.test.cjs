// Ownership: every handle (Type, Resolver, ContainerDecoder/Encoder) frees
// its wasm memory on dispose() / [Symbol.dispose], a FinalizationRegistry
// frees what users forget, and long runs of calls, good or failing, leave
// the wasm heap and the JS heap flat.
'use strict';

const v8 = require('node:v8');
const vm = require('node:vm');
const avro = require('../../dist/index.cjs');
const { thrown } = require('./helpers.cjs');

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc');

const SCHEMA = {
  type: 'record',
  name: 'User',
  fields: [
    { name: 'id', type: 'long' },
    { name: 'name', type: 'string' },
    { name: 'email', type: ['null', 'string'] },
    { name: 'tags', type: { type: 'array', items: 'string' } },
    { name: 'score', type: 'double' },
  ],
};
const user = (i) => ({ id: i, name: `user-${i}`, email: i % 2 ? null : `u${i}@example.com`, tags: ['a', 'b'], score: i / 3 });

// Lets finalizers run: they are scheduled after a collection, not inside it.
async function collect() {
  for (let i = 0; i < 4; i++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function jsHeap() {
  gc();
  return process.memoryUsage().heapUsed;
}

test('dispose() and [Symbol.dispose] free a Type; using it afterwards is a clear error', () => {
  const before = avro.memoryUsage().heapInUse;
  const type = avro.Type.forSchema(SCHEMA);
  expect(avro.memoryUsage().heapInUse).toBeGreaterThan(before);
  type.dispose();
  expect(avro.memoryUsage().heapInUse).toBe(before);
  expect(thrown(() => type.toBuffer(user(1))).message).toMatch(/disposed/);
  type.dispose(); // idempotent

  const scoped = avro.Type.forSchema(SCHEMA);
  scoped[Symbol.dispose]();
  expect(avro.memoryUsage().heapInUse).toBe(before);
});

test('resolvers, container decoders and encoders release everything they hold', () => {
  const before = avro.memoryUsage().heapInUse;
  for (let round = 0; round < 200; round++) {
    const writer = avro.Type.forSchema(SCHEMA);
    const reader = avro.Type.forSchema({ type: 'record', name: 'User', fields: [{ name: 'name', type: 'string' }] });
    const resolver = reader.createResolver(writer);
    const encoder = new avro.ContainerEncoder(SCHEMA, { codec: 'deflate' });
    encoder.write(user(round));
    const file = encoder.end();
    const decoder = new avro.ContainerDecoder({ readerSchema: reader.schema() });
    decoder.push(file);
    decoder.end();
    expect(decoder.nextBlock().records).toEqual([{ name: `user-${round}` }]);
    reader.fromBuffer(writer.toBuffer(user(round)), resolver);
    for (const handle of [decoder, resolver, reader, writer]) handle.dispose();
  }
  expect(avro.memoryUsage().heapInUse).toBe(before);
});

test('the FinalizationRegistry frees Types nobody disposed', async () => {
  await collect();
  const before = avro.memoryUsage().heapInUse;
  (() => {
    for (let i = 0; i < 500; i++) avro.Type.forSchema(SCHEMA).toBuffer(user(i));
  })();
  expect(avro.memoryUsage().heapInUse).toBeGreaterThan(before + 100000);
  await collect();
  expect(avro.memoryUsage().heapInUse).toBeLessThanOrEqual(before + 4096);
});

test('1,000,000 toBuffer + fromBuffer round trips leave the wasm and JS heaps flat', () => {
  const type = avro.Type.forSchema(SCHEMA);
  const roundTrip = (count) => {
    for (let i = 0; i < count; i++) type.fromBuffer(type.toBuffer(user(i)));
  };
  roundTrip(10000); // warm up: buffers reach their working size
  const wasmBefore = avro.memoryUsage();
  const jsBefore = jsHeap();
  roundTrip(1000000);
  const wasmAfter = avro.memoryUsage();
  expect(wasmAfter.heapInUse).toBeLessThanOrEqual(wasmBefore.heapInUse + 64 * 1024);
  expect(wasmAfter.wasmMemory).toBe(wasmBefore.wasmMemory);
  expect(jsHeap() - jsBefore).toBeLessThan(8 * 1024 * 1024);
  type.dispose();
}, 120000);

test('100,000 failing calls leave the heaps flat and the module working', () => {
  const type = avro.Type.forSchema(SCHEMA);
  const good = type.toBuffer(user(7));
  const fail = (count) => {
    for (let i = 0; i < count; i++) {
      switch (i % 4) {
        case 0: thrown(() => type.fromBuffer(good.subarray(0, i % good.length))); break;
        case 1: thrown(() => type.toBuffer({ ...user(i), tags: [1] })); break;
        case 2: thrown(() => avro.Type.forSchema({ type: 'record', name: 'Bad', fields: [{ name: 'x', type: 'nope' }] })); break;
        default: thrown(() => type.fromBuffer(Uint8Array.of(...good, 0))); break;
      }
    }
  };
  fail(2000);
  const wasmBefore = avro.memoryUsage();
  const jsBefore = jsHeap();
  fail(100000);
  expect(avro.memoryUsage().heapInUse).toBeLessThanOrEqual(wasmBefore.heapInUse + 64 * 1024);
  expect(avro.memoryUsage().wasmMemory).toBe(wasmBefore.wasmMemory);
  expect(jsHeap() - jsBefore).toBeLessThan(8 * 1024 * 1024);
  expect(type.fromBuffer(good)).toEqual(user(7));
  type.dispose();
}, 120000);
