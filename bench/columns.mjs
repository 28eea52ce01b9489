// Columnar decode (decodeColumns: numeric columns into typed arrays) vs
// avsc decoding the same container file to objects, on a numeric-heavy
// metrics record. The columns are checked against avsc's objects first.
import { decodeColumns, writeContainer } from '../dist/index.mjs';
import { time, row } from './common.mjs';
import { avscDecode } from './container.mjs';
import { metricsSchema, makeMetrics } from './datasets.mjs';

const NUMERIC = ['ts', 'cpu', 'load', 'memory'];

export async function columnRows(count) {
  const records = makeMetrics(count);
  const rows = [];
  for (const codec of ['null', 'deflate']) {
    const file = writeContainer(records, metricsSchema, { codec, blockSize: 64 * 1024 });
    const theirs = await avscDecode(file);
    const columns = decodeColumns(file, { fields: NUMERIC });
    for (const column of columns.columns) {
      const want = theirs.map((r) => Number(r[column.path]));
      const got = Array.from(column.values, Number);
      if (got.length !== want.length || got.some((v, i) => v !== want[i])) {
        throw new Error(`bench: column ${column.path} differs from avsc (${codec})`);
      }
    }
    const ours = await time(() => decodeColumns(file, { fields: NUMERIC }));
    const peer = await time(() => avscDecode(file));
    rows.push(
      row(`columnar decode of 4 numeric columns, ${codec} vs avsc object decode`, count, ours, peer, {
        target: 'columns',
        bytes: file.length,
      }),
    );
  }
  return rows;
}
