// Runs the avro_wasm Python test suite (pyodide/tests, stdlib unittest)
// inside Pyodide under Node, in its own process: Jest's module sandbox
// cannot load Pyodide's ES modules, and a crash here cannot take the Jest
// worker down. tests/js/pyodide.test.cjs spawns it and checks the result.
//
//   node tests/js/pyodide_runner.mjs --wheel W --testdata DIR --expected FILE --out DIR [--pattern test_*.py]
//
// The wheel is installed the way users install it (pyodide.unpackArchive);
// the test data and an output directory are mounted with NODEFS. Prints one
// JSON object: { testsRun, failures: [{ id, traceback }], errors, skipped,
// python, pyodide, importMs }.
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);

const { values: args } = parseArgs({
  options: {
    wheel: { type: 'string' },
    testdata: { type: 'string' },
    expected: { type: 'string' },
    out: { type: 'string' },
    pattern: { type: 'string', default: 'test_*.py' },
  },
});

const RUN_SUITE = `
import io, json, sys, time, traceback, unittest
t0 = time.perf_counter()
import avro_wasm
import_ms = (time.perf_counter() - t0) * 1000
sys.path.insert(0, "/avro_tests")
suite = unittest.defaultTestLoader.discover("/avro_tests", pattern=PATTERN, top_level_dir="/avro_tests")
stream = io.StringIO()
result = unittest.TextTestRunner(stream=stream, verbosity=0).run(suite)
json.dumps({
    "testsRun": result.testsRun,
    "failures": [{"id": t.id(), "traceback": tb} for t, tb in result.failures],
    "errors": [{"id": getattr(t, "id", lambda: str(t))(), "traceback": tb} for t, tb in result.errors],
    "skipped": [{"id": t.id(), "reason": reason} for t, reason in result.skipped],
    "unexpectedSuccesses": [t.id() for t in result.unexpectedSuccesses],
    "python": sys.version.split()[0],
    "importMs": import_ms,
})
`;

async function main() {
  const { loadPyodide } = await import('pyodide');
  const py = await loadPyodide();
  py.unpackArchive(new Uint8Array(readFileSync(args.wheel)), 'wheel');
  py.FS.mkdirTree('/avro_tests');
  const testsDir = join(ROOT, 'pyodide', 'tests');
  for (const name of readdirSync(testsDir)) {
    if (name.endsWith('.py')) py.FS.writeFile(`/avro_tests/${name}`, readFileSync(join(testsDir, name)));
  }
  // The READMEs' ```python examples run as tests (test_readme.py).
  py.FS.mkdirTree('/avro_docs/pyodide');
  py.FS.writeFile('/avro_docs/README.md', readFileSync(join(ROOT, 'README.md')));
  py.FS.writeFile('/avro_docs/pyodide/README.md', readFileSync(join(ROOT, 'pyodide', 'README.md')));
  const env = { CI: process.env.CI ?? '', AVRO_DOCS: '/avro_docs' };
  if (args.testdata) {
    py.FS.mkdirTree('/testdata');
    py.mountNodeFS('/testdata', args.testdata);
    env.AVRO_TESTDATA = '/testdata';
  }
  if (args.out) {
    py.FS.mkdirTree('/avro_out');
    py.mountNodeFS('/avro_out', args.out);
    env.AVRO_OUT = '/avro_out';
  }
  if (args.expected) {
    py.FS.writeFile('/pyavro_expected.json', readFileSync(args.expected));
    env.AVRO_PYAVRO_EXPECTED = '/pyavro_expected.json';
  }
  py.globals.set('ENV', py.toPy(env));
  py.globals.set('PATTERN', args.pattern);
  py.runPython('import os\nos.environ.update(ENV)');
  const result = JSON.parse(py.runPython(RUN_SUITE));
  result.pyodide = require('pyodide/package.json').version;
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((error) => {
  // Pyodide's errors can carry its whole JS source in the stack: print the message only.
  process.stderr.write(`pyodide_runner: ${String(error?.message ?? error).slice(0, 20000)}\n`);
  process.exit(1);
});
