// dist/index.cjs: the worker entry sits next to the bundle (an ES module
// there too; a worker thread loads it whatever loaded the pool).
import { join } from 'node:path';

export { defaultWorkerCount, spawnWorker } from './parallel_node.js';
/* global __dirname */
export const defaultWorkerUrl = () => join(__dirname, 'parallel-worker.mjs');
