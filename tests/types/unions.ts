// Unions as the runtime represents them (wasm/src/unions.js): bare values
// when every branch is a different kind of JS value (wrapUnions 'auto'),
// else wrapped { "<branch name>": value } with null bare; 'always' and
// 'never' force one form.
import { Type, type InferValue, type InferInput, type PreciseDate } from 'avro-wasm';
import { bytes, expectType, type Equal } from './util';

// Nullable: T | null.
expectType<Equal<InferValue<['null', 'string']>, string | null>>();
expectType<Equal<InferValue<['string', 'null']>, string | null>>();
// Distinct kinds of JS value: bare.
expectType<Equal<InferValue<['int', 'string', 'boolean', 'bytes']>, number | string | boolean | Uint8Array>>();
expectType<
  Equal<
    InferValue<['null', { type: 'array'; items: 'int' }, { type: 'map'; values: 'int' }]>,
    null | number[] | Record<string, number>
  >
>();
// Dates are their own kind: a timestamp and a number can share a bare union.
expectType<Equal<InferValue<['double', { type: 'long'; logicalType: 'timestamp-millis' }]>, number | Date>>();
// ... but not with logicalTypes: false, where both are numbers.
expectType<
  Equal<
    InferValue<['double', { type: 'long'; logicalType: 'timestamp-millis' }], { logicalTypes: false }>,
    { double: number } | { long: number | bigint }
  >
>();

// Two numbers, two strings (an enum is a string), two objects: wrapped.
expectType<Equal<InferValue<['null', 'int', 'long']>, null | { int: number } | { long: number | bigint }>>();
type Wrapped = InferValue<
  [
    'null',
    'string',
    { type: 'enum'; name: 'Color'; namespace: 'paint'; symbols: ['RED', 'GREEN'] },
    { type: 'record'; name: 'Point'; fields: [{ name: 'x'; type: 'int' }] },
    { type: 'map'; values: 'int' },
  ]
>;
expectType<
  Equal<
    Wrapped,
    | null
    | { string: string }
    | { 'paint.Color': 'RED' | 'GREEN' }
    | { Point: { x: number } }
    | { map: Record<string, number> }
  >
>();
// Decimals are strings, so they clash with strings; bytes and fixed are both bytes.
expectType<
  Equal<
    InferValue<['string', { type: 'bytes'; logicalType: 'decimal'; precision: 4; scale: 2 }]>,
    { string: string } | { bytes: string }
  >
>();
expectType<
  Equal<InferValue<['bytes', { type: 'fixed'; name: 'F'; size: 2 }]>, { bytes: Uint8Array } | { F: Uint8Array }>
>();

// Input: named branches also by short name.
type WrappedIn = InferInput<
  ['null', { type: 'record'; name: 'a.b.Rec'; fields: [] }, { type: 'record'; name: 'Other'; fields: [] }]
>;
expectType<Equal<WrappedIn, null | { 'a.b.Rec': {} } | { Rec: {} } | { Other: {} }>>();

const shapes = Type.forSchema([
  { type: 'record', name: 'geo.Circle', fields: [{ name: 'r', type: 'double' }] },
  { type: 'record', name: 'geo.Square', fields: [{ name: 'side', type: 'double' }] },
]);
shapes.toBuffer({ Circle: { r: 1 } });
shapes.toBuffer({ 'geo.Square': { side: 2 } });
const shape = shapes.fromBuffer(bytes);
if ('geo.Circle' in shape) {
  const r: number = shape['geo.Circle'].r;
}

// wrapUnions 'always': every non-null branch wrapped; 'never': always bare.
expectType<Equal<InferValue<['null', 'string'], { wrapUnions: 'always' }>, null | { string: string }>>();
expectType<Equal<InferValue<['int', 'long'], { wrapUnions: 'never' }>, number | bigint>>();
const never = Type.forSchema(['int', 'long', 'string'], { wrapUnions: 'never' });
never.toBuffer(1);
never.toBuffer(2n);
never.toBuffer('x');

// Unions through references and in fields.
const event = Type.forSchema({
  type: 'record',
  name: 'Event',
  fields: [
    { name: 'at', type: ['null', { type: 'long', logicalType: 'timestamp-micros' }], default: null },
    { name: 'payload', type: ['null', 'Event', 'string'] },
  ],
});
const e = event.fromBuffer(bytes);
expectType<Equal<typeof e.at, PreciseDate | null>>();
expectType<Equal<typeof e.payload, null | string | typeof e>>();

// Options that are not literals: every form they allow.
declare const someOptions: import('avro-wasm').TypeOptions;
const vague = Type.forSchema(['null', 'int', 'long'], someOptions);
const v = vague.fromBuffer(bytes);
expectType<Equal<typeof v, null | number | bigint | { int: number } | { long: number | bigint }>>();
