// Column summaries, updated block by block as the file is decoded, so the
// worker never needs a second pass or all values at once:
// - numbers, timestamps, decimals: count, nulls, min, max, mean (exact) and a
//   histogram drawn from a uniform reservoir sample (exact while the column
//   has at most SAMPLE values);
// - strings, enums, booleans, mixed unions: value counts, exact until
//   MAX_DISTINCT distinct values, then only the most frequent survive
//   (counts become lower bounds and the summary says so);
// - bytes, arrays, maps: the length/size distribution as a number column.
import { textOf } from './values.js';

const SAMPLE = 10000;
const MAX_DISTINCT = 20000;
const KEEP_AFTER_PRUNE = 2000;
const TOP = 10;
const BINS = 24;

class NumberStats {
  constructor(seed) {
    this.count = 0;
    this.nulls = 0;
    this.nans = 0;
    this.min = Infinity;
    this.max = -Infinity;
    this.sum = 0;
    this.sample = new Float64Array(SAMPLE);
    this.seen = 0; // finite values offered to the reservoir
    this.seed = seed >>> 0 || 1;
    this.integers = true;
  }

  add(x) {
    if (Number.isNaN(x)) {
      this.nans++;
      return;
    }
    this.count++;
    if (x < this.min) this.min = x;
    if (x > this.max) this.max = x;
    if (!Number.isFinite(x)) return;
    this.sum += x;
    if (this.integers && !Number.isInteger(x)) this.integers = false;
    // Algorithm R with a xorshift PRNG: deterministic, so summaries are reproducible.
    if (this.seen < SAMPLE) this.sample[this.seen] = x;
    else {
      let s = this.seed;
      s ^= s << 13;
      s ^= s >>> 17;
      s ^= s << 5;
      this.seed = s >>> 0;
      const j = this.seed % (this.seen + 1);
      if (j < SAMPLE) this.sample[j] = x;
    }
    this.seen++;
  }

  result() {
    const n = Math.min(this.seen, SAMPLE);
    const finite = this.seen;
    const out = {
      count: this.count,
      nulls: this.nulls,
      nans: this.nans,
      min: this.count ? this.min : null,
      max: this.count ? this.max : null,
      mean: finite ? this.sum / finite : null,
      sampled: this.seen > SAMPLE,
      histogram: null,
    };
    if (n === 0) return out;
    // Bins span the exact range (the sample's own extremes may fall inside it).
    let lo = this.min;
    let hi = this.max;
    if (!Number.isFinite(lo) || !Number.isFinite(hi)) {
      lo = Infinity;
      hi = -Infinity;
      for (let i = 0; i < n; i++) {
        const x = this.sample[i];
        if (x < lo) lo = x;
        if (x > hi) hi = x;
      }
    }
    // Integer columns with a small range get one bar per value ([lo, hi + 1)).
    const perValue = this.integers && hi - lo + 1 <= BINS;
    const bins = perValue ? hi - lo + 1 : hi === lo ? 1 : BINS;
    const width = perValue || hi === lo ? 1 : (hi - lo) / bins;
    const counts = new Array(bins).fill(0);
    for (let i = 0; i < n; i++) counts[Math.min(bins - 1, Math.floor((this.sample[i] - lo) / width))]++;
    // Sampled bars are scaled back to the column's count so the axis reads as rows.
    const scale = finite / n;
    out.histogram = { lo, hi: lo + width * bins, discrete: perValue, counts: counts.map((c) => Math.round(c * scale)) };
    return out;
  }
}

class ValueCounts {
  constructor() {
    this.count = 0;
    this.nulls = 0;
    this.counts = new Map();
    this.approximate = false;
    this.unique = false; // nearly every value distinct (ids, uuids): counting them is pointless
    this.distinctSeen = 0;
    this.minLength = Infinity;
    this.maxLength = 0;
    this.totalLength = 0;
  }

  add(text) {
    this.count++;
    if (text.length < this.minLength) this.minLength = text.length;
    if (text.length > this.maxLength) this.maxLength = text.length;
    this.totalLength += text.length;
    if (this.unique) return;
    const key = text.length > 200 ? `${text.slice(0, 200)}…` : text;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    if (this.counts.size > MAX_DISTINCT) this.prune();
  }

  // Keeps about the KEEP_AFTER_PRUNE most frequent values: finds the count
  // threshold from a histogram of counts (linear; a sort per prune was the
  // main cost on columns where almost every value is distinct).
  prune() {
    const byCount = new Map();
    for (const count of this.counts.values()) byCount.set(count, (byCount.get(count) ?? 0) + 1);
    const levels = [...byCount.keys()].sort((a, b) => b - a);
    let kept = 0;
    let threshold = Infinity;
    for (const level of levels) {
      if (kept + byCount.get(level) > KEEP_AFTER_PRUNE) break;
      kept += byCount.get(level);
      threshold = level;
    }
    this.approximate = true;
    if (levels[0] === 1) {
      // MAX_DISTINCT values and none seen twice: stop counting (this was most of the summary time).
      this.unique = true;
      this.distinctSeen = this.counts.size;
      this.counts = new Map();
      return;
    }
    const next = new Map();
    for (const [value, count] of this.counts) if (count >= threshold) next.set(value, count);
    this.counts = next;
  }

  result() {
    const top = [...this.counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, TOP);
    return {
      count: this.count,
      nulls: this.nulls,
      distinct: this.unique ? this.distinctSeen : this.counts.size,
      approximate: this.approximate,
      unique: this.unique,
      top,
      minLength: this.count ? this.minLength : null,
      maxLength: this.count ? this.maxLength : null,
      meanLength: this.count ? this.totalLength / this.count : null,
    };
  }
}

/** Per-column summaries for `columns` (from columnsOf), fed one block of records at a time. */
export function createSummary(columns) {
  const stats = columns.map((column, i) => {
    switch (column.kind) {
      case 'number':
      case 'time':
      case 'decimal':
        return { mode: 'number', stats: new NumberStats(i + 1) };
      case 'bytes':
      case 'array':
      case 'map':
      case 'string':
        // Strings get both: their top values and their length distribution.
        return {
          mode: column.kind === 'string' ? 'string' : 'size',
          stats: new NumberStats(i + 1),
          counts: new ValueCounts(),
        };
      case 'record':
      case 'null':
        return { mode: 'nulls', stats: { count: 0, nulls: 0 } };
      default:
        return { mode: 'values', stats: new ValueCounts() };
    }
  });
  const whole = columns.length === 1 && columns[0].whole;

  // One handler per column, chosen once by mode, so the per-value work has no
  // dispatch; values are taken with Object.values (records are plain objects
  // with their fields in schema order), one call per record instead of a
  // property lookup by a different name per column at the same site.
  const handlers = stats.map((entry) => {
    const nulls = () => {
      entry.stats.nulls++;
      if (entry.counts) entry.counts.nulls++;
    };
    switch (entry.mode) {
      case 'number':
        return (v) => {
          if (v === null || v === undefined) return nulls();
          if (typeof v === 'number') entry.stats.add(v);
          else if (v instanceof Date) entry.stats.add(v.getTime());
          else if (typeof v === 'bigint') entry.stats.add(Number(v));
          else if (typeof v === 'string')
            entry.stats.add(Number(v)); // decimals: approximate stats of exact values
          else entry.stats.add(NaN);
        };
      case 'string':
        return (v) => {
          if (v === null || v === undefined) return nulls();
          if (typeof v === 'string') {
            entry.counts.add(v);
            entry.stats.add(v.length);
          } else entry.counts.add(textOf(v));
        };
      case 'size':
        return (v) => {
          if (v === null || v === undefined) return nulls();
          entry.stats.add(
            v instanceof Uint8Array || Array.isArray(v) ? v.length : v instanceof Map ? v.size : Object.keys(v).length,
          );
        };
      case 'nulls':
        return (v) => {
          if (v === null || v === undefined) entry.stats.nulls++;
          else entry.stats.count++;
        };
      default:
        return (v) => {
          if (v === null || v === undefined) return nulls();
          entry.stats.add(typeof v === 'string' ? v : textOf(v));
        };
    }
  });
  const width = handlers.length;

  return {
    add(records, count = records.length) {
      if (whole) {
        for (let r = 0; r < count; r++) handlers[0](records[r]);
        return;
      }
      for (let r = 0; r < count; r++) {
        const record = records[r];
        const values = record && typeof record === 'object' ? Object.values(record) : [];
        for (let c = 0; c < width; c++) handlers[c](values[c]);
      }
    },
    result() {
      return columns.map((column, c) => {
        const entry = stats[c];
        const base = { name: column.name, kind: column.kind, typeText: column.typeText, mode: entry.mode };
        if (entry.mode === 'nulls') return { ...base, count: entry.stats.count, nulls: entry.stats.nulls };
        if (entry.mode === 'values') return { ...base, ...entry.stats.result() };
        if (entry.mode === 'string') return { ...base, ...entry.counts.result(), lengths: entry.stats.result() };
        return { ...base, ...entry.stats.result() };
      });
    },
  };
}
