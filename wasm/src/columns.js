// Columnar decoding of container files: the core decodes each block straight
// into Arrow-layout buffers (values, offsets, validity bitmap) per leaf
// field, and each buffer is copied out of the wasm heap once at the end.
// No JS object is made per record. toArrow() wraps those buffers in an
// apache-arrow Table without copying them again.
import { AvroError, errorFromCore } from './errors.js';
import { DESC, HANDLE } from './internal.js';
import { toBytes } from './bytes.js';
import { chunksOf } from './container.js';

const EVENT_NEED_INPUT = 0;
const EVENT_HEADER = 1;
const EVENT_BLOCK = 2;
const EVENT_END = 3;
const SLICE = 1 << 20;

const VALUE_ARRAYS = {
  null: null,
  bool: Uint8Array, // bit-packed, least significant bit first (Arrow's layout)
  int32: Int32Array,
  enum: Int32Array, // indices into `symbols`
  int64: BigInt64Array,
  float32: Float32Array,
  float64: Float64Array,
  utf8: Uint8Array,
  binary: Uint8Array,
  fixed: Uint8Array,
};

export function createColumnsApi(mod, { Type, codeNames, platform }) {
  const coreError = (handle, context) => errorFromCore(handle.takeError(), codeNames, context);

  // One file's decoding: push bytes, then result().
  class ColumnReader {
    #decoder = mod.ContainerDecoder.create('{}');
    #columns = null;
    #type = null;
    #fields;
    #options;
    #done = false;

    constructor(options) {
      this.#fields = options.fields ?? [];
      this.#options = options;
    }

    push(chunk) {
      const bytes = toBytes(chunk);
      for (let i = 0; i < bytes.length; i += SLICE) {
        const part = bytes.subarray(i, i + SLICE);
        mod.HEAPU8.set(part, this.#decoder.reserve(part.length));
        this.#decoder.commit(part.length);
        this.#drain();
      }
    }

    finish() {
      this.#decoder.finish();
      this.#drain();
      if (!this.#done) throw new AvroError('the file ended before its first block', { code: 'TRUNCATED' });
      return this.#result();
    }

    dispose() {
      this.#decoder.delete();
      this.#columns?.delete();
      this.#type?.dispose();
    }

    #drain() {
      for (;;) {
        const event = this.#decoder.next();
        if (event === EVENT_NEED_INPUT) return;
        if (event === EVENT_END) {
          this.#done = true;
          return;
        }
        if (event === EVENT_HEADER) this.#start();
        else if (event === EVENT_BLOCK) {
          if (this.#columns.decodeBlock(this.#decoder) !== 0) throw coreError(this.#columns, 'decode');
        } else throw coreError(this.#decoder, 'decode');
      }
    }

    #start() {
      const header = JSON.parse(this.#decoder.headerJson());
      this.#type = Type.forSchema(header.schema, { maxDepth: this.#options.maxDepth, maxLength: this.#options.maxLength });
      const columns = mod.ColumnsHandle.create(this.#type[HANDLE], JSON.stringify(this.#fields));
      if (!columns.ok()) {
        const error = coreError(columns, 'columns');
        columns.delete();
        throw error;
      }
      this.#columns = columns;
    }

    #result() {
      const layout = JSON.parse(this.#columns.layoutJson());
      const buffers = JSON.parse(this.#columns.buffersJson());
      const nodes = this.#type[DESC].desc.nodes;
      const heap = mod.HEAPU8;
      const copy = (ptr, len) => heap.buffer.slice(ptr, ptr + len);
      const columns = layout.columns.map((c, i) => {
        const [rows, nullCount, vPtr, vLen, oPtr, oLen, lPtr, lLen, nPtr, nLen] = buffers[i];
        const node = nodes[c.node];
        const Values = VALUE_ARRAYS[c.kind];
        const column = {
          path: c.path,
          type: c.kind,
          length: rows,
          nullCount,
          values: Values ? new Values(copy(vPtr, vLen)) : null,
        };
        if (node.logical) column.logicalType = node.logical;
        if (node.precision !== undefined) Object.assign(column, { precision: node.precision, scale: node.scale });
        if (c.kind === 'fixed') column.width = c.width;
        if (c.kind === 'enum') column.symbols = node.symbols;
        if (c.kind === 'utf8' || c.kind === 'binary') column.offsets = new Int32Array(copy(oPtr, oLen));
        if (c.list) column.listOffsets = new Int32Array(copy(lPtr, lLen));
        if (c.nullable) column.validity = new Uint8Array(copy(nPtr, nLen));
        return column;
      });
      return { numRows: this.#columns.rows(), schema: this.#type.schema(), columns, skipped: layout.skipped };
    }
  }

  /**
   * Decodes a container file into columns: { numRows, schema, columns,
   * skipped }. Each column is { path, type, length, nullCount, values,
   * offsets?, listOffsets?, validity?, symbols?, logicalType?, width? }
   * in Arrow's layout. `fields` picks paths ("id", "address.city"; a record
   * path takes all its leaves); by default every field with a columnar
   * layout (maps and general unions are listed in `skipped`).
   * Bytes give the result; a Blob, stream, async iterable or (Node) path
   * gives a Promise of it.
   */
  function decodeColumns(input, options = {}) {
    if (input instanceof Uint8Array || input instanceof ArrayBuffer || ArrayBuffer.isView(input)) {
      const reader = new ColumnReader(options);
      try {
        reader.push(input);
        return reader.finish();
      } finally {
        reader.dispose();
      }
    }
    return (async () => {
      const reader = new ColumnReader(options);
      try {
        for await (const chunk of chunksOf(input, platform)) reader.push(chunk);
        return reader.finish();
      } finally {
        reader.dispose();
      }
    })();
  }

  return { decodeColumns };
}

/**
 * An apache-arrow Table over decodeColumns() output, sharing its buffers.
 * `arrow` is the apache-arrow module (an optional peer dependency, passed
 * in so bundles without it still build): toArrow(decodeColumns(bytes), arrow).
 */
export function toArrow(decoded, arrow) {
  if (!arrow || typeof arrow.makeData !== 'function') {
    throw new AvroError('toArrow needs the apache-arrow module: toArrow(columns, await import("apache-arrow"))', {
      code: 'INVALID_VALUE',
    });
  }
  const vectors = {};
  for (const column of decoded.columns) {
    const item = arrowData(arrow, column, !column.listOffsets);
    let data = item;
    if (column.listOffsets) {
      const type = new arrow.List(new arrow.Field('item', item.type, false));
      data = arrow.makeData({
        type,
        length: column.length,
        nullCount: column.nullCount,
        nullBitmap: column.validity,
        valueOffsets: column.listOffsets,
        child: item,
      });
    }
    vectors[column.path] = arrow.makeVector(data);
  }
  return new arrow.Table(vectors);
}

// The Arrow data of a column's values (a list column: of its items).
function arrowData(arrow, column, own) {
  const length = own ? column.length : column.listOffsets[column.listOffsets.length - 1];
  const base = {
    length,
    nullCount: own ? column.nullCount : 0,
    nullBitmap: own ? column.validity : undefined,
  };
  const type = arrowType(arrow, column);
  if (column.type === 'utf8' || column.type === 'binary') {
    return arrow.makeData({ ...base, type, data: column.values, valueOffsets: column.offsets });
  }
  if (column.type === 'enum') {
    const dictionary = arrow.vectorFromArray(column.symbols, new arrow.Utf8());
    return arrow.makeData({ ...base, type, data: column.values, dictionary });
  }
  if (column.type === 'null') return arrow.makeData({ type, length });
  return arrow.makeData({ ...base, type, data: column.values });
}

function arrowType(arrow, column) {
  const unit = { millis: arrow.TimeUnit.MILLISECOND, micros: arrow.TimeUnit.MICROSECOND, nanos: arrow.TimeUnit.NANOSECOND };
  const logical = column.logicalType ?? '';
  const timestamp = /^(local-)?timestamp-(millis|micros|nanos)$/.exec(logical);
  switch (column.type) {
    case 'null': return new arrow.Null();
    case 'bool': return new arrow.Bool();
    case 'int32':
      if (logical === 'date') return new arrow.DateDay();
      if (logical === 'time-millis') return new arrow.TimeMillisecond();
      return new arrow.Int32();
    case 'int64':
      if (timestamp) return new arrow.Timestamp(unit[timestamp[2]], timestamp[1] ? null : 'UTC');
      if (logical === 'time-micros') return new arrow.TimeMicrosecond();
      return new arrow.Int64();
    case 'float32': return new arrow.Float32();
    case 'float64': return new arrow.Float64();
    case 'utf8': return new arrow.Utf8();
    case 'binary': return new arrow.Binary();
    case 'fixed': return new arrow.FixedSizeBinary(column.width);
    case 'enum': return new arrow.Dictionary(new arrow.Utf8(), new arrow.Int32());
    default: throw new AvroError(`no Arrow type for column kind ${column.type}`, { code: 'INTERNAL' });
  }
}
