// The npm package as users get it: `npm pack` the repository (dist/ built),
// install the tarball into a fresh project (offline; no runtime
// dependencies), then use it from Node ESM and CommonJS with no init call,
// and type-check TypeScript consumers (Node and bundler settings) against
// the shipped declarations with the repository's own tsc.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { execFileSync, spawnSync } = require('node:child_process');
const { packAndInstall, ROOT } = require('./pack.cjs');
const { testWithData, testdataPath } = require('./helpers.cjs');

const WEATHER = 'apache-avro/data/weather-deflate.avro';
const TSC = path.join(ROOT, 'node_modules/.bin/tsc');
const NODE_TYPES = path.join(ROOT, 'node_modules/@types');

// Every file a user receives, and nothing else may be in the tarball.
const REQUIRED_FILES = [
  'LICENSE',
  'README.md',
  'dist/avro_wasm.wasm',
  'dist/browser.d.ts',
  'dist/browser.mjs',
  'dist/index.cjs',
  'dist/index.d.ts',
  'dist/index.mjs',
  'dist/parallel-worker-browser.mjs',
  'dist/parallel-worker.mjs',
  'package.json',
];
// bin/ and cli/ hold the command line (package.json names its entry).
const ALLOWED_FILE =
  /^(README\.md|LICENSE(\.\w+)?|NOTICE(\.\w+)?|package\.json|dist\/[\w-]+\.(mjs|cjs|wasm|d\.ts)|bin\/[\w-]+\.(mjs|cjs|js)|cli\/[\w/-]+\.(mjs|js))$/;
const MAX_PACKED_BYTES = 1 << 20;

let pkg;
beforeAll(() => {
  pkg = packAndInstall();
  const { size, unpackedSize, entryCount } = pkg.pack;
  console.log(
    `avro-wasm tarball: ${size} bytes packed (${(size / 1024).toFixed(0)} KiB), ` +
      `${unpackedSize} bytes unpacked, ${entryCount} files`,
  );
}, 60000);
afterAll(() => pkg?.cleanup());

const realpath = (p) => fs.realpathSync(p);

// Runs a script file in the temporary project with the project as cwd, so
// 'avro-wasm' resolves only through its node_modules.
function runInProject(file, source, args = []) {
  fs.writeFileSync(path.join(pkg.project, file), source);
  const result = spawnSync(process.execPath, [file, ...args], {
    cwd: pkg.project,
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: '', NODE_PATH: '' },
    timeout: 20000,
  });
  if (result.status !== 0) throw new Error(`${file} failed (${result.status}):\n${result.stderr}`);
  return JSON.parse(result.stdout);
}

// The same program, once as ESM and once as CommonJS: decode an interop
// file in memory and streamed from its path, and round-trip a datum.
const BODY = `
  const { records, codec } = readContainer(readFileSync(process.argv[2]));
  const streamed = [];
  for await (const record of readRecords(process.argv[2])) streamed.push(record.temp);
  const type = Type.forSchema({
    type: 'record', name: 'User',
    fields: [{ name: 'id', type: 'long' }, { name: 'name', type: 'string' }, { name: 'tags', type: { type: 'array', items: 'string' } }],
  });
  const bytes = type.toBuffer({ id: 2n ** 60n, name: 'Ada', tags: ['x'] });
  const back = type.fromBuffer(bytes);
  let error = null;
  try { type.fromBuffer(bytes.subarray(0, 3)); } catch (e) { error = { avro: e instanceof AvroError, code: e.code }; }
  process.stdout.write(JSON.stringify({
    resolved: RESOLVED,
    codec, count: records.length, first: records[0], streamed,
    hex: Buffer.from(bytes).toString('hex'),
    back: { ...back, id: String(back.id) },
    error,
  }));
`;
const ESM_SOURCE = `import { Type, readContainer, readRecords, AvroError } from 'avro-wasm';
import { readFileSync } from 'node:fs';
const RESOLVED = new URL(import.meta.resolve('avro-wasm')).pathname;
${BODY}`;
const CJS_SOURCE = `'use strict';
const { Type, readContainer, readRecords, AvroError } = require('avro-wasm');
const { readFileSync } = require('node:fs');
const RESOLVED = require.resolve('avro-wasm');
(async () => {
${BODY}
})().catch((error) => { console.error(error); process.exit(1); });`;

const EXPECTED_RUN = {
  codec: 'deflate',
  count: 5,
  first: { station: '011990-99999', time: -619524000000, temp: 0 },
  streamed: [0, 22, -11, 111, 78],
  back: { id: String(2n ** 60n), name: 'Ada', tags: ['x'] },
  error: { avro: true, code: 'TRUNCATED' },
};

describe('the tarball', () => {
  test('holds the bundles, the .wasm, the declarations, README and package.json, nothing else', () => {
    const files = pkg.pack.files.map((f) => f.path).sort();
    expect(files).toEqual(expect.arrayContaining(REQUIRED_FILES));
    expect(files.filter((f) => !ALLOWED_FILE.test(f))).toEqual([]);
    expect(files.filter((f) => /\.map$|^tests?\//.test(f))).toEqual([]);
  });

  test(`is at most ${MAX_PACKED_BYTES} bytes packed`, () => {
    expect(pkg.pack.size).toBeLessThanOrEqual(MAX_PACKED_BYTES);
  });

  test('every target of package.json (main, module, types, exports, bin) is in it', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(pkg.installed, 'package.json'), 'utf8'));
    const bins = typeof manifest.bin === 'string' ? [manifest.bin] : Object.values(manifest.bin ?? {});
    const targets = new Set([manifest.main, manifest.module, manifest.types, ...bins]);
    const walk = (node) => {
      if (typeof node === 'string') targets.add(node);
      else if (node && typeof node === 'object') Object.values(node).forEach(walk);
    };
    walk(manifest.exports);
    for (const target of targets) expect(fs.existsSync(path.join(pkg.installed, target))).toBe(true);
    expect(manifest.dependencies ?? {}).toEqual({});
  });

  test('the shipped code names no machine paths and no source maps', () => {
    const machinePath = /\/(home|root|work|tmp|usr\/(lib|share)\/emscripten)\/|file:\/\/\/|sourceMappingURL/;
    const code = pkg.pack.files.map((f) => f.path).filter((name) => /\.(mjs|cjs|js|ts|wasm)$/.test(name));
    expect(code.length).toBeGreaterThan(0);
    for (const name of code) {
      const text = fs.readFileSync(path.join(pkg.installed, name), name.endsWith('.wasm') ? 'latin1' : 'utf8');
      expect([name, text.includes(ROOT)]).toEqual([name, false]);
      expect([name, text.match(machinePath)?.[0] ?? null]).toEqual([name, null]);
    }
  });
});

describe('installed into a project', () => {
  testWithData('Node ESM: import from "avro-wasm" with no init call', [WEATHER], () => {
    const out = runInProject('esm.mjs', ESM_SOURCE, [testdataPath(WEATHER)]);
    expect(realpath(out.resolved)).toBe(realpath(path.join(pkg.installed, 'dist/index.mjs')));
    expect(out).toMatchObject(EXPECTED_RUN);
  });

  testWithData('Node CommonJS: require("avro-wasm") with no init call, same results', [WEATHER], () => {
    const cjs = runInProject('cjs.cjs', CJS_SOURCE, [testdataPath(WEATHER)]);
    expect(realpath(cjs.resolved)).toBe(realpath(path.join(pkg.installed, 'dist/index.cjs')));
    expect(cjs).toMatchObject(EXPECTED_RUN);
    const esm = runInProject('esm.mjs', ESM_SOURCE, [testdataPath(WEATHER)]);
    expect({ ...cjs, resolved: null }).toEqual({ ...esm, resolved: null });
  });
});

describe('TypeScript consumers (the repository tsc on the installed declarations)', () => {
  // Run with the consumer project as cwd; tsconfig files are written there.
  const tsc = (config, sources) => {
    for (const [file, text] of Object.entries(sources)) fs.writeFileSync(path.join(pkg.project, file), text);
    fs.writeFileSync(path.join(pkg.project, 'tsconfig.test.json'), JSON.stringify(config, null, 2));
    return spawnSync(process.execPath, [TSC, '-p', 'tsconfig.test.json', '--listFiles'], {
      cwd: pkg.project,
      encoding: 'utf8',
      timeout: 30000,
    });
  };
  const usesShippedTypes = (result) =>
    result.stdout
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => /avro-wasm\/dist\/(index|browser)\.d\.ts$/.test(line))
      .map(realpath);
  const errorsOf = (result) => result.stdout.split('\n').filter((line) => /error TS\d+/.test(line));

  const NODE_CONFIG = (files) => ({
    compilerOptions: {
      module: 'nodenext',
      target: 'es2022',
      strict: true,
      noEmit: true,
      // @types/node from the repository, found by absolute path at run time.
      typeRoots: [NODE_TYPES],
      types: ['node'],
    },
    files,
  });

  const ESM_TS = `import { Type, readContainer, readRecords, AvroError, type ContainerHeader, type Codec } from 'avro-wasm';
const type = Type.forSchema({ type: 'record', name: 'A', fields: [{ name: 'x', type: 'int' }] });
const bytes: Uint8Array = type.toBuffer({ x: 1 });
const value = type.fromBuffer(bytes);
const file = readContainer(bytes);
const codec: Codec = file.codec;
export async function count(path: string): Promise<number> {
  let n = 0;
  for await (const _ of readRecords(path)) n++;
  return n;
}
export const header: ContainerHeader | null = null;
export const isError = (e: unknown): e is AvroError => e instanceof AvroError;
console.log(value, codec);
`;
  const CJS_TS = `import avro = require('avro-wasm');
const type = avro.Type.forSchema('string');
const bytes: Uint8Array = type.toBuffer('x');
export = bytes;
`;

  test('Node (module nodenext, strict): ESM and CommonJS files resolve the shipped index.d.ts', () => {
    const result = tsc(NODE_CONFIG(['esm.mts', 'cjs.cts']), { 'esm.mts': ESM_TS, 'cjs.cts': CJS_TS });
    expect(errorsOf(result)).toEqual([]);
    expect(result.status).toBe(0);
    expect(usesShippedTypes(result)).toEqual([realpath(path.join(pkg.installed, 'dist/index.d.ts'))]);
  }, 30000);

  test('bundler settings (moduleResolution bundler, DOM lib, no Node types)', () => {
    const source = `import { Type, readRecords } from 'avro-wasm';
export async function count(file: Blob): Promise<number> {
  let n = 0;
  for await (const _record of readRecords(file.stream())) n++;
  return n;
}
export const bytes: Uint8Array = Type.forSchema('int').toBuffer(1);
`;
    const config = {
      compilerOptions: {
        module: 'esnext',
        moduleResolution: 'bundler',
        target: 'es2022',
        lib: ['es2022', 'dom'],
        strict: true,
        noEmit: true,
        types: [],
        // Checked in full: the browser declarations need no @types/node.
        skipLibCheck: false,
      },
      files: ['browser.ts'],
    };
    const result = tsc(config, { 'browser.ts': source });
    expect(errorsOf(result)).toEqual([]);
    expect(result.status).toBe(0);
    expect(usesShippedTypes(result)).toEqual([realpath(path.join(pkg.installed, 'dist/browser.d.ts'))]);
  }, 30000);

  test('the declarations are real types, not any: a wrong assignment fails to compile', () => {
    const source = `import { Type } from 'avro-wasm';
const notBytes: number = Type.forSchema('int').toBuffer(1);
export default notBytes;
`;
    const result = tsc(NODE_CONFIG(['wrong.mts']), { 'wrong.mts': source });
    expect(result.status).not.toBe(0);
    expect(errorsOf(result).join('\n')).toMatch(/wrong\.mts\(2,7\): error TS2322/);
  }, 30000);
});

test('tsc is the repository one (TypeScript 7)', () => {
  expect(execFileSync(process.execPath, [TSC, '--version'], { encoding: 'utf8' })).toMatch(/Version 7\./);
});
