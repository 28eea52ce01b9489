// Records, enums, arrays, maps, fixed and primitives from literal schemas;
// decoded (output) and encodable (input) types; options.
import { Type, checkCompatibility, type InferValue, type InferInput, type TypeValue, type TypeInput } from 'avro-wasm';
import { bytes, expectType, type Equal } from './util';

// Primitives by name.
expectType<Equal<TypeValue<Type<number>>, number>>();
expectType<Equal<InferValue<'null'>, null>>();
expectType<Equal<InferValue<'boolean'>, boolean>>();
expectType<Equal<InferValue<'int'>, number>>();
expectType<Equal<InferValue<'float'>, number>>();
expectType<Equal<InferValue<'double'>, number>>();
expectType<Equal<InferValue<'string'>, string>>();
expectType<Equal<InferValue<'bytes'>, Uint8Array>>();
expectType<Equal<InferValue<{ type: 'string' }>, string>>();

// Longs: number when exact, bigint beyond (longs 'auto'); always bigint with longs 'bigint'.
expectType<Equal<InferValue<'long'>, number | bigint>>();
expectType<Equal<InferValue<'long', { longs: 'bigint' }>, bigint>>();
expectType<Equal<InferInput<'long', { longs: 'bigint' }>, number | bigint>>();
const long = Type.forSchema('long', { longs: 'bigint' });
expectType<Equal<ReturnType<typeof long.fromBuffer>, bigint>>();
long.toBuffer(1);
long.toBuffer(1n);

const user = Type.forSchema({
  type: 'record',
  name: 'User',
  namespace: 'example',
  fields: [
    { name: 'id', type: 'long' },
    { name: 'name', type: 'string' },
    { name: 'nickname', type: 'string', default: '' },
    { name: 'role', type: { type: 'enum', name: 'Role', symbols: ['ADMIN', 'USER'] }, default: 'USER' },
    { name: 'tags', type: { type: 'array', items: 'string' } },
    { name: 'scores', type: { type: 'map', values: 'double' } },
    { name: 'key', type: { type: 'fixed', name: 'Key', size: 4 } },
    { name: 'blob', type: 'bytes' },
    { name: 'manager', type: ['null', 'User'], default: null },
  ],
});

type User = TypeValue<typeof user>;
expectType<Equal<User['id'], number | bigint>>();
expectType<Equal<User['name'], string>>();
expectType<Equal<User['nickname'], string>>();
expectType<Equal<User['role'], 'ADMIN' | 'USER'>>();
expectType<Equal<User['tags'], string[]>>();
expectType<Equal<User['scores'], Record<string, number>>>();
expectType<Equal<User['key'], Uint8Array>>();
expectType<Equal<User['blob'], Uint8Array>>();
// A reference to the record itself (by short name inside its namespace).
expectType<Equal<NonNullable<User['manager']>['name'], string>>();

const decoded = user.fromBuffer(bytes);
const role: 'ADMIN' | 'USER' = decoded.role;
const manager = decoded.manager?.manager?.manager?.name;
expectType<Equal<typeof manager, string | undefined>>();
// Every field is there when decoded.
expectType<Equal<keyof User, 'id' | 'name' | 'nickname' | 'role' | 'tags' | 'scores' | 'key' | 'blob' | 'manager'>>();

// Input: fields with defaults may be left out; arrays may be readonly; maps may be Maps.
user.toBuffer({ id: 1n, name: 'Ada', tags: [], scores: {}, key: bytes, blob: bytes });
user.toBuffer({
  id: 1,
  name: 'Ada',
  nickname: 'a',
  role: 'ADMIN',
  tags: ['x'] as const,
  scores: new Map([['math', 1.5]]),
  key: bytes,
  blob: bytes,
  manager: null,
});
type UserIn = TypeInput<typeof user>;
expectType<Equal<UserIn['nickname'], string | undefined>>();
// What decoding gives can always be encoded again.
user.toBuffer(decoded);
user.toBuffer(user.clone(decoded));

// maps: 'Map' decodes maps to Map.
const counts = Type.forSchema({ type: 'map', values: 'int' }, { maps: 'Map' });
expectType<Equal<ReturnType<typeof counts.fromBuffer>, Map<string, number>>>();
counts.toBuffer({ a: 1 });
counts.toBuffer(new Map([['a', 1]]));

// Named types referenced across namespaces, by full and by short name.
const order = Type.forSchema({
  type: 'record',
  name: 'shop.Order',
  fields: [
    { name: 'status', type: { type: 'enum', name: 'Status', symbols: ['NEW', 'DONE'] } },
    { name: 'previous', type: 'Status' },
    { name: 'again', type: 'shop.Status' },
    {
      name: 'line',
      type: {
        type: 'record',
        name: 'Line',
        namespace: 'shop.items',
        fields: [
          { name: 'sku', type: { type: 'fixed', name: 'Sku', size: 8 } },
          { name: 'status', type: 'shop.Status' },
        ],
      },
    },
    { name: 'sku', type: 'shop.items.Sku' },
    { name: 'lines', type: { type: 'array', items: 'shop.items.Line' } },
  ],
});
type Order = TypeValue<typeof order>;
expectType<Equal<Order['status'], 'NEW' | 'DONE'>>();
expectType<Equal<Order['previous'], 'NEW' | 'DONE'>>();
expectType<Equal<Order['again'], 'NEW' | 'DONE'>>();
expectType<Equal<Order['line']['status'], 'NEW' | 'DONE'>>();
expectType<Equal<Order['sku'], Uint8Array>>();
expectType<Equal<Order['lines'][number]['sku'], Uint8Array>>();

// A schema held in a variable `as const` works the same.
const pointSchema = {
  type: 'record',
  name: 'Point',
  fields: [
    { name: 'x', type: 'double' },
    { name: 'y', type: 'double' },
  ],
} as const;
const point = Type.forSchema(pointSchema);
expectType<Equal<TypeValue<typeof point>, { x: number; y: number }>>();
expectType<Equal<InferValue<typeof pointSchema>, { x: number; y: number }>>();

// Not a literal: values are unknown.
const text = Type.forSchema('{"type": "record", "name": "R", "fields": []}');
expectType<Equal<ReturnType<typeof text.fromBuffer>, unknown>>();
text.toBuffer({ anything: true });
const loose: { type: string; name: string; fields: { name: string; type: string }[] } = {
  type: 'record',
  name: 'R',
  fields: [],
};
const looseType = Type.forSchema(loose);
expectType<Equal<TypeValue<typeof looseType>, unknown>>();
declare const anySchema: import('avro-wasm').Schema;
expectType<Equal<InferValue<typeof anySchema>, unknown>>();
declare const parsed: any; // e.g. JSON.parse(text)
const fromAny = Type.forSchema(parsed);
expectType<Equal<TypeValue<typeof fromAny>, unknown>>();
// An unknown name is unknown, not an error.
expectType<Equal<InferValue<'Nowhere'>, unknown>>();

// Type.forSchema(type) returns the Type itself.
const same = Type.forSchema(user);
expectType<Equal<typeof same, typeof user>>();
// A typed Type is a Type (whose values are unknown), wherever one is taken.
const plain: Type = user;
checkCompatibility(user, plain);
checkCompatibility({ type: 'record', name: 'R', fields: [] }, '{"type": "record", "name": "R", "fields": []}');

// errorHook reports the path as strings; isValid narrows to the input type.
declare const maybe: unknown;
if (
  user.isValid(maybe, {
    errorHook: (path: string[], _value: unknown, type, message: string) => void [path, type.name, message],
  })
) {
  const name: string = maybe.name;
}
