// Logical types as readers.js maps them, and their underlying types with
// logicalTypes: false or when the annotation does not apply.
import { Type, PreciseDate, type Duration, type InferValue, type InferInput } from 'avro-wasm';
import { bytes, expectType, type Equal } from './util';

type Out<S> = InferValue<S>;
type In<S> = InferInput<S>;

expectType<Equal<Out<{ type: 'int'; logicalType: 'date' }>, Date>>();
expectType<Equal<In<{ type: 'int'; logicalType: 'date' }>, Date | number>>();
expectType<Equal<Out<{ type: 'int'; logicalType: 'time-millis' }>, number>>();
expectType<Equal<Out<{ type: 'long'; logicalType: 'time-micros' }>, number | bigint>>();
expectType<Equal<Out<{ type: 'long'; logicalType: 'timestamp-millis' }>, Date>>();
expectType<Equal<Out<{ type: 'long'; logicalType: 'local-timestamp-millis' }>, Date>>();
expectType<Equal<In<{ type: 'long'; logicalType: 'timestamp-millis' }>, Date | number | bigint>>();
expectType<Equal<Out<{ type: 'long'; logicalType: 'timestamp-micros' }>, PreciseDate>>();
expectType<Equal<Out<{ type: 'long'; logicalType: 'local-timestamp-micros' }>, PreciseDate>>();
expectType<Equal<Out<{ type: 'long'; logicalType: 'timestamp-nanos' }>, PreciseDate>>();
expectType<Equal<Out<{ type: 'long'; logicalType: 'local-timestamp-nanos' }>, PreciseDate>>();
expectType<Equal<In<{ type: 'long'; logicalType: 'timestamp-nanos' }>, Date | number | bigint>>();
expectType<Equal<Out<{ type: 'bytes'; logicalType: 'decimal'; precision: 10; scale: 2 }>, string>>();
expectType<Equal<In<{ type: 'bytes'; logicalType: 'decimal'; precision: 10; scale: 2 }>, string | number | bigint>>();
expectType<Equal<Out<{ type: 'fixed'; name: 'D'; size: 8; logicalType: 'decimal'; precision: 10 }>, string>>();
expectType<Equal<Out<{ type: 'bytes'; logicalType: 'big-decimal' }>, string>>();
expectType<Equal<Out<{ type: 'string'; logicalType: 'uuid' }>, string>>();
expectType<Equal<Out<{ type: 'fixed'; name: 'U'; size: 16; logicalType: 'uuid' }>, string>>();
expectType<Equal<Out<{ type: 'fixed'; name: 'Dur'; size: 12; logicalType: 'duration' }>, Duration>>();
expectType<
  Equal<
    In<{ type: 'fixed'; name: 'Dur'; size: 12; logicalType: 'duration' }>,
    { months?: number; days?: number; milliseconds?: number }
  >
>();

// Annotations that do not apply fall back to the underlying type, as in the core.
expectType<Equal<Out<{ type: 'string'; logicalType: 'date' }>, string>>();
expectType<Equal<Out<{ type: 'bytes'; logicalType: 'decimal' }>, Uint8Array>>(); // no precision
expectType<Equal<Out<{ type: 'fixed'; name: 'U'; size: 8; logicalType: 'uuid' }>, Uint8Array>>();
expectType<Equal<Out<{ type: 'fixed'; name: 'Dur'; size: 4; logicalType: 'duration' }>, Uint8Array>>();
expectType<Equal<Out<{ type: 'int'; logicalType: 'timestamp-millis' }>, number>>();
expectType<Equal<Out<{ type: 'long'; logicalType: 'my-own-type' }>, number | bigint>>();

// logicalTypes: false gives the underlying values.
const raw = Type.forSchema(
  {
    type: 'record',
    name: 'Raw',
    fields: [
      { name: 'day', type: { type: 'int', logicalType: 'date' } },
      { name: 'at', type: { type: 'long', logicalType: 'timestamp-micros' } },
      { name: 'price', type: { type: 'bytes', logicalType: 'decimal', precision: 4, scale: 2 } },
      { name: 'id', type: { type: 'string', logicalType: 'uuid' } },
    ],
  },
  { logicalTypes: false, longs: 'bigint' },
);
const r = raw.fromBuffer(bytes);
expectType<Equal<typeof r, { day: number; at: bigint; price: Uint8Array; id: string }>>();

// Natural values by default.
const event = Type.forSchema({
  type: 'record',
  name: 'Event',
  fields: [
    { name: 'day', type: { type: 'int', logicalType: 'date' } },
    { name: 'at', type: { type: 'long', logicalType: 'timestamp-micros' } },
    { name: 'price', type: { type: 'bytes', logicalType: 'decimal', precision: 4, scale: 2 } },
  ],
});
const e = event.fromBuffer(bytes);
const micros: number = e.at.getMicroseconds();
const day: number = e.day.getUTCDate();
const price: string = e.price;
event.toBuffer({ day: 19000, at: 1700000000000000n, price: 12.5 });
event.toBuffer({ day: new Date(), at: new PreciseDate(0, 5000), price: '1.25' });
