// Schema inference from a JS value (Type.forValue), following avsc's
// Type.forValue/forTypes where the value mapping of this package allows:
//   null -> null; boolean -> boolean; string -> string; Uint8Array -> bytes;
//   integer numbers -> int (32-bit) or long (other safe integers); every
//   other number (fractions, -0, NaN, infinities, integers beyond 2^53) ->
//   double; bigint -> long; Date -> timestamp-millis long; PreciseDate ->
//   timestamp-nanos long; arrays -> array of the combined item type (an
//   empty array -> array of null, forgotten when combined with a non-empty
//   one); Map -> map; plain objects -> record (when every key is a valid Avro
//   name; properties that are undefined are left out) or map otherwise.
// Combining the types of several values (array items, map values, a field
// across records): int < long < double widen; timestamp-millis < -nanos
// widen; arrays combine their items; records combine field by field, and a
// field missing from some records becomes ['null', T] with default null;
// records combined with maps become maps; what is still different becomes a
// union, branches in order of first appearance (always distinguishable in
// JS, so values need no wrapping with wrapUnions 'auto').
// Records are named Record, Record2, Record3, ... in document order.
// Differences from avsc 5.7: fractions give double (avsc: float, which
// rounds), integers beyond 32 bits long (avsc: float or double), -0 double
// (avsc: int, which loses the sign), Date a timestamp (avsc: an empty
// record); bigint, Map and PreciseDate are inferred (avsc: not supported);
// records are named (avsc: anonymous); undefined properties are left out
// (avsc: an error); Dates and integers beyond 32 bits in one place are an
// UnsupportedError (no Avro union holds two longs).
import { UnsupportedError, ValueError } from './errors.js';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const INT_MIN = -2147483648;
const INT_MAX = 2147483647;
const NUMBER_RANK = { int: 0, long: 1, double: 2 };

/** The schema (a JSON-ready object or name) inferred for `value`. */
export function inferSchema(value) {
  const type = infer(value, []);
  let records = 0;
  const emit = (t) => {
    switch (t.kind) {
      case 'array':
        return { type: 'array', items: t.items ? emit(t.items) : 'null' };
      case 'map':
        return { type: 'map', values: t.values ? emit(t.values) : 'null' };
      case 'date':
        return { type: 'long', logicalType: t.unit === 'nanos' ? 'timestamp-nanos' : 'timestamp-millis' };
      case 'union':
        return t.branches.map(emit);
      case 'record': {
        records++;
        const schema = { type: 'record', name: records === 1 ? 'Record' : `Record${records}`, fields: [] };
        for (const [name, field] of t.fields) {
          const out = { name, type: emit(field.type) };
          if (field.optional) out.default = null;
          schema.fields.push(out);
        }
        return schema;
      }
      default:
        return t.kind; // null, boolean, int, long, double, string, bytes
    }
  };
  return emit(type);
}

function where(path) {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('');
}

// The intermediate type of one value: { kind, ... } without names.
function infer(value, path) {
  if (value === null) return { kind: 'null' };
  switch (typeof value) {
    case 'boolean':
      return { kind: 'boolean' };
    case 'string':
      return { kind: 'string' };
    case 'bigint':
      return { kind: 'long' };
    case 'number':
      if (Number.isInteger(value) && !Object.is(value, -0)) {
        if (value >= INT_MIN && value <= INT_MAX) return { kind: 'int' };
        if (Number.isSafeInteger(value)) return { kind: 'long' };
      }
      return { kind: 'double' };
    case 'object':
      break;
    default:
      throw cannotInfer(value, path);
  }
  if (value instanceof Uint8Array) return { kind: 'bytes' };
  if (value instanceof Date) {
    if (!Number.isFinite(value.getTime())) throw cannotInfer(value, path);
    return { kind: 'date', unit: typeof value.subMillisecondNanos === 'number' ? 'nanos' : 'millis' };
  }
  if (Array.isArray(value)) {
    const items = value.map((v, i) => infer(v, [...path, i]));
    return { kind: 'array', items: items.length ? combine(items, path) : null };
  }
  if (ArrayBuffer.isView(value)) throw cannotInfer(value, path);
  if (value instanceof Map) {
    const values = [];
    for (const [key, v] of value) {
      if (typeof key !== 'string')
        throw new ValueError('map keys must be strings', { code: 'INVALID_VALUE', path: where(path) });
      values.push(infer(v, [...path, key]));
    }
    return { kind: 'map', values: values.length ? combine(values, path) : null };
  }
  const keys = Object.keys(value).filter((k) => value[k] !== undefined);
  const types = keys.map((k) => infer(value[k], [...path, k]));
  if (keys.every((k) => NAME.test(k))) {
    return { kind: 'record', fields: new Map(keys.map((k, i) => [k, { type: types[i], optional: false }])) };
  }
  return { kind: 'map', values: types.length ? combine(types, path) : null };
}

function cannotInfer(value, path) {
  const what =
    value instanceof Date ? 'an invalid Date' : ArrayBuffer.isView(value) ? value.constructor.name : typeof value;
  return new ValueError(`cannot infer an Avro type for ${what}`, { code: 'INVALID_VALUE', path: where(path) });
}

// Which JS values a type holds; types of one bucket combine into one type.
function bucket(t) {
  switch (t.kind) {
    case 'int':
    case 'long':
    case 'double':
      return 'number';
    case 'record':
    case 'map':
      return 'object';
    default:
      return t.kind;
  }
}

/** One type for values of all the given types. */
function combine(types, path) {
  const flat = types.flatMap((t) => (t.kind === 'union' ? t.branches : [t]));
  const buckets = new Map();
  for (const t of flat) {
    const key = bucket(t);
    if (!buckets.has(key)) buckets.set(key, []);
    buckets.get(key).push(t);
  }
  const combined = [...buckets.values()].map((group) => combineBucket(group, path));
  if (combined.length === 1) return combined[0];
  // Avro allows one unnamed type of each kind per union: a timestamp is a long.
  const number = combined.find((t) => bucket(t) === 'number');
  if (number?.kind === 'long' && buckets.has('date')) {
    throw new UnsupportedError(
      'cannot infer one type for both Dates and integers beyond 32 bits (both are Avro longs)',
      {
        code: 'UNSUPPORTED',
        path: where(path),
      },
    );
  }
  return { kind: 'union', branches: combined };
}

function combineBucket(group, path) {
  if (group.length === 1) return group[0];
  const first = group[0];
  switch (bucket(first)) {
    case 'number':
      return group.reduce((a, b) => (NUMBER_RANK[b.kind] > NUMBER_RANK[a.kind] ? b : a));
    case 'date':
      return group.find((t) => t.unit === 'nanos') ?? first;
    case 'array': {
      const items = group.map((t) => t.items).filter((t) => t !== null);
      return { kind: 'array', items: items.length ? combine(items, path) : null };
    }
    case 'object':
      return combineObjects(group, path);
    default:
      return first; // null, boolean, string, bytes
  }
}

function combineObjects(group, path) {
  if (group.some((t) => t.kind === 'map')) {
    const values = [];
    for (const t of group) {
      if (t.kind === 'map') {
        if (t.values) values.push(t.values);
      } else {
        for (const field of t.fields.values()) values.push(field.type);
      }
    }
    return { kind: 'map', values: values.length ? combine(values, path) : null };
  }
  const byName = new Map();
  const wasOptional = new Set();
  for (const t of group) {
    for (const [name, field] of t.fields) {
      if (!byName.has(name)) byName.set(name, []);
      byName.get(name).push(field.type);
      if (field.optional) wasOptional.add(name);
    }
  }
  const fields = new Map();
  for (const [name, types] of byName) {
    // A field some records lack: nullable, null first so that the default null matches the first branch.
    const optional = types.length < group.length || wasOptional.has(name);
    const type = combine(optional ? [{ kind: 'null' }, ...types] : types, [...path, name]);
    fields.set(name, { type, optional });
  }
  return { kind: 'record', fields };
}
