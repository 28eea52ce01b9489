// JS values -> tape. One writer per program node, built once per Type. A
// writer returns false for a value that does not match, after recording
// what and where in the tape's `error`; parents add their path segment as
// the failure unwinds, so success costs nothing extra. The core checks the
// tape again: this layer exists to read JS values, not to be trusted.
import { generatedFieldsWriter } from './codegen.js';
import { unionPlan, valueCategory } from './unions.js';

const MS_PER_DAY = 86400000;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

export class TapeBuilder {
  constructor() {
    this.nums = new Float64Array(256);
    this.bigs = [];
    this.strings = [];
    this.blobs = [];
    this.reset();
  }

  // Empties the tape in place: a datum per call must not cost three arrays.
  reset() {
    this.ni = 0;
    // Setting length is a runtime call even on an empty array: skip it then.
    if (this.bigs.length !== 0) this.bigs.length = 0;
    if (this.strings.length !== 0) this.strings.length = 0;
    if (this.blobs.length !== 0) this.blobs.length = 0;
    this.blobBytes = 0;
    this.error = null;
    this.depth = 0;
  }

  num(v) {
    if (this.ni === this.nums.length) {
      const grown = new Float64Array(this.nums.length * 2);
      grown.set(this.nums);
      this.nums = grown;
    }
    this.nums[this.ni++] = v;
  }

  mark() {
    return [this.ni, this.bigs.length, this.strings.length, this.blobs.length, this.blobBytes, this.depth];
  }

  rewind([ni, bi, si, bli, bytes, depth]) {
    this.depth = depth;
    this.ni = ni;
    this.bigs.length = bi;
    this.strings.length = si;
    this.blobs.length = bli;
    this.blobBytes = bytes;
    this.error = null;
  }

  fail(message, value, code = 'INVALID_VALUE') {
    this.error = { message, value, path: [], code };
    return false;
  }

  // Nesting guard: deep values must end in a LimitError, not a JS stack overflow.
  enter(limit) {
    if (++this.depth <= limit) return true;
    this.fail(`value nested deeper than ${limit}`, undefined, 'LIMIT_EXCEEDED');
    return false;
  }
}

function describeValue(value) {
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (value instanceof Uint8Array) return `Uint8Array(${value.length})`;
  if (value instanceof Date) return `Date(${value.toISOString?.() ?? 'invalid'})`;
  if (Array.isArray(value)) return `array(${value.length})`;
  if (value === null || typeof value !== 'object') return String(value);
  return 'object';
}

// One map entry: the key on the tape's strings, then the value.
function writeEntry(t, write, key, value) {
  if (typeof key !== 'string') return expected(t, 'string map keys', key);
  t.strings.push(key);
  if (write(value, t)) return true;
  t.error.path.unshift({ key });
  return false;
}

function expected(t, what, value) {
  return t.fail(`expected ${what}, got ${describeValue(value)}`, value);
}

export function compileWriters(desc, options, defaults) {
  const writers = new Array(desc.nodes.length);
  const maxDepth = options.maxDepth ?? 1000;
  const logicalTypes = options.logicalTypes;

  const writeLong = (v, t) => {
    if (typeof v === 'number') {
      if (!Number.isSafeInteger(v)) return expected(t, 'a safe integer or a bigint for long', v);
      t.num(v);
      return true;
    }
    if (typeof v === 'bigint') {
      if (v < INT64_MIN || v > INT64_MAX) return expected(t, 'a 64-bit integer', v);
      const n = Number(v);
      if (Number.isSafeInteger(n)) {
        t.num(n);
      } else {
        t.num(NaN);
        t.bigs.push(v);
      }
      return true;
    }
    return expected(t, 'a long (number or bigint)', v);
  };

  // Splits an epoch value in `unitsPerMs` units into (ms, nanos within ms).
  const writeSplit = (v, t, unitsPerMs) => {
    if (v instanceof Date) {
      const ms = v.getTime();
      if (!Number.isFinite(ms)) return expected(t, 'a valid Date', v);
      t.num(ms);
      t.num(typeof v.subMillisecondNanos === 'number' ? v.subMillisecondNanos : 0);
      return true;
    }
    let big;
    if (typeof v === 'number' && Number.isSafeInteger(v)) big = BigInt(v);
    else if (typeof v === 'bigint') big = v;
    else return expected(t, 'a Date, or an integer timestamp', v);
    const per = BigInt(unitsPerMs);
    let ms = big / per;
    let rest = big % per;
    if (rest < 0n) {
      ms -= 1n;
      rest += per;
    }
    t.num(Number(ms));
    t.num(Number(rest) * (1000000 / unitsPerMs));
    return true;
  };

  const build = (node) => {
    const logical = logicalTypes ? node.logical : undefined;
    switch (node.op) {
      case 'null':
        return (v, t) => v === null || expected(t, 'null', v);
      case 'boolean':
        return (v, t) => {
          if (typeof v !== 'boolean') return expected(t, 'a boolean', v);
          t.num(v ? 1 : 0);
          return true;
        };
      case 'int':
        if (logical === 'date') {
          return (v, t) => {
            if (v instanceof Date) {
              const ms = v.getTime();
              if (!Number.isFinite(ms)) return expected(t, 'a valid Date', v);
              t.num(Math.floor(ms / MS_PER_DAY));
              return true;
            }
            if (Number.isInteger(v) && v >= -2147483648 && v <= 2147483647) {
              t.num(v);
              return true;
            }
            return expected(t, 'a Date or a day number', v);
          };
        }
        return (v, t) => {
          if (typeof v !== 'number' || !Number.isInteger(v) || v < -2147483648 || v > 2147483647) {
            return expected(t, 'an int (32-bit integer)', v);
          }
          t.num(v);
          return true;
        };
      case 'long':
        if (logical === 'timestamp-millis' || logical === 'local-timestamp-millis') {
          return (v, t) => {
            if (v instanceof Date) {
              const ms = v.getTime();
              if (!Number.isFinite(ms)) return expected(t, 'a valid Date', v);
              t.num(ms);
              return true;
            }
            return writeLong(v, t);
          };
        }
        return writeLong;
      case 'float':
      case 'double':
        return (v, t) => {
          if (typeof v !== 'number') return expected(t, `a ${node.op} (number)`, v);
          t.num(v);
          return true;
        };
      case 'string':
        return (v, t) => {
          if (typeof v !== 'string') return expected(t, 'a string', v);
          t.strings.push(v);
          return true;
        };
      case 'decimal':
      case 'big-decimal':
        return (v, t) => {
          if (typeof v === 'string') t.strings.push(v);
          else if (typeof v === 'bigint' || (typeof v === 'number' && Number.isFinite(v))) t.strings.push(String(v));
          else return expected(t, 'a decimal (string, number or bigint)', v);
          return true;
        };
      case 'uuid-fixed':
        return (v, t) => {
          if (typeof v !== 'string') return expected(t, 'a UUID string', v);
          t.strings.push(v);
          return true;
        };
      case 'bytes':
        return (v, t) => {
          if (!(v instanceof Uint8Array)) return expected(t, 'bytes (Uint8Array)', v);
          t.blobs.push(v);
          t.blobBytes += v.length;
          return true;
        };
      case 'fixed': {
        const size = node.size;
        return (v, t) => {
          if (!(v instanceof Uint8Array) || v.length !== size) return expected(t, `fixed(${size}) bytes`, v);
          t.blobs.push(v);
          t.blobBytes += size;
          return true;
        };
      }
      case 'enum': {
        const index = new Map(node.symbols.map((s, i) => [s, i]));
        return (v, t) => {
          const i = index.get(v);
          if (i === undefined) return expected(t, `one of ${node.name}'s symbols`, v);
          t.num(i);
          return true;
        };
      }
      case 'array': {
        const item = node.items;
        return (v, t) => {
          if (!Array.isArray(v)) return expected(t, 'an array', v);
          if (!t.enter(maxDepth)) return false;
          const n = v.length;
          t.num(n);
          const write = writers[item];
          for (let i = 0; i < n; i++) {
            if (!write(v[i], t)) {
              t.error.path.unshift(i);
              return false;
            }
          }
          t.depth--;
          return true;
        };
      }
      case 'map': {
        const item = node.items;
        return (v, t) => {
          if (v === null || typeof v !== 'object' || Array.isArray(v) || v instanceof Uint8Array) {
            return expected(t, 'a map (object or Map)', v);
          }
          if (!t.enter(maxDepth)) return false;
          const write = writers[item];
          if (v instanceof Map) {
            t.num(v.size);
            for (const [key, value] of v) if (!writeEntry(t, write, key, value)) return false;
          } else {
            // Own enumerable keys, as Object.entries gives them, without its
            // array per entry (maps are often small and many).
            const keys = Object.keys(v);
            t.num(keys.length);
            for (let i = 0; i < keys.length; i++) if (!writeEntry(t, write, keys[i], v[keys[i]])) return false;
          }
          t.depth--;
          return true;
        };
      }
      case 'union':
        return buildUnion(node);
      case 'record': {
        const names = node.fields.map((f) => f.name);
        const types = node.fields.map((f) => f.type);
        const fieldDefaults = node.fields.map((f) => f.default);
        const inherited = names.map((name) => name in Object.prototype);
        const fill = (i) => defaults(fieldDefaults[i], types[i]);
        const generated = options.codegen
          ? generatedFieldsWriter(
              names,
              types,
              writers,
              fieldDefaults.map((d) => d !== undefined),
              inherited,
              fill,
            )
          : null;
        const writeFields =
          generated ??
          ((v, t) => {
            for (let i = 0; i < names.length; i++) {
              let value = inherited[i] && !Object.hasOwn(v, names[i]) ? undefined : v[names[i]];
              if (value === undefined && fieldDefaults[i] !== undefined) value = fill(i);
              if (!writers[types[i]](value, t)) {
                t.error.path.unshift(names[i]);
                return false;
              }
            }
            return true;
          });
        return (v, t) => {
          if (v === null || typeof v !== 'object' || Array.isArray(v) || v instanceof Uint8Array || v instanceof Date) {
            return expected(t, `a ${node.name} record (object)`, v);
          }
          if (!t.enter(maxDepth)) return false;
          if (!writeFields(v, t)) return false;
          t.depth--;
          return true;
        };
      }
      case 'timestamp-micros':
        return (v, t) => writeSplit(v, t, 1000);
      case 'timestamp-nanos':
        return (v, t) => writeSplit(v, t, 1000000);
      case 'duration':
        return (v, t) => {
          if (v === null || typeof v !== 'object') return expected(t, 'a duration {months, days, milliseconds}', v);
          for (const part of ['months', 'days', 'milliseconds']) {
            const n = v[part] ?? 0;
            if (!Number.isInteger(n) || n < 0 || n > 4294967295) {
              t.fail(`expected an unsigned 32-bit ${part}, got ${describeValue(n)}`, n);
              t.error.path.unshift(part);
              return false;
            }
            t.num(n);
          }
          return true;
        };
      default:
        throw new Error(`internal: unknown op ${node.op}`);
    }
  };

  const buildUnion = (node) => {
    const branches = node.branches;
    const plan = unionPlan(desc, node, options);
    const nullIndex = branches.findIndex((b) => desc.nodes[b].op === 'null');
    if (plan.wrapped) {
      const byName = new Map();
      branches.forEach((b, i) => {
        const n = desc.nodes[b];
        byName.set(n.branchName, i);
        if (n.name) {
          const short = n.name.slice(n.name.lastIndexOf('.') + 1);
          if (!byName.has(short)) byName.set(short, i);
        }
      });
      return (v, t) => {
        if (v === null) {
          if (nullIndex < 0) return expected(t, 'a wrapped union value', v);
          t.num(nullIndex);
          return true;
        }
        if (typeof v !== 'object') return expected(t, 'a wrapped union value like {"<type>": value}', v);
        const keys = Object.keys(v);
        const index = keys.length === 1 ? byName.get(keys[0]) : undefined;
        if (index === undefined) return expected(t, `one of {${[...byName.keys()].join(', ')}}`, v);
        t.num(index);
        if (!writers[branches[index]](v[keys[0]], t)) {
          t.error.path.unshift(keys[0]);
          return false;
        }
        return true;
      };
    }
    if (plan.unique) {
      const byCategory = new Map(plan.categories.map((c, i) => [c, i]));
      return (v, t) => {
        const index = byCategory.get(valueCategory(v));
        if (index === undefined) return expected(t, `a value of one of the union's types`, v);
        t.num(index);
        return writers[branches[index]](v, t);
      };
    }
    // wrapUnions: 'never' on an ambiguous union: the first branch that accepts the value.
    return (v, t) => {
      const mark = t.mark();
      for (let i = 0; i < branches.length; i++) {
        t.num(i);
        if (writers[branches[i]](v, t)) return true;
        t.rewind(mark);
      }
      return expected(t, `a value of one of the union's types`, v);
    };
  };

  desc.nodes.forEach((node, id) => {
    writers[id] = build(node, id);
  });
  return writers;
}
