// Shared helpers for the Jest suites: test data location (with the CI
// rule: a missing file fails under CI=true and is skipped otherwise), a
// seeded PRNG, byte formatting, and small independent reference encoders
// (zigzag varints, CRC-64-AVRO) used to compute expected values without
// going through the code under test.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

/** /work/shared/testdata, found relative to the repository (../shared/testdata from the repo root). */
const TESTDATA = path.resolve(__dirname, '../../../shared/testdata');
const IS_CI = process.env.CI === 'true';

function testdataPath(rel) {
  return path.join(TESTDATA, rel);
}

function missingTestdata(rels) {
  return rels.filter((rel) => !fs.existsSync(testdataPath(rel)));
}

/**
 * Declares a test that needs files under the test data directory. If any is
 * missing: under CI=true the test is declared and fails; otherwise it is
 * skipped (test.skip) so a checkout without the data still runs.
 */
function testWithData(name, rels, fn, timeout) {
  const missing = missingTestdata(rels);
  if (missing.length === 0) return test(name, fn, timeout);
  const message = `missing test data under ${TESTDATA}: ${missing.join(', ')}`;
  if (IS_CI) {
    return test(name, () => {
      throw new Error(message);
    });
  }
  return test.skip(`${name} [${message}]`, () => {});
}

/**
 * Reads a test data file at definition time (to generate one test per entry).
 * Returns null when it is missing; then `reportMissing(name)` declares the
 * failing (CI) or skipped test in its place.
 */
function readTestdata(rel, encoding) {
  const p = testdataPath(rel);
  if (!fs.existsSync(p)) return null;
  return fs.readFileSync(p, encoding);
}

function reportMissing(name, rels) {
  return testWithData(name, rels, () => {});
}

/** mulberry32: a small, fast, seedable PRNG returning floats in [0, 1). */
function mulberry32(seed) {
  let a = seed >>> 0;
  return function next() {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Loads avsc with a seeded Math.random: avsc seeds the private generator
 * behind Type#random from Math.random when the module is first loaded, so
 * this makes its random values reproducible. Call it once per test file
 * (Jest gives each file its own module registry, hence a fresh avsc).
 */
function loadSeededAvsc(seed) {
  const original = Math.random;
  Math.random = mulberry32(seed);
  try {
    return require('avsc');
  } finally {
    Math.random = original;
  }
}

/** Lower-case hex of any byte container (Uint8Array, Buffer, array of numbers). */
function hex(bytes) {
  return Buffer.from(Uint8Array.from(bytes)).toString('hex');
}

/** Byte array from a hex string ('80 01' or '8001'). */
function unhex(text) {
  const clean = text.replace(/\s+/g, '');
  return Uint8Array.from(Buffer.from(clean, 'hex'));
}

/** Reference zigzag + varint encoding of a signed 64-bit integer (Avro int/long). */
function zigzagVarint(value) {
  let v = BigInt(value);
  let z = v >= 0n ? v << 1n : (-v << 1n) - 1n; // zigzag without relying on fixed width
  const out = [];
  do {
    let byte = Number(z & 0x7fn);
    z >>= 7n;
    if (z !== 0n) byte |= 0x80;
    out.push(byte);
  } while (z !== 0n);
  return Uint8Array.from(out);
}

/** Concatenates byte arrays / arrays of numbers into one Uint8Array. */
function concat(...parts) {
  const arrays = parts.map((p) => Uint8Array.from(p));
  const out = new Uint8Array(arrays.reduce((n, a) => n + a.length, 0));
  let off = 0;
  for (const a of arrays) {
    out.set(a, off);
    off += a.length;
  }
  return out;
}

/** Avro string encoding: zigzag length + UTF-8 bytes. */
function avroString(s) {
  const utf8 = Buffer.from(s, 'utf8');
  return concat(zigzagVarint(utf8.length), utf8);
}

// CRC-64-AVRO (the Rabin fingerprint of the Avro spec), straight from the
// spec's reference code, over BigInt.
const CRC_EMPTY = 0xc15d213aa4d7a795n;
const CRC_TABLE = (() => {
  const table = new Array(256);
  for (let i = 0; i < 256; i++) {
    let fp = BigInt(i);
    for (let j = 0; j < 8; j++) fp = (fp >> 1n) ^ (CRC_EMPTY & -(fp & 1n));
    table[i] = fp & 0xffffffffffffffffn;
  }
  return table;
})();

/** Unsigned 64-bit CRC-64-AVRO of the UTF-8 bytes of `text`. */
function crc64Avro(text) {
  let fp = CRC_EMPTY;
  for (const byte of Buffer.from(text, 'utf8')) {
    fp = (fp >> 8n) ^ CRC_TABLE[Number((fp ^ BigInt(byte)) & 0xffn)];
  }
  return fp & 0xffffffffffffffffn;
}

/** Captures the error thrown by fn (fails the test if nothing is thrown). */
function thrown(fn) {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw, but it returned normally');
}

module.exports = {
  TESTDATA,
  IS_CI,
  testdataPath,
  testWithData,
  readTestdata,
  reportMissing,
  mulberry32,
  loadSeededAvsc,
  hex,
  unhex,
  zigzagVarint,
  concat,
  avroString,
  crc64Avro,
  thrown,
};
