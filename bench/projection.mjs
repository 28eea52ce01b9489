// Projection: a 40-field record read with a 3-field reader schema, vs
// avsc's resolver, on the same container file and the same datums.
import { Type, readContainer, writeContainer } from '../dist/index.mjs';
import { avsc, time, assertEqual, row } from './common.mjs';

const KINDS = ['long', 'double', 'string', 'int', 'boolean'];

export const wideSchema = {
  type: 'record',
  name: 'Wide',
  namespace: 'bench',
  fields: Array.from({ length: 40 }, (_, i) => ({ name: `f${i}`, type: KINDS[i % KINDS.length] })),
};
const projection = {
  type: 'record',
  name: 'Wide',
  namespace: 'bench',
  fields: [
    { name: 'f0', type: 'long' },
    { name: 'f17', type: 'string' },
    { name: 'f33', type: 'int' },
  ],
};

function makeWide(n) {
  let seed = 7;
  const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff) / 0x7fffffff;
  return Array.from({ length: n }, (_, r) => {
    const record = {};
    wideSchema.fields.forEach((f, i) => {
      const kind = KINDS[i % KINDS.length];
      record[f.name] =
        kind === 'long' ? r * 40 + i : kind === 'double' ? rand() * 1e6 : kind === 'string' ? `value-${r}-${i}` : kind === 'int' ? i * r : rand() > 0.5;
    });
    return record;
  });
}

export async function projectionRows(count) {
  const records = makeWide(count);
  const expected = records.map((r) => ({ f0: r.f0, f17: r.f17, f33: r.f33 }));
  const ours = Type.forSchema(projection);
  const resolver = ours.createResolver(Type.forSchema(wideSchema));
  const theirWriter = avsc.Type.forSchema(wideSchema);
  const theirReader = avsc.Type.forSchema(projection);
  const theirResolver = theirReader.createResolver(theirWriter);
  const datums = records.map((r) => theirWriter.toBuffer(r));
  const file = writeContainer(records, wideSchema);

  assertEqual(datums.map((d) => ours.fromBuffer(d, resolver)), expected, 'avro-wasm projection');
  assertEqual(datums.map((d) => ({ ...theirReader.fromBuffer(d, theirResolver) })), expected, 'avsc projection');
  assertEqual(readContainer(file, { readerSchema: projection }).records, expected, 'avro-wasm container projection');

  const perDatumOurs = await time(() => { for (const d of datums) ours.fromBuffer(d, resolver); });
  const perDatumTheirs = await time(() => { for (const d of datums) theirReader.fromBuffer(d, theirResolver); });
  const containerOurs = await time(() => readContainer(file, { readerSchema: projection }));
  assertEqual(ours.fromBuffers(datums, resolver, true), expected, 'avro-wasm batch projection');
  const batchOurs = await time(() => ours.fromBuffers(datums, resolver, true));
  return [
    row('projection 3 of 40 fields, per datum (fromBuffer + resolver) vs avsc resolver', count, perDatumOurs, perDatumTheirs),
    row('projection 3 of 40 fields, container (readerSchema) vs avsc resolver per datum', count, containerOurs, perDatumTheirs),
    row('projection 3 of 40 fields, batch (fromBuffers, stops early) vs avsc resolver', count, batchOurs, perDatumTheirs),
  ];
}
