// The Python package in Pyodide (npm `pyodide`, under Node): installs the
// built wheel with pyodide.unpackArchive, runs the stdlib-unittest suite in
// pyodide/tests (tests/js/pyodide_runner.mjs, its own process), and checks
// interoperability with Apache's python3-avro both ways:
//   - the reference dump of every container file in ../shared/testdata
//     (tests/reference/pyavro_dump.py on the native python3-avro) goes into
//     Pyodide, where test_interop.py compares avro_wasm's reading with it;
//   - the files test_interop.py writes (every codec, every type, logical
//     types, an appended file) are read here by python3-avro and must give
//     the values that were written.
// Expected values come from python3-avro or from the test's own inputs,
// never from avro_wasm. Under CI=true a missing wheel, test data or
// python3-avro is a failure, never a skip.
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');

const { TESTDATA, IS_CI } = require('./helpers.cjs');
const ref = require('./reference.cjs');

const ROOT = path.resolve(__dirname, '../..');
const VERSION = require('../../package.json').version;
const WHEEL = process.env.AVRO_WASM_WHEEL || path.join(ROOT, 'dist', `avro_wasm-${VERSION}-py3-none-any.whl`);
const RUNNER = path.join(__dirname, 'pyodide_runner.mjs');
const PYTHON = ref.referencePython();
const HAVE_DATA = fs.existsSync(TESTDATA);
// Without a wheel the suite is skipped locally and fails under CI.
const HAVE_WHEEL = fs.existsSync(WHEEL);
const maybe = HAVE_WHEEL || IS_CI ? test : test.skip;

jest.setTimeout(600000);

let work;
let result;
let runError;

function runRunner(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [RUNNER, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`pyodide_runner exited with ${code}:\n${stderr.slice(-5000)}`));
      try {
        resolve(JSON.parse(stdout.trim().split('\n').pop()));
      } catch (error) {
        reject(
          new Error(
            `pyodide_runner printed no result: ${error.message}\n${stdout.slice(-2000)}\n${stderr.slice(-3000)}`,
          ),
        );
      }
    });
  });
}

beforeAll(async () => {
  if (!fs.existsSync(WHEEL)) {
    runError = new Error(`no wheel at ${WHEEL}: build it (npm run build) or set AVRO_WASM_WHEEL`);
    return;
  }
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'avro-wasm-pyodide-'));
  const out = path.join(work, 'out');
  fs.mkdirSync(out);
  // The adversarial corpus the Node and Chromium suites run, for test_adversarial.py.
  const corpus = require('../adversarial/corpus.cjs');
  corpus.writeCorpus(path.join(out, 'corpus'), corpus.buildCorpus().cases);
  const args = ['--wheel', WHEEL, '--out', out];
  if (HAVE_DATA) {
    args.push('--testdata', TESTDATA);
    if (PYTHON) {
      // python3-avro's reading of every container file, with paths relative to the test data.
      const files = ref.listContainerFiles();
      const dump = ref.pyavroDump(files.map((rel) => path.join(TESTDATA, rel))).raw;
      for (const entry of dump.files) entry.path = path.relative(TESTDATA, entry.path);
      const expected = path.join(work, 'pyavro.json');
      fs.writeFileSync(expected, JSON.stringify(dump));
      args.push('--expected', expected);
    }
  }
  try {
    result = await runRunner(args);
  } catch (error) {
    runError = error;
  }
});

afterAll(() => {
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

function requireResult() {
  if (runError) throw runError;
  return result;
}

function describeProblems(r) {
  return [...r.failures, ...r.errors].map((f) => `--- ${f.id}\n${f.traceback}`).join('\n');
}

maybe('the wheel exists and is named after the package version', () => {
  expect(fs.existsSync(WHEEL)).toBe(true);
  if (!process.env.AVRO_WASM_WHEEL) expect(path.basename(WHEEL)).toBe(`avro_wasm-${VERSION}-py3-none-any.whl`);
});

maybe('the Python suite passes inside Pyodide', () => {
  const r = requireResult();
  const problems = describeProblems(r);
  if (problems) throw new Error(`${r.failures.length + r.errors.length} Python test(s) failed:\n${problems}`);
  expect(r.testsRun).toBeGreaterThanOrEqual(70);
  expect(r.unexpectedSuccesses).toEqual([]);
  // Under CI nothing may be skipped (missing data or python3-avro must fail, not skip).
  if (IS_CI) expect(r.skipped).toEqual([]);
});

const testRef = (name, fn) => {
  if (!HAVE_WHEEL && !IS_CI) return test.skip(name, fn);
  if (HAVE_DATA) return ref.testWithTool(name, PYTHON, 'python3 with python3-avro (AVRO_REFERENCE_PYTHON)', fn);
  if (IS_CI)
    return test(name, () => {
      throw new Error(`missing test data under ${TESTDATA}`);
    });
  return test.skip(`${name} [missing test data under ${TESTDATA}]`, fn);
};

testRef('files written by avro_wasm in Pyodide are read back by python3-avro', () => {
  requireResult();
  const out = path.join(work, 'out');
  const manifest = JSON.parse(fs.readFileSync(path.join(out, 'expected.json'), 'utf8'));
  expect(manifest.length).toBeGreaterThanOrEqual(8);
  const problems = [];
  for (const logical of [false, true]) {
    const entries = manifest.filter((e) => e.logical === logical);
    const dump = ref.pyavroDump(
      entries.map((e) => path.join(out, e.file)),
      { logical },
    );
    for (const entry of entries) {
      const f = dump.byPath.get(path.join(out, entry.file));
      if (!f || f.fatal || f.error) {
        problems.push(`${entry.file}: python3-avro failed: ${JSON.stringify(f?.fatal ?? f?.error)}`);
        continue;
      }
      if (f.codec !== entry.codec) problems.push(`${entry.file}: codec ${f.codec}, expected ${entry.codec}`);
      const diff = ref.recordsDiff(f.records, entry.records);
      if (diff) problems.push(`${entry.file}: ${diff}`);
    }
  }
  expect(problems).toEqual([]);
});
