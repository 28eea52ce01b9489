// Node entry (ESM import and CJS require, no init call): the shared API plus
// Node streams and file helpers.
import { ContainerDecoder, ContainerEncoder, readHeader } from './public.js';
import { createNodeApi } from './node_platform.js';

export * from './public.js';
export const { BlockDecoder, BlockEncoder, createFileDecoder, createFileEncoder, appendToFile } = createNodeApi({
  ContainerDecoder,
  ContainerEncoder,
  readHeader,
});
