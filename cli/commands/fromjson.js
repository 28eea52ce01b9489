// fromjson: JSON values (Avro JSON, or --plain natural JSON) to a container
// file on stdout (avro-tools fromjson).
import { ContainerWriter } from '../container_write.js';
import { CliError } from '../errors.js';
import { openInput, openOutput } from '../io.js';
import { parseJson } from '../json_text.js';
import { createPlainConverter, PLAIN_TYPE_OPTIONS } from '../plain_json.js';
import { createProgress } from '../progress.js';
import { loadType } from '../schema_arg.js';
import { codecOptions, readJsonValues } from './shared.js';

export default {
  name: 'fromjson',
  summary: 'write JSON values (one per line) into a container file on stdout',
  usage: 'fromjson --schema S [--plain] [--codec C] [--level L] FILE|-',
  description: `
Reads JSON values separated by whitespace (JSON Lines, or pretty-printed values
one after another) from FILE or stdin, checks each against the schema and
writes an Avro container file to stdout. Values are in the Avro JSON encoding,
or natural JSON with --plain (as printed by tojson --plain).`,
  options: {
    schema: { type: 'string', value: 'S', required: true, help: 'the schema (.avsc path or JSON text)' },
    plain: { type: 'boolean', help: 'the input is natural JSON, not the Avro JSON encoding' },
    ...codecOptions('compression level (deflate 0-9, zstandard 1-22, bzip2 1-9, xz 0-9)'),
  },
  positionals: { min: 0, max: 1, names: 'the JSON input (file, or - for stdin)' },
  examples: ['fromjson --schema user.avsc --codec zstandard users.json > users.avro'],

  async run({ options, positionals }, ctx) {
    const { avro } = ctx;
    const typeOptions = options.plain ? PLAIN_TYPE_OPTIONS : { logicalTypes: false };
    const schemaType = loadType(avro, options.schema, typeOptions);
    const schema = schemaType.schema();
    schemaType.dispose();
    const input = await openInput(positionals[0] ?? '-', ctx);
    const sink = openOutput('-', ctx, { binary: true });
    let writer;
    try {
      writer = new ContainerWriter(avro, sink, { schema, codec: options.codec, level: options.level, typeOptions });
    } catch (error) {
      throw new CliError(error.message);
    }
    const type = writer.type;
    const plain = options.plain ? createPlainConverter(schema) : null;
    const progress = createProgress(ctx, { label: 'fromjson', total: input.size });
    try {
      for await (const batch of readJsonValues(input, (n) => progress.update(n))) {
        const records = batch.map(({ text, line, index }) => {
          try {
            if (!plain) return type.fromString(text);
            const value = plain.fromPlain(parseOrThrow(text));
            type.toBuffer(value); // the full check, as the encoder will do it
            return value;
          } catch (error) {
            throw new CliError(`${input.name}: value ${index + 1} (line ${line}): ${error.message}`);
          }
        });
        await writer.writeRecords(records);
      }
      await writer.end();
    } finally {
      progress.done();
      writer.dispose();
      input.close();
    }
  },
};

function parseOrThrow(text) {
  try {
    return parseJson(text);
  } catch (error) {
    throw new CliError(`invalid JSON: ${error.message}`);
  }
}
