// Seeded generators for the differential suites: random Avro schemas (no
// logical types, unique names, nullable unions only) and schema-driven
// "edge" values, plus a canonical text form of decoded values that makes
// Buffers/Uint8Arrays, class instances and -0/NaN comparable.
'use strict';

const { mulberry32 } = require('./helpers.cjs');

const PRIMITIVES = ['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string'];

/**
 * Random schema generator.
 * options: { maxDepth, allowFloat } ; returns a top-level record schema.
 */
function createSchemaGenerator(seed, { maxDepth = 4, allowFloat = true } = {}) {
  const random = mulberry32(seed);
  const int = (n) => Math.floor(random() * n);
  const pick = (list) => list[int(list.length)];
  let counter = 0;
  const primitives = allowFloat ? PRIMITIVES : PRIMITIVES.filter((p) => p !== 'float');

  function newName() {
    counter++;
    return pick([`N${counter}`, `_n${counter}`, `Type_${counter}x`]);
  }

  function schema() {
    const defined = []; // full names of completed named types, in document order
    const namespaces = [undefined, 'org.example', 'a.b.c', 'x'];

    function named(kind, depth, currentNs) {
      const name = newName();
      const ns = random() < 0.3 ? pick(namespaces) : undefined;
      const effectiveNs = ns !== undefined ? ns : currentNs;
      const fullName = effectiveNs ? `${effectiveNs}.${name}` : name;
      let s;
      if (kind === 'enum') {
        const count = 1 + int(5);
        const symbols = [];
        for (let i = 0; i < count; i++) symbols.push(pick(['A', 'B', 'sym', 'Z_', 'q']) + i);
        s = { type: 'enum', name, symbols };
      } else if (kind === 'fixed') {
        s = { type: 'fixed', name, size: pick([0, 1, 2, 3, 4, 8, 12, 16]) };
      } else {
        const fieldCount = int(depth >= maxDepth ? 3 : 6) + (depth === 0 ? 1 : 0);
        const fields = [];
        for (let i = 0; i < fieldCount; i++) {
          fields.push({ name: pick(['f', 'field_', 'F', '_']) + i, type: type(depth + 1, effectiveNs) });
        }
        s = { type: 'record', name, fields };
      }
      if (ns !== undefined) s.namespace = ns;
      defined.push({ fullName, kind });
      return s;
    }

    function nonUnion(depth, ns) {
      const roll = random();
      if (depth >= maxDepth || roll < 0.45) return pick(primitives);
      // Reference an already defined named type by its full name. A name in
      // the null namespace cannot be referenced from inside a namespace.
      const refs = roll < 0.52 ? defined.filter((d) => d.fullName.includes('.') || !ns) : [];
      if (refs.length) return pick(refs).fullName;
      if (roll < 0.6) return named('enum', depth, ns);
      if (roll < 0.67) return named('fixed', depth, ns);
      if (roll < 0.77) return { type: 'array', items: type(depth + 1, ns) };
      if (roll < 0.87) return { type: 'map', values: type(depth + 1, ns) };
      return named('record', depth, ns);
    }

    function type(depth, ns) {
      if (random() < 0.25) {
        let inner = nonUnion(depth, ns);
        if (inner === 'null') inner = 'string';
        return random() < 0.5 ? ['null', inner] : [inner, 'null'];
      }
      return nonUnion(depth, ns);
    }

    return named('record', 0, undefined);
  }

  return { schema };
}

const EDGE_INTS = [0, 1, -1, 63, 64, -64, -65, 127, 128, 255, 256, 2147483647, -2147483648, 1073741824, -1073741825];
const EDGE_LONGS = [
  0,
  -1,
  1,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 32,
  2 ** 35 + 7,
  -(2 ** 40),
  // Kept within +-2^52: avsc 5.7.9 rejects longs beyond +-(2^53 - 2), and
  // mis-encodes negative longs below -2^52 whose zigzag value is odd (it
  // computes -2n - 1 in doubles: -(2^52) - 1 encodes as +2^52). Larger
  // longs are covered against hand-computed bytes in types.test.cjs.
  4503599627370496,
  -4503599627370496,
  4503599627370495,
  -4503599627370495,
  1234567890123,
];
const EDGE_DOUBLES = [0, -0, 1, -1, 0.1, 1 / 3, 1e308, -1e-308, 5e-324, 2 ** 53, 1e21, 123.456, Number.EPSILON];
const NON_FINITE = [NaN, Infinity, -Infinity];
const EDGE_FLOATS = [0, -0, 1.5, -2.25, 0.1, 3.4028234663852886e38, 1.401298464324817e-45, 1e-40, 65504, 16777217];
const STRING_PIECES = ['', 'a', 'é', 'ñ', '😀', '日本', '\u0000', '\n', '"', '\\', '\u2028', 'ÿ', 'z'.repeat(40), '𝄞'];

/**
 * Schema-driven edge values (valid for the schema with wrapUnions 'auto' on
 * ['null', X] unions). options.nonFinite: include NaN/±Infinity doubles;
 * options.negativeZero: include -0 floats/doubles.
 */
function createValueGenerator(seed, { nonFinite = true, negativeZero = true } = {}) {
  const random = mulberry32(seed);
  const int = (n) => Math.floor(random() * n);
  const pick = (list) => list[int(list.length)];

  const noNegZero = (x) => (!negativeZero && Object.is(x, -0) ? 0 : x);

  function str() {
    const n = int(5);
    let s = '';
    for (let i = 0; i < n; i++) s += pick(STRING_PIECES);
    return s;
  }

  // Buffers (a Uint8Array subclass): avsc only accepts Buffers for bytes/fixed.
  function bytes(n) {
    const b = Buffer.alloc(n);
    for (let i = 0; i < n; i++) b[i] = int(256);
    return b;
  }

  function value(schema, registry, depth = 0) {
    if (typeof schema === 'string') {
      switch (schema) {
        case 'null':
          return null;
        case 'boolean':
          return random() < 0.5;
        case 'int':
          return random() < 0.7 ? pick(EDGE_INTS) : int(2 ** 31) - 2 ** 30;
        case 'long':
          return random() < 0.7 ? pick(EDGE_LONGS) : Math.floor((random() - 0.5) * 2 ** 53);
        case 'float':
          return noNegZero(random() < 0.7 ? pick(EDGE_FLOATS) : Math.fround((random() - 0.5) * 1e6));
        case 'double':
          if (nonFinite && random() < 0.15) return pick(NON_FINITE);
          return noNegZero(random() < 0.7 ? pick(EDGE_DOUBLES) : (random() - 0.5) * 1e10);
        case 'bytes':
          return bytes(int(40));
        case 'string':
          return str();
        default:
          return value(registry.get(schema), registry, depth);
      }
    }
    if (Array.isArray(schema)) {
      const nonNull = schema.find((b) => b !== 'null');
      if (random() < 0.3 || depth > 6) return null;
      return value(nonNull, registry, depth + 1);
    }
    switch (schema.type) {
      case 'enum':
        return pick(schema.symbols);
      case 'fixed':
        return bytes(schema.size);
      case 'array': {
        const n = depth > 6 ? 0 : int(5);
        const out = [];
        for (let i = 0; i < n; i++) out.push(value(schema.items, registry, depth + 1));
        return out;
      }
      case 'map': {
        const n = depth > 6 ? 0 : int(5);
        const out = {};
        for (let i = 0; i < n; i++) out[str() + i] = value(schema.values, registry, depth + 1);
        return out;
      }
      case 'record': {
        const out = {};
        for (const f of schema.fields) out[f.name] = value(f.type, registry, depth + 1);
        return out;
      }
      default:
        throw new Error(`unexpected schema ${JSON.stringify(schema)}`);
    }
  }

  return { value };
}

/** Maps full names (and short names) of the named types in a generated schema to their definitions. */
function buildRegistry(schema) {
  const registry = new Map();
  const visit = (s, ns) => {
    if (typeof s === 'string' || s === null) return;
    if (Array.isArray(s)) {
      s.forEach((b) => visit(b, ns));
      return;
    }
    if (s.type === 'record' || s.type === 'enum' || s.type === 'fixed') {
      const space = s.namespace !== undefined ? s.namespace : ns;
      registry.set(space ? `${space}.${s.name}` : s.name, s);
      if (s.type === 'record') s.fields.forEach((f) => visit(f.type, space));
      return;
    }
    if (s.type === 'array') visit(s.items, ns);
    if (s.type === 'map') visit(s.values, ns);
  };
  visit(schema, undefined);
  return registry;
}

/**
 * A canonical text of a decoded value: Buffers and Uint8Arrays as hex,
 * class instances as plain objects (sorted keys), -0 and NaN preserved.
 */
function canon(v) {
  if (v === null) return 'null';
  if (v === undefined) return 'undefined';
  switch (typeof v) {
    case 'boolean':
      return String(v);
    case 'number':
      return Object.is(v, -0) ? '-0' : String(v);
    case 'bigint':
      return `${v}n`;
    case 'string':
      return JSON.stringify(v);
    default:
      break;
  }
  if (v instanceof Uint8Array) return `<${Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex')}>`;
  if (Array.isArray(v)) return `[${v.map(canon).join(',')}]`;
  if (v instanceof Map) {
    return `Map{${[...v.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, x]) => `${JSON.stringify(k)}:${canon(x)}`)
      .join(',')}}`;
  }
  if (v instanceof Date) return `Date(${v.toISOString()})`;
  const keys = Object.keys(v).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canon(v[k])}`).join(',')}}`;
}

module.exports = { createSchemaGenerator, createValueGenerator, buildRegistry, canon };
