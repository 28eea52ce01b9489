// Object container files over the core's incremental reader and writer.
// ContainerDecoder / ContainerEncoder are synchronous push/pull objects;
// everything else (readContainer, the async iterators, the Web streams) is
// a thin adapter over them. Records cross the boundary a block at a time.
import { AvroError, UnsupportedError, errorFromCore } from './errors.js';
import { ENCODE_ALL, HANDLE, READ_MANY, WRITE_MANY } from './internal.js';
import { bytesToHex, concat, hexToBytes, toBytes } from './bytes.js';

const EVENT_NEED_INPUT = 0;
const EVENT_HEADER = 1;
const EVENT_BLOCK = 2;
const EVENT_END = 3;
// Slots of ContainerDecoder::stats() (wasm/container_handles.h).
const S_COUNT = 0;
const S_OFFSET = 1;
const S_SIZE = 3;
const S_DATA_SIZE = 4;
const S_DECODED = 5;
const S_POSITION = 6;

const SLICE = 1 << 20; // large inputs are fed in 1 MiB slices: memory stays bounded
const BATCH = 256; // records encoded per boundary crossing
const EMPTY = new Uint8Array(0);
const CODECS = new Set(['null', 'deflate', 'snappy', 'zstandard', 'bzip2', 'xz']);
const LIMIT_KEYS = [
  'maxHeaderSize',
  'maxBlockSize',
  'maxDecompressedBlockSize',
  'maxDecompressionRatio',
  'maxBlockRecords',
];
// The Type options a container reader or writer passes on to its Type.
export const TYPE_KEYS = [
  'logicalTypes',
  'longs',
  'maps',
  'wrapUnions',
  'maxDepth',
  'maxLength',
  'codegen',
  'maxBlockItems',
  'maxDecodedSize',
];

export function createContainerApi(mod, { Type, codeNames, platform }) {
  const registry =
    typeof FinalizationRegistry === 'function' ? new FinalizationRegistry((handle) => handle.delete()) : null;
  const utf8 = new TextEncoder();

  const coreError = (handle, context) => errorFromCore(handle.takeError(), codeNames, context);

  /**
   * Incremental reader: push() bytes in chunks of any size, pull whole blocks
   * with nextBlock(). Holds at most about one block of input.
   */
  class ContainerDecoder {
    #handle;
    #stats;
    #options;
    #type = null;
    #ownsType = true; // false when the caller passed a Type as readerSchema
    #writerType = null;
    #resolver = null;
    #header = null;
    #done = false;
    #failed = null;

    /**
     * @param {object} [options] Type options, limits (maxBlockSize, maxDecompressedBlockSize,
     *   maxDecompressionRatio, maxBlockRecords, maxHeaderSize) and readerSchema (records are resolved to it).
     */
    constructor(options = {}) {
      this.#options = options;
      this.#handle = mod.ContainerDecoder.create(JSON.stringify(pick(options, LIMIT_KEYS)));
      this.#stats = this.#handle.stats() >>> 3;
      registry?.register(this, this.#handle, this);
    }

    /** The file header once it has been read, else null: { schema, codec, metadata, syncMarker, size }. */
    get header() {
      return this.#header;
    }

    /** The Type of the records (the reader schema if given, else the file's), once the header is read. */
    get type() {
      return this.#type;
    }

    /** True once the whole file has been read. */
    get done() {
      return this.#done;
    }

    /** File offset of the first byte not yet consumed. */
    get position() {
      return mod.HEAPF64[this.#stats + S_POSITION];
    }

    /** Adds input bytes. */
    push(chunk) {
      const bytes = toBytes(chunk);
      const handle = this.#live;
      for (let i = 0; i < bytes.length; i += SLICE) {
        const part = bytes.subarray(i, i + SLICE);
        const ptr = handle.reserve(part.length);
        mod.HEAPU8.set(part, ptr);
        handle.commit(part.length);
      }
    }

    /** Declares the end of input: an incomplete block is now an error. */
    end() {
      this.#live.finish();
    }

    /**
     * The next block as { records, count, index, offset, size, dataSize }, or
     * null when more input is needed or the file is done (see .done). A bad
     * record throws a DecodeError whose .records holds the block's records
     * decoded before it.
     */
    nextBlock() {
      if (this.#failed) throw this.#failed;
      const handle = this.#live;
      for (;;) {
        const event = handle.next();
        if (event === EVENT_NEED_INPUT) return null;
        if (event === EVENT_END) {
          this.#done = true;
          return null;
        }
        if (event === EVENT_HEADER) {
          this.#readHeader();
          continue;
        }
        if (event === EVENT_BLOCK) return this.#readBlock();
        throw this.#fail(coreError(handle, 'decode'));
      }
    }

    dispose() {
      if (!this.#handle) return;
      registry?.unregister(this);
      this.#handle.delete();
      this.#handle = null;
      this.#resolver?.dispose();
      this.#writerType?.dispose();
      if (this.#ownsType) this.#type?.dispose();
      this.#type = this.#writerType = this.#resolver = null;
    }

    [Symbol.dispose]() {
      this.dispose();
    }

    get #live() {
      if (!this.#handle) throw new AvroError('this ContainerDecoder has been disposed', { code: 'INTERNAL' });
      return this.#handle;
    }

    #fail(error) {
      this.#failed = error;
      return error;
    }

    #readHeader() {
      const raw = JSON.parse(this.#handle.headerJson());
      const metadata = Object.fromEntries(raw.metadata.map(([key, hex]) => [key, hexToBytes(hex)]));
      const typeOptions = pick(this.#options, TYPE_KEYS);
      let type;
      try {
        type = Type.forSchema(raw.schema, typeOptions);
      } catch (error) {
        error.message = `the file's schema is invalid: ${error.message}`;
        throw this.#fail(error);
      }
      this.#type = type;
      const readerSchema = this.#options.readerSchema;
      if (readerSchema !== undefined) {
        this.#writerType = type;
        try {
          this.#ownsType = !(readerSchema instanceof Type);
          this.#type = Type.forSchema(readerSchema, typeOptions);
          this.#resolver = this.#type.createResolver(type);
        } catch (error) {
          throw this.#fail(error);
        }
      }
      this.#header = {
        schema: type.schema(),
        codec: raw.codec,
        metadata,
        syncMarker: hexToBytes(raw.sync),
        size: raw.size,
      };
      this.#blockIndex = 0;
    }

    #blockIndex = 0;

    #readBlock() {
      const handle = this.#handle;
      const stats = mod.HEAPF64;
      const base = this.#stats;
      const block = {
        records: [],
        count: stats[base + S_COUNT],
        index: this.#blockIndex++,
        offset: stats[base + S_OFFSET],
        size: stats[base + S_SIZE],
        dataSize: stats[base + S_DATA_SIZE],
      };
      const type = this.#type;
      const status = this.#resolver
        ? handle.decodeBlockResolved(type[HANDLE], this.#resolver[HANDLE])
        : handle.decodeBlock(type[HANDLE]);
      if (status !== 0) {
        const error = coreError(handle, 'decode');
        error.records = type[READ_MANY](stats[base + S_DECODED], []);
        error.block = block;
        throw this.#fail(error);
      }
      type[READ_MANY](block.count, block.records);
      return block;
    }
  }

  /**
   * Incremental writer. write()/writeMany() return the bytes that became
   * ready (header, full blocks; often empty), end() the rest.
   */
  class ContainerEncoder {
    #handle;
    #type;
    #ownsType;
    #pending = [];
    #started = false;
    #closed = false;

    /**
     * @param {object|string|Type|null} schema the records' schema (ignored with appendTo)
     * @param {object} [options] codec, level, blockSize (alias syncInterval), metadata, syncMarker,
     *   appendTo (a header from ContainerDecoder/readContainer/readHeader: continue that file), Type options
     */
    constructor(schema, options = {}) {
      const append = options.appendTo;
      if (append) schema = append.schema;
      this.#ownsType = !(schema instanceof Type);
      this.#type = Type.forSchema(schema, pick(options, TYPE_KEYS));
      const core = append ? appendOptions(append, options) : newFileOptions(options, platform, utf8);
      const handle = mod.ContainerEncoder.create(JSON.stringify(this.#type.schema()), JSON.stringify(core));
      if (!handle.ok()) {
        const error = coreError(handle, 'encode');
        handle.delete();
        this.#disposeType();
        throw error;
      }
      this.#handle = handle;
      registry?.register(this, handle, this);
    }

    /** The Type records are encoded with. */
    get type() {
      return this.#type;
    }

    write(record) {
      this.#pending.push(record);
      return this.#pending.length >= BATCH ? this.#drain() : EMPTY;
    }

    writeMany(records) {
      for (const record of records) this.#pending.push(record);
      return this.#drain();
    }

    /** Ends the current block (if it holds records) and returns the bytes ready. */
    flush() {
      const parts = [];
      this.#drainInto(parts);
      this.#call((h) => h.flush(), parts);
      return concat(parts);
    }

    // Internal (writeContainer): flush() of `records` without copying them
    // to the pending list or returning a buffer per drain.
    [ENCODE_ALL](records) {
      if (this.#pending.length === 0) this.#pending = records;
      else for (const record of records) this.#pending.push(record);
      return this.flush();
    }

    /** Finishes the file: the remaining bytes. The encoder is disposed. */
    end() {
      if (this.#closed) return EMPTY;
      try {
        return this.flush();
      } finally {
        this.#closed = true;
        this.dispose();
      }
    }

    dispose() {
      if (this.#handle) {
        registry?.unregister(this);
        this.#handle.delete();
        this.#handle = null;
      }
      this.#disposeType();
    }

    [Symbol.dispose]() {
      this.dispose();
    }

    #disposeType() {
      if (this.#ownsType) this.#type?.dispose();
      this.#type = null;
    }

    #drain() {
      const parts = [];
      this.#drainInto(parts);
      return concat(parts);
    }

    #drainInto(parts) {
      if (!this.#handle) throw new AvroError('this ContainerEncoder has been closed', { code: 'INTERNAL' });
      if (!this.#started) {
        this.#started = true;
        this.#call((h) => h.writeHeader(), parts);
      }
      const records = this.#pending;
      if (records.length === 0) return;
      this.#pending = [];
      const type = this.#type;
      for (let start = 0; start < records.length; start += BATCH) {
        const end = Math.min(records.length, start + BATCH);
        try {
          type[WRITE_MANY](records, start, end);
        } catch (error) {
          if (start > 0) error.message += ` (records before it were written)`;
          throw error;
        }
        this.#call((h) => h.writeTape(type[HANDLE], end - start), parts);
      }
    }

    #call(fn, parts) {
      const handle = this.#handle;
      const status = fn(handle);
      const slots = handle.output() >>> 2;
      const ptr = mod.HEAPU32[slots];
      const len = mod.HEAPU32[slots + 1];
      if (len > 0) parts.push(mod.HEAPU8.slice(ptr, ptr + len));
      if (status !== 0) throw coreError(handle, 'encode');
    }
  }

  /**
   * Reads a whole container file held in memory.
   * @returns {{schema, codec, metadata, syncMarker, records, blockCount, error?}}
   */
  function readContainer(bytes, options = {}) {
    const decoder = new ContainerDecoder(options);
    const records = [];
    let blockCount = 0;
    let error = null;
    try {
      decoder.push(bytes);
      decoder.end();
      for (let block; (block = decoder.nextBlock()) !== null;) {
        blockCount++;
        for (const record of block.records) records.push(record);
      }
    } catch (caught) {
      if (!options.bestEffort || !(caught instanceof AvroError)) throw caught;
      error = caught;
      if (caught.records) for (const record of caught.records) records.push(record);
    } finally {
      decoder.dispose();
    }
    const result = containerContents(decoder.header ?? {}, records, blockCount);
    if (options.bestEffort) result.error = error;
    return result;
  }

  /** Writes records into a complete container file. */
  function writeContainer(records, schema, options = {}) {
    const encoder = new ContainerEncoder(schema, options);
    try {
      return encoder[ENCODE_ALL](records);
    } finally {
      encoder.dispose();
    }
  }

  /** Reads just the header of a container file (needs only its first bytes). */
  function readHeader(bytes, options = {}) {
    const decoder = new ContainerDecoder(options);
    try {
      decoder.push(bytes);
      decoder.end();
      try {
        decoder.nextBlock();
      } catch (error) {
        if (!decoder.header) throw error;
      }
      return decoder.header;
    } finally {
      decoder.dispose();
    }
  }

  /** Appends records to a container file held in memory; returns the new file. */
  function appendContainer(bytes, records, options = {}) {
    const header = readHeader(bytes);
    const encoder = new ContainerEncoder(null, { ...options, appendTo: header });
    try {
      return concat([toBytes(bytes), encoder.writeMany(records), encoder.end()]);
    } finally {
      encoder.dispose();
    }
  }

  /**
   * Async iterator over blocks from a Uint8Array, Blob/File, Web
   * ReadableStream, Node Readable, any (async) iterable of chunks, or a
   * file path (Node).
   */
  async function* readBlocks(source, options = {}) {
    const decoder = new ContainerDecoder(options);
    try {
      for await (const chunk of chunksOf(source, platform)) {
        const bytes = toBytes(chunk);
        for (let i = 0; i < bytes.length; i += SLICE) {
          decoder.push(bytes.subarray(i, i + SLICE));
          for (let block; (block = decoder.nextBlock()) !== null;) yield withHeader(block, decoder);
        }
      }
      decoder.end();
      for (let block; (block = decoder.nextBlock()) !== null;) yield withHeader(block, decoder);
    } finally {
      decoder.dispose();
    }
  }

  /** Async iterator over records (see readBlocks for sources). */
  async function* readRecords(source, options = {}) {
    for await (const block of readBlocks(source, options)) yield* block.records;
  }

  /** A Web TransformStream: container bytes in, records (or blocks with { blocks: true }) out. */
  function createDecoderStream(options = {}) {
    let decoder;
    const drain = (controller) => {
      for (let block; (block = decoder.nextBlock()) !== null;) {
        if (options.blocks) controller.enqueue(withHeader(block, decoder));
        else for (const record of block.records) controller.enqueue(record);
      }
    };
    return new TransformStream({
      start() {
        decoder = new ContainerDecoder(options);
      },
      transform(chunk, controller) {
        decoder.push(chunk);
        drain(controller);
      },
      flush(controller) {
        try {
          decoder.end();
          drain(controller);
        } finally {
          decoder.dispose();
        }
      },
    });
  }

  /** A Web TransformStream: records in, container bytes out. */
  function createEncoderStream(schema, options = {}) {
    let encoder;
    return new TransformStream({
      start() {
        encoder = new ContainerEncoder(schema, options);
      },
      transform(record, controller) {
        const bytes = encoder.write(record);
        if (bytes.length) controller.enqueue(bytes);
      },
      flush(controller) {
        const bytes = encoder.end();
        if (bytes.length) controller.enqueue(bytes);
      },
    });
  }

  return {
    ContainerDecoder,
    ContainerEncoder,
    readContainer,
    writeContainer,
    readHeader,
    appendContainer,
    readBlocks,
    readRecords,
    createDecoderStream,
    createEncoderStream,
  };
}

/** What readContainer returns: the header's fields, the records and the block count. */
export function containerContents(header, records, blockCount) {
  return {
    schema: header.schema,
    codec: header.codec,
    metadata: header.metadata,
    syncMarker: header.syncMarker,
    records,
    blockCount,
  };
}

function withHeader(block, decoder) {
  block.header = decoder.header;
  return block;
}

// Chunks from every supported source kind.
// Any supported source as chunks of bytes (shared with columns.js).
export async function* chunksOf(source, platform) {
  if (source instanceof Uint8Array || source instanceof ArrayBuffer || ArrayBuffer.isView(source)) {
    yield source;
  } else if (typeof source === 'string' || source instanceof URL) {
    if (!platform.openFile) {
      throw new UnsupportedError('reading from a file path needs Node; pass bytes, a Blob or a stream', {
        code: 'UNSUPPORTED',
      });
    }
    yield* platform.openFile(source);
  } else if (source && typeof source.getReader === 'function') {
    const reader = source.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        yield value;
      }
    } finally {
      reader.releaseLock();
    }
  } else if (source && typeof source.stream === 'function' && typeof source.arrayBuffer === 'function') {
    yield* chunksOf(source.stream(), platform); // Blob / File
  } else if (
    source &&
    (typeof source[Symbol.asyncIterator] === 'function' || typeof source[Symbol.iterator] === 'function')
  ) {
    yield* source; // Node Readable, generators, arrays of chunks
  } else {
    throw new AvroError('expected bytes, a Blob, a ReadableStream, an async iterable of chunks or a file path', {
      code: 'INVALID_VALUE',
    });
  }
}

function newFileOptions(options, platform, utf8) {
  const codec = options.codec ?? 'null';
  if (!CODECS.has(codec)) {
    throw new UnsupportedError(`unknown codec ${JSON.stringify(codec)}; expected one of ${[...CODECS].join(', ')}`, {
      code: 'UNSUPPORTED',
    });
  }
  const core = { codec };
  if (options.level !== undefined) core.level = options.level;
  const blockSize = options.blockSize ?? options.syncInterval;
  if (blockSize !== undefined) {
    if (!(Number.isInteger(blockSize) && blockSize > 0)) {
      throw new AvroError('blockSize must be a positive integer (bytes)', { code: 'INVALID_VALUE' });
    }
    core.blockSize = blockSize;
  }
  const sync = options.syncMarker ?? platform.randomBytes(16);
  if (!(sync instanceof Uint8Array) || sync.length !== 16) {
    throw new AvroError('syncMarker must be a Uint8Array of 16 bytes', { code: 'INVALID_VALUE' });
  }
  core.sync = bytesToHex(sync);
  const metadata = options.metadata ?? {};
  const entries = metadata instanceof Map ? [...metadata] : Object.entries(metadata);
  core.metadata = entries.map(([key, value]) => {
    if (typeof value === 'string') value = utf8.encode(value);
    if (!(value instanceof Uint8Array)) {
      throw new AvroError(`metadata ${JSON.stringify(key)} must be a string or a Uint8Array`, {
        code: 'INVALID_VALUE',
      });
    }
    return [String(key), bytesToHex(value)];
  });
  return core;
}

function appendOptions(header, options) {
  if (!header.syncMarker || !header.codec) {
    throw new AvroError('appendTo must be a container header (from readHeader or ContainerDecoder)', {
      code: 'INVALID_VALUE',
    });
  }
  const core = { codec: header.codec, sync: bytesToHex(header.syncMarker), append: true };
  if (options.level !== undefined) core.level = options.level;
  const blockSize = options.blockSize ?? options.syncInterval;
  if (blockSize !== undefined) core.blockSize = blockSize;
  return core;
}

function pick(options, keys) {
  const out = {};
  for (const key of keys) if (options[key] !== undefined) out[key] = options[key];
  return out;
}
