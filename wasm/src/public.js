// The package's public surface, shared by every entry. 'avro-wasm-runtime'
// is aliased at bundle time to the runtime that instantiates the module for
// the target (runtime_node_esm.js, runtime_node_cjs.js, runtime_browser.js);
// 'avro-wasm-parallel-runtime' likewise to how it starts decoder workers
// (parallel_node_esm.js, parallel_node_cjs.js, parallel_browser.js).
import { mod, platform } from 'avro-wasm-runtime';
import { createApi } from './api.js';
import { AvroError, DecodeError, UnsupportedError } from './errors.js';
import { createFramingApi } from './framing.js';
import * as parallelRuntime from 'avro-wasm-parallel-runtime';
import { createParallelApi } from './parallel.js';

export const {
  Type,
  memoryUsage,
  ContainerDecoder,
  ContainerEncoder,
  readContainer,
  writeContainer,
  readHeader,
  appendContainer,
  readBlocks,
  readRecords,
  createDecoderStream,
  createEncoderStream,
  checkCompatibility,
  checkCompatibilityMode,
  decodeColumns,
} = createApi(mod, platform);
export const {
  encodeSingleObject,
  decodeSingleObject,
  SchemaStore,
  isSingleObject,
  singleObjectFingerprint,
  encodeConfluent,
  createConfluentDecoder,
  confluentSchemaId,
} = createFramingApi({ Type, AvroError, DecodeError, UnsupportedError });
export const { DecoderPool, readContainerParallel, decodeColumnsParallel } = createParallelApi(
  { Type, readHeader, decodeColumns },
  parallelRuntime,
);
export * from './exports.js';
