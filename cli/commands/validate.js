// validate: checks JSON values (Avro JSON, or --plain natural JSON) against
// a schema, reporting each invalid one with its line and datum path.
import { CliError } from '../errors.js';
import { openInput, openOutput } from '../io.js';
import { parseJson } from '../json_text.js';
import { createPlainConverter, PLAIN_TYPE_OPTIONS } from '../plain_json.js';
import { loadType } from '../schema_arg.js';
import { readJsonValues } from './shared.js';

const MAX_REPORTED = 100;

export default {
  name: 'validate',
  summary: 'check JSON values (one per line) against a schema',
  usage: 'validate --schema S [--plain] FILE.json|-',
  description: `
Checks every JSON value of FILE (whitespace separated, as fromjson reads them)
against the schema: in the Avro JSON encoding, or natural JSON with --plain.
Each invalid value is reported on stderr with its number, line and the path of
the first problem; stdout gets a summary. The exit code is 1 when any value is
invalid.`,
  options: {
    schema: { type: 'string', value: 'S', required: true, help: 'the schema (.avsc path or JSON text)' },
    plain: { type: 'boolean', help: 'the values are natural JSON, not the Avro JSON encoding' },
  },
  positionals: { min: 1, max: 1, names: 'the JSON file (or - for stdin)' },
  examples: ['validate --schema user.avsc users.json'],

  async run({ options, positionals }, ctx) {
    const type = loadType(ctx.avro, options.schema, options.plain ? PLAIN_TYPE_OPTIONS : { logicalTypes: false });
    const plain = options.plain ? createPlainConverter(type.schema()) : null;
    const input = await openInput(positionals[0], ctx);
    let total = 0;
    let invalid = 0;
    try {
      for await (const batch of readJsonValues(input)) {
        for (const { text, line, index } of batch) {
          total++;
          const problem = check(type, plain, text);
          if (problem === null) continue;
          invalid++;
          if (invalid <= MAX_REPORTED)
            ctx.stderr.write(`${input.name}: value ${index + 1} (line ${line}): ${problem}\n`);
        }
      }
    } finally {
      input.close();
      type.dispose();
    }
    if (invalid > MAX_REPORTED) ctx.stderr.write(`${input.name}: ... ${invalid - MAX_REPORTED} more invalid values\n`);
    const out = openOutput('-', ctx);
    await out.write(`${total - invalid} of ${total} values valid\n`);
    await out.end();
    return invalid === 0 ? 0 : 1;
  },
};

// The first problem with one JSON value, or null when it is valid.
function check(type, plain, text) {
  try {
    if (!plain) {
      type.fromString(text);
      return null;
    }
    let json;
    try {
      json = parseJson(text);
    } catch (error) {
      return `invalid JSON: ${error.message}`;
    }
    const value = plain.fromPlain(json);
    type.toBuffer(value);
    return null;
  } catch (error) {
    if (error instanceof CliError || 'code' in error) return error.message;
    throw error;
  }
}
