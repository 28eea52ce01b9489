// Parallel decoding of one large users file (DecoderPool): 2 workers vs 1
// worker, records mode and columns mode, null and deflate, plus 2 workers
// vs the sequential reader on the calling thread for context. The pools
// are started (and warmed up) before timing: a service keeps one. Every
// output is checked equal to the sequential reader's first.
// Alone: `node bench/parallel.mjs [records]` (default 200000).
import { isDeepStrictEqual } from 'node:util';
import { loadavg, availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { DecoderPool, decodeColumns, readContainer, writeContainer } from '../dist/index.mjs';
import { time, row } from './common.mjs';
import { userSchema, makeUsers } from './users.mjs';

const BLOCK_SIZE = 64 * 1024;

function check(actual, expected, what) {
  if (!isDeepStrictEqual(actual, expected)) throw new Error(`bench: outputs differ for ${what}`);
}

export async function parallelRows(count) {
  const records = makeUsers(count);
  const one = new DecoderPool({ workers: 1 });
  const two = new DecoderPool({ workers: 2 });
  const rows = [];
  try {
    for (const codec of ['null', 'deflate']) {
      const file = writeContainer(records, userSchema, { codec, blockSize: BLOCK_SIZE });
      const size = `${(file.length / 1e6).toFixed(1)} MB`;
      const sequential = readContainer(file);
      const sequentialColumns = decodeColumns(file);
      for (const pool of [one, two]) {
        check(await pool.readContainer(file), sequential, `records, ${pool.size} worker(s), ${codec}`);
        check(await pool.decodeColumns(file), sequentialColumns, `columns, ${pool.size} worker(s), ${codec}`);
      }
      const modes = [
        ['records', (pool) => pool.readContainer(file), () => readContainer(file), 'readContainer'],
        ['columns', (pool) => pool.decodeColumns(file), () => decodeColumns(file), 'decodeColumns'],
        [
          'columns (chunks)',
          (pool) => pool.decodeColumns(file, { chunks: true }),
          () => decodeColumns(file),
          'decodeColumns',
        ],
      ];
      for (const [mode, parallel, onThread, name] of modes) {
        const twoMs = await time(() => parallel(two));
        const oneMs = await time(() => parallel(one));
        const threadMs = await time(onThread);
        const bytes = file.length;
        rows.push(
          row(`parallel ${mode}, users, ${codec} (${size}): 2 workers vs 1 worker`, count, twoMs, oneMs, {
            bytes,
            target: 'parallel',
          }),
          row(`parallel ${mode}, users, ${codec}: 2 workers vs ${name} on the thread`, count, twoMs, threadMs, {
            bytes,
          }),
        );
      }
    }
  } finally {
    await Promise.all([one.close(), two.close()]);
  }
  return rows;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const count = Number(process.argv[2] ?? 200000);
  const load = () =>
    loadavg()
      .map((n) => n.toFixed(2))
      .join(' ');
  console.log(`${availableParallelism()} CPUs, load average before: ${load()}`);
  console.table(await parallelRows(count));
  console.log(`load average after: ${load()} (ratio = peer ms / avro-wasm ms: the 2-worker speed-up)`);
}
