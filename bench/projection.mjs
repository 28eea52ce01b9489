// Projection: a 40-field record read with a 3-field reader schema, vs
// avsc's resolver, on the same container file and the same datums.
import { Type, readContainer, writeContainer } from '../dist/index.mjs';
import { avsc, time, assertEqual, row } from './common.mjs';
import { wideSchema, makeWide } from './datasets.mjs';
import { avscDecode } from './container.mjs';

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

  assertEqual(
    datums.map((d) => ours.fromBuffer(d, resolver)),
    expected,
    'avro-wasm projection',
  );
  assertEqual(
    datums.map((d) => ({ ...theirReader.fromBuffer(d, theirResolver) })),
    expected,
    'avsc projection',
  );
  assertEqual(readContainer(file, { readerSchema: projection }).records, expected, 'avro-wasm container projection');

  const perDatumOurs = await time(() => {
    for (const d of datums) ours.fromBuffer(d, resolver);
  });
  const perDatumTheirs = await time(() => {
    for (const d of datums) theirReader.fromBuffer(d, theirResolver);
  });
  // Whole-file and batch calls return every value: their peers collect too.
  assertEqual(await avscDecode(file, { readerSchema: projection }), expected, 'avsc container projection');
  const containerOurs = await time(() => readContainer(file, { readerSchema: projection }));
  const containerTheirs = await time(() => avscDecode(file, { readerSchema: projection }));
  const batchTheirsFn = () => datums.map((d) => theirReader.fromBuffer(d, theirResolver, true));
  assertEqual(ours.fromBuffers(datums, resolver, true), expected, 'avro-wasm batch projection');
  assertEqual(
    batchTheirsFn().map((r) => ({ ...r })),
    expected,
    'avsc batch projection',
  );
  const batchOurs = await time(() => ours.fromBuffers(datums, resolver, true));
  const batchTheirs = await time(batchTheirsFn);
  return [
    row(
      'projection 3 of 40 fields, per datum (fromBuffer + resolver) vs avsc resolver',
      count,
      perDatumOurs,
      perDatumTheirs,
      { target: 'projection' },
    ),
    row(
      'projection 3 of 40 fields, container (readerSchema) vs avsc BlockDecoder (readerSchema)',
      count,
      containerOurs,
      containerTheirs,
      { target: 'projection' },
    ),
    row(
      'projection 3 of 40 fields, batch (fromBuffers, stops early) vs avsc resolver per datum, collected',
      count,
      batchOurs,
      batchTheirs,
      { target: 'projection' },
    ),
  ];
}
