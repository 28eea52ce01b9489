// dist/parallel-worker-browser.mjs: a DecoderPool module Web Worker.
// browser.mjs instantiates the module with a top-level await, so it is
// imported dynamically: the message listener must exist before that
// finishes, or jobs posted right after start-up would be lost.
import { serveDecoder } from './parallel_worker.js';

serveDecoder(
  {
    onMessage: (fn) => self.addEventListener('message', (event) => fn(event.data)),
    post: (message, transfer) => self.postMessage(message, transfer),
  },
  import('./browser.mjs'),
);
