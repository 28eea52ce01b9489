// Browsers and workers, with the package as users install it: the packed
// tarball goes into a fresh project, the README's browser examples are taken
// from README.md verbatim and built with the README's esbuild recipe, then
// Debian's Chromium (headless, through playwright-core) runs:
//   - the bundled app (README `js browser` block + tests/browser/bundled_checks.js)
//     and the README's module worker (`js worker` block);
//   - the README's plain `<script type="module">` page (`html` block);
//   - the whole API tour on the main thread and in a worker under
//     Content-Security-Policy: default-src 'self'; script-src 'self' 'wasm-unsafe-eval'.
// Screenshots land in build/artifacts/browser/.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { packAndInstall, ROOT } = require('./pack.cjs');
const { testWithData, testdataPath } = require('./helpers.cjs');
const { serve, launchChromium, recordPage } = require('../browser/harness.cjs');

const FIXTURES = path.join(ROOT, 'tests/browser');
const ARTIFACTS = path.join(ROOT, 'build/artifacts/browser');
// A native binary once esbuild is installed: run it directly, not through node.
const ESBUILD = path.join(ROOT, 'node_modules/.bin/esbuild');
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'";

// The README's fenced blocks by info string ('js browser', 'js worker', 'html', 'sh').
const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const fenced = (info) =>
  [...readme.matchAll(/^```([^\n]*)\n([\s\S]*?)^```$/gm)].filter((m) => m[1] === info).map((m) => m[2]);
const [README_APP] = fenced('js browser');
const [README_WORKER] = fenced('js worker');
const README_PAGE = fenced('html').find((block) => block.includes('avro-wasm'));
const README_RECIPE = fenced('sh').find((block) => /^esbuild /m.test(block));
const README_LOGS = [...(README_APP ?? '').matchAll(/\/\/ logs (.+)$/gm)].map((m) => m[1]);

const WEATHER_FILES = ['weather.avro', 'weather-deflate.avro', 'weather-snappy.avro', 'weather-zstd.avro'].map(
  (name) => `apache-avro/data/${name}`,
);
const TOUR_FILES_NEEDED = [
  ...WEATHER_FILES,
  'arrow-testing/data/alltypes_plain.avro',
  'arrow-testing/data/alltypes_plain.bzip2.avro',
  'arrow-testing/data/alltypes_plain.xz.avro',
  'arrow-testing/data/alltypes_plain.zstandard.avro',
];

let pkg;
let build; // { stderr, outputs: { name: text } }
let browser;
let server;
let cspServer;

// Runs the README's esbuild recipe in the project: the `esbuild ...` line
// with the repository's esbuild, the `cp` line as a copy. Then the test's
// own entry (checks.js) with the same flags.
function runRecipe(project) {
  const lines = README_RECIPE.trim().split('\n');
  const esbuildArgs = lines
    .find((line) => line.startsWith('esbuild '))
    .split(/\s+/)
    .slice(1);
  const outdir = esbuildArgs.find((arg) => arg.startsWith('--outdir=')).slice('--outdir='.length);
  const esbuild = (args) => spawnSync(ESBUILD, [...args, '--log-level=warning'], { cwd: project, encoding: 'utf8' });
  const main = esbuild(esbuildArgs);
  const checks = esbuild(['checks.js', ...esbuildArgs.filter((arg) => arg.startsWith('-'))]);
  const [, from, to] = lines.find((line) => line.startsWith('cp ')).split(/\s+/);
  fs.copyFileSync(path.join(project, from), path.join(project, to, path.basename(from)));
  const out = path.join(project, outdir);
  return {
    status: [main.status, checks.status],
    stderr: main.stderr + checks.stderr,
    out,
    outputs: Object.fromEntries(
      fs
        .readdirSync(out)
        .filter((name) => name.endsWith('.js'))
        .map((name) => [name, fs.readFileSync(path.join(out, name), 'utf8')]),
    ),
  };
}

beforeAll(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  pkg = packAndInstall({ prefix: 'avro-wasm-browser-' });
  fs.writeFileSync(path.join(pkg.project, 'app.js'), README_APP);
  fs.writeFileSync(path.join(pkg.project, 'decode-worker.js'), README_WORKER);
  fs.copyFileSync(path.join(FIXTURES, 'bundled_checks.js'), path.join(pkg.project, 'checks.js'));
  fs.writeFileSync(path.join(pkg.project, 'readme-page.html'), README_PAGE);
  build = runRecipe(pkg.project);

  // Bundle output first, then the fixtures, the project (node_modules and the
  // README page), and the test data: flat for the README's relative
  // fetches, by path for the tour.
  const roots = [build.out, FIXTURES, pkg.project, testdataPath('apache-avro/data'), testdataPath('')];
  server = await serve(roots);
  cspServer = await serve(roots, { headers: { 'Content-Security-Policy': CSP } });
  browser = await launchChromium();
}, 60000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await cspServer?.close();
  pkg?.cleanup();
});

// Opens a page, waits for #done, saves a screenshot and returns the JSON in
// #result together with what the page logged.
async function runPage(url, screenshot, { waitForLogs = 0 } = {}) {
  const page = await browser.newPage();
  const log = recordPage(page);
  try {
    await page.goto(url);
    // #done, or the first uncaught error (no point waiting out the timeout).
    await Promise.race([
      page.waitForSelector('#done', { timeout: 20000 }),
      new Promise((resolve, reject) => page.on('pageerror', reject)),
    ]);
    const deadline = Date.now() + 10000;
    const logs = () => log.console.filter((m) => m.type === 'log').map((m) => m.text);
    while (logs().length < waitForLogs && Date.now() < deadline) await page.waitForTimeout(50);
    await page.screenshot({ path: path.join(ARTIFACTS, screenshot), fullPage: true });
    return { result: JSON.parse(await page.textContent('#result')), logs: logs(), log };
  } finally {
    await page.close();
  }
}

test('the README has the browser examples this suite runs', () => {
  expect(README_APP).toMatch(/from 'avro-wasm'/);
  expect(README_WORKER).toMatch(/import\('avro-wasm'\)/);
  expect(README_PAGE).toMatch(/<script type="module">/);
  expect(README_RECIPE).toMatch(/--platform=browser/);
  expect(README_LOGS.length).toBeGreaterThan(0);
});

describe("the README's esbuild recipe", () => {
  test('bundles app.js, decode-worker.js and the checks without errors or warnings', () => {
    expect(build.status).toEqual([0, 0]);
    expect(build.stderr).toBe('');
    expect(Object.keys(build.outputs).sort()).toEqual(['app.js', 'checks.js', 'decode-worker.js']);
  });

  test('needs no Node built-ins or polyfills: no require() and no node: imports in the output', () => {
    for (const [name, text] of Object.entries(build.outputs)) {
      expect([name, text.match(/\brequire\(\s*["'`]|["'`]node:\w+|__require\b/g)]).toEqual([name, null]);
    }
  });

  test('leaves the .wasm to be found next to the bundle', () => {
    expect(build.outputs['app.js']).toContain('new URL("./avro_wasm.wasm", import.meta.url)');
    expect(fs.existsSync(path.join(build.out, 'avro_wasm.wasm'))).toBe(true);
  });
});

describe('Chromium', () => {
  // One load of the bundled app serves the page and the worker tests.
  let appRun;
  const runApp = () => {
    appRun ??= (async () => {
      const started = server.requests.length;
      const run = await runPage(`${server.url}/app.html`, 'bundled-app.png', { waitForLogs: README_LOGS.length });
      return { ...run, loaded: server.requests.slice(started) };
    })();
    return appRun;
  };

  testWithData(
    'bundled app: the README example logs what its comments say; the checks decode a file and a Blob.stream()',
    WEATHER_FILES,
    async () => {
      const { result, logs, log, loaded } = await runApp();
      expect(log.errors).toEqual([]);
      expect(result.error).toBeUndefined();
      expect(logs).toEqual(README_LOGS);
      expect(result).toMatchObject({
        codec: 'zstandard',
        count: 5,
        first: { station: '011990-99999', time: -619524000000, temp: 0 },
        temps: [0, 22, -11, 111, 78],
        roundTrip: String(2n ** 60n),
      });
      // The recipe's copy of the module was the one loaded.
      expect(loaded).toContainEqual({ path: '/avro_wasm.wasm', status: 200 });
      expect(loaded.filter((r) => r.status !== 200 && r.path !== '/favicon.ico')).toEqual([]);
    },
    40000,
  );

  testWithData(
    "module worker: the README's decode-worker.js reads a Blob posted right after it starts",
    WEATHER_FILES,
    async () => {
      const { result } = await runApp();
      expect(result.error).toBeUndefined();
      expect(result.fromWorker).toEqual(['011990-99999', '012650-99999']);
    },
    40000,
  );

  testWithData(
    'plain <script type="module"> with an import map: the README page as written',
    ['apache-avro/data/weather.avro'],
    async () => {
      const page = await browser.newPage();
      const log = recordPage(page);
      try {
        await page.goto(`${server.url}/readme-page.html`);
        await page.waitForFunction(() => /readings/.test(document.body.textContent), null, { timeout: 20000 });
        await page.screenshot({ path: path.join(ARTIFACTS, 'plain-module-script.png') });
        expect(await page.textContent('body')).toBe('5 readings, the first from 011990-99999');
        expect(log.errors).toEqual([]);
      } finally {
        await page.close();
      }
    },
    40000,
  );

  testWithData(
    "strict CSP (script-src 'self' 'wasm-unsafe-eval'): the whole API tour on the page and in a worker",
    TOUR_FILES_NEEDED,
    async () => {
      const { result, log } = await runPage(`${cspServer.url}/csp.html`, 'strict-csp.png');
      // A package that evaluates strings fails the tour with an EvalError here.
      expect(result.error).toBeUndefined();
      expect(log.errors).toEqual([]);
      expect(result.main[0]).toBe('eval is blocked here');
      expect(result.main.length).toBeGreaterThan(10);
      expect(result.worker).toEqual(result.main);
      // The only violation is the tour's own probe (new Function), which shows
      // the policy was in force.
      expect(result.violations).toEqual([{ directive: 'script-src', blocked: 'eval' }]);
    },
    40000,
  );
});
