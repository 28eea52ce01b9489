// dist/parallel-worker.mjs: a DecoderPool worker thread in Node. The
// package's bundle is imported at once but awaited per message, so the
// listener is in place before the first job arrives.
import { parentPort } from 'node:worker_threads';
import { serveDecoder } from './parallel_worker.js';

serveDecoder(
  {
    onMessage: (fn) => parentPort.on('message', fn),
    post: (message, transfer) => parentPort.postMessage(message, transfer),
  },
  import('./index.mjs'),
);
