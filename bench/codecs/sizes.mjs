// Prints what each codec library adds to the wasm module, gzipped:
//   node bench/codecs/sizes.mjs <wasm bench build dir>/bench/codecs
// (the codec_size_* programs of bench/codecs/CMakeLists.txt).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const dir = process.argv[2] ?? '.';
const size = (name) => {
  const bytes = readFileSync(join(dir, `codec_size_${name}.wasm`));
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
};
const baseline = size('baseline');
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
console.log(`baseline program: ${kib(baseline.raw)} (${kib(baseline.gzip)} gzip)`);
console.log('library            added wasm    added gzip');
let total = 0;
for (const file of readdirSync(dir).filter((f) => /^codec_size_.*\.wasm$/.test(f)).sort()) {
  const name = file.slice('codec_size_'.length, -'.wasm'.length);
  if (name === 'baseline') continue;
  const { raw, gzip } = size(name);
  const part = name === 'zlib_inflate';  // what the deflate codec links of zlib
  if (!part) total += gzip - baseline.gzip;
  const note = part ? '  (included in deflate)' : '';
  console.log(`${name.padEnd(18)} ${kib(raw - baseline.raw).padStart(10)} ${kib(gzip - baseline.gzip).padStart(12)}${note}`);
}
console.log(`${'all codecs'.padEnd(18)} ${''.padStart(10)} ${kib(total).padStart(12)}`);
