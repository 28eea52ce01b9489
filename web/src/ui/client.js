// The page's side of the worker protocol.
//
// page -> worker: { type: 'open', session, file } | 'cancel' | 'rows' { start, count, gen }
//   | 'record' { row } | 'query' { query: { filters, search, sort }, gen }
//   | 'export' { format } | 'message' { request }
// worker -> page: 'ready' | 'header' | 'progress' | 'summary' | 'done' (per file, with
//   its session number) | 'rows' | 'view' | 'queryProgress' | 'exportProgress'
//   | replies to 'record' / 'export' / 'message' (matched by id) | 'failed'.
//
// Requests wait until the worker has instantiated the WebAssembly module
// ('ready'). terminate() is the hard stop when a block takes too long to
// cancel cooperatively; a fresh worker starts in its place.
export class DecoderClient {
  #worker = null;
  #ready = false;
  #queue = [];
  #nextId = 1;
  #pending = new Map();
  #onEvent;

  constructor(onEvent) {
    this.#onEvent = onEvent;
    this.#start();
  }

  #start() {
    this.#ready = false;
    const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module', name: 'avro-decoder' });
    worker.onmessage = ({ data }) => {
      if (data.type === 'ready') {
        this.#ready = true;
        for (const message of this.#queue.splice(0)) worker.postMessage(message);
        return;
      }
      const pending = data.id !== undefined && this.#pending.get(data.id);
      if (pending && data.type !== 'exportProgress') {
        this.#pending.delete(data.id);
        if (data.type === 'failed') pending.reject(Object.assign(new Error(data.error.message), data.error));
        else pending.resolve(data);
        return;
      }
      if (pending && data.type === 'exportProgress') pending.progress?.(data.fraction);
      this.#onEvent(data);
    };
    worker.onerror = (event) => {
      event.preventDefault();
      this.#onEvent({ type: 'workerError', message: event.message || 'the decoder failed to start' });
    };
    this.#worker = worker;
  }

  /** Fire and forget. */
  post(message) {
    if (this.#ready) this.#worker.postMessage(message);
    else this.#queue.push(message);
  }

  /** A request with one reply; progress(fraction) hears exportProgress. */
  request(message, progress) {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject, progress });
      this.post({ ...message, id });
    });
  }

  /** Stops the worker now (dropping the open file) and starts a new one. */
  restart() {
    this.#worker.terminate();
    for (const { reject } of this.#pending.values()) reject(new Error('the decoder was restarted'));
    this.#pending.clear();
    this.#queue = [];
    this.#start();
  }
}
