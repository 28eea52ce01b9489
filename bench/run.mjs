// `npm run bench`: every section against its peers on the same data in the
// same run, then one summary table of the performance targets
// (bench/targets.mjs) and one table of every row (ratio > 1: avro-wasm is
// faster). Every implementation's output is checked for equality before
// anything is timed. Writes both tables and the machine description to
// bench/RESULTS.md. See bench/README.md for the sections and the environment.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { avscVersion, RUNS } from './common.mjs';
import { summarize } from './targets.mjs';
import { describeMachine, markdownTable } from './report.mjs';
import { datumRows } from './datum.mjs';
import { containerRows, streamingRows } from './container.mjs';
import { projectionRows } from './projection.mjs';
import { columnRows } from './columns.mjs';
import { pyodideRows } from './pyodide.mjs';
import { browserRows } from './browser.mjs';
import { nativeRows } from './native.mjs';
import { parallelRows } from './parallel.mjs';
import { sizeRows } from './size.mjs';
import { startupRows } from './startup.mjs';

const DATUMS = Number(process.env.BENCH_RECORDS ?? 20000);
const CONTAINER = Number(process.env.BENCH_CONTAINER_RECORDS ?? 100000);
const STREAM_MB = Number(process.env.BENCH_STREAM_MB ?? 100);
const PARALLEL = Number(process.env.BENCH_PARALLEL_RECORDS ?? 200000);
const PYODIDE = Number(process.env.BENCH_PYODIDE_RECORDS ?? 20000);
const SKIP = new Set((process.env.BENCH_SKIP ?? '').split(',').filter(Boolean));
const RESULTS = fileURLToPath(new URL('./RESULTS.md', import.meta.url));

const before = describeMachine();
const sections = [
  ['datum', () => datumRows(DATUMS)],
  ['container', () => containerRows(CONTAINER)],
  ['projection', () => projectionRows(CONTAINER)],
  ['columns', () => columnRows(CONTAINER)],
  ['streaming', () => streamingRows(STREAM_MB)],
  ['parallel', () => parallelRows(PARALLEL)],
  ['native', () => nativeRows()],
  ['startup', () => startupRows()],
  ['size', async () => sizeRows()],
  ['pyodide', () => pyodideRows(PYODIDE)],
  ['browser', async () => (await browserRows()).rows],
];
const rows = [];
for (const [name, run] of sections) {
  if (SKIP.has(name)) continue;
  process.stderr.write(`bench: ${name}…\n`);
  rows.push(...(await run()));
}
const summary = summarize(rows);
const title =
  `avro-wasm vs peers (avsc ${avscVersion}), records: datum ${DATUMS}, container ${CONTAINER}, ` +
  `Pyodide ${PYODIDE}; median of ${RUNS} runs; Node ${process.version}`;
console.log(title);
console.table(summary);
console.table(rows);

const after = describeMachine();
writeFileSync(
  RESULTS,
  [
    '# Benchmark results',
    '',
    'Written by `npm run bench` (bench/run.mjs); see bench/README.md. Ratios are peer time / avro-wasm time: > 1 means avro-wasm is faster.',
    '',
    `${title}.${SKIP.size ? ` Sections skipped: ${[...SKIP].join(', ')}.` : ''}`,
    '',
    '## Machine',
    '',
    ...before.lines,
    `- load average (1, 5, 15 min) at the end: ${after.load}`,
    '',
    '## Targets',
    '',
    markdownTable(summary),
    '',
    '## Every row',
    '',
    markdownTable(rows),
    '',
  ].join('\n'),
);
console.log(`bench: wrote ${RESULTS}`);
