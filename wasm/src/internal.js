// Symbols for package-internal access to a Type's wasm handle, its batch
// materializers and its program description; not exported from the package.
export const HANDLE = Symbol('avro-wasm.handle');
export const READ_MANY = Symbol('avro-wasm.readMany');
export const WRITE_MANY = Symbol('avro-wasm.writeMany');
// A Type's { desc ({root, nodes}), options, writers, defaultValue(hex, node) }
// for the value operations (values.js).
export const DESC = Symbol('avro-wasm.desc');
// A handle's address in the wasm heap, for the plain exports (bindings.cpp).
export const ADDRESS = Symbol('avro-wasm.address');
// A ContainerEncoder's whole-file call for writeContainer: records in, the
// file's bytes out, with one copy of each block.
export const ENCODE_ALL = Symbol('avro-wasm.encodeAll');
