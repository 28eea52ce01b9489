// Decoded Avro values (as the package returns them: numbers, bigints,
// strings, Uint8Arrays, Dates/PreciseDates, arrays, plain objects) turned
// into what the page shows, searches, sorts and exports. Runs in the worker.
import { toBase64, toHex } from '../shared/format.js';

// Cell kinds, sent with each cell so the page can style it without re-parsing.
export const KIND = { NULL: 0, NUMBER: 1, STRING: 2, BOOLEAN: 3, DATE: 4, BYTES: 5, NESTED: 6 };

const CELL_TEXT_LIMIT = 240; // characters shown in a grid cell; the inspector shows everything

const isBytes = (v) => v instanceof Uint8Array;
const dateText = (d) => (Number.isNaN(d.getTime()) ? 'Invalid Date' : d.toISOString()); // PreciseDate keeps its digits

/**
 * Plain JSON text of a value: bytes as base64 (or hex), longs beyond 2^53 as
 * exact JSON numbers, dates as ISO-8601 strings, NaN/±Infinity as strings
 * (as Avro's JSON encoding writes them). `limit` stops early (previews).
 */
export function plainJson(value, { bytes = 'base64', limit = Infinity } = {}) {
  const out = [];
  let length = 0;
  const push = (text) => {
    out.push(text);
    length += text.length;
  };
  const write = (v) => {
    if (length > limit) return;
    if (v === null || v === undefined) return push('null');
    switch (typeof v) {
      case 'boolean':
        return push(v ? 'true' : 'false');
      case 'number':
        return push(Number.isFinite(v) ? JSON.stringify(v) : `"${v}"`);
      case 'bigint':
        return push(v.toString());
      case 'string':
        return push(JSON.stringify(v));
      default:
    }
    if (v instanceof Date) return push(JSON.stringify(dateText(v)));
    if (isBytes(v)) return push(`"${bytes === 'hex' ? toHex(v) : toBase64(v)}"`);
    if (Array.isArray(v)) {
      push('[');
      for (let i = 0; i < v.length && length <= limit; i++) {
        if (i) push(',');
        write(v[i]);
      }
      return push(']');
    }
    const entries = v instanceof Map ? [...v] : Object.keys(v).map((key) => [key, v[key]]);
    push('{');
    for (let i = 0; i < entries.length && length <= limit; i++) {
      if (i) push(',');
      push(JSON.stringify(String(entries[i][0])));
      push(':');
      write(entries[i][1]);
    }
    return push('}');
  };
  write(value);
  const text = out.join('');
  return text.length > limit ? `${text.slice(0, limit)}…` : text;
}

/**
 * The shortest decimal that reads back as the same float32: a float column's
 * 1.1f arrives as the double 1.100000023841858 and should show as 1.1.
 */
export function float32Text(x) {
  if (!Number.isFinite(x) || Math.fround(x) !== x) return String(x);
  for (let digits = 1; digits <= 9; digits++) {
    const shortest = Number(x.toPrecision(digits));
    if (Math.fround(shortest) === x) return String(shortest);
  }
  return String(x);
}

/** [text, kind] for a grid cell; `float` columns show float32 values at their own precision. */
export function cellOf(v, float = false) {
  if (float && typeof v === 'number') return [float32Text(v), KIND.NUMBER];
  if (v === null || v === undefined) return ['null', KIND.NULL];
  switch (typeof v) {
    case 'number':
    case 'bigint':
      return [String(v), KIND.NUMBER];
    case 'boolean':
      return [String(v), KIND.BOOLEAN];
    case 'string':
      return [v.length > CELL_TEXT_LIMIT ? `${v.slice(0, CELL_TEXT_LIMIT)}…` : v, KIND.STRING];
    default:
  }
  if (v instanceof Date) return [dateText(v), KIND.DATE];
  if (isBytes(v)) {
    const shown = v.length > 64 ? `${toHex(v.subarray(0, 64), ' ')} … (${v.length} bytes)` : toHex(v, ' ');
    return [shown || '(0 bytes)', KIND.BYTES];
  }
  return [plainJson(v, { bytes: 'hex', limit: CELL_TEXT_LIMIT }), KIND.NESTED];
}

/** Sort/filter key: a number, a string or null. */
export function keyOf(v) {
  if (v === null || v === undefined) return null;
  switch (typeof v) {
    case 'number':
      return v;
    case 'bigint':
      return Number(v);
    case 'boolean':
      return v ? 1 : 0;
    case 'string':
      return v;
    default:
  }
  if (v instanceof Date) return v.getTime();
  if (isBytes(v)) return toHex(v);
  return plainJson(v, { bytes: 'hex' });
}

/** The text a filter matches against (strings as is, everything else as shown). */
export function textOf(v) {
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return 'null';
  if (v instanceof Date) return dateText(v);
  if (isBytes(v)) return toHex(v);
  if (typeof v === 'object') return plainJson(v, { bytes: 'hex' });
  return String(v);
}

/** One CSV field (RFC 4180 quoting); null is an empty field, nested values are plain JSON. */
export function csvField(v) {
  let text;
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') text = v;
  else if (v instanceof Date) text = dateText(v);
  else if (isBytes(v)) text = toBase64(v);
  else if (typeof v === 'object') text = plainJson(v);
  else text = String(v);
  return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A value as a tree the page renders in the inspector (structured-clone
 * safe and unambiguous): [kind, payload] with kinds null, bool, num, long,
 * str, bytes, date, arr, obj.
 */
export function treeOf(v, depth = 0) {
  if (depth > 200) return ['str', '…'];
  if (v === null || v === undefined) return ['null', null];
  switch (typeof v) {
    case 'boolean':
      return ['bool', v];
    case 'number':
      return ['num', v];
    case 'bigint':
      return ['long', v.toString()];
    case 'string':
      return ['str', v];
    default:
  }
  if (v instanceof Date) return ['date', dateText(v)];
  if (isBytes(v)) return ['bytes', v.length > 4096 ? `${toHex(v.subarray(0, 4096), ' ')} …` : toHex(v, ' '), v.length];
  if (Array.isArray(v)) return ['arr', v.map((item) => treeOf(item, depth + 1))];
  const entries = v instanceof Map ? [...v] : Object.keys(v).map((key) => [key, v[key]]);
  return ['obj', entries.map(([key, item]) => [String(key), treeOf(item, depth + 1)])];
}
