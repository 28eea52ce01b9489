// Splits a container file held in memory into ranges of whole blocks, for
// parallel decoding. Each range plus the file's header is itself a valid
// container file, so a worker decodes it with the ordinary reader.
//
// Block headers are walked one by one (count varint, size varint, data, the
// 16-byte sync marker, which must equal the header's): no scanning for sync
// bytes inside block data, so a crafted file cannot make the split differ
// from what the sequential reader sees. The walk stops at the first thing
// that is not a well-formed block; those bytes (to the end of the file) go
// to the last range, where the worker's reader meets them exactly as the
// sequential reader would and reports the same error. Limits (maxBlockSize,
// ...) are left to that reader too: the walk allocates nothing per block.

const SYNC_SIZE = 16;

/**
 * @param {Uint8Array} bytes the whole file
 * @param {number} start the header's size (the first block's offset)
 * @param {Uint8Array} sync the header's sync marker
 * @param {number} rangeSize close a range once its blocks hold this many bytes
 * @returns {Array<{start: number, end: number, firstBlock: number, blocks: number}>} ranges in file order;
 *   `blocks` counts the well-formed blocks, `end` may include a malformed tail.
 */
export function splitBlocks(bytes, start, sync, rangeSize) {
  const ranges = [];
  let range = null;
  let pos = start;
  let index = 0;
  while (pos < bytes.length) {
    const end = blockEnd(bytes, pos, sync);
    if (end < 0) break;
    if (!range) {
      range = { start: pos, end: pos, firstBlock: index, blocks: 0 };
      ranges.push(range);
    }
    range.end = end;
    range.blocks++;
    index++;
    pos = end;
    if (range.end - range.start >= rangeSize) range = null;
  }
  if (pos < bytes.length) {
    // The malformed tail: decoded (and reported) after the last good block.
    const last = ranges[ranges.length - 1];
    if (last) last.end = bytes.length;
    else ranges.push({ start: pos, end: bytes.length, firstBlock: index, blocks: 0 });
  }
  return ranges;
}

// The offset just past the block at `pos`, or -1 if it is not a whole,
// well-formed block followed by the right sync marker.
function blockEnd(bytes, pos, sync) {
  const count = readLong(bytes, pos);
  if (count === null || count.value < 0) return -1;
  const size = readLong(bytes, count.next);
  if (size === null || size.value < 0) return -1;
  const syncAt = size.next + size.value;
  const end = syncAt + SYNC_SIZE;
  if (end > bytes.length) return -1;
  for (let i = 0; i < SYNC_SIZE; i++) if (bytes[syncAt + i] !== sync[i]) return -1;
  return end;
}

// A zigzag varint long as { value, next }, or null when truncated, longer
// than 10 bytes or beyond 2^53 (no real block count or size is).
function readLong(bytes, pos) {
  let raw = 0;
  let scale = 1;
  for (let i = 0; i < 10 && pos + i < bytes.length; i++) {
    const byte = bytes[pos + i];
    raw += (byte & 0x7f) * scale;
    if (raw > Number.MAX_SAFE_INTEGER) return null;
    if (byte < 0x80) {
      const value = raw % 2 === 0 ? raw / 2 : -(raw + 1) / 2;
      return { value, next: pos + i + 1 };
    }
    scale *= 128;
  }
  return null;
}
