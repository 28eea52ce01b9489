// Schema arguments: a path to an .avsc file, or the schema's JSON text
// inline (also a bare primitive type name such as `long`).
import { existsSync, readFileSync } from 'node:fs';
import { CliError } from './errors.js';

const PRIMITIVES = new Set(['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string']);

/** Returns { text, source }: the schema's JSON text and where it came from (for messages). */
export function schemaText(arg, what = 'schema') {
  const trimmed = arg.trim();
  if (/^[[{"]/.test(trimmed)) return { text: trimmed, source: `the ${what} argument` };
  if (existsSync(arg)) {
    try {
      return { text: readFileSync(arg, 'utf8'), source: arg };
    } catch (error) {
      throw new CliError(`${arg}: ${error.code === 'EISDIR' ? 'is a directory' : error.message}`);
    }
  }
  if (PRIMITIVES.has(trimmed)) return { text: JSON.stringify(trimmed), source: `the ${what} argument` };
  throw new CliError(`${what} ${JSON.stringify(arg)} is neither a file nor JSON text`);
}

/** Parses a schema argument into a Type; schema errors name where the schema came from. */
export function loadType(avro, arg, options = {}, what = 'schema') {
  const { text, source } = schemaText(arg, what);
  try {
    return avro.Type.forSchema(text, options);
  } catch (error) {
    throw new CliError(`${source}: ${error.message}`);
  }
}
