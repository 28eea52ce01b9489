// Browsers, workers and bundlers: one awaited instantiation; the .wasm is
// loaded from next to the bundle (bundlers follow new URL(..., import.meta.url)).
import createAvroModule from 'avro-wasm-glue-async';

export const platform = {
  randomBytes: (n) => crypto.getRandomValues(new Uint8Array(n)),
};
const wasmUrl = new URL('./avro_wasm.wasm', import.meta.url);
export const mod = await createAvroModule({ locateFile: () => wasmUrl.href });
