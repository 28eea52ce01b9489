// Streams one container file through one implementation and prints
// { records, ms, peakMb } (peak resident set size sampled while reading).
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

const [impl, path] = process.argv.slice(2);
let peak = process.memoryUsage().rss;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
const start = performance.now();
let records = 0;
if (impl === 'avro-wasm') {
  const { readBlocks } = await import('../dist/index.mjs');
  for await (const block of readBlocks(path)) {
    records += block.records.length;
    peak = Math.max(peak, process.memoryUsage().rss);
  }
} else {
  const avsc = createRequire(import.meta.url)('avsc');
  await new Promise((resolve, reject) => {
    avsc
      .createFileDecoder(path)
      .on('data', () => records++)
      .on('end', resolve)
      .on('error', reject);
  });
}
const ms = performance.now() - start;
clearInterval(sampler);
peak = Math.max(peak, process.memoryUsage().rss);
console.log(JSON.stringify({ records, ms, peakMb: Math.round(peak / 1e6) }));
