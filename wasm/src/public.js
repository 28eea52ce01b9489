// The package's public surface, shared by every entry. 'avro-wasm-runtime'
// is aliased at bundle time to the runtime that instantiates the module for
// the target (runtime_node_esm.js, runtime_node_cjs.js, runtime_browser.js).
import { mod, platform } from 'avro-wasm-runtime';
import { createApi } from './api.js';
import { AvroError, DecodeError, UnsupportedError } from './errors.js';
import { createFramingApi } from './framing.js';

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
export * from './exports.js';
