// The TypeScript declarations (wasm/types/index.d.ts, shipped as
// dist/index.d.ts): the type tests in tests/types compile; every
// `@ts-expect-error TSnnnn` there fails with exactly that code once the
// directive is removed; and the deliberately broken tests/types/fail project
// fails with exactly the errors it announces, which shows that unused
// directives and expectType mismatches are reported at all.
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const ROOT = path.resolve(__dirname, '../..');
const TYPES = path.join(ROOT, 'tests/types');
const TSC = path.join(ROOT, 'node_modules/typescript/bin/tsc');

/** Runs tsc on a project; returns { status, errors: ['file:line TSnnnn', ...], output }. */
function tsc(project) {
  const result = spawnSync(process.execPath, [TSC, '-p', project, '--pretty', 'false'], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 120000,
  });
  const output = `${result.stdout}${result.stderr}`;
  const errors = [];
  for (const match of output.matchAll(/^(.+?)\((\d+),\d+\): error (TS\d+):/gm)) {
    errors.push(`${path.basename(match[1])}:${match[2]} ${match[3]}`);
  }
  return { status: result.status, errors: errors.sort(), output };
}

const tsFiles = (dir) =>
  fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .sort();

describe('TypeScript declarations', () => {
  test('the type tests compile (tsc -p tests/types, strict)', () => {
    const { status, output } = tsc(TYPES);
    expect(output).toBe('');
    expect(status).toBe(0);
  });

  test('every @ts-expect-error names its code, and that exact error appears without the directive', () => {
    // Line numbers stay the same: each directive becomes an empty comment.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'avro-wasm-types-'));
    try {
      const expected = [];
      for (const file of tsFiles(TYPES)) {
        const lines = fs.readFileSync(path.join(TYPES, file), 'utf8').split('\n');
        lines.forEach((line, i) => {
          const directive = line.match(/^\s*\/\/ @ts-expect-error(?:\s+(TS\d+))?/);
          if (!directive) return;
          if (!directive[1]) throw new Error(`${file}:${i + 1}: @ts-expect-error without the expected TSnnnn code`);
          expected.push(`${file}:${i + 2} ${directive[1]}`);
          lines[i] = '//';
        });
        fs.writeFileSync(path.join(dir, file), lines.join('\n'));
      }
      const config = JSON.parse(
        fs
          .readFileSync(path.join(TYPES, 'tsconfig.json'), 'utf8')
          .replace(/^\s*\/\/.*$/gm, '')
          .replace(/,(\s*[}\]])/g, '$1'),
      );
      config.compilerOptions.paths = { 'avro-wasm': [path.join(ROOT, 'wasm/types/index.d.ts')] };
      config.compilerOptions.typeRoots = [path.join(ROOT, 'node_modules/@types')];
      fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify(config));
      expect(expected.length).toBeGreaterThanOrEqual(18);
      const { status, errors } = tsc(dir);
      expect(errors).toEqual(expected.sort());
      expect(status).not.toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the broken project fails with exactly the announced errors (unused directive, expectType, values)', () => {
    const dir = path.join(TYPES, 'fail');
    const expected = [];
    for (const file of tsFiles(dir)) {
      fs.readFileSync(path.join(dir, file), 'utf8')
        .split('\n')
        .forEach((line, i) => {
          const match = line.match(/^\s*\/\/ expect (TS\d+)/);
          if (match) expected.push(`${file}:${i + 2} ${match[1]}`);
        });
    }
    expect(expected).toContain('broken.ts:18 TS2578');
    const { status, errors } = tsc(dir);
    expect(errors).toEqual(expected.sort());
    expect(status).not.toBe(0);
  });

  test("the README's TypeScript example is tests/types/readme.ts, line for line", () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);
    expect(blocks).toHaveLength(1);
    const checked = fs.readFileSync(path.join(TYPES, 'readme.ts'), 'utf8').split('\n');
    // The README's lines appear in order; the one marked "error:" right after an @ts-expect-error.
    let at = 0;
    for (const line of blocks[0].trimEnd().split('\n')) {
      const found = checked.indexOf(line, at);
      expect([line, found >= 0]).toEqual([line, true]);
      if (line.includes('// error:')) expect(checked[found - 1]).toMatch(/^\/\/ @ts-expect-error TS\d+/);
      at = found + 1;
    }
  });

  test('a consumer project (nodenext, no paths) resolves the package to dist/index.d.ts', () => {
    // node_modules/avro-wasm links to this repository, so resolution goes
    // through package.json "exports" as it does for an installed package.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'avro-wasm-consumer-'));
    try {
      fs.mkdirSync(path.join(dir, 'node_modules/@types'), { recursive: true });
      fs.symlinkSync(ROOT, path.join(dir, 'node_modules/avro-wasm'), 'dir');
      fs.symlinkSync(path.join(ROOT, 'node_modules/@types/node'), path.join(dir, 'node_modules/@types/node'), 'dir');
      fs.writeFileSync(path.join(dir, 'package.json'), '{ "type": "module" }');
      fs.writeFileSync(
        path.join(dir, 'index.ts'),
        `import { Type, readContainer } from 'avro-wasm';
const type = Type.forSchema({ type: 'record', name: 'R', fields: [{ name: 'n', type: 'int' }] });
const n: number = type.fromBuffer(type.toBuffer({ n: 1 })).n;
const records: { n: number }[] = readContainer(new Uint8Array(), { readerSchema: type }).records;
// @ts-expect-error
type.toBuffer({ n: 'one' });
`,
      );
      const compilerOptions = {
        strict: true,
        noEmit: true,
        module: 'nodenext',
        moduleResolution: 'nodenext',
        target: 'es2022',
        lib: ['es2022', 'esnext.disposable', 'dom'],
        types: ['node'],
        traceResolution: true,
      };
      fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['index.ts'] }));
      const { status, errors, output } = tsc(dir);
      expect(errors).toEqual([]);
      expect(status).toBe(0);
      expect(output).toMatch(/Module name 'avro-wasm' was successfully resolved to '[^']*dist\/index\.d\.ts'/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('dist/index.d.ts is the shipped copy of wasm/types/index.d.ts', () => {
    const dist = path.join(ROOT, 'dist/index.d.ts');
    expect(fs.readFileSync(dist, 'utf8')).toBe(fs.readFileSync(path.join(ROOT, 'wasm/types/index.d.ts'), 'utf8'));
  });
});
