// The core without JS: our native core vs Apache avro-c decoding the same
// container files (bench/native/avroc_bench.cpp, which checks that avro-c
// reads the same values first), and the wasm build of the core vs its
// native build on the same data (bench/native/core_bench.cpp, built both
// ways). Data sets: users, metrics, 40-field wide (bench/native/datasets.h).
// Also SIMD vs scalar skipping of varint runs, native and wasm
// (bench/native/varint_skip_bench.cpp; the core stays scalar).
// Needs the binaries built (scripts/build-bench.sh):
//   cmake --build build/native --target core_bench varint_skip_bench avroc_bench   (avroc_bench: apt-get install libavro-dev)
//   emcmake cmake -S . -B build/wasm-bench -DCMAKE_BUILD_TYPE=Release -DAVRO_DEVELOPER=ON \
//     -DAVRO_CODEC_SOURCE_DIR=$PWD/build/codec-sources && cmake --build build/wasm-bench --target core_bench varint_skip_bench
// Environment: BENCH_RUNS (timed runs per measurement, median), BENCH_NATIVE_RECORDS
// (100000), BENCH_NATIVE_REPEATS (3: the native and wasm programs run alternately
// this many times and each time is the median over the repeats, which evens out load).
// Run alone: node bench/native.mjs
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { row, RUNS } from './common.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const NATIVE_BENCH = join(ROOT, 'build/native/bench/native/core_bench');
const AVROC_BENCH = join(ROOT, 'build/native/bench/native/avroc_bench');
const WASM_BENCH = join(ROOT, 'build/wasm-bench/bench/native/core_bench.cjs');
const NATIVE_VARINT_BENCH = join(ROOT, 'build/native/bench/native/varint_skip_bench');
const WASM_VARINT_BENCH = join(ROOT, 'build/wasm-bench/bench/native/varint_skip_bench.cjs');
const RECORDS = Number(process.env.BENCH_NATIVE_RECORDS ?? 100000);
const REPEATS = Number(process.env.BENCH_NATIVE_REPEATS ?? 3);

const BUILD_HELP = {
  [NATIVE_BENCH]: 'cmake --build build/native --target core_bench',
  [AVROC_BENCH]:
    'apt-get install libavro-dev, then cmake -S . -B build/native && cmake --build build/native --target avroc_bench',
  [WASM_BENCH]:
    'emcmake cmake -S . -B build/wasm-bench -DCMAKE_BUILD_TYPE=Release -DAVRO_DEVELOPER=ON ' +
    '-DAVRO_CODEC_SOURCE_DIR=$PWD/build/codec-sources && cmake --build build/wasm-bench --target core_bench',
  [NATIVE_VARINT_BENCH]: 'cmake --build build/native --target varint_skip_bench',
  [WASM_VARINT_BENCH]: 'NODE_PATH=/usr/share/nodejs cmake --build build/wasm-bench --target varint_skip_bench',
};

function requireBuilt(path) {
  if (!existsSync(path)) {
    throw new Error(`bench/native: ${path} is not built; build it with: ${BUILD_HELP[path]}`);
  }
}

// Runs a benchmark program; it prints one JSON object per line.
function runJsonLines(command, args) {
  const out = execFileSync(command, args, {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return out
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line));
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

// Per key, the median of each numeric field over the repeats.
function medianOf(repeats, key) {
  const byKey = new Map();
  for (const lines of repeats) {
    for (const line of lines) {
      const k = key(line);
      if (!byKey.has(k)) byKey.set(k, []);
      byKey.get(k).push(line);
    }
  }
  return new Map(
    [...byKey].map(([k, lines]) => {
      const merged = { ...lines[0] };
      for (const field of Object.keys(merged)) {
        if (typeof merged[field] === 'number') merged[field] = median(lines.map((l) => l[field]));
      }
      return [k, merged];
    }),
  );
}

export async function nativeRows() {
  for (const path of [NATIVE_BENCH, AVROC_BENCH, WASM_BENCH, NATIVE_VARINT_BENCH, WASM_VARINT_BENCH]) {
    requireBuilt(path);
  }
  const args = [String(RUNS), String(RECORDS)];
  const native = [];
  const wasm = [];
  const avroc = [];
  const varintNative = [];
  const varintWasm = [];
  for (let i = 0; i < REPEATS; i++) {
    native.push(runJsonLines(NATIVE_BENCH, args));
    wasm.push(runJsonLines(process.execPath, [WASM_BENCH, ...args]));
    avroc.push(runJsonLines(AVROC_BENCH, args));
    varintNative.push(runJsonLines(NATIVE_VARINT_BENCH, [String(RUNS)]));
    varintWasm.push(runJsonLines(process.execPath, [WASM_VARINT_BENCH, String(RUNS)]));
  }
  const rows = [];
  const coreKey = (l) => `${l.dataset}/${l.codec}/${l.mode}`;
  const nativeTimes = medianOf(native, coreKey);
  const wasmTimes = medianOf(wasm, coreKey);
  for (const [key, n] of nativeTimes) {
    const w = wasmTimes.get(key);
    if (!w) throw new Error(`bench/native: the wasm core_bench did not measure ${key}`);
    rows.push(
      row(`wasm core alone: ${n.mode}, ${n.dataset} ${n.codec} (peer: native build)`, n.records, w.ms, n.ms, {
        target: 'wasm-core',
        bytes: n.bytes,
      }),
    );
  }
  for (const a of medianOf(avroc, (l) => `${l.dataset}/${l.codec}`).values()) {
    rows.push(
      row(
        `native core decode to tape, ${a.dataset} ${a.codec} vs avro-c generic values`,
        a.records,
        a.ours_ms,
        a.avroc_ms,
        {
          target: 'native-core',
          bytes: a.bytes,
        },
      ),
    );
  }
  // Not a target: a measurement kept for the question "does SIMD pay?" (only
  // on runs of many varints, which the data sets above do not have).
  for (const [build, repeats] of [
    ['native', varintNative],
    ['wasm', varintWasm],
  ]) {
    for (const v of medianOf(repeats, (l) => l.distribution).values()) {
      rows.push(
        row(`varint skip, SIMD vs scalar, ${v.distribution}, ${build}`, v.varints, v.simd_ms, v.scalar_ms, {
          bytes: v.bytes,
        }),
      );
    }
  }
  return rows;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(
    `core without JS, ${RECORDS} records, median of ${RUNS} runs × ${REPEATS} repeats, Node ${process.version}`,
  );
  console.table(await nativeRows());
}
