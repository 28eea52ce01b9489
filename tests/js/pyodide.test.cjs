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

// Runs `node <args>` and resolves with the JSON its last stdout line holds.
function runNodeJson(args, what, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`${what} exited with ${code}:\n${stderr.slice(-5000)}`));
      try {
        resolve(JSON.parse(stdout.trim().split('\n').pop()));
      } catch (error) {
        reject(
          new Error(`${what} printed no result: ${error.message}\n${stdout.slice(-2000)}\n${stderr.slice(-3000)}`),
        );
      }
    });
  });
}

const runRunner = (args) => runNodeJson([RUNNER, ...args], 'pyodide_runner');

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

// Installing from a URL. micropip (what the README shows) is a Pyodide
// package that cannot be downloaded here, so this uses Pyodide's own URL
// installer, which fetches and installs a wheel the same way: the wheel is
// served over HTTP from 127.0.0.1 and installed with
// `await pyodide.loadPackage(url)` in a fresh Pyodide (its own process: Jest's
// sandbox cannot load Pyodide's ES modules), then imported and used.
const URL_INSTALL = `
import { loadPyodide } from 'pyodide';
const messages = [];
const py = await loadPyodide();
await py.loadPackage(process.argv[1], {
  messageCallback: (m) => messages.push(m),
  errorCallback: (m) => messages.push('error: ' + m),
});
const result = py.runPython(\`
import io, json, datetime, importlib.metadata
import avro_wasm
schema = {"type": "record", "name": "R", "fields": [
    {"name": "id", "type": "long"},
    {"name": "at", "type": {"type": "long", "logicalType": "timestamp-millis"}},
    {"name": "tags", "type": {"type": "array", "items": "string"}}]}
records = [{"id": i, "at": datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc), "tags": ["x"] * i} for i in range(3)]
buffer = io.BytesIO()
avro_wasm.writer(buffer, schema, records, codec="deflate")
json.dumps({
    "file": avro_wasm.__file__,
    "version": importlib.metadata.version("avro-wasm"),
    "roundTrip": list(avro_wasm.reader(buffer.getvalue())) == records,
})\`);
process.stdout.write(JSON.stringify({ messages, ...JSON.parse(result) }) + '\\n');
`;

maybe('the wheel installs from a URL with pyodide.loadPackage(url) and works', async () => {
  const http = require('node:http');
  const wheel = fs.readFileSync(WHEEL);
  const requests = [];
  const server = http.createServer((request, response) => {
    requests.push(request.url);
    if (request.url !== `/wheels/${path.basename(WHEEL)}`) {
      response.writeHead(404);
      response.end();
      return;
    }
    response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': wheel.length });
    response.end(wheel);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const url = `http://127.0.0.1:${server.address().port}/wheels/${path.basename(WHEEL)}`;
    const out = await runNodeJson(['--input-type=module', '-e', URL_INSTALL, url], 'URL install', { cwd: ROOT });
    expect(requests).toEqual([`/wheels/${path.basename(WHEEL)}`]);
    expect(out.messages.filter((m) => m.startsWith('error'))).toEqual([]);
    expect(out.file).toMatch(/site-packages\/avro_wasm\/__init__\.py$/);
    expect(out.version).toBe(VERSION);
    expect(out.roundTrip).toBe(true);
  } finally {
    server.close();
  }
});

// The wheel is a valid wheel for standard installers too: pip installs it,
// the installed metadata names the package, version and files, and every
// installed file matches its RECORD hash and size (checked here: pip copies
// the wheel's RECORD rows without checking them).
function pipPython() {
  for (const candidate of [PYTHON, 'python3', '/usr/bin/python3']) {
    if (!candidate) continue;
    const probe = require('node:child_process').spawnSync(candidate, ['-m', 'pip', '--version'], { encoding: 'utf8' });
    if (probe.status === 0) return candidate;
  }
  return null;
}
const PIP_PYTHON = pipPython();
const testPip = PIP_PYTHON || IS_CI ? maybe : test.skip;

testPip('pip installs the wheel and its metadata checks out', () => {
  if (!PIP_PYTHON) throw new Error('no python3 with pip (apt-get install python3-pip)');
  const { spawnSync } = require('node:child_process');
  const target = fs.mkdtempSync(path.join(os.tmpdir(), 'avro-wasm-pip-'));
  try {
    const install = spawnSync(
      PIP_PYTHON,
      [
        '-m',
        'pip',
        'install',
        '--no-deps',
        '--no-index',
        '--no-cache-dir',
        '--disable-pip-version-check',
        '--target',
        target,
        WHEEL,
      ],
      { encoding: 'utf8', env: { ...process.env, PIP_NO_INPUT: '1' } },
    );
    if (install.status !== 0) throw new Error(`pip install failed:\n${install.stdout}\n${install.stderr}`);
    const check = spawnSync(
      PIP_PYTHON,
      [
        '-c',
        `
import base64, hashlib, importlib.metadata, json, os, sys
target = sys.argv[1]
dist = next(d for d in importlib.metadata.distributions(path=[target]) if d.metadata["Name"] == "avro-wasm")
problems = []
files = list(dist.files)
for f in files:
    if f.hash is None:
        continue
    data = f.locate().read_bytes()
    digest = base64.urlsafe_b64encode(hashlib.new(f.hash.mode, data).digest()).rstrip(b"=").decode()
    if digest != f.hash.value or f.size != len(data):
        problems.append(str(f))
names = {str(f) for f in files}
print(json.dumps({
    "name": dist.metadata["Name"], "version": dist.version,
    "requiresPython": dist.metadata["Requires-Python"],
    "wheel": dist.read_text("WHEEL"), "topLevel": dist.read_text("top_level.txt"),
    "installer": (dist.read_text("INSTALLER") or "").strip(),
    "hasGlue": "avro_wasm/avro_wasm_sync.cjs" in names, "hasWasm": "avro_wasm/avro_wasm.wasm" in names,
    "hasInit": "avro_wasm/__init__.py" in names, "problems": problems,
    "wasmMagic": open(os.path.join(target, "avro_wasm", "avro_wasm.wasm"), "rb").read(4).hex(),
}))
`,
        target,
      ],
      { encoding: 'utf8' },
    );
    if (check.status !== 0) throw new Error(`metadata check failed:\n${check.stderr}`);
    const meta = JSON.parse(check.stdout.trim());
    expect(meta.name).toBe('avro-wasm');
    expect(meta.version).toBe(VERSION);
    expect(meta.requiresPython).toBe('>=3.10');
    expect(meta.wheel).toMatch(/^Wheel-Version: 1\.0$/m);
    expect(meta.wheel).toMatch(/^Root-Is-Purelib: true$/m);
    expect(meta.wheel).toMatch(/^Tag: py3-none-any$/m);
    expect(meta.topLevel.trim()).toBe('avro_wasm');
    expect(meta.installer).toBe('pip');
    expect(meta).toMatchObject({ hasGlue: true, hasWasm: true, hasInit: true, problems: [], wasmMagic: '0061736d' });
  } finally {
    fs.rmSync(target, { recursive: true, force: true });
  }
});
