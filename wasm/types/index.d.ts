// Type declarations for avro-wasm (first version; schema-driven value
// inference arrives with the npm package issue).

import type { Transform } from 'node:stream';

export type Schema = string | { [key: string]: unknown } | Schema[];

export interface TypeOptions {
  /** Map logical types to natural values (Date, decimal strings, ...). Default true. */
  logicalTypes?: boolean;
  /** 'auto' (default): numbers when exact, bigint beyond 2^53. 'bigint': always bigint. */
  longs?: 'auto' | 'bigint';
  /** 'object' (default) or 'Map'. */
  maps?: 'object' | 'Map';
  /** 'auto' (default): unwrap unions whose branches are distinguishable in JS. */
  wrapUnions?: 'auto' | 'always' | 'never';
  /** Maximum value nesting depth when decoding (default 1000). */
  maxDepth?: number;
  /** Maximum length of one string or bytes value (default 2^30). */
  maxLength?: number;
}

export type FingerprintAlgorithm = 'CRC-64-AVRO' | 'MD5' | 'SHA-256';

export declare class Type {
  static forSchema(schema: Schema | Type, options?: TypeOptions): Type;
  readonly typeName: string;
  readonly name: string | undefined;
  toBuffer(value: unknown): Uint8Array;
  /** With a resolver from createResolver, the bytes were written with the resolver's writer schema. */
  fromBuffer(bytes: Uint8Array | ArrayBuffer | ArrayBufferView, resolver?: Resolver): any;
  decode(bytes: Uint8Array | ArrayBuffer | ArrayBufferView, pos?: number, resolver?: Resolver): { value: any; offset: number };
  /** Reads data written with `writer` as this type (spec "Schema Resolution"); throws ResolutionError when impossible. */
  createResolver(writer: Type | Schema): Resolver;
  isValid(
    value: unknown,
    options?: { errorHook?: (path: string[], value: unknown, type: Type, message: string) => void },
  ): boolean;
  toString(value?: unknown): string;
  fromString(json: string): any;
  schema(options?: { canonical?: boolean }): any;
  canonicalForm(): string;
  fingerprint(algorithm?: FingerprintAlgorithm): Uint8Array;
  toJSON(): any;
  dispose(): void;
  [Symbol.dispose](): void;
}

// ---- Object container files ----

export type Codec = 'null' | 'deflate' | 'snappy' | 'zstandard' | 'bzip2' | 'xz';

export interface ContainerLimits {
  /** Largest header (metadata incl. the schema) in bytes. Default 64 MiB. */
  maxHeaderSize?: number;
  /** Largest compressed block in bytes. Default 256 MiB. */
  maxBlockSize?: number;
  /** Largest decompressed block in bytes (stops decompression bombs). Default 512 MiB. */
  maxDecompressedBlockSize?: number;
  /** Most records one block may declare. Default 2^24. */
  maxBlockRecords?: number;
}

export interface ReadOptions extends TypeOptions, ContainerLimits {
  /** Resolve records to this schema (the file's schema is the writer's). */
  readerSchema?: Schema | Type;
}

export interface ContainerHeader {
  /** The writer schema as JSON. */
  schema: any;
  codec: Codec;
  /** Every header entry (including avro.schema and avro.codec) as raw bytes. */
  metadata: Record<string, Uint8Array>;
  syncMarker: Uint8Array;
  /** Header size in bytes: the first block starts here. */
  size: number;
}

export interface ContainerBlock<T = any> {
  records: T[];
  count: number;
  /** 0-based block number. */
  index: number;
  /** File offset of the block. */
  offset: number;
  /** Compressed size in bytes. */
  size: number;
  /** Decompressed size in bytes. */
  dataSize: number;
  header?: ContainerHeader;
}

export interface ContainerContents<T = any> {
  schema: any;
  codec: Codec;
  metadata: Record<string, Uint8Array>;
  syncMarker: Uint8Array;
  records: T[];
  blockCount: number;
  /** With bestEffort: the error that ended reading, or null. */
  error?: AvroError | null;
}

export interface WriteOptions extends TypeOptions {
  /** Default 'null'. */
  codec?: Codec;
  /** deflate 0-9, zstandard 1-22, bzip2 1-9, xz 0-9; default: the library's own. */
  level?: number;
  /** Uncompressed bytes per block before it is written. Default 65536. */
  blockSize?: number;
  /** Alias of blockSize (Java's name). */
  syncInterval?: number;
  /** User metadata; strings are stored as UTF-8. */
  metadata?: Record<string, string | Uint8Array> | Map<string, string | Uint8Array>;
  /** 16 bytes; random by default. */
  syncMarker?: Uint8Array;
  /** Continue an existing file: its schema, codec and sync marker are used and no header is written. */
  appendTo?: ContainerHeader;
}

/** Bytes in any form the readers accept. */
export type ByteSource =
  | Uint8Array
  | ArrayBuffer
  | ArrayBufferView
  | Blob
  | ReadableStream<Uint8Array>
  | AsyncIterable<Uint8Array>
  | Iterable<Uint8Array>
  /** A file path (Node only). */
  | string
  | URL;

/** Reads a whole container file held in memory. With bestEffort, data errors end reading instead of throwing. */
export declare function readContainer<T = any>(
  bytes: Uint8Array | ArrayBuffer | ArrayBufferView,
  options?: ReadOptions & { bestEffort?: boolean },
): ContainerContents<T>;
/** Writes records into a complete container file. */
export declare function writeContainer<T = any>(records: Iterable<T>, schema: Schema | Type, options?: WriteOptions): Uint8Array;
/** Parses just the header from the first bytes of a file. */
export declare function readHeader(bytes: Uint8Array | ArrayBuffer | ArrayBufferView, options?: ContainerLimits): ContainerHeader;
/** Returns the file with the records appended (same schema, codec and sync marker). */
export declare function appendContainer<T = any>(
  bytes: Uint8Array,
  records: Iterable<T>,
  options?: Omit<WriteOptions, 'appendTo' | 'codec' | 'syncMarker' | 'metadata'>,
): Uint8Array;
/** Blocks of a container file, read incrementally from any source. */
export declare function readBlocks<T = any>(source: ByteSource, options?: ReadOptions): AsyncGenerator<ContainerBlock<T>>;
/** Records of a container file, read incrementally from any source. */
export declare function readRecords<T = any>(source: ByteSource, options?: ReadOptions): AsyncGenerator<T>;
/** Web TransformStream: container bytes in, records (or blocks) out. */
export declare function createDecoderStream<T = any>(options?: ReadOptions & { blocks?: false }): TransformStream<Uint8Array, T>;
export declare function createDecoderStream<T = any>(
  options: ReadOptions & { blocks: true },
): TransformStream<Uint8Array, ContainerBlock<T>>;
/** Web TransformStream: records in, container bytes out. */
export declare function createEncoderStream<T = any>(schema: Schema | Type, options?: WriteOptions): TransformStream<T, Uint8Array>;

/** Incremental reader: push() bytes in any chunks, pull blocks with nextBlock(). */
export declare class ContainerDecoder<T = any> {
  constructor(options?: ReadOptions);
  readonly header: ContainerHeader | null;
  readonly type: Type | null;
  readonly done: boolean;
  readonly position: number;
  push(chunk: Uint8Array | ArrayBuffer | ArrayBufferView): void;
  end(): void;
  /** The next block, or null when more input is needed or the file is done. */
  nextBlock(): ContainerBlock<T> | null;
  dispose(): void;
  [Symbol.dispose](): void;
}

/** Incremental writer: each call returns the bytes that became ready. */
export declare class ContainerEncoder<T = any> {
  constructor(schema: Schema | Type | null, options?: WriteOptions);
  readonly type: Type;
  write(record: T): Uint8Array;
  writeMany(records: Iterable<T>): Uint8Array;
  flush(): Uint8Array;
  end(): Uint8Array;
  dispose(): void;
  [Symbol.dispose](): void;
}

// Node only (dist/index.mjs, dist/index.cjs).
/** Node Transform: container bytes in, records out; emits 'metadata' (type, codec, header). */
export declare class BlockDecoder extends Transform {
  constructor(options?: ReadOptions & { blocks?: boolean });
}
/** Node Transform: records in, container bytes out. */
export declare class BlockEncoder extends Transform {
  constructor(schema: Schema | Type, options?: WriteOptions);
}
export declare function createFileDecoder(path: string, options?: ReadOptions): Transform;
export declare function createFileEncoder(path: string, schema: Schema | Type, options?: WriteOptions): Transform;
export declare function appendToFile<T = any>(path: string, records: Iterable<T>, options?: Omit<WriteOptions, 'appendTo'>): void;

/** A compiled (writer, reader) schema resolution. */
export interface Resolver {
  readonly readerType: Type;
  readonly writerType: Type;
  dispose(): void;
  [Symbol.dispose](): void;
}

export type ErrorCode =
  | 'JSON_SYNTAX'
  | 'SCHEMA_PARSE'
  | 'TRUNCATED'
  | 'INVALID_DATA'
  | 'INVALID_UTF8'
  | 'TRAILING_DATA'
  | 'LIMIT_EXCEEDED'
  | 'INVALID_VALUE'
  | 'INCOMPATIBLE'
  | 'UNSUPPORTED'
  | 'INTERNAL';

export declare class AvroError extends Error {
  readonly code: ErrorCode;
  /** Datum or schema path of the problem, e.g. ".address.zip" or "[3]". */
  readonly path: string;
  /** Byte offset in the input, or -1. */
  readonly offset: number;
  /** The message without path and offset. */
  readonly reason: string;
}
export declare class SchemaError extends AvroError {}
export declare class DecodeError extends AvroError {}
export declare class ValueError extends AvroError {}
export declare class LimitError extends AvroError {}
export declare class ResolutionError extends AvroError {}
export declare class UnsupportedError extends AvroError {
  /** Set when a single-object frame names an unknown fingerprint (hex, frame byte order). */
  readonly fingerprint?: string;
  /** Set when the writer schema of a Confluent frame is unavailable. */
  readonly schemaId?: number;
}

export declare class PreciseDate extends Date {
  constructor(millis: number, nanos?: number);
  getMicroseconds(): number;
  getNanoseconds(): number;
  readonly subMillisecondNanos: number;
  getFullTime(): bigint;
}

// ---- Message framing (single-object encoding, Confluent wire format) ----

/** Bytes of one framed message. */
export type MessageBytes = Uint8Array | ArrayBuffer | ArrayBufferView;

/** Frames one value: C3 01 + the CRC-64-AVRO fingerprint (8 bytes, little endian) + type.toBuffer(value). */
export declare function encodeSingleObject(type: Type | Schema, value: unknown): Uint8Array;
/**
 * Decodes a single-object frame with the writer Type found by its fingerprint in
 * the store (or the one Type given). With readerSchema, the value is resolved to
 * it. Unknown fingerprint: UnsupportedError (code 'UNSUPPORTED', .fingerprint hex).
 */
export declare function decodeSingleObject<T = any>(
  bytes: MessageBytes,
  storeOrType: SchemaStore | Type,
  options?: { readerSchema?: Schema | Type },
): T;
/** Whether the bytes start with a complete single-object header. */
export declare function isSingleObject(bytes: unknown): boolean;
/** The 8 fingerprint bytes of a single-object frame (as in the frame: little endian). */
export declare function singleObjectFingerprint(bytes: MessageBytes): Uint8Array;

/** Writer schemas by CRC-64-AVRO fingerprint; a later schema with the same fingerprint replaces the earlier. */
export declare class SchemaStore {
  constructor(schemas?: Iterable<Schema | Type>, options?: { typeOptions?: TypeOptions });
  /** Adds a schema and returns its Type. */
  add(schema: Schema | Type): Type;
  /** By the 8 fingerprint bytes or their 16 hex digits (in frame order, i.e. hex of type.fingerprint()). */
  get(fingerprint: Uint8Array | ArrayBuffer | ArrayBufferView | string): Type | undefined;
  readonly size: number;
}

/** Frames one value: 00 + schemaId (4 bytes, big endian) + type.toBuffer(value). */
export declare function encodeConfluent(schemaId: number, type: Type | Schema, value: unknown): Uint8Array;
/** The schema id of a Confluent frame. */
export declare function confluentSchemaId(bytes: MessageBytes): number;

export interface ConfluentDecoderOptions {
  /** The writer schema for an id (e.g. from a schema registry), or a Promise of it; null/undefined: unknown id. */
  lookup: (id: number) => Schema | Type | null | undefined | PromiseLike<Schema | Type | null | undefined>;
  /** Values are resolved from each writer schema to this one. */
  readerSchema?: Schema | Type;
  /** Used to parse the looked-up schemas and readerSchema. */
  typeOptions?: TypeOptions;
  /** Writer schemas kept (least recently used out first). Default 1000. */
  cacheSize?: number;
}

export interface ConfluentDecoder<T = any> {
  decode(bytes: MessageBytes): Promise<T>;
  /** Throws UnsupportedError if the id's schema is not cached and lookup is asynchronous. */
  decodeSync(bytes: MessageBytes): T;
  /** Looks each distinct id up once; rejects on the first failure (error path starts with "[index]"). */
  decodeMany(messages: Iterable<MessageBytes>): Promise<T[]>;
}

export declare function createConfluentDecoder<T = any>(options: ConfluentDecoderOptions): ConfluentDecoder<T>;

// ---- Schema compatibility ----

export type IncompatibilityKind =
  | 'NAME_MISMATCH'
  | 'FIXED_SIZE_MISMATCH'
  | 'MISSING_ENUM_SYMBOLS'
  | 'READER_FIELD_MISSING_DEFAULT_VALUE'
  | 'TYPE_MISMATCH'
  | 'MISSING_UNION_BRANCH';

export interface Incompatibility {
  kind: IncompatibilityKind;
  /** Java's location: '/' or e.g. '/fields/1/type/size' (reader field indexes, writer union branch indexes). */
  path: string;
  /** The rule that failed, naming the types, fields or symbols. */
  message: string;
}

export type CompatibilityMode =
  | 'NONE'
  | 'BACKWARD'
  | 'BACKWARD_TRANSITIVE'
  | 'FORWARD'
  | 'FORWARD_TRANSITIVE'
  | 'FULL'
  | 'FULL_TRANSITIVE';

export interface ModeIncompatibility extends Incompatibility {
  /** Index into previousSchemas. */
  previous: number;
  /** 'backward': the new schema was the reader; 'forward': the previous schema was. */
  direction: 'backward' | 'forward';
}

/** Every reason data written with `writer` cannot be read with `reader` (Java's SchemaCompatibility); empty when compatible. Throws SchemaError for an invalid schema. */
export declare function checkCompatibility(reader: Schema | Type, writer: Schema | Type): Incompatibility[];

/** Confluent Schema Registry check of `schema` against `previousSchemas` (oldest first). Mode defaults to 'BACKWARD'; lowercase accepted. */
export declare function checkCompatibilityMode(
  schema: Schema | Type,
  previousSchemas: Iterable<Schema | Type>,
  mode?: CompatibilityMode | Lowercase<CompatibilityMode>,
): { compatible: boolean; incompatibilities: ModeIncompatibility[] };
