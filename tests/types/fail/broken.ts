// Deliberately broken: every "expect" comment names the error tsc must
// report on the line after it, and tsc must report nothing else.
import { Type } from 'avro-wasm';
import { expectType, type Equal } from '../util';

const point = Type.forSchema({
  type: 'record',
  name: 'Point',
  fields: [
    { name: 'x', type: 'int' },
    { name: 'y', type: 'int', default: 0 },
  ],
});

// A @ts-expect-error over a line that compiles is itself an error: types
// that became too loose would make the expected-error cases fail this way.
// expect TS2578
// @ts-expect-error
point.toBuffer({ x: 1 });

// expectType fails for types that are only assignable, not equal.
// expect TS2344
expectType<Equal<ReturnType<typeof point.fromBuffer>, { x: number; y?: number }>>();
// expect TS2344
expectType<Equal<ReturnType<typeof point.fromBuffer>, any>>();

// The values themselves.
// expect TS2322
point.toBuffer({ x: 'one' });
// expect TS2741
point.toBuffer({ y: 1 });
