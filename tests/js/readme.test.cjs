// The README's JS examples run as tests: each ```js block is executed, and
// every line of the form `expression; // 'expected string'` is checked.
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
  const source = code.replace(/^import \{([^}]+)\} from 'avro-wasm';.*$/m, 'const {$1} = avro;');
  const logged = [];
  const context = vm.createContext({ avro, console: { log: (...args) => logged.push(args) }, Date });

  test('runs', () => {
    vm.runInContext(source.replace(/^const /gm, 'var '), context);
  });

  const checks = [...code.matchAll(/^(.*?);\s*\/\/\s*'(.*)'\s*(?:\(.*\))?$/gm)];
  test.each(checks.map((m) => [m[1].trim(), m[2]]))('%s gives the documented string', (expression, expected) => {
    vm.runInContext(source.replace(/^const /gm, 'var '), context);
    expect(vm.runInContext(expression, context)).toBe(expected);
  });

  if (code.includes('errorHook: (path) => console.log(path)')) {
    test('the errorHook example logs the documented path', () => {
      logged.length = 0;
      vm.runInContext(source.replace(/^const /gm, 'var '), context);
      expect(logged).toContainEqual([['name']]);
    });
  }
});
