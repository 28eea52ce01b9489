// Parallel decoding of one container file held in memory: the header is
// read here, the blocks are split into ranges of whole blocks
// (parallel_split.js), each range goes with a copy of the header to a
// worker (its ArrayBuffer is transferred, not copied again), and results
// come back in file order. Workers run the ordinary readers, so records,
// columns and errors are those of readContainer / decodeColumns; error
// offsets and block numbers are moved back to the whole file's.
import {
  AvroError,
  DecodeError,
  LimitError,
  ResolutionError,
  SchemaError,
  UnsupportedError,
  ValueError,
} from './errors.js';
import { PreciseDate } from './precise_date.js';
import { DESC } from './internal.js';
import { TYPE_KEYS, containerContents } from './container.js';
import { toBytes } from './bytes.js';
import { splitBlocks } from './parallel_split.js';
import { errorFromWire, preciseFromWire } from './parallel_wire.js';
import { concatColumns } from './parallel_columns.js';

const MIN_RANGE = 1 << 20; // smaller ranges cost more in messages than they win
const MAX_RANGE = 16 << 20; // bounds what one worker holds at a time
const RANGES_PER_WORKER = 4; // several per worker: a slow worker does not hold up the rest
const HEADER_PROBE = 64 << 10;
const POOL_KEYS = ['workers', 'workerUrl', 'rangeSize', 'chunks', 'bestEffort'];
// The classes a worker's error may be rebuilt as, by name.
const errors = { AvroError, DecodeError, LimitError, ResolutionError, SchemaError, UnsupportedError, ValueError };

/**
 * runtime: { spawnWorker(url), defaultWorkerUrl(), defaultWorkerCount() }
 * (parallel_node*.js, parallel_browser.js).
 */
export function createParallelApi({ Type, readHeader, decodeColumns }, runtime) {
  /**
   * A set of decoder workers, started on first use and kept until close():
   * create one per service, not per file. Several calls may share it.
   */
  class DecoderPool {
    #size;
    #url;
    #slots = []; // { worker, task } per started worker
    #queue = []; // tasks not yet posted
    #closed = false;
    #nextId = 0;

    /** @param {{ workers?: number, workerUrl?: string | URL }} [options] */
    constructor({ workers, workerUrl } = {}) {
      const size = workers ?? Math.min(4, runtime.defaultWorkerCount());
      if (!(Number.isInteger(size) && size >= 1)) {
        throw new AvroError('workers must be a positive integer', { code: 'INVALID_VALUE' });
      }
      this.#size = size;
      this.#url = workerUrl ?? runtime.defaultWorkerUrl();
    }

    /** The number of workers. */
    get size() {
      return this.#size;
    }

    /** readContainer(), decoded by the workers: a Promise of the same result. */
    async readContainer(input, options = {}) {
      const bytes = await bytesOf(input);
      let header;
      try {
        header = headerOf(bytes, options);
      } catch (error) {
        if (!options.bestEffort || !(error instanceof AvroError)) throw error;
        return contents({}, [], 0, error);
      }
      const records = [];
      let blockCount = 0;
      for await (const batch of this.#batches(bytes, header, 'records', options)) {
        for (const record of batch.records) records.push(record);
        blockCount += batch.blockCount;
        if (batch.error) return contents(header, records, blockCount, batch.error);
      }
      return contents(header, records, blockCount, options.bestEffort ? null : undefined);
    }

    /**
     * The records as batches in file order, one per range of blocks:
     * { records, blockCount, firstBlock }. At most two ranges per worker are
     * decoded ahead of the consumer. With bestEffort the last batch may
     * carry the `error` that ended reading.
     */
    async *readBatches(input, options = {}) {
      const bytes = await bytesOf(input);
      yield* this.#batches(bytes, headerOf(bytes, options), 'records', options);
    }

    /** decodeColumns(), decoded by the workers; `chunks: true` gives the per-range results unjoined. */
    async decodeColumns(input, options = {}) {
      const bytes = await bytesOf(input);
      const header = headerOf(bytes, options);
      const parts = [];
      for await (const { decoded } of this.#results(bytes, header, 'columns', options)) parts.push(decoded);
      // A file without blocks: the header alone gives the (empty) columns.
      if (parts.length === 0) parts.push(decodeColumns(bytes.subarray(0, header.size), wireOptions(options)));
      if (!options.chunks) return concatColumns(parts);
      const { schema, skipped } = parts[0];
      return { numRows: parts.reduce((n, part) => n + part.numRows, 0), schema, skipped, chunks: parts };
    }

    /** Stops the workers; calls still running reject. */
    async close() {
      this.#closed = true;
      const slots = this.#slots.splice(0);
      for (const task of this.#queue.splice(0)) task.settle({ error: closedError() });
      for (const slot of slots) slot.task?.settle({ error: closedError() });
      await Promise.all(slots.map((slot) => slot.worker.terminate()));
    }

    async [Symbol.asyncDispose]() {
      await this.close();
    }

    async *#batches(bytes, header, kind, options) {
      for await (const { reply, at } of this.#results(bytes, header, kind, options)) {
        // A worker that failed before decoding sends only the error.
        const { records = [], partial = [], blocks = 0, precise = [] } = reply;
        preciseFromWire([records, partial], precise, PreciseDate);
        const batch = { records, blockCount: blocks, firstBlock: at.blocksBefore };
        if (reply.error) {
          const error = errorFromWire(reply.error, at, errors);
          error.records = partial; // the failing block's records before the bad one
          if (!options.bestEffort) throw error;
          for (const record of partial) batch.records.push(record);
          batch.error = error;
          yield batch;
          return;
        }
        yield batch;
      }
    }

    // The workers' replies in file order, each with where its range sits
    // in the file. Ranges are copied and posted only a few ahead of the
    // consumer; stopping early drops the ones not yet posted.
    async *#results(bytes, header, kind, options) {
      if (this.#closed) throw closedError();
      if (options.rangeSize !== undefined && !(options.rangeSize > 0)) {
        throw new AvroError('rangeSize must be a positive number of bytes', { code: 'INVALID_VALUE' });
      }
      const dataSize = bytes.length - header.size;
      const rangeSize =
        options.rangeSize ??
        Math.min(MAX_RANGE, Math.max(MIN_RANGE, Math.ceil(dataSize / (this.#size * RANGES_PER_WORKER))));
      const ranges = splitBlocks(bytes, header.size, header.syncMarker, rangeSize);
      const headerBytes = bytes.subarray(0, header.size);
      const jobOptions = wireOptions(options);
      const call = {};
      const pending = [];
      let next = 0;
      const post = () => {
        while (next < ranges.length && pending.length < 2 * this.#size) {
          const range = ranges[next++];
          const data = bytes.slice(range.start, range.end).buffer;
          const job = { kind, header: headerBytes.slice().buffer, data, options: jobOptions };
          const at = { delta: range.start - header.size, blocksBefore: range.firstBlock, headerSize: header.size };
          pending.push(this.#submit(call, job, [job.header, data]).then((result) => ({ ...result, at })));
        }
      };
      try {
        post();
        while (pending.length > 0) {
          const { reply, error, at } = await pending.shift();
          if (error) throw error;
          if (kind === 'columns' && reply.error) throw errorFromWire(reply.error, at, errors);
          post();
          yield { reply, decoded: reply.decoded, at };
        }
      } finally {
        this.#cancel(call);
      }
    }

    // Resolves (never rejects: replies wait in order) to { reply } or { error }.
    #submit(call, job, transfer) {
      return new Promise((resolve) => {
        if (this.#closed) return resolve({ error: closedError() });
        this.#queue.push({ call, job: { ...job, id: this.#nextId++ }, transfer, settle: resolve });
        this.#pump();
      });
    }

    #cancel(call) {
      this.#queue = this.#queue.filter((task) => task.call !== call);
    }

    #pump() {
      while (this.#queue.length > 0 && !this.#closed) {
        let slot = this.#slots.find((s) => !s.task);
        if (!slot) {
          if (this.#slots.length >= this.#size) return;
          slot = this.#start();
        }
        const task = this.#queue.shift();
        try {
          slot.worker.post(task.job, task.transfer);
        } catch (error) {
          task.settle({ error }); // e.g. a DataCloneError: the worker stays free
          continue;
        }
        slot.task = task;
        slot.worker.ref();
      }
    }

    #start() {
      const worker = runtime.spawnWorker(this.#url);
      const slot = { worker, task: null };
      worker.onMessage((reply) => {
        const task = slot.task;
        slot.task = null;
        worker.unref();
        task?.settle({ reply });
        this.#pump();
      });
      // A crashed worker fails only its own task; the next task gets a new worker.
      worker.onFailure((cause) => {
        this.#slots = this.#slots.filter((s) => s !== slot);
        worker.terminate();
        slot.task?.settle({
          error: new AvroError(`a decoder worker failed: ${cause?.message ?? cause}`, { code: 'INTERNAL' }),
        });
        slot.task = null;
        this.#pump();
      });
      this.#slots.push(slot);
      return slot;
    }
  }

  /** A temporary pool: fine for one big file; services should keep a DecoderPool. */
  async function withPool(options, fn) {
    const pool = new DecoderPool({ workers: options.workers, workerUrl: options.workerUrl });
    try {
      return await fn(pool);
    } finally {
      await pool.close();
    }
  }

  /** readContainer() on several workers (a temporary DecoderPool): a Promise of the same result. */
  function readContainerParallel(input, options = {}) {
    return withPool(options, (pool) => pool.readContainer(input, options));
  }

  /** decodeColumns() on several workers (a temporary DecoderPool). */
  function decodeColumnsParallel(input, options = {}) {
    return withPool(options, (pool) => pool.decodeColumns(input, options));
  }

  // The header, read from as few bytes as will hold it: a readerSchema that
  // does not resolve or a bad file header fails here, as in readContainer.
  function headerOf(bytes, options) {
    const headerOptions = { ...options };
    for (const key of POOL_KEYS) delete headerOptions[key];
    for (let size = HEADER_PROBE; ; size *= 2) {
      try {
        return readHeader(bytes.subarray(0, size), headerOptions);
      } catch (error) {
        if (size >= bytes.length || !(error instanceof AvroError && error.code === 'TRUNCATED')) throw error;
      }
    }
  }

  // Options as a worker gets them: plain data (a Type readerSchema becomes
  // its schema plus its own options, which is what the Type would decode with).
  function wireOptions(options) {
    const out = { ...options };
    for (const key of POOL_KEYS) delete out[key];
    const reader = options.readerSchema;
    if (reader instanceof Type) {
      out.readerSchema = reader.schema();
      for (const key of TYPE_KEYS) if (reader[DESC].options[key] !== undefined) out[key] = reader[DESC].options[key];
    }
    return out;
  }

  return { DecoderPool, readContainerParallel, decodeColumnsParallel };
}

function contents(header, records, blockCount, error) {
  const result = containerContents(header, records, blockCount);
  if (error !== undefined) result.error = error;
  return result;
}

// A plain Uint8Array view: Buffer#slice would not copy, and the copies are
// transferred to the workers.
async function bytesOf(input) {
  if (input && typeof input.arrayBuffer === 'function' && !ArrayBuffer.isView(input)) {
    return new Uint8Array(await input.arrayBuffer()); // Blob / File
  }
  const bytes = toBytes(input);
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function closedError() {
  return new AvroError('this DecoderPool has been closed', { code: 'INTERNAL' });
}
