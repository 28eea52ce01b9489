// The avro-wasm command line: finds the subcommand, parses its arguments,
// runs it and turns failures into messages and exit codes (0 success, 1 data
// or schema error, 2 usage error). The package itself comes in through
// ctx.avro (bin/avro-wasm.mjs imports the built package).
import { helpText, parseArgs } from './args.js';
import { BrokenPipe, CliError, UsageError } from './errors.js';
import { cat, concat } from './commands/cat.js';
import fromjson from './commands/fromjson.js';
import { count, getmeta, getschema } from './commands/info.js';
import random from './commands/random.js';
import recodec from './commands/recodec.js';
import repair from './commands/repair.js';
import { canonical, compat, fingerprint } from './commands/schema_tools.js';
import tojson from './commands/tojson.js';
import validate from './commands/validate.js';

const COMMANDS = [
  tojson,
  fromjson,
  getschema,
  getmeta,
  count,
  cat,
  concat,
  recodec,
  repair,
  random,
  fingerprint,
  canonical,
  compat,
  validate,
];
const BY_NAME = new Map(COMMANDS.map((c) => [c.name, c]));

function overview() {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'Usage: avro-wasm COMMAND [options] [arguments]',
    '',
    'Apache Avro files and schemas from the command line. FILE may be - for stdin;',
    'output goes to stdout unless a command takes an output file. Schemas (S) are',
    'a path to an .avsc file or the JSON text itself.',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    "Run 'avro-wasm COMMAND --help' for a command's options.",
    'Exit codes: 0 success, 1 data or schema error, 2 usage error.',
    '',
  ].join('\n');
}

/**
 * Runs one command line. ctx: { avro, stdin, stdout, stderr, env, version }.
 * Resolves to the exit code.
 */
export async function main(argv, ctx) {
  const [name, ...rest] = argv;
  if (name === undefined) {
    ctx.stderr.write(overview());
    return 2;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    const command = BY_NAME.get(rest[0]);
    ctx.stdout.write(command ? helpText(command) : overview());
    return 0;
  }
  if (name === '--version' || name === '-V') {
    ctx.stdout.write(`${ctx.version}\n`);
    return 0;
  }
  const command = BY_NAME.get(name);
  if (!command) {
    ctx.stderr.write(`avro-wasm: unknown command ${JSON.stringify(name)}\nRun 'avro-wasm --help' for the list.\n`);
    return 2;
  }
  const beforeEnd = rest.indexOf('--') < 0 ? rest : rest.slice(0, rest.indexOf('--'));
  if (beforeEnd.includes('--help') || beforeEnd.includes('-h')) {
    ctx.stdout.write(helpText(command));
    return 0;
  }
  try {
    const args = parseArgs(rest, command);
    return (await command.run(args, ctx)) ?? 0;
  } catch (error) {
    return report(error, command.name, ctx);
  }
}

function report(error, name, ctx) {
  if (error instanceof BrokenPipe) return 0; // the reader of stdout went away (e.g. `| head`)
  if (error instanceof UsageError) {
    ctx.stderr.write(`avro-wasm ${name}: ${error.message}\nRun 'avro-wasm ${name} --help' for usage.\n`);
    return 2;
  }
  if (error instanceof CliError) {
    ctx.stderr.write(`avro-wasm ${name}: ${error.message}\n`);
    return error.exitCode;
  }
  if (error instanceof Error && typeof error.code === 'string' && /^[A-Z_]+$/.test(error.code)) {
    ctx.stderr.write(`avro-wasm ${name}: ${error.message}\n`); // an AvroError from the package
    return 1;
  }
  ctx.stderr.write(`avro-wasm ${name}: internal error: ${error?.stack ?? error}\n`);
  return 1;
}
