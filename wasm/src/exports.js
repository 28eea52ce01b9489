// Names every entry point exports besides Type.
export {
  AvroError,
  SchemaError,
  DecodeError,
  ValueError,
  LimitError,
  ResolutionError,
  UnsupportedError,
} from './errors.js';
export { PreciseDate } from './precise_date.js';
export { toArrow } from './columns.js';
