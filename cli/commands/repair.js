// repair: salvage what is readable from a damaged container file
// (avro-tools repair). Every block is checked (framing, sync marker,
// decompression, records); after a damaged block the reader skips to the
// next sync marker. Intact blocks are copied byte for byte; a block that
// fails part-way keeps the records before the bad one. What was dropped is
// reported on stderr.
import { openContainer, RawBlockDecoder, userMetadata } from '../container_read.js';
import { ContainerWriter } from '../container_write.js';
import { UsageError } from '../errors.js';
import { assertDistinct, openInput, openOutput } from '../io.js';
import { createProgress } from '../progress.js';

const RAW = Object.freeze({ logicalTypes: false });
const MODES = ['all', 'prior', 'after', 'report'];

export default {
  name: 'repair',
  summary: 'recover the readable records of a damaged container file',
  usage: 'repair [-o all|prior|after|report] IN [OUT]',
  description: `
Reads IN block by block, skipping damaged parts (a bad block header, sync
marker, compressed data or record) up to the next sync marker, and writes the
intact records to OUT (- for stdout) with IN's schema, codec, metadata and
sync marker. Each problem and a summary of what was kept and dropped go to
stderr. -o prior keeps only what comes before the first damage, -o after only
what follows it, -o report writes nothing. The exit code is 0 once the file
has been read to the end, whatever was dropped; 1 when not even the header is
readable.`,
  options: {
    option: {
      type: 'string',
      alias: 'o',
      value: 'MODE',
      choices: MODES,
      default: 'all',
      help: 'all (default), prior, after or report',
    },
  },
  positionals: { min: 1, max: 2, names: 'the input file' },
  examples: ['repair damaged.avro fixed.avro', 'repair -o report damaged.avro'],

  async run({ options, positionals }, ctx) {
    const mode = options.option;
    const [inPath, outPath] = positionals;
    if (mode !== 'report' && outPath === undefined) throw new UsageError('missing the output file (or use -o report)');
    if (outPath !== undefined) assertDistinct([inPath], outPath);
    const input = await openInput(inPath, ctx);
    const progress = createProgress(ctx, { label: 'repair', total: input.size });
    const container = await openContainer(ctx.avro, input, { onProgress: (n) => progress.update(n) });
    const { header } = container;
    const sink = mode === 'report' ? null : openOutput(outPath, ctx, { binary: true });
    const writer =
      sink &&
      new ContainerWriter(ctx.avro, sink, {
        schema: header.schema,
        codec: header.codec,
        metadata: userMetadata(header),
        syncMarker: header.syncMarker,
        typeOptions: RAW,
      });
    const decoder = new RawBlockDecoder(ctx.avro, container, RAW);
    const say = (line) => ctx.stderr.write(`repair: ${line}\n`);
    const stats = {
      blocks: 0,
      intact: 0,
      readable: 0,
      kept: 0,
      droppedRecords: 0,
      droppedBytes: 0,
      problems: 0,
      unknownCounts: 0,
    };
    let damaged = false;
    const keeping = () => mode === 'all' || (mode === 'prior' && !damaged) || (mode === 'after' && damaged);
    let written = false;

    try {
      for (;;) {
        let block;
        try {
          block = await container.nextBlock({ tolerateDamagedSync: true });
        } catch (error) {
          if (!error.kind) throw error;
          damaged = true;
          stats.problems++;
          stats.unknownCounts++;
          const from = container.offset;
          say(`${error.message}`);
          if (mode === 'prior') break;
          const { dropped, found } = await container.skipToNextSync();
          stats.droppedBytes += dropped;
          say(
            found
              ? `dropped ${dropped} byte(s) from byte ${from}, resuming after the sync marker that ends at byte ${container.offset}`
              : `dropped the last ${dropped} byte(s) from byte ${from}: no further sync marker`,
          );
          if (!found) break;
          continue;
        }
        if (!block) break;
        stats.blocks++;
        let records;
        try {
          records = decoder.decode(block);
        } catch (error) {
          if (!('code' in error)) throw error;
          const salvaged = error.records ?? [];
          const keep = keeping(); // the records before the damage
          damaged = true;
          stats.problems++;
          stats.droppedRecords += block.count - salvaged.length;
          stats.readable += salvaged.length;
          say(
            `block ${stats.blocks} at byte ${block.offset} (${recordCount(block.count)}): ${error.message}; ` +
              `${recordCount(salvaged.length)} before the damage readable, ${block.count - salvaged.length} dropped`,
          );
          if (salvaged.length && keep) {
            await writer?.writeRecords(salvaged);
            await writer?.endBlock();
            stats.kept += salvaged.length;
          }
          if (mode === 'prior') break;
          continue;
        }
        const keep = keeping(); // the block's records come before its damaged marker, if any
        if (block.damagedSyncBytes) {
          damaged = true;
          stats.problems++;
          say(
            `the sync marker after block ${stats.blocks} at byte ${block.offset} has ${block.damagedSyncBytes} damaged byte(s); ` +
              `the block's ${recordCount(block.count)} decode and are readable`,
          );
        }
        stats.intact++;
        stats.readable += records.length;
        if (keep) {
          await writer?.writeRawBlock(records.length, block.data);
          stats.kept += records.length;
        }
        if (mode === 'prior' && damaged) break;
      }
      await writer?.end();
      written = true;
    } finally {
      progress.done();
      decoder.dispose();
      writer?.dispose();
      container.close();
      if (sink && !written) await sink.abort();
    }
    const dropped =
      recordCount(stats.droppedRecords) +
      (stats.unknownCounts ? ` plus whatever ${stats.droppedBytes} unreadable byte(s) held` : '');
    say(
      `${stats.problems === 0 ? 'no damage found' : `${stats.problems} problem(s)`}; ` +
        `${stats.intact} of ${stats.blocks} blocks intact; ${recordCount(stats.readable)} readable` +
        `${mode === 'report' ? '' : `, ${stats.kept} written`}; dropped ${dropped}`,
    );
  },
};

function recordCount(n) {
  return `${n} record${n === 1 ? '' : 's'}`;
}
