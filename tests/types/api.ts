// Every API that takes or returns values carries the value type: Type
// methods, containers, streams and message framing.
import {
  Type,
  PreciseDate,
  SchemaStore,
  ContainerDecoder,
  ContainerEncoder,
  readContainer,
  writeContainer,
  readRecords,
  readBlocks,
  createDecoderStream,
  createEncoderStream,
  encodeSingleObject,
  decodeSingleObject,
  encodeConfluent,
  createConfluentDecoder,
  type TypeValue,
} from 'avro-wasm';
import { bytes, expectType, type Equal } from './util';

const user = Type.forSchema({
  type: 'record',
  name: 'User',
  fields: [
    { name: 'id', type: 'int' },
    { name: 'email', type: ['null', 'string'], default: null },
  ],
});
type User = { id: number; email: string | null };
expectType<Equal<TypeValue<typeof user>, User>>();

// Type methods.
expectType<Equal<ReturnType<typeof user.fromBuffer>, User>>();
expectType<Equal<ReturnType<typeof user.fromString>, User>>();
expectType<Equal<ReturnType<typeof user.random>, User>>();
expectType<Equal<ReturnType<typeof user.clone>, User>>();
expectType<Equal<ReturnType<typeof user.fromBuffers>, User[]>>();
const decoded = user.decode(bytes, 0);
if (decoded.value !== undefined) {
  const id: number = decoded.value.id;
}
const both: User[] = user.fromBuffers([bytes, bytes], true);
user.toBuffers([{ id: 1 }, { id: 2, email: 'a@b' }]);
const c: -1 | 0 | 1 = user.compare({ id: 1 }, { id: 2, email: null });
const eq: boolean = user.equals({ id: 1 }, user.fromBuffer(bytes));
const cb: number = user.compareBuffers(bytes, bytes);
const copy: User = user.clone({ id: 1 });
const wrappedCopy: User = user.clone({ id: 1, email: { string: 'x' } } as unknown, { wrapUnions: true });
const json: string = user.toString({ id: 3 });
const resolver = user.createResolver({ type: 'record', name: 'User', fields: [{ name: 'id', type: 'int' }] });
const resolved: User = user.fromBuffer(bytes, resolver);

// isValid narrows.
declare const input: unknown;
if (user.isValid(input)) {
  user.toBuffer(input);
}

// Type.forValue: the inferred type of similar values.
const inferred = Type.forValue({
  id: 1,
  name: 'x',
  tags: ['a'],
  at: new Date(),
  raw: bytes,
  big: 1n,
  note: undefined as string | undefined,
});
const iv = inferred.fromBuffer(bytes);
expectType<
  Equal<
    typeof iv,
    { id: number; name: string; tags: string[]; at: Date; raw: Uint8Array; big: number | bigint; note: string | null }
  >
>();
inferred.toBuffer(iv);
inferred.toBuffer({ id: 2, name: 'y', tags: [], at: new Date(), raw: bytes, big: 2n, note: undefined });
const precise = Type.forValue([new PreciseDate(0, 1)], { longs: 'bigint' });
expectType<Equal<ReturnType<typeof precise.fromBuffer>, PreciseDate[]>>();

// Containers: records typed by the Type or schema they are written with or read as.
writeContainer([{ id: 1 }], user);
writeContainer([{ id: 1, email: 'x' }], user, { codec: 'deflate' });
writeContainer(
  [{ a: 1n }],
  { type: 'record', name: 'A', fields: [{ name: 'a', type: 'long' }] },
  { codec: 'zstandard' },
);
const file = readContainer(bytes, { readerSchema: user });
expectType<Equal<typeof file.records, User[]>>();
const fileBigint = readContainer(bytes, {
  readerSchema: { type: 'record', name: 'A', fields: [{ name: 'a', type: 'long' }] },
  longs: 'bigint',
  bestEffort: true,
});
expectType<Equal<typeof fileBigint.records, { a: bigint }[]>>();
const untyped = readContainer(bytes);
expectType<Equal<typeof untyped.records, unknown[]>>();
const chosen = readContainer<User>(bytes);
expectType<Equal<typeof chosen.records, User[]>>();

async function streams(): Promise<void> {
  for await (const record of readRecords(bytes, { readerSchema: user })) {
    const id: number = record.id;
  }
  for await (const block of readBlocks(bytes, { readerSchema: user })) {
    expectType<Equal<typeof block.records, User[]>>();
  }
  for await (const record of readRecords(bytes)) {
    expectType<Equal<typeof record, unknown>>();
  }
  const decoder = createDecoderStream({ readerSchema: user });
  expectType<Equal<typeof decoder, TransformStream<Uint8Array, User>>>();
  const blocks = createDecoderStream({ readerSchema: user, blocks: true });
  expectType<Equal<typeof blocks, TransformStream<Uint8Array, import('avro-wasm').ContainerBlock<User>>>>();
  const encoder = createEncoderStream(user);
  expectType<Equal<typeof encoder, TransformStream<{ id: number; email?: string | null }, Uint8Array>>>();
  const literalEncoder = createEncoderStream({ type: 'array', items: 'string' });
  expectType<Equal<typeof literalEncoder, TransformStream<readonly string[], Uint8Array>>>();
}

const incremental = new ContainerDecoder({ readerSchema: user });
const block = incremental.nextBlock();
if (block) {
  const first: User | undefined = block.records[0];
}
const writer = new ContainerEncoder(user, { codec: 'snappy' });
writer.write({ id: 1 });
writer.writeMany([{ id: 2 }, { id: 3, email: null }]);

// Framing.
encodeSingleObject(user, { id: 1 });
encodeSingleObject({ type: 'array', items: 'int' }, [1, 2]);
encodeConfluent(7, user, { id: 1, email: 'x' });
encodeConfluent(7, 'string', 'text');
const single = decodeSingleObject(bytes, user);
expectType<Equal<typeof single, User>>();
const store = new SchemaStore([user], { typeOptions: { longs: 'bigint' } });
// The store's typeOptions are not followed by the declarations: add a Type to keep value types.
const added = store.add(
  Type.forSchema({ type: 'record', name: 'B', fields: [{ name: 'n', type: 'long' }] }, { longs: 'bigint' }),
);
expectType<Equal<TypeValue<typeof added>, { n: bigint }>>();
const addedSchema = store.add('int');
expectType<Equal<TypeValue<typeof addedSchema>, unknown>>();
const viaReader = decodeSingleObject(bytes, store, { readerSchema: user });
expectType<Equal<typeof viaReader, User>>();
const viaSchema = decodeSingleObject(bytes, user, {
  readerSchema: { type: 'record', name: 'B', fields: [{ name: 'n', type: 'long' }] },
});
expectType<Equal<typeof viaSchema, { n: number | bigint }>>();
const unknownValue = decodeSingleObject(bytes, store);
expectType<Equal<typeof unknownValue, unknown>>();

async function confluent(): Promise<void> {
  const decoder = createConfluentDecoder({ lookup: async () => user, readerSchema: user });
  const value = await decoder.decode(bytes);
  expectType<Equal<typeof value, User>>();
  const many = await decoder.decodeMany([bytes]);
  expectType<Equal<typeof many, User[]>>();
  const literal = createConfluentDecoder({
    lookup: () => null,
    readerSchema: { type: 'map', values: 'long' },
    typeOptions: { maps: 'Map' },
  });
  expectType<Equal<ReturnType<typeof literal.decodeSync>, Map<string, number | bigint>>>();
  const loose = createConfluentDecoder({ lookup: () => 'int' });
  expectType<Equal<Awaited<ReturnType<typeof loose.decode>>, unknown>>();
}
