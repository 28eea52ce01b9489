// Differential testing against avsc (the reference JS implementation):
// random schemas (seeded) x random values; the binary encodings must be
// byte-for-byte identical and each side must decode the other's bytes to
// the same value.
'use strict';

const { Type } = require('../../dist/index.cjs');
const { loadSeededAvsc, hex, crc64Avro } = require('./helpers.cjs');
const { createSchemaGenerator, createValueGenerator, buildRegistry, canon } = require('./gen.cjs');

const SEED = Number(process.env.AVRO_DIFF_SEED || 20240611);
const SCHEMAS = 200;
const AVSC_VALUES = 10; // from avscType.random()
const EDGE_VALUES = 10; // from our schema-driven edge generator

// Seeded so that avscType.random() values are reproducible.
const avsc = loadSeededAvsc(SEED);

/** Runs one value through both libraries; returns a list of problems (empty when they agree). */
function compare(ours, theirs, value) {
  const problems = [];
  let theirBytes;
  try {
    theirBytes = theirs.toBuffer(value);
  } catch (error) {
    return [`avsc cannot encode the value: ${error.message}`];
  }
  const expected = canon(theirs.fromBuffer(theirBytes));

  let ourBytes;
  try {
    ourBytes = ours.toBuffer(value);
  } catch (error) {
    return [`avro-wasm toBuffer threw ${error.name}: ${error.message}`];
  }
  if (!(ourBytes instanceof Uint8Array)) problems.push('toBuffer did not return a Uint8Array');
  const ourHex = hex(ourBytes);
  const theirHex = Buffer.from(theirBytes).toString('hex');
  if (ourHex !== theirHex) problems.push(`bytes differ:\n  ours  ${ourHex}\n  avsc  ${theirHex}`);

  try {
    const back = canon(theirs.fromBuffer(Buffer.from(ourBytes)));
    if (back !== expected)
      problems.push(`avsc decodes our bytes differently:\n  got      ${back}\n  expected ${expected}`);
  } catch (error) {
    problems.push(`avsc cannot decode our bytes: ${error.message}`);
  }

  try {
    const decoded = canon(ours.fromBuffer(new Uint8Array(theirBytes)));
    if (decoded !== expected)
      problems.push(`we decode avsc's bytes differently:\n  got      ${decoded}\n  expected ${expected}`);
  } catch (error) {
    problems.push(`avro-wasm cannot decode avsc's bytes: ${error.name}: ${error.message}`);
  }
  return problems;
}

describe(`differential vs avsc ${require('avsc/package.json').version} (seed ${SEED})`, () => {
  const schemaGen = createSchemaGenerator(SEED);
  const schemas = [];
  for (let i = 0; i < SCHEMAS; i++) schemas.push(schemaGen.schema());

  test('the generator covers every kind of type', () => {
    const text = JSON.stringify(schemas);
    for (const kind of [
      '"record"',
      '"enum"',
      '"fixed"',
      '"array"',
      '"map"',
      '"null"',
      '"boolean"',
      '"int"',
      '"long"',
      '"float"',
      '"double"',
      '"bytes"',
      '"string"',
    ]) {
      expect(text).toContain(kind);
    }
    expect(text).toMatch(/\["null",/);
    expect(text).toMatch(/,"null"\]/);
    expect(text).toMatch(/"namespace":/);
  });

  schemas.forEach((schema, index) => {
    test(`schema #${index} (seed ${SEED}): ${AVSC_VALUES} avsc random + ${EDGE_VALUES} edge values`, () => {
      const ours = Type.forSchema(schema, { wrapUnions: 'auto' });
      const theirs = avsc.Type.forSchema(schema, { wrapUnions: 'auto' });
      try {
        // Both parse the same schema to the same Parsing Canonical Form
        // (avsc's schema() without options is its canonical form).
        expect(ours.canonicalForm()).toBe(JSON.stringify(theirs.schema()));
        const failures = [];
        const values = [];
        for (let i = 0; i < AVSC_VALUES; i++) values.push(['avsc', theirs.random()]);
        const edges = createValueGenerator(SEED * 1000 + index);
        const registry = buildRegistry(schema);
        for (let i = 0; i < EDGE_VALUES; i++) values.push(['edge', edges.value(schema, registry)]);
        values.forEach(([source, value], i) => {
          const problems = compare(ours, theirs, value);
          if (problems.length) failures.push(`value ${i} (${source}) ${canon(value)}\n${problems.join('\n')}`);
        });
        if (failures.length) {
          throw new Error(`schema ${JSON.stringify(schema)}\n\n${failures.slice(0, 3).join('\n\n')}`);
        }
        // The batch calls agree with avsc's per-datum calls on the same values.
        const batch = values.map(([, value]) => value);
        const theirBytes = batch.map((value) => theirs.toBuffer(value));
        expect(ours.toBuffers(batch).map(hex)).toEqual(theirBytes.map((b) => b.toString('hex')));
        const decoded = ours.fromBuffers(theirBytes).map(canon);
        expect(decoded).toEqual(theirBytes.map((b) => canon(theirs.fromBuffer(b))));
      } finally {
        ours.dispose();
      }
    });
  });

  test('fingerprints agree with avsc', () => {
    for (const schema of schemas.slice(0, 50)) {
      const ours = Type.forSchema(schema);
      const theirs = avsc.Type.forSchema(schema);
      expect(Buffer.from(ours.fingerprint('MD5')).toString('hex')).toBe(theirs.fingerprint('md5').toString('hex'));
      expect(Buffer.from(ours.fingerprint('SHA-256')).toString('hex')).toBe(
        theirs.fingerprint('sha256').toString('hex'),
      );
      // avsc has no CRC-64-AVRO: check it against the reference implementation.
      const crc = Buffer.alloc(8);
      crc.writeBigUInt64LE(crc64Avro(JSON.stringify(theirs.schema())));
      expect(Buffer.from(ours.fingerprint('CRC-64-AVRO')).toString('hex')).toBe(crc.toString('hex'));
      ours.dispose();
    }
  });
});
