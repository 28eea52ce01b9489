// Synchronous instantiation for Node CommonJS: the .wasm sits next to the bundle.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import createAvroModule from 'avro-wasm-glue-sync';
import { instantiateSync } from './instantiate.js';

export { nodePlatform as platform } from './node_platform.js';
/* global __dirname */
export const mod = instantiateSync(createAvroModule, readFileSync(join(__dirname, 'avro_wasm.wasm')));
