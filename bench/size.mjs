// Package size: gzip -9 (zlib level 9) of dist/avro_wasm.wasm and of every
// JS entry in dist/, and the budget of issue 9: the .wasm plus the largest
// main entry a user loads (index.mjs, index.cjs or browser.mjs) within
// 250 KB gzipped. Worker entries (loaded only by DecoderPool) are listed but
// not counted. AVRO_WASM_DIST points at another dist directory.
// Runnable alone: node bench/size.mjs
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { valueRow } from './common.mjs';

export const SIZE_BUDGET_KB = 250;
const MAIN_ENTRIES = ['index.mjs', 'index.cjs', 'browser.mjs'];

export function distDir() {
  return process.env.AVRO_WASM_DIST ?? fileURLToPath(new URL('../dist/', import.meta.url));
}

const kb = (bytes) => (bytes / 1024).toFixed(1);

function measure(dir, name) {
  const bytes = readFileSync(join(dir, name));
  return { name, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

// Rows in the table's format: the gzipped size is the value, raw size and
// any note go into the label.
function sizeRow(what, raw, gzip, note = '', target = undefined) {
  return valueRow(`${what} (raw ${kb(raw)} KB${note ? `; ${note}` : ''}), gzip -9`, gzip / 1024, 'KB', { target });
}

/** Rows: one per file, then the counted total against the budget. */
export function sizeRows(dir = distDir()) {
  const wasm = measure(dir, 'avro_wasm.wasm');
  const js = readdirSync(dir)
    .filter((name) => /\.(mjs|cjs)$/.test(name))
    .sort()
    .map((name) => measure(dir, name));
  const main = js.filter((f) => MAIN_ENTRIES.includes(f.name));
  if (main.length === 0) throw new Error(`bench/size: no JS entry (${MAIN_ENTRIES.join(', ')}) in ${dir}`);
  const largest = main.reduce((a, b) => (b.gzip > a.gzip ? b : a));
  const total = wasm.gzip + largest.gzip;
  const budget = SIZE_BUDGET_KB * 1024;
  return [
    sizeRow('size: avro_wasm.wasm', wasm.raw, wasm.gzip),
    ...js.map((f) =>
      sizeRow(`size: ${f.name}`, f.raw, f.gzip, MAIN_ENTRIES.includes(f.name) ? 'entry' : 'worker entry, not counted'),
    ),
    sizeRow(
      `size: wasm + largest entry (${largest.name})`,
      wasm.raw + largest.raw,
      total,
      `${total <= budget ? 'within' : 'OVER'} the ${SIZE_BUDGET_KB} KB budget by ${kb(Math.abs(budget - total))} KB`,
      'size',
    ),
  ];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(`package size, ${distDir()}`);
  console.table(sizeRows());
}
