// tojson: records as JSON text, one per line (avro-tools tojson).
import { openContainer } from '../container_read.js';
import { CliError } from '../errors.js';
import { openInput, openOutput } from '../io.js';
import { prettyJson, stringifyJson } from '../json_text.js';
import { createPlainConverter, PLAIN_TYPE_OPTIONS } from '../plain_json.js';
import { createProgress } from '../progress.js';
import { loadType } from '../schema_arg.js';

// Raw values re-encode to exactly the bytes that were read.
const AVRO_JSON_TYPE_OPTIONS = Object.freeze({ logicalTypes: false });

export default {
  name: 'tojson',
  summary: 'print the records of a container file as JSON, one per line',
  usage: 'tojson [--pretty] [--plain] [--reader-schema S] [--head N] FILE|-',
  description: `
Prints each record of an Avro container file (or stdin) on its own line in
the Avro JSON encoding (unions as {"type": value}, bytes as strings of code
points 0-255). --plain prints natural JSON instead: unions unwrapped, bytes and
fixed as base64, logical types as text (decimals, ISO 8601 dates and times,
UUIDs).`,
  options: {
    pretty: { type: 'boolean', help: 'indent each record over several lines' },
    plain: { type: 'boolean', help: 'natural JSON instead of the Avro JSON encoding' },
    'reader-schema': { type: 'string', value: 'S', help: 'read the records with this schema (.avsc path or JSON)' },
    head: { type: 'integer', value: 'N', help: 'stop after N records' },
  },
  positionals: { min: 1, max: 1, names: 'the input file (or - for stdin)' },
  examples: ['tojson --pretty users.avro', 'tojson --plain --head 5 users.avro'],

  async run({ options, positionals }, ctx) {
    const { avro } = ctx;
    const typeOptions = options.plain ? PLAIN_TYPE_OPTIONS : AVRO_JSON_TYPE_OPTIONS;
    let readerSchema;
    if (options.readerSchema !== undefined) {
      const reader = loadType(avro, options.readerSchema, typeOptions, 'reader schema');
      readerSchema = reader.schema();
      reader.dispose();
    }
    const input = await openInput(positionals[0], ctx);
    const out = openOutput('-', ctx);
    const progress = createProgress(ctx, { label: 'tojson', total: input.size, textOnStdout: true });
    const container = await openContainer(avro, input, { onProgress: (n) => progress.update(n) });
    let remaining = options.head ?? Infinity;
    let plain = null;
    // Records as text, up to --head; the records of a block are written at once.
    const print = async (records, where, type) => {
      let text = '';
      for (const record of records) {
        if (remaining <= 0) break;
        remaining--;
        let json;
        try {
          json = plain ? stringifyJson(plain.toPlain(record)) : type.toString(record);
        } catch (error) {
          throw new CliError(
            `${input.name}: a record of the block at byte ${where} cannot be printed: ${error.message}`,
          );
        }
        text += `${options.pretty ? prettyJson(json) : json}\n`;
      }
      await out.write(text);
    };
    try {
      if (remaining > 0) {
        for await (const { block, type } of container.decodedBlocks({ ...typeOptions, readerSchema })) {
          if (options.plain) plain ??= createPlainConverter(type.schema());
          await print(block.records, block.offset, type);
          if (remaining <= 0) break;
        }
      }
      await out.end();
    } finally {
      progress.done();
      container.close();
    }
  },
};
