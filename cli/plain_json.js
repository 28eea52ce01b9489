// "Plain" JSON, the natural JSON most tools expect, next to the Avro JSON
// encoding: unions unwrapped, bytes and fixed as base64, logical types as
// text (decimals as exact decimal strings, dates and times in ISO 8601,
// UUIDs), NaN and infinities as strings as in Avro JSON. Conversion is
// driven by the schema, both ways, over values of a Type made with
// PLAIN_TYPE_OPTIONS (unions wrapped, so the branch is always known).
import { CliError } from './errors.js';

export const PLAIN_TYPE_OPTIONS = Object.freeze({ logicalTypes: true, wrapUnions: 'always', longs: 'auto' });

const PRIMITIVES = new Set(['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string']);
const MS_PER_DAY = 86400000;
const NON_FINITE = { NaN, Infinity, '-Infinity': -Infinity };
const LOGICAL_KINDS = {
  decimal: ['bytes', 'fixed'],
  'big-decimal': ['bytes'],
  uuid: ['string', 'fixed'],
  date: ['int'],
  'time-millis': ['int'],
  'time-micros': ['long'],
  'timestamp-millis': ['long'],
  'timestamp-micros': ['long'],
  'timestamp-nanos': ['long'],
  'local-timestamp-millis': ['long'],
  'local-timestamp-micros': ['long'],
  'local-timestamp-nanos': ['long'],
  duration: ['fixed'],
};
const TIMESTAMP_UNITS = {
  'timestamp-millis': 1,
  'timestamp-micros': 1000,
  'timestamp-nanos': 1000000,
  'local-timestamp-millis': 1,
  'local-timestamp-micros': 1000,
  'local-timestamp-nanos': 1000000,
};

/** Converters for one schema (a schema JSON value): { toPlain(value), fromPlain(json) }. */
export function createPlainConverter(schema) {
  const { nodes, root } = compileSchema(schema);

  const toPlain = (v, id) => {
    const node = nodes[id];
    switch (node.kind) {
      case 'null':
      case 'boolean':
      case 'string':
      case 'enum':
        return v;
      case 'int':
        if (node.logical === 'date') return isoDate(v);
        if (node.logical === 'time-millis') return isoTime(BigInt(v), 3);
        return v;
      case 'long':
        if (node.logical === 'time-micros') return isoTime(BigInt(v), 6);
        if (v instanceof Date)
          return node.logical.startsWith('local-') ? v.toISOString().slice(0, -1) : v.toISOString();
        return v;
      case 'float':
      case 'double':
        return Number.isFinite(v) ? v : String(v);
      case 'bytes':
      case 'fixed':
        return v instanceof Uint8Array ? Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64') : v;
      case 'array':
        return v.map((x) => toPlain(x, node.items));
      case 'map': {
        const out = {};
        for (const [key, x] of v instanceof Map ? v : Object.entries(v)) define(out, key, toPlain(x, node.items));
        return out;
      }
      case 'record': {
        const out = {};
        for (const field of node.fields) define(out, field.name, toPlain(v[field.name], field.type));
        return out;
      }
      case 'union': {
        if (v === null) return null;
        const [name] = Object.keys(v);
        return toPlain(v[name], node.byName.get(name));
      }
      default:
        throw new Error(`internal: unexpected schema kind ${node.kind}`);
    }
  };

  const fromPlain = (v, id, path) => {
    const node = nodes[id];
    const fail = (message) => {
      throw new CliError(`${message}${path ? ` at ${path}` : ''}`);
    };
    switch (node.kind) {
      case 'int':
        if (typeof v === 'string' && node.logical === 'date')
          return parseIsoDate(v) ?? fail(`expected a date (YYYY-MM-DD), got ${JSON.stringify(v)}`);
        if (typeof v === 'string' && node.logical === 'time-millis') {
          return parseIsoTime(v, 3) ?? fail(`expected a time of day (HH:MM:SS.sss), got ${JSON.stringify(v)}`);
        }
        return v;
      case 'long':
        if (typeof v === 'string' && node.logical === 'time-micros') {
          return parseIsoTime(v, 6) ?? fail(`expected a time of day (HH:MM:SS.ssssss), got ${JSON.stringify(v)}`);
        }
        if (typeof v === 'string' && TIMESTAMP_UNITS[node.logical]) {
          return (
            parseIsoTimestamp(v, TIMESTAMP_UNITS[node.logical]) ??
            fail(`expected an ISO 8601 timestamp, got ${JSON.stringify(v)}`)
          );
        }
        return v;
      case 'float':
      case 'double':
        return typeof v === 'string' && v in NON_FINITE ? NON_FINITE[v] : v;
      case 'bytes':
      case 'fixed':
        if (node.logical || typeof v !== 'string') return v; // decimal and uuid text, duration objects
        return parseBase64(v) ?? fail(`expected base64 bytes, got ${JSON.stringify(v)}`);
      case 'array':
        return Array.isArray(v) ? v.map((x, i) => fromPlain(x, node.items, `${path}[${i}]`)) : v;
      case 'map': {
        if (!isObject(v)) return v;
        const out = {};
        for (const key of Object.keys(v))
          define(out, key, fromPlain(v[key], node.items, `${path}[${JSON.stringify(key)}]`));
        return out;
      }
      case 'record': {
        if (!isObject(v)) return v;
        const out = {};
        for (const field of node.fields) {
          if (Object.hasOwn(v, field.name))
            define(out, field.name, fromPlain(v[field.name], field.type, `${path}.${field.name}`));
        }
        for (const key of Object.keys(v)) if (!node.fieldNames.has(key)) fail(`unknown field ${JSON.stringify(key)}`);
        return out;
      }
      case 'union': {
        if (v === null && node.branches.some((b) => nodes[b].kind === 'null')) return null;
        const branch = node.branches.find((b) => fits(b, v));
        if (branch === undefined)
          fail(
            `${describe(v)} matches no branch of the union [${node.branches.map((b) => nodes[b].branchName).join(', ')}]`,
          );
        return { [nodes[branch].branchName]: fromPlain(v, branch, path) };
      }
      default:
        return v;
    }
  };

  // Whether a plain JSON value can be read as this node (picks the union branch: the first that fits).
  const fits = (id, v) => {
    const node = nodes[id];
    switch (node.kind) {
      case 'null':
        return v === null;
      case 'boolean':
        return typeof v === 'boolean';
      case 'int':
        if (typeof v === 'string') {
          return node.logical === 'date'
            ? parseIsoDate(v) !== null
            : node.logical === 'time-millis' && parseIsoTime(v, 3) !== null;
        }
        return Number.isInteger(v) && v >= -2147483648 && v <= 2147483647;
      case 'long':
        if (typeof v === 'string') {
          if (node.logical === 'time-micros') return parseIsoTime(v, 6) !== null;
          return Boolean(TIMESTAMP_UNITS[node.logical]) && parseIsoTimestamp(v, TIMESTAMP_UNITS[node.logical]) !== null;
        }
        return typeof v === 'bigint' || Number.isInteger(v);
      case 'float':
      case 'double':
        return typeof v === 'number' || typeof v === 'bigint' || (typeof v === 'string' && v in NON_FINITE);
      case 'string':
        return typeof v === 'string';
      case 'enum':
        return node.symbols.includes(v);
      case 'bytes':
      case 'fixed':
        if (node.logical === 'decimal' || node.logical === 'big-decimal') {
          return (
            typeof v === 'number' ||
            typeof v === 'bigint' ||
            (typeof v === 'string' && /^[-+]?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(v))
          );
        }
        if (node.logical === 'uuid')
          return typeof v === 'string' && /^[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}$/.test(v);
        if (node.logical === 'duration') return isObject(v);
        if (typeof v !== 'string') return false;
        return node.kind === 'bytes' ? parseBase64(v) !== null : parseBase64(v)?.length === node.size;
      case 'array':
        return Array.isArray(v);
      case 'map':
        return isObject(v);
      case 'record':
        return (
          isObject(v) &&
          Object.keys(v).every((k) => node.fieldNames.has(k)) &&
          node.fields.every((f) => f.hasDefault || Object.hasOwn(v, f.name))
        );
      default:
        return false;
    }
  };

  return {
    toPlain: (value) => toPlain(value, root),
    fromPlain: (json) => fromPlain(json, root, ''),
  };
}

function define(out, key, value) {
  Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
}

function isObject(v) {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function describe(v) {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${JSON.stringify(typeof v === 'bigint' ? String(v) : v)}`;
}

// ---- ISO 8601 text (UTC; local timestamps print without the Z)

function isoDate(date) {
  if (!(date instanceof Date)) return date;
  return date.toISOString().split('T')[0];
}

function isoTime(units, digits) {
  const perSecond = 10n ** BigInt(digits);
  const seconds = units / perSecond;
  const fraction = String(units % perSecond).padStart(digits, '0');
  const hh = String(seconds / 3600n).padStart(2, '0');
  const mm = String((seconds / 60n) % 60n).padStart(2, '0');
  const ss = String(seconds % 60n).padStart(2, '0');
  return `${hh}:${mm}:${ss}.${fraction}`;
}

const DATE_RE = /^([+-]\d{6}|\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?$/;
const TIMESTAMP_RE = /^([+-]\d{6}|\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})?$/;

function utcMillis(year, month, day, h = 0, m = 0, s = 0) {
  const date = new Date(0);
  date.setUTCFullYear(Number(year), Number(month) - 1, Number(day));
  date.setUTCHours(Number(h), Number(m), Number(s), 0);
  const valid =
    date.getUTCMonth() === Number(month) - 1 &&
    date.getUTCDate() === Number(day) &&
    Number(h) < 24 &&
    Number(m) < 60 &&
    Number(s) < 60;
  return valid ? date.getTime() : null;
}

/** "YYYY-MM-DD" -> days since the epoch, or null. */
function parseIsoDate(text) {
  const m = DATE_RE.exec(text);
  if (!m) return null;
  const ms = utcMillis(m[1], m[2], m[3]);
  return ms === null ? null : ms / MS_PER_DAY;
}

/** "HH:MM:SS[.fraction]" -> units since midnight (milliseconds for 3 digits, microseconds for 6), or null. */
function parseIsoTime(text, digits) {
  const m = TIME_RE.exec(text);
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59 || Number(m[3]) > 59) return null;
  const fraction = fractionUnits(m[4], digits);
  if (fraction === null) return null;
  const units = BigInt(Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3])) * 10n ** BigInt(digits) + fraction;
  return Number(units);
}

/** ISO 8601 date-time -> epoch units (1: millis as a number; 1000 / 1000000: micros / nanos as bigint), or null. */
function parseIsoTimestamp(text, unitsPerMs) {
  const m = TIMESTAMP_RE.exec(text);
  if (!m) return null;
  let ms = utcMillis(m[1], m[2], m[3], m[4], m[5], m[6]);
  if (ms === null) return null;
  if (m[8] && m[8] !== 'Z') {
    const sign = m[8][0] === '-' ? -1 : 1;
    ms -= sign * (Number(m[8].slice(1, 3)) * 60 + Number(m[8].slice(4, 6))) * 60000;
  }
  const digits = unitsPerMs === 1 ? 3 : unitsPerMs === 1000 ? 6 : 9;
  const fraction = fractionUnits(m[7], digits);
  if (fraction === null) return null;
  if (unitsPerMs === 1) return ms + Number(fraction);
  return BigInt(ms) * BigInt(unitsPerMs) + fraction; // ms holds whole seconds here
}

// Fraction digits -> units of 10^-digits seconds; null when it is finer than that (no silent rounding).
function fractionUnits(text = '', digits) {
  if (text.length > digits && /[1-9]/.test(text.slice(digits))) return null;
  return BigInt(text.slice(0, digits).padEnd(digits, '0'));
}

function parseBase64(text) {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 === 1) return null;
  return new Uint8Array(Buffer.from(text, 'base64'));
}

// ---- schema JSON -> nodes (named types resolved; logical types validated as the spec says)

function compileSchema(schema) {
  const nodes = [];
  const named = new Map();
  const add = (node) => nodes.push(node) - 1;
  const compile = (s, ns) => {
    if (typeof s === 'string') {
      if (PRIMITIVES.has(s)) return add({ kind: s, branchName: s });
      const id = named.get(s.includes('.') || !ns ? s : `${ns}.${s}`) ?? named.get(s);
      if (id === undefined) throw new CliError(`unknown type ${JSON.stringify(s)} in the schema`);
      return id;
    }
    if (Array.isArray(s)) {
      const id = add({ kind: 'union', branches: [], byName: new Map() });
      for (const branch of s) {
        const b = compile(branch, ns);
        nodes[id].branches.push(b);
        nodes[id].byName.set(nodes[b].branchName, b);
      }
      return id;
    }
    const kind = s.type === 'error' ? 'record' : s.type;
    if (typeof kind !== 'string') return compile(kind, ns);
    if (kind === 'record' || kind === 'enum' || kind === 'fixed') {
      const dotted = s.name.includes('.');
      const space = dotted ? s.name.slice(0, s.name.lastIndexOf('.')) : (s.namespace ?? ns);
      const short = dotted ? s.name.slice(s.name.lastIndexOf('.') + 1) : s.name;
      const fullName = space ? `${space}.${short}` : short;
      const node = { kind, branchName: fullName, symbols: s.symbols, size: s.size };
      const id = add(node);
      named.set(fullName, id);
      if (kind === 'record') {
        node.fields = s.fields.map((f) => ({ name: f.name, type: compile(f.type, space), hasDefault: 'default' in f }));
        node.fieldNames = new Set(node.fields.map((f) => f.name));
      }
      node.logical = validLogical(s, node);
      return id;
    }
    if (kind === 'array' || kind === 'map') {
      const id = add({ kind, branchName: kind });
      nodes[id].items = compile(kind === 'array' ? s.items : s.values, ns);
      return id;
    }
    if (PRIMITIVES.has(kind)) {
      const node = { kind, branchName: kind };
      node.logical = validLogical(s, node);
      return add(node);
    }
    return compile(kind, ns);
  };
  const root = compile(schema, undefined);
  return { nodes, root };
}

// The logical type when the spec's conditions hold, else undefined (the underlying type is used).
function validLogical(s, node) {
  const logical = s.logicalType;
  if (typeof logical !== 'string' || !LOGICAL_KINDS[logical]?.includes(node.kind)) return undefined;
  if (node.kind === 'fixed' && logical === 'uuid' && node.size !== 16) return undefined;
  if (node.kind === 'fixed' && logical === 'duration' && node.size !== 12) return undefined;
  if (logical === 'decimal') {
    const { precision } = s;
    const scale = s.scale ?? 0;
    if (!(Number.isInteger(precision) && precision > 0 && Number.isInteger(scale) && scale >= 0 && scale <= precision))
      return undefined;
    if (node.kind === 'fixed' && precision > Math.floor(Math.log10(2) * (8 * node.size - 1))) return undefined;
  }
  return logical;
}
