#!/usr/bin/env node
// The avro-wasm command (npx avro-wasm ...): the built package plus the CLI in ../cli.
import { readFileSync } from 'node:fs';
import * as avro from '../dist/index.mjs';
import { main } from '../cli/main.js';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

// A closed pipe (`avro-wasm tojson f.avro | head`) ends the output, not the process with a stack trace.
process.stdout.on('error', (error) => {
  if (error.code !== 'EPIPE') throw error;
});

const code = await main(process.argv.slice(2), {
  avro,
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  version,
});
// Let pending output drain instead of cutting it off with process.exit().
process.exitCode = code;
