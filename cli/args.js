// Command-line parsing from a declarative spec per command: long options
// (--name value, --name=value), short aliases, boolean flags, integer and
// number checks, "--" to end options, and "-" as an ordinary positional
// (stdin/stdout). Anything malformed is a UsageError (exit code 2).
import { UsageError } from './errors.js';

/**
 * spec: { options: { name: { type: 'boolean'|'string'|'integer'|'number', alias?, value?, help,
 *   choices?, default? } }, positionals: { min, max, names } }
 * returns { options: { camelCaseName: value }, positionals: string[] }
 */
export function parseArgs(argv, spec) {
  const defs = spec.options ?? {};
  const byAlias = new Map();
  for (const [name, def] of Object.entries(defs)) if (def.alias) byAlias.set(def.alias, name);
  const options = {};
  for (const [name, def] of Object.entries(defs)) if (def.default !== undefined) options[camel(name)] = def.default;
  const positionals = [];

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-' || !arg.startsWith('-')) {
      positionals.push(arg);
      continue;
    }
    let name;
    let inline;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
      inline = eq < 0 ? undefined : arg.slice(eq + 1);
    } else {
      name = byAlias.get(arg.slice(1));
      if (name === undefined) throw new UsageError(`unknown option ${arg}`);
    }
    const def = defs[name];
    if (!def) throw new UsageError(`unknown option --${name}`);
    if (def.type === 'boolean') {
      if (inline !== undefined) throw new UsageError(`--${name} takes no value`);
      options[camel(name)] = true;
      continue;
    }
    let text = inline;
    if (text === undefined) {
      if (i + 1 >= argv.length) throw new UsageError(`--${name} needs a value (${def.value ?? 'VALUE'})`);
      text = argv[++i];
    }
    options[camel(name)] = convert(name, def, text);
  }

  const { min = 0, max = Infinity } = spec.positionals ?? {};
  if (positionals.length < min) {
    const names = spec.positionals?.names ?? 'arguments';
    throw new UsageError(`missing ${names}`);
  }
  if (positionals.length > max) throw new UsageError(`unexpected argument ${JSON.stringify(positionals[max])}`);
  for (const [name, def] of Object.entries(defs)) {
    if (def.required && options[camel(name)] === undefined) throw new UsageError(`--${name} is required`);
  }
  return { options, positionals };
}

function convert(name, def, text) {
  if (def.choices && !def.choices.includes(text)) {
    throw new UsageError(`--${name} must be one of ${def.choices.join(', ')} (got ${JSON.stringify(text)})`);
  }
  if (def.type === 'integer') {
    if (!/^\d+$/.test(text) || !Number.isSafeInteger(Number(text))) {
      throw new UsageError(`--${name} must be a non-negative integer (got ${JSON.stringify(text)})`);
    }
    return Number(text);
  }
  if (def.type === 'number') {
    const n = Number(text);
    if (text.trim() === '' || !Number.isFinite(n))
      throw new UsageError(`--${name} must be a number (got ${JSON.stringify(text)})`);
    return n;
  }
  return text;
}

function camel(name) {
  return name.replace(/-([a-z])/g, (_, c) => c.toUpperCase());
}

/** The --help text of a command, generated from its spec. */
export function helpText(command) {
  const lines = [`Usage: avro-wasm ${command.usage}`, '', command.description.trim(), ''];
  const entries = Object.entries(command.options ?? {});
  const rows = entries.map(([name, def]) => {
    const flag = `${def.alias ? `-${def.alias}, ` : ''}--${name}${def.type === 'boolean' ? '' : ` ${def.value ?? 'VALUE'}`}`;
    return [flag, def.help];
  });
  rows.push(['-h, --help', 'show this help']);
  const width = Math.max(...rows.map(([flag]) => flag.length));
  lines.push('Options:');
  for (const [flag, help] of rows) lines.push(`  ${flag.padEnd(width)}  ${help}`);
  if (command.examples) {
    lines.push('', 'Examples:');
    for (const example of command.examples) lines.push(`  avro-wasm ${example}`);
  }
  return `${lines.join('\n')}\n`;
}
