// Joins decodeColumns() results of consecutive ranges of one file into one
// result of the same shape, column by column: values and validity bitmaps
// are appended (bit-packed ones at bit offsets), offsets are rebased. One
// copy per buffer; nothing is done per value except rebasing offsets.
import { LimitError } from './errors.js';

/** @param {object[]} parts decodeColumns() results in file order (at least one) */
export function concatColumns(parts) {
  const [first] = parts;
  if (parts.length === 1) return first;
  const columns = first.columns.map((column, i) => concatColumn(parts.map((part) => part.columns[i])));
  const numRows = parts.reduce((n, part) => n + part.numRows, 0);
  return { numRows, schema: first.schema, columns, skipped: first.skipped };
}

function concatColumn(chunks) {
  const [first] = chunks;
  const out = { ...first };
  out.length = sum(chunks, (c) => c.length);
  out.nullCount = sum(chunks, (c) => c.nullCount);
  // Items: a list column's values are per item, others' per row.
  const items = (c) => (c.listOffsets ? c.listOffsets[c.length] : c.length);
  if (first.listOffsets) out.listOffsets = concatOffsets(chunks.map((c) => c.listOffsets.subarray(0, c.length + 1)));
  if (first.validity) out.validity = concatBits(chunks.map((c) => [c.validity, c.length]));
  if (first.type === 'bool') out.values = concatBits(chunks.map((c) => [c.values, items(c)]));
  else if (first.offsets) {
    out.offsets = concatOffsets(chunks.map((c) => c.offsets.subarray(0, items(c) + 1)));
    out.values = concatArrays(chunks.map((c) => c.values.subarray(0, c.offsets[items(c)])));
  } else if (first.values) {
    const width = first.type === 'fixed' ? first.width : 1;
    out.values = concatArrays(chunks.map((c) => c.values.subarray(0, items(c) * width)));
  }
  return out;
}

function sum(chunks, fn) {
  let total = 0;
  for (const chunk of chunks) total += fn(chunk);
  return total;
}

function concatArrays(arrays) {
  const out = new arrays[0].constructor(sum(arrays, (a) => a.length));
  let at = 0;
  for (const array of arrays) {
    out.set(array, at);
    at += array.length;
  }
  return out;
}

// Int32 offsets (each starting at 0, one past the chunk's last value) of
// consecutive chunks as one array.
function concatOffsets(arrays) {
  const count = sum(arrays, (a) => a.length - 1);
  const out = new Int32Array(count + 1);
  let at = 0;
  let base = 0;
  for (const offsets of arrays) {
    const n = offsets.length - 1;
    if (base + offsets[n] > 0x7fffffff) {
      throw new LimitError('a column holds more than 2 GiB: decode it with { chunks: true }', {
        code: 'LIMIT_EXCEEDED',
      });
    }
    for (let i = 1; i <= n; i++) out[at + i] = offsets[i] + base;
    at += n;
    base += offsets[n];
  }
  return out;
}

// Bit-packed (least significant bit first) [bytes, bitCount] pairs as one bitmap.
function concatBits(pairs) {
  const total = sum(pairs, ([, n]) => n);
  const out = new Uint8Array(Math.ceil(total / 8));
  let bit = 0;
  for (const [bytes, n] of pairs) {
    const whole = n >>> 3;
    const shift = bit & 7;
    let at = bit >>> 3;
    if (shift === 0) out.set(bytes.subarray(0, whole), at);
    else {
      for (let i = 0; i < whole; i++, at++) {
        out[at] |= bytes[i] << shift;
        out[at + 1] = bytes[i] >>> (8 - shift);
      }
    }
    // The last partial byte, masked: bits past n may hold anything.
    const rest = n & 7;
    if (rest) {
      const last = bytes[whole] & ((1 << rest) - 1);
      const end = bit + whole * 8;
      out[end >>> 3] |= last << (end & 7);
      if ((end & 7) + rest > 8) out[(end >>> 3) + 1] |= last >>> (8 - (end & 7));
    }
    bit += n;
  }
  return out;
}
