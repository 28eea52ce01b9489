// Optional code generation. A record built as an object literal with
// constant keys is 4-8x cheaper in V8 than one filled key by key in a loop,
// and records are most of what decoding allocates. Generated code is only
// an optimization: where code generation is refused (strict CSP, Cloudflare
// Workers, node --disallow-code-generation-from-strings) the generic
// readers are used, with the same results.

let available; // probed once, on first use

/** Whether `new Function` works here; false when it throws (probed once). */
export function codegenAvailable() {
  if (available === undefined) {
    try {
      available = new Function('return 1')() === 1;
    } catch {
      available = false;
    }
  }
  return available;
}

/**
 * A reader `(c) => ({ name0: readers[type0](c), ... })` for a record, or
 * null when code generation is unavailable. Fields are read in order, as
 * the tape lays them out.
 */
export function generatedRecordReader(names, types, readers) {
  if (!codegenAvailable()) return null;
  // JSON string literals are valid JS string literals (ES2019+).
  const fields = names.map((name, i) => `${JSON.stringify(name)}: r[${types[i]}](c)`).join(',\n');
  return new Function('r', `return function readRecord(c) {\nreturn {\n${fields}\n};\n};`)(readers);
}

/**
 * The field loop of a record writer, `(v, t) => boolean`, or null when code
 * generation is unavailable. Each field is read with a constant key, a
 * monomorphic property load, instead of `v[names[i]]` with a varying key
 * (a megamorphic lookup per field: most of the time of wide records).
 * Semantics are the generic loop's: a name inherited from Object.prototype
 * counts only as an own property, and a missing field takes its default
 * (`fill(i)`) when it has one.
 */
export function generatedFieldsWriter(names, types, writers, hasDefault, inherited, fill) {
  if (!codegenAvailable()) return null;
  const steps = names.map((name, i) => {
    const key = JSON.stringify(name);
    const read = inherited[i] ? `Object.hasOwn(v, ${key}) ? v[${key}] : undefined` : `v[${key}]`;
    const withDefault = hasDefault[i] ? `if (x === undefined) x = fill(${i});\n` : '';
    return `x = ${read};\n${withDefault}if (!w[${types[i]}](x, t)) { t.error.path.unshift(${key}); return false; }`;
  });
  const body = `return function writeFields(v, t) {\nlet x;\n${steps.join('\n')}\nreturn true;\n};`;
  return new Function('w', 'fill', body)(writers, fill);
}
