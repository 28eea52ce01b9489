// The public API over one instantiated wasm module. Entry points (node.mjs,
// node.cjs, browser.mjs) instantiate the module their way and call
// createApi(module) once.
import { AvroError, SchemaError, errorFromCore } from './errors.js';
import { compileReaders, TapeCursor } from './readers.js';
import { compileWriters, TapeBuilder } from './writers.js';
import { ADDRESS, DESC, HANDLE, READ_MANY, WRITE_MANY } from './internal.js';
import { valueOps } from './values.js';
import { inferSchema } from './infer.js';
import { hexToBytes, normalizeSchemaText, toBytes } from './bytes.js';
import { createContainerApi } from './container.js';
import { createCompatibilityApi } from './compatibility.js';
import { createColumnsApi } from './columns.js';
import { createRandomGenerator } from './random.js';
import { Heap, decodeText } from './heap.js';

const H = {
  numsPtr: 0, numsLen: 1, bigsPtr: 2, bigsLen: 3, textPtr: 4, textLen: 5, textEndsPtr: 6,
  textEndsLen: 7, blobsPtr: 8, blobsLen: 9, blobEndsPtr: 10, blobEndsLen: 11, outPtr: 12,
  outLen: 13, consumed: 14,
};

const DEFAULT_OPTIONS = Object.freeze({
  logicalTypes: true,
  longs: 'auto', // numbers when exact, bigint beyond 2^53; 'bigint': always bigint
  maps: 'object', // or 'Map'
  wrapUnions: 'auto', // 'always' | 'never'
});

// AvroType::DecodeMode in the core.
const MODE = Object.freeze({ prefix: 0, exact: 1, needed: 2 });

const FINGERPRINTS = new Set(['CRC-64-AVRO', 'MD5', 'SHA-256', 'rabin', 'md5', 'sha256']);

/**
 * platform: { randomBytes(n) -> Uint8Array, openFile?(path) -> AsyncIterable<Uint8Array> }
 */
export function createApi(mod, platform) {
  const codeNames = JSON.parse(mod.errorCodeNames());
  const utf8Decoder = new TextDecoder('utf-8', { fatal: false });
  const utf8Encoder = new TextEncoder();
  const registry =
    typeof FinalizationRegistry === 'function' ? new FinalizationRegistry((handle) => handle.delete()) : null;
  let scratch = new Uint8Array(1024);
  let scratchEnds = new Uint32Array(256);

  const raise = (handle, context) => {
    throw errorFromCore(handle.takeError(), codeNames, context);
  };

  const fast = new Heap(mod);
  const latin1 = platform.latin1;
  const heap = () => fast.views().u8;

  // Copies bytes into a Type's input buffer through the plain exports (the
  // per-datum path); returns their length.
  const putInputAt = (address, bytes) => {
    const ptr = fast.input(address, bytes.length) >>> 0;
    fast.views().u8.set(bytes, ptr);
    return bytes.length;
  };

  // Copies bytes into the handle's input buffer; returns their length.
  const putInput = (handle, bytes) => {
    const ptr = handle.input(bytes.length);
    heap().set(bytes, ptr);
    return bytes.length;
  };

  const readOutput = (handle, header) => {
    const { u8, u32 } = fast.views();
    const ptr = u32[header + H.outPtr];
    return u8.slice(ptr, ptr + u32[header + H.outLen]);
  };

  // Points a cursor at the tape the last decode published. The cursor reads
  // through whole-heap views with start indices, so a decode allocates no
  // typed-array views (they cost more than a small datum's values).
  const openTape = (cursor, header) => {
    const views = fast.views();
    const u32 = views.u32;
    if (cursor.nums !== views.f64) {
      cursor.nums = views.f64; // memory grew: views over the new buffer
      cursor.bigs = views.i64;
      cursor.textEnds = u32;
      cursor.blobs = views.u8;
      cursor.blobEnds = u32;
    }
    cursor.ni = u32[header + H.numsPtr] >>> 3;
    cursor.bi = u32[header + H.bigsPtr] >>> 3;
    const textLen = u32[header + H.textLen];
    cursor.text = textLen === 0 ? '' : decodeText(views.u8, u32[header + H.textPtr], textLen, utf8Decoder, latin1);
    cursor.ti = u32[header + H.textEndsPtr] >>> 2;
    cursor.textStart = 0;
    cursor.bli = u32[header + H.blobEndsPtr] >>> 2;
    cursor.blobBase = u32[header + H.blobsPtr];
    cursor.blobStart = cursor.blobBase;
  };

  class Type {
    #handle;
    #address; // the handle's address, for the plain exports
    #header;
    #desc;
    #options;
    #readers;
    #writers;
    #cursor = new TapeCursor();
    #tape = new TapeBuilder();
    #defaultCache = new Map();
    #randomValue = null;

    /**
     * Parses a schema (JSON text or object) into a Type.
     * @param {string|object|Array} schema
     * @param {object} [options] logicalTypes, longs, maps, wrapUnions, maxDepth, maxLength, maxBlockItems,
     *   maxDecodedSize
     */
    static forSchema(schema, options = {}) {
      if (schema instanceof Type) return schema;
      const text = typeof schema === 'string' ? normalizeSchemaText(schema) : JSON.stringify(schema);
      if (text === undefined) throw new SchemaError('schema must be a JSON string, an object or an array', { code: 'SCHEMA_PARSE' });
      return new Type(text, { ...DEFAULT_OPTIONS, codegen: platform.codegen ?? false, ...options });
    }

    /**
     * A Type for values like `value` (schema inference; rules in infer.js and
     * the README). Options are the Type options of forSchema.
     */
    static forValue(value, options = {}) {
      return Type.forSchema(inferSchema(value), options);
    }

    constructor(text, options) {
      const core = { logicalTypes: options.logicalTypes };
      if (options.maxDepth !== undefined) core.maxDepth = options.maxDepth;
      if (options.maxLength !== undefined) core.maxLength = options.maxLength;
      if (options.maxBlockItems !== undefined) core.maxBlockItems = options.maxBlockItems;
      if (options.maxDecodedSize !== undefined) core.maxDecodedSize = options.maxDecodedSize;
      const handle = mod.AvroType.create(text, JSON.stringify(core));
      if (!handle.ok()) {
        const info = handle.takeError();
        handle.delete();
        throw errorFromCore(info, codeNames, 'schema');
      }
      this.#handle = handle;
      this.#header = handle.header() >>> 2;
      this.#address = handle.address();
      this.#options = options;
      this.#desc = JSON.parse(handle.describe());
      const fail = (code, message) => {
        throw errorFromCore({ code: codeNames.indexOf(code), message, path: '', offset: -1 }, codeNames, 'decode');
      };
      this.#readers = compileReaders(this.#desc, options, fail);
      this.#writers = compileWriters(this.#desc, options, (hex, node) => this.#defaultValue(hex, node));
      registry?.register(this, handle, this);
    }

    get #live() {
      if (!this.#handle) throw new AvroError('this Type has been disposed', { code: 'INTERNAL' });
      return this.#handle;
    }

    /** The root type's kind: 'record', 'int', 'union', ... */
    get typeName() {
      const root = this.#desc.nodes[this.#desc.root];
      return root.kind;
    }

    /** Full name of a named root type (record, enum, fixed), else undefined. */
    get name() {
      return this.#desc.nodes[this.#desc.root].name;
    }

    /** Encodes a value; throws ValueError (with .path) when it does not match. */
    toBuffer(value) {
      const handle = this.#live;
      const t = this.#tape;
      t.reset();
      if (!this.#writers[this.#desc.root](value, t)) throw this.#valueError(t.error);
      this.#publishTape(handle, t);
      if (fast.encode(this.#address) !== 0) raise(handle, 'encode');
      return readOutput(handle, this.#header);
    }

    /**
     * Decodes exactly one datum; trailing bytes are an error. With a resolver
     * (from createResolver) the bytes were written with its writer schema.
     * noCheck (avsc's name): bytes after the datum are not checked, and a
     * resolver stops reading after the last field this type needs.
     */
    fromBuffer(bytes, resolver, noCheck = false) {
      if (typeof resolver === 'boolean') [resolver, noCheck] = [undefined, resolver];
      const handle = this.#live;
      const address = this.#address;
      const size = putInputAt(address, toBytes(bytes));
      const mode = noCheck ? (resolver ? MODE.needed : MODE.prefix) : MODE.exact;
      if (fast.decode(address, this.#resolverAddress(resolver), size, mode) !== 0) raise(handle, 'decode');
      return this.#materialize(this.#desc.root);
    }

    /**
     * Decodes many datums (e.g. Kafka message payloads) in one call: one
     * copy in, one pass of the core, one tape out. Same rules per datum as
     * fromBuffer; an error names the datum's index in its path ([3].field).
     */
    fromBuffers(buffers, resolver, noCheck = false) {
      if (typeof resolver === 'boolean') [resolver, noCheck] = [undefined, resolver];
      const handle = this.#live;
      const count = buffers.length;
      const views = new Array(count);
      let total = 0;
      for (let i = 0; i < count; i++) {
        views[i] = toBytes(buffers[i]);
        total += views[i].length;
      }
      const ptr = handle.input(total);
      const endsPtr = handle.endsInput(count) >>> 2;
      const heap8 = heap();
      const heap32 = fast.views().u32;
      let end = 0;
      for (let i = 0; i < count; i++) {
        heap8.set(views[i], ptr + end);
        end += views[i].length;
        heap32[endsPtr + i] = end;
      }
      const mode = noCheck ? (resolver ? MODE.needed : MODE.prefix) : MODE.exact;
      const status = resolver
        ? handle.decodeManyResolved(this.#resolverHandle(resolver), count, mode)
        : handle.decodeMany(count, mode);
      if (status !== 0) raise(handle, 'decode');
      return this[READ_MANY](count, []);
    }

    /** Encodes many values in one call; returns one Uint8Array per value. */
    toBuffers(values) {
      const handle = this.#live;
      this[WRITE_MANY](values, 0, values.length);
      if (handle.encodeMany(values.length) !== 0) raise(handle, 'encode');
      const bytes = readOutput(handle, this.#header);
      const ends = new Uint32Array(fast.views().u8.buffer, handle.ends(), values.length).slice();
      const out = new Array(values.length);
      let start = 0;
      for (let i = 0; i < values.length; i++) {
        out[i] = bytes.subarray(start, ends[i]);
        start = ends[i];
      }
      return out;
    }

    /**
     * A resolver reading data written with `writer` (a Type or schema) as
     * this type (spec "Schema Resolution"). Throws ResolutionError when no
     * such data could be read.
     */
    createResolver(writer) {
      const writerType = writer instanceof Type ? writer : Type.forSchema(writer, this.#options);
      const handle = mod.ResolverHandle.create(this.#live, writerType.#live);
      if (!handle.ok()) {
        const info = handle.takeError();
        handle.delete();
        throw errorFromCore(info, codeNames, 'resolve');
      }
      return new Resolver(handle, this, writerType);
    }

    #resolverHandle(resolver) {
      if (!(resolver instanceof Resolver) || resolver.readerType !== this) {
        throw new AvroError('the resolver was created by another reader type', { code: 'INVALID_VALUE' });
      }
      return resolver[HANDLE];
    }

    // The resolver's address (0: none) for the plain exports.
    #resolverAddress(resolver) {
      if (!resolver) return 0;
      this.#resolverHandle(resolver);
      return resolver[ADDRESS];
    }

    /**
     * Decodes one datum at `pos`, avsc style: returns { value, offset } where
     * offset is just past the datum, or { value: undefined, offset: -1 } when
     * the bytes end before the datum does.
     */
    decode(bytes, pos = 0, resolver = undefined) {
      const handle = this.#live;
      const view = toBytes(bytes).subarray(pos);
      const size = putInputAt(this.#address, view);
      const status = fast.decode(this.#address, this.#resolverAddress(resolver), size, MODE.prefix);
      if (status !== 0) {
        const info = handle.takeError();
        if (codeNames[info.code] === 'TRUNCATED') return { value: undefined, offset: -1 };
        throw errorFromCore(info, codeNames, 'decode');
      }
      const consumed = fast.views().u32[this.#header + H.consumed];
      return { value: this.#materialize(this.#desc.root), offset: pos + consumed };
    }

    /** Whether `value` matches; errorHook(path, value, type) hears about the first mismatch. */
    isValid(value, { errorHook } = {}) {
      this.#live;
      const t = this.#tape;
      t.reset();
      if (this.#writers[this.#desc.root](value, t)) return true;
      if (errorHook) errorHook(t.error.path.map((p) => (typeof p === 'object' ? p.key : String(p))), t.error.value, this, t.error.message);
      return false;
    }

    /**
     * A deep copy of a valid value, in the form decoding gives (defaults
     * filled in, union branch names qualified); throws ValueError (with
     * .path) for an invalid one. { wrapUnions: true } (avsc's clone option)
     * wraps bare values of wrapped unions in the first branch that takes them.
     */
    clone(value, options) {
      return valueOps(this).clone(value, options);
    }

    /** -1, 0 or 1 by the spec's sort order (record field `order`s honoured); maps are not comparable. */
    compare(a, b) {
      return valueOps(this).compare(a, b);
    }

    /** Whether compare(a, b) would be 0, with maps compared by their entries. */
    equals(a, b) {
      return valueOps(this).equals(a, b);
    }

    /** compare() of two encodings (each decoded, then compared). */
    compareBuffers(bytes1, bytes2) {
      return valueOps(this).compareDecoded(this.fromBuffer(bytes1), this.fromBuffer(bytes2));
    }

    /** The Avro JSON encoding of a value. */
    toString(value) {
      if (value === undefined) return `<Type ${this.name ?? this.typeName}>`;
      const bytes = this.toBuffer(value);
      const handle = this.#live;
      const size = putInput(handle, bytes);
      if (handle.toJson(size) !== 0) raise(handle, 'decode');
      return utf8Decoder.decode(readOutput(handle, this.#header));
    }

    /** Parses the Avro JSON encoding of a value. */
    fromString(text) {
      const handle = this.#live;
      if (handle.fromJson(String(text)) !== 0) raise(handle, 'decode');
      return this.fromBuffer(readOutput(handle, this.#header));
    }

    /** The schema as a JSON-ready object; { canonical: true } gives the Parsing Canonical Form. */
    schema({ canonical = false } = {}) {
      const handle = this.#live;
      return JSON.parse(canonical ? handle.canonicalForm() : handle.schemaJson());
    }

    /** The Parsing Canonical Form, exactly as fingerprinted. */
    canonicalForm() {
      return this.#live.canonicalForm();
    }

    /** Fingerprint of the canonical form: 'CRC-64-AVRO' (default, little-endian), 'MD5' or 'SHA-256'. */
    fingerprint(algorithm = 'CRC-64-AVRO') {
      if (!FINGERPRINTS.has(algorithm)) {
        throw new AvroError(`unknown fingerprint algorithm ${JSON.stringify(algorithm)}`, { code: 'INVALID_VALUE' });
      }
      return hexToBytes(this.#live.fingerprint(algorithm));
    }

    /**
     * A random valid value, in the form this Type's options give decoded
     * values. The same seed (number, bigint or string) gives an equal value;
     * without one each call differs.
     */
    random({ seed } = {}) {
      this.#randomValue ??= createRandomGenerator(this.schema(), this.#options);
      return this.#randomValue(seed);
    }

    toJSON() {
      return this.schema();
    }

    /** Frees the wasm-side program. The Type is unusable afterwards. */
    dispose() {
      if (!this.#handle) return;
      registry?.unregister(this);
      this.#handle.delete();
      this.#handle = null;
    }

    [Symbol.dispose]() {
      this.dispose();
    }

    // Internal to the package (container readers and writers).
    get [HANDLE]() {
      return this.#live;
    }

    // Internal to the package (values.js).
    get [DESC]() {
      this.#live;
      return {
        desc: this.#desc,
        options: this.#options,
        writers: this.#writers,
        defaultValue: (hex, node) => this.#defaultValue(hex, node),
      };
    }

    // Materializes `count` datums from the tape the last core call published.
    [READ_MANY](count, out) {
      const cursor = this.#cursor;
      openTape(cursor, this.#header);
      const read = this.#readers[this.#desc.root];
      for (let i = 0; i < count; i++) out.push(read(cursor));
      cursor.text = '';
      return out;
    }

    // Puts records[start..end) on the encode tape as one batch.
    [WRITE_MANY](records, start, end) {
      const handle = this.#live;
      const t = this.#tape;
      const write = this.#writers[this.#desc.root];
      t.reset();
      for (let i = start; i < end; i++) {
        if (!write(records[i], t)) {
          t.error.path.unshift(i);
          throw this.#valueError(t.error);
        }
      }
      this.#publishTape(handle, t);
    }

    #materialize(node) {
      const cursor = this.#cursor;
      openTape(cursor, this.#header);
      const value = this.#readers[node](cursor);
      cursor.text = '';
      return value;
    }

    #publishTape(handle, t) {
      // Strings: UTF-8 into one scratch buffer, cumulative byte ends. ASCII
      // (most keys and names) is copied by hand: cheaper than encodeInto
      // for short strings.
      const strings = t.strings;
      const count = strings.length;
      let capacity = 0;
      for (let i = 0; i < count; i++) capacity += strings[i].length * 3;
      if (scratch.length < capacity) scratch = new Uint8Array(Math.max(capacity, scratch.length * 2));
      if (scratchEnds.length < count) scratchEnds = new Uint32Array(Math.max(count, scratchEnds.length * 2));
      let textBytes = 0;
      for (let i = 0; i < count; i++) {
        const s = strings[i];
        const n = s.length;
        let k = 0;
        while (k < n) {
          const c = s.charCodeAt(k);
          if (c > 0x7f) break;
          scratch[textBytes + k++] = c;
        }
        textBytes += k === n ? n : utf8Encoder.encodeInto(s, scratch.subarray(textBytes)).written;
        scratchEnds[i] = textBytes;
      }
      fast.prepareEncode(this.#address, t.ni, t.bigs.length, textBytes, count, t.blobBytes, t.blobs.length);
      const { u8, u32, f64, i64 } = fast.views();
      const h = this.#header;
      copyInto(f64, u32[h + H.numsPtr] >>> 3, t.nums, t.ni);
      if (t.bigs.length) i64.set(t.bigs, u32[h + H.bigsPtr] >>> 3);
      copyInto(u8, u32[h + H.textPtr], scratch, textBytes);
      copyInto(u32, u32[h + H.textEndsPtr] >>> 2, scratchEnds, count);
      const offset = u32[h + H.blobsPtr];
      const endsIndex = u32[h + H.blobEndsPtr] >>> 2;
      let end = 0;
      for (let i = 0; i < t.blobs.length; i++) {
        u8.set(t.blobs[i], offset + end);
        end += t.blobs[i].length;
        u32[endsIndex + i] = end;
      }
    }

    #valueError(error) {
      const path = error.path.map(pathSegment).join('');
      return errorFromCore({ code: codeNames.indexOf(error.code), message: error.message, path, offset: -1 }, codeNames, 'encode');
    }

    // A field default as a JS value: the core encoded it at parse time; decode it once.
    #defaultValue(hex, node) {
      const key = `${node}:${hex}`;
      if (!this.#defaultCache.has(key)) {
        const handle = this.#live;
        const size = putInput(handle, hexToBytes(hex));
        if (handle.decodeNode(node, size) !== 0) raise(handle, 'decode');
        this.#defaultCache.set(key, this.#materialize(node));
      }
      return this.#defaultCache.get(key);
    }
  }

  /** A compiled (writer, reader) resolution; see Type#createResolver. */
  class Resolver {
    #handle;
    #address;

    constructor(handle, readerType, writerType) {
      this.#handle = handle;
      this.#address = handle.address();
      this.readerType = readerType;
      this.writerType = writerType;
      registry?.register(this, handle, this);
    }

    get [HANDLE]() {
      if (!this.#handle) throw new AvroError('this Resolver has been disposed', { code: 'INTERNAL' });
      return this.#handle;
    }

    get [ADDRESS]() {
      this[HANDLE]; // throws once disposed
      return this.#address;
    }

    dispose() {
      if (!this.#handle) return;
      registry?.unregister(this);
      this.#handle.delete();
      this.#handle = null;
    }

    [Symbol.dispose]() {
      this.dispose();
    }
  }

  /** Wasm memory: the module's linear memory size and the bytes live allocations use. */
  function memoryUsage() {
    return { wasmMemory: mod.HEAPU8.buffer.byteLength, heapInUse: mod.heapInUse() };
  }

  return {
    Type,
    memoryUsage,
    ...createContainerApi(mod, { Type, codeNames, platform }),
    ...createCompatibilityApi(mod, { Type, codeNames }),
    ...createColumnsApi(mod, { Type, codeNames, platform }),
  };
}

// target[at, at + n) = source[0, n). A loop for the few values of one datum
// (a subarray and a set() cost more than that), set() beyond.
function copyInto(target, at, source, n) {
  if (n > 64) {
    target.set(source.subarray(0, n), at);
  } else {
    for (let i = 0; i < n; i++) target[at + i] = source[i];
  }
}

// Path segments in the core's format: .field, [3], ["map key"].
function pathSegment(p) {
  if (typeof p === 'number') return `[${p}]`;
  if (typeof p === 'object') return `[${JSON.stringify(p.key)}]`;
  return `.${p}`;
}
