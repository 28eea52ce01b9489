// How a union looks in JS. Unwrapped (the bare value) when every branch
// maps to a different kind of JS value, so a value alone says which branch
// it is; otherwise wrapped as { "<branch name>": value } like avsc.
// options.wrapUnions: 'auto' (default) | 'always' | 'never'.

export function jsCategory(node, logicalTypes) {
  const logical = logicalTypes ? node.logical : undefined;
  if (logical === 'date' || logical === 'timestamp-millis' || logical === 'local-timestamp-millis') return 'date';
  if (node.op === 'timestamp-micros' || node.op === 'timestamp-nanos') return 'date';
  switch (node.op) {
    case 'null':
      return 'null';
    case 'boolean':
      return 'boolean';
    case 'int':
    case 'long':
    case 'float':
    case 'double':
      return 'number';
    case 'string':
    case 'enum':
    case 'decimal':
    case 'big-decimal':
    case 'uuid-fixed':
      return 'string';
    case 'bytes':
    case 'fixed':
      return 'bytes';
    case 'array':
      return 'array';
    default:
      return 'object'; // record, map, duration
  }
}

export function valueCategory(value) {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return 'boolean';
    case 'number':
    case 'bigint':
      return 'number';
    case 'string':
      return 'string';
    case 'object':
      if (value instanceof Uint8Array) return 'bytes';
      if (Array.isArray(value)) return 'array';
      if (value instanceof Date) return 'date';
      return 'object';
    default:
      return 'other';
  }
}

export function unionPlan(desc, node, options) {
  const categories = node.branches.map((b) => jsCategory(desc.nodes[b], options.logicalTypes));
  const unique = new Set(categories).size === categories.length;
  const mode = options.wrapUnions ?? 'auto';
  const wrapped = mode === 'always' || (mode === 'auto' && !unique);
  return { wrapped, categories, unique };
}
