// Helpers for the container suites: the reference readers (Apache
// python3-avro through tests/reference/pyavro_dump.py, Apache avro-c's
// avrocat through tests/reference/avrocat_dump.py), the normalized value
// form they print, a schema-driven "expected value" normalizer for values
// we write, a hand-rolled container builder and block walker (from the
// spec, independent of avro-wasm), and the list of container files in the
// test data.
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { TESTDATA, IS_CI, zigzagVarint, concat, avroString, hex } = require('./helpers.cjs');

const REFERENCE_DIR = path.resolve(__dirname, '../reference');
const LONG_LIMIT = 2n ** 53n;

// ------------------------------------------------------------ tools

let pythonCache;
/**
 * The Python interpreter that has Apache's python3-avro: $AVRO_REFERENCE_PYTHON,
 * else the first of `python3` (PATH) and `/usr/bin/python3` that can import
 * avro (a pyenv `python3` on PATH may lack it). null when there is none.
 */
function referencePython() {
  if (pythonCache !== undefined) return pythonCache;
  const candidates = process.env.AVRO_REFERENCE_PYTHON
    ? [process.env.AVRO_REFERENCE_PYTHON]
    : ['python3', '/usr/bin/python3'];
  pythonCache = null;
  for (const candidate of candidates) {
    const probe = spawnSync(candidate, ['-c', 'import avro.datafile, avro.io, avro.schema'], { encoding: 'utf8' });
    if (probe.status === 0) {
      pythonCache = candidate;
      break;
    }
  }
  return pythonCache;
}

let avrocatCache;
/** avrocat (Debian avro-bin) from $AVROCAT or PATH; null when absent. */
function avrocatPath() {
  if (avrocatCache !== undefined) return avrocatCache;
  avrocatCache = null;
  const candidate = process.env.AVROCAT || 'avrocat';
  // avrocat with a missing file prints an error and exits 1; ENOENT means no binary.
  const probe = spawnSync(candidate, [path.join(os.tmpdir(), 'avro-wasm-no-such-file.avro')], { encoding: 'utf8' });
  if (!probe.error) avrocatCache = candidate;
  return avrocatCache;
}

/**
 * Declares a test that needs a reference tool. Same rule as the test data:
 * under CI=true a missing tool makes the test FAIL; otherwise it is skipped.
 */
function testWithTool(name, available, what, fn, timeout) {
  if (available) return test(name, fn, timeout);
  const message = `reference tool not found: ${what}`;
  if (IS_CI) {
    return test(name, () => {
      throw new Error(message);
    });
  }
  return test.skip(`${name} [${message}]`, () => {});
}

function runJsonTool(command, args, input) {
  const result = spawnSync(command, args, {
    input: JSON.stringify(input),
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} exited with ${result.status}:\n${result.stderr}`);
  }
  return JSON.parse(result.stdout);
}

/** Runs pyavro_dump.py once over all paths; returns { byPath: Map, raw }. */
function pyavroDump(paths, { logical = false } = {}) {
  const python = referencePython();
  if (!python) throw new Error('no Python with python3-avro (set AVRO_REFERENCE_PYTHON)');
  const args = [path.join(REFERENCE_DIR, 'pyavro_dump.py')];
  if (logical) args.push('--logical');
  const raw = runJsonTool(python, args, paths);
  return { raw, byPath: new Map(raw.files.map((f) => [f.path, f])) };
}

/** Runs avrocat_dump.py once over all paths; returns { byPath: Map, raw }. */
function avrocatDump(paths) {
  const python = referencePython();
  if (!python) throw new Error('no Python (set AVRO_REFERENCE_PYTHON)');
  const env = { ...process.env };
  const raw = (() => {
    const result = spawnSync(python, [path.join(REFERENCE_DIR, 'avrocat_dump.py')], {
      input: JSON.stringify(paths),
      encoding: 'utf8',
      maxBuffer: 1 << 30,
      env,
    });
    if (result.error) throw result.error;
    if (result.status !== 0) throw new Error(`avrocat_dump.py exited with ${result.status}:\n${result.stderr}`);
    return JSON.parse(result.stdout);
  })();
  return { raw, byPath: new Map(raw.files.map((f) => [f.path, f])) };
}

// ------------------------------------------------------------ normalized values

/**
 * Our decoded value in the reference form (see pyavro_dump.py): bytes and
 * fixed as {$bytes: hex}, longs beyond 2^53 as {$long: decimal}, NaN and
 * infinities as {$float: ...}, -0 kept, Maps as plain objects.
 */
function normalize(v) {
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return v;
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return { $float: 'NaN' };
    if (v === Infinity) return { $float: 'Infinity' };
    if (v === -Infinity) return { $float: '-Infinity' };
    return v;
  }
  if (typeof v === 'bigint') {
    const abs = v < 0n ? -v : v;
    return abs > LONG_LIMIT ? { $long: v.toString() } : Number(v);
  }
  if (v instanceof Uint8Array) return { $bytes: hex(v) };
  if (Array.isArray(v)) return v.map(normalize);
  if (v instanceof Map) {
    const out = {};
    for (const [k, x] of v) out[k] = normalize(x);
    return out;
  }
  if (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    const out = {};
    for (const k of Object.keys(v)) out[k] = normalize(v[k]);
    return out;
  }
  if (typeof v === 'object' && Object.getPrototypeOf(v) === null) {
    const out = {};
    for (const k of Object.keys(v)) out[k] = normalize(v[k]);
    return out;
  }
  throw new Error(`cannot normalize ${Object.prototype.toString.call(v)} ${String(v)}`);
}

/** The reverse of normalize, for feeding reference values to a writer (longs as bigint when beyond 2^53). */
function denormalize(v) {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(denormalize);
  const keys = Object.keys(v);
  if (keys.length === 1) {
    if (keys[0] === '$bytes') return Uint8Array.from(Buffer.from(v.$bytes, 'hex'));
    if (keys[0] === '$long') return BigInt(v.$long);
    if (keys[0] === '$float') return Number(v.$float);
  }
  const out = {};
  for (const k of keys) out[k] = denormalize(v[k]);
  return out;
}

/** Canonical text of a normalized value: sorted keys, -0 kept. */
function canonText(v) {
  if (v === null) return 'null';
  if (typeof v === 'number') return Object.is(v, -0) ? '-0' : JSON.stringify(v);
  if (typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(canonText).join(',')}]`;
  const keys = Object.keys(v).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonText(v[k])}`).join(',')}}`;
}

/**
 * Compares two lists of normalized records; returns null when equal, else a
 * short description of the first difference (index and both texts).
 */
function recordsDiff(actual, expected, limit = 600) {
  const cut = (s) => (s.length > limit ? `${s.slice(0, limit)}...` : s);
  const n = Math.max(actual.length, expected.length);
  for (let i = 0; i < n; i++) {
    const a = i < actual.length ? canonText(actual[i]) : '(missing)';
    const e = i < expected.length ? canonText(expected[i]) : '(missing)';
    if (a !== e) {
      return `record ${i} of ${expected.length} expected (${actual.length} actual) differs:\n  actual   ${cut(a)}\n  expected ${cut(e)}`;
    }
  }
  return null;
}

/**
 * How avrocat 1.11.1 prints a normalized value: avro-c's JSON output stops at
 * the first NUL of a string, bytes or fixed value and of a map key.
 */
function avrocatView(v) {
  if (typeof v === 'string') {
    const i = v.indexOf('\u0000');
    return i < 0 ? v : v.slice(0, i);
  }
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(avrocatView);
  const keys = Object.keys(v);
  if (keys.length === 1 && keys[0] === '$bytes') {
    const i = v.$bytes.match(/^(?:..)*?00/);
    return i ? { $bytes: v.$bytes.slice(0, i[0].length - 2) } : v;
  }
  if (keys.length === 1 && (keys[0] === '$long' || keys[0] === '$float')) return v;
  const out = {};
  for (const k of keys) out[avrocatView(k)] = avrocatView(v[k]);
  return out;
}

/** True when the normalized value holds a NaN or infinite float/double (avrocat cannot print those). */
function hasNonFinite(v) {
  if (v === null || typeof v !== 'object') return false;
  if (Array.isArray(v)) return v.some(hasNonFinite);
  if (Object.keys(v).length === 1 && '$float' in v) return true;
  return Object.values(v).some(hasNonFinite);
}

// ------------------------------------------------------------ expected values from a schema

const PRIMITIVE = new Set(['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string']);

/** Named types of a schema, by full name and by the name as written. */
function namedTypes(schema) {
  const named = new Map();
  const visit = (s, ns) => {
    if (typeof s === 'string' || s === null) return;
    if (Array.isArray(s)) return s.forEach((b) => visit(b, ns));
    if (s.type === 'record' || s.type === 'error' || s.type === 'enum' || s.type === 'fixed') {
      const dotted = s.name.includes('.');
      const space = dotted ? s.name.slice(0, s.name.lastIndexOf('.')) : s.namespace !== undefined ? s.namespace : ns;
      const short = dotted ? s.name.slice(s.name.lastIndexOf('.') + 1) : s.name;
      named.set(space ? `${space}.${short}` : short, { schema: s, space });
      if (s.type !== 'enum' && s.type !== 'fixed') s.fields.forEach((f) => visit(f.type, space));
      return;
    }
    if (s.type === 'array') visit(s.items, ns);
    else if (s.type === 'map') visit(s.values, ns);
    else if (typeof s.type !== 'string' || !PRIMITIVE.has(s.type)) visit(s.type, ns);
  };
  visit(schema, undefined);
  return named;
}

/**
 * The value a conforming reader returns for `value` written with `schema`,
 * in the normalized form, computed from the spec (not from avro-wasm):
 * floats are rounded to float32, ints/longs must be integers, unions are
 * resolved to the first branch the value fits (the generator's values are
 * bare, for ['null', X] unions), logical types are ignored (raw values).
 */
function expectedFromInput(schema, value) {
  const named = namedTypes(schema);
  const resolve = (s, ns) => {
    if (typeof s === 'string' && !PRIMITIVE.has(s)) {
      const full = s.includes('.') || !ns ? s : `${ns}.${s}`;
      const hit = named.get(full) || named.get(s);
      if (!hit) throw new Error(`unknown type ${s}`);
      return { s: hit.schema, ns: hit.space };
    }
    return { s, ns };
  };
  const fits = (s, ns, v) => {
    ({ s, ns } = resolve(s, ns));
    const t = typeof s === 'string' ? s : Array.isArray(s) ? 'union' : s.type;
    switch (t) {
      case 'null':
        return v === null;
      case 'boolean':
        return typeof v === 'boolean';
      case 'int':
      case 'long':
        return typeof v === 'bigint' || Number.isInteger(v);
      case 'float':
      case 'double':
        return typeof v === 'number';
      case 'bytes':
      case 'fixed':
        return v instanceof Uint8Array;
      case 'string':
      case 'enum':
        return typeof v === 'string';
      case 'array':
        return Array.isArray(v);
      case 'map':
      case 'record':
      case 'error':
        return v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Uint8Array);
      default:
        if (typeof s === 'object' && !Array.isArray(s)) return fits(s.type, ns, v);
        return false;
    }
  };
  const walk = (s, ns, v) => {
    ({ s, ns } = resolve(s, ns));
    if (Array.isArray(s)) {
      const branch = s.find((b) => fits(b, ns, v));
      if (branch === undefined) throw new Error(`value ${String(v)} fits no branch of ${JSON.stringify(s)}`);
      return walk(branch, ns, v);
    }
    const t = typeof s === 'string' ? s : s.type;
    switch (t) {
      case 'float':
        return normalize(Math.fround(v));
      case 'int':
      case 'long':
      case 'double':
      case 'null':
      case 'boolean':
      case 'string':
      case 'enum':
      case 'bytes':
      case 'fixed':
        return normalize(v);
      case 'array':
        return v.map((x) => walk(s.items, ns, x));
      case 'map': {
        const out = {};
        for (const k of Object.keys(v)) out[k] = walk(s.values, ns, v[k]);
        return out;
      }
      case 'record':
      case 'error': {
        const space = s.name.includes('.')
          ? s.name.slice(0, s.name.lastIndexOf('.'))
          : s.namespace !== undefined
            ? s.namespace
            : ns;
        const out = {};
        for (const f of s.fields) out[f.name] = walk(f.type, space, v[f.name]);
        return out;
      }
      default:
        return walk(s.type, ns, v); // { type: 'long', logicalType: ... }
    }
  };
  return walk(schema, undefined, value);
}

/**
 * True when every value of the schema encodes to zero bytes (null, fixed of
 * size 0, records of such fields), from the spec's encoding rules.
 */
function encodesToNothing(schema) {
  const named = namedTypes(schema);
  const memo = new Map();
  const visit = (s, ns) => {
    if (typeof s === 'string') {
      if (s === 'null') return true;
      if (PRIMITIVE.has(s)) return false;
      const full = s.includes('.') || !ns ? s : `${ns}.${s}`;
      const hit = named.get(full) || named.get(s);
      if (!hit) return false;
      if (!memo.has(hit)) {
        memo.set(hit, false); // a recursive reference is never empty
        memo.set(hit, visit(hit.schema, hit.space));
      }
      return memo.get(hit);
    }
    if (Array.isArray(s)) return false; // a union always writes its branch index
    if (s.type === 'fixed') return s.size === 0;
    if (s.type === 'record' || s.type === 'error') {
      const space = s.name.includes('.')
        ? s.name.slice(0, s.name.lastIndexOf('.'))
        : s.namespace !== undefined
          ? s.namespace
          : ns;
      return s.fields.every((f) => visit(f.type, space));
    }
    if (typeof s.type === 'string' && PRIMITIVE.has(s.type)) return s.type === 'null';
    return false; // enum, array, map
  };
  return visit(schema, undefined);
}

// ------------------------------------------------------------ schema equivalence

/**
 * A comparable summary of a schema JSON, computed with avsc (an independent
 * implementation): its Parsing Canonical Form, plus every logical type
 * annotation in document order (the canonical form drops them). `$` is
 * replaced by `_` first, since avsc rejects Java reflect's `$` namespaces.
 * Two schemas with the same summary describe the same data, even when one
 * writes {"type": "long"} for "long" or a dotted name for name + namespace.
 */
function schemaSummary(schema) {
  const avsc = require('avsc');
  const fixed = JSON.parse(JSON.stringify(schema).replace(/\$/g, '_'));
  const logical = [];
  const visit = (node) => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (node === null || typeof node !== 'object') return;
    if (typeof node.logicalType === 'string') {
      logical.push([node.logicalType, node.precision, node.scale, node.size].filter((x) => x !== undefined).join(':'));
    }
    for (const [k, v] of Object.entries(node)) if (k !== 'default') visit(v);
  };
  visit(schema);
  return { canonical: JSON.stringify(avsc.Type.forSchema(fixed).schema()), logical };
}

// ------------------------------------------------------------ containers by hand (spec)

const MAGIC = Uint8Array.from([0x4f, 0x62, 0x6a, 0x01]);

/** Avro bytes encoding: zigzag length + the bytes. */
function avroBytes(b) {
  return concat(zigzagVarint(b.length), b);
}

/**
 * Builds a container file from the spec: magic, metadata map (one block;
 * `schema` is a schema JSON value, `schemaText` the exact text instead),
 * sync marker, then the given blocks ({ count, data } with data already
 * compressed, or { raw: Uint8Array } for arbitrary bytes).
 */
function buildContainer({ schema, schemaText, codec = 'null', metadata = {}, sync, blocks = [], omitCodec = false }) {
  const meta = [['avro.schema', Buffer.from(schemaText !== undefined ? schemaText : JSON.stringify(schema), 'utf8')]];
  if (!omitCodec) meta.push(['avro.codec', Buffer.from(codec, 'utf8')]);
  for (const [k, v] of Object.entries(metadata)) meta.push([k, typeof v === 'string' ? Buffer.from(v, 'utf8') : v]);
  const marker = sync || Uint8Array.from({ length: 16 }, (_, i) => (i * 37 + 11) & 0xff);
  const parts = [MAGIC, zigzagVarint(meta.length)];
  for (const [k, v] of meta) parts.push(avroString(k), avroBytes(v));
  parts.push([0], marker);
  for (const block of blocks) {
    if (block.raw) {
      parts.push(block.raw);
      continue;
    }
    parts.push(zigzagVarint(block.count), zigzagVarint(block.data.length), block.data, block.sync || marker);
  }
  return concat(...parts);
}

function readVarlong(bytes, pos) {
  let shift = 0n;
  let acc = 0n;
  const start = pos;
  for (;;) {
    if (pos >= bytes.length) return { eof: true, pos: start };
    const b = bytes[pos++];
    acc |= BigInt(b & 0x7f) << shift;
    shift += 7n;
    if (!(b & 0x80)) break;
  }
  const value = (acc >> 1n) ^ -(acc & 1n);
  return { value: Number(value), pos };
}

/**
 * Walks a container file by the spec (independent of avro-wasm): header
 * metadata, sync marker and blocks { offset, count, size, data }. Throws on
 * anything malformed: it is used on files that must be well formed.
 */
function walkContainer(bytes) {
  if (bytes.length < 4 || hex(bytes.subarray(0, 4)) !== '4f626a01') throw new Error('bad magic');
  let pos = 4;
  const metadata = {};
  for (;;) {
    let r = readVarlong(bytes, pos);
    if (r.eof) throw new Error('truncated metadata');
    pos = r.pos;
    let count = r.value;
    if (count === 0) break;
    if (count < 0) {
      count = -count;
      pos = readVarlong(bytes, pos).pos;
    }
    for (let i = 0; i < count; i++) {
      r = readVarlong(bytes, pos);
      const key = Buffer.from(bytes.subarray(r.pos, r.pos + r.value)).toString('utf8');
      pos = r.pos + r.value;
      r = readVarlong(bytes, pos);
      metadata[key] = bytes.slice(r.pos, r.pos + r.value);
      pos = r.pos + r.value;
    }
  }
  const sync = bytes.slice(pos, pos + 16);
  pos += 16;
  const headerEnd = pos;
  const blocks = [];
  while (pos < bytes.length) {
    const offset = pos;
    const c = readVarlong(bytes, pos);
    const s = readVarlong(bytes, c.pos);
    if (c.eof || s.eof) throw new Error(`incomplete block header at ${offset}`);
    const data = bytes.slice(s.pos, s.pos + s.value);
    if (data.length !== s.value) throw new Error(`truncated block at ${offset}`);
    const marker = bytes.subarray(s.pos + s.value, s.pos + s.value + 16);
    if (hex(marker) !== hex(sync)) throw new Error(`sync marker mismatch after block at ${offset}`);
    blocks.push({ offset, count: c.value, size: s.value, data });
    pos = s.pos + s.value + 16;
  }
  return { metadata, sync, headerEnd, blocks };
}

// ------------------------------------------------------------ test data listing

/** Every *.avro file under the test data directory, as sorted relative paths. */
function listContainerFiles(root = TESTDATA) {
  const out = [];
  const visit = (dir) => {
    if (!fs.existsSync(dir)) return;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (entry.name.endsWith('.avro')) out.push(path.relative(root, full).split(path.sep).join('/'));
    }
  };
  visit(root);
  return out.sort();
}

/**
 * The container-file rows of MANIFEST.md: { path, codec, records, pyAvro }
 * for every row whose path ends in .avro.
 */
function manifestContainerRows(root = TESTDATA) {
  const file = path.join(root, 'MANIFEST.md');
  if (!fs.existsSync(file)) return null;
  const rows = [];
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const m = line.match(/^\| `([^`]+\.avro)` \|/);
    if (!m) continue;
    const cells = line.split(' | ');
    // | path | origin | size | codec | what | records | py-avro |
    const records = cells[cells.length - 2];
    const pyAvro = cells[cells.length - 1].replace(/\s*\|\s*$/, '').trim();
    rows.push({
      path: m[1],
      codec: cells[3],
      records: Number.parseInt(records, 10),
      walked: /by walking/.test(records),
      pyAvro,
    });
  }
  return rows;
}

module.exports = {
  REFERENCE_DIR,
  referencePython,
  avrocatPath,
  testWithTool,
  runJsonTool,
  pyavroDump,
  avrocatDump,
  normalize,
  denormalize,
  canonText,
  recordsDiff,
  avrocatView,
  hasNonFinite,
  namedTypes,
  expectedFromInput,
  encodesToNothing,
  schemaSummary,
  buildContainer,
  walkContainer,
  avroBytes,
  listContainerFiles,
  manifestContainerRows,
};
