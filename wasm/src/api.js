// The public API over one instantiated wasm module. Entry points (node.mjs,
// node.cjs, browser.mjs) instantiate the module their way and call
// createApi(module) once.
import { AvroError, SchemaError, errorFromCore } from './errors.js';
import { compileReaders, TapeCursor } from './readers.js';
import { compileWriters, TapeBuilder } from './writers.js';
import { HANDLE, READ_MANY, WRITE_MANY } from './internal.js';
import { hexToBytes, normalizeSchemaText, toBytes } from './bytes.js';
import { createContainerApi } from './container.js';
import { createCompatibilityApi } from './compatibility.js';

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

  const raise = (handle, context) => {
    throw errorFromCore(handle.takeError(), codeNames, context);
  };

  const heap = () => mod.HEAPU8;

  // Copies bytes into the handle's input buffer; returns their length.
  const putInput = (handle, bytes) => {
    const ptr = handle.input(bytes.length);
    heap().set(bytes, ptr);
    return bytes.length;
  };

  const readOutput = (handle, header) => {
    const ptr = mod.HEAPU32[header + H.outPtr];
    const len = mod.HEAPU32[header + H.outLen];
    return heap().slice(ptr, ptr + len);
  };

  // Points a cursor at the tape the last decode published.
  const openTape = (cursor, header) => {
    const u32 = mod.HEAPU32;
    const buffer = mod.HEAPU8.buffer;
    cursor.nums = new Float64Array(buffer, u32[header + H.numsPtr], u32[header + H.numsLen]);
    cursor.ni = 0;
    cursor.bigs = new BigInt64Array(buffer, u32[header + H.bigsPtr], u32[header + H.bigsLen]);
    cursor.bi = 0;
    const textLen = u32[header + H.textLen];
    cursor.text = textLen === 0 ? '' : utf8Decoder.decode(new Uint8Array(buffer, u32[header + H.textPtr], textLen));
    cursor.textEnds = new Uint32Array(buffer, u32[header + H.textEndsPtr], u32[header + H.textEndsLen]);
    cursor.ti = 0;
    cursor.textStart = 0;
    cursor.blobs = new Uint8Array(buffer, u32[header + H.blobsPtr], u32[header + H.blobsLen]);
    cursor.blobEnds = new Uint32Array(buffer, u32[header + H.blobEndsPtr], u32[header + H.blobEndsLen]);
    cursor.bli = 0;
    cursor.blobStart = 0;
  };

  class Type {
    #handle;
    #header;
    #desc;
    #options;
    #readers;
    #writers;
    #cursor = new TapeCursor();
    #tape = new TapeBuilder();
    #defaultCache = new Map();

    /**
     * Parses a schema (JSON text or object) into a Type.
     * @param {string|object|Array} schema
     * @param {object} [options] logicalTypes, longs, maps, wrapUnions, maxDepth, maxLength
     */
    static forSchema(schema, options = {}) {
      if (schema instanceof Type) return schema;
      const text = typeof schema === 'string' ? normalizeSchemaText(schema) : JSON.stringify(schema);
      if (text === undefined) throw new SchemaError('schema must be a JSON string, an object or an array', { code: 'SCHEMA_PARSE' });
      return new Type(text, { ...DEFAULT_OPTIONS, ...options });
    }

    constructor(text, options) {
      const core = { logicalTypes: options.logicalTypes };
      if (options.maxDepth !== undefined) core.maxDepth = options.maxDepth;
      if (options.maxLength !== undefined) core.maxLength = options.maxLength;
      const handle = mod.AvroType.create(text, JSON.stringify(core));
      if (!handle.ok()) {
        const info = handle.takeError();
        handle.delete();
        throw errorFromCore(info, codeNames, 'schema');
      }
      this.#handle = handle;
      this.#header = handle.header() >>> 2;
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
      if (handle.encode() !== 0) raise(handle, 'encode');
      return readOutput(handle, this.#header);
    }

    /**
     * Decodes exactly one datum; trailing bytes are an error. With a resolver
     * (from createResolver) the bytes were written with its writer schema.
     */
    fromBuffer(bytes, resolver) {
      const handle = this.#live;
      const size = putInput(handle, toBytes(bytes));
      const status = resolver ? handle.decodeResolved(this.#resolverHandle(resolver), size, true) : handle.decode(size, true);
      if (status !== 0) raise(handle, 'decode');
      return this.#materialize(this.#desc.root);
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

    /**
     * Decodes one datum at `pos`, avsc style: returns { value, offset } where
     * offset is just past the datum, or { value: undefined, offset: -1 } when
     * the bytes end before the datum does.
     */
    decode(bytes, pos = 0, resolver = undefined) {
      const handle = this.#live;
      const view = toBytes(bytes).subarray(pos);
      const size = putInput(handle, view);
      const status = resolver ? handle.decodeResolved(this.#resolverHandle(resolver), size, false) : handle.decode(size, false);
      if (status !== 0) {
        const info = handle.takeError();
        if (codeNames[info.code] === 'TRUNCATED') return { value: undefined, offset: -1 };
        throw errorFromCore(info, codeNames, 'decode');
      }
      const consumed = mod.HEAPU32[this.#header + H.consumed];
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
      // Strings: UTF-8 into one scratch buffer, cumulative byte ends.
      const strings = t.strings;
      let capacity = 0;
      for (let i = 0; i < strings.length; i++) capacity += strings[i].length * 3;
      if (scratch.length < capacity) scratch = new Uint8Array(Math.max(capacity, scratch.length * 2));
      const textEnds = new Uint32Array(strings.length);
      let textBytes = 0;
      for (let i = 0; i < strings.length; i++) {
        textBytes += utf8Encoder.encodeInto(strings[i], scratch.subarray(textBytes)).written;
        textEnds[i] = textBytes;
      }
      handle.prepareEncode(t.ni, t.bigs.length, textBytes, strings.length, t.blobBytes, t.blobs.length);
      const u32 = mod.HEAPU32;
      const h = this.#header;
      const buffer = mod.HEAPU8.buffer;
      new Float64Array(buffer, u32[h + H.numsPtr], t.ni).set(t.nums.subarray(0, t.ni));
      if (t.bigs.length) new BigInt64Array(buffer, u32[h + H.bigsPtr], t.bigs.length).set(t.bigs);
      mod.HEAPU8.set(scratch.subarray(0, textBytes), u32[h + H.textPtr]);
      new Uint32Array(buffer, u32[h + H.textEndsPtr], strings.length).set(textEnds);
      let offset = u32[h + H.blobsPtr];
      const blobEnds = new Uint32Array(buffer, u32[h + H.blobEndsPtr], t.blobs.length);
      let end = 0;
      for (let i = 0; i < t.blobs.length; i++) {
        mod.HEAPU8.set(t.blobs[i], offset + end);
        end += t.blobs[i].length;
        blobEnds[i] = end;
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

    constructor(handle, readerType, writerType) {
      this.#handle = handle;
      this.readerType = readerType;
      this.writerType = writerType;
      registry?.register(this, handle, this);
    }

    get [HANDLE]() {
      if (!this.#handle) throw new AvroError('this Resolver has been disposed', { code: 'INTERNAL' });
      return this.#handle;
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

  return {
    Type,
    ...createContainerApi(mod, { Type, codeNames, platform }),
    ...createCompatibilityApi(mod, { Type, codeNames }),
  };
}

// Path segments in the core's format: .field, [3], ["map key"].
function pathSegment(p) {
  if (typeof p === 'number') return `[${p}]`;
  if (typeof p === 'object') return `[${JSON.stringify(p.key)}]`;
  return `.${p}`;
}
