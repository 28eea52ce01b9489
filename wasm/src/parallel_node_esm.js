// dist/index.mjs: the worker entry sits next to the bundle.
export { defaultWorkerCount, spawnWorker } from './parallel_node.js';
export const defaultWorkerUrl = () => new URL('./parallel-worker.mjs', import.meta.url);
