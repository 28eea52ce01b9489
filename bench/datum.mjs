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

  assertEqual(ours.fromBuffers(ourBuffers), records, 'avro-wasm batch decode');
  assertEqual(
    ours.toBuffers(records).map((b) => Buffer.from(b)),
    theirBuffers,
    'avro-wasm batch encode',
  );

  // avsc has no batch calls: its side is the per-record loop, which for the
  // batch rows collects the results, as the batch calls return them all.
  const encodeEach = (type) => () => records.forEach((r) => type.toBuffer(r));
  const decodeEach = (type, buffers) => () => buffers.forEach((b) => type.fromBuffer(b));
  const encodeAll = (type) => () => records.map((r) => type.toBuffer(r));
  const decodeAll = (type, buffers) => () => buffers.map((b) => type.fromBuffer(b));
  const cases = [
    ['datum encode (toBuffer per record) vs avsc', encodeEach(ours), encodeEach(theirs), 'datum'],
    [
      'datum decode (fromBuffer per record) vs avsc',
      decodeEach(ours, ourBuffers),
      decodeEach(theirs, theirBuffers),
      'datum',
    ],
    [
      'batch encode (toBuffers) vs avsc toBuffer per record, collected',
      () => ours.toBuffers(records),
      encodeAll(theirs),
      'batch',
    ],
    [
      'batch decode (fromBuffers) vs avsc fromBuffer per record, collected',
      () => ours.fromBuffers(ourBuffers),
      decodeAll(theirs, theirBuffers),
      'batch',
    ],
    [
      'datum validate (isValid) vs avsc',
      () => records.forEach((r) => ours.isValid(r)),
      () => records.forEach((r) => theirs.isValid(r)),
    ],
  ];
  const rows = [];
  for (const [what, oursFn, theirsFn, target] of cases) {
    rows.push(row(what, count, await time(oursFn), await time(theirsFn), { target }));
  }
  return rows;
}
