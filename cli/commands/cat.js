// cat / concat: several container files into one (avro-tools cat and
// concat). Blocks are copied as they are when a file has the output's schema
// (same Parsing Canonical Form, hence the same bytes) and codec; other files
// are decoded, resolved to the output schema and re-encoded.
import { openContainer, userMetadata } from '../container_read.js';
import { ContainerWriter } from '../container_write.js';
import { UsageError } from '../errors.js';
import { assertDistinct, openInput, openOutput } from '../io.js';
import { createProgress } from '../progress.js';
import { CODECS } from './shared.js';

const RAW = Object.freeze({ logicalTypes: false });

function createCommand(name, summary) {
  return {
    name,
    summary,
    usage: `${name} [--offset N] [--limit N] [--samplerate R] [--codec C] INPUT... OUTPUT`,
    description: `
Writes the records of every INPUT (files, or - for stdin), in order, into one
container file OUTPUT (- for stdout). The output takes the first input's
schema, codec and user metadata. Blocks of inputs with the same schema and
codec are copied without decoding; other inputs are decoded, resolved to the
first schema (an incompatible schema is an error) and re-encoded.
--offset, --limit and --samplerate select records as avro-tools cat does:
skip N records, then keep every record while a counter that grows by R per
record reaches 1, until N have been written.`,
    options: {
      offset: { type: 'integer', value: 'N', help: 'skip the first N records' },
      limit: { type: 'integer', value: 'N', help: 'write at most N records' },
      samplerate: { type: 'number', value: 'R', help: 'fraction of records to keep, 0 to 1 (default 1)' },
      codec: { type: 'string', value: 'C', choices: CODECS, help: "output codec (default: the first input's)" },
      level: { type: 'integer', value: 'L', help: 'compression level for re-encoded blocks' },
    },
    positionals: { min: 2, names: 'the input files and the output file (- for stdout)' },
    examples: [`${name} part-1.avro part-2.avro all.avro`, `${name} --limit 100 big.avro sample.avro`],
    run: (args, ctx) => runCat(name, args, ctx),
  };
}

export const cat = createCommand('cat', 'copy records from one or more container files into one (with sampling)');
export const concat = createCommand(
  'concat',
  'concatenate container files, copying blocks without re-encoding when possible',
);

async function runCat(name, { options, positionals }, ctx) {
  const { avro } = ctx;
  const inputs = positionals.slice(0, -1);
  const output = positionals[positionals.length - 1];
  const rate = options.samplerate ?? 1;
  if (!(rate >= 0 && rate <= 1)) throw new UsageError('--samplerate must be between 0 and 1');
  assertDistinct(inputs, output);
  const selecting = options.offset !== undefined || options.limit !== undefined || rate !== 1;
  let toSkip = options.offset ?? 0;
  let remaining = options.limit ?? Infinity;
  let counter = 1; // avro-tools' sampling counter: a record is kept when it reaches 1
  const select = (records) => {
    const kept = [];
    for (const record of records) {
      if (remaining <= 0) break;
      if (toSkip > 0) {
        toSkip--;
        continue;
      }
      counter += rate;
      if (counter >= 1) {
        counter--;
        kept.push(record);
        remaining--;
      }
    }
    return kept;
  };

  const sink = openOutput(output, ctx, { binary: true });
  let writer = null;
  let outputCanonical;
  let outputCodec;
  let written = false;
  try {
    for (const path of inputs) {
      if (writer && remaining <= 0) break; // the first input still gives the output its header
      const input = await openInput(path, ctx);
      const progress = createProgress(ctx, { label: `${name} ${input.name}`, total: input.size });
      const container = await openContainer(avro, input, { onProgress: (n) => progress.update(n) });
      try {
        const { header } = container;
        if (!writer) {
          writer = new ContainerWriter(avro, sink, {
            schema: header.schema,
            codec: options.codec ?? header.codec,
            level: options.level,
            metadata: userMetadata(header),
            typeOptions: RAW,
          });
          outputCanonical = writer.type.canonicalForm();
          outputCodec = options.codec ?? header.codec;
        }
        const fileType = avro.Type.forSchema(header.schema, RAW);
        const sameSchema = fileType.canonicalForm() === outputCanonical;
        fileType.dispose();
        if (!selecting && sameSchema && header.codec === outputCodec) {
          for (let block; (block = await container.nextBlock()) !== null;)
            await writer.writeRawBlock(block.count, block.data);
        } else {
          const readerSchema = sameSchema ? undefined : writer.type.schema();
          for await (const { block } of container.decodedBlocks({ ...RAW, readerSchema })) {
            if (toSkip >= block.count) {
              toSkip -= block.count;
              continue;
            }
            const records = selecting ? select(block.records) : block.records;
            if (records.length) await writer.writeRecords(records);
            if (remaining <= 0) break;
          }
        }
      } finally {
        progress.done();
        container.close();
      }
    }
    await writer.end();
    written = true;
  } finally {
    writer?.dispose();
    if (!written) await sink.abort();
  }
}
