// Decoder workers for browsers: module Web Workers running
// dist/parallel-worker-browser.mjs, which loads dist/browser.mjs from next
// to itself (and the .wasm from next to that).
export function defaultWorkerCount() {
  return globalThis.navigator?.hardwareConcurrency ?? 2;
}

export const defaultWorkerUrl = () => new URL('./parallel-worker-browser.mjs', import.meta.url);

/** A started worker behind the interface the pool uses (see parallel_node.js). */
export function spawnWorker(url) {
  const worker = new Worker(url, { type: 'module' });
  let failed = false;
  return {
    post: (message, transfer) => worker.postMessage(message, transfer),
    onMessage: (fn) => worker.addEventListener('message', (event) => fn(event.data)),
    onFailure(fn) {
      const fail = (event) => {
        if (failed) return;
        failed = true;
        fn(new Error(event.message || `the decoder worker ${url} failed to load or crashed`));
      };
      worker.addEventListener('error', fail);
      worker.addEventListener('messageerror', fail);
    },
    terminate: () => worker.terminate(),
    ref() {},
    unref() {},
  };
}
