// Builds the viewer and the benchmark page into build/web/ with esbuild:
// every asset local (the package's browser entry and its .wasm, avsc for
// the benchmark), nothing fetched at run time. Run by scripts/build-web.sh.
import * as esbuild from 'esbuild';
import { copyFile, mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(root, 'build', 'web');
const packageEntry = join(root, 'dist', 'browser.mjs');
const packageWasm = join(root, 'dist', 'avro_wasm.wasm');

// The page imports the package by name, as an application would.
const packageByName = {
  name: 'avro-wasm-browser',
  setup(build) {
    build.onResolve({ filter: /^avro-wasm$/ }, () => ({ path: packageEntry }));
  },
};

// avsc (benchmark page only) needs Node's buffer and util: small local shims
// (its package.json maps crypto to its own browser file).
const shims = {
  buffer: join(root, 'web', 'src', 'bench', 'shims', 'buffer.js'),
  util: join(root, 'web', 'src', 'bench', 'shims', 'util.js'),
};

export async function buildWeb({ quiet = false } = {}) {
  try {
    await stat(packageEntry);
    await stat(packageWasm);
  } catch {
    throw new Error('build-web: dist/browser.mjs or dist/avro_wasm.wasm is missing; run npm run build first');
  }
  await mkdir(out, { recursive: true });
  const common = {
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    logLevel: quiet ? 'error' : 'warning',
    legalComments: 'none',
    plugins: [packageByName],
  };
  await Promise.all([
    esbuild.build({ ...common, entryPoints: [join(root, 'web/src/ui/main.js')], outfile: join(out, 'viewer.js') }),
    esbuild.build({
      ...common,
      entryPoints: [join(root, 'web/src/worker/worker.js')],
      outfile: join(out, 'worker.js'),
    }),
    esbuild.build({
      ...common,
      entryPoints: [join(root, 'web/src/bench/bench.js')],
      outfile: join(out, 'bench.js'),
      alias: shims,
      define: { global: 'globalThis', 'process.env.NODE_DEBUG': 'undefined' },
    }),
  ]);
  for (const name of ['index.html', 'bench.html', 'styles.css', 'icon.svg'])
    await copyFile(join(root, 'web', name), join(out, name));
  await copyFile(packageWasm, join(out, 'avro_wasm.wasm'));
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dir = await buildWeb();
  console.log(`build-web: ${dir}`);
}
