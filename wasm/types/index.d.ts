// Type declarations for avro-wasm (first version; schema-driven value
// inference arrives with the npm package issue).

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
  fromBuffer(bytes: Uint8Array | ArrayBuffer | ArrayBufferView): any;
  decode(bytes: Uint8Array | ArrayBuffer | ArrayBufferView, pos?: number): { value: any; offset: number };
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
export declare class UnsupportedError extends AvroError {}

export declare class PreciseDate extends Date {
  constructor(millis: number, nanos?: number);
  getMicroseconds(): number;
  getNanoseconds(): number;
  readonly subMillisecondNanos: number;
  getFullTime(): bigint;
}
