// Node ESM entry: import { Type } from 'avro-wasm' works with no init call.
import { readFileSync } from 'node:fs';
import createAvroModule from 'avro-wasm-glue-sync';
import { createApi } from './api.js';
import { instantiateSync } from './instantiate.js';

const mod = instantiateSync(createAvroModule, readFileSync(new URL('./avro_wasm.wasm', import.meta.url)));
export const { Type } = createApi(mod);
export * from './exports.js';
