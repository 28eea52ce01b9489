// The grid's columns from the file's schema: one per top-level field of a
// record schema (one "value" column otherwise), each with a kind that
// decides how it is summarised, sorted and filtered.
//
// Kinds: number, time (Date values), decimal (exact decimal strings),
// string, enum, boolean, bytes, array, map, record, mixed (a union of
// several non-null branches), null.

const NUMERIC = new Set(['int', 'long', 'float', 'double']);
const TIME_LOGICAL = new Set([
  'date',
  'timestamp-millis',
  'timestamp-micros',
  'timestamp-nanos',
  'local-timestamp-millis',
  'local-timestamp-micros',
  'local-timestamp-nanos',
]);

/** [{ name, typeText, kind, nullable }] for the schema (as Type#schema() returns it). */
export function columnsOf(schema) {
  const named = new Map();
  collectNamed(schema, '', named);
  const resolve = (ref) => named.get(ref) ?? named.get(ref.split('.').pop()) ?? ref;
  const isRecord = (s) =>
    s && typeof s === 'object' && !Array.isArray(s) && (s.type === 'record' || s.type === 'error');
  const top = typeof schema === 'string' ? resolve(schema) : schema;
  if (isRecord(top)) {
    return top.fields.map((field) => ({ name: field.name, ...describe(field.type, resolve) }));
  }
  return [{ name: 'value', whole: true, ...describe(schema, resolve) }];
}

function collectNamed(schema, namespace, named) {
  if (Array.isArray(schema)) {
    for (const branch of schema) collectNamed(branch, namespace, named);
    return;
  }
  if (!schema || typeof schema !== 'object') return;
  if (['record', 'error', 'enum', 'fixed'].includes(schema.type) && schema.name) {
    const ns = schema.name.includes('.')
      ? schema.name.slice(0, schema.name.lastIndexOf('.'))
      : (schema.namespace ?? namespace);
    const short = schema.name.split('.').pop();
    named.set(ns ? `${ns}.${short}` : short, schema);
    if (!named.has(short)) named.set(short, schema);
    if (schema.fields) for (const field of schema.fields) collectNamed(field.type, ns, named);
    return;
  }
  if (schema.type === 'array') collectNamed(schema.items, namespace, named);
  if (schema.type === 'map') collectNamed(schema.values, namespace, named);
}

function describe(type, resolve) {
  if (Array.isArray(type)) {
    const others = type.filter((branch) => branch !== 'null' && branch?.type !== 'null');
    const nullable = others.length < type.length;
    if (others.length === 1) {
      const inner = describe(others[0], resolve);
      return { ...inner, nullable: true, typeText: `${inner.typeText}?` };
    }
    if (others.length === 0) return { kind: 'null', nullable: true, typeText: 'null' };
    return { kind: 'mixed', nullable, typeText: `union[${type.map((b) => textOf(b, resolve)).join(', ')}]` };
  }
  const float = type === 'float' || (type && type.type === 'float' && !type.logicalType);
  return {
    kind: kindOf(type, resolve),
    nullable: false,
    typeText: textOf(type, resolve),
    ...(float ? { float: true } : {}),
  };
}

function kindOf(type, resolve) {
  if (typeof type === 'string') {
    if (NUMERIC.has(type)) return 'number';
    if (['string', 'boolean', 'bytes', 'null'].includes(type)) return type;
    const target = resolve(type);
    return typeof target === 'object' ? kindOf(target, resolve) : 'mixed';
  }
  const logical = type.logicalType;
  if (logical && TIME_LOGICAL.has(logical) && (type.type === 'int' || type.type === 'long')) return 'time';
  if (logical === 'decimal' || logical === 'big-decimal') return 'decimal';
  if (logical === 'duration') return 'record';
  switch (type.type) {
    case 'record':
    case 'error':
      return 'record';
    case 'enum':
      return 'enum';
    case 'fixed':
      return 'bytes';
    case 'array':
      return 'array';
    case 'map':
      return 'map';
    default:
      return kindOf(type.type, resolve);
  }
}

function shortName(name) {
  return String(name).split('.').pop();
}

function textOf(type, resolve) {
  if (typeof type === 'string') return NUMERIC.has(type) || type === 'string' ? type : shortName(type);
  if (Array.isArray(type)) return `union[${type.map((b) => textOf(b, resolve)).join(', ')}]`;
  const logical = type.logicalType ? ` · ${type.logicalType}` : '';
  switch (type.type) {
    case 'record':
    case 'error':
      return `record ${shortName(type.name)}`;
    case 'enum':
      return `enum ${shortName(type.name)}`;
    case 'fixed':
      return `fixed(${type.size}) ${shortName(type.name)}${logical}`;
    case 'array':
      return `array<${textOf(type.items, resolve)}>`;
    case 'map':
      return `map<${textOf(type.values, resolve)}>`;
    default:
      return `${type.type}${logical}`;
  }
}
