// What the Node entries add: file paths as sources, OS randomness for sync
// markers, Node Transform streams and file helpers (avsc's names).
import { Buffer } from 'node:buffer';
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, openSync, readSync, closeSync, appendFileSync } from 'node:fs';
import { Transform } from 'node:stream';

export const nodePlatform = {
  randomBytes: (n) => new Uint8Array(randomBytes(n)),
  openFile: (path) => createReadStream(path, { highWaterMark: 1 << 20 }),
  // Generated record readers by default: refusing code generation in Node
  // throws quietly and the closures take over. Browsers default to off
  // (a strict CSP would report the attempt); pass { codegen: true } there.
  codegen: true,
  // Short ASCII strings of a datum: a slice without a view (heap.js decodeText).
  latin1: Buffer.prototype.latin1Slice,
};

export function createNodeApi(api) {
  const { ContainerDecoder, ContainerEncoder, readHeader } = api;

  /** Node Transform: container bytes in, records out (or blocks with { blocks: true }). Emits 'metadata' (type, codec, header). */
  class BlockDecoder extends Transform {
    #decoder;
    #options;
    #announced = false;

    constructor(options = {}) {
      super({ readableObjectMode: true });
      this.#options = options;
      this.#decoder = new ContainerDecoder(options);
    }

    _transform(chunk, encoding, callback) {
      try {
        this.#decoder.push(chunk);
        this.#drain();
        callback();
      } catch (error) {
        callback(error);
      }
    }

    _flush(callback) {
      try {
        this.#decoder.end();
        this.#drain();
        callback();
      } catch (error) {
        callback(error);
      }
    }

    _destroy(error, callback) {
      this.#decoder.dispose();
      callback(error);
    }

    #drain() {
      const decoder = this.#decoder;
      for (let block; (block = decoder.nextBlock()) !== null; ) {
        this.#announce();
        if (this.#options.blocks) {
          block.header = decoder.header;
          this.push(block);
        } else {
          for (const record of block.records) this.push(record);
        }
      }
      this.#announce();
    }

    #announce() {
      const header = this.#decoder.header;
      if (this.#announced || !header) return;
      this.#announced = true;
      this.emit('metadata', this.#decoder.type, header.codec, header);
    }
  }

  /** Node Transform: records in, container bytes out. */
  class BlockEncoder extends Transform {
    #encoder;

    constructor(schema, options = {}) {
      super({ writableObjectMode: true });
      this.#encoder = new ContainerEncoder(schema, options);
    }

    _transform(record, encoding, callback) {
      try {
        const bytes = this.#encoder.write(record);
        if (bytes.length) this.push(bytes);
        callback();
      } catch (error) {
        callback(error);
      }
    }

    _flush(callback) {
      try {
        const bytes = this.#encoder.end();
        if (bytes.length) this.push(bytes);
        callback();
      } catch (error) {
        callback(error);
      }
    }

    _destroy(error, callback) {
      this.#encoder.dispose();
      callback(error);
    }
  }

  /** A readable stream of the records of a container file. */
  function createFileDecoder(path, options = {}) {
    const decoder = new BlockDecoder(options);
    const file = createReadStream(path, { highWaterMark: 1 << 20 });
    file.on('error', (error) => decoder.destroy(error));
    return file.pipe(decoder);
  }

  /** A writable stream of records into a new container file. */
  function createFileEncoder(path, schema, options = {}) {
    const encoder = new BlockEncoder(schema, options);
    encoder.pipe(createWriteStream(path));
    return encoder;
  }

  /** Appends records to an existing container file (same schema, codec and sync marker). */
  function appendToFile(path, records, options = {}) {
    const header = readFileHeader(path, readHeader);
    const encoder = new ContainerEncoder(null, { ...options, appendTo: header });
    try {
      appendFileSync(path, encoder.writeMany(records));
      appendFileSync(path, encoder.end());
    } finally {
      encoder.dispose();
    }
  }

  return { BlockDecoder, BlockEncoder, createFileDecoder, createFileEncoder, appendToFile };
}

// Reads just enough of a file to parse its header (which may be large).
function readFileHeader(path, readHeader) {
  const fd = openSync(path, 'r');
  try {
    let size = 64 * 1024;
    for (;;) {
      const buffer = new Uint8Array(size);
      const read = readSync(fd, buffer, 0, size, 0);
      try {
        return readHeader(buffer.subarray(0, read));
      } catch (error) {
        if (error.code !== 'TRUNCATED' || read < size) throw error;
        size *= 4;
      }
    }
  } finally {
    closeSync(fd);
  }
}
