// Browser / worker / bundler entry: one awaited import, the .wasm is loaded
// from next to this file (bundlers follow the new URL(..., import.meta.url)).
import createAvroModule from 'avro-wasm-glue-async';
import { createApi } from './api.js';

const wasmUrl = new URL('./avro_wasm.wasm', import.meta.url);
const mod = await createAvroModule({ locateFile: () => wasmUrl.href });
export const { Type } = createApi(mod);
export * from './exports.js';
