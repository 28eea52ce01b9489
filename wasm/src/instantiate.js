// Synchronous instantiation for Node (and anything else that may compile a
// module synchronously): the glue is linked with WASM_ASYNC_COMPILATION=0,
// so the factory has finished instantiating when it returns.
export function instantiateSync(factory, wasmBinary) {
  const mod = { wasmBinary };
  factory(mod);
  if (typeof mod.AvroType !== 'function') {
    throw new Error('avro-wasm: the WebAssembly module did not initialise synchronously');
  }
  return mod;
}
