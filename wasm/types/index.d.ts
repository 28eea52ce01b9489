// Type declarations for avro-wasm. A schema written as a literal (inline in
// Type.forSchema, or `as const`) gives its values a precise type: records,
// enums, unions (wrapped or not, as the runtime decides), named references,
// logical types and the Type options are all followed. Any other schema
// (JSON text, a non-literal object) gives `unknown` values.

/// <reference lib="esnext.disposable" />
import type { Transform } from 'node:stream'; // @node-only (dist/browser.d.ts drops these lines)

/** A schema: JSON text or a primitive/defined type name, an object, or an array (a union). */
export type Schema = string | SchemaObject | readonly Schema[];
export interface SchemaObject {
  readonly [key: string]: unknown;
}

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
  /** Maximum items one array or map block may declare when decoding (default 2^24). */
  maxBlockItems?: number;
  /** Maximum decoded output of one call (a datum, a batch or a container block), in bytes (default 256 MiB). */
  maxDecodedSize?: number;
  /**
   * Generate record readers and writers with `new Function` (faster objects
   * and field reads). Default: true in Node, false in browsers (no CSP
   * report); where code generation is refused, closures do the same work.
   */
  codegen?: boolean;
}

export type FingerprintAlgorithm = 'CRC-64-AVRO' | 'MD5' | 'SHA-256';

/** Bytes in any form the decoders accept. */
export type Bytes = Uint8Array | ArrayBuffer | ArrayBufferView;

/** The decoded value of a `duration`. */
export interface Duration {
  months: number;
  days: number;
  milliseconds: number;
}

// ---- Values of a schema, computed from its literal type ----

/** The type of values `Type.forSchema(schema, options)` decodes to (`unknown` for a non-literal schema). */
export type InferValue<S, O = {}> = Value<S, Registry<S>, '', O, 'out'>;
/** The type of values `Type.forSchema(schema, options).toBuffer` accepts: fields with defaults may be left out, longs take bigints, dates take numbers, ... */
export type InferInput<S, O = {}> = Value<S, Registry<S>, '', O, 'in'>;
/** The decoded value type of a Type. */
export type TypeValue<T> = T extends Type<infer V, any> ? V : never;
/** The value type a Type's toBuffer accepts. */
export type TypeInput<T> = T extends Type<any, infer I> ? I : never;

type PrimitiveName = 'null' | 'boolean' | 'int' | 'long' | 'float' | 'double' | 'bytes' | 'string';
/** 'out': as decoded. 'in': as toBuffer accepts. */
type Mode = 'in' | 'out';
type Dotted = `${string}.${string}`;

// Each option as the set of settings it allows: one for literal options, a
// union for options typed TypeOptions. (Tested with keyof, not `extends
// { key?: ... }`: an options object without that key would fail the weak
// type check.)
type Setting<O, K extends string, Default> = K extends keyof O
  ? Exclude<O[K], undefined> | (undefined extends O[K] ? Default : never)
  : Default;
type LogicalFlag<O> = Setting<O, 'logicalTypes', true>;
type LongOut<O> = 'auto' extends Setting<O, 'longs', 'auto'> ? number | bigint : bigint;
type MapOut<V, O> =
  Setting<O, 'maps', 'object'> extends infer M ? (M extends 'Map' ? Map<string, V> : Record<string, V>) : never;
type WrapMode<O> = Setting<O, 'wrapUnions', 'auto'>;

// Named types: every definition in the schema by full name, with the
// namespace it was defined in (names inside it resolve against that).
type SpaceOf<N extends string> = N extends `${infer A}.${infer B}` ? (B extends Dotted ? `${A}.${SpaceOf<B>}` : A) : '';
type ShortName<N extends string> = N extends `${string}.${infer B}` ? ShortName<B> : N;
type FullNameOf<S, NS extends string> = S extends { name: infer N extends string }
  ? N extends Dotted
    ? N
    : S extends { namespace: infer X extends string }
      ? X extends ''
        ? N
        : `${X}.${N}`
      : NS extends ''
        ? N
        : `${NS}.${N}`
  : never;
type InnerSpace<S, NS extends string> = SpaceOf<FullNameOf<S, NS>>;
type NamedEntry<S, NS extends string> = { name: FullNameOf<S, NS>; def: S; space: NS };
type IsAny<S> = 0 extends 1 & S ? true : false;
type Entries<S, NS extends string> =
  IsAny<S> extends true
    ? never
    : S extends string
      ? never
      : S extends readonly unknown[]
        ? number extends S['length']
          ? never // not a literal union (the recursive Schema type itself)
          : Entries<S[number], NS>
        : S extends { type: 'record' | 'error'; fields: readonly (infer F)[] }
          ? NamedEntry<S, NS> | FieldEntries<F, InnerSpace<S, NS>>
          : S extends { type: 'enum' | 'fixed' }
            ? NamedEntry<S, NS>
            : S extends { type: 'array'; items: infer I }
              ? Entries<I, NS>
              : S extends { type: 'map'; values: infer X }
                ? Entries<X, NS>
                : S extends { type: infer T extends object }
                  ? Entries<T, NS>
                  : never;
type FieldEntries<F, NS extends string> = F extends { type: infer T } ? Entries<T, NS> : never;
type Registry<S> = { [E in Entries<S, ''> as E['name']]: E };
type Resolve<R, N extends string, NS extends string> = N extends Dotted
  ? N extends keyof R
    ? R[N]
    : never
  : `${NS}.${N}` extends keyof R
    ? R[`${NS}.${N}`]
    : N extends keyof R
      ? R[N]
      : never;

// The value of schema S. Recursive schemas give recursive types: record
// properties are evaluated lazily, so a linked list types as deep as it is used.
type Value<S, R, NS extends string, O, M extends Mode> =
  IsAny<S> extends true
    ? unknown
    : S extends string
      ? S extends PrimitiveName
        ? PrimitiveValue<S, O, M>
        : Resolve<R, S, NS> extends { def: infer D; space: infer P extends string }
          ? Value<D, R, P, O, M>
          : unknown
      : S extends readonly unknown[]
        ? UnionValue<S, R, NS, O, M>
        : S extends { type: infer T }
          ? T extends 'record' | 'error'
            ? RecordValue<S, R, InnerSpace<S, NS>, O, M>
            : T extends 'enum'
              ? S extends { symbols: readonly (infer Symbol extends string)[] }
                ? Symbol
                : string
              : T extends 'array'
                ? S extends { items: infer I }
                  ? M extends 'out'
                    ? Value<I, R, NS, O, M>[]
                    : readonly Value<I, R, NS, O, M>[]
                  : unknown
                : T extends 'map'
                  ? S extends { values: infer X }
                    ? M extends 'out'
                      ? MapOut<Value<X, R, NS, O, M>, O>
                      : Readonly<Record<string, Value<X, R, NS, O, M>>> | ReadonlyMap<string, Value<X, R, NS, O, M>>
                    : unknown
                  : T extends 'fixed' | PrimitiveName
                    ? AnnotatedValue<S, T, O, M>
                    : T extends string | object
                      ? Value<T, R, NS, O, M>
                      : unknown
          : unknown;

type PrimitiveValue<P, O, M extends Mode> = P extends 'null'
  ? null
  : P extends 'boolean'
    ? boolean
    : P extends 'int' | 'float' | 'double'
      ? number
      : P extends 'long'
        ? M extends 'out'
          ? LongOut<O>
          : number | bigint
        : P extends 'bytes' | 'fixed'
          ? Uint8Array
          : P extends 'string'
            ? string
            : never;

// A primitive or fixed type, maybe with a logical type. Logical types the
// runtime does not map (time-millis, time-micros, unknown or misplaced ones)
// keep the underlying value.
type AnnotatedValue<S, Base, O, M extends Mode> = S extends { logicalType: infer L }
  ? | (true extends LogicalFlag<O> ? LogicalValue<L, S, Base, O, M> : never)
    | (false extends LogicalFlag<O> ? PrimitiveValue<Base, O, M> : never)
  : PrimitiveValue<Base, O, M>;
type LogicalValue<L, S, Base, O, M extends Mode> = L extends 'decimal'
  ? Base extends 'bytes' | 'fixed'
    ? S extends { precision: number }
      ? DecimalValue<M>
      : Uint8Array
    : PrimitiveValue<Base, O, M>
  : L extends 'big-decimal'
    ? Base extends 'bytes'
      ? DecimalValue<M>
      : PrimitiveValue<Base, O, M>
    : L extends 'uuid'
      ? Base extends 'string'
        ? string
        : Base extends 'fixed'
          ? S extends { size: 16 }
            ? string
            : Uint8Array
          : PrimitiveValue<Base, O, M>
      : L extends 'date'
        ? Base extends 'int'
          ? M extends 'out'
            ? Date
            : Date | number
          : PrimitiveValue<Base, O, M>
        : L extends 'timestamp-millis' | 'local-timestamp-millis'
          ? Base extends 'long'
            ? M extends 'out'
              ? Date
              : Date | number | bigint
            : PrimitiveValue<Base, O, M>
          : L extends 'timestamp-micros' | 'local-timestamp-micros' | 'timestamp-nanos' | 'local-timestamp-nanos'
            ? Base extends 'long'
              ? M extends 'out'
                ? PreciseDate
                : Date | number | bigint
              : PrimitiveValue<Base, O, M>
            : L extends 'duration'
              ? Base extends 'fixed'
                ? S extends { size: 12 }
                  ? M extends 'out'
                    ? Duration
                    : Partial<Duration>
                  : Uint8Array
                : PrimitiveValue<Base, O, M>
              : PrimitiveValue<Base, O, M>;
/** Decimals decode to exact text ("-123.45"); encoding also takes numbers and bigints. */
type DecimalValue<M extends Mode> = M extends 'out' ? string : string | number | bigint;

type Simplify<T> = { [K in keyof T]: T[K] } & {};
type FieldName<F> = F extends { name: infer N extends string } ? N : never;
type FieldValue<F, R, NS extends string, O, M extends Mode> = F extends { type: infer T }
  ? Value<T, R, NS, O, M>
  : never;
type RecordValue<S, R, NS extends string, O, M extends Mode> = S extends { fields: readonly (infer F)[] }
  ? M extends 'out'
    ? { [K in F as FieldName<K>]: FieldValue<K, R, NS, O, M> }
    : Simplify<
        { [K in F as K extends { default: unknown } ? never : FieldName<K>]: FieldValue<K, R, NS, O, M> } & {
          [K in F as K extends { default: unknown } ? FieldName<K> : never]?: FieldValue<K, R, NS, O, M>;
        }
      >
  : unknown;

// Unions: bare values when every branch is a different kind of JS value
// (wrapUnions 'auto'), else { "<branch name>": value } with null bare, as
// the runtime (unions.js) decides.
type UnionValue<S extends readonly unknown[], R, NS extends string, O, M extends Mode> = number extends S['length']
  ? unknown
  : UnionForm<S, R, NS, O> extends infer F
    ? | ('wrapped' extends F ? WrappedBranch<S[number], R, NS, O, M> : never)
      | ('bare' extends F ? Value<S[number], R, NS, O, M> : never)
      | ('unknown' extends F ? unknown : never)
    : never;
type UnionForm<S extends readonly unknown[], R, NS extends string, O> =
  WrapMode<O> extends infer W
    ? W extends 'always'
      ? 'wrapped'
      : W extends 'never'
        ? 'bare'
        : LogicalFlag<O> extends infer L
          ? L extends boolean
            ? AutoForm<{ -readonly [K in keyof S]: Category<S[K], R, NS, L> }>
            : never
          : never
    : never;
type AutoForm<C extends readonly unknown[]> = 'unknown' extends C[number]
  ? 'unknown'
  : HasDuplicate<C> extends true
    ? 'wrapped'
    : 'bare';
type HasDuplicate<C extends readonly unknown[], Seen = never> = C extends readonly [infer H, ...infer Rest]
  ? [H] extends [Seen]
    ? true
    : HasDuplicate<Rest, Seen | H>
  : false;
// The kind of JS value a branch decodes to (unions.js jsCategory).
type Category<S, R, NS extends string, L> = S extends string
  ? S extends PrimitiveName
    ? BaseCategory<S>
    : Resolve<R, S, NS> extends { def: infer D; space: infer P extends string }
      ? Category<D, R, P, L>
      : 'unknown'
  : S extends { type: infer T }
    ? T extends 'record' | 'error' | 'map'
      ? 'object'
      : T extends 'array'
        ? 'array'
        : T extends 'enum'
          ? 'string'
          : T extends 'fixed' | PrimitiveName
            ? L extends true
              ? S extends { logicalType: infer LT }
                ? LogicalCategory<LT, S, T>
                : BaseCategory<T>
              : BaseCategory<T>
            : T extends string | object
              ? Category<T, R, NS, L>
              : 'unknown'
    : 'unknown';
type BaseCategory<P> = P extends 'null'
  ? 'null'
  : P extends 'boolean'
    ? 'boolean'
    : P extends 'int' | 'long' | 'float' | 'double'
      ? 'number'
      : P extends 'string'
        ? 'string'
        : 'bytes';
type LogicalCategory<L, S, Base> = L extends 'decimal'
  ? Base extends 'bytes' | 'fixed'
    ? S extends { precision: number }
      ? 'string'
      : 'bytes'
    : BaseCategory<Base>
  : L extends 'big-decimal'
    ? Base extends 'bytes'
      ? 'string'
      : BaseCategory<Base>
    : L extends 'uuid'
      ? Base extends 'string'
        ? 'string'
        : S extends { size: 16 }
          ? 'string'
          : BaseCategory<Base>
      : L extends 'date'
        ? Base extends 'int'
          ? 'date'
          : BaseCategory<Base>
        : L extends
              | 'timestamp-millis'
              | 'local-timestamp-millis'
              | 'timestamp-micros'
              | 'local-timestamp-micros'
              | 'timestamp-nanos'
              | 'local-timestamp-nanos'
          ? Base extends 'long'
            ? 'date'
            : BaseCategory<Base>
          : L extends 'duration'
            ? Base extends 'fixed'
              ? S extends { size: 12 }
                ? 'object'
                : 'bytes'
              : BaseCategory<Base>
            : BaseCategory<Base>;
// The name a wrapped branch goes by: the full name of a named type, else its type name.
type BranchName<B, R, NS extends string> = B extends PrimitiveName
  ? B
  : B extends string
    ? Resolve<R, B, NS> extends { name: infer N extends string }
      ? N
      : never
    : B extends { type: 'record' | 'error' | 'enum' | 'fixed' }
      ? FullNameOf<B, NS>
      : B extends { type: infer T extends 'array' | 'map' | PrimitiveName }
        ? T
        : B extends { type: infer T }
          ? BranchName<T, R, NS>
          : never;
// Decoding gives the full name; encoding also takes the short name of a named type.
type WrappedBranch<B, R, NS extends string, O, M extends Mode> = B extends 'null' | { type: 'null' }
  ? null
  : BranchName<B, R, NS> extends infer N extends string
    ? M extends 'out'
      ? { [K in N]: Value<B, R, NS, O, M> }
      : N | ShortName<N> extends infer K extends string
        ? K extends string
          ? { [P in K]: Value<B, R, NS, O, M> }
          : never
        : never
    : never;

// ---- Values of Type.forValue ----

/** The decoded value type of Type.forValue(value): an approximation (see Type.forValue). */
export type InferredValue<V, O = {}> = V extends null
  ? null
  : V extends boolean
    ? boolean
    : V extends string
      ? string
      : V extends number
        ? Setting<O, 'longs', 'auto'> extends 'auto'
          ? number
          : number | bigint
        : V extends bigint
          ? LongOut<O>
          : V extends PreciseDate
            ? PreciseDate
            : V extends Date
              ? Date
              : V extends Uint8Array
                ? Uint8Array
                : V extends readonly (infer E)[]
                  ? InferredValue<E, O>[]
                  : V extends ReadonlyMap<string, infer E>
                    ? MapOut<InferredValue<E, O>, O>
                    : V extends object
                      ? {
                          -readonly [K in keyof V]-?:
                            InferredValue<Exclude<V[K], undefined>, O> | (undefined extends V[K] ? null : never);
                        }
                      : unknown;

export interface CloneOptions {
  /** avsc's clone option: a bare value of a wrapped union goes to the first branch that accepts it. */
  wrapUnions?: boolean;
}

/** T: the values decodes give; I: the values encodes accept (T is always one of them). */
export declare class Type<T = unknown, I = T> {
  /** A Type is returned as it is. */
  static forSchema<T, I>(schema: Type<T, I>, options?: TypeOptions): Type<T, I>;
  /** Parses a schema; a literal schema (inline, or `as const`) types the values. */
  static forSchema<const S extends Schema, const O extends TypeOptions = {}>(
    schema: S,
    options?: O,
  ): Type<InferValue<S, O>, InferInput<S, O>>;
  /**
   * A Type for values like `value` (avsc's Type.forValue where the value mappings agree): null,
   * boolean, string; Uint8Array -> bytes; 32-bit integers -> int, other safe integers and bigints ->
   * long, other numbers -> double; Date -> timestamp-millis, PreciseDate -> timestamp-nanos; arrays
   * -> array of the combined item types (empty: array of null); Map, and objects with keys that are
   * not Avro names -> map; other objects -> records named Record, Record2, ... (undefined properties
   * left out). Combining: int < long < double; records merge field by field, a field some lack
   * becoming ['null', T] with default null; records with maps become maps; the rest become a union.
   * The static value type is an approximation of that (records in an array stay a TS union).
   */
  static forValue<V, const O extends TypeOptions = {}>(
    value: V,
    options?: O,
  ): Type<InferredValue<V, O>, InferredValue<V, O> | V>;
  readonly typeName: string;
  readonly name: string | undefined;
  toBuffer(value: I): Uint8Array;
  /** Encodes many values in one call; one Uint8Array per value. */
  toBuffers(values: readonly I[]): Uint8Array[];
  /**
   * Decodes exactly one datum. With a resolver from createResolver, the bytes were written with the
   * resolver's writer schema. noCheck: bytes after the datum are not checked.
   */
  fromBuffer(bytes: Bytes, resolver?: Resolver<T, I>, noCheck?: boolean): T;
  fromBuffer(bytes: Bytes, noCheck: boolean): T;
  /** Decodes many datums in one call; an error's path starts with the datum's index. */
  fromBuffers(buffers: ArrayLike<Bytes>, resolver?: Resolver<T, I>, noCheck?: boolean): T[];
  fromBuffers(buffers: ArrayLike<Bytes>, noCheck: boolean): T[];
  /** One datum at `pos`; offset -1 (and no value) when the bytes end first. */
  decode(
    bytes: Bytes,
    pos?: number,
    resolver?: Resolver<T, I>,
  ): { value: T; offset: number } | { value: undefined; offset: -1 };
  /** Reads data written with `writer` as this type (spec "Schema Resolution"); throws ResolutionError when impossible. */
  createResolver(writer: Type<any, any> | Schema): Resolver<T, I>;
  /** Whether toBuffer would accept the value; errorHook hears about the first mismatch and its path. */
  isValid(
    value: unknown,
    options?: { errorHook?: (path: string[], value: unknown, type: Type<T, I>, message: string) => void },
  ): value is I;
  /** With a value: its Avro JSON encoding. Without: a description of the type. */
  toString(value?: I): string;
  fromString(json: string): T;
  /** A deep copy of a valid value in decoded form (defaults filled in); throws ValueError with the path otherwise. */
  clone(value: I, options?: CloneOptions & { wrapUnions?: false }): T;
  clone(value: unknown, options: CloneOptions): T;
  /** -1, 0 or 1 by the spec's sort order (record field `order`s honoured); throws UnsupportedError on maps. */
  compare(a: I, b: I): -1 | 0 | 1;
  /** compare(a, b) === 0, with maps compared by their entries. */
  equals(a: I, b: I): boolean;
  /** compare() of the values of two encodings. */
  compareBuffers(bytes1: Bytes, bytes2: Bytes): -1 | 0 | 1;
  /** A random valid value in this Type's JS form; the same seed gives an equal value. */
  random(options?: { seed?: number | bigint | string }): T;
  schema(options?: { canonical?: boolean }): any;
  canonicalForm(): string;
  fingerprint(algorithm?: FingerprintAlgorithm): Uint8Array;
  toJSON(): any;
  dispose(): void;
  [Symbol.dispose](): void;
}

/** The module's linear memory size and the bytes live handles hold (for leak checks). */
export declare function memoryUsage(): { wasmMemory: number; heapInUse: number };

// ---- Columnar decoding ----

/** One leaf field's values in Apache Arrow's layout. */
export interface Column {
  /** Dotted field path from the root record: "id", "address.city". */
  readonly path: string;
  readonly type: 'null' | 'bool' | 'int32' | 'int64' | 'float32' | 'float64' | 'utf8' | 'binary' | 'fixed' | 'enum';
  /** Rows (records). */
  readonly length: number;
  readonly nullCount: number;
  /** bool: bit-packed (LSB first); int32/enum: Int32Array; int64: BigInt64Array; utf8/binary/fixed: the bytes. */
  readonly values: Uint8Array | Int32Array | BigInt64Array | Float32Array | Float64Array | null;
  /** utf8/binary: byte offsets of each value (length + 1, or items + 1 in a list). */
  readonly offsets?: Int32Array;
  /** Array fields: offsets of each row's items into the values (length + 1). */
  readonly listOffsets?: Int32Array;
  /** Nullable columns: one bit per row, 1 = present. */
  readonly validity?: Uint8Array;
  /** enum: the symbols the int32 values index. */
  readonly symbols?: readonly string[];
  /** fixed: bytes per value. */
  readonly width?: number;
  /** The field's logical type (values are the underlying type's). */
  readonly logicalType?: string;
  readonly precision?: number;
  readonly scale?: number;
}

export interface DecodedColumns {
  readonly numRows: number;
  /** The file's (writer) schema. */
  readonly schema: unknown;
  readonly columns: readonly Column[];
  /** Fields without a columnar layout (maps, general unions, ...), not decoded. */
  readonly skipped: readonly string[];
}

export interface ColumnOptions {
  /** Field paths to decode (a record path takes all its leaves); default: every field with a layout. */
  fields?: readonly string[];
  maxDepth?: number;
  maxLength?: number;
}

/** A container file's fields as columns; a Promise for sources other than bytes. */
export declare function decodeColumns(input: Uint8Array | ArrayBuffer, options?: ColumnOptions): DecodedColumns;
export declare function decodeColumns(
  input: Blob | ReadableStream<Uint8Array> | AsyncIterable<Uint8Array> | string,
  options?: ColumnOptions,
): Promise<DecodedColumns>;

/** An apache-arrow Table sharing decodeColumns' buffers; pass the apache-arrow module. */
export declare function toArrow(decoded: DecodedColumns, arrow: unknown): any;

// ---- Object container files ----

export type Codec = 'null' | 'deflate' | 'snappy' | 'zstandard' | 'bzip2' | 'xz';

export interface ContainerLimits {
  /** Largest header (metadata incl. the schema) in bytes. Default 64 MiB. */
  maxHeaderSize?: number;
  /** Largest compressed block in bytes. Default 64 MiB. */
  maxBlockSize?: number;
  /** Largest decompressed block in bytes (stops decompression bombs). Default 64 MiB. */
  maxDecompressedBlockSize?: number;
  /**
   * Largest decompressed/compressed size ratio of a block, applied once a block decompresses past 1 MiB
   * (a few KB cannot expand to gigabytes). Default 1000; 0 turns it off.
   */
  maxDecompressionRatio?: number;
  /** Most records one block may declare. Default 2^24. */
  maxBlockRecords?: number;
}

export interface ReadOptions extends TypeOptions, ContainerLimits {
  /** Resolve records to this schema (the file's schema is the writer's). A Type keeps its own options. */
  readerSchema?: Schema | Type<any, any>;
}

/** Read options whose readerSchema types the records. */
type TypedReadOptions = ReadOptions & { readerSchema: Schema | Type<any, any> };
/** The records' type: the readerSchema's values (a Type keeps its own options; a schema is parsed with these). */
type ReaderValue<O> = O extends { readerSchema: infer R }
  ? R extends Type<infer T, any>
    ? T
    : R extends Schema
      ? InferValue<R, O>
      : unknown
  : unknown;

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

export interface ContainerBlock<T = unknown> {
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

export interface ContainerContents<T = unknown> {
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

/**
 * Reads a whole container file held in memory. With bestEffort, data errors end reading instead of
 * throwing. Records are typed by a readerSchema, else `unknown` (or the T given).
 */
export declare function readContainer<const O extends TypedReadOptions & { bestEffort?: boolean }>(
  bytes: Bytes,
  options: O,
): ContainerContents<ReaderValue<O>>;
export declare function readContainer<T = unknown>(
  bytes: Bytes,
  options?: ReadOptions & { bestEffort?: boolean },
): ContainerContents<T>;
/** Writes records into a complete container file. */
export declare function writeContainer<I>(
  records: Iterable<I>,
  schema: Type<any, I>,
  options?: WriteOptions,
): Uint8Array;
export declare function writeContainer<const S extends Schema, const O extends WriteOptions = {}>(
  records: Iterable<InferInput<S, O>>,
  schema: S,
  options?: O,
): Uint8Array;
/** Parses just the header from the first bytes of a file. */
export declare function readHeader(
  bytes: Uint8Array | ArrayBuffer | ArrayBufferView,
  options?: ContainerLimits,
): ContainerHeader;
/** Returns the file with the records appended (same schema, codec and sync marker). */
export declare function appendContainer<T = unknown>(
  bytes: Uint8Array,
  records: Iterable<T>,
  options?: Omit<WriteOptions, 'appendTo' | 'codec' | 'syncMarker' | 'metadata'>,
): Uint8Array;
/** Blocks of a container file, read incrementally from any source. */
export declare function readBlocks<const O extends TypedReadOptions>(
  source: ByteSource,
  options: O,
): AsyncGenerator<ContainerBlock<ReaderValue<O>>>;
export declare function readBlocks<T = unknown>(
  source: ByteSource,
  options?: ReadOptions,
): AsyncGenerator<ContainerBlock<T>>;
/** Records of a container file, read incrementally from any source. */
export declare function readRecords<const O extends TypedReadOptions>(
  source: ByteSource,
  options: O,
): AsyncGenerator<ReaderValue<O>>;
export declare function readRecords<T = unknown>(source: ByteSource, options?: ReadOptions): AsyncGenerator<T>;
/** Web TransformStream: container bytes in, records (or blocks) out. */
export declare function createDecoderStream<const O extends TypedReadOptions & { blocks?: false }>(
  options: O,
): TransformStream<Uint8Array, ReaderValue<O>>;
export declare function createDecoderStream<const O extends TypedReadOptions & { blocks: true }>(
  options: O,
): TransformStream<Uint8Array, ContainerBlock<ReaderValue<O>>>;
export declare function createDecoderStream<T = unknown>(
  options?: ReadOptions & { blocks?: false },
): TransformStream<Uint8Array, T>;
export declare function createDecoderStream<T = unknown>(
  options: ReadOptions & { blocks: true },
): TransformStream<Uint8Array, ContainerBlock<T>>;
/** Web TransformStream: records in, container bytes out. */
export declare function createEncoderStream<I>(
  schema: Type<any, I>,
  options?: WriteOptions,
): TransformStream<I, Uint8Array>;
export declare function createEncoderStream<const S extends Schema, const O extends WriteOptions = {}>(
  schema: S,
  options?: O,
): TransformStream<InferInput<S, O>, Uint8Array>;

/** Incremental reader: push() bytes in any chunks, pull blocks with nextBlock(). A readerSchema Type types the records. */
export declare class ContainerDecoder<T = unknown> {
  constructor(options?: Omit<ReadOptions, 'readerSchema'> & { readerSchema?: Type<T, any> | Schema });
  readonly header: ContainerHeader | null;
  readonly type: Type<T> | null;
  readonly done: boolean;
  readonly position: number;
  push(chunk: Uint8Array | ArrayBuffer | ArrayBufferView): void;
  end(): void;
  /** The next block, or null when more input is needed or the file is done. */
  nextBlock(): ContainerBlock<T> | null;
  dispose(): void;
  [Symbol.dispose](): void;
}

/** Incremental writer: each call returns the bytes that became ready. A Type types the records it takes. */
export declare class ContainerEncoder<T = unknown> {
  constructor(schema: Type<any, T> | Schema | null, options?: WriteOptions);
  readonly type: Type<unknown, T>;
  write(record: T): Uint8Array;
  writeMany(records: Iterable<T>): Uint8Array;
  flush(): Uint8Array;
  end(): Uint8Array;
  dispose(): void;
  [Symbol.dispose](): void;
}

// ---- Parallel decoding (DecoderPool) ----

/** What the parallel readers take: the whole file in memory (a Blob is read first). */
export type ParallelInput = Uint8Array | ArrayBuffer | ArrayBufferView | Blob;

export interface DecoderPoolOptions {
  /** Worker count. Default: the number of CPUs, at most 4. */
  workers?: number;
  /**
   * The worker script. Default: dist/parallel-worker.mjs (Node) or dist/parallel-worker-browser.mjs
   * (browsers), next to the bundle that made the pool.
   */
  workerUrl?: string | URL;
}

export interface ParallelOptions {
  /** Bytes of blocks per task. Default: about 4 tasks per worker, each 1 to 16 MiB. */
  rangeSize?: number;
}

/** Parallel read options: readContainer's plus rangeSize. */
export type ParallelReadOptions = ReadOptions & ParallelOptions & { bestEffort?: boolean };

/** Records of consecutive blocks, in file order. */
export interface RecordBatch<T = unknown> {
  records: T[];
  blockCount: number;
  /** 0-based number of the batch's first block in the file. */
  firstBlock: number;
  /** With bestEffort, on the last batch: the error that ended reading. */
  error?: AvroError;
}

/** decodeColumns output per range of blocks, not joined (no copy): `chunks` in file order. */
export interface ChunkedColumns {
  readonly numRows: number;
  readonly schema: unknown;
  readonly skipped: readonly string[];
  readonly chunks: readonly DecodedColumns[];
}

/**
 * Decoder workers (worker_threads in Node, module Web Workers in browsers), started on first use and
 * kept until close(): create one per service, not per file. Results and errors are readContainer's
 * and decodeColumns', in file order. Idle workers do not keep Node running.
 */
export declare class DecoderPool {
  constructor(options?: DecoderPoolOptions);
  /** The number of workers. */
  readonly size: number;
  readContainer<const O extends TypedReadOptions & ParallelReadOptions>(
    input: ParallelInput,
    options: O,
  ): Promise<ContainerContents<ReaderValue<O>>>;
  readContainer<T = unknown>(input: ParallelInput, options?: ParallelReadOptions): Promise<ContainerContents<T>>;
  /** Records in batches (one per range of blocks), at most two ranges per worker decoded ahead. */
  readBatches<const O extends TypedReadOptions & ParallelReadOptions>(
    input: ParallelInput,
    options: O,
  ): AsyncGenerator<RecordBatch<ReaderValue<O>>>;
  readBatches<T = unknown>(input: ParallelInput, options?: ParallelReadOptions): AsyncGenerator<RecordBatch<T>>;
  decodeColumns(
    input: ParallelInput,
    options?: ColumnOptions & ParallelOptions & { chunks?: false },
  ): Promise<DecodedColumns>;
  decodeColumns(
    input: ParallelInput,
    options: ColumnOptions & ParallelOptions & { chunks: true },
  ): Promise<ChunkedColumns>;
  /** Stops the workers; calls still running reject. */
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

/** readContainer on a temporary DecoderPool (options.workers, options.workerUrl). */
export declare function readContainerParallel<const O extends TypedReadOptions & ParallelReadOptions>(
  input: ParallelInput,
  options: O & DecoderPoolOptions,
): Promise<ContainerContents<ReaderValue<O>>>;
export declare function readContainerParallel<T = unknown>(
  input: ParallelInput,
  options?: ParallelReadOptions & DecoderPoolOptions,
): Promise<ContainerContents<T>>;
/** decodeColumns on a temporary DecoderPool (options.workers, options.workerUrl). */
export declare function decodeColumnsParallel(
  input: ParallelInput,
  options?: ColumnOptions & ParallelOptions & DecoderPoolOptions & { chunks?: false },
): Promise<DecodedColumns>;
export declare function decodeColumnsParallel(
  input: ParallelInput,
  options: ColumnOptions & ParallelOptions & DecoderPoolOptions & { chunks: true },
): Promise<ChunkedColumns>;

// @node-only-begin: dist/index.mjs and dist/index.cjs (dist/browser.d.ts has none of it).
/** Node Transform: container bytes in, records out; emits 'metadata' (type, codec, header). */
export declare class BlockDecoder extends Transform {
  constructor(options?: ReadOptions & { blocks?: boolean });
}
/** Node Transform: records in, container bytes out. */
export declare class BlockEncoder extends Transform {
  constructor(schema: Schema | Type<any, any>, options?: WriteOptions);
}
export declare function createFileDecoder(path: string, options?: ReadOptions): Transform;
export declare function createFileEncoder(
  path: string,
  schema: Schema | Type<any, any>,
  options?: WriteOptions,
): Transform;
export declare function appendToFile<T = unknown>(
  path: string,
  records: Iterable<T>,
  options?: Omit<WriteOptions, 'appendTo'>,
): void;
// @node-only-end

/** A compiled (writer, reader) schema resolution. */
export interface Resolver<T = unknown, I = T> {
  readonly readerType: Type<T, I>;
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
export declare function encodeSingleObject<I>(type: Type<any, I>, value: I): Uint8Array;
export declare function encodeSingleObject<const S extends Schema>(schema: S, value: InferInput<S>): Uint8Array;
/**
 * Decodes a single-object frame with the writer Type found by its fingerprint in
 * the store (or the one Type given). With readerSchema, the value is resolved to
 * it (a schema is parsed with the store's typeOptions). Unknown fingerprint:
 * UnsupportedError (code 'UNSUPPORTED', .fingerprint hex).
 */
export declare function decodeSingleObject<T>(
  bytes: MessageBytes,
  storeOrType: SchemaStore | Type<any, any>,
  options: { readerSchema: Type<T, any> },
): T;
export declare function decodeSingleObject<const S extends Schema>(
  bytes: MessageBytes,
  type: Type<any, any>,
  options: { readerSchema: S },
): InferValue<S>;
export declare function decodeSingleObject<T>(
  bytes: MessageBytes,
  type: Type<T, any>,
  options?: { readerSchema?: undefined },
): T;
/** With a store, a readerSchema given as JSON is parsed with the store's typeOptions: pass a Type to type the value. */
export declare function decodeSingleObject<T = unknown>(
  bytes: MessageBytes,
  storeOrType: SchemaStore | Type<any, any>,
  options?: { readerSchema?: Schema | Type<any, any> },
): T;
/** Whether the bytes start with a complete single-object header. */
export declare function isSingleObject(bytes: unknown): boolean;
/** The 8 fingerprint bytes of a single-object frame (as in the frame: little endian). */
export declare function singleObjectFingerprint(bytes: MessageBytes): Uint8Array;

/** Writer schemas by CRC-64-AVRO fingerprint; a later schema with the same fingerprint replaces the earlier. */
export declare class SchemaStore {
  constructor(schemas?: Iterable<Schema | Type<any, any>>, options?: { typeOptions?: TypeOptions });
  /**
   * Adds a schema and returns its Type. A schema given as JSON is parsed with the store's typeOptions,
   * which the declarations do not follow: add a Type to keep its value types.
   */
  add<T, I>(type: Type<T, I>): Type<T, I>;
  add(schema: Schema): Type;
  /** By the 8 fingerprint bytes or their 16 hex digits (in frame order, i.e. hex of type.fingerprint()). */
  get(fingerprint: Bytes | string): Type | undefined;
  readonly size: number;
}

/** Frames one value: 00 + schemaId (4 bytes, big endian) + type.toBuffer(value). */
export declare function encodeConfluent<I>(schemaId: number, type: Type<any, I>, value: I): Uint8Array;
export declare function encodeConfluent<const S extends Schema>(
  schemaId: number,
  schema: S,
  value: InferInput<S>,
): Uint8Array;
/** The schema id of a Confluent frame. */
export declare function confluentSchemaId(bytes: MessageBytes): number;

export interface ConfluentDecoderOptions {
  /** The writer schema for an id (e.g. from a schema registry), or a Promise of it; null/undefined: unknown id. */
  lookup: (
    id: number,
  ) => Schema | Type<any, any> | null | undefined | PromiseLike<Schema | Type<any, any> | null | undefined>;
  /** Values are resolved from each writer schema to this one (and typed by it). */
  readerSchema?: Schema | Type<any, any>;
  /** Used to parse the looked-up schemas and readerSchema. */
  typeOptions?: TypeOptions;
  /** Writer schemas kept (least recently used out first). Default 1000. */
  cacheSize?: number;
}

export interface ConfluentDecoder<T = unknown> {
  decode(bytes: MessageBytes): Promise<T>;
  /** Throws UnsupportedError if the id's schema is not cached and lookup is asynchronous. */
  decodeSync(bytes: MessageBytes): T;
  /** Looks each distinct id up once; rejects on the first failure (error path starts with "[index]"). */
  decodeMany(messages: Iterable<MessageBytes>): Promise<T[]>;
}

/** The decoded values' type: the readerSchema's (a schema is parsed with typeOptions), else unknown. */
type ConfluentValue<O> = O extends { readerSchema: infer R }
  ? R extends Type<infer T, any>
    ? T
    : R extends Schema
      ? InferValue<R, O extends { typeOptions: infer X } ? X : {}>
      : unknown
  : unknown;
export declare function createConfluentDecoder<
  const O extends ConfluentDecoderOptions & { readerSchema: Schema | Type<any, any> },
>(options: O): ConfluentDecoder<ConfluentValue<O>>;
export declare function createConfluentDecoder<T = unknown>(options: ConfluentDecoderOptions): ConfluentDecoder<T>;

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
  'NONE' | 'BACKWARD' | 'BACKWARD_TRANSITIVE' | 'FORWARD' | 'FORWARD_TRANSITIVE' | 'FULL' | 'FULL_TRANSITIVE';

export interface ModeIncompatibility extends Incompatibility {
  /** Index into previousSchemas. */
  previous: number;
  /** 'backward': the new schema was the reader; 'forward': the previous schema was. */
  direction: 'backward' | 'forward';
}

/** Every reason data written with `writer` cannot be read with `reader` (Java's SchemaCompatibility); empty when compatible. Throws SchemaError for an invalid schema. */
export declare function checkCompatibility(
  reader: Schema | Type<any, any>,
  writer: Schema | Type<any, any>,
): Incompatibility[];

/** Confluent Schema Registry check of `schema` against `previousSchemas` (oldest first). Mode defaults to 'BACKWARD'; lowercase accepted. */
export declare function checkCompatibilityMode(
  schema: Schema | Type<any, any>,
  previousSchemas: Iterable<Schema | Type<any, any>>,
  mode?: CompatibilityMode | Lowercase<CompatibilityMode>,
): { compatible: boolean; incompatibilities: ModeIncompatibility[] };
