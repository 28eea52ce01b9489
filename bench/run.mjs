// Benchmarks against peers on the same data in the same run; prints one
// table of ratios (> 1 means avro-wasm is faster). Every implementation's
// output is checked for equality before anything is timed.
import { performance } from 'node:perf_hooks';
import { createRequire } from 'node:module';
import { Type } from '../dist/index.mjs';

const require = createRequire(import.meta.url);
const avsc = require('avsc');

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const COUNT = Number(process.env.BENCH_RECORDS ?? 20000);

// A users-like record: ids, strings, doubles, arrays, a nullable nested record.
const schema = {
  type: 'record',
  name: 'User',
  namespace: 'bench',
  fields: [
    { name: 'id', type: 'long' },
    { name: 'name', type: 'string' },
    { name: 'email', type: 'string' },
    { name: 'score', type: 'double' },
    { name: 'ratio', type: 'double' },
    { name: 'active', type: 'boolean' },
    { name: 'tags', type: { type: 'array', items: 'string' } },
    {
      name: 'address',
      type: ['null', { type: 'record', name: 'Address', fields: [
        { name: 'street', type: 'string' },
        { name: 'city', type: 'string' },
        { name: 'zip', type: 'int' },
      ] }],
      default: null,
    },
  ],
};

function makeRecords(n) {
  let seed = 42;
  const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const word = (len) => Array.from({ length: len }, () => String.fromCharCode(97 + Math.floor(rand() * 26))).join('');
  return Array.from({ length: n }, (_, i) => ({
    id: i * 7919,
    name: `${word(6)} ${word(9)}`,
    email: `${word(8)}@${word(5)}.com`,
    score: rand() * 1000,
    ratio: rand(),
    active: rand() > 0.5,
    tags: Array.from({ length: Math.floor(rand() * 4) }, () => word(5)),
    address: rand() > 0.3 ? { street: `${Math.floor(rand() * 999)} ${word(7)} St`, city: word(8), zip: Math.floor(rand() * 99999) } : null,
  }));
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

// Median wall time in ms of fn over RUNS runs (after one warm-up run).
function time(fn) {
  fn();
  const samples = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

function assertEqual(a, b, what) {
  const ja = JSON.stringify(a, (k, v) => (v && v.type === 'Buffer' ? v.data : v));
  const jb = JSON.stringify(b, (k, v) => (v && v.type === 'Buffer' ? v.data : v));
  if (ja !== jb) throw new Error(`bench: outputs differ for ${what}`);
}

const records = makeRecords(COUNT);
const ours = Type.forSchema(schema);
const theirs = avsc.Type.forSchema(schema, { wrapUnions: false });

// Equality first: identical bytes both ways, identical values back.
const ourBuffers = records.map((r) => ours.toBuffer(r));
const theirBuffers = records.map((r) => theirs.toBuffer(r));
for (let i = 0; i < records.length; i++) {
  if (Buffer.compare(Buffer.from(ourBuffers[i]), theirBuffers[i]) !== 0) throw new Error(`bench: encodings differ at ${i}`);
}
assertEqual(ourBuffers.map((b) => ours.fromBuffer(b)), records, 'avro-wasm decode');
assertEqual(theirBuffers.map((b) => ({ ...theirs.fromBuffer(b) })), records, 'avsc decode');

const rows = [];
const measure = (what, oursFn, theirsFn) => {
  const a = time(oursFn);
  const b = time(theirsFn);
  rows.push({ what, 'avro-wasm ms': a.toFixed(1), 'avsc ms': b.toFixed(1), 'records/s (avro-wasm)': Math.round((COUNT / a) * 1000), 'ratio (avsc / avro-wasm)': (b / a).toFixed(2) });
};

measure('datum encode (toBuffer per record)', () => { for (const r of records) ours.toBuffer(r); }, () => { for (const r of records) theirs.toBuffer(r); });
measure('datum decode (fromBuffer per record)', () => { for (const b of ourBuffers) ours.fromBuffer(b); }, () => { for (const b of theirBuffers) theirs.fromBuffer(b); });
measure('datum validate (isValid)', () => { for (const r of records) ours.isValid(r); }, () => { for (const r of records) theirs.isValid(r); });

console.log(`avro-wasm vs avsc ${require('avsc/package.json').version}: ${COUNT} User records, median of ${RUNS} runs, Node ${process.version}`);
console.table(rows);
