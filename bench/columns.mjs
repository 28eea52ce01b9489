// Columnar decode (decodeColumns: numeric columns into typed arrays) vs
// avsc decoding the same container file to objects, on a numeric-heavy
// metrics record. The columns are checked against avsc's objects first.
import { decodeColumns, writeContainer } from '../dist/index.mjs';
import { time, row } from './common.mjs';
import { avscDecode } from './container.mjs';

export const metricsSchema = {
  type: 'record',
  name: 'Metric',
  namespace: 'bench',
  fields: [
    { name: 'ts', type: { type: 'long', logicalType: 'timestamp-millis' } },
    { name: 'cpu', type: 'float' },
    { name: 'load', type: 'double' },
    { name: 'memory', type: 'double' },
    { name: 'level', type: { type: 'enum', name: 'Level', symbols: ['OK', 'WARN', 'CRIT'] } },
    { name: 'samples', type: { type: 'array', items: 'double' } },
    { name: 'counters', type: { type: 'map', values: 'long' } },
  ],
};
const NUMERIC = ['ts', 'cpu', 'load', 'memory'];

export function makeMetrics(n) {
  let seed = 11;
  const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff) / 0x7fffffff;
  return Array.from({ length: n }, (_, i) => ({
    ts: new Date(1700000000000 + i * 1000),
    cpu: Math.fround(rand() * 100),
    load: rand() * 8,
    memory: rand() * 64e9,
    level: ['OK', 'WARN', 'CRIT'][i % 3],
    samples: [rand(), rand(), rand()],
    counters: { rx: i * 3, tx: i * 5 },
  }));
}

export async function columnRows(count) {
  const records = makeMetrics(count);
  const rows = [];
  for (const codec of ['null', 'deflate']) {
    const file = writeContainer(records, metricsSchema, { codec, blockSize: 64 * 1024 });
    const theirs = await avscDecode(file);
    const columns = decodeColumns(file, { fields: NUMERIC });
    for (const column of columns.columns) {
      const want = theirs.map((r) => r[column.path]);
      const got = Array.from(column.values, Number);
      if (got.length !== want.length || got.some((v, i) => v !== want[i])) {
        throw new Error(`bench: column ${column.path} differs from avsc (${codec})`);
      }
    }
    const ours = await time(() => decodeColumns(file, { fields: NUMERIC }));
    const peer = await time(() => avscDecode(file));
    rows.push(row(`columnar decode of 4 numeric columns, ${codec} vs avsc object decode`, count, ours, peer));
  }
  return rows;
}
