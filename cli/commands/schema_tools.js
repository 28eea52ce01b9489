// Schema commands: fingerprint, canonical (Parsing Canonical Form) and
// compat (reader/writer compatibility, as Java's SchemaCompatibility decides).
import { openOutput } from '../io.js';
import { loadType } from '../schema_arg.js';

const ALGORITHMS = {
  crc64: 'CRC-64-AVRO',
  rabin: 'CRC-64-AVRO',
  'CRC-64-AVRO': 'CRC-64-AVRO',
  md5: 'MD5',
  MD5: 'MD5',
  sha256: 'SHA-256',
  'SHA-256': 'SHA-256',
};
const SCHEMAS_ARG = { min: 1, names: 'a schema (.avsc path or JSON text)' };

async function printLines(ctx, lines) {
  const out = openOutput('-', ctx);
  await out.write(lines.map((line) => `${line}\n`).join(''));
  await out.end();
}

export const fingerprint = {
  name: 'fingerprint',
  summary: "print a schema's fingerprint (CRC-64-AVRO, MD5 or SHA-256) in hex",
  usage: 'fingerprint [--alg crc64|md5|sha256] SCHEMA...',
  description: `
Prints the fingerprint of each schema's Parsing Canonical Form as hex, one per
line. CRC-64-AVRO (the default) prints its 8 bytes little-endian, the order
single-object encoding puts them in.`,
  options: {
    alg: {
      type: 'string',
      value: 'ALG',
      choices: Object.keys(ALGORITHMS),
      default: 'crc64',
      help: 'crc64 (default), md5 or sha256',
    },
  },
  positionals: SCHEMAS_ARG,
  examples: ['fingerprint user.avsc', 'fingerprint --alg sha256 \'"long"\''],

  async run({ options, positionals }, ctx) {
    const lines = positionals.map((arg) => {
      const type = loadType(ctx.avro, arg);
      const bytes = type.fingerprint(ALGORITHMS[options.alg]);
      type.dispose();
      return Buffer.from(bytes).toString('hex');
    });
    await printLines(ctx, lines);
  },
};

export const canonical = {
  name: 'canonical',
  summary: "print a schema's Parsing Canonical Form",
  usage: 'canonical SCHEMA...',
  description: `
Prints each schema's Parsing Canonical Form (the spec's normalized text that
fingerprints are computed over), one per line.`,
  options: {},
  positionals: SCHEMAS_ARG,
  examples: ['canonical user.avsc'],

  async run({ positionals }, ctx) {
    const lines = positionals.map((arg) => {
      const type = loadType(ctx.avro, arg);
      const text = type.canonicalForm();
      type.dispose();
      return text;
    });
    await printLines(ctx, lines);
  },
};

export const compat = {
  name: 'compat',
  summary: 'check whether data written with one schema can be read with another',
  usage: 'compat --reader R --writer W [--mode backward|forward|full]',
  description: `
backward (the default): can the reader schema read data written with the
writer schema? forward: can the writer schema read data written with the
reader schema? full: both. Prints "compatible", or "incompatible" and one line
per problem (direction, kind, path, message); the exit code is 0 when
compatible and 1 when not.`,
  options: {
    reader: { type: 'string', value: 'R', required: true, help: 'the reader (new) schema' },
    writer: { type: 'string', value: 'W', required: true, help: 'the writer (old) schema' },
    mode: {
      type: 'string',
      value: 'MODE',
      choices: ['backward', 'forward', 'full'],
      default: 'backward',
      help: 'backward (default), forward or full',
    },
  },
  positionals: { max: 0 },
  examples: ['compat --reader user-v2.avsc --writer user-v1.avsc --mode full'],

  async run({ options }, ctx) {
    const reader = loadType(ctx.avro, options.reader, {}, 'reader schema');
    const writer = loadType(ctx.avro, options.writer, {}, 'writer schema');
    const problems = [];
    const check = (direction, r, w) => {
      for (const found of ctx.avro.checkCompatibility(r, w)) problems.push({ direction, ...found });
    };
    if (options.mode !== 'forward') check('backward', reader, writer);
    if (options.mode !== 'backward') check('forward', writer, reader);
    reader.dispose();
    writer.dispose();
    if (problems.length === 0) {
      await printLines(ctx, ['compatible']);
      return 0;
    }
    await printLines(ctx, [
      'incompatible',
      ...problems.map((p) => `${p.direction}: ${p.kind} at ${p.path || '/'}: ${p.message}`),
    ]);
    ctx.stderr.write(`avro-wasm compat: incompatible in ${options.mode} mode (${problems.length} problem(s))\n`);
    return 1;
  },
};
