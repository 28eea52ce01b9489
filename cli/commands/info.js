// getschema, getmeta, count: what a container file's header and block
// headers say, without decoding records (avro-tools getschema, getmeta,
// count).
import { openContainer } from '../container_read.js';
import { CliError } from '../errors.js';
import { openInput, openOutput } from '../io.js';
import { prettyJson } from '../json_text.js';
import { createProgress } from '../progress.js';

const FILE_ARG = { min: 1, max: 1, names: 'the input file (or - for stdin)' };

export const getschema = {
  name: 'getschema',
  summary: "print a container file's schema",
  usage: 'getschema FILE|-',
  description: `
Prints the writer schema stored in the file's header (its avro.schema
metadata), indented.`,
  options: {},
  positionals: FILE_ARG,
  examples: ['getschema users.avro > user.avsc'],

  async run({ positionals }, ctx) {
    const input = await openInput(positionals[0], ctx);
    const container = await openContainer(ctx.avro, input);
    container.close();
    const out = openOutput('-', ctx);
    await out.write(`${prettyJson(container.schemaText)}\n`);
    await out.end();
  },
};

export const getmeta = {
  name: 'getmeta',
  summary: "print a container file's metadata, one key<TAB>value per line",
  usage: 'getmeta [--key K] FILE|-',
  description: `
Prints every metadata entry of the file's header as key<TAB>value (the value's
bytes as they are, normally UTF-8 text), including avro.schema and avro.codec.
With --key, prints just that value.`,
  options: { key: { type: 'string', value: 'K', help: 'print only the value of this key' } },
  positionals: FILE_ARG,
  examples: ['getmeta users.avro', 'getmeta --key avro.codec users.avro'],

  async run({ options, positionals }, ctx) {
    const input = await openInput(positionals[0], ctx);
    const container = await openContainer(ctx.avro, input);
    container.close();
    const { metadata } = container.header;
    const out = openOutput('-', ctx);
    if (options.key !== undefined) {
      if (!Object.hasOwn(metadata, options.key))
        throw new CliError(`${input.name}: no metadata key ${JSON.stringify(options.key)}`);
      await out.write(Buffer.concat([metadata[options.key], Buffer.from('\n')]));
    } else {
      for (const [key, value] of Object.entries(metadata)) {
        await out.write(Buffer.concat([Buffer.from(`${key}\t`), value, Buffer.from('\n')]));
      }
    }
    await out.end();
  },
};

export const count = {
  name: 'count',
  summary: 'print the number of records in a container file',
  usage: 'count FILE|-',
  description: `
Adds up the record counts of the file's blocks. Blocks are checked for their
framing and sync markers but not decompressed or decoded, as avro-tools count
does.`,
  options: {},
  positionals: FILE_ARG,
  examples: ['count users.avro'],

  async run({ positionals }, ctx) {
    const input = await openInput(positionals[0], ctx);
    const progress = createProgress(ctx, { label: 'count', total: input.size });
    const container = await openContainer(ctx.avro, input, { onProgress: (n) => progress.update(n) });
    let records = 0;
    try {
      for (let block; (block = await container.nextBlock({ withData: false })) !== null;) records += block.count;
    } finally {
      progress.done();
      container.close();
    }
    const out = openOutput('-', ctx);
    await out.write(`${records}\n`);
    await out.end();
  },
};
