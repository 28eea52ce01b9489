// The CLI's failure kinds and their exit codes: 2 for a command line that
// cannot be run, 1 for bad data or schemas (with the byte offset or datum
// path in the message), 0 when the reader of stdout went away (EPIPE).

export class CliError extends Error {
  constructor(message, { exitCode = 1, offset = -1 } = {}) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
    this.offset = offset;
  }
}

export class UsageError extends CliError {
  constructor(message) {
    super(message, { exitCode: 2 });
    this.name = 'UsageError';
  }
}

/** A data error in a named input: "FILE: message (byte N)". */
export function dataError(source, message, offset = -1) {
  const where = offset >= 0 && !/\(byte \d+\)$/.test(message) ? ` (byte ${offset})` : '';
  return new CliError(`${source}: ${message}${where}`, { offset });
}

/** Prefixes an error from the library (AvroError, whose message already names path and byte) with its input. */
export function inInput(source, error) {
  if (error instanceof CliError || !(error instanceof Error) || !('code' in error)) return error;
  if (typeof error.code !== 'string' || !/^[A-Z_]+$/.test(error.code)) return error;
  return new CliError(`${source}: ${error.message}`, { offset: error.offset ?? -1 });
}

export class BrokenPipe extends Error {}
