// Tape -> JS values. One reader function per program node, built once per
// Type from the core's description. Record readers are generated code when
// options.codegen allows it and the environment permits it (codegen.js);
// otherwise (and always under strict CSP) closures do the same work. The
// tape layout is documented in src/datum/tape.h.
import { generatedRecordReader } from './codegen.js';
import { PreciseDate } from './precise_date.js';
import { unionPlan } from './unions.js';

const MS_PER_DAY = 86400000;
const MAX_DATE_MS = 8.64e15;

export function compileReaders(desc, options, fail) {
  const readers = new Array(desc.nodes.length);
  const longAsBigInt = options.longs === 'bigint';
  const readLong = longAsBigInt
    ? (c) => {
        const v = c.nums[c.ni++];
        return v === v ? BigInt(v) : c.bigs[c.bi++];
      }
    : (c) => {
        const v = c.nums[c.ni++];
        return v === v ? v : c.bigs[c.bi++];
      };
  const toDate = (ms) => {
    if (!(Math.abs(ms) <= MAX_DATE_MS)) {
      const shown = ms === ms ? `${ms} ms` : 'beyond 2^53 ms';
      fail('UNSUPPORTED', `date/time value ${shown} is outside the range of Date; use logicalTypes: false`);
    }
    return new Date(ms);
  };

  const build = (node, id) => {
    const logical = options.logicalTypes ? node.logical : undefined;
    switch (node.op) {
      case 'null':
        return () => null;
      case 'boolean':
        return (c) => c.nums[c.ni++] === 1;
      case 'int':
        if (logical === 'date') return (c) => toDate(c.nums[c.ni++] * MS_PER_DAY);
        return (c) => c.nums[c.ni++];
      case 'float':
      case 'double':
        return (c) => c.nums[c.ni++];
      case 'long':
        if (logical === 'timestamp-millis' || logical === 'local-timestamp-millis') {
          return (c) => {
            const v = c.nums[c.ni++];
            if (v !== v) c.bi++;
            return toDate(v);
          };
        }
        return readLong;
      case 'string':
      case 'decimal':
      case 'big-decimal':
      case 'uuid-fixed':
        return (c) => c.string();
      case 'bytes':
      case 'fixed':
        return (c) => c.blob();
      case 'enum': {
        const symbols = node.symbols;
        return (c) => symbols[c.nums[c.ni++]];
      }
      case 'array': {
        const item = node.items;
        return (c) => {
          const n = c.nums[c.ni++];
          const out = new Array(n);
          const read = readers[item];
          for (let i = 0; i < n; i++) out[i] = read(c);
          return out;
        };
      }
      case 'map': {
        const item = node.items;
        const asMap = options.maps === 'Map';
        return (c) => {
          const n = c.nums[c.ni++];
          const read = readers[item];
          if (asMap) {
            const out = new Map();
            for (let i = 0; i < n; i++) {
              const key = c.string();
              out.set(key, read(c));
            }
            return out;
          }
          const out = {};
          for (let i = 0; i < n; i++) {
            const key = c.string();
            const value = read(c);
            if (key === '__proto__') {
              Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
            } else {
              out[key] = value;
            }
          }
          return out;
        };
      }
      case 'union': {
        const branches = node.branches;
        const plan = unionPlan(desc, node, options);
        if (plan.wrapped) {
          const names = branches.map((b) => desc.nodes[b].branchName);
          return (c) => {
            const index = c.nums[c.ni++];
            const value = readers[branches[index]](c);
            if (value === null && desc.nodes[branches[index]].op === 'null') return null;
            return { [names[index]]: value };
          };
        }
        return (c) => readers[branches[c.nums[c.ni++]]](c);
      }
      case 'record': {
        const names = node.fields.map((f) => f.name);
        const types = node.fields.map((f) => f.type);
        const count = names.length;
        if (names.includes('__proto__')) {
          // Assignment would call the prototype setter; define an own property instead.
          return (c) => {
            const out = {};
            for (let i = 0; i < count; i++) {
              Object.defineProperty(out, names[i], { value: readers[types[i]](c), enumerable: true, writable: true, configurable: true });
            }
            return out;
          };
        }
        const generated = options.codegen ? generatedRecordReader(names, types, readers) : null;
        if (generated) return generated;
        return (c) => {
          const out = {};
          for (let i = 0; i < count; i++) out[names[i]] = readers[types[i]](c);
          return out;
        };
      }
      case 'timestamp-micros':
      case 'timestamp-nanos':
        return (c) => {
          const ms = c.nums[c.ni++];
          const nanos = c.nums[c.ni++];
          if (!(Math.abs(ms) <= MAX_DATE_MS)) toDate(ms);
          return new PreciseDate(ms, nanos);
        };
      case 'duration':
        return (c) => ({ months: c.nums[c.ni++], days: c.nums[c.ni++], milliseconds: c.nums[c.ni++] });
      default:
        throw new Error(`internal: unknown op ${node.op} at node ${id}`);
    }
  };
  desc.nodes.forEach((node, id) => {
    readers[id] = build(node, id);
  });
  return readers;
}

/** A read cursor over one decoded tape in wasm memory (valid until the next wasm call). */
export class TapeCursor {
  constructor() {
    this.nums = null;
    this.ni = 0;
    this.bigs = null;
    this.bi = 0;
    this.text = '';
    this.textEnds = null;
    this.ti = 0;
    this.textStart = 0;
    this.blobs = null;
    this.blobEnds = null;
    this.bli = 0;
    this.blobBase = 0; // blob ends are relative to this index of `blobs`
    this.blobStart = 0;
  }

  string() {
    const end = this.textEnds[this.ti++];
    const s = this.text.substring(this.textStart, end);
    this.textStart = end;
    return s;
  }

  blob() {
    const end = this.blobBase + this.blobEnds[this.bli++];
    const b = this.blobs.slice(this.blobStart, end);
    this.blobStart = end;
    return b;
  }
}
