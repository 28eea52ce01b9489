// Inputs (a file or "-" for stdin) as byte chunks, and outputs (a file or
// "-" for stdout) that wait for the stream to drain, so a fast producer
// never buffers a whole file in memory.
import { createReadStream, createWriteStream, promises as fsp, realpathSync } from 'node:fs';
import { BrokenPipe, CliError, UsageError } from './errors.js';

const CHUNK = 1 << 20;

/**
 * An input: { name, size (bytes, or null for stdin), bytesRead, chunks() }.
 * chunks() can be iterated once.
 */
export async function openInput(path, ctx) {
  if (path === '-') return streamInput('stdin', ctx.stdin, null);
  let size;
  try {
    const stat = await fsp.stat(path);
    if (stat.isDirectory()) throw new CliError(`${path}: is a directory`);
    size = stat.size;
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`${path}: ${systemMessage(error)}`);
  }
  return streamInput(path, createReadStream(path, { highWaterMark: CHUNK }), size);
}

function streamInput(name, stream, size) {
  const input = {
    name,
    size,
    bytesRead: 0,
    async *chunks() {
      try {
        for await (const chunk of stream) {
          input.bytesRead += chunk.length;
          yield new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
        }
      } catch (error) {
        throw new CliError(`${name}: ${systemMessage(error)}`);
      }
    },
    close() {
      if (name !== 'stdin') stream.destroy();
    },
  };
  return input;
}

/** All of an input as text (schemas, small JSON files). */
export async function readText(path, ctx) {
  const input = await openInput(path, ctx);
  const parts = [];
  for await (const chunk of input.chunks()) parts.push(Buffer.from(chunk));
  return Buffer.concat(parts).toString('utf8');
}

/**
 * An output: write(bytes|string) and end() return promises that settle once
 * the stream can take more; abort() removes a partly written file.
 * binary: refuse to write Avro bytes to a terminal.
 */
export function openOutput(path, ctx, { binary = false } = {}) {
  if (path === '-') {
    if (binary && ctx.stdout.isTTY) {
      throw new UsageError('refusing to write binary Avro data to a terminal: name an output file or redirect stdout');
    }
    return streamOutput(ctx.stdout, { name: 'stdout', owned: false });
  }
  return streamOutput(createWriteStream(path), { name: path, owned: true, path });
}

function streamOutput(stream, { name, owned, path }) {
  let failure = null;
  const onError = (error) => {
    failure = error.code === 'EPIPE' ? new BrokenPipe() : new CliError(`${name}: ${systemMessage(error)}`);
  };
  stream.on('error', onError);
  const check = () => {
    if (failure) throw failure;
  };
  const waitFor = (event) =>
    new Promise((resolve) => {
      const done = () => {
        stream.off(event, done);
        stream.off('error', done);
        stream.off('close', done);
        resolve();
      };
      stream.on(event, done);
      stream.on('error', done);
      stream.on('close', done);
    });
  return {
    name,
    async write(data) {
      check();
      if (data.length === 0) return;
      if (!stream.write(data)) await waitFor('drain');
      check();
    },
    async end() {
      check();
      if (owned) {
        const closed = waitFor('close');
        stream.end();
        await closed;
      } else {
        // stdout stays open for the process; wait until what was written is flushed.
        await new Promise((resolve) => stream.write('', resolve));
      }
      check();
    },
    async abort() {
      if (!owned) return;
      stream.destroy();
      await fsp.rm(path, { force: true });
    },
  };
}

/** A usage error when an output would overwrite one of the inputs. */
export function assertDistinct(inputs, output) {
  if (output === '-') return;
  let target;
  try {
    target = realpathSync(output);
  } catch {
    return; // does not exist yet
  }
  for (const input of inputs) {
    if (input === '-') continue;
    try {
      if (realpathSync(input) === target) throw new UsageError(`the output ${output} is also an input`);
    } catch (error) {
      if (error instanceof UsageError) throw error;
    }
  }
}

function systemMessage(error) {
  switch (error.code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    default:
      return error.message;
  }
}
