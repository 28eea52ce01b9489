// The machine description and the Markdown tables of bench/RESULTS.md.
import { execFileSync } from 'node:child_process';
import { cpus, loadavg, release, totalmem, type } from 'node:os';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

function gitCommit() {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return 'unknown';
  }
}

export function describeMachine() {
  const load = loadavg()
    .map((l) => l.toFixed(2))
    .join(', ');
  const cpu = cpus();
  return {
    load,
    lines: [
      `- date: ${new Date().toISOString()}, commit ${gitCommit()}`,
      `- CPU: ${cpu[0]?.model ?? 'unknown'}, ${cpu.length} logical cores; memory ${(totalmem() / 2 ** 30).toFixed(0)} GiB`,
      `- OS: ${type()} ${release()}; Node ${process.version}; avsc ${require('avsc/package.json').version}; pyodide ${require('pyodide/package.json').version}`,
      `- load average (1, 5, 15 min) at the start: ${load}`,
    ],
  };
}

const cell = (value) => String(value ?? '').replaceAll('|', '\\|');

/** A Markdown table of objects with the same keys. */
export function markdownTable(objects) {
  if (objects.length === 0) return '(no rows)';
  const keys = Object.keys(objects[0]);
  return [
    `| ${keys.map(cell).join(' | ')} |`,
    `| ${keys.map(() => '---').join(' | ')} |`,
    ...objects.map((o) => `| ${keys.map((k) => cell(o[k])).join(' | ')} |`),
  ].join('\n');
}
