// avsc decoding a container file in the browser, the way its BlockDecoder
// does it (header, then per block: count, bytes, sync; decompress; read
// `count` values with the schema's compiled reader), without Node streams,
// which browsers lack. Deflate goes through the browser's native
// DecompressionStream, which is what an avsc user in a browser would pass as
// its codec; avsc has no other codec built in.
import avsc from 'avsc/etc/browser/avsc-types.js';
import utils from 'avsc/lib/utils.js';
import { Buffer } from './shims/buffer.js';
import { avscLogicalTypes } from './data.js';

const { Tap } = utils;
const OPTS = { namespace: 'org.apache.avro.file' };
const HEADER_TYPE = avsc.Type.forSchema(
  {
    name: 'Header',
    type: 'record',
    fields: [
      { name: 'magic', type: { type: 'fixed', name: 'Magic', size: 4 } },
      { name: 'meta', type: { type: 'map', values: 'bytes' } },
      { name: 'sync', type: { type: 'fixed', name: 'Sync', size: 16 } },
    ],
  },
  OPTS,
);
const BLOCK_TYPE = avsc.Type.forSchema(
  {
    name: 'Block',
    type: 'record',
    fields: [
      { name: 'count', type: 'long' },
      { name: 'data', type: 'bytes' },
      { name: 'sync', type: 'Sync' },
    ],
  },
  OPTS,
);

export const avscVersion = '5.7.9';

async function inflateRaw(bytes) {
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** All records of a container file held in memory. */
export async function avscReadContainer(bytes) {
  const buf = new Buffer(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tap = new Tap(buf);
  const header = HEADER_TYPE._read(tap);
  const codec = header.meta['avro.codec'] ? header.meta['avro.codec'].toString() : 'null';
  if (codec !== 'null' && codec !== 'deflate') throw new Error(`avsc in the browser: no ${codec} codec`);
  // Timestamps as Dates, as avro-wasm gives them, so both build the same objects.
  const type = avsc.Type.forSchema(JSON.parse(header.meta['avro.schema'].toString()), {
    logicalTypes: avscLogicalTypes(avsc),
    wrapUnions: false,
  });
  const records = [];
  while (tap.pos < buf.length) {
    const block = BLOCK_TYPE._read(tap);
    if (!tap.isValid()) throw new Error('truncated block');
    if (!block.sync.equals(header.sync)) throw new Error('invalid sync marker');
    let data = block.data;
    if (codec === 'deflate') {
      const inflated = await inflateRaw(data);
      data = new Buffer(inflated.buffer, inflated.byteOffset, inflated.byteLength);
    }
    const blockTap = new Tap(data);
    for (let i = 0; i < block.count; i++) records.push(type._read(blockTap));
    if (!blockTap.isValid()) throw new Error('truncated block');
  }
  return records;
}
