// No eval needed: Cloudflare Workers and pages with a strict CSP refuse
// `eval` and `new Function`, so the package must work without generating
// code from strings (Embind's default glue does, unless the module is
// linked with -sDYNAMIC_EXECUTION=0). Generated record readers are an
// optional speed-up behind a probe (wasm/src/codegen.js). Each Node bundle runs the
// whole API tour (tests/browser/api_tour.mjs, also run by the CSP page in
// browser.test.cjs) plus the Node-only streams and file helpers in a child
// process started with --disallow-code-generation-from-strings.
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const { execFileSync, spawnSync } = require('node:child_process');
const { testWithData, testdataPath } = require('./helpers.cjs');

const ROOT = path.resolve(__dirname, '../..');
const DIST = path.join(ROOT, 'dist');
const TOUR = path.join(ROOT, 'tests/browser/api_tour.mjs');
const NODE_STEPS = [
  'readRecords(path)',
  'BlockEncoder → BlockDecoder',
  'createFileEncoder → createFileDecoder',
  'appendToFile',
];

// The tour's own lists, read through a child: the tour is an ES module and
// Jest loads only CommonJS here.
const { TOUR_FILES, TOUR_STEPS } = JSON.parse(
  execFileSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `import { TOUR_FILES, TOUR_STEPS } from ${JSON.stringify(pathToFileURL(TOUR).href)};
       process.stdout.write(JSON.stringify({ TOUR_FILES, TOUR_STEPS }));`,
    ],
    { encoding: 'utf8' },
  ),
);

// The child: loads one bundle (import or require), runs the portable tour,
// then the Node-only API, and prints the completed steps as JSON.
const childScript = (entry, kind, workDir) => `
  import fs from 'node:fs';
  import path from 'node:path';
  import { once } from 'node:events';
  import { Readable } from 'node:stream';
  import { pipeline } from 'node:stream/promises';
  import { createRequire } from 'node:module';
  import { tour, TOUR_FILES } from ${JSON.stringify(pathToFileURL(TOUR).href)};

  const avro = ${
    kind === 'cjs'
      ? `createRequire(import.meta.url)(${JSON.stringify(entry)})`
      : `await import(${JSON.stringify(pathToFileURL(entry).href)})`
  };
  const files = {};
  for (const [name, rel] of Object.entries(TOUR_FILES)) {
    files[name] = new Uint8Array(fs.readFileSync(path.join(${JSON.stringify(testdataPath(''))}, rel)));
  }
  const steps = await tour(avro, files);

  const work = ${JSON.stringify(workDir)};
  const schema = { type: 'record', name: 'Row', fields: [{ name: 'i', type: 'int' }, { name: 's', type: 'string' }] };
  const rows = Array.from({ length: 500 }, (_, i) => ({ i, s: 'x'.repeat(i % 50) }));
  const same = (a, b, what) => {
    if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error(what + ': ' + JSON.stringify(a).slice(0, 200));
  };
  const records = async (iterable) => { const out = []; for await (const r of iterable) out.push(r); return out; };

  const weather = path.join(${JSON.stringify(testdataPath(''))}, TOUR_FILES['weather-deflate.avro']);
  same((await records(avro.readRecords(weather))).length, 5, 'readRecords(path)');
  steps.push('readRecords(path)');

  const viaStreams = path.join(work, 'streams.avro');
  await pipeline(Readable.from(rows), new avro.BlockEncoder(schema, { codec: 'snappy', blockSize: 1024 }), fs.createWriteStream(viaStreams));
  const decoder = fs.createReadStream(viaStreams).pipe(new avro.BlockDecoder());
  const [metadata] = await Promise.all([once(decoder, 'metadata'), records(decoder)]);
  same(metadata[1], 'snappy', 'BlockDecoder metadata codec');
  same(await records(fs.createReadStream(viaStreams).pipe(new avro.BlockDecoder())), rows, 'BlockDecoder records');
  steps.push('BlockEncoder → BlockDecoder');

  // createFileEncoder (like avsc's) hands back the encoder, not the file
  // stream, so completion of the file is observed by reading it back.
  const viaFile = path.join(work, 'file.avro');
  const encoder = avro.createFileEncoder(viaFile, schema, { codec: 'xz' });
  for (const row of rows) encoder.write(row);
  encoder.end();
  await once(encoder, 'end');
  for (let i = 0; ; i++) {
    try {
      if (avro.readContainer(fs.readFileSync(viaFile)).records.length === rows.length) break;
    } catch (error) {
      if (i > 200) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  same(await records(avro.createFileDecoder(viaFile)), rows, 'createFileDecoder');
  steps.push('createFileEncoder → createFileDecoder');

  avro.appendToFile(viaFile, rows.slice(0, 3));
  same(avro.readContainer(fs.readFileSync(viaFile)).records, [...rows, ...rows.slice(0, 3)], 'appendToFile');
  steps.push('appendToFile');

  process.stdout.write(JSON.stringify(steps));
`;

function runChild(entry, kind, flags) {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'avro-wasm-noeval-'));
  try {
    const started = Date.now();
    const result = spawnSync(
      process.execPath,
      [...flags, '--input-type=module', '-e', childScript(entry, kind, workDir)],
      { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' }, timeout: 40000 },
    );
    return { ...result, ms: Date.now() - started };
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

const NEEDED = Object.values(TOUR_FILES);

describe.each([
  ['dist/index.mjs (import)', path.join(DIST, 'index.mjs'), 'esm'],
  ['dist/index.cjs (require)', path.join(DIST, 'index.cjs'), 'cjs'],
])('%s under --disallow-code-generation-from-strings', (label, entry, kind) => {
  testWithData(
    'loads and runs the whole API',
    NEEDED,
    () => {
      const result = runChild(entry, kind, ['--disallow-code-generation-from-strings']);
      // The child's stderr carries the failing step and its stack (e.g.
      // "EvalError: Code generation from strings disallowed" from the glue).
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      expect(JSON.parse(result.stdout)).toEqual([...TOUR_STEPS, ...NODE_STEPS]);
      console.log(`${label}: API tour without eval in ${result.ms} ms`);
    },
    45000,
  );
});

testWithData(
  'the tour notices when code generation is allowed (so the flag above is what is tested)',
  NEEDED,
  () => {
    const result = runChild(path.join(DIST, 'index.cjs'), 'cjs', []);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('eval is blocked here: Error: new Function worked');
  },
  45000,
);

describe('the bundles generate code only in the optional, probed record readers', () => {
  // `new Function(...)`, `Function("...")`, `eval(`, and Embind's
  // `new_(Function, ...)` (how its dynamic invokers are built).
  const CODEGEN = /\bnew\s+Function\b|\bnew_\(\s*Function\b|(?<![\w.$])Function\(\s*["'`]|(?<![\w.$])eval\(/g;
  // wasm/src/codegen.js: the probe (inside try/catch) and the record reader
  // and writer it guards; everything else must be free of code generation.
  const ALLOWED = /function (codegenAvailable|generatedRecordReader|generatedFieldsWriter)\(/g;

  test.each(['index.mjs', 'index.cjs', 'browser.mjs'])('dist/%s', (name) => {
    const text = fs.readFileSync(path.join(DIST, name), 'utf8');
    const allowed = [...text.matchAll(ALLOWED)].map((m) => m.index);
    const hits = [...text.matchAll(CODEGEN)]
      .filter((m) => !allowed.some((start) => m.index > start && m.index - start < 700))
      .map((m) => {
        const line = text.slice(0, m.index).split('\n').length;
        return `${name}:${line}: ${text.slice(m.index, m.index + 60).split('\n')[0]}`;
      });
    expect(hits).toEqual([]);
    expect(allowed.length).toBe(3);
  });
});
