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
