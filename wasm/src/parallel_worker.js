// The worker side of DecoderPool: decodes one range of a container file
// (the file's header + whole blocks, a valid container file by itself) per
// message with the package's ordinary readers, and posts the result back.
// Only the public API is used: the worker entries hand in the package's
// own bundle (dist/index.mjs, dist/browser.mjs).
import { columnBuffers, errorToWire, mayHoldPreciseDates, preciseToWire } from './parallel_wire.js';

const SLICE = 1 << 20; // fed 1 MiB at a time: the reader holds about one block

/**
 * @param {{ onMessage(fn): void, post(message, transfer): void }} port
 * @param {Promise<object>} api the package's exports, once loaded
 */
export function serveDecoder(port, api) {
  port.onMessage(async (job) => {
    let avro = {};
    let reply;
    try {
      avro = await api;
      reply = job.kind === 'columns' ? await decodeColumnsJob(avro, job) : decodeRecordsJob(avro, job);
    } catch (error) {
      reply = { error: errorToWire(error, avro.AvroError), transfer: [] };
    }
    const { transfer, ...message } = reply;
    message.id = job.id;
    port.post(message, transfer);
  });
}

// Records of the range; a data error ends the range (like bestEffort), the
// pool decides whether to throw it.
function decodeRecordsJob({ ContainerDecoder, AvroError, PreciseDate }, { header, data, options }) {
  const decoder = new ContainerDecoder(options);
  const records = [];
  let blocks = 0;
  let error = null;
  let partial = [];
  const drain = () => {
    for (let block; (block = decoder.nextBlock()) !== null; blocks++) {
      for (const record of block.records) records.push(record);
    }
  };
  try {
    decoder.push(header);
    const bytes = new Uint8Array(data);
    for (let i = 0; i < bytes.length; i += SLICE) {
      decoder.push(bytes.subarray(i, i + SLICE));
      drain();
    }
    decoder.end();
    drain();
  } catch (caught) {
    error = errorToWire(caught, AvroError);
    partial = caught.records ?? [];
  }
  const schema = decoder.type?.schema();
  decoder.dispose();
  const precise = schema && mayHoldPreciseDates(schema, options) ? preciseToWire([records, partial], PreciseDate) : [];
  return { records, partial, blocks, error, precise, transfer: [] };
}

async function decodeColumnsJob({ decodeColumns }, { header, data, options }) {
  const decoded = await decodeColumns([new Uint8Array(header), new Uint8Array(data)], options);
  return { decoded, transfer: columnBuffers(decoded) };
}
