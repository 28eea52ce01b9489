// The README's TypeScript example ("### TypeScript"), type-checked; tests/js/typescript.test.cjs
// checks that it is the README's block line for line, with an @ts-expect-error before the error line.
import { Type, type TypeValue } from 'avro-wasm';

const type = Type.forSchema({
  type: 'record',
  name: 'User',
  fields: [
    { name: 'id', type: 'long' },
    { name: 'email', type: ['null', 'string'], default: null },
    { name: 'role', type: { type: 'enum', name: 'Role', symbols: ['ADMIN', 'USER'] } },
    { name: 'joined', type: { type: 'long', logicalType: 'timestamp-millis' } },
  ],
} as const);

type User = TypeValue<typeof type>; // { id: number | bigint; email: string | null; role: 'ADMIN' | 'USER'; joined: Date }
const bytes = type.toBuffer({ id: 1, role: 'USER', joined: new Date() }); // email has a default: optional here
const user: User = type.fromBuffer(bytes);
// @ts-expect-error TS2322
type.toBuffer({ id: 2, role: 'GUEST', joined: new Date() }); // error: '"GUEST"' is not assignable to '"ADMIN" | "USER"'

// What the comments above say.
import { expectType, type Equal } from './util';
expectType<Equal<User, { id: number | bigint; email: string | null; role: 'ADMIN' | 'USER'; joined: Date }>>();
expectType<Equal<Parameters<typeof type.toBuffer>[0]['email'], string | null | undefined>>();
