// The Node entry points: dist/index.cjs (require) and dist/index.mjs
// (import) both work with no init call and behave identically. ESM is
// checked in a child `node` process, so Jest needs no ESM support.
'use strict';

const path = require('node:path');
const fs = require('node:fs');
const { execFileSync } = require('node:child_process');
const { hex } = require('./helpers.cjs');

const ROOT = path.resolve(__dirname, '../..');
const DIST = path.join(ROOT, 'dist');
const EXPECTED_CLASSES = [
  'AvroError',
  'BlockDecoder',
  'BlockEncoder',
  'ContainerDecoder',
  'ContainerEncoder',
  'DecodeError',
  'DecoderPool',
  'LimitError',
  'PreciseDate',
  'ResolutionError',
  'SchemaError',
  'SchemaStore',
  'Type',
  'UnsupportedError',
  'ValueError',
];
const EXPECTED_FUNCTIONS = [
  'appendContainer',
  'appendToFile',
  'checkCompatibility',
  'checkCompatibilityMode',
  'confluentSchemaId',
  'createConfluentDecoder',
  'decodeColumns',
  'decodeColumnsParallel',
  'decodeSingleObject',
  'encodeConfluent',
  'encodeSingleObject',
  'isSingleObject',
  'memoryUsage',
  'singleObjectFingerprint',
  'toArrow',
  'createDecoderStream',
  'createEncoderStream',
  'createFileDecoder',
  'createFileEncoder',
  'readBlocks',
  'readContainer',
  'readContainerParallel',
  'readHeader',
  'readRecords',
  'writeContainer',
];
const EXPECTED_EXPORTS = [...EXPECTED_CLASSES, ...EXPECTED_FUNCTIONS].sort();

const SAMPLE_SCHEMA = {
  type: 'record',
  name: 'Sample',
  namespace: 'entry.points',
  fields: [
    { name: 'i', type: 'int' },
    { name: 'l', type: 'long' },
    { name: 'big', type: 'long' },
    { name: 'd', type: 'double' },
    { name: 's', type: 'string' },
    { name: 'b', type: 'bytes' },
    { name: 'e', type: { type: 'enum', name: 'E', symbols: ['X', 'Y'] } },
    { name: 'a', type: { type: 'array', items: ['null', 'string'] } },
    { name: 'm', type: { type: 'map', values: 'float' } },
    { name: 'u', type: ['int', 'long'] },
    { name: 'ts', type: { type: 'long', logicalType: 'timestamp-micros' } },
    { name: 'dec', type: { type: 'bytes', logicalType: 'decimal', precision: 10, scale: 3 } },
  ],
};

// Serialises a decoded value to JSON text that keeps bigints, bytes, dates
// and -0/NaN apart. Shared (as source text) with the child processes.
const DUMP_SOURCE = `function dump(v) {
  return JSON.stringify(v, function (k, x) {
    const raw = this[k];
    if (typeof raw === 'bigint') return { bigint: String(raw) };
    if (raw instanceof Uint8Array) return { bytes: Array.from(raw) };
    if (raw instanceof Date) return { date: raw.toISOString(), ctor: raw.constructor.name };
    if (typeof raw === 'number' && (Object.is(raw, -0) || !Number.isFinite(raw))) return { number: String(Object.is(raw, -0) ? '-0' : raw) };
    return x;
  });
}`;
// eslint-disable-next-line no-new-func
const dump = new Function(`${DUMP_SOURCE}; return dump;`)();

function runNode(args, input) {
  return execFileSync(process.execPath, args, {
    cwd: ROOT,
    encoding: 'utf8',
    input,
    env: { ...process.env, NODE_OPTIONS: '' },
    timeout: 20000,
  });
}

describe('CommonJS entry (dist/index.cjs)', () => {
  const api = require('../../dist/index.cjs');

  test('exports the API with no init call', () => {
    expect(Object.keys(api).sort()).toEqual(EXPECTED_EXPORTS);
    expect(typeof api.Type.forSchema).toBe('function');
    expect(api.Type.forSchema('int').fromBuffer(new Uint8Array([0x80, 0x01]))).toBe(64);
  });

  test('works synchronously in a plain node process', () => {
    const out = runNode([
      '-e',
      `const { Type } = require(${JSON.stringify(path.join(DIST, 'index.cjs'))});
       process.stdout.write(String(Type.forSchema('string').fromBuffer(Uint8Array.of(6, 0x66, 0x6f, 0x6f))));`,
    ]);
    expect(out).toBe('foo');
  });

  test('the package name resolves to the CommonJS bundle for require()', () => {
    const out = runNode(['-e', `process.stdout.write(require.resolve('avro-wasm'))`]);
    expect(out).toBe(path.join(DIST, 'index.cjs'));
  });
});

describe('ES module entry (dist/index.mjs)', () => {
  const { Type, PreciseDate } = require('../../dist/index.cjs');
  const sampleType = Type.forSchema(SAMPLE_SCHEMA);
  const sampleValue = {
    i: -2147483648,
    l: Number.MAX_SAFE_INTEGER,
    big: -(2n ** 63n),
    d: -0,
    s: 'ünïcødé 😀',
    b: new Uint8Array([0, 1, 254, 255]),
    e: 'Y',
    a: [null, 'x'],
    m: { k: 1.5 },
    u: { long: 2n ** 60n },
    ts: new PreciseDate(1700000000123, 456000),
    dec: '-1234567.891',
  };
  const sampleBytes = sampleType.toBuffer(sampleValue);

  // The child imports the ESM bundle, decodes the sample, re-encodes it and
  // reports everything as JSON on stdout.
  const childScript = `
    import * as api from ${JSON.stringify(path.join(DIST, 'index.mjs'))};
    ${DUMP_SOURCE}
    const input = JSON.parse(await new Promise((resolve) => {
      let text = '';
      process.stdin.on('data', (c) => (text += c)).on('end', () => resolve(text));
    }));
    const type = api.Type.forSchema(input.schema);
    const value = type.fromBuffer(Uint8Array.from(Buffer.from(input.hex, 'hex')));
    let error = null;
    try { type.fromBuffer(Uint8Array.of(1, 2, 3)); } catch (e) { error = { name: e.name, code: e.code, isAvroError: e instanceof api.AvroError }; }
    process.stdout.write(JSON.stringify({
      exports: Object.keys(api).sort(),
      value: dump(value),
      reencoded: Buffer.from(type.toBuffer(value)).toString('hex'),
      canonical: type.canonicalForm(),
      isPrecise: value.ts instanceof api.PreciseDate,
      error,
    }));
  `;

  let child;
  beforeAll(() => {
    const stdout = runNode(
      ['--input-type=module', '-e', childScript],
      JSON.stringify({ schema: SAMPLE_SCHEMA, hex: hex(sampleBytes) }),
    );
    child = JSON.parse(stdout);
  });

  test('exports the same names with no init call', () => {
    expect(child.exports).toEqual(EXPECTED_EXPORTS);
  });

  test('decodes the same bytes to the same value as the CommonJS entry', () => {
    const cjsValue = sampleType.fromBuffer(sampleBytes);
    expect(child.value).toBe(dump(cjsValue));
    expect(child.isPrecise).toBe(true);
    // and the decoded value is what was encoded
    expect(dump(cjsValue)).toBe(dump({ ...sampleValue, ts: cjsValue.ts }));
    expect(cjsValue.ts.toISOString()).toBe('2023-11-14T22:13:20.123456Z');
  });

  test('re-encodes to identical bytes and computes the same canonical form', () => {
    expect(child.reencoded).toBe(hex(sampleBytes));
    expect(child.canonical).toBe(sampleType.canonicalForm());
  });

  test('raises AvroError subclasses', () => {
    expect(child.error).toEqual({ name: 'DecodeError', code: expect.any(String), isAvroError: true });
  });

  test('the package name resolves to the ESM bundle for import', () => {
    const out = runNode([
      '--input-type=module',
      '-e',
      `const m = await import('avro-wasm');
       process.stdout.write(JSON.stringify({ url: import.meta.resolve ? import.meta.resolve('avro-wasm') : null, v: m.Type.forSchema('int').fromBuffer(Uint8Array.of(0x80, 1)) }));`,
    ]);
    const result = JSON.parse(out);
    expect(result.v).toBe(64);
    if (result.url) expect(result.url).toBe(`file://${path.join(DIST, 'index.mjs')}`);
  });
});

describe('package layout', () => {
  test('dist holds the bundles, the wasm module and the type declarations named by package.json', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    const browser = pkg.exports['.'].browser;
    for (const rel of [pkg.main, pkg.module, pkg.types, browser.default, browser.types, './dist/avro_wasm.wasm']) {
      expect(fs.existsSync(path.join(ROOT, rel))).toBe(true);
    }
    // The .wasm file is a WebAssembly binary.
    const wasm = fs.readFileSync(path.join(DIST, 'avro_wasm.wasm'));
    expect(hex(wasm.subarray(0, 4))).toBe('0061736d');
  });

  test('index.d.ts declares every runtime export', () => {
    const dts = fs.readFileSync(path.join(DIST, 'index.d.ts'), 'utf8');
    for (const name of EXPECTED_CLASSES) expect(dts).toMatch(new RegExp(`export declare class ${name}\\b`));
    for (const name of EXPECTED_FUNCTIONS) expect(dts).toMatch(new RegExp(`export declare function ${name}\\b`));
  });
});
