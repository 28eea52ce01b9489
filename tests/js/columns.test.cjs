// Columnar decoding (decodeColumns, toArrow). Every readable record-schema
// container file in ../shared/testdata is decoded into columns, each cell is
// rebuilt from the Arrow-layout buffers and compared with what Apache's
// python3-avro read from the same file at the same field path.
'use strict';

const fs = require('node:fs');
const arrow = require('apache-arrow');
const avro = require('../../dist/index.cjs');
const { TESTDATA, IS_CI, testdataPath, hex, thrown } = require('./helpers.cjs');
const ref = require('./reference.cjs');

const PYTHON = ref.referencePython();
const FILES = ref.listContainerFiles();
const utf8 = new TextDecoder();

/** One cell of a column, rebuilt from its buffers, in normalize()'s form. */
function cell(column, row) {
  if (column.validity && !(column.validity[row >> 3] & (1 << (row & 7)))) return null;
  if (column.listOffsets) {
    const items = [];
    for (let i = column.listOffsets[row]; i < column.listOffsets[row + 1]; i++) items.push(item(column, i));
    return items;
  }
  return item(column, row);
}

function item(column, i) {
  switch (column.type) {
    case 'null': return null;
    case 'bool': return (column.values[i >> 3] & (1 << (i & 7))) !== 0;
    case 'enum': return column.symbols[column.values[i]];
    case 'utf8': return utf8.decode(column.values.subarray(column.offsets[i], column.offsets[i + 1]));
    case 'binary': return { $bytes: hex(column.values.subarray(column.offsets[i], column.offsets[i + 1])) };
    case 'fixed': return { $bytes: hex(column.values.subarray(i * column.width, (i + 1) * column.width)) };
    default: return ref.normalize(column.values[i]);
  }
}

/** The value at a dotted path of a python3-avro record (null through a null record). */
function at(record, path) {
  let value = record;
  for (const name of path.split('.')) {
    if (value === null) return null;
    value = value[name];
  }
  return value;
}

const canon = (v) => ref.canonText(ref.normalize(v));

describe('against python3-avro', () => {
  let reference;
  beforeAll(() => {
    if (!PYTHON || FILES.length === 0) return;
    reference = ref.pyavroDump(FILES.map((f) => testdataPath(f))).byPath;
  }, 120000);

  test('test data and python3-avro are present', () => {
    if (!IS_CI && (!PYTHON || FILES.length === 0)) return;
    expect(FILES.length).toBeGreaterThan(80);
    expect(PYTHON).toBeTruthy();
  });

  test('every column of every readable record file matches, cell by cell', () => {
    if (!reference) return;
    let files = 0;
    let cells = 0;
    for (const file of FILES) {
      const expected = reference.get(testdataPath(file));
      if (!expected || expected.error || !expected.header || expected.fallbacks.length) continue;
      const bytes = fs.readFileSync(testdataPath(file));
      const root = avro.Type.forSchema(expected.schema).typeName;
      if (root !== 'record') {
        expect(thrown(() => avro.decodeColumns(bytes)).code).toBe('INVALID_VALUE');
        continue;
      }
      const result = avro.decodeColumns(bytes);
      expect(result.numRows).toBe(expected.records.length);
      for (const column of result.columns) {
        expect(column.length).toBe(expected.records.length);
        expected.records.forEach((record, row) => {
          const want = at(record, column.path);
          const got = cell(column, row);
          if (canon(got) !== canon(want)) {
            throw new Error(`${file} row ${row} ${column.path}: got ${canon(got)}, python3-avro ${canon(want)}`);
          }
          cells++;
        });
      }
      files++;
    }
    expect(files).toBeGreaterThan(50);
    expect(cells).toBeGreaterThan(10000);
  }, 60000);
});

describe('decodeColumns', () => {
  const schema = {
    type: 'record',
    name: 'M',
    fields: [
      { name: 'id', type: 'long' },
      { name: 'host', type: 'string' },
      { name: 'cpu', type: ['null', 'double'] },
      { name: 'at', type: { type: 'long', logicalType: 'timestamp-millis' } },
      { name: 'level', type: { type: 'enum', name: 'Level', symbols: ['LOW', 'HIGH'] } },
      { name: 'loc', type: ['null', { type: 'record', name: 'Loc', fields: [{ name: 'dc', type: 'string' }] }] },
      { name: 'samples', type: { type: 'array', items: 'float' } },
      { name: 'labels', type: { type: 'map', values: 'string' } },
    ],
  };
  const records = Array.from({ length: 1000 }, (_, i) => ({
    id: i,
    host: `h${i % 7}`,
    cpu: i % 3 ? i / 4 : null,
    at: new Date(1700000000000 + i),
    level: i % 2 ? 'HIGH' : 'LOW',
    loc: i % 5 ? { dc: `dc${i % 2}` } : null,
    samples: [i, i + 0.5],
    labels: { k: 'v' },
  }));
  const file = avro.writeContainer(records, schema, { codec: 'deflate', blockSize: 4096 });

  test('typed arrays per column across many blocks; maps are reported as skipped', () => {
    const result = avro.decodeColumns(file);
    expect(result.numRows).toBe(1000);
    expect(result.skipped).toEqual(['labels']);
    const byPath = Object.fromEntries(result.columns.map((c) => [c.path, c]));
    expect(byPath.id.values).toBeInstanceOf(BigInt64Array);
    expect(byPath.id.values[999]).toBe(999n);
    expect(byPath.cpu.values).toBeInstanceOf(Float64Array);
    expect(byPath.cpu.nullCount).toBe(334);
    expect(byPath.at.logicalType).toBe('timestamp-millis');
    expect(byPath.level.symbols).toEqual(['LOW', 'HIGH']);
    expect(byPath['loc.dc'].nullCount).toBe(200);
    expect(byPath.samples.values).toBeInstanceOf(Float32Array);
    expect(byPath.samples.listOffsets.length).toBe(1001);
    for (let row = 0; row < 1000; row += 37) {
      const r = records[row];
      expect(cell(byPath.host, row)).toBe(r.host);
      expect(cell(byPath.cpu, row)).toBe(r.cpu);
      expect(cell(byPath.at, row)).toBe(r.at.getTime());
      expect(cell(byPath.level, row)).toBe(r.level);
      expect(cell(byPath['loc.dc'], row)).toBe(r.loc ? r.loc.dc : null);
      expect(cell(byPath.samples, row)).toEqual(r.samples);
    }
  });

  test('fields picks columns; errors name the field', () => {
    const result = avro.decodeColumns(file, { fields: ['cpu', 'loc'] });
    expect(result.columns.map((c) => c.path)).toEqual(['cpu', 'loc.dc']);
    expect(thrown(() => avro.decodeColumns(file, { fields: ['nope'] })).message).toMatch(/no field nope/);
    expect(thrown(() => avro.decodeColumns(file, { fields: ['labels'] })).message).toMatch(/labels.*no columnar layout/);
  });

  test('sources other than bytes give a Promise', async () => {
    const result = await avro.decodeColumns(new Blob([file]), { fields: ['id'] });
    expect(result.columns[0].values.length).toBe(1000);
  });

  test('a damaged file is a clear error', () => {
    const cut = file.subarray(0, file.length - 40);
    expect(thrown(() => avro.decodeColumns(cut)).code).toBe('TRUNCATED');
  });

  test('toArrow builds an apache-arrow Table over the same buffers', () => {
    const result = avro.decodeColumns(file);
    const table = avro.toArrow(result, arrow);
    expect(table.numRows).toBe(1000);
    const id = table.getChild('id');
    expect(id.get(5)).toBe(5n);
    expect(table.getChild('cpu').get(0)).toBe(null);
    expect(table.getChild('cpu').get(1)).toBe(0.25);
    expect(table.getChild('host').get(8)).toBe('h1');
    expect(table.getChild('level').get(1)).toBe('HIGH');
    expect(table.getChild('loc.dc').get(5)).toBe(null);
    expect([...table.getChild('samples').get(3)]).toEqual([3, 3.5]);
    expect(String(table.schema.fields.find((f) => f.name === 'at').type)).toMatch(/Timestamp<MILLISECOND/);
    // No copy: the Arrow vector's data is the decodeColumns buffer.
    expect(id.data[0].values.buffer).toBe(result.columns.find((c) => c.path === 'id').values.buffer);
    expect(thrown(() => avro.toArrow(result)).code).toBe('INVALID_VALUE');
  });
});
