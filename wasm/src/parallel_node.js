// Decoder workers for the Node entries: worker_threads running
// dist/parallel-worker.mjs, which loads the package's own dist/index.mjs.
import { availableParallelism, cpus } from 'node:os';
import { Worker } from 'node:worker_threads';

export function defaultWorkerCount() {
  return typeof availableParallelism === 'function' ? availableParallelism() : cpus().length;
}

/** A started worker behind the interface the pool uses (see parallel_browser.js for the other one). */
export function spawnWorker(url) {
  const worker = new Worker(url);
  let failed = null;
  let terminated = false;
  return {
    post: (message, transfer) => worker.postMessage(message, transfer),
    onMessage: (fn) => worker.on('message', fn),
    // Once, whatever the cause: an uncaught error, a message that could not
    // be deserialized, or the thread exiting on its own.
    onFailure(fn) {
      const fail = (error) => {
        if (failed || terminated) return;
        failed = error;
        fn(error);
      };
      worker.on('error', fail);
      worker.on('messageerror', fail);
      worker.on('exit', (code) => fail(new Error(`the decoder worker exited with code ${code}`)));
    },
    terminate() {
      terminated = true;
      return worker.terminate();
    },
    // An idle worker does not keep the process alive: a pool nobody closed
    // does not stop Node from exiting.
    ref: () => worker.ref(),
    unref: () => worker.unref(),
  };
}
