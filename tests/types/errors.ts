// Values the schema rejects are compile errors. Each @ts-expect-error names
// the error code it expects (checked by tests/js/typescript.test.cjs) and must
// be needed: tsc reports an unused one (TS2578), and tests/types/fail proves
// that it does.
import { Type, encodeSingleObject, writeContainer } from 'avro-wasm';
import { bytes } from './util';

const user = Type.forSchema({
  type: 'record',
  name: 'User',
  fields: [
    { name: 'id', type: 'int' },
    { name: 'name', type: 'string' },
    { name: 'email', type: ['null', 'string'], default: null },
    { name: 'role', type: { type: 'enum', name: 'Role', symbols: ['ADMIN', 'USER'] }, default: 'USER' },
    { name: 'joined', type: { type: 'long', logicalType: 'timestamp-millis' } },
    { name: 'tags', type: { type: 'map', values: 'int' } },
  ],
});
user.toBuffer({ id: 1, name: 'Ada', joined: 0, tags: {} });

// Wrong field type.
// @ts-expect-error TS2322
user.toBuffer({ id: '1', name: 'Ada', joined: 0, tags: {} });
// Unknown enum symbol.
// @ts-expect-error TS2322
user.toBuffer({ id: 1, name: 'Ada', role: 'GUEST', joined: 0, tags: {} });
// Missing required field (no default).
// @ts-expect-error TS2741
user.toBuffer({ id: 1, joined: 0, tags: {} });
// null into a non-nullable field.
// @ts-expect-error TS2322
user.toBuffer({ id: 1, name: null, joined: 0, tags: {} });
// A string where a Date or timestamp number goes.
// @ts-expect-error TS2322
user.toBuffer({ id: 1, name: 'Ada', joined: '2024-01-01', tags: {} });
// Map values of the wrong type.
// @ts-expect-error TS2322
user.toBuffer({ id: 1, name: 'Ada', joined: 0, tags: { a: 'x' } });
// bigint where an int goes.
// @ts-expect-error TS2322
user.toBuffer({ id: 1n, name: 'Ada', joined: 0, tags: {} });

const decoded = user.fromBuffer(bytes);
// Decoded values have exactly the schema's fields.
// @ts-expect-error TS2339
decoded.nickname;
// A decoded timestamp-millis is a Date, not a number.
// @ts-expect-error TS2322
const joined: number = decoded.joined;
// A nullable field must be checked.
// @ts-expect-error TS18047
decoded.email.length;

// Wrapped unions need a branch name the union has.
const pick = Type.forSchema(['int', 'long']);
pick.toBuffer({ long: 1n });
// @ts-expect-error TS2353
pick.toBuffer({ double: 1 });
// @ts-expect-error TS2345
pick.toBuffer(1);

// Arrays and fixed.
const list = Type.forSchema({ type: 'array', items: 'string' });
// @ts-expect-error TS2322
list.toBuffer(['a', 1]);
// @ts-expect-error TS2740
Type.forSchema({ type: 'fixed', name: 'F', size: 2 }).toBuffer([1, 2]);

// Value operations, containers and framing check values too.
// @ts-expect-error TS2739
user.compare({ id: 1, name: 'a', joined: 0, tags: {} }, { id: 2 });
// @ts-expect-error TS2769
writeContainer([{ id: 'x' }], user);
// @ts-expect-error TS2769
writeContainer([1, 'x'], { type: 'array', items: 'int' });
// @ts-expect-error TS2769
encodeSingleObject('string', 5);
