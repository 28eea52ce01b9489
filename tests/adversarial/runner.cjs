// Runs corpus cases (corpus.cjs) against an avro-wasm module and checks the
// outcomes. runCase and canaryOk use nothing but their arguments, so the
// browser suite can ship their source text into a page.
'use strict';

/* global performance */

/**
 * Runs one case with `avro` (the package's exports). Returns a plain,
 * serializable outcome: { ok, code, isAvroError, message, records,
 * bestEffortCode, ms }.
 */
function runCase(avro, c) {
  const start = performance.now();
  const out = { ok: false, code: null, isAvroError: false, message: '', records: null, bestEffortCode: null, ms: 0 };
  const options = c.options || {};
  try {
    if (c.kind === 'container') {
      out.records = avro.readContainer(c.bytes, options).records.length;
    } else if (c.kind === 'schema') {
      avro.Type.forSchema(c.text, options).dispose();
    } else {
      const type = avro.Type.forSchema(c.schema, options);
      try {
        if (c.kind === 'datum') type.fromBuffer(c.bytes);
        else type.fromString(c.text);
      } finally {
        type.dispose();
      }
    }
    out.ok = true;
  } catch (error) {
    out.code = error && error.code;
    out.isAvroError = error instanceof avro.AvroError;
    out.message = String(error && error.message).slice(0, 500);
  }
  if (!out.ok && c.kind === 'container' && c.expect.records !== undefined) {
    // Best effort: the records before the error, and the same error.
    try {
      const result = avro.readContainer(c.bytes, Object.assign({}, options, { bestEffort: true }));
      out.records = result.records.length;
      out.bestEffortCode = result.error && result.error.code;
    } catch (error) {
      out.bestEffortCode = `threw ${error && error.code}: ${error && error.message}`;
    }
  }
  out.ms = performance.now() - start;
  return out;
}

/** Whether the module still reads a good file (`canary`: { bytes, records, first: [key, value] }). */
function canaryOk(avro, canary) {
  try {
    const { records } = avro.readContainer(canary.bytes);
    return records.length === canary.records && records[0][canary.first[0]] === canary.first[1];
  } catch {
    return false;
  }
}

/** Problems with an outcome, as strings (empty: as expected). */
function checkOutcome(c, out, { boundMs = 5000 } = {}) {
  const problems = [];
  const where = `${c.kind} "${c.name}"`;
  const expect = c.expect;
  if (expect.ok) {
    if (!out.ok) problems.push(`${where}: expected success, got ${out.code}: ${out.message}`);
  } else if (out.ok) {
    if (!expect.codes.includes('ok')) problems.push(`${where}: expected ${expect.codes.join('|')}, but it succeeded`);
  } else {
    if (!out.isAvroError) problems.push(`${where}: threw a non-AvroError: ${out.message}`);
    if (!expect.codes.includes(out.code)) {
      problems.push(`${where}: expected ${expect.codes.join('|')}, got ${out.code}: ${out.message}`);
    }
    if (expect.messageIncludes && !out.message.includes(expect.messageIncludes)) {
      problems.push(`${where}: message lacks "${expect.messageIncludes}": ${out.message}`);
    }
    if (expect.records !== undefined && out.bestEffortCode !== out.code) {
      problems.push(`${where}: best effort ended with ${out.bestEffortCode}, not ${out.code}`);
    }
  }
  if (expect.records !== undefined && out.records !== expect.records) {
    problems.push(`${where}: ${out.records} records, expected ${expect.records}`);
  }
  if (out.ms > boundMs) problems.push(`${where}: took ${Math.round(out.ms)} ms`);
  return problems;
}

module.exports = { runCase, canaryOk, checkOutcome };
