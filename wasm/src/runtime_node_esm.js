// Synchronous instantiation for Node ESM: the .wasm sits next to the bundle.
import { readFileSync } from 'node:fs';
import createAvroModule from 'avro-wasm-glue-sync';
import { instantiateSync } from './instantiate.js';

export { nodePlatform as platform } from './node_platform.js';
export const mod = instantiateSync(createAvroModule, readFileSync(new URL('./avro_wasm.wasm', import.meta.url)));
