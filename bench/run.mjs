// Benchmarks against peers on the same data in the same run; prints one
// table of ratios (> 1 means avro-wasm is faster). Every implementation's
// output is checked for equality before anything is timed.
// Environment: BENCH_RUNS (default 7), BENCH_RECORDS (datum section, 20000),
// BENCH_CONTAINER_RECORDS (100000), BENCH_STREAM_MB (100), BENCH_PYODIDE_RECORDS
// (20000), BENCH_BROWSER_RECORDS (100000); BENCH_SKIP=pyodide,browser leaves
// sections out.
import { avscVersion, RUNS } from './common.mjs';
import { datumRows } from './datum.mjs';
import { containerRows, streamingRows } from './container.mjs';
import { projectionRows } from './projection.mjs';
import { columnRows } from './columns.mjs';
import { pyodideRows } from './pyodide.mjs';
import { browserRows } from './browser.mjs';

const DATUMS = Number(process.env.BENCH_RECORDS ?? 20000);
const CONTAINER = Number(process.env.BENCH_CONTAINER_RECORDS ?? 100000);
const STREAM_MB = Number(process.env.BENCH_STREAM_MB ?? 100);
const PYODIDE = Number(process.env.BENCH_PYODIDE_RECORDS ?? 20000);
const SKIP = new Set((process.env.BENCH_SKIP ?? '').split(','));

const rows = [
  ...(await datumRows(DATUMS)),
  ...(await containerRows(CONTAINER)),
  ...(await projectionRows(CONTAINER)),
  ...(await columnRows(CONTAINER)),
  ...streamingRows(STREAM_MB),
  ...(SKIP.has('pyodide') ? [] : await pyodideRows(PYODIDE)),
  ...(SKIP.has('browser') ? [] : (await browserRows()).rows ?? []),
];
console.log(
  `avro-wasm vs avsc ${avscVersion}, User records (datum: ${DATUMS}, container: ${CONTAINER}), ` +
    `median of ${RUNS} runs, Node ${process.version}`,
);
console.table(rows);
