// random: a container file of random records for a schema (avro-tools
// random), made with Type#random. With --seed the output is reproducible
// byte for byte: record i uses the seed "SEED/i" and the sync marker is
// derived from the seed.
import { createHash, randomBytes } from 'node:crypto';
import { ContainerWriter } from '../container_write.js';
import { openOutput } from '../io.js';
import { createProgress } from '../progress.js';
import { loadType } from '../schema_arg.js';
import { codecOptions } from './shared.js';

const BATCH = 256;

export default {
  name: 'random',
  summary: 'write a container file of random records',
  usage: 'random --schema S --count N [--seed K] [--codec C] [--level L] [OUT]',
  description: `
Writes N random records valid for the schema (every logical type gets a
valid value; recursive types stay small) to OUT (default - for stdout). The
same --seed gives the same file.`,
  options: {
    schema: { type: 'string', value: 'S', required: true, help: 'the schema (.avsc path or JSON text)' },
    count: { type: 'integer', value: 'N', required: true, help: 'number of records' },
    seed: { type: 'string', value: 'K', help: 'seed (any text) for reproducible output' },
    ...codecOptions('compression level'),
  },
  positionals: { min: 0, max: 1, names: 'the output file' },
  examples: ['random --schema user.avsc --count 1000 --seed 7 --codec snappy users.avro'],

  async run({ options, positionals }, ctx) {
    const { avro } = ctx;
    const schemaType = loadType(avro, options.schema);
    const schema = schemaType.schema();
    schemaType.dispose();
    const seed = options.seed ?? randomBytes(8).toString('hex');
    const syncMarker = new Uint8Array(createHash('md5').update(`sync marker/${seed}`).digest());
    const sink = openOutput(positionals[0] ?? '-', ctx, { binary: true });
    const writer = new ContainerWriter(avro, sink, { schema, codec: options.codec, level: options.level, syncMarker });
    const progress = createProgress(ctx, { label: 'random', total: options.count, unit: 'records' });
    let written = false;
    try {
      const type = writer.type;
      for (let start = 0; start < options.count; start += BATCH) {
        const end = Math.min(options.count, start + BATCH);
        const records = [];
        for (let i = start; i < end; i++) records.push(type.random({ seed: `${seed}/${i}` }));
        await writer.writeRecords(records);
        progress.update(end);
      }
      await writer.end();
      written = true;
    } finally {
      progress.done();
      writer.dispose();
      if (!written) await sink.abort();
    }
  },
};
