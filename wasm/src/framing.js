// Message framing for streams of single datums (Kafka and friends): the Avro
// spec's single-object encoding and Confluent's wire format. Pure JS over the
// Type API: a frame is a few header bytes in front of what type.toBuffer()
// writes, so nothing here touches the wasm module.
//
// Error codes, chosen so a consumer can tell a poison message from a missing
// schema:
// - INVALID_DATA (DecodeError, offset 0): the frame marker / magic byte is wrong;
// - TRUNCATED (DecodeError): the bytes end inside the frame header;
// - UNSUPPORTED (UnsupportedError): the frame is well formed but its writer
//   schema is not available: unknown fingerprint (.fingerprint = hex), unknown
//   or failed schema id lookup (.schemaId, and .cause when lookup threw), or a
//   lookup that is still asynchronous when decodeSync() needs it. Registering
//   the schema and retrying can succeed; retrying an INVALID_DATA frame cannot.
// Errors from the datum itself keep their class and code; their offset is
// counted from the start of the frame, not of the datum.

import { bytesToHex, toBytes } from './bytes.js';

const SINGLE_OBJECT_MARKER = [0xc3, 0x01];
const FINGERPRINT_SIZE = 8;
const SINGLE_OBJECT_HEADER = SINGLE_OBJECT_MARKER.length + FINGERPRINT_SIZE; // 10
const CONFLUENT_MAGIC = 0;
const CONFLUENT_HEADER = 5; // magic byte + 4-byte big-endian schema id
const DEFAULT_CACHE_SIZE = 1000;

export function createFramingApi({ Type, AvroError, DecodeError, UnsupportedError }) {
  const invalidArgument = (message) => new AvroError(message, { code: 'INVALID_VALUE' });

  // A fingerprint is needed for every frame; the wasm call is made once per Type.
  const fingerprints = new WeakMap(); // Type -> { bytes, hex }
  const fingerprintOf = (type) => {
    let fingerprint = fingerprints.get(type);
    if (!fingerprint) {
      const bytes = type.fingerprint('CRC-64-AVRO');
      fingerprint = { bytes, hex: bytesToHex(bytes) };
      fingerprints.set(type, fingerprint);
    }
    return fingerprint;
  };

  // One resolver per (reader, writer) pair: building one compiles a resolution plan.
  const resolvers = new WeakMap();
  const resolverFor = (readerType, writerType) => {
    let byWriter = resolvers.get(readerType);
    if (!byWriter) resolvers.set(readerType, (byWriter = new WeakMap()));
    let resolver = byWriter.get(writerType);
    if (!resolver) byWriter.set(writerType, (resolver = readerType.createResolver(writerType)));
    return resolver;
  };

  // Reader schemas given as JSON are parsed once per owner (a store or the
  // module), not once per message. An object schema is keyed by identity, so
  // mutating it after first use has no effect: pass a Type to control that.
  const readerTypeCache = (typeOptions) => {
    const objects = new WeakMap();
    const texts = new Map();
    return (schema) => {
      if (schema instanceof Type) return schema;
      const cache = typeof schema === 'string' ? texts : objects;
      let type = cache.get(schema);
      if (!type) {
        type = Type.forSchema(schema, typeOptions);
        cache.set(schema, type);
      }
      return type;
    };
  };
  const defaultReaderTypes = readerTypeCache(undefined);
  const storeReaderTypes = new WeakMap(); // SchemaStore -> its reader type cache

  // Re-raises a datum error with its offset counted from the frame start and,
  // in a batch, the message index in front of its path (as writers do).
  const reframe = (error, headerSize, index) => {
    if (!(error instanceof AvroError)) return error;
    const path = index === undefined ? error.path : `[${index}]${error.path}`;
    const offset = error.offset >= 0 ? error.offset + headerSize : error.offset;
    const copy = new error.constructor(error.reason, { code: error.code, path, offset });
    for (const key of ['cause', 'fingerprint', 'schemaId']) if (key in error) copy[key] = error[key];
    return copy;
  };

  // Decodes the datum after the header: with the writer's own Type, or
  // resolved to the reader's when a reader schema was given.
  const decodeDatum = (bytes, headerSize, writerType, readerType) => {
    const datum = bytes.subarray(headerSize);
    try {
      if (!readerType || readerType === writerType) return writerType.fromBuffer(datum);
      return readerType.fromBuffer(datum, resolverFor(readerType, writerType));
    } catch (error) {
      throw reframe(error, headerSize);
    }
  };

  const truncated = (what, need, bytes) =>
    new DecodeError(`${what} needs ${need} bytes, got ${bytes.length}`, { code: 'TRUNCATED', offset: bytes.length });

  // ---- Single-object encoding: C3 01, 8-byte CRC-64-AVRO fingerprint (LE), datum ----

  /** The bytes as a single-object frame; throws on a bad marker or a short header. */
  const readSingleObjectHeader = (input) => {
    const bytes = toBytes(input);
    // The marker is checked first on whatever bytes there are: a Confluent frame
    // or plain datum handed in by mistake is INVALID_DATA, not TRUNCATED.
    for (let i = 0; i < SINGLE_OBJECT_MARKER.length && i < bytes.length; i++) {
      if (bytes[i] !== SINGLE_OBJECT_MARKER[i]) {
        throw new DecodeError('not a single-object encoding: the frame must start with C3 01', {
          code: 'INVALID_DATA',
          offset: 0,
        });
      }
    }
    if (bytes.length < SINGLE_OBJECT_HEADER) throw truncated('a single-object header', SINGLE_OBJECT_HEADER, bytes);
    return bytes;
  };

  /** Whether the bytes start with a complete single-object header (C3 01 + fingerprint). */
  function isSingleObject(bytes) {
    let view;
    try {
      view = toBytes(bytes);
    } catch {
      return false;
    }
    return (
      view.length >= SINGLE_OBJECT_HEADER && view[0] === SINGLE_OBJECT_MARKER[0] && view[1] === SINGLE_OBJECT_MARKER[1]
    );
  }

  /** The 8 fingerprint bytes of a single-object frame (a copy). */
  function singleObjectFingerprint(bytes) {
    return readSingleObjectHeader(bytes).slice(SINGLE_OBJECT_MARKER.length, SINGLE_OBJECT_HEADER);
  }

  /** Frames one value: C3 01 + the type's CRC-64-AVRO fingerprint + type.toBuffer(value). */
  function encodeSingleObject(type, value) {
    const writer = Type.forSchema(type);
    const datum = writer.toBuffer(value);
    const out = new Uint8Array(SINGLE_OBJECT_HEADER + datum.length);
    out.set(SINGLE_OBJECT_MARKER, 0);
    out.set(fingerprintOf(writer).bytes, SINGLE_OBJECT_MARKER.length);
    out.set(datum, SINGLE_OBJECT_HEADER);
    return out;
  }

  /**
   * Writer schemas by CRC-64-AVRO fingerprint, for decodeSingleObject. Keys
   * are the 8 fingerprint bytes as they appear in the frame, or their hex
   * (the hex of type.fingerprint(), i.e. little-endian byte order). As in
   * Java's SchemaStore.Cache, adding a schema with a known fingerprint
   * replaces the earlier Type. Subclass and override get() to fetch
   * schemas on demand (it must return a Type: `return this.add(schema)`).
   */
  class SchemaStore {
    #types = new Map(); // fingerprint hex -> Type
    #typeOptions;

    /**
     * @param {Iterable<object|string|Type>} [schemas]
     * @param {{ typeOptions?: object }} [options] used for schemas given as JSON
     */
    constructor(schemas = [], { typeOptions } = {}) {
      this.#typeOptions = typeOptions;
      storeReaderTypes.set(this, readerTypeCache(typeOptions));
      for (const schema of schemas) this.add(schema);
    }

    /** Adds a schema (JSON text, object or Type); returns its Type. */
    add(schemaOrType) {
      const type = Type.forSchema(schemaOrType, this.#typeOptions);
      this.#types.set(fingerprintOf(type).hex, type);
      return type;
    }

    /** The Type whose fingerprint is given (8 bytes or 16 hex digits), or undefined. */
    get(fingerprint) {
      return this.#types.get(fingerprintKey(fingerprint));
    }

    get size() {
      return this.#types.size;
    }
  }

  const fingerprintKey = (fingerprint) => {
    if (typeof fingerprint === 'string') {
      if (/^[0-9a-fA-F]{16}$/.test(fingerprint)) return fingerprint.toLowerCase();
    } else if (ArrayBuffer.isView(fingerprint) || fingerprint instanceof ArrayBuffer) {
      const bytes = toBytes(fingerprint);
      if (bytes.length === FINGERPRINT_SIZE) return bytesToHex(bytes);
    }
    throw invalidArgument('a CRC-64-AVRO fingerprint is 8 bytes or 16 hex digits');
  };

  /**
   * Decodes a single-object frame. `storeOrType` is a SchemaStore (the writer
   * schema is looked up by the frame's fingerprint) or the one Type the frame
   * must have been written with. With `readerSchema`, the value is resolved
   * from the writer schema to it (a JSON schema is parsed once, with the
   * store's typeOptions).
   */
  function decodeSingleObject(bytes, storeOrType, { readerSchema } = {}) {
    const view = readSingleObjectHeader(bytes);
    const fingerprint = view.subarray(SINGLE_OBJECT_MARKER.length, SINGLE_OBJECT_HEADER);
    const hex = bytesToHex(fingerprint);
    let writerType;
    let readerTypes;
    let where;
    if (storeOrType instanceof SchemaStore) {
      writerType = storeOrType.get(fingerprint);
      readerTypes = storeReaderTypes.get(storeOrType);
      where = 'in the store';
    } else if (storeOrType instanceof Type) {
      if (fingerprintOf(storeOrType).hex === hex) writerType = storeOrType;
      readerTypes = defaultReaderTypes;
      where = `(the given Type's is ${fingerprintOf(storeOrType).hex})`;
    } else {
      throw invalidArgument('decodeSingleObject needs a SchemaStore or a Type');
    }
    if (!writerType) {
      const error = new UnsupportedError(`no writer schema with CRC-64-AVRO fingerprint ${hex} ${where}`, {
        code: 'UNSUPPORTED',
        offset: SINGLE_OBJECT_MARKER.length,
      });
      error.fingerprint = hex;
      throw error;
    }
    const readerType = readerSchema == null ? undefined : readerTypes(readerSchema);
    return decodeDatum(view, SINGLE_OBJECT_HEADER, writerType, readerType);
  }

  // ---- Confluent wire format: 00, 4-byte big-endian schema id, datum ----

  const readConfluentHeader = (input) => {
    const bytes = toBytes(input);
    if (bytes.length > 0 && bytes[0] !== CONFLUENT_MAGIC) {
      throw new DecodeError(`not a Confluent frame: magic byte is ${bytes[0]}, expected 0`, {
        code: 'INVALID_DATA',
        offset: 0,
      });
    }
    if (bytes.length < CONFLUENT_HEADER) throw truncated('a Confluent header', CONFLUENT_HEADER, bytes);
    // Unsigned: ids are non-negative in practice, and this keeps encode/decode symmetric.
    const id = ((bytes[1] << 24) | (bytes[2] << 16) | (bytes[3] << 8) | bytes[4]) >>> 0;
    return { bytes, id };
  };

  /** The schema id of a Confluent frame. */
  function confluentSchemaId(bytes) {
    return readConfluentHeader(bytes).id;
  }

  /** Frames one value: 00 + schemaId (4 bytes, big endian) + type.toBuffer(value). */
  function encodeConfluent(schemaId, type, value) {
    if (!Number.isInteger(schemaId) || schemaId < 0 || schemaId > 0xffffffff) {
      throw invalidArgument(`a Confluent schema id is an integer in [0, 2^32), got ${String(schemaId)}`);
    }
    const datum = Type.forSchema(type).toBuffer(value);
    const out = new Uint8Array(CONFLUENT_HEADER + datum.length);
    out[0] = CONFLUENT_MAGIC;
    new DataView(out.buffer).setUint32(1, schemaId, false);
    out.set(datum, CONFLUENT_HEADER);
    return out;
  }

  const isThenable = (value) => value !== null && typeof value === 'object' && typeof value.then === 'function';

  /**
   * A decoder for Confluent frames whose writer schemas come from `lookup(id)`
   * (a schema registry client): it returns the schema (object, JSON text or
   * Type) or a Promise of it. Writer Types are kept per id, least recently
   * used first out beyond `cacheSize`; concurrent requests for one id share a
   * single lookup; a failed lookup is forgotten, so the next message retries.
   */
  function createConfluentDecoder({ lookup, readerSchema, typeOptions, cacheSize = DEFAULT_CACHE_SIZE } = {}) {
    if (typeof lookup !== 'function') throw invalidArgument('createConfluentDecoder needs lookup(id)');
    if (!(cacheSize >= 1 && (Number.isInteger(cacheSize) || cacheSize === Infinity))) {
      throw invalidArgument('cacheSize must be a positive integer or Infinity');
    }
    const readerType = readerSchema == null ? undefined : Type.forSchema(readerSchema, typeOptions);
    const cache = new Map(); // id -> writer Type, in least recently used order
    const inflight = new Map(); // id -> Promise<writer Type>

    const unavailable = (id, message, cause) => {
      const error = new UnsupportedError(message, { code: 'UNSUPPORTED', offset: 1 });
      error.schemaId = id;
      if (cause !== undefined) error.cause = cause;
      return error;
    };

    const install = (id, schema) => {
      if (schema == null) throw unavailable(id, `no writer schema for Confluent schema id ${id}`);
      let type;
      try {
        type = Type.forSchema(schema, typeOptions);
      } catch (cause) {
        throw unavailable(id, `the schema for Confluent schema id ${id} does not parse: ${cause.message}`, cause);
      }
      cache.set(id, type);
      if (cache.size > cacheSize) cache.delete(cache.keys().next().value);
      return type;
    };

    const lookupFailed = (id, cause) =>
      unavailable(id, `lookup of Confluent schema id ${id} failed: ${cause?.message ?? String(cause)}`, cause);

    // The writer Type for an id, or a Promise of it while a lookup is under way.
    const writerFor = (id) => {
      const cached = cache.get(id);
      if (cached) {
        cache.delete(id); // most recently used goes last
        cache.set(id, cached);
        return cached;
      }
      const pending = inflight.get(id);
      if (pending) return pending;
      let result;
      try {
        result = lookup(id);
      } catch (cause) {
        throw lookupFailed(id, cause);
      }
      if (!isThenable(result)) return install(id, result);
      const promise = Promise.resolve(result).then(
        (schema) => install(id, schema),
        (cause) => {
          throw lookupFailed(id, cause);
        },
      );
      inflight.set(id, promise);
      // Settled either way, the id leaves `inflight`: only success is cached.
      // This handler also keeps a failure nobody awaits (see decodeSync) from
      // surfacing as an unhandled rejection.
      const settle = () => inflight.delete(id);
      promise.then(settle, settle);
      return promise;
    };

    return {
      /** Decodes one frame; looks the writer schema up when needed. */
      async decode(bytes) {
        const frame = readConfluentHeader(bytes);
        const writerType = await writerFor(frame.id);
        return decodeDatum(frame.bytes, CONFLUENT_HEADER, writerType, readerType);
      },

      /**
       * Decodes one frame synchronously: works when the id's schema is cached
       * or lookup answers synchronously; otherwise throws UNSUPPORTED (the
       * lookup it started keeps going, so a later call can succeed).
       */
      decodeSync(bytes) {
        const frame = readConfluentHeader(bytes);
        const writerType = writerFor(frame.id);
        if (isThenable(writerType)) {
          throw unavailable(
            frame.id,
            `the schema for Confluent schema id ${frame.id} is not cached and lookup is asynchronous: use decode()`,
          );
        }
        return decodeDatum(frame.bytes, CONFLUENT_HEADER, writerType, readerType);
      },

      /**
       * Decodes a batch: every frame header is checked first, each distinct id
       * is looked up once, then the datums are decoded in order. Any failure
       * rejects the batch; a datum error's path starts with the message index.
       */
      async decodeMany(messages) {
        const frames = [];
        for (const message of messages) {
          try {
            frames.push(readConfluentHeader(message));
          } catch (error) {
            throw reframe(error, 0, frames.length);
          }
        }
        // Kept here rather than re-read from the cache, which may evict some
        // of them when the batch has more distinct ids than cacheSize.
        const ids = [...new Set(frames.map((frame) => frame.id))];
        const types = await Promise.all(ids.map(writerFor));
        const writers = new Map(ids.map((id, i) => [id, types[i]]));
        return frames.map((frame, index) => {
          try {
            return decodeDatum(frame.bytes, CONFLUENT_HEADER, writers.get(frame.id), readerType);
          } catch (error) {
            throw reframe(error, 0, index);
          }
        });
      },
    };
  }

  return {
    encodeSingleObject,
    decodeSingleObject,
    SchemaStore,
    isSingleObject,
    singleObjectFingerprint,
    encodeConfluent,
    createConfluentDecoder,
    confluentSchemaId,
  };
}
