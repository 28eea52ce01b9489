// Schema resolution through the JS API: readerType.createResolver(writer),
// fromBuffer(bytes, resolver), and readContainer(..., { readerSchema }).
// Differential: python3-avro writes each file with the writer schema and
// reads it back with the reader schema; avro-wasm must read python's file
// to the same values.
'use strict';

const avro = require('../../dist/index.cjs');
const { referencePython, testWithTool, runJsonTool, normalize } = require('./reference.cjs');
const path = require('node:path');
const { thrown } = require('./helpers.cjs');

const WRITER = {
  type: 'record',
  name: 'User',
  namespace: 'example',
  fields: [
    { name: 'id', type: 'int' },
    { name: 'name', type: 'string' },
    { name: 'tags', type: { type: 'array', items: 'string' } },
    { name: 'score', type: ['null', 'float'] },
    { name: 'kind', type: { type: 'enum', name: 'Kind', symbols: ['A', 'B', 'C'] } },
    { name: 'address', type: { type: 'record', name: 'Address', fields: [{ name: 'zip', type: 'int' }, { name: 'city', type: 'string' }] } },
  ],
};

const CASES = [
  {
    name: 'projection: two fields, writer-only fields skipped',
    reader: { type: 'record', name: 'User', namespace: 'example', fields: [{ name: 'name', type: 'string' }, { name: 'id', type: 'int' }] },
  },
  {
    name: 'promotions, defaults, reordering',
    reader: {
      type: 'record',
      name: 'User',
      namespace: 'example',
      fields: [
        { name: 'address', type: { type: 'record', name: 'Address', fields: [{ name: 'city', type: 'string' }, { name: 'zip', type: 'long' }, { name: 'country', type: 'string', default: 'NL' }] } },
        { name: 'id', type: 'double' },
        { name: 'score', type: ['null', 'double'] },
        { name: 'active', type: 'boolean', default: true },
        { name: 'kind', type: { type: 'enum', name: 'Kind', symbols: ['C', 'B', 'A'] } },
      ],
    },
  },
];
// python3-avro 1.11.1 implements neither reader aliases, enum defaults nor
// string<->bytes promotion (it raises SchemaResolutionException), so those
// are checked by hand below.

const RECORDS = Array.from({ length: 30 }, (_, i) => ({
  id: i * 1000 - 7,
  name: `user ${i} ü`,
  tags: Array.from({ length: i % 3 }, (_, j) => `t${j}`),
  score: i % 4 === 0 ? null : i / 4,
  kind: ['A', 'B', 'C'][i % 3],
  address: { zip: 1000 + i, city: `City${i}` },
}));

describe('against python3-avro', () => {
  let reference;
  beforeAll(() => {
    if (!referencePython()) return;
    const input = CASES.map((c) => ({ writer: WRITER, reader: c.reader, records: RECORDS }));
    reference = runJsonTool(referencePython(), [path.join(__dirname, '../reference/pyavro_resolve.py')], input);
  });

  CASES.forEach((c, i) => {
    testWithTool(c.name, referencePython(), 'python3-avro', () => {
      const expected = reference[i];
      expect(expected.error).toBeUndefined();
      const file = Buffer.from(expected.file, 'hex');
      const options = { readerSchema: c.reader, logicalTypes: false, wrapUnions: 'never' };
      const result = avro.readContainer(file, options);
      expect(result.records.map(normalize)).toEqual(expected.resolved);
      // The writer schema stays visible; the records follow the reader's field order.
      expect(result.schema.name).toBe('User');
      expect(Object.keys(result.records[0])).toEqual(c.reader.fields.map((f) => f.name));
    });
  });
});

describe('Type API', () => {
  const writer = avro.Type.forSchema(WRITER);
  const reader = avro.Type.forSchema(CASES[1].reader);

  test('fromBuffer and decode with a resolver (string read as bytes)', () => {
    const reader = avro.Type.forSchema({
      ...CASES[1].reader,
      fields: CASES[1].reader.fields.map((f) =>
        f.name === 'address' ? { ...f, type: { ...f.type, fields: f.type.fields.map((g) => (g.name === 'city' ? { ...g, type: 'bytes' } : g)) } } : f,
      ),
    });
    const resolver = reader.createResolver(writer);
    const bytes = writer.toBuffer(RECORDS[5]);
    const value = reader.fromBuffer(bytes, resolver);
    expect(value).toEqual({
      address: { city: new TextEncoder().encode('City5'), zip: 1005, country: 'NL' },
      id: 4993,
      score: 1.25,
      active: true,
      kind: 'C',
    });
    expect(reader.decode(bytes, 0, resolver)).toEqual({ value, offset: bytes.length });
  });

  test('reader aliases rename records and fields; unknown enum symbols take the reader default', () => {
    const renamed = avro.Type.forSchema({
      type: 'record',
      name: 'Person',
      aliases: ['example.User'],
      fields: [
        { name: 'identifier', aliases: ['id'], type: 'long' },
        { name: 'kind', type: { type: 'enum', name: 'Kind', namespace: 'example', symbols: ['A', 'OTHER'], default: 'OTHER' } },
      ],
    });
    const resolver = renamed.createResolver(writer);
    expect(RECORDS.slice(0, 3).map((r) => renamed.fromBuffer(writer.toBuffer(r), resolver))).toEqual([
      { identifier: -7, kind: 'A' },
      { identifier: 993, kind: 'OTHER' },
      { identifier: 1993, kind: 'OTHER' },
    ]);
  });

  test('readContainer and readRecords take a readerSchema', async () => {
    const file = avro.writeContainer(RECORDS, WRITER, { codec: 'deflate', blockSize: 200 });
    const projection = CASES[0].reader;
    const expected = RECORDS.map((r) => ({ name: r.name, id: r.id }));
    expect(avro.readContainer(file, { readerSchema: projection }).records).toEqual(expected);
    const streamed = [];
    for await (const record of avro.readRecords(file, { readerSchema: avro.Type.forSchema(projection) })) streamed.push(record);
    expect(streamed).toEqual(expected);
  });

  test('incompatible schemas fail at createResolver with path and rule', () => {
    const narrow = avro.Type.forSchema({ type: 'record', name: 'User', namespace: 'example', fields: [{ name: 'id', type: 'long' }, { name: 'missing', type: 'int' }] });
    const error = thrown(() => narrow.createResolver(writer));
    expect(error).toBeInstanceOf(avro.ResolutionError);
    expect(error.code).toBe('INCOMPATIBLE');
    expect(error.path).toBe('.missing');
    const zip = avro.Type.forSchema({ type: 'record', name: 'R', fields: [{ name: 'zip', type: 'int' }] });
    const longZip = avro.Type.forSchema({ type: 'record', name: 'R', fields: [{ name: 'zip', type: 'long' }] });
    const promoted = thrown(() => zip.createResolver(longZip));
    expect(promoted.message).toBe('writer type "long" cannot be promoted to reader type "int" at .zip');
  });

  test('data-dependent failures surface when decoding', () => {
    const unionWriter = avro.Type.forSchema(['null', 'string']);
    const stringReader = avro.Type.forSchema('string');
    const resolver = stringReader.createResolver(unionWriter);
    expect(stringReader.fromBuffer(unionWriter.toBuffer('x'), resolver)).toBe('x');
    expect(thrown(() => stringReader.fromBuffer(unionWriter.toBuffer(null), resolver)).code).toBe('INCOMPATIBLE');
  });

  test('noCheck: decoding stops after the last field the reader needs', () => {
    const idOnly = avro.Type.forSchema({ type: 'record', name: 'User', namespace: 'example', fields: [{ name: 'id', type: 'int' }] });
    const resolver = idOnly.createResolver(writer);
    const bytes = writer.toBuffer(RECORDS[3]);
    // Only the id (first field) is read: everything after it may be garbage.
    const idEnd = avro.Type.forSchema('int').toBuffer(RECORDS[3].id).length;
    const damaged = Uint8Array.from([...bytes.subarray(0, idEnd), 0xff, 0xff, 0xff]);
    expect(idOnly.fromBuffer(damaged, resolver, true)).toEqual({ id: RECORDS[3].id });
    expect(idOnly.fromBuffers([damaged, bytes], resolver, true)).toEqual([{ id: RECORDS[3].id }, { id: RECORDS[3].id }]);
    // Without noCheck every writer field is read and checked.
    expect(thrown(() => idOnly.fromBuffer(damaged, resolver)).code).toBe('TRUNCATED');
    expect(idOnly.fromBuffer(bytes, resolver)).toEqual({ id: RECORDS[3].id });
    // decode() reports where the datum ends, so it always reads to the end.
    expect(idOnly.decode(bytes, 0, resolver)).toEqual({ value: { id: RECORDS[3].id }, offset: bytes.length });
  });

  test('fromBuffers resolves a batch and names the failing datum', () => {
    const resolver = reader.createResolver(writer);
    const buffers = RECORDS.slice(0, 5).map((r) => writer.toBuffer(r));
    expect(reader.fromBuffers(buffers, resolver)).toEqual(buffers.map((b) => reader.fromBuffer(b, resolver)));
    const error = thrown(() => reader.fromBuffers([buffers[0], buffers[1].subarray(0, 3)], resolver));
    expect(error.code).toBe('TRUNCATED');
    expect(error.path.startsWith('[1]')).toBe(true);
  });

  test('a resolver belongs to its reader type', () => {
    const resolver = reader.createResolver(writer);
    expect(thrown(() => writer.fromBuffer(writer.toBuffer(RECORDS[0]), resolver)).code).toBe('INVALID_VALUE');
  });
});
