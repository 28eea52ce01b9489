// Startup: how long importing the package takes until it is usable (a Type
// can be created), in fresh child processes, median of STARTUP_RUNS
// (default 11). The children run round-robin (empty node, ESM, CJS, avsc) so
// a busy machine slows them alike. Two views of the same runs:
//   in child    performance.now() around import + Type.forSchema inside the
//               child: our cost only (the budget of issue 9 is 20 ms).
//   wall        the whole child process (spawn to exit) minus the median of
//               an empty child script: our cost as a user sees it.
// The peer is avsc doing the same (require + Type.forSchema).
// AVRO_WASM_DIST points at another dist directory. Runnable alone:
// node bench/startup.mjs
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { valueRow, row } from './common.mjs';

export const STARTUP_BUDGET_MS = 20;
const RUNS = Number(process.env.STARTUP_RUNS ?? 11);

function distDir() {
  return process.env.AVRO_WASM_DIST ?? fileURLToPath(new URL('../dist/', import.meta.url));
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

// Each child is a script file (not `node -e`, whose context differs from a
// user's module) that prints {"load": ms}: the time from just before the
// import to a working Type, measured inside the child.
function writeChildren(scratch) {
  const dir = distDir();
  const esm = pathToFileURL(join(dir, 'index.mjs')).href;
  const cjs = join(dir, 'index.cjs');
  const avsc = createRequire(import.meta.url).resolve('avsc');
  const report = `console.log(JSON.stringify({ load: performance.now() - t0 }));`;
  const sources = {
    'empty.cjs': `const t0 = performance.now();\n${report}\n`,
    'esm.mjs': `const t0 = performance.now();\nconst { Type } = await import(${JSON.stringify(esm)});\nType.forSchema('int');\n${report}\n`,
    'cjs.cjs': `const t0 = performance.now();\nconst { Type } = require(${JSON.stringify(cjs)});\nType.forSchema('int');\n${report}\n`,
    'avsc.cjs': `const t0 = performance.now();\nconst avsc = require(${JSON.stringify(avsc)});\navsc.Type.forSchema('int');\n${report}\n`,
  };
  const kinds = {};
  for (const [name, source] of Object.entries(sources)) {
    writeFileSync(join(scratch, name), source);
    kinds[name.replace(/\..*/, '')] = [join(scratch, name)];
  }
  return kinds;
}

function runChild(args) {
  const start = performance.now();
  const result = spawnSync(process.execPath, args, { encoding: 'utf8' });
  const wall = performance.now() - start;
  if (result.status !== 0) throw new Error(`bench/startup: child failed: ${result.stderr}`);
  return { wall, load: JSON.parse(result.stdout.trim().split('\n').pop()).load };
}

/** Medians (ms) per child kind: { empty, esm, cjs, avsc } x { wall, load }. */
export function measureStartup(runs = RUNS) {
  const scratch = mkdtempSync(join(tmpdir(), 'avro-wasm-startup-'));
  try {
    return measureIn(writeChildren(scratch), runs);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function measureIn(kinds, runs) {
  const samples = Object.fromEntries(Object.keys(kinds).map((k) => [k, { wall: [], load: [] }]));
  for (const args of Object.values(kinds)) runChild(args); // warm the file cache
  for (let i = 0; i < runs; i++) {
    for (const [kind, args] of Object.entries(kinds)) {
      const { wall, load } = runChild(args);
      samples[kind].wall.push(wall);
      samples[kind].load.push(load);
    }
  }
  return Object.fromEntries(
    Object.entries(samples).map(([k, s]) => [k, { wall: median(s.wall), load: median(s.load) }]),
  );
}

export async function startupRows() {
  const m = measureStartup();
  const budget = `budget ${STARTUP_BUDGET_MS} ms`;
  return [
    valueRow('startup: empty node child process, wall (not our cost)', m.empty.wall, 'ms'),
    valueRow(
      `startup: ESM import + Type.forSchema, in child (${budget}; avsc ${m.avsc.load.toFixed(1)} ms)`,
      m.esm.load,
      'ms',
      {
        target: 'startup',
      },
    ),
    valueRow(
      `startup: CJS require + Type.forSchema, in child (${budget}; avsc ${m.avsc.load.toFixed(1)} ms)`,
      m.cjs.load,
      'ms',
      {
        target: 'startup',
      },
    ),
    row('startup: ESM child wall minus empty node vs avsc', 1, m.esm.wall - m.empty.wall, m.avsc.wall - m.empty.wall),
    row('startup: CJS child wall minus empty node vs avsc', 1, m.cjs.wall - m.empty.wall, m.avsc.wall - m.empty.wall),
  ];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(`startup, ${distDir()}, median of ${RUNS} child processes, Node ${process.version}`);
  console.table(await startupRows());
}
