// Numeric sort/filter keys kept per row for number, timestamp, decimal and
// boolean columns: 9 bytes a row and column (a Float64Array plus a null
// flag), filled during the first pass. With them a sort or a numeric filter
// on a file of millions of rows needs no second decoding pass at all. They
// are dropped (queries fall back to scanning the blocks) if they would
// outgrow BUDGET.
const BUDGET = 192 << 20;
const NUMERIC_KINDS = new Set(['number', 'time', 'decimal', 'boolean']);

/** A number for sorting and numeric filters, or null. */
export function numericKey(v) {
  if (v === null || v === undefined) return null;
  switch (typeof v) {
    case 'number':
      return v;
    case 'bigint':
      return Number(v);
    case 'boolean':
      return v ? 1 : 0;
    case 'string':
      return Number(v); // decimals
    default:
      return v instanceof Date ? v.getTime() : NaN;
  }
}

export function isNumericKind(kind) {
  return NUMERIC_KINDS.has(kind);
}

export class NumericKeys {
  #columns; // [{ index, values: Float64Array, nulls: Uint8Array }]
  #rows = 0;
  #whole;
  #width;
  #dropped = false;

  constructor(columns) {
    this.#whole = columns.length === 1 && columns[0].whole;
    this.#width = columns.length;
    this.#columns = columns
      .map((column, index) => ({ index, kind: column.kind }))
      .filter(({ kind }) => NUMERIC_KINDS.has(kind))
      .map(({ index }) => ({ index, values: new Float64Array(1024), nulls: new Uint8Array(1024) }));
  }

  add(records) {
    if (this.#dropped || this.#columns.length === 0) return;
    const need = this.#rows + records.length;
    if (need > this.#columns[0].values.length) {
      let size = this.#columns[0].values.length;
      while (size < need) size *= 2;
      if (size * 9 * this.#columns.length > BUDGET) {
        this.#dropped = true;
        this.#columns = [];
        return;
      }
      for (const column of this.#columns) {
        const values = new Float64Array(size);
        values.set(column.values);
        const nulls = new Uint8Array(size);
        nulls.set(column.nulls);
        column.values = values;
        column.nulls = nulls;
      }
    }
    const base = this.#rows;
    const columns = this.#columns;
    for (let r = 0; r < records.length; r++) {
      const record = records[r];
      const fields = this.#whole ? [record] : record && typeof record === 'object' ? Object.values(record) : [];
      for (let c = 0; c < columns.length; c++) {
        const column = columns[c];
        const key = numericKey(fields[column.index]);
        if (key === null) column.nulls[base + r] = 1;
        else column.values[base + r] = key;
      }
    }
    this.#rows = need;
  }

  /** { values, nulls } for column `index` over all rows, or null when not kept. */
  get(index) {
    const column = this.#columns.find((c) => c.index === index);
    return column
      ? { values: column.values.subarray(0, this.#rows), nulls: column.nulls.subarray(0, this.#rows) }
      : null;
  }
}

/**
 * A stable order of positions 0..n-1 by numeric keys (LSD radix sort on
 * the keys' IEEE-754 bits, 16 bits a pass): ascending, or descending with
 * ties still in file order; nulls and NaN last either way.
 */
export function orderByKeys(values, nulls, descending) {
  const n = values.length;
  let m = 0;
  const positions = new Uint32Array(n);
  const last = [];
  for (let i = 0; i < n; i++) {
    if ((nulls && nulls[i]) || values[i] !== values[i]) last.push(i);
    else positions[m++] = i;
  }
  const bits = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    const x = values[positions[k]];
    bits[k] = x === 0 ? 0 : descending ? -x : x; // -0 sorts with +0
  }
  const words = new Uint32Array(bits.buffer); // little-endian: lo, hi
  const lo = new Uint32Array(m);
  const hi = new Uint32Array(m);
  for (let k = 0; k < m; k++) {
    let h = words[2 * k + 1];
    let l = words[2 * k];
    // Order-preserving map of doubles onto unsigned integers.
    if (h & 0x80000000) {
      h = ~h >>> 0;
      l = ~l >>> 0;
    } else h = (h | 0x80000000) >>> 0;
    hi[k] = h;
    lo[k] = l;
  }
  let order = new Uint32Array(m);
  for (let k = 0; k < m; k++) order[k] = k;
  let spare = new Uint32Array(m);
  const counts = new Uint32Array(65536);
  const passes = [
    [lo, 0],
    [lo, 16],
    [hi, 0],
    [hi, 16],
  ];
  for (const [word, shift] of passes) {
    counts.fill(0);
    for (let k = 0; k < m; k++) counts[(word[k] >>> shift) & 0xffff]++;
    if (m > 0 && counts[(word[0] >>> shift) & 0xffff] === m) continue; // every key has this digit
    let sum = 0;
    for (let d = 0; d < 65536; d++) {
      const c = counts[d];
      counts[d] = sum;
      sum += c;
    }
    for (let k = 0; k < m; k++) {
      const p = order[k];
      spare[counts[(word[p] >>> shift) & 0xffff]++] = p;
    }
    [order, spare] = [spare, order];
  }
  const out = new Uint32Array(n);
  for (let k = 0; k < m; k++) out[k] = positions[order[k]];
  for (let k = 0; k < last.length; k++) out[m + k] = last[k];
  return out;
}
