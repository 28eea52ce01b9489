// Writing a container file to an output: records go through the package's
// ContainerEncoder; blocks copied unchanged from an input (same schema and
// codec) are framed here with this file's sync marker, after the encoder has
// flushed, so both kinds can follow each other in one file.
import { randomBytes } from 'node:crypto';
import { frameBlock } from './container_read.js';

export class ContainerWriter {
  #encoder;
  #sink;
  #sync;

  /**
   * options: schema, codec, level, metadata, syncMarker, typeOptions (the
   * Type options the records were decoded with).
   */
  constructor(avro, sink, { schema, codec = 'null', level, metadata, syncMarker, typeOptions = {} }) {
    this.#sink = sink;
    this.#sync = syncMarker ?? new Uint8Array(randomBytes(16));
    this.#encoder = new avro.ContainerEncoder(schema, {
      ...typeOptions,
      codec,
      level,
      metadata,
      syncMarker: this.#sync,
    });
    this.records = 0;
  }

  /** The Type records are encoded with. */
  get type() {
    return this.#encoder.type;
  }

  async writeRecords(records) {
    this.records += records.length;
    await this.#sink.write(this.#encoder.writeMany(records));
  }

  /** Ends the current block, so the next records start a new one. */
  async endBlock() {
    await this.#sink.write(this.#encoder.flush());
  }

  /** A block whose data is already compressed with this file's codec. */
  async writeRawBlock(count, data) {
    await this.endBlock();
    this.records += count;
    await this.#sink.write(frameBlock(count, data, this.#sync));
  }

  async end() {
    await this.#sink.write(this.#encoder.end());
    await this.#sink.end();
  }

  dispose() {
    this.#encoder.dispose();
  }
}
