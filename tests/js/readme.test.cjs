// The README's JS examples run as tests: each ```js block is executed, and
// every line of the form `expression; // 'expected string'` is checked, as
// is every `// logs X` comment against what the block printed. Browser
// examples (```js browser, ```js worker, ```html) run in Chromium instead,
// in browser.test.cjs.
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const avro = require('../../dist/index.cjs');

const readme = fs.readFileSync(path.join(__dirname, '../../README.md'), 'utf8');
const blocks = [...readme.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]);

test('the README has JS examples', () => {
  expect(blocks.length).toBeGreaterThan(0);
});

describe.each(blocks.map((code, i) => [i, code]))('README example %i', (index, code) => {
  // `import { a, b as c } from 'avro-wasm'` (or a Node built-in, 'node:...')
  // becomes a destructuring of that module.
  const source = code.replace(/^import \* as (\w+) from '([\w-]+)';.*$/gm, 'const $1 = require("$2");').replace(
    /^import \{([^}]+)\} from '(avro-wasm|node:[\w/]+)';.*$/gm,
    (line, names, from) => `const {${names.replace(/\bas\b/g, ':')}} = require(${JSON.stringify(from)});`,
  );
  const checks = [...code.matchAll(/^(.*?);\s*\/\/\s*'(.*)'\s*(?:\(.*\))?$/gm)].map((m) => [m[1].trim(), m[2]]);
  const logs = [...code.matchAll(/\/\/ logs (\S+)$/gm)].map((m) => m[1]);
  const logged = [];
  const context = vm.createContext({
    avro,
    // 'avro-wasm' is the bundle loaded above; Node's own modules are lent
    // as they are (the streaming example writes a file).
    require: (name) => (name === 'avro-wasm' ? avro : require(name)),
    console: { log: (...args) => logged.push(args) },
    Date,
  });

  // The block runs in an async function (top-level `for await` works) that
  // ends by evaluating the checked expressions in the block's own scope.
  let results;
  const run = async () => {
    logged.length = 0;
    const collect = `return [${checks.map(([expression]) => `(${expression})`).join(', ')}];`;
    results = await vm.runInContext(`(async () => {\n${source}\n${collect}\n})()`, context);
  };

  test('runs', async () => {
    await run();
  });

  if (checks.length) {
    test.each(checks.map((check, i) => [...check, i]))(
      '%s gives the documented string',
      async (expression, expected, i) => {
        await run();
        expect(results[i]).toBe(expected);
      },
    );
  }

  if (logs.length) {
    test('logs what the comments say', async () => {
      await run();
      expect(logged.map((args) => args.join(' '))).toEqual(logs);
    });
  }

  if (code.includes('errorHook: (path) => console.log(path)')) {
    test('the errorHook example logs the documented path', async () => {
      await run();
      expect(logged).toContainEqual([['name']]);
    });
  }
});
