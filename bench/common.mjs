// Shared by the benchmark sections: the datasets, timing (median of runs
// after a warm-up) and equality checks done before anything is timed.
import { performance } from 'node:perf_hooks';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
export const avsc = require('avsc');
export const avscVersion = require('avsc/package.json').version;

export const RUNS = Number(process.env.BENCH_RUNS ?? 7);

export { userSchema, makeUsers } from './users.mjs';
import { avscLogicalTypes } from './users.mjs';

/** avsc's Type for a schema, with timestamps as Dates (as avro-wasm gives them) and bare unions. */
export function avscType(schema) {
  return avsc.Type.forSchema(schema, { logicalTypes: avscLogicalTypes(avsc), wrapUnions: false });
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Median wall time in ms of fn over RUNS runs, after one warm-up run; fn may be async. */
export async function time(fn) {
  await fn();
  const samples = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

/** Throws unless a and b are the same values (Buffers and Uint8Arrays compare by content). */
export function assertEqual(a, b, what) {
  const replacer = (k, v) => {
    if (v && v.type === 'Buffer') return v.data;
    if (v instanceof Uint8Array) return Array.from(v);
    return v;
  };
  if (JSON.stringify(a, replacer) !== JSON.stringify(b, replacer)) throw new Error(`bench: outputs differ for ${what}`);
}

/**
 * One row of the table: both times, throughput and the ratio (> 1: avro-wasm
 * is faster). `target` names the summary target the row counts for
 * (bench/targets.mjs); `bytes`, the input size, adds MB/s. Both are kept off
 * the printed columns.
 */
export function row(what, count, oursMs, theirsMs, { target, bytes } = {}) {
  const r = {
    what,
    'avro-wasm ms': oursMs.toFixed(1),
    'peer ms': theirsMs === undefined ? '-' : theirsMs.toFixed(1),
    'records/s (avro-wasm)': Math.round((count / oursMs) * 1000),
    'MB/s (avro-wasm)': bytes ? (bytes / 1e3 / oursMs).toFixed(1) : '-',
    'ratio (peer / avro-wasm)': theirsMs === undefined ? '-' : (theirsMs / oursMs).toFixed(2),
  };
  Object.defineProperty(r, 'target', { value: target });
  Object.defineProperty(r, 'ratio', { value: theirsMs === undefined ? undefined : theirsMs / oursMs });
  return r;
}

/** A row for a measured quantity that is not a time ratio (a size, a start-up time). */
export function valueRow(what, value, unit, { target } = {}) {
  const r = {
    what: `${what}: ${value.toFixed(1)} ${unit}`,
    'avro-wasm ms': unit === 'ms' ? value.toFixed(1) : '-',
    'peer ms': '-',
    'records/s (avro-wasm)': '-',
    'MB/s (avro-wasm)': '-',
    'ratio (peer / avro-wasm)': '-',
  };
  Object.defineProperty(r, 'target', { value: target });
  Object.defineProperty(r, 'ratio', { value });
  return r;
}
