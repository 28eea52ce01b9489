// Node CommonJS entry: require('avro-wasm') works with no init call.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import createAvroModule from 'avro-wasm-glue-sync';
import { createApi } from './api.js';
import { instantiateSync } from './instantiate.js';

/* global __dirname */
const mod = instantiateSync(createAvroModule, readFileSync(join(__dirname, 'avro_wasm.wasm')));
export const { Type } = createApi(mod);
export * from './exports.js';
