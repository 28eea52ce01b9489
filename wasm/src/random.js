// Random valid values for a schema (Type#random, the CLI's `random`). The
// schema JSON is compiled into nodes shaped like the core's description
// (op, logical, branches...) so the union wrapping rules of unions.js apply
// unchanged, and every value has the JS form the Type's options give to
// decoded values: a value round-trips through toBuffer/fromBuffer.
import { AvroError } from './errors.js';
import { PreciseDate } from './precise_date.js';
import { unionPlan } from './unions.js';

const PRIMITIVES = new Set(['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string']);
// Collections get no elements and unions take their shallowest branch below
// this nesting, so recursive schemas end and values stay small.
const BRANCHING_DEPTH = 4;
const MS_PER_DAY = 86400000;
const INT64_MIN = -(2n ** 63n);
// Characters from 1 to 4 UTF-8 bytes, so strings exercise the UTF-8 paths.
const ALPHABET = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 _-.éßñøΩЖ中文日本😀🎉'];

/**
 * Compiles `schema` (a schema JSON value, as Type#schema() returns) once;
 * the result maps a seed (number, bigint or string; random when undefined)
 * to one value. options: the Type's options (logicalTypes, longs, maps,
 * wrapUnions, maxDepth).
 */
export function createRandomGenerator(schema, options) {
  const desc = compileSchema(schema, options.logicalTypes !== false);
  const depthOf = shallowestDepths(desc);
  if (depthOf[desc.root] === Infinity) {
    throw new AvroError('the schema has no finite values (a record always contains itself)', {
      code: 'INVALID_VALUE',
    });
  }
  const plans = desc.nodes.map((node) => (node.op === 'union' ? unionPlan(desc, node, options) : null));
  const bigintLongs = options.longs === 'bigint';
  const asMap = options.maps === 'Map';
  // The writers count nesting of records, arrays and maps against maxDepth.
  const branchingDepth = Math.max(0, Math.min(BRANCHING_DEPTH, (options.maxDepth ?? 1000) - 2));

  return (seed) => {
    const next = seededRandom(seed === undefined ? `${Math.random()}:${Date.now()}` : seed);
    const below = (n) => Math.floor(next() * n);
    const between = (lo, hi) => lo + below(hi - lo + 1);
    const pick = (list) => list[below(list.length)];

    const bytes = (n) => {
      const out = new Uint8Array(n);
      for (let i = 0; i < n; i++) out[i] = below(256);
      return out;
    };
    const text = (min, max) => {
      let s = '';
      for (let n = between(min, max); n > 0; n--) s += pick(ALPHABET);
      return s;
    };
    const digits = (n) => {
      let s = String(between(1, 9));
      for (let i = 1; i < n; i++) s += String(below(10));
      return s;
    };
    const int32 = () => {
      const roll = next();
      if (roll < 0.5) return between(-100, 100);
      if (roll < 0.8) return between(-65536, 65536);
      return between(-2147483648, 2147483647);
    };
    const int64 = () => {
      const roll = next();
      let v;
      if (roll < 0.4) v = BigInt(between(-100, 100));
      else if (roll < 0.7) v = BigInt(between(-(2 ** 40), 2 ** 40));
      else v = ((BigInt(below(2 ** 32)) << 32n) | BigInt(below(2 ** 32))) + INT64_MIN;
      return v;
    };
    const long = (v) => (bigintLongs ? v : Number.isSafeInteger(Number(v)) ? Number(v) : v);
    const scaled = (magnitude) => (next() - 0.5) * 10 ** below(magnitude + 1);
    // Epoch milliseconds between 1900 and 2100.
    const epochMillis = () => between(-25567, 47482) * MS_PER_DAY + below(MS_PER_DAY);
    const uuid = () => {
      const b = bytes(16);
      b[6] = (b[6] & 0x0f) | 0x40;
      b[8] = (b[8] & 0x3f) | 0x80;
      const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    };
    // A decimal in the decoder's text form: exactly `scale` fraction digits.
    const decimal = (precision, scale) => {
      const unscaled = next() < 0.1 ? '0' : digits(between(1, Math.min(precision, 30)));
      const padded = unscaled.padStart(scale + 1, '0');
      const point = padded.length - scale;
      const body = scale === 0 ? padded : `${padded.slice(0, point)}.${padded.slice(point)}`;
      return unscaled !== '0' && next() < 0.5 ? `-${body}` : body;
    };

    const value = (id, depth) => {
      const node = desc.nodes[id];
      const shallow = depth >= branchingDepth;
      switch (node.op) {
        case 'null':
          return null;
        case 'boolean':
          return next() < 0.5;
        case 'int':
          if (node.logical === 'date') return new Date(between(-36500, 36500) * MS_PER_DAY);
          if (node.logical === 'time-millis') return below(MS_PER_DAY);
          return int32();
        case 'long':
          if (node.logical === 'timestamp-millis' || node.logical === 'local-timestamp-millis') {
            return new Date(epochMillis());
          }
          if (node.logical === 'time-micros') return long(BigInt(below(MS_PER_DAY)) * 1000n + BigInt(below(1000)));
          return long(int64());
        case 'float':
          return Math.fround(scaled(6));
        case 'double':
          return scaled(12);
        case 'bytes':
          return bytes(between(0, 16));
        case 'string':
          return node.logical === 'uuid' ? uuid() : text(0, 12);
        case 'fixed':
          return bytes(node.size);
        case 'enum':
          return pick(node.symbols);
        case 'decimal':
          return decimal(node.precision, node.scale);
        case 'big-decimal':
          return decimal(30, between(0, 6));
        case 'uuid-fixed':
          return uuid();
        case 'timestamp-micros':
          return new PreciseDate(epochMillis(), below(1000) * 1000);
        case 'timestamp-nanos':
          return new PreciseDate(epochMillis(), below(1000000));
        case 'duration':
          return { months: between(0, 24), days: between(0, 60), milliseconds: below(MS_PER_DAY) };
        case 'array': {
          const n = shallow || depthOf[node.items] === Infinity ? 0 : between(0, 3);
          const out = new Array(n);
          for (let i = 0; i < n; i++) out[i] = value(node.items, depth + 1);
          return out;
        }
        case 'map': {
          const n = shallow || depthOf[node.items] === Infinity ? 0 : between(0, 3);
          const out = asMap ? new Map() : {};
          for (let i = 0; i < n; i++) {
            const key = `${text(1, 6)}${i}`;
            const v = value(node.items, depth + 1);
            if (asMap) out.set(key, v);
            else Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true });
          }
          return out;
        }
        case 'record': {
          const out = {};
          for (const field of node.fields) {
            const v = value(field.type, depth + 1);
            Object.defineProperty(out, field.name, { value: v, enumerable: true, writable: true, configurable: true });
          }
          return out;
        }
        case 'union': {
          let choices = node.branches.map((_, i) => i);
          if (shallow) {
            const least = Math.min(...node.branches.map((b) => depthOf[b]));
            choices = choices.filter((i) => depthOf[node.branches[i]] === least);
          } else {
            choices = choices.filter((i) => depthOf[node.branches[i]] !== Infinity);
          }
          const index = pick(choices);
          const branch = desc.nodes[node.branches[index]];
          const v = value(node.branches[index], depth);
          if (!plans[id].wrapped || branch.op === 'null') return v;
          return { [branch.branchName]: v };
        }
        default:
          throw new AvroError(`internal: no random values for ${node.op}`, { code: 'INTERNAL' });
      }
    };
    return value(desc.root, 0);
  };
}

/**
 * The nesting each node needs at least (records count one level): what a
 * union picks when values must stop growing. Infinity marks types without a
 * finite value (a record that always contains itself).
 */
function shallowestDepths(desc) {
  const depth = desc.nodes.map(() => Infinity);
  for (let changed = true; changed;) {
    changed = false;
    desc.nodes.forEach((node, id) => {
      let d;
      if (node.op === 'union') d = Math.min(...node.branches.map((b) => depth[b]));
      else if (node.op === 'record') d = 1 + Math.max(0, ...node.fields.map((f) => depth[f.type]));
      else d = 0; // primitives, enum, fixed, and collections (which may be empty)
      if (d < depth[id]) {
        depth[id] = d;
        changed = true;
      }
    });
  }
  return depth;
}

/**
 * Schema JSON -> { root, nodes } in the shape of the core's description.
 * Logical types follow the spec (and the core's parser): an invalid one is
 * ignored and the node keeps its underlying type.
 */
function compileSchema(schema, logicalTypes) {
  const nodes = [];
  const named = new Map();
  const add = (node) => nodes.push(node) - 1;

  const compile = (s, ns) => {
    if (typeof s === 'string') {
      if (PRIMITIVES.has(s)) return add({ op: s, kind: s, branchName: s });
      const id = named.get(s.includes('.') || !ns ? s : `${ns}.${s}`) ?? named.get(s);
      if (id === undefined) throw new AvroError(`unknown type ${JSON.stringify(s)}`, { code: 'SCHEMA_PARSE' });
      return id;
    }
    if (Array.isArray(s)) {
      const id = add({ op: 'union', kind: 'union', branchName: 'union', branches: [] });
      for (const branch of s) nodes[id].branches.push(compile(branch, ns));
      return id;
    }
    if (s === null || typeof s !== 'object') {
      throw new AvroError(`not a schema: ${JSON.stringify(s)}`, { code: 'SCHEMA_PARSE' });
    }
    const kind = s.type === 'error' ? 'record' : s.type;
    if (typeof kind !== 'string') return compile(kind, ns);
    if (kind === 'record' || kind === 'enum' || kind === 'fixed') {
      const dotted = s.name.includes('.');
      const space = dotted ? s.name.slice(0, s.name.lastIndexOf('.')) : (s.namespace ?? ns);
      const short = dotted ? s.name.slice(s.name.lastIndexOf('.') + 1) : s.name;
      const fullName = space ? `${space}.${short}` : short;
      const node = { op: kind, kind, branchName: fullName, name: fullName };
      const id = add(node);
      named.set(fullName, id); // before the fields: a record may refer to itself
      if (kind === 'enum') node.symbols = s.symbols;
      if (kind === 'fixed') node.size = s.size;
      if (kind === 'record') node.fields = s.fields.map((f) => ({ name: f.name, type: compile(f.type, space) }));
      applyLogical(node, s, logicalTypes);
      return id;
    }
    if (kind === 'array' || kind === 'map') {
      const id = add({ op: kind, kind, branchName: kind });
      nodes[id].items = compile(kind === 'array' ? s.items : s.values, ns);
      return id;
    }
    if (PRIMITIVES.has(kind)) {
      const node = { op: kind, kind, branchName: kind };
      applyLogical(node, s, logicalTypes);
      return add(node);
    }
    return compile(kind, ns); // a named type referenced as {"type": "a.B"}
  };

  const root = compile(schema, undefined);
  return { root, nodes };
}

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

// With logical types off, values are those of the underlying type.
function applyLogical(node, s, logicalTypes) {
  const logical = s.logicalType;
  if (!logicalTypes || typeof logical !== 'string' || !LOGICAL_KINDS[logical]?.includes(node.kind)) return;
  if (node.kind === 'fixed' && logical === 'uuid' && node.size !== 16) return;
  if (node.kind === 'fixed' && logical === 'duration' && node.size !== 12) return;
  if (logical === 'decimal') {
    const precision = s.precision;
    const scale = s.scale ?? 0;
    if (!(
      Number.isInteger(precision) &&
      precision > 0 &&
      Number.isInteger(scale) &&
      scale >= 0 &&
      scale <= precision
    )) {
      return;
    }
    if (node.kind === 'fixed' && precision > Math.floor(Math.log10(2) * (8 * node.size - 1))) return;
    node.precision = precision;
    node.scale = scale;
  }
  node.logical = logical;
  node.op = logicalOp(node);
}

// The core's op for a valid logical type when logical types are on (see
// src/datum/program.cpp op_for); others keep the underlying op.
function logicalOp(node) {
  switch (node.logical) {
    case 'decimal':
      return 'decimal';
    case 'big-decimal':
      return 'big-decimal';
    case 'uuid':
      return node.kind === 'fixed' ? 'uuid-fixed' : node.op;
    case 'timestamp-micros':
    case 'local-timestamp-micros':
      return 'timestamp-micros';
    case 'timestamp-nanos':
    case 'local-timestamp-nanos':
      return 'timestamp-nanos';
    case 'duration':
      return 'duration';
    default:
      return node.op;
  }
}

/**
 * sfc32 seeded from a 128-bit hash of the seed's text: any number, bigint or
 * string, and nearby seeds give unrelated sequences.
 */
function seededRandom(seed) {
  if (!['number', 'bigint', 'string'].includes(typeof seed)) {
    throw new AvroError('seed must be a number, a bigint or a string', { code: 'INVALID_VALUE' });
  }
  const text = String(seed);
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  let a = (h1 ^ h2 ^ h3 ^ h4) >>> 0;
  let b = (h2 ^ h1) >>> 0;
  let c = (h3 ^ h1) >>> 0;
  let d = (h4 ^ h1) >>> 0;
  const next = () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
  for (let i = 0; i < 12; i++) next(); // mix the state before the first value
  return next;
}
