// Value operations on a Type: clone, compare, equals (avsc names). They walk
// JS values alongside the Type's program description ({root, nodes}), the
// same one the tape readers and writers are compiled from, so a value means
// the same thing here as in toBuffer/fromBuffer:
// - leaf values are checked by the Type's own writers (one rule set, so a
//   bad value is a ValueError with its path), and union branches are chosen
//   exactly as the writers choose them; clone checks the whole value,
//   compare and equals what they reach before the result is decided;
// - compare follows the spec's "Sort Order" on the *underlying* Avro value:
//   compare(a, b) has the sign of comparing the encodings of a and b, so
//   Dates compare as their timestamps, decimals as their two's-complement
//   bytes, durations as their 12 little-endian bytes; maps are not ordered
//   (UnsupportedError) but equals compares them by their entries;
// - clone returns the value as decoding its encoding would (defaults filled
//   in, wrapped-union names qualified, longs and maps in the Type's options),
//   except that float values are not rounded to 32 bits.
// Differences from avsc 5.7: strings order by their UTF-8 bytes in compare as
// in compareBuffers (avsc's compare uses UTF-16 code units, so the two can
// disagree there); NaN sorts after every number and equals itself (avsc:
// unordered); what compare reaches is checked (avsc: unchecked); clone
// returns the decoded form (avsc: a copy of the given form, records as class
// instances) and of avsc's clone options supports wrapUnions.
import { AvroError, LimitError, UnsupportedError, ValueError } from './errors.js';
import { DESC } from './internal.js';
import { PreciseDate } from './precise_date.js';
import { unionPlan, valueCategory } from './unions.js';
import { TapeBuilder } from './writers.js';

const MS_PER_DAY = 86400000;
const MAX_DATE_MS = 8.64e15;

const opsByType = new WeakMap();

/** The compiled value operations of a Type (built on first use, then cached). */
export function valueOps(type) {
  let ops = opsByType.get(type);
  if (!ops) opsByType.set(type, (ops = compileValueOps(type)));
  return ops;
}

// Path segments in the core's format: .field, [3], ["map key"].
function formatPath(path) {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else if (typeof p === 'object') out += `[${JSON.stringify(p.key)}]`;
    else out += `.${p}`;
  }
  return out;
}

function valueError(path, error) {
  const Class = error.code === 'LIMIT_EXCEEDED' ? LimitError : ValueError;
  return new Class(error.message, { code: error.code, path: formatPath(path) });
}

// UTF-8 byte order is code point order; JS `<` compares UTF-16 code units,
// which puts U+E000..U+FFFF after the surrogate pairs of U+10000 and above.
function compareStrings(a, b) {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    x = x >= 0xe000 ? x - 0x800 : x >= 0xd800 ? x + 0x2000 : x;
    y = y >= 0xe000 ? y - 0x800 : y >= 0xd800 ? y + 0x2000 : y;
    return x < y ? -1 : 1;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

function compareBytes(a, b) {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

// Numerically; -0 equals 0 (as their encodings compare in Java). NaN is not
// ordered by `<`, so it is placed after every number and equal to itself,
// which keeps sorting total.
function compareNumbers(a, b) {
  if (a < b) return -1;
  if (a > b) return 1;
  if (a === b) return 0;
  if (a !== a) return b !== b ? 0 : 1;
  return -1;
}

function compareLongs(a, b) {
  if (typeof a === 'number' && typeof b === 'number') return compareNumbers(a, b);
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

function dayNumber(v) {
  return v instanceof Date ? Math.floor(v.getTime() / MS_PER_DAY) : v;
}

// A timestamp-micros/-nanos value as its long: unitsPerMs 1000 or 1000000.
// Dates keep their sub-millisecond nanoseconds (PreciseDate), truncated to
// the unit as the encoder does.
function timestampUnits(v, unitsPerMs) {
  if (v instanceof Date) {
    const nanos = typeof v.subMillisecondNanos === 'number' ? v.subMillisecondNanos : 0;
    return BigInt(v.getTime()) * BigInt(unitsPerMs) + BigInt(Math.floor(nanos / (1000000 / unitsPerMs)));
  }
  return BigInt(v);
}

function durationBytes(v) {
  const out = new Uint8Array(12);
  const view = new DataView(out.buffer);
  view.setUint32(0, v.months ?? 0, true);
  view.setUint32(4, v.days ?? 0, true);
  view.setUint32(8, v.milliseconds ?? 0, true);
  return out;
}

function checkedDate(ms) {
  if (!(Math.abs(ms) <= MAX_DATE_MS)) {
    throw new UnsupportedError(`date/time value ${ms} ms is outside the range of Date; use logicalTypes: false`, {
      code: 'UNSUPPORTED',
    });
  }
  return new Date(ms);
}

// For each record node, its fields' `order`; for each node, the schema text
// that defined it (decimal and uuid helpers need precision, scale and size).
// The description has neither, so schema() is walked alongside it: both
// describe the same tree, and a name reference points at a node whose
// definition was already seen.
function schemaFacts(desc, schema) {
  const orders = new Map();
  const definitions = new Map();
  const walk = (s, id) => {
    const node = desc.nodes[id];
    if (typeof s === 'string' || definitions.has(id)) return;
    if (Array.isArray(s)) {
      s.forEach((branch, i) => walk(branch, node.branches[i]));
      return;
    }
    if (s.type !== null && typeof s.type === 'object') {
      walk(s.type, id);
      return;
    }
    definitions.set(id, s);
    if (node.kind === 'record') {
      orders.set(
        id,
        s.fields.map((f) => f.order ?? 'ascending'),
      );
      s.fields.forEach((f, i) => walk(f.type, node.fields[i].type));
    } else if (node.kind === 'array') {
      walk(s.items, node.items);
    } else if (node.kind === 'map') {
      walk(s.values, node.items);
    }
  };
  walk(schema, desc.root);
  return { orders, definitions };
}

function compileValueOps(type) {
  const { desc, options, writers, defaultValue } = type[DESC];
  const nodes = desc.nodes;
  const logicalTypes = options.logicalTypes;
  const maxDepth = options.maxDepth ?? 1000;
  const scratch = new TapeBuilder();
  let facts;
  const getFacts = () => (facts ??= schemaFacts(desc, type.schema()));

  // Runs the Type's writer for node `id` over `v`: null, or the writer's error.
  // Compare checks every leaf it reaches this way, so the scratch tape is
  // cleared only once it has grown, not per call.
  const check = (id, v) => {
    const t = scratch;
    if (t.ni > 4096 || t.strings.length > 4096 || t.blobs.length > 4096 || t.bigs.length > 4096) t.reset();
    t.depth = 0;
    return writers[id](v, t) ? null : t.error;
  };
  const fail = (id, v, path) => {
    const error = check(id, v) ?? { code: 'INVALID_VALUE', message: 'value does not match the schema', path: [] };
    throw valueError([...path, ...error.path], error);
  };
  // Deep values must end in a LimitError, not a JS stack overflow (as in the writers).
  const enter = (depth, path) => {
    if (depth >= maxDepth) {
      throw valueError(path, { code: 'LIMIT_EXCEEDED', message: `value nested deeper than ${maxDepth}` });
    }
  };

  // Decimal, big-decimal and fixed uuid values are text whose meaning (and
  // validity) the core decides: a pair of small Types over the node's own
  // schema turns a value into its canonical text and its underlying bytes.
  const helpers = new Map();
  const helper = (id) => {
    let h = helpers.get(id);
    if (!h) {
      const schema = getFacts().definitions.get(id);
      const Type = type.constructor;
      h = {
        logical: Type.forSchema(schema, { logicalTypes: true }),
        raw: Type.forSchema(schema, { logicalTypes: false }),
      };
      helpers.set(id, h);
    }
    return h;
  };
  const viaCore = (id, v, path, raw) => {
    const h = helper(id);
    try {
      const bytes = h.logical.toBuffer(v);
      return raw ? h.raw.fromBuffer(bytes) : h.logical.fromBuffer(bytes);
    } catch (error) {
      if (!(error instanceof AvroError)) throw error;
      throw new error.constructor(error.reason, { code: error.code, path: formatPath(path) + error.path });
    }
  };

  // The branch a union value belongs to, chosen as the union's writer
  // chooses it: [index, branch value, wrapper key] or null.
  const plans = new Map();
  const planOf = (id) => {
    let plan = plans.get(id);
    if (!plan) plans.set(id, (plan = unionPlan(desc, nodes[id], options)));
    return plan;
  };
  const selectors = new Map();
  const selector = (id) => {
    let select = selectors.get(id);
    if (select) return select;
    const node = nodes[id];
    const branches = node.branches;
    const plan = planOf(id);
    const nullIndex = branches.findIndex((b) => nodes[b].op === 'null');
    if (plan.wrapped) {
      const byName = new Map();
      branches.forEach((b, i) => {
        const n = nodes[b];
        byName.set(n.branchName, i);
        if (n.name) {
          const short = n.name.slice(n.name.lastIndexOf('.') + 1);
          if (!byName.has(short)) byName.set(short, i);
        }
      });
      select = (v) => {
        if (v === null) return nullIndex < 0 ? null : [nullIndex, null];
        if (typeof v !== 'object') return null;
        const keys = Object.keys(v);
        const index = keys.length === 1 ? byName.get(keys[0]) : undefined;
        return index === undefined ? null : [index, v[keys[0]], keys[0]];
      };
    } else if (plan.unique) {
      const byCategory = new Map(plan.categories.map((c, i) => [c, i]));
      select = (v) => {
        const index = byCategory.get(valueCategory(v));
        return index === undefined ? null : [index, v];
      };
    } else {
      // wrapUnions 'never' on an ambiguous union: the first branch that accepts the value.
      select = (v) => {
        const index = branches.findIndex((b) => check(b, v) === null);
        return index < 0 ? null : [index, v];
      };
    }
    selectors.set(id, select);
    return select;
  };

  // A record field's value, or its default when the value is missing (as
  // toBuffer does). Names like "toString" are not read from Object.prototype.
  const inherited = new Set(Object.getOwnPropertyNames(Object.prototype));
  const fieldValue = (v, field) => {
    const value = inherited.has(field.name) && !Object.hasOwn(v, field.name) ? undefined : v[field.name];
    return value === undefined && field.default !== undefined ? defaultValue(field.default, field.type) : value;
  };

  // ---- compare / equals ----

  // What compare reaches is checked as toBuffer would check it (leaves by
  // the writers themselves), so a bad value is a ValueError with its path;
  // parts after the deciding field are not looked at (as in avsc, and
  // sorting stays fast). Decoded values skip the checks.
  let verify = true;
  const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Uint8Array);
  const verifyValue = (id, op, v, path, depth) => {
    switch (op) {
      case 'union':
        return; // the branch selection fails instead
      case 'array':
        if (!Array.isArray(v)) fail(id, v, path);
        break;
      case 'map':
        if (!isObject(v)) fail(id, v, path);
        break;
      case 'record':
        if (!isObject(v) || v instanceof Date) fail(id, v, path);
        break;
      default:
        if (check(id, v)) fail(id, v, path);
        return;
    }
    enter(depth, path);
  };

  // `equality` makes maps comparable (same keys, equal values); any other
  // nonzero result then only means "different".
  const cmp = (id, a, b, path, equality, depth) => {
    const node = nodes[id];
    if (verify) {
      verifyValue(id, node.op, a, path, depth);
      verifyValue(id, node.op, b, path, depth);
    }
    const logical = logicalTypes ? node.logical : undefined;
    switch (node.op) {
      case 'null':
        return 0;
      case 'boolean':
        return a === b ? 0 : a ? 1 : -1;
      case 'int':
        return logical === 'date' ? compareNumbers(dayNumber(a), dayNumber(b)) : compareNumbers(a, b);
      case 'float':
      case 'double':
        return compareNumbers(a, b);
      case 'long':
        if (logical === 'timestamp-millis' || logical === 'local-timestamp-millis') {
          return compareLongs(a instanceof Date ? a.getTime() : a, b instanceof Date ? b.getTime() : b);
        }
        return compareLongs(a, b);
      case 'timestamp-micros':
        return compareLongs(timestampUnits(a, 1000), timestampUnits(b, 1000));
      case 'timestamp-nanos':
        return compareLongs(timestampUnits(a, 1000000), timestampUnits(b, 1000000));
      case 'string':
        return compareStrings(a, b);
      case 'enum': {
        const i = node.symbols.indexOf(a);
        const j = node.symbols.indexOf(b);
        return i === j ? 0 : i < j ? -1 : 1;
      }
      case 'bytes':
      case 'fixed':
        return compareBytes(a, b);
      case 'decimal':
      case 'big-decimal':
      case 'uuid-fixed':
        return compareBytes(viaCore(id, a, path, true), viaCore(id, b, path, true));
      case 'duration':
        return compareBytes(durationBytes(a), durationBytes(b));
      case 'array': {
        const n = Math.min(a.length, b.length);
        for (let i = 0; i < n; i++) {
          path.push(i);
          const c = cmp(node.items, a[i], b[i], path, equality, depth + 1);
          path.pop();
          if (c !== 0) return c;
        }
        return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
      }
      case 'map': {
        if (!equality) {
          throw new UnsupportedError('maps cannot be compared (Avro sort order); equals() can compare them', {
            code: 'UNSUPPORTED',
            path: formatPath(path),
          });
        }
        const x = a instanceof Map ? a : new Map(Object.entries(a));
        const y = b instanceof Map ? b : new Map(Object.entries(b));
        if (verify) {
          for (const key of x.keys()) if (typeof key !== 'string') fail(id, a, path);
          for (const key of y.keys()) if (typeof key !== 'string') fail(id, b, path);
        }
        if (x.size !== y.size) return 1;
        for (const [key, value] of x) {
          if (!y.has(key)) return 1;
          path.push({ key });
          const c = cmp(node.items, value, y.get(key), path, equality, depth + 1);
          path.pop();
          if (c !== 0) return c;
        }
        return 0;
      }
      case 'record': {
        const orders = getFacts().orders.get(id);
        for (let i = 0; i < node.fields.length; i++) {
          if (orders[i] === 'ignore') continue;
          const field = node.fields[i];
          path.push(field.name);
          const c = cmp(field.type, fieldValue(a, field), fieldValue(b, field), path, equality, depth + 1);
          path.pop();
          if (c !== 0) return orders[i] === 'descending' ? -c : c;
        }
        return 0;
      }
      case 'union': {
        const select = selector(id);
        const first = select(a);
        if (!first) fail(id, a, path);
        const second = select(b);
        if (!second) fail(id, b, path);
        const [i, x, key] = first;
        const [j, y] = second;
        if (i !== j) return i < j ? -1 : 1;
        if (key !== undefined) path.push(key);
        const c = cmp(node.branches[i], x, y, path, equality, depth);
        if (key !== undefined) path.pop();
        return c;
      }
      default:
        throw new Error(`internal: unknown op ${node.op}`);
    }
  };

  const sign = (c) => (c < 0 ? -1 : c > 0 ? 1 : 0);

  // ---- clone: validates while copying ----

  const copy = (id, v, path, depth, wrap) => {
    const node = nodes[id];
    switch (node.op) {
      case 'array': {
        if (!Array.isArray(v)) fail(id, v, path);
        enter(depth, path);
        const out = new Array(v.length);
        for (let i = 0; i < v.length; i++) {
          path.push(i);
          out[i] = copy(node.items, v[i], path, depth + 1, wrap);
          path.pop();
        }
        return out;
      }
      case 'map': {
        if (v === null || typeof v !== 'object' || Array.isArray(v) || v instanceof Uint8Array) fail(id, v, path);
        enter(depth, path);
        const entries = v instanceof Map ? [...v.entries()] : Object.entries(v);
        const asMap = options.maps === 'Map';
        const out = asMap ? new Map() : {};
        for (const [key, value] of entries) {
          if (typeof key !== 'string') fail(id, v, path);
          path.push({ key });
          const item = copy(node.items, value, path, depth + 1, wrap);
          path.pop();
          if (asMap) out.set(key, item);
          else setOwn(out, key, item);
        }
        return out;
      }
      case 'record': {
        if (v === null || typeof v !== 'object' || Array.isArray(v) || v instanceof Uint8Array || v instanceof Date) {
          fail(id, v, path);
        }
        enter(depth, path);
        const out = {};
        for (const field of node.fields) {
          path.push(field.name);
          setOwn(out, field.name, copy(field.type, fieldValue(v, field), path, depth + 1, wrap));
          path.pop();
        }
        return out;
      }
      case 'union': {
        let selected = selector(id)(v);
        const plan = planOf(id);
        if (!selected && wrap && plan.wrapped) {
          // avsc's clone option: a bare value goes to the first branch that accepts it.
          const index = node.branches.findIndex((b) => check(b, v) === null);
          if (index >= 0) selected = [index, v, nodes[node.branches[index]].branchName];
        }
        if (!selected) fail(id, v, path);
        const [index, value, key] = selected;
        const branch = node.branches[index];
        if (!plan.wrapped || nodes[branch].op === 'null') return copy(branch, value, path, depth, wrap);
        path.push(key);
        const inner = copy(branch, value, path, depth, wrap);
        path.pop();
        return { [nodes[branch].branchName]: inner };
      }
      default: {
        const error = check(id, v);
        if (error) throw valueError([...path, ...error.path], error);
        return copyLeaf(id, node, v, path);
      }
    }
  };

  const copyLeaf = (id, node, v, path) => {
    const logical = logicalTypes ? node.logical : undefined;
    switch (node.op) {
      case 'int':
        return logical === 'date' ? checkedDate(dayNumber(v) * MS_PER_DAY) : v;
      case 'long':
        if (logical === 'timestamp-millis' || logical === 'local-timestamp-millis') {
          return checkedDate(v instanceof Date ? v.getTime() : Number(v));
        }
        if (options.longs === 'bigint') return BigInt(v);
        return typeof v === 'bigint' && Number.isSafeInteger(Number(v)) ? Number(v) : v;
      case 'timestamp-micros':
      case 'timestamp-nanos': {
        const per = node.op === 'timestamp-micros' ? 1000n : 1000000n;
        const units = timestampUnits(v, Number(per));
        let ms = units / per;
        let rest = units % per;
        if (rest < 0n) {
          ms -= 1n;
          rest += per;
        }
        checkedDate(Number(ms));
        return new PreciseDate(Number(ms), Number(rest) * Number(1000000n / per));
      }
      case 'bytes':
      case 'fixed':
        return new Uint8Array(v);
      case 'decimal':
      case 'big-decimal':
      case 'uuid-fixed':
        return viaCore(id, v, path, false);
      case 'duration':
        return { months: v.months ?? 0, days: v.days ?? 0, milliseconds: v.milliseconds ?? 0 };
      default:
        return v; // null, boolean, float, double, string, enum: immutable
    }
  };

  return {
    compare(a, b) {
      return sign(cmp(desc.root, a, b, [], false, 0));
    },
    /** compare() for values that came from decoding (valid by construction). */
    compareDecoded(a, b) {
      verify = false;
      try {
        return sign(cmp(desc.root, a, b, [], false, 0));
      } finally {
        verify = true;
      }
    },
    equals(a, b) {
      return cmp(desc.root, a, b, [], true, 0) === 0;
    },
    clone(v, { wrapUnions = false } = {}) {
      return copy(desc.root, v, [], 0, wrapUnions);
    },
  };
}

// Assignment would call the prototype setter for "__proto__"; define an own property instead.
function setOwn(out, key, value) {
  if (key === '__proto__') {
    Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    out[key] = value;
  }
}
