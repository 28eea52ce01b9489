// recodec: the same records with another codec (avro-tools recodec). Each
// input block becomes (at least) one output block; user metadata is kept.
import { openContainer, userMetadata } from '../container_read.js';
import { ContainerWriter } from '../container_write.js';
import { assertDistinct, openInput, openOutput } from '../io.js';
import { createProgress } from '../progress.js';
import { CODECS } from './shared.js';

const RAW = Object.freeze({ logicalTypes: false });

export default {
  name: 'recodec',
  summary: 'rewrite a container file with another codec',
  usage: 'recodec --codec C [--level L] [IN [OUT]]',
  description: `
Decodes every block of IN (default - for stdin) and writes the records to OUT
(default - for stdout) compressed with the given codec, keeping the schema and
the user metadata.`,
  options: {
    codec: {
      type: 'string',
      value: 'C',
      choices: CODECS,
      default: 'null',
      help: `output codec: ${CODECS.join(', ')} (default null)`,
    },
    level: { type: 'integer', value: 'L', help: 'compression level (deflate 0-9, zstandard 1-22, bzip2 1-9, xz 0-9)' },
  },
  positionals: { min: 0, max: 2, names: 'IN and OUT' },
  examples: ['recodec --codec zstandard --level 9 big.avro big-zstd.avro'],

  async run({ options, positionals }, ctx) {
    const [inPath = '-', outPath = '-'] = positionals;
    assertDistinct([inPath], outPath);
    const input = await openInput(inPath, ctx);
    const sink = openOutput(outPath, ctx, { binary: true });
    const progress = createProgress(ctx, { label: 'recodec', total: input.size });
    let writer = null;
    let written = false;
    try {
      const container = await openContainer(ctx.avro, input, { onProgress: (n) => progress.update(n) });
      const { header } = container;
      writer = new ContainerWriter(ctx.avro, sink, {
        schema: header.schema,
        codec: options.codec,
        level: options.level,
        metadata: userMetadata(header),
        typeOptions: RAW,
      });
      for await (const { block } of container.decodedBlocks(RAW)) {
        await writer.writeRecords(block.records);
        await writer.endBlock();
      }
      await writer.end();
      written = true;
    } finally {
      progress.done();
      writer?.dispose();
      input.close();
      if (!written) await sink.abort();
    }
  },
};
