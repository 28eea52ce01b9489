// Reading container files for the commands. The package's ContainerDecoder
// decodes every block it reads; some commands need the blocks as they are
// on disk instead (count without decompressing, concatenation without
// re-encoding, repair that skips damaged bytes). The public API has no
// raw-block access, so this file walks the blocks itself (spec "Object
// Container Files"): the header is still parsed by the package
// (readHeader), and any block whose records are needed goes through a
// ContainerDecoder. Memory stays at about one block plus one input chunk.
import { CliError, dataError, inInput } from './errors.js';

const SYNC_SIZE = 16;
const MAX_BLOCK_SIZE = 256 * 1024 * 1024; // the package's default maxBlockSize
const SLICE = 1 << 20;

/** A growable byte window over a stream: append at the end, consume from the front. */
class ByteQueue {
  #buf = new Uint8Array(1 << 16);
  #start = 0;
  #end = 0;

  get length() {
    return this.#end - this.#start;
  }

  append(chunk) {
    const needed = this.length + chunk.length;
    if (this.#end + chunk.length > this.#buf.length) {
      if (needed <= this.#buf.length / 2) {
        this.#buf.copyWithin(0, this.#start, this.#end);
      } else {
        const grown = new Uint8Array(Math.max(needed, this.#buf.length * 2));
        grown.set(this.#buf.subarray(this.#start, this.#end));
        this.#buf = grown;
      }
      this.#end = this.length;
      this.#start = 0;
    }
    this.#buf.set(chunk, this.#end);
    this.#end += chunk.length;
  }

  /** A view of the first n bytes (valid until the next append). */
  view(n = this.length) {
    return this.#buf.subarray(this.#start, this.#start + Math.min(n, this.length));
  }

  at(i) {
    return this.#buf[this.#start + i];
  }

  consume(n) {
    this.#start += n;
    if (this.#start === this.#end) this.#start = this.#end = 0;
  }

  /** Index of `pattern` at or after `from`, or -1. */
  indexOf(pattern, from) {
    const last = this.length - pattern.length;
    outer: for (let i = from; i <= last; i++) {
      for (let j = 0; j < pattern.length; j++) if (this.#buf[this.#start + i + j] !== pattern[j]) continue outer;
      return i;
    }
    return -1;
  }
}

/**
 * Opens a container from an input (see io.js): reads the header with the
 * package's readHeader, then hands out the rest either as stored
 * (nextBlock, skipToNextSync) or decoded (decodedBlocks). Use one of the two.
 */
export async function openContainer(avro, input, { onProgress } = {}) {
  const source = input.chunks()[Symbol.asyncIterator]();
  const queue = new ByteQueue();
  let offset = 0; // file offset of the queue's first byte
  let eof = false;

  const pull = async () => {
    if (eof) return false;
    const { done, value } = await source.next();
    if (done) {
      eof = true;
      return false;
    }
    queue.append(value);
    onProgress?.(input.bytesRead);
    return true;
  };
  const fill = async (n) => {
    while (queue.length < n && (await pull()));
    return queue.length >= n;
  };

  // The header: grow the window until readHeader stops asking for more.
  let header;
  for (let want = 1 << 16; ; want *= 2) {
    await fill(want);
    try {
      header = avro.readHeader(queue.view());
      break;
    } catch (error) {
      if (error.code === 'TRUNCATED' && !eof) continue;
      if (error.code === 'TRUNCATED')
        throw dataError(input.name, 'the file ends inside the container header', queue.length);
      throw inInput(input.name, error);
    }
  }
  const headerBytes = queue.view(header.size).slice();
  queue.consume(header.size);
  offset = header.size;
  const sync = header.syncMarker;
  const schemaText = new TextDecoder().decode(header.metadata['avro.schema']);

  // Reads a zigzag varint at queue index i: { value, next } or null when the bytes end first.
  const varint = (i) => {
    let result = 0;
    let scale = 1;
    for (let k = 0; k < 10; k++) {
      if (i + k >= queue.length) return null;
      const byte = queue.at(i + k);
      result += (byte & 0x7f) * scale;
      scale *= 128;
      if ((byte & 0x80) === 0) {
        const value = result % 2 === 0 ? result / 2 : -(result + 1) / 2;
        return { value, next: i + k + 1 };
      }
    }
    return { value: NaN, next: i + 10 };
  };

  /**
   * The next block: { offset, count, size, data (a copy, unless withData is
   * false), damagedSyncBytes }, or null at the end of the file. With
   * tolerateDamagedSync, a sync marker with at most 8 wrong bytes is accepted
   * (and counted in damagedSyncBytes). A structural problem throws a
   * CliError carrying .offset and .kind ('trailing', 'truncated', 'sync',
   * 'bad-count', 'bad-size').
   */
  const nextBlock = async ({ withData = true, tolerateDamagedSync = false } = {}) => {
    await fill(20);
    if (queue.length === 0) return null;
    const start = offset;
    const count = varint(0);
    const size = count && varint(count.next);
    if (!size) {
      throw blockError('trailing', start, `${queue.length} byte(s) after the last block do not form a block header`);
    }
    if (!(count.value >= 0) || !Number.isSafeInteger(count.value)) {
      throw blockError('bad-count', start, `invalid record count ${count.value} in the block header`);
    }
    if (!(size.value >= 0) || !Number.isSafeInteger(size.value)) {
      throw blockError('bad-size', start, `invalid block size ${size.value} in the block header`);
    }
    if (size.value > MAX_BLOCK_SIZE) {
      throw blockError(
        'bad-size',
        start,
        `the block declares ${size.value} bytes, more than the ${MAX_BLOCK_SIZE}-byte limit`,
      );
    }
    const total = size.next + size.value + SYNC_SIZE;
    if (!(await fill(total))) {
      throw blockError(
        'truncated',
        start,
        `the file ends inside the block at byte ${start}: it needs ${total} bytes but only ${queue.length} remain`,
      );
    }
    const marker = size.next + size.value;
    let wrong = 0;
    for (let j = 0; j < SYNC_SIZE; j++) if (queue.at(marker + j) !== sync[j]) wrong++;
    // A marker that mostly matches was damaged in place (random bytes match
    // 8 of 16 with odds of about 1e-10); otherwise the block header lied.
    if (wrong > 0 && !(tolerateDamagedSync && wrong <= SYNC_SIZE / 2)) {
      throw blockError('sync', start + marker, `sync marker mismatch after the block at byte ${start}`);
    }
    const block = { offset: start, count: count.value, size: size.value, end: start + total, damagedSyncBytes: wrong };
    if (withData) block.data = queue.view(marker).slice(size.next);
    queue.consume(total);
    offset += total;
    return block;
  };

  const blockError = (kind, at, message) => {
    const error = dataError(input.name, message, at);
    error.kind = kind;
    return error;
  };

  /**
   * After damage: drops bytes up to and including the next sync marker
   * (searching from the current position + 1 byte). Returns the number of
   * bytes dropped and whether a marker was found (false: the rest of the file is gone).
   */
  const skipToNextSync = async () => {
    let from = 1;
    let dropped = 0;
    for (;;) {
      const at = queue.indexOf(sync, from);
      if (at >= 0) {
        const n = at + SYNC_SIZE;
        queue.consume(n);
        offset += n;
        return { dropped: dropped + n, found: true };
      }
      // Keep the last bytes: a marker may straddle two chunks.
      const keep = Math.min(queue.length, SYNC_SIZE - 1);
      const n = queue.length - keep;
      queue.consume(n);
      offset += n;
      dropped += n;
      from = 0;
      if (!(await pull())) {
        const rest = queue.length;
        queue.consume(rest);
        offset += rest;
        return { dropped: dropped + rest, found: false };
      }
    }
  };

  // Everything not yet consumed, as chunks: the queue, then the rest of the input.
  async function* rest() {
    if (queue.length) {
      const head = queue.view().slice();
      queue.consume(head.length);
      yield head;
    }
    while (await pull()) {
      const chunk = queue.view().slice();
      queue.consume(chunk.length);
      yield chunk;
    }
  }

  /**
   * Decoded blocks ({ records, count, index, offset, ... }) with `type`, the
   * Type of the records. When a record is bad, the records before it come
   * as a last block marked `partial`, then the error. The decoder sees the file's own bytes from the
   * start, so its error offsets are file offsets. options: ContainerDecoder
   * options (Type options, readerSchema).
   */
  async function* decodedBlocks(options = {}) {
    const decoder = new avro.ContainerDecoder(options);
    try {
      const take = function* () {
        for (let block; (block = decoder.nextBlock()) !== null;) yield { block, type: decoder.type };
      };
      decoder.push(headerBytes);
      yield* take();
      for await (const chunk of rest()) {
        for (let i = 0; i < chunk.length; i += SLICE) {
          decoder.push(chunk.subarray(i, i + SLICE));
          yield* take();
        }
      }
      decoder.end();
      yield* take();
    } catch (error) {
      // A bad record: the records before it in its block come first, then the error.
      if (error.records?.length && decoder.type) {
        yield {
          block: { records: error.records, offset: error.block?.offset ?? -1, partial: true },
          type: decoder.type,
        };
      }
      throw inInput(input.name, error);
    } finally {
      decoder.dispose();
    }
  }

  return {
    input,
    header,
    headerBytes,
    schemaText,
    get offset() {
      return offset;
    },
    nextBlock,
    skipToNextSync,
    decodedBlocks,
    close: () => input.close(),
  };
}

/**
 * Decodes single raw blocks (from nextBlock) of one container: the header
 * bytes and then each block are fed to a ContainerDecoder. After a failure
 * the next call starts a fresh decoder. Errors are rethrown with their byte
 * offsets moved to the block's place in the file.
 */
export class RawBlockDecoder {
  #avro;
  #container;
  #options;
  #decoder = null;
  #position = 0; // decoder stream offset where the next pushed block starts

  constructor(avro, container, options = {}) {
    this.#avro = avro;
    this.#container = container;
    this.#options = options;
  }

  /** The block's records; throws the library's error (with .records decoded before it). */
  decode(block) {
    if (!this.#decoder) {
      this.#decoder = new this.#avro.ContainerDecoder(this.#options);
      this.#decoder.push(this.#container.headerBytes);
      this.#position = this.#container.headerBytes.length;
    }
    const frame = frameBlock(block.count, block.data, this.#container.header.syncMarker);
    const shift = block.offset - this.#position;
    this.#position += frame.length;
    try {
      this.#decoder.push(frame);
      const decoded = this.#decoder.nextBlock();
      if (!decoded) throw new CliError(`internal: the block at byte ${block.offset} did not decode`);
      return decoded.records;
    } catch (error) {
      this.dispose();
      throw moveOffsets(error, shift);
    }
  }

  dispose() {
    this.#decoder?.dispose();
    this.#decoder = null;
  }
}

function moveOffsets(error, shift) {
  if (typeof error.message !== 'string' || shift === 0) return error;
  error.message = error.message.replace(/\bbyte (\d+)/g, (_, n) => `byte ${Number(n) + shift}`);
  if (typeof error.reason === 'string')
    error.reason = error.reason.replace(/\bbyte (\d+)/g, (_, n) => `byte ${Number(n) + shift}`);
  if (error.offset >= 0) error.offset += shift;
  return error;
}

/** A block as it appears in a file: count, size, data, sync marker. */
export function frameBlock(count, data, syncMarker) {
  const head = [...zigzagVarint(count), ...zigzagVarint(data.length)];
  const out = new Uint8Array(head.length + data.length + syncMarker.length);
  out.set(head, 0);
  out.set(data, head.length);
  out.set(syncMarker, head.length + data.length);
  return out;
}

function zigzagVarint(n) {
  let z = n * 2; // counts and sizes are never negative
  const out = [];
  while (z >= 128) {
    out.push((z % 128) | 0x80);
    z = Math.floor(z / 128);
  }
  out.push(z);
  return out;
}

/** The header's metadata without the reserved avro.* keys (what a copy of the file carries over). */
export function userMetadata(header) {
  const out = {};
  for (const [key, value] of Object.entries(header.metadata)) if (!key.startsWith('avro.')) out[key] = value;
  return out;
}
