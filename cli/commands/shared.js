// Pieces several commands share: the codec list and JSON value input.
import { CliError } from '../errors.js';
import { JsonSplitter } from '../json_text.js';

export const CODECS = ['null', 'deflate', 'snappy', 'zstandard', 'bzip2', 'xz'];

/** The --codec and --level options of commands that write a new file. */
export function codecOptions(levelHelp) {
  return {
    codec: {
      type: 'string',
      value: 'C',
      choices: CODECS,
      default: 'null',
      help: `block codec: ${CODECS.join(', ')} (default null)`,
    },
    level: { type: 'integer', value: 'L', help: levelHelp },
  };
}

const BATCH = 512;

/**
 * The JSON values of an input in batches of { text, line, index }: whitespace
 * separated, so JSON Lines and pretty-printed values both work.
 */
export async function* readJsonValues(input, onProgress) {
  const splitter = new JsonSplitter();
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  let index = 0;
  let batch = [];
  const take = (values) => {
    for (const value of values) batch.push({ ...value, index: index++ });
  };
  for await (const chunk of input.chunks()) {
    let text;
    try {
      text = utf8.decode(chunk, { stream: true });
    } catch {
      throw new CliError(`${input.name}: the input is not valid UTF-8 (near byte ${input.bytesRead})`);
    }
    take(splitter.push(text));
    onProgress?.(input.bytesRead);
    if (batch.length >= BATCH) {
      yield batch;
      batch = [];
    }
  }
  take(splitter.end(input.name));
  if (batch.length) yield batch;
}
