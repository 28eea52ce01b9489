// Symbols for package-internal access to a Type's wasm handle and its batch
// materializers; not exported from the package.
export const HANDLE = Symbol('avro-wasm.handle');
export const READ_MANY = Symbol('avro-wasm.readMany');
export const WRITE_MANY = Symbol('avro-wasm.writeMany');
