// The three data sets of the benchmarks: users-like records, numeric-heavy
// metrics records and a 40-field wide record. Each generator is seeded, so
// every run (and every implementation) sees the same values.
export { userSchema, makeUsers } from './users.mjs';
import { userSchema, makeUsers } from './users.mjs';

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

const WIDE_KINDS = ['long', 'double', 'string', 'int', 'boolean'];

export const wideSchema = {
  type: 'record',
  name: 'Wide',
  namespace: 'bench',
  fields: Array.from({ length: 40 }, (_, i) => ({ name: `f${i}`, type: WIDE_KINDS[i % WIDE_KINDS.length] })),
};

export function makeWide(n) {
  let seed = 7;
  const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff) / 0x7fffffff;
  const value = (kind, r, i) => {
    switch (kind) {
      case 'long':
        return r * 40 + i;
      case 'double':
        return rand() * 1e6;
      case 'string':
        return `value-${r}-${i}`;
      case 'int':
        return i * r;
      default:
        return rand() > 0.5;
    }
  };
  const records = Array.from({ length: n }, (_, r) => {
    const record = {};
    wideSchema.fields.forEach((f, i) => (record[f.name] = value(f.type, r, i)));
    return record;
  });
  // Objects filled key by key past a dozen properties are dictionaries in V8
  // (slow lookups for every reader); parsed JSON, like decoded or
  // deserialized data in real programs, has fast properties.
  return JSON.parse(JSON.stringify(records));
}

export const DATASETS = [
  { name: 'users', schema: userSchema, make: makeUsers },
  { name: 'metrics', schema: metricsSchema, make: makeMetrics },
  { name: 'wide', schema: wideSchema, make: makeWide },
];
