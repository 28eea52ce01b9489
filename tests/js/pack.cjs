// Packs the repository the way `npm publish` would (dist/ must be built)
// and installs the tarball into a fresh project in a temporary directory,
// so tests run against what users get, resolved through node_modules.
// Offline: the package has no runtime dependencies, npm gets --offline and
// a private cache, and no npm_* variables of an outer `npm test` leak in
// (npm_config_prefix and friends would point the install at the repo).
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const ROOT = path.resolve(__dirname, '../..');
const NPM_FLAGS = ['--offline', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'];

function npmEnv(cacheDir) {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^npm_/i.test(key)) env[key] = value;
  }
  return {
    ...env,
    NODE_OPTIONS: '',
    npm_config_cache: cacheDir,
    npm_config_update_notifier: 'false',
    // A registry nothing listens on: should npm ever try the network despite
    // --offline, the install fails here instead of quietly downloading.
    npm_config_registry: 'http://127.0.0.1:9/',
  };
}

function npm(args, { cwd, cacheDir }) {
  // npm is a JS file next to node on every install, but call it by name:
  // Debian's nodejs package and nvm both put it on PATH.
  return execFileSync('npm', args, { cwd, env: npmEnv(cacheDir), encoding: 'utf8', timeout: 60000 });
}

/**
 * npm pack + npm install into <tmp>/project. Returns { tmp, tarball, pack,
 * project, installed, cleanup } where `pack` is npm's JSON report (files,
 * size, unpackedSize) and `installed` the package directory in node_modules.
 */
function packAndInstall({ prefix = 'avro-wasm-pack-' } = {}) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const cacheDir = path.join(tmp, 'npm-cache');
  const [pack] = JSON.parse(npm(['pack', '--json', '--pack-destination', tmp, ...NPM_FLAGS], { cwd: ROOT, cacheDir }));
  const tarball = path.join(tmp, pack.filename);
  const project = path.join(tmp, 'project');
  fs.mkdirSync(project);
  fs.writeFileSync(
    path.join(project, 'package.json'),
    JSON.stringify({ name: 'avro-wasm-consumer', version: '1.0.0', private: true }, null, 2),
  );
  npm(['install', tarball, '--no-package-lock', ...NPM_FLAGS], { cwd: project, cacheDir });
  const installed = path.join(project, 'node_modules', 'avro-wasm');
  return {
    tmp,
    tarball,
    pack,
    project,
    installed,
    cleanup: () => fs.rmSync(tmp, { recursive: true, force: true }),
  };
}

module.exports = { packAndInstall, ROOT };
