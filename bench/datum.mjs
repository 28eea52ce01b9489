// Single-datum calls (toBuffer, fromBuffer, isValid) vs avsc.
import { Type } from '../dist/index.mjs';
import { avscType, userSchema, makeUsers, time, assertEqual, row } from './common.mjs';

export async function datumRows(count) {
  const records = makeUsers(count);
  const ours = Type.forSchema(userSchema);
  const theirs = avscType(userSchema);

  // Equality first: identical bytes both ways, identical values back.
  const ourBuffers = records.map((r) => ours.toBuffer(r));
  const theirBuffers = records.map((r) => theirs.toBuffer(r));
  for (let i = 0; i < records.length; i++) {
    if (Buffer.compare(Buffer.from(ourBuffers[i]), theirBuffers[i]) !== 0)
      throw new Error(`bench: encodings differ at ${i}`);
  }
  assertEqual(
    ourBuffers.map((b) => ours.fromBuffer(b)),
    records,
    'avro-wasm decode',
  );
  assertEqual(
    theirBuffers.map((b) => ({ ...theirs.fromBuffer(b) })),
    records,
    'avsc decode',
  );

  const rows = [];
  const measure = async (what, oursFn, theirsFn, target) =>
    rows.push(row(what, count, await time(oursFn), await time(theirsFn), { target }));
  await measure(
    'datum encode (toBuffer per record) vs avsc',
    () => {
      for (const r of records) ours.toBuffer(r);
    },
    () => {
      for (const r of records) theirs.toBuffer(r);
    },
    'datum',
  );
  await measure(
    'datum decode (fromBuffer per record) vs avsc',
    () => {
      for (const b of ourBuffers) ours.fromBuffer(b);
    },
    () => {
      for (const b of theirBuffers) theirs.fromBuffer(b);
    },
    'datum',
  );
  assertEqual(ours.fromBuffers(ourBuffers), records, 'avro-wasm batch decode');
  assertEqual(
    ours.toBuffers(records).map((b) => Buffer.from(b)),
    theirBuffers,
    'avro-wasm batch encode',
  );
  await measure(
    'batch encode (toBuffers) vs avsc toBuffer per record',
    () => ours.toBuffers(records),
    () => {
      for (const r of records) theirs.toBuffer(r);
    },
    'batch',
  );
  await measure(
    'batch decode (fromBuffers) vs avsc fromBuffer per record',
    () => ours.fromBuffers(ourBuffers),
    () => {
      for (const b of theirBuffers) theirs.fromBuffer(b);
    },
    'batch',
  );
  await measure(
    'datum validate (isValid) vs avsc',
    () => {
      for (const r of records) ours.isValid(r);
    },
    () => {
      for (const r of records) theirs.isValid(r);
    },
  );
  return rows;
}
