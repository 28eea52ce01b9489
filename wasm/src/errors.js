// The one error seam for JavaScript: every failure the core reports becomes
// an AvroError (or a subclass by kind) carrying .code, .path and .offset.

export class AvroError extends Error {
  constructor(message, { code = 'INTERNAL', path = '', offset = -1 } = {}) {
    super(describe(message, path, offset));
    this.name = new.target.name;
    this.code = code;
    this.path = path;
    this.offset = offset;
    this.reason = message;
  }
}
/** The schema is not valid Avro (or not valid JSON). */
export class SchemaError extends AvroError {}
/** Bytes (or Avro JSON text) are not a valid encoding for the schema. */
export class DecodeError extends AvroError {}
/** A value does not match the schema it is being encoded with. */
export class ValueError extends AvroError {}
/** A configured limit (nesting depth, length, item count) was exceeded. */
export class LimitError extends AvroError {}
/** Reader and writer schemas cannot be resolved. */
export class ResolutionError extends AvroError {}
/** Valid Avro that this build cannot represent (e.g. a date outside Date's range). */
export class UnsupportedError extends AvroError {}

function describe(message, path, offset) {
  let text = message;
  if (path) text += ` at ${path}`;
  if (offset >= 0) text += ` (byte ${offset})`;
  return text;
}

const CLASS_BY_CODE = {
  SCHEMA_PARSE: SchemaError,
  TRUNCATED: DecodeError,
  INVALID_DATA: DecodeError,
  TRAILING_DATA: DecodeError,
  INVALID_VALUE: ValueError,
  LIMIT_EXCEEDED: LimitError,
  INCOMPATIBLE: ResolutionError,
  UNSUPPORTED: UnsupportedError,
};

/**
 * Builds the error for a core failure. `context` decides the class of codes
 * whose meaning depends on what was being done ('schema', 'decode', 'encode').
 */
export function errorFromCore(info, codeNames, context) {
  const code = codeNames[info.code] ?? 'INTERNAL';
  let Class = CLASS_BY_CODE[code] ?? AvroError;
  if (code === 'JSON_SYNTAX') Class = context === 'schema' ? SchemaError : DecodeError;
  if (code === 'INVALID_UTF8') Class = context === 'encode' ? ValueError : DecodeError;
  return new Class(info.message, { code, path: info.path, offset: info.offset });
}
