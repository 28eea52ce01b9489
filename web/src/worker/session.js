// One open file in the worker.
//
// Memory model: the file stays a Blob (backed by the user's disk, never
// copied into memory as a whole). The first pass streams it through a
// ContainerDecoder block by block, recording for every block where it lives
// in the file and which rows it holds, feeding the column summaries, and
// keeping decoded blocks in an LRU cache bounded by their decompressed size.
// A file that fits the budget is then served entirely from memory; a larger
// one has its evicted blocks re-read from the Blob (one slice per block) and
// decoded again on demand by a second decoder that was given the file's
// header once: every block ends with the same sync marker, so blocks can be
// fed to it in any order. The page only ever receives the rows it shows
// (as short cell texts), one record for the inspector, progress numbers,
// summaries, and exports as Blobs.
//
// Sorting, filtering and search run here over all rows (cached blocks and
// re-decoded ones), producing a Uint32Array of row numbers (the view). They
// yield to the event loop every few tens of milliseconds so row requests
// and cancellation stay responsive, and a newer query abandons an older one.
import { ContainerDecoder, Type } from 'avro-wasm';
import { toHex } from '../shared/format.js';
import { prettyJson } from '../shared/jsontext.js';
import { columnsOf } from './columns.js';
import { NumericKeys, isNumericKind, numericKey, orderByKeys } from './keys.js';
import { createSummary } from './summary.js';
import { cellOf, csvField, keyOf, plainJson, textOf, treeOf } from './values.js';

// Tighter than the package defaults: a tab is a smaller place than a server.
export const LIMITS = {
  maxBlockSize: 128 << 20,
  maxDecompressedBlockSize: 128 << 20,
  maxBlockRecords: 1 << 22,
  maxHeaderSize: 16 << 20,
};
const CACHE_BYTES = 48 << 20; // decompressed bytes of blocks kept as decoded records
const CACHE_ROWS = 1_500_000;
const READ_AHEAD = 8 << 20; // one Blob read covers consecutive evicted blocks up to this size
const SLICE = 1 << 20;
const PROGRESS_EVERY_MS = 200;
const SUMMARY_EVERY_MS = 2000;
const YIELD_EVERY_MS = 30;
const EXPORT_PART_CHARS = 1 << 20;
const EXPORT_WINDOW = 1 << 18; // view rows whose texts are gathered at once when exporting a view

const utf8 = new TextDecoder('utf-8', { fatal: true });
// Lets queued messages (row requests, Cancel) run. Reads from a Blob stream
// that already holds data resolve as microtasks, so a decode loop that only
// awaits them never gives the worker's event loop a turn. A MessageChannel
// round trip is a task without setTimeout's 4 ms clamp.
const channel = new MessageChannel();
const waiting = [];
channel.port1.onmessage = () => waiting.shift()?.();
const yieldNow = () =>
  new Promise((resolve) => {
    waiting.push(resolve);
    channel.port2.postMessage(0);
  });

class Superseded extends Error {}

export class Session {
  #file;
  #post;
  #blocks = []; // { offset, end, count, first, size, dataSize, partial }
  #rows = 0;
  #cache = new Map(); // block index -> records, least recently used first
  #cachedBytes = 0;
  #cachedRows = 0;
  #pinned = new Map(); // block index -> records of a block that failed part-way (cannot be re-read)
  #random = null; // Promise of the random-access decoder
  #type = null;
  #columns = [];
  #summary = null;
  #keys = null;
  #headerSize = 0;
  #view = null; // Uint32Array of row numbers, or null: all rows in file order
  #viewGen = 0;
  #queryGen = 0;
  #cancelled = false;
  #reader = null;
  #decoded;
  #resolveDecoded;
  #compressed = 0;
  #uncompressed = 0;

  constructor(file, post) {
    this.#file = file;
    this.#post = post;
    this.#decoded = new Promise((resolve) => (this.#resolveDecoded = resolve));
  }

  // ---- first pass -------------------------------------------------------

  async decode() {
    const started = performance.now();
    const file = this.#file;
    const decoder = new ContainerDecoder(LIMITS);
    let bytesRead = 0;
    let lastProgress = 0;
    let lastSummary = started;
    let lastYield = started;
    let error = null;
    try {
      this.#reader = file.stream().getReader();
      for (;;) {
        const { done, value } = await this.#reader.read();
        if (this.#cancelled) break;
        if (done) {
          decoder.end();
          this.#drain(decoder);
          break;
        }
        for (let i = 0; i < value.length; i += SLICE) {
          decoder.push(value.subarray(i, i + SLICE));
          this.#drain(decoder);
        }
        bytesRead += value.length;
        const now = performance.now();
        if (now - lastProgress >= PROGRESS_EVERY_MS) {
          lastProgress = now;
          this.#post({
            type: 'progress',
            bytes: bytesRead,
            total: file.size,
            rows: this.#rows,
            blocks: this.#blocks.length,
          });
        }
        if (this.#summary && now - lastSummary >= SUMMARY_EVERY_MS) {
          lastSummary = now;
          this.#post({ type: 'summary', columns: this.#summary.result(), partial: true });
        }
        if (now - lastYield >= YIELD_EVERY_MS) {
          await yieldNow();
          lastYield = performance.now();
        }
      }
    } catch (caught) {
      error = caught;
    } finally {
      decoder.dispose();
      this.#reader?.cancel().catch(() => {});
      this.#reader = null;
    }
    if (this.#summary) this.#post({ type: 'summary', columns: this.#summary.result(), partial: false });
    this.#post({
      type: 'done',
      rows: this.#rows,
      blocks: this.#blocks.length,
      bytes: this.#cancelled ? bytesRead : file.size,
      total: file.size,
      compressed: this.#compressed,
      uncompressed: this.#uncompressed,
      cancelled: this.#cancelled,
      elapsedMs: performance.now() - started,
      error: error && describeError(error, this.#blocks.length),
    });
    this.#resolveDecoded();
  }

  cancel() {
    this.#cancelled = true;
    this.#reader?.cancel().catch(() => {});
  }

  #drain(decoder) {
    for (;;) {
      let block;
      try {
        block = decoder.nextBlock();
      } catch (error) {
        if (!this.#type && decoder.header) this.#onHeader(decoder.header);
        // The block that failed: keep the records decoded before the bad one.
        if (error.block && this.#type) this.#addBlock(error.block, error.records ?? [], -1, true);
        throw error;
      }
      if (!this.#type && decoder.header) this.#onHeader(decoder.header);
      if (block === null) return;
      this.#addBlock(block, block.records, decoder.position, false);
    }
  }

  #onHeader(header) {
    const metadata = header.metadata;
    const schemaText = metadata['avro.schema'] ? decodeText(metadata['avro.schema']) : JSON.stringify(header.schema);
    this.#type = Type.forSchema(header.schema);
    this.#columns = columnsOf(header.schema);
    this.#summary = createSummary(this.#columns);
    this.#keys = new NumericKeys(this.#columns);
    this.#headerSize = header.size;
    const type = this.#type;
    this.#post({
      type: 'header',
      fileName: this.#file.name ?? 'data.avro',
      fileSize: this.#file.size,
      schemaText: schemaText ?? JSON.stringify(header.schema),
      schemaPretty: prettyJson(schemaText ?? JSON.stringify(header.schema)),
      canonical: type.canonicalForm(),
      fingerprints: [
        ['CRC-64-AVRO', toHex(type.fingerprint('CRC-64-AVRO'))],
        ['MD5', toHex(type.fingerprint('MD5'))],
        ['SHA-256', toHex(type.fingerprint('SHA-256'))],
      ],
      codec: header.codec,
      syncMarker: toHex(header.syncMarker, ' '),
      headerSize: header.size,
      metadata: Object.entries(metadata)
        .filter(([key]) => key !== 'avro.schema')
        .map(([key, bytes]) => ({
          key,
          text: decodeText(bytes),
          hex: toHex(bytes.subarray(0, 256), ' '),
          size: bytes.length,
        })),
      columns: this.#columns,
    });
  }

  #addBlock(block, records, end, partial) {
    const index = this.#blocks.length;
    const meta = {
      offset: block.offset,
      end,
      count: records.length,
      first: this.#rows,
      size: block.size,
      dataSize: block.dataSize,
      partial,
    };
    this.#blocks.push(meta);
    this.#rows += records.length;
    this.#compressed += block.size;
    this.#uncompressed += block.dataSize;
    this.#summary.add(records);
    this.#keys.add(records);
    if (partial) this.#pinned.set(index, records);
    else this.#remember(index, records, true);
  }

  // ---- block cache and random access -----------------------------------

  #remember(index, records, evict) {
    const size = this.#blocks[index].dataSize;
    if (!evict && (this.#cachedBytes + size > CACHE_BYTES || this.#cachedRows + records.length > CACHE_ROWS)) return;
    this.#cache.set(index, records);
    this.#cachedBytes += size;
    this.#cachedRows += records.length;
    for (const [old, oldRecords] of this.#cache) {
      if (this.#cachedBytes <= CACHE_BYTES && this.#cachedRows <= CACHE_ROWS) break;
      if (old === index) continue;
      this.#cache.delete(old);
      this.#cachedBytes -= this.#blocks[old].dataSize;
      this.#cachedRows -= oldRecords.length;
    }
  }

  #cached(index) {
    const records = this.#cache.get(index);
    if (records) {
      this.#cache.delete(index); // most recently used goes last
      this.#cache.set(index, records);
      return records;
    }
    return this.#pinned.get(index);
  }

  #randomAccess() {
    if (!this.#random) {
      this.#random = (async () => {
        const header = new Uint8Array(await this.#file.slice(0, this.#headerSize).arrayBuffer());
        const decoder = new ContainerDecoder(LIMITS);
        decoder.push(header);
        if (decoder.nextBlock() !== null || !decoder.header) throw new Error('the file header could not be read again');
        return decoder;
      })();
      this.#random.catch(() => (this.#random = null));
    }
    return this.#random;
  }

  // Decodes block `index` from its bytes (exactly [offset, end) of the file).
  #decodeBlockBytes(decoder, index, bytes) {
    try {
      decoder.push(bytes);
      const block = decoder.nextBlock();
      if (!block) throw new Error(`block ${index} could not be decoded again`);
      return block.records;
    } catch (error) {
      decoder.dispose();
      this.#random = null;
      throw error;
    }
  }

  async #block(index) {
    const hit = this.#cached(index);
    if (hit) return hit;
    const meta = this.#blocks[index];
    const decoderPromise = this.#randomAccess();
    const bytes = new Uint8Array(await this.#file.slice(meta.offset, meta.end).arrayBuffer());
    const decoder = await decoderPromise;
    const again = this.#cached(index); // another request may have decoded it meanwhile
    if (again) return again;
    const records = this.#decodeBlockBytes(decoder, index, bytes);
    this.#remember(index, records, true);
    return records;
  }

  // Every block in file order as [index, records]; evicted runs are read with one Blob slice.
  async *#scan(isCurrent) {
    let lastYield = performance.now();
    const blocks = this.#blocks;
    for (let i = 0; i < blocks.length;) {
      const hit = this.#cached(i);
      let run;
      if (hit) run = [[i, hit]];
      else {
        let j = i;
        while (
          j + 1 < blocks.length &&
          !this.#cache.has(j + 1) &&
          !this.#pinned.has(j + 1) &&
          blocks[j + 1].end - blocks[i].offset <= READ_AHEAD
        )
          j++;
        const decoderPromise = this.#randomAccess();
        const bytes = new Uint8Array(await this.#file.slice(blocks[i].offset, blocks[j].end).arrayBuffer());
        const decoder = await decoderPromise;
        if (!isCurrent()) throw new Superseded();
        run = [];
        for (let k = i; k <= j; k++) {
          const slice = bytes.subarray(blocks[k].offset - blocks[i].offset, blocks[k].end - blocks[i].offset);
          const records = this.#decodeBlockBytes(decoder, k, slice);
          this.#remember(k, records, false);
          run.push([k, records]);
        }
      }
      for (const entry of run) {
        yield entry;
        if (performance.now() - lastYield > YIELD_EVERY_MS) {
          await yieldNow();
          lastYield = performance.now();
          if (!isCurrent()) throw new Superseded();
        }
      }
      i += run.length;
    }
  }

  #locate(row) {
    const blocks = this.#blocks;
    let lo = 0;
    let hi = blocks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (blocks[mid].first <= row) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  async #record(row) {
    const index = this.#locate(row);
    const records = await this.#block(index);
    return records[row - this.#blocks[index].first];
  }

  #valueOf(record, column) {
    return column.whole ? record : record?.[column.name];
  }

  // ---- requests from the page -------------------------------------------

  /** Cells of view rows [start, start + count). */
  async rows(start, count, gen) {
    const total = this.#view ? this.#view.length : this.#rows;
    const end = Math.min(total, start + count);
    const view = this.#view;
    const out = [];
    for (let k = start; k < end; k++) {
      const row = view ? view[k] : k;
      const record = await this.#record(row);
      if (gen !== this.#viewGen) return null; // the view changed while blocks were read
      out.push({ row, cells: this.#columns.map((column) => cellOf(this.#valueOf(record, column), column.float)) });
    }
    return { gen, start, rows: out };
  }

  /** One record for the inspector. */
  async record(row) {
    const record = await this.#record(row);
    let avroJson;
    try {
      avroJson = prettyJson(this.#type.toString(record));
    } catch (error) {
      avroJson = `(not representable as Avro JSON: ${error.message})`;
    }
    return { row, tree: treeOf(record), avroJson };
  }

  /**
   * Filters (column index -> expression), full-text search and a sort
   * ({ column, descending }) over all rows. Resolves to the new view size,
   * or null when a newer query superseded this one. Numeric sorts and
   * filters use the keys kept from the first pass when they can (no
   * decoding at all); everything else scans the blocks.
   */
  async query({ filters = {}, search = '', sort = null }, gen) {
    this.#queryGen = gen;
    await this.#decoded;
    if (gen !== this.#queryGen) return null;
    const isCurrent = () => gen === this.#queryGen;
    const tests = [];
    for (const [index, expression] of Object.entries(filters)) {
      const column = this.#columns[Number(index)];
      const test = column && compileFilter(expression, column);
      if (test) tests.push({ column, index: Number(index), test });
    }
    const needle = search.trim().toLowerCase();
    const sortColumn = sort ? this.#columns[sort.column] : null;
    if (!tests.length && !needle && !sortColumn) return this.#setView(null, gen);
    const numericSort = sortColumn && isNumericKind(sortColumn.kind);
    const sortKeys = numericSort ? this.#keys.get(sort.column) : null;

    let result;
    try {
      const keyed = !needle && tests.every((t) => t.test.key && this.#keys.get(t.index)) && (!sortColumn || sortKeys);
      result = keyed
        ? await this.#filterByKeys(tests, isCurrent)
        : await this.#filterByScan(tests, needle, sortColumn, isCurrent);
    } catch (error) {
      if (error instanceof Superseded) return null;
      throw error;
    }
    let { rows, keys } = result;
    if (sortColumn) {
      let order;
      if (numericSort) {
        // Keys in view order: from the store, or gathered by the scan.
        let values = keys;
        let nulls = null;
        if (sortKeys) {
          values = new Float64Array(rows.length);
          nulls = new Uint8Array(rows.length);
          for (let i = 0; i < rows.length; i++) {
            values[i] = sortKeys.values[rows[i]];
            nulls[i] = sortKeys.nulls[rows[i]];
          }
        }
        order = orderByKeys(values, nulls, sort.descending);
      } else {
        order = new Uint32Array(rows.length);
        for (let i = 0; i < rows.length; i++) order[i] = i;
        const direction = sort.descending ? -1 : 1;
        // Nulls last in both directions; ties keep file order.
        order.sort((a, b) => {
          const ka = keys[a];
          const kb = keys[b];
          if (ka === null || kb === null) return ka === kb ? a - b : ka === null ? 1 : -1;
          if (ka < kb) return -direction;
          if (ka > kb) return direction;
          return a - b;
        });
      }
      const sorted = new Uint32Array(rows.length);
      for (let i = 0; i < rows.length; i++) sorted[i] = rows[order[i]];
      rows = sorted;
    }
    if (!isCurrent()) return null;
    return this.#setView(rows, gen);
  }

  // Numeric filters over the kept keys, a million rows between yields.
  async #filterByKeys(tests, isCurrent) {
    const total = this.#rows;
    const columns = tests.map((t) => ({ key: t.test.key, ...this.#keys.get(t.index) }));
    let rows = new Uint32Array(tests.length ? 1024 : total);
    let n = 0;
    if (!tests.length) {
      for (let i = 0; i < total; i++) rows[i] = i;
      return { rows, keys: null };
    }
    for (let start = 0; start < total; start += 1 << 20) {
      const end = Math.min(total, start + (1 << 20));
      for (let row = start; row < end; row++) {
        let pass = true;
        for (let c = 0; c < columns.length && pass; c++)
          pass = columns[c].key(columns[c].values[row], columns[c].nulls[row] === 1);
        if (!pass) continue;
        if (n === rows.length) rows = grow(rows);
        rows[n++] = row;
      }
      this.#post({ type: 'queryProgress', gen: this.#queryGen, fraction: end / Math.max(1, total) });
      await yieldNow();
      if (!isCurrent()) throw new Superseded();
    }
    return { rows: rows.slice(0, n), keys: null };
  }

  // Everything else: every block, decoded again if it was evicted.
  async #filterByScan(tests, needle, sortColumn, isCurrent) {
    const numericSort = sortColumn && isNumericKind(sortColumn.kind);
    let rows = new Uint32Array(1024);
    let keys = sortColumn ? (numericSort ? new Float64Array(1024) : []) : null;
    let n = 0;
    let done = 0;
    let lastProgress = performance.now();
    for await (const [index, records] of this.#scan(isCurrent)) {
      const first = this.#blocks[index].first;
      for (let j = 0; j < records.length; j++) {
        const record = records[j];
        let pass = true;
        for (const { column, test } of tests) {
          if (!test(this.#valueOf(record, column))) {
            pass = false;
            break;
          }
        }
        if (pass && needle) pass = plainJson(record, { bytes: 'hex' }).toLowerCase().includes(needle);
        if (!pass) continue;
        if (n === rows.length) {
          rows = grow(rows);
          if (numericSort) keys = grow(keys);
        }
        rows[n] = first + j;
        if (sortColumn) {
          const value = this.#valueOf(record, sortColumn);
          if (numericSort) {
            const key = numericKey(value);
            keys[n] = key === null ? NaN : key;
          } else keys[n] = keyOf(value);
        }
        n++;
      }
      done += records.length;
      const now = performance.now();
      if (now - lastProgress > PROGRESS_EVERY_MS) {
        lastProgress = now;
        this.#post({ type: 'queryProgress', gen: this.#queryGen, fraction: done / Math.max(1, this.#rows) });
      }
    }
    return { rows: rows.slice(0, n), keys: numericSort ? keys.slice(0, n) : keys };
  }

  #setView(view, gen) {
    this.#view = view;
    this.#viewGen = gen;
    return { gen, count: view ? view.length : this.#rows, total: this.#rows };
  }

  /** The current view's rows as a Blob: ndjson, json (plain), avro-json or csv. */
  async export(format, progress) {
    await this.#decoded;
    const view = this.#view;
    const type = this.#type;
    const columns = this.#columns;
    const textOfRecord = {
      ndjson: (record) => plainJson(record),
      json: (record) => plainJson(record),
      'avro-json': (record) => type.toString(record),
      csv: (record) => columns.map((column) => csvField(this.#valueOf(record, column))).join(','),
    }[format];
    if (!textOfRecord) throw new Error(`unknown export format ${format}`);
    const array = format === 'json' || format === 'avro-json';
    const parts = [];
    let pending = [];
    let pendingChars = 0;
    let count = 0;
    const push = (text) => {
      pending.push(text);
      pendingChars += text.length;
      if (pendingChars >= EXPORT_PART_CHARS) {
        parts.push(pending.join(''));
        pending = [];
        pendingChars = 0;
      }
    };
    const emit = (text) => {
      if (array) push(`${count ? ',\n' : ''}  ${text}`);
      else push(format === 'csv' ? `${text}\r\n` : `${text}\n`);
      count++;
    };
    if (array) push('[\n');
    if (format === 'csv') push(`${columns.map((column) => csvField(column.name)).join(',')}\r\n`);
    const total = view ? view.length : this.#rows;
    let lastProgress = performance.now();
    let lastYield = lastProgress;
    const tick = async () => {
      const now = performance.now();
      if (now - lastProgress > PROGRESS_EVERY_MS) {
        lastProgress = now;
        progress(count / Math.max(1, total));
      }
      if (now - lastYield > YIELD_EVERY_MS) {
        await yieldNow();
        lastYield = performance.now();
      }
    };
    if (view) {
      // A sorted view visits blocks in random order. Take it in windows of
      // rows; for each window visit the blocks it needs in file order, one
      // at a time, and place each record's text at its position.
      for (let start = 0; start < view.length; start += EXPORT_WINDOW) {
        const window = view.subarray(start, Math.min(view.length, start + EXPORT_WINDOW));
        const byBlock = new Map(); // block index -> positions in the window
        for (let k = 0; k < window.length; k++) {
          const index = this.#locate(window[k]);
          let positions = byBlock.get(index);
          if (!positions) byBlock.set(index, (positions = []));
          positions.push(k);
        }
        const texts = new Array(window.length);
        for (const index of [...byBlock.keys()].sort((a, b) => a - b)) {
          const records = await this.#block(index);
          const first = this.#blocks[index].first;
          for (const k of byBlock.get(index)) texts[k] = textOfRecord(records[window[k] - first]);
          await tick();
        }
        for (const text of texts) emit(text);
      }
    } else {
      for await (const [, records] of this.#scan(() => true)) {
        for (const record of records) emit(textOfRecord(record));
        await tick();
      }
    }
    if (array) push(count ? '\n]\n' : ']\n');
    parts.push(pending.join(''));
    const mime = {
      ndjson: 'application/x-ndjson',
      json: 'application/json',
      'avro-json': 'application/json',
      csv: 'text/csv',
    }[format];
    return { blob: new Blob(parts, { type: mime }), count };
  }

  dispose() {
    this.cancel();
    this.#queryGen++;
    this.#random?.then((decoder) => decoder.dispose()).catch(() => {});
    this.#random = null;
    this.#type?.dispose();
    this.#cache.clear();
    this.#pinned.clear();
  }
}

function grow(array) {
  const bigger = new array.constructor(array.length * 2);
  bigger.set(array);
  return bigger;
}

function decodeText(bytes) {
  try {
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}

/** An error as the page shows it. */
export function describeError(error, blockCount) {
  return {
    name: error?.name ?? 'Error',
    code: error?.code ?? null,
    message: error?.message ?? String(error),
    offset: typeof error?.offset === 'number' ? error.offset : -1,
    path: error?.path ?? '',
    block: error?.block ? error.block.index : blockCount,
    recordsInBlock: error?.records ? error.records.length : null,
  };
}

const NUMERIC_KINDS = new Set(['number', 'time', 'decimal']);

/**
 * A predicate for one column filter. Every column: `null`, `!null`.
 * Numbers, timestamps (ISO dates accepted), decimals: `>5`, `<=2.5`, `=3`,
 * `!=3`, `10..20` (inclusive). Everything: `=text` (exact), `!=text`,
 * `/regex/flags`, otherwise a case-insensitive substring.
 */
export function compileFilter(expression, column) {
  const text = String(expression ?? '').trim();
  if (!text) return null;
  const numeric = NUMERIC_KINDS.has(column.kind);
  // For numeric columns each predicate also gets a .key form over the kept keys (x, isNull).
  const withKey = (test, key) => {
    if (numeric) test.key = key;
    return test;
  };
  if (/^(is\s+)?null$/i.test(text))
    return withKey(
      (v) => v === null || v === undefined,
      (x, isNull) => isNull,
    );
  if (/^(!|not\s+|is\s+not\s+)null$/i.test(text))
    return withKey(
      (v) => v !== null && v !== undefined,
      (x, isNull) => !isNull,
    );
  if (numeric) {
    const parse = (s) => {
      const t = s.trim();
      if (t === '') return NaN;
      const n = Number(t);
      if (!Number.isNaN(n)) return n;
      return column.kind === 'time' ? Date.parse(t) : NaN;
    };
    const range = /^(.+?)\s*\.\.\s*(.+)$/.exec(text);
    if (range) {
      const lo = parse(range[1]);
      const hi = parse(range[2]);
      if (!Number.isNaN(lo) && !Number.isNaN(hi)) {
        const inRange = (x) => x >= lo && x <= hi;
        return withKey(
          (v) => {
            const x = numericKey(v);
            return x !== null && inRange(x);
          },
          (x, isNull) => !isNull && inRange(x),
        );
      }
    }
    const comparison = /^(<=|>=|!=|==|<|>|=)?\s*(.+)$/.exec(text);
    const operand = parse(comparison[2]);
    if (!Number.isNaN(operand)) {
      const op = comparison[1] ?? '=';
      const compare = (x) => {
        if (Number.isNaN(x)) return op === '!=';
        switch (op) {
          case '<':
            return x < operand;
          case '<=':
            return x <= operand;
          case '>':
            return x > operand;
          case '>=':
            return x >= operand;
          case '!=':
            return x !== operand;
          default:
            return x === operand;
        }
      };
      return withKey(
        (v) => {
          const x = numericKey(v);
          return x !== null && compare(x);
        },
        (x, isNull) => !isNull && compare(x),
      );
    }
  }
  if (text.startsWith('!=')) {
    const wanted = text.slice(2).trim();
    return (v) => v !== null && v !== undefined && textOf(v) !== wanted;
  }
  if (text.startsWith('=')) {
    const wanted = text.slice(text.startsWith('==') ? 2 : 1).trim();
    return (v) => v !== null && v !== undefined && textOf(v) === wanted;
  }
  const regex = /^\/(.+)\/([a-z]*)$/.exec(text);
  if (regex) {
    try {
      const re = new RegExp(regex[1], regex[2].replace(/[gy]/g, ''));
      return (v) => v !== null && v !== undefined && re.test(textOf(v));
    } catch {
      // not a valid regular expression: fall through to a substring match
    }
  }
  const needle = text.toLowerCase();
  return (v) => v !== null && v !== undefined && textOf(v).toLowerCase().includes(needle);
}
