// What crosses between the pool and its workers besides plain data: errors
// (structured cloning keeps neither the AvroError subclass nor .code, .path,
// .offset), PreciseDate values (cloned as plain Dates, which would drop
// their sub-millisecond digits) and the buffers of decoded columns (moved,
// not copied). Classes are passed in: a worker's are those of the bundle it
// loaded, not this file's bundle's.

/** An error as plain data for postMessage. */
export function errorToWire(error, AvroError) {
  if (!AvroError || !(error instanceof AvroError)) return { name: 'Error', message: String(error?.message ?? error) };
  const wire = { name: error.name, reason: error.reason, code: error.code, path: error.path, offset: error.offset };
  if (error.block) wire.block = { ...error.block, records: undefined, header: undefined };
  return wire;
}

/**
 * The error a worker reported, as the sequential reader would have thrown
 * it for the whole file. The worker read header + range, so its offsets and
 * block numbers count from the range's start: `at` = { delta (add to file
 * offsets past the header), blocksBefore, headerSize }. The core names
 * blocks in these messages (src/container/reader.cpp, block_decode.cpp):
 * "after block N", "<codec> block N: ...", "of the block at byte X";
 * `classes`: AvroError and its subclasses by name.
 * parallel.test.cjs checks each against the sequential reader.
 */
export function errorFromWire(wire, at, classes) {
  const { AvroError } = classes;
  const Class = Object.hasOwn(classes, wire.name) ? classes[wire.name] : null;
  if (!Class) return new AvroError(`decoder worker failed: ${wire.message}`, { code: 'INTERNAL' });
  const offset = (n) => (n >= at.headerSize ? n + at.delta : n);
  const reason = wire.reason
    .replace(/\bafter block (\d+)\b/, (_, n) => `after block ${Number(n) + at.blocksBefore}`)
    .replace(
      /^(deflate|snappy|zstandard|bzip2|xz) block (\d+):/,
      (_, c, n) => `${c} block ${Number(n) + at.blocksBefore}:`,
    )
    .replace(/\bof the block at byte (\d+)/, (_, n) => `of the block at byte ${offset(Number(n))}`);
  const error = new Class(reason, { code: wire.code, path: wire.path, offset: offset(wire.offset) });
  if (wire.block) {
    error.block = { ...wire.block, index: wire.block.index + at.blocksBefore, offset: offset(wire.block.offset) };
  }
  return error;
}

// Calls fn(date, ordinal) for every Date in a decoded value, depth first
// in property order (the order structured cloning keeps); a Date fn
// returns replaces the one visited. Kinds are told by their tags: cloned
// values may come from another realm (a test runner's vm context).
const tag = (value) => Object.prototype.toString.call(value);

function visitDates(value, fn, state = { ordinal: 0 }) {
  const visit = (item) => {
    if (tag(item) === '[object Date]') return fn(item, state.ordinal++);
    if (item !== null && typeof item === 'object' && !ArrayBuffer.isView(item)) visitDates(item, fn, state);
    return undefined;
  };
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const replaced = visit(value[i]);
      if (replaced) value[i] = replaced;
    }
  } else if (tag(value) === '[object Map]') {
    for (const [key, item] of value) {
      const replaced = visit(item);
      if (replaced) value.set(key, replaced);
    }
  } else {
    for (const key of Object.keys(value)) {
      const replaced = visit(value[key]);
      if (replaced) value[key] = replaced;
    }
  }
}

/** [ordinal, nanos, ...] of the PreciseDates in `value` (worker side). */
export function preciseToWire(value, PreciseDate) {
  const found = [];
  visitDates(value, (date, ordinal) => {
    if (date instanceof PreciseDate) found.push(ordinal, date.subMillisecondNanos);
  });
  return found;
}

/** Turns the cloned Dates preciseToWire listed back into PreciseDates (pool side). */
export function preciseFromWire(value, found, PreciseDate) {
  if (found.length === 0) return;
  let next = 0;
  visitDates(value, (date, ordinal) => {
    if (ordinal !== found[next]) return undefined;
    const nanos = found[next + 1];
    next += 2;
    return new PreciseDate(date.getTime(), nanos);
  });
}

/** Whether values of this schema may hold PreciseDates (micro- and nanosecond timestamps). */
export function mayHoldPreciseDates(schema, options) {
  if (options.logicalTypes === false) return false;
  return /"logicalType":"(local-)?timestamp-(micros|nanos)"/.test(JSON.stringify(schema));
}

/** The ArrayBuffers of decodeColumns() output, to transfer instead of copy. */
export function columnBuffers(decoded) {
  const buffers = new Set();
  for (const column of decoded.columns) {
    for (const array of [column.values, column.offsets, column.listOffsets, column.validity]) {
      if (array) buffers.add(array.buffer);
    }
  }
  return [...buffers];
}
