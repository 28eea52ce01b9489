// The avro-wasm command line, end to end: every command runs as a spawned
// process (bin/avro-wasm.mjs) on the interop test data, and its output is
// checked against Apache's python3-avro (tests/reference/pyavro_dump.py for
// container files, tests/reference/pyavro_tools.py for Avro JSON text,
// canonical forms, compatibility verdicts, validation and resolution),
// against avro-c's avrocat, against Apache's own test vectors
// (schema-tests.txt) or against rules written in Java's avro-tools source
// (cat's sampling). avro-wasm's library is never used to compute an
// expected value. Broken inputs must exit with 1 and say what and where;
// bad command lines exit with 2.
'use strict';

const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn, spawnSync } = require('node:child_process');

const { TESTDATA, IS_CI, testdataPath, crc64Avro, hex } = require('./helpers.cjs');
const ref = require('./reference.cjs');

const BIN = path.resolve(__dirname, '../../bin/avro-wasm.mjs');
const TOOLS = path.join(ref.REFERENCE_DIR, 'pyavro_tools.py');
const PYTHON = ref.referencePython();
const AVROCAT = ref.avrocatPath();
const MANIFEST = ref.manifestContainerRows();
const HAVE_DATA = MANIFEST !== null && ref.listContainerFiles().length > 0;
const CONCURRENCY = 3;

// ------------------------------------------------------------------ helpers

/** Declares a test that needs the test data and python3-avro (under CI=true, missing = failure). */
function testRef(name, fn, timeout = 60000) {
  if (!HAVE_DATA) {
    const message = `missing test data under ${TESTDATA}`;
    if (IS_CI) {
      return test(name, () => {
        throw new Error(message);
      });
    }
    return test.skip(`${name} [${message}]`, () => {});
  }
  return ref.testWithTool(name, PYTHON, 'python3 with python3-avro (AVRO_REFERENCE_PYTHON)', fn, timeout);
}

const ENV = { ...process.env, AVRO_WASM_PROGRESS: '' };

/** Runs the CLI synchronously: { status, stdout (Buffer), text, stderr }. */
function cli(args, { input, env = {} } = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { input, env: { ...ENV, ...env }, maxBuffer: 1 << 28 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, text: r.stdout.toString('utf8'), stderr: r.stderr.toString('utf8') };
}

/** The same, as a promise (to run several processes at once). */
function cliAsync(args, { input, env = {} } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...ENV, ...env } });
    const out = [];
    const err = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => err.push(d));
    child.on('error', reject);
    child.on('close', (status) => {
      const stdout = Buffer.concat(out);
      resolve({ status, stdout, text: stdout.toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
    child.stdin.end(input);
  });
}

async function mapLimit(items, limit, fn) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Expects a successful run with nothing on stderr; returns it. */
function ok(result, label = '') {
  if (result.status !== 0 || result.stderr !== '') {
    throw new Error(`${label} exited with ${result.status}:\n${result.stderr}`);
  }
  return result;
}

function pyTools(mode, request) {
  return ref.runJsonTool(PYTHON, [TOOLS, mode], request);
}

function lines(text) {
  return text.split('\n').filter((line) => line !== '');
}

let tmpDir;
beforeAll(() => {
  tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'avro-wasm-cli-'));
});
afterAll(() => {
  if (tmpDir) fs.rmSync(tmpDir, { recursive: true, force: true });
});
const tmp = (name) => path.join(tmpDir, name);

let py; // python3-avro's dump (raw values) of every container file, by absolute path
const pyCache = new Map();
function pyFile(p) {
  const abs = path.isAbsolute(p) ? p : testdataPath(p);
  if (!py) py = ref.pyavroDump(MANIFEST.map((row) => testdataPath(row.path)));
  const f = py.byPath.get(abs) ?? pyCache.get(abs);
  if (f) return f;
  const fresh = ref.pyavroDump([abs]).byPath.get(abs); // files made by the tests
  if (fresh.fatal) throw new Error(`reference dump failed on ${p}: ${fresh.fatal.message}`);
  return fresh;
}

/** python3-avro's records of a file made by a test (it must read cleanly). */
function pyRecords(file) {
  const f = pyFile(file);
  if (f.error) throw new Error(`python3-avro cannot read ${file}: ${f.error.type}: ${f.error.message}`);
  return f.records;
}

function expectSameRecords(actual, expected, label) {
  const diff = ref.recordsDiff(actual, expected);
  if (diff !== null) throw new Error(`${label}: ${diff}`);
}

/** Files python3-avro reads to the end (with the documented fallbacks for xz and `$` names). */
function readableFiles() {
  return MANIFEST.map((row) => row.path).filter((rel) => pyFile(rel).error === null);
}

/** Writes a file's writer schema (from python3-avro's dump, not from avro-wasm) to a temp .avsc. */
function schemaFileOf(rel) {
  const file = tmp(`${rel.replace(/[^A-Za-z0-9]+/g, '_')}.avsc`);
  fs.writeFileSync(file, JSON.stringify(pyFile(rel).schema));
  return file;
}

const BROKEN = [
  // [file, the byte offset the error must name, what the message says]
  ['apache-avro/data/lang-c/avro-1238-truncated.avro', 83, /ends inside .*block/],
  ['apache-avro/data/lang-js/person-10.no-codec.avro', 494, /after the last block/],
  ['apache-avro/data/test.avro12', 0, /legacy Avro 1\.2/],
];

// ------------------------------------------------------------------ usage

describe('usage', () => {
  const COMMANDS = [
    'tojson',
    'fromjson',
    'getschema',
    'getmeta',
    'count',
    'cat',
    'concat',
    'recodec',
    'repair',
    'random',
    'fingerprint',
    'canonical',
    'compat',
    'validate',
  ];

  test('--help lists every command, and every command has its own --help', async () => {
    const overview = ok(cli(['--help']));
    for (const name of COMMANDS) expect(overview.text).toMatch(new RegExp(`^  ${name} `, 'm'));
    const helps = await mapLimit(COMMANDS, CONCURRENCY, (name) => cliAsync([name, '--help']));
    helps.forEach((r, i) => {
      ok(r, COMMANDS[i]);
      expect(r.text.startsWith(`Usage: avro-wasm ${COMMANDS[i]}`)).toBe(true);
      expect(r.text).toMatch(/^Options:$/m);
      expect(r.text).toMatch(/-h, --help/);
    });
    expect(helps[0].text).toMatch(/--pretty[\s\S]*--plain[\s\S]*--reader-schema S[\s\S]*--head N/);
    expect(ok(cli(['help', 'count'])).text.startsWith('Usage: avro-wasm count')).toBe(true);
  });

  test('bad command lines exit with 2 and say why', async () => {
    const cases = [
      [[], /Usage: avro-wasm COMMAND/],
      [['frobnicate'], /unknown command "frobnicate"/],
      [['tojson'], /missing the input file/],
      [['tojson', '--bogus', 'x.avro'], /unknown option --bogus/],
      [['tojson', '--head', 'ten', 'x.avro'], /--head must be a non-negative integer/],
      [['tojson', 'a.avro', 'b.avro'], /unexpected argument "b.avro"/],
      [['fromjson', '-'], /--schema is required/],
      [
        ['recodec', '--codec', 'lz4', 'a.avro', 'b.avro'],
        /--codec must be one of null, deflate, snappy, zstandard, bzip2, xz/,
      ],
      [['cat', 'only-one.avro'], /missing the input files and the output file/],
      [['cat', '--samplerate', '2', 'a.avro', 'b.avro'], /--samplerate must be between 0 and 1/],
      [['random', '--schema', '"int"'], /--count is required/],
      [['fingerprint', '--alg', 'sha1', '"int"'], /--alg must be one of/],
      [['compat', '--reader', '"int"'], /--writer is required/],
      [['repair', 'a.avro'], /missing the output file/],
      [['getmeta', '--pretty', 'a.avro'], /unknown option --pretty/],
    ];
    const results = await mapLimit(cases, CONCURRENCY, ([args]) => cliAsync(args));
    results.forEach((r, i) => {
      expect({ args: cases[i][0], status: r.status }).toEqual({ args: cases[i][0], status: 2 });
      expect(r.stderr).toMatch(cases[i][1]);
      expect(r.stdout.length).toBe(0);
    });
  });

  test('--version prints the package version', () => {
    const { version } = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8'));
    expect(ok(cli(['--version'])).text).toBe(`${version}\n`);
  });
});

// ------------------------------------------------------------------ tojson

describe('tojson', () => {
  testRef(
    'every container file python3-avro reads: the Avro JSON lines decode to python3-avro records',
    async () => {
      const files = readableFiles();
      expect(files.length).toBeGreaterThanOrEqual(80);
      const results = await mapLimit(files, CONCURRENCY, (rel) => cliAsync(['tojson', testdataPath(rel)]));
      results.forEach((r, i) => ok(r, files[i]));
      const decoded = pyTools(
        'avro-json',
        files.map((rel, i) => ({ schema: pyFile(rel).schema, lines: lines(results[i].text) })),
      );
      files.forEach((rel, i) => expectSameRecords(decoded[i], pyFile(rel).records, rel));
    },
    120000,
  );

  testRef('agrees with avrocat (Apache avro-c) on files avrocat prints fully', async () => {
    if (!AVROCAT) throw new Error('avrocat not found (Debian avro-bin)');
    const files = [
      'apache-avro/data/weather.avro',
      'apache-avro/data/weather-deflate.avro',
      'apache-avro/data/weather-snappy.avro',
      'apache-avro/data/lang-js/person-10.avro',
      'fastavro/data/test-deflate-1.avro',
      'fastavro/data/recursive.avro',
      'arrow-testing/data/nested_records.avro',
      'arrow-testing/data/nullable.impala.avro',
    ];
    const cat = ref.avrocatDump(files.map((rel) => testdataPath(rel)));
    const ours = await mapLimit(files, CONCURRENCY, (rel) => cliAsync(['tojson', testdataPath(rel)]));
    const decoded = pyTools(
      'avro-json',
      files.map((rel, i) => ({ schema: pyFile(rel).schema, lines: lines(ok(ours[i], rel).text) })),
    );
    files.forEach((rel, i) => {
      const expected = cat.byPath.get(testdataPath(rel));
      expect(expected.rc).toBe(0);
      expectSameRecords(decoded[i].map(ref.avrocatView), expected.records, rel);
    });
  });

  testRef('--head N prints the first N records; stdin works', () => {
    const rel = 'fastavro/data/test-deflate-1.avro';
    const r = ok(cli(['tojson', '--head', '7', '-'], { input: fs.readFileSync(testdataPath(rel)) }));
    const [decoded] = pyTools('avro-json', [{ schema: pyFile(rel).schema, lines: lines(r.text) }]);
    expectSameRecords(decoded, pyFile(rel).records.slice(0, 7), rel);
    expect(ok(cli(['tojson', '--head', '0', testdataPath(rel)])).text).toBe('');
  });

  testRef('--pretty spreads each record over indented lines, with the same values', () => {
    const rel = 'apache-avro/data/lang-js/person-10.avro';
    const compact = lines(ok(cli(['tojson', testdataPath(rel)])).text);
    const pretty = ok(cli(['tojson', '--pretty', testdataPath(rel)])).text;
    expect(pretty).toMatch(/^\{\n {2}"name": /);
    expect(pretty).toMatch(/\n {4}"zipcode": \d+\n {2}\}\n\}\n/);
    // Each pretty record, joined onto one line, parses to the compact one.
    const records = pretty.split(/\n(?=\{)/).map((text) => JSON.parse(text));
    expect(records).toEqual(compact.map((line) => JSON.parse(line)));
  });

  testRef('--reader-schema resolves records as python3-avro does', () => {
    const rel = 'apache-avro/data/weather.avro';
    const reader = {
      type: 'record',
      name: 'Weather',
      namespace: 'test',
      fields: [
        { name: 'temp', type: 'long' },
        { name: 'station', type: 'string' },
        { name: 'source', type: 'string', default: 'NOAA' },
      ],
    };
    const schemaFile = tmp('weather-reader.avsc');
    fs.writeFileSync(schemaFile, JSON.stringify(reader));
    const expected = pyTools('read-as', { path: testdataPath(rel), reader });
    expect(expected.records).toHaveLength(5);
    for (const arg of [schemaFile, JSON.stringify(reader)]) {
      const r = ok(cli(['tojson', '--reader-schema', arg, testdataPath(rel)]));
      const [decoded] = pyTools('avro-json', [{ schema: reader, lines: lines(r.text) }]);
      expectSameRecords(decoded, expected.records, rel);
    }
    const bad = cli([
      'tojson',
      '--reader-schema',
      '{"type":"record","name":"test.Weather","fields":[{"name":"x","type":"int"}]}',
      testdataPath(rel),
    ]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/weather\.avro: .*"x"/);
  });

  testRef('--plain prints natural JSON; logical values match python3-avro (--logical)', async () => {
    const files = [
      'arrow-testing/data/timestamp_logical_types.avro',
      'arrow-testing/data/duration_uuid.avro',
      'arrow-testing/data/int128_decimal.avro',
      'arrow-testing/data/int256_decimal.avro',
      'arrow-testing/data/fixed256_decimal.avro',
      'arrow-testing/data/fixed_length_decimal.avro',
      'arrow-testing/data/int32_decimal.avro',
      'arrow-testing/data/alltypes_plain.avro',
      'arrow-testing/data/alltypes_nulls_plain.avro',
      'arrow-testing/data/zero_byte.avro',
      'arrow-testing/data/simple_fixed.avro',
      'arrow-testing/data/nested_records.avro',
      'fastavro/data/java-generated-uuid.avro',
      'avro-rs/data/bigdec.avro',
      'apache-avro/data/lang-js/person-10.avro',
    ];
    const logical = ref.pyavroDump(
      files.map((rel) => testdataPath(rel)),
      { logical: true },
    );
    const results = await mapLimit(files, CONCURRENCY, (rel) => cliAsync(['tojson', '--plain', testdataPath(rel)]));
    files.forEach((rel, i) => {
      const expected = logical.byPath.get(testdataPath(rel));
      expect(expected.error).toBeNull();
      const actual = lines(ok(results[i], rel).text).map((line) => JSON.parse(line));
      expect(actual).toHaveLength(expected.records.length);
      actual.forEach((record, j) => {
        const problem = plainMismatch(record, expected.records[j], '');
        if (problem) throw new Error(`${rel} record ${j}: ${problem}`);
      });
    });
  });
});

// Expected --plain output from python3-avro's --logical dump: its converted
// values (Decimal, datetime, date, time) where python3-avro implements the
// logical type, else the spec's rule applied to the raw value it returns.
function plainMismatch(actual, expected, where) {
  const fail = (what) =>
    `${where || '(root)'}: ${what}: got ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`;
  if (expected === null || typeof expected !== 'object') {
    return Object.is(actual, expected) || actual === expected ? null : fail('value');
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) return fail('array');
    for (let i = 0; i < expected.length; i++) {
      const problem = plainMismatch(actual[i], expected[i], `${where}[${i}]`);
      if (problem) return problem;
    }
    return null;
  }
  const keys = Object.keys(expected);
  if (keys.length === 1 && keys[0] === '$bytes')
    return actual === Buffer.from(expected.$bytes, 'hex').toString('base64') ? null : fail('base64 bytes');
  if (keys.length === 1 && keys[0] === '$float') return actual === expected.$float ? null : fail('non-finite float');
  if (keys.length === 1 && keys[0] === '$long') return actual === Number(expected.$long) ? null : fail('long');
  if ('$logical' in expected) {
    const name = expected.$logical;
    const v = expected.value;
    const isText = typeof actual === 'string';
    switch (name) {
      case 'decimal':
        if (v && v.$decimal !== undefined) return actual === v.$decimal ? null : fail('decimal');
        return plainMismatch(actual, v, where);
      case 'date':
        return actual === v.$date ? null : fail('date');
      case 'time-millis':
      case 'time-micros':
        return isText && timeMicros(actual) === timeMicros(v.$time) ? null : fail(name);
      case 'uuid':
        return actual === v ? null : fail('uuid');
      case 'duration': {
        const b = Buffer.from(v.$bytes, 'hex'); // spec: three little-endian unsigned 32-bit integers
        const want = { months: b.readUInt32LE(0), days: b.readUInt32LE(4), milliseconds: b.readUInt32LE(8) };
        return JSON.stringify(actual) === JSON.stringify(want) ? null : fail('duration');
      }
      case 'big-decimal':
        return actual === bigDecimalText(Buffer.from(v.$bytes, 'hex')) ? null : fail('big-decimal');
      default: {
        const unitNanos = /millis/.test(name) ? 1000000n : /micros/.test(name) ? 1000n : 1n;
        if (!/timestamp/.test(name)) return plainMismatch(actual, v, where);
        const local = name.startsWith('local-');
        if (!isText || actual.endsWith('Z') === local) return fail(`${name} text`);
        const want = v && v.$datetime ? isoNanos(v.$datetime) : BigInt(typeof v === 'object' ? v.$long : v) * unitNanos;
        return isoNanos(actual) === want ? null : fail(name);
      }
    }
  }
  if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return fail('object');
  if (Object.keys(actual).sort().join() !== keys.slice().sort().join()) return fail('keys');
  for (const k of keys) {
    const problem = plainMismatch(actual[k], expected[k], `${where}.${k}`);
    if (problem) return problem;
  }
  return null;
}

// ISO 8601 text (UTC or local, no offset) -> nanoseconds since the epoch.
function isoNanos(text) {
  const m = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d{1,9}))?Z?$/.exec(text);
  if (!m) throw new Error(`not an ISO timestamp: ${text}`);
  const seconds = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) / 1000;
  return BigInt(seconds) * 1000000000n + BigInt((m[7] ?? '').padEnd(9, '0'));
}

function timeMicros(text) {
  const m = /^(\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))?$/.exec(text);
  if (!m) throw new Error(`not a time of day: ${text}`);
  return (+m[1] * 3600 + +m[2] * 60 + +m[3]) * 1e6 + Number((m[4] ?? '').padEnd(6, '0'));
}

// The spec's big-decimal: bytes (length-prefixed two's complement unscaled value) then an int scale.
function bigDecimalText(payload) {
  const varint = (pos) => {
    let z = 0n;
    let shift = 0n;
    for (;;) {
      const b = payload[pos++];
      z |= BigInt(b & 0x7f) << shift;
      shift += 7n;
      if (!(b & 0x80)) return { value: (z >> 1n) ^ -(z & 1n), pos };
    }
  };
  const len = varint(0);
  const bytes = payload.subarray(len.pos, len.pos + Number(len.value));
  let unscaled = BigInt(`0x${bytes.toString('hex') || '0'}`);
  if (bytes.length && bytes[0] & 0x80) unscaled -= 1n << BigInt(bytes.length * 8);
  const scale = Number(varint(len.pos + Number(len.value)).value);
  const digits = (unscaled < 0n ? -unscaled : unscaled).toString().padStart(scale + 1, '0');
  const text = scale ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits;
  return unscaled < 0n ? `-${text}` : text;
}

// ------------------------------------------------------------------ fromjson

describe('fromjson', () => {
  testRef('weather.json (Avro JSON lines from Apache) becomes the records python3-avro reads from weather.avro', () => {
    const schema = schemaFileOf('apache-avro/data/weather.avro');
    const r = cli(['fromjson', '--schema', schema, testdataPath('apache-avro/data/weather.json')]);
    ok(r);
    const out = tmp('weather-fromjson.avro');
    fs.writeFileSync(out, r.stdout);
    expectSameRecords(pyRecords(out), pyFile('apache-avro/data/weather.avro').records, 'weather');
    expect(pyFile(out).codec).toBe('null');
  });

  testRef('every codec and level: python3-avro reads the file and its codec', async () => {
    const schema = schemaFileOf('fastavro/data/test-deflate-1.avro');
    const json = ok(cli(['tojson', testdataPath('fastavro/data/test-deflate-1.avro')])).stdout;
    const cases = [['null'], ['deflate', '9'], ['snappy'], ['zstandard', '19'], ['bzip2', '1'], ['xz', '6']];
    const results = await mapLimit(cases, CONCURRENCY, ([codec, level]) =>
      cliAsync(['fromjson', '--schema', schema, '--codec', codec, ...(level ? ['--level', level] : []), '-'], {
        input: json,
      }),
    );
    cases.forEach(([codec], i) => {
      const out = tmp(`fromjson-${codec}.avro`);
      fs.writeFileSync(out, ok(results[i], codec).stdout);
      expect(pyFile(out).codec).toBe(codec);
      expectSameRecords(pyRecords(out), pyFile('fastavro/data/test-deflate-1.avro').records, codec);
    });
  });

  testRef(
    'tojson | fromjson (Avro JSON and --plain) gives back the records, for files of every kind',
    async () => {
      const files = [
        'apache-avro/data/lang-c/avro-1279-codec.avro',
        'arrow-testing/data/alltypes_plain.avro',
        'arrow-testing/data/nullable.impala.avro',
        'arrow-testing/data/timestamp_logical_types.avro',
        'arrow-testing/data/duration_uuid.avro',
        'arrow-testing/data/fixed256_decimal.avro',
        'arrow-testing/data/int128_decimal.avro',
        'avro-rs/data/bigdec.avro',
        'fastavro/data/recursive.avro',
        'fastavro/data/weather-legacy-with-names.avro',
        'fastavro/data/class_org.apache.avro.tool.TestDataFileTools.seperators.avro',
      ];
      const jobs = [];
      for (const rel of files) for (const plain of [false, true]) jobs.push({ rel, plain });
      await mapLimit(jobs, CONCURRENCY, async ({ rel, plain }) => {
        const flag = plain ? ['--plain'] : [];
        const json = ok(await cliAsync(['tojson', ...flag, testdataPath(rel)]), rel).stdout;
        const back = ok(await cliAsync(['fromjson', ...flag, '--schema', schemaFileOf(rel)], { input: json }), rel);
        const out = tmp(`roundtrip-${plain}-${path.basename(rel)}`);
        fs.writeFileSync(out, back.stdout);
        expectSameRecords(pyRecords(out), pyFile(rel).records, `${rel}${plain ? ' --plain' : ''}`);
      });
    },
    120000,
  );

  testRef('pretty-printed values one after another are read too', () => {
    const rel = 'apache-avro/data/lang-js/person-10.avro';
    const pretty = ok(cli(['tojson', '--pretty', testdataPath(rel)])).stdout;
    const back = ok(cli(['fromjson', '--schema', schemaFileOf(rel), '-'], { input: pretty }));
    const out = tmp('pretty-back.avro');
    fs.writeFileSync(out, back.stdout);
    expectSameRecords(pyRecords(out), pyFile(rel).records, rel);
  });

  test('bad input exits with 1 and names the value, line and path', async () => {
    const schema = JSON.stringify({
      type: 'record',
      name: 'R',
      fields: [
        { name: 'id', type: 'long' },
        { name: 'tags', type: { type: 'array', items: 'string' } },
      ],
    });
    const cases = [
      ['{"id": 1, "tags": []}\n{"id": 2, "tags": ["a", 3]}\n', [], /value 2 \(line 2\): .*string.*\.tags\[1\]/],
      ['{"id": 1, "tags": []}\n\n{"id": "x", "tags": []}\n', [], /value 2 \(line 3\): .*\.id/],
      ['{"id": 1, "tags": []}\n{"id": 2, "tags": [1,]}\n', [], /value 2 \(line 2\)/],
      ['{"id": 1, "tags": []}\n{"id": 2, "tags": [}\n', [], /ends inside the JSON value that starts on line 2/],
      ['{"id": 1, "tags": [\n', [], /ends inside the JSON value that starts on line 1/],
      ['{"id": 1, "tags": [], "extra": 1}\n', ['--plain'], /value 1 \(line 1\): unknown field "extra"/],
      ['{"id": 1.5, "tags": []}\n', ['--plain'], /value 1 \(line 1\): .*\.id/],
      [Buffer.from([0x7b, 0xff, 0x7d]), [], /not valid UTF-8/],
    ];
    const results = await mapLimit(cases, CONCURRENCY, ([input, flags]) =>
      cliAsync(['fromjson', ...flags, '--schema', schema, '-'], { input }),
    );
    results.forEach((r, i) => {
      expect({ case: i, status: r.status }).toEqual({ case: i, status: 1 });
      expect(r.stderr).toMatch(cases[i][2]);
      expect(r.stderr).not.toMatch(/internal error|\n {4}at /);
    });
    const badSchema = cli(
      ['fromjson', '--schema', '{"type":"record","name":"R","fields":[{"name":"a","type":"nope"}]}', '-'],
      {
        input: '',
      },
    );
    expect(badSchema.status).toBe(1);
    expect(badSchema.stderr).toMatch(/schema argument: .*unknown type "nope"/);
    const missing = cli(['fromjson', '--schema', 'no/such/file.avsc', '-'], { input: '' });
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/neither a file nor JSON text/);
  });
});

// ------------------------------------------------------------------ getschema, getmeta, count

describe('getschema, getmeta, count', () => {
  const SAMPLE = [
    'apache-avro/data/weather.avro',
    'apache-avro/data/syncInMeta.avro',
    'apache-avro/data/lang-c/avro-1279-no-codec.avro',
    'arrow-testing/data/alltypes_plain.avro',
    'arrow-testing/data/fixed256_decimal.avro',
    'fastavro/data/testDataFileMeta.avro',
    'fastavro/data/error-type.avro',
    'fastavro/data/double_float.avro',
    'fastavro/data/class_org.apache.avro.tool.TestDataFileTools.zerojsonvalues.avro',
  ];
  const metaOf = (rel) =>
    Object.entries(pyFile(rel).header.metadata).map(([key, valueHex]) => [key, Buffer.from(valueHex, 'hex')]);

  testRef('getschema prints the avro.schema the header holds (as parsed by pyavro_dump)', async () => {
    const results = await mapLimit(SAMPLE, CONCURRENCY, (rel) => cliAsync(['getschema', testdataPath(rel)]));
    SAMPLE.forEach((rel, i) => {
      const text = ok(results[i], rel).text;
      const [key, value] = metaOf(rel).find(([k]) => k === 'avro.schema');
      expect(key).toBe('avro.schema');
      expect(JSON.parse(text)).toEqual(JSON.parse(value.toString('utf8')));
      if (text.length > 80) expect(text).toMatch(/\n {2}"/); // indented
    });
  });

  testRef('getmeta prints every key<TAB>value in file order; --key prints one value', async () => {
    const results = await mapLimit(SAMPLE, CONCURRENCY, (rel) => cliAsync(['getmeta', testdataPath(rel)]));
    SAMPLE.forEach((rel, i) => {
      const expected = Buffer.concat(
        metaOf(rel).map(([k, v]) => Buffer.concat([Buffer.from(`${k}\t`), v, Buffer.from('\n')])),
      );
      expect(ok(results[i], rel).stdout.equals(expected)).toBe(true);
    });
    const meta = ok(cli(['getmeta', '--key', 'hello', testdataPath('fastavro/data/testDataFileMeta.avro')]));
    expect(meta.text).toBe('bar\n');
    const codec = ok(cli(['getmeta', '--key', 'avro.codec', testdataPath('apache-avro/data/weather-snappy.avro')]));
    expect(codec.text).toBe('snappy\n');
    const missing = cli(['getmeta', '--key', 'nope', testdataPath('apache-avro/data/weather.avro')]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/no metadata key "nope"/);
  });

  testRef('count gives the record count python3-avro finds (and MANIFEST.md lists)', async () => {
    const files = new Set([
      ...SAMPLE,
      'apache-avro/data/lang-c/avro-1237-good.avro',
      'apache-avro/data/weather-zstd.avro',
      'arrow-testing/data/alltypes_plain.xz.avro',
      'arrow-testing/data/alltypes_plain.bzip2.avro',
      'arrow-testing/data/nullable.impala.avro',
      'avro-rs/data/quickstop-null.avro',
      'fastavro/data/java-generated-uuid.avro',
      'fastavro/data/no-fields.avro',
      'fastavro/data/part-00000.avro',
      'fastavro/data/test-deflate-0.avro',
      'fastavro/data/test-snappy.avro',
    ]);
    const rows = MANIFEST.filter((row) => files.has(row.path));
    expect(rows).toHaveLength(files.size);
    const results = await mapLimit(rows, CONCURRENCY, (row) => cliAsync(['count', testdataPath(row.path)]));
    rows.forEach((row, i) => {
      const walked = pyFile(row.path).walk.blocks.reduce((n, b) => n + b.count, 0);
      expect({ file: row.path, count: ok(results[i], row.path).text }).toEqual({
        file: row.path,
        count: `${walked}\n`,
      });
      expect(walked).toBe(row.records);
    });
  });

  testRef("broken files exit with 1 and name the byte offset python3-avro's walk finds", async () => {
    const jobs = [];
    for (const [rel, offset, pattern] of BROKEN)
      for (const command of ['count', 'tojson', 'getschema']) jobs.push({ rel, offset, pattern, command });
    const results = await mapLimit(jobs, CONCURRENCY, (job) => cliAsync([job.command, testdataPath(job.rel)]));
    jobs.forEach((job, i) => {
      const r = results[i];
      if (job.command === 'getschema' && job.offset > 0) {
        ok(r, `${job.command} ${job.rel}`); // the header is fine
        return;
      }
      expect({ job: `${job.command} ${job.rel}`, status: r.status }).toEqual({
        job: `${job.command} ${job.rel}`,
        status: 1,
      });
      expect(r.stderr).toMatch(job.pattern);
      expect(r.stderr).toContain(`(byte ${job.offset})`);
      expect(r.stderr).toContain(path.basename(job.rel));
      const problem = job.rel.endsWith('.avro12') ? null : pyFile(job.rel).walk.problem;
      if (problem) expect(problem.offset).toBe(job.offset);
    });
    // The bad union index is in the data: tojson decodes it, count (block headers only) does not.
    const bad = 'apache-avro/data/lang-c/avro-1237-bad-union-discriminant.avro';
    const r = cli(['tojson', testdataPath(bad)]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/union branch index 2 out of range .*\(byte 86\)/);
    expect(lines(r.text)).toHaveLength(1); // the record before it was printed
    const notAvro = cli(['count', testdataPath('apache-avro/data/weather.json')]);
    expect(notAvro.status).toBe(1);
    expect(notAvro.stderr).toMatch(/weather\.json: .*magic/);
    const absent = cli(['count', tmp('absent.avro')]);
    expect(absent.status).toBe(1);
    expect(absent.stderr).toMatch(/absent\.avro: no such file/);
  });
});

// ------------------------------------------------------------------ cat / concat

describe('cat and concat', () => {
  const TEST_NULL = 'fastavro/data/test-null.avro';
  const TEST_NULL_B = 'fastavro/data/test-null-B.avro';

  testRef('files with the same schema and codec: blocks are copied byte for byte', () => {
    expect(pyFile(TEST_NULL).canonicalForm).toBe(pyFile(TEST_NULL_B).canonicalForm);
    const out = tmp('concat-same.avro');
    ok(cli(['concat', testdataPath(TEST_NULL), testdataPath(TEST_NULL_B), out]));
    expectSameRecords(pyRecords(out), [...pyFile(TEST_NULL).records, ...pyFile(TEST_NULL_B).records], 'concat');
    const blocks = (rel) =>
      ref.walkContainer(new Uint8Array(fs.readFileSync(rel))).blocks.map((b) => `${b.count}:${hex(b.data)}`);
    expect(blocks(out)).toEqual([...blocks(testdataPath(TEST_NULL)), ...blocks(testdataPath(TEST_NULL_B))]);
  });

  testRef("different codecs are re-encoded with the first file's codec; user metadata is kept", () => {
    const inputs = ['fastavro/data/test-snappy.avro', 'fastavro/data/test-deflate-1.avro', TEST_NULL];
    const out = tmp('cat-codecs.avro');
    ok(cli(['cat', ...inputs.map((rel) => testdataPath(rel)), out]));
    expect(pyFile(out).codec).toBe('snappy');
    expectSameRecords(
      pyRecords(out),
      inputs.flatMap((rel) => pyFile(rel).records),
      'cat',
    );
    const spark = 'arrow-testing/data/alltypes_plain.avro';
    const out2 = tmp('cat-spark.avro');
    ok(
      cli([
        'cat',
        '--codec',
        'zstandard',
        testdataPath(spark),
        testdataPath('arrow-testing/data/alltypes_plain.bzip2.avro'),
        out2,
      ]),
    );
    expect(pyFile(out2).codec).toBe('zstandard');
    expect(pyFile(out2).header.metadata['org.apache.spark.version']).toBe(
      pyFile(spark).header.metadata['org.apache.spark.version'],
    );
    expectSameRecords(pyRecords(out2), [...pyFile(spark).records, ...pyFile(spark).records], 'cat --codec');
  });

  testRef('a later file with another schema is resolved to the first one; an incompatible one is an error', () => {
    // weather with temp as long (written by python3-avro's writer through pyavro_resolve.py) then the original.
    const weather = pyFile('apache-avro/data/weather.avro');
    const wide = JSON.parse(JSON.stringify(weather.schema));
    wide.fields.find((f) => f.name === 'temp').type = 'long';
    const [written] = ref.runJsonTool(
      PYTHON,
      [path.join(ref.REFERENCE_DIR, 'pyavro_resolve.py')],
      [{ writer: wide, reader: wide, records: weather.records }],
    );
    const first = tmp('weather-long.avro');
    fs.writeFileSync(first, Buffer.from(written.file, 'hex'));
    const out = tmp('cat-resolved.avro');
    ok(cli(['cat', first, testdataPath('apache-avro/data/weather.avro'), out]));
    expect(pyFile(out).schema.fields.find((f) => f.name === 'temp').type).toBe('long');
    expectSameRecords(pyRecords(out), [...weather.records, ...weather.records], 'resolved');
    const bad = tmp('cat-bad.avro');
    const r = cli(['cat', testdataPath('apache-avro/data/weather.avro'), first, bad]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/weather-long\.avro: .*long.*int/);
    expect(fs.existsSync(bad)).toBe(false); // no half-written output is left behind
  });

  testRef('--offset, --limit and --samplerate select records as avro-tools cat does', async () => {
    const inputs = [TEST_NULL, TEST_NULL_B];
    const all = inputs.flatMap((rel) => pyFile(rel).records);
    // CatTool.java: skip `offset` records, then counter += rate per record and
    // write it when counter >= 1 (counter -= 1), counter starting at 1, until `limit` are written.
    const javaCat = (offset, limit, rate) => {
      const out = [];
      let counter = 1;
      for (const record of all.slice(offset)) {
        if (out.length >= limit) break;
        counter += rate;
        if (counter >= 1) {
          out.push(record);
          counter--;
        }
      }
      return out;
    };
    const cases = [
      [5, 10, 1],
      [0, 25, 0.5],
      [390, 40, 1],
      [10, Infinity, 0.3],
      [0, 0, 1],
      [600, 5, 1],
    ];
    const results = await mapLimit(cases, CONCURRENCY, async ([offset, limit, rate], i) => {
      const out = tmp(`cat-select-${i}.avro`);
      const args = ['cat', '--offset', String(offset), '--samplerate', String(rate)];
      if (limit !== Infinity) args.push('--limit', String(limit));
      ok(await cliAsync([...args, ...inputs.map((rel) => testdataPath(rel)), out]));
      return out;
    });
    cases.forEach(([offset, limit, rate], i) => {
      expectSameRecords(
        pyRecords(results[i]),
        javaCat(offset, limit, rate),
        `offset ${offset} limit ${limit} rate ${rate}`,
      );
    });
  });

  testRef('- writes to stdout', () => {
    const r = ok(cli(['cat', '--limit', '3', testdataPath(TEST_NULL), '-']));
    const out = tmp('cat-stdout.avro');
    fs.writeFileSync(out, r.stdout);
    expectSameRecords(pyRecords(out), pyFile(TEST_NULL).records.slice(0, 3), 'stdout');
    const same = cli(['cat', testdataPath(TEST_NULL), out, out]);
    expect(same.status).toBe(2);
    expect(same.stderr).toMatch(/is also an input/);
  });

  testRef('a broken input exits with 1 and leaves no output', () => {
    const out = tmp('cat-broken.avro');
    const r = cli([
      'concat',
      testdataPath(TEST_NULL),
      testdataPath('apache-avro/data/lang-c/avro-1238-truncated.avro'),
      out,
    ]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/avro-1238-truncated\.avro: .*\(byte 83\)/);
    expect(fs.existsSync(out)).toBe(false);
  });
});

// ------------------------------------------------------------------ recodec

describe('recodec', () => {
  testRef('every codec: python3-avro reads the same records, codec and user metadata', async () => {
    const rel = 'arrow-testing/data/alltypes_plain.avro';
    const codecs = ['null', 'deflate', 'snappy', 'zstandard', 'bzip2', 'xz'];
    await mapLimit(codecs, CONCURRENCY, async (codec) => {
      const out = tmp(`recodec-${codec}.avro`);
      ok(await cliAsync(['recodec', '--codec', codec, testdataPath(rel), out]), codec);
      const f = pyFile(out);
      expect(f.codec).toBe(codec);
      expect(f.header.metadata['org.apache.spark.version']).toBe(
        pyFile(rel).header.metadata['org.apache.spark.version'],
      );
      expectSameRecords(pyRecords(out), pyFile(rel).records, codec);
    });
    // Multi-block: stdin to stdout, level given; each input block stays one block.
    const multi = 'fastavro/data/test-null.avro';
    const r = ok(
      cli(['recodec', '--codec', 'deflate', '--level', '9'], { input: fs.readFileSync(testdataPath(multi)) }),
    );
    const out = tmp('recodec-stdio.avro');
    fs.writeFileSync(out, r.stdout);
    expectSameRecords(pyRecords(out), pyFile(multi).records, 'stdin');
    expect(pyFile(out).walk.blocks.map((b) => b.count)).toEqual(pyFile(multi).walk.blocks.map((b) => b.count));
  });

  testRef('a broken input exits with 1 and the partial output is removed', () => {
    const out = tmp('recodec-broken.avro');
    const r = cli([
      'recodec',
      '--codec',
      'snappy',
      testdataPath('apache-avro/data/lang-c/avro-1237-bad-union-discriminant.avro'),
      out,
    ]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/avro-1237-bad-union-discriminant\.avro: union branch index 2 out of range .*\(byte 86\)/);
    expect(fs.existsSync(out)).toBe(false);
  });
});

// ------------------------------------------------------------------ repair

describe('repair', () => {
  const NULL_FILE = 'fastavro/data/test-null.avro';
  const DEFLATE_FILE = 'fastavro/data/test-deflate-1.avro';

  /** Damages a copy of `rel`; returns its path. edit(bytes, blocks) changes the Buffer in place. */
  const damaged = (rel, name, edit) => {
    const bytes = Buffer.from(fs.readFileSync(testdataPath(rel)));
    const result = edit(bytes, pyFile(rel).walk.blocks) ?? bytes;
    const file = tmp(name);
    fs.writeFileSync(file, result);
    return file;
  };
  // python3-avro's records of `rel` without those of the given blocks (python3-avro's block walk).
  const withoutBlocks = (rel, dropped) => {
    const { blocks } = pyFile(rel).walk;
    const records = pyFile(rel).records;
    const out = [];
    let at = 0;
    blocks.forEach((b, i) => {
      if (!dropped.includes(i)) out.push(...records.slice(at, at + b.count));
      at += b.count;
    });
    return out;
  };
  const repair = (file, args = []) => {
    const out = tmp(`${path.basename(file)}.fixed.avro`); // never next to the input: that may be the test data
    const r = cli(['repair', ...args, file, out]);
    return { ...r, out };
  };

  testRef('an intact file comes out with every record and no damage reported', () => {
    const r = repair(testdataPath(DEFLATE_FILE));
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(
      /no damage found; 53 of 53 blocks intact; 400 records readable, 400 written; dropped 0 records/,
    );
    expectSameRecords(pyRecords(r.out), pyFile(DEFLATE_FILE).records, 'intact');
    expect(pyFile(r.out).header.sync).toBe(pyFile(DEFLATE_FILE).header.sync);
  });

  testRef('a damaged block header: the reader skips to the next sync marker and loses only that block', () => {
    const file = damaged(NULL_FILE, 'bad-count.avro', (bytes, blocks) =>
      bytes.fill(0xff, blocks[10].offset, blocks[10].offset + 2),
    );
    const r = repair(file);
    expect(r.status).toBe(0);
    const at = pyFile(NULL_FILE).walk.blocks[10].offset;
    expect(r.stderr).toContain(`(byte ${at})`);
    expect(r.stderr).toMatch(/resuming after the sync marker/);
    expectSameRecords(pyRecords(r.out), withoutBlocks(NULL_FILE, [10]), 'bad count');
  });

  testRef('damaged records in one block: that block is dropped, the rest kept', () => {
    const file = damaged(NULL_FILE, 'bad-data.avro', (bytes, blocks) =>
      bytes.fill(0xff, blocks[20].dataOffset, blocks[20].dataOffset + 12),
    );
    const r = repair(file);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(
      new RegExp(
        `block 21 at byte ${pyFile(NULL_FILE).walk.blocks[20].offset} \\(\\d+ records\\): .*; 0 records before the damage readable`,
      ),
    );
    expectSameRecords(pyRecords(r.out), withoutBlocks(NULL_FILE, [20]), 'bad data');
  });

  testRef('corrupt compressed data (deflate) loses that block only', () => {
    const file = damaged(DEFLATE_FILE, 'bad-deflate.avro', (bytes, blocks) =>
      bytes.fill(0xff, blocks[30].dataOffset, blocks[30].dataOffset + 4),
    );
    const r = repair(file);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain(`at byte ${pyFile(DEFLATE_FILE).walk.blocks[30].offset}`);
    expectSameRecords(pyRecords(r.out), withoutBlocks(DEFLATE_FILE, [30]), 'bad deflate');
  });

  testRef('a sync marker damaged in place: the block still decodes and is kept', () => {
    const file = damaged(NULL_FILE, 'bad-sync.avro', (bytes, blocks) =>
      bytes.fill(0, blocks[5].syncOffset, blocks[5].syncOffset + 3),
    );
    const r = repair(file);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/sync marker after block 6 .* has 3 damaged byte\(s\)/);
    expectSameRecords(pyRecords(r.out), pyFile(NULL_FILE).records, 'bad sync');
  });

  testRef('a truncated file keeps every complete block', () => {
    const file = damaged(NULL_FILE, 'truncated.avro', (bytes) => bytes.subarray(0, bytes.length - 20));
    const blocks = pyFile(NULL_FILE).walk.blocks;
    const r = repair(file);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/dropped the last \d+ byte\(s\) .*no further sync marker/);
    expectSameRecords(pyRecords(r.out), withoutBlocks(NULL_FILE, [blocks.length - 1]), 'truncated');
  });

  testRef('a bad record keeps the records before it (avro-1237: python3-avro reads one record before failing)', () => {
    const rel = 'apache-avro/data/lang-c/avro-1237-bad-union-discriminant.avro';
    const r = repair(testdataPath(rel));
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/1 record before the damage readable, 1 dropped/);
    expect(pyFile(rel).records).toHaveLength(1);
    expectSameRecords(pyRecords(r.out), pyFile(rel).records, rel);
  });

  testRef('-o prior / after / report', () => {
    const file = damaged(NULL_FILE, 'modes.avro', (bytes, blocks) =>
      bytes.fill(0xff, blocks[10].offset, blocks[10].offset + 2),
    );
    const blocks = pyFile(NULL_FILE).walk.blocks;
    const before = blocks.slice(0, 10).reduce((n, b) => n + b.count, 0);
    const all = pyFile(NULL_FILE).records;
    const prior = repair(file, ['-o', 'prior']);
    expect(prior.status).toBe(0);
    expectSameRecords(pyRecords(prior.out), all.slice(0, before), 'prior');
    const after = repair(file, ['-o', 'after']);
    expect(after.status).toBe(0);
    expectSameRecords(pyRecords(after.out), all.slice(before + blocks[10].count), 'after');
    const report = cli(['repair', '-o', 'report', file]);
    expect(report.status).toBe(0);
    expect(report.stdout.length).toBe(0);
    expect(report.stderr).toMatch(
      new RegExp(`1 problem\\(s\\); 52 of 52 blocks intact; ${all.length - blocks[10].count} records readable;`),
    );
  });

  test('an unreadable header exits with 1', () => {
    const r = cli(['repair', '-o', 'report', testdataPath('apache-avro/data/test.avro12')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/legacy Avro 1\.2/);
  });
});

// ------------------------------------------------------------------ random

describe('random', () => {
  testRef('python3-avro reads the records; the same seed gives the same file', () => {
    const schema = testdataPath('apache-avro/data/lang-js/Person.avsc');
    const a = tmp('random-a.avro');
    const b = tmp('random-b.avro');
    ok(cli(['random', '--schema', schema, '--count', '300', '--seed', '42', a]));
    ok(cli(['random', '--schema', schema, '--count', '300', '--seed', '42', '--codec', 'snappy', b]));
    const records = pyRecords(a);
    expect(records).toHaveLength(300);
    expect(pyFile(a).canonicalForm).toBe(pyTools('canonical', [fs.readFileSync(schema, 'utf8')])[0].canonical);
    expect(pyFile(b).codec).toBe('snappy');
    expectSameRecords(pyRecords(b), records, 'same seed');
    const again = ok(cli(['random', '--schema', schema, '--count', '300', '--seed', '42']));
    expect(again.stdout.equals(fs.readFileSync(a))).toBe(true);
    const other = tmp('random-c.avro');
    ok(cli(['random', '--schema', schema, '--count', '300', '--seed', '43', other]));
    expect(ref.recordsDiff(pyRecords(other), records)).not.toBeNull();
    // Values vary: not all records alike.
    expect(new Set(records.map((r) => ref.canonText(r))).size).toBeGreaterThan(290);
  });

  testRef('logical types and nested schemas: python3-avro reads every value (logical types on)', async () => {
    const sources = [
      'arrow-testing/data/timestamp_logical_types.avro',
      'arrow-testing/data/fixed256_decimal.avro',
      'arrow-testing/data/int128_decimal.avro',
      'arrow-testing/data/duration_uuid.avro',
      'arrow-testing/data/nonnullable.impala.avro',
      'arrow-testing/data/nested_records.avro',
      'fastavro/data/recursive.avro',
    ];
    const outs = await mapLimit(sources, CONCURRENCY, async (rel, i) => {
      const out = tmp(`random-${i}.avro`);
      ok(
        await cliAsync([
          'random',
          '--schema',
          schemaFileOf(rel),
          '--count',
          '50',
          '--seed',
          String(i),
          '--codec',
          'deflate',
          out,
        ]),
        rel,
      );
      return out;
    });
    const logical = ref.pyavroDump(outs, { logical: true });
    outs.forEach((out, i) => {
      const f = logical.byPath.get(out);
      expect({ file: sources[i], error: f.error }).toEqual({ file: sources[i], error: null });
      expect(f.records).toHaveLength(50);
      expect(pyRecords(out)).toHaveLength(50);
    });
  });

  test('a schema without finite values is an error', () => {
    const r = cli([
      'random',
      '--schema',
      '{"type":"record","name":"R","fields":[{"name":"r","type":"R"}]}',
      '--count',
      '1',
      tmp('none.avro'),
    ]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/no finite values/);
    expect(fs.existsSync(tmp('none.avro'))).toBe(false);
  });
});

// ------------------------------------------------------------------ fingerprint, canonical

describe('fingerprint and canonical', () => {
  /** One-line entries of Apache's schema-tests.txt: { input, canonical, fingerprint (signed decimal) }. */
  function schemaTestVectors() {
    const text = fs.readFileSync(testdataPath('apache-avro/data/schema-tests.txt'), 'utf8');
    const entries = [];
    let current = null;
    for (const line of text.split(/\r?\n/)) {
      const m = /^<<(INPUT|canonical|fingerprint)(?: (.*))?$/.exec(line);
      if (!m) continue;
      if (m[1] === 'INPUT') entries.push((current = { input: m[2] }));
      else if (current) current[m[1]] = m[2];
    }
    return entries.filter((e) => e.input !== undefined && e.canonical !== undefined);
  }
  const littleEndianHex = (signed) => {
    const b = Buffer.alloc(8);
    b.writeBigUInt64LE(BigInt.asUintN(64, BigInt(signed)));
    return b.toString('hex');
  };

  testRef("Apache's schema-tests.txt vectors: canonical forms and CRC-64-AVRO fingerprints", () => {
    const vectors = schemaTestVectors();
    expect(vectors.length).toBeGreaterThan(25);
    const canonical = lines(ok(cli(['canonical', ...vectors.map((v) => v.input)])).text);
    expect(canonical).toEqual(vectors.map((v) => v.canonical));
    const withPrint = vectors.filter((v) => v.fingerprint !== undefined);
    const prints = lines(ok(cli(['fingerprint', ...withPrint.map((v) => v.input)])).text);
    expect(prints).toEqual(withPrint.map((v) => littleEndianHex(v.fingerprint)));
  });

  testRef('schema files of the test data: canonical forms from python3-avro and avsc, fingerprints over them', () => {
    // python3-avro 1.11.1 gets two things wrong in canonical forms: it repeats
    // a named type's definition instead of referring to it by name, and it
    // keeps {"type": "int"} when a logicalType was stripped. So it is the
    // reference for schemas without either, and avsc (an independent
    // implementation) for the rest.
    const simple = [
      'apache-avro/data/lang-js/Person.avsc',
      'apache-avro/data/messageV1/test_schema.avsc',
      'apache-avro/schemas/share-test/interop.avsc',
      'apache-avro/schemas/share-test/weather.avsc',
    ].map((rel) => testdataPath(rel));
    const others = [
      'apache-avro/schemas/share-schemas/HandshakeRequest.avsc',
      'apache-avro/schemas/lang-java/TestRecordWithLogicalTypes.avsc',
      'apache-avro/schemas/lang-cpp-jsonschemas/large_schema.avsc',
      'avsc/schemas/etc/PciEvent.avsc',
    ].map((rel) => testdataPath(rel));
    const fromPython = pyTools(
      'canonical',
      simple.map((f) => fs.readFileSync(f, 'utf8')),
    );
    for (const e of fromPython) expect(e.error).toBeUndefined();
    const avsc = require('avsc');
    const fromAvsc = others.map((f) =>
      JSON.stringify(avsc.Type.forSchema(JSON.parse(fs.readFileSync(f, 'utf8'))).schema()),
    );
    const files = [...simple, ...others];
    const canonicalForms = [...fromPython.map((e) => e.canonical), ...fromAvsc];
    expect(lines(ok(cli(['canonical', ...files])).text)).toEqual(canonicalForms);
    const crc = (text) => {
      const b = Buffer.alloc(8);
      b.writeBigUInt64LE(crc64Avro(text));
      return b.toString('hex');
    };
    const digest = (alg) => (text) => crypto.createHash(alg).update(text, 'utf8').digest('hex');
    expect(lines(ok(cli(['fingerprint', ...files])).text)).toEqual(canonicalForms.map(crc));
    expect(lines(ok(cli(['fingerprint', '--alg', 'md5', ...files])).text)).toEqual(canonicalForms.map(digest('md5')));
    expect(lines(ok(cli(['fingerprint', '--alg', 'sha256', ...files])).text)).toEqual(
      canonicalForms.map(digest('sha256')),
    );
  });

  test('an invalid schema exits with 1 and says where', () => {
    const r = cli(['canonical', '{"type":"record","name":"R","fields":[{"name":"a"}]}']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/schema argument: .*fields\[0\]/);
  });
});

// ------------------------------------------------------------------ compat

describe('compat', () => {
  const rec = (fields, name = 'R') => ({ type: 'record', name, fields });
  const PAIRS = [
    // [reader, writer]
    ['long', 'int'],
    ['int', 'long'],
    ['double', 'float'],
    ['string', 'bytes'],
    [
      rec([{ name: 'a', type: 'int' }]),
      rec([
        { name: 'a', type: 'int' },
        { name: 'b', type: 'string' },
      ]),
    ],
    [
      rec([
        { name: 'a', type: 'int' },
        { name: 'b', type: 'string' },
      ]),
      rec([{ name: 'a', type: 'int' }]),
    ],
    [
      rec([
        { name: 'a', type: 'int' },
        { name: 'b', type: 'string', default: 'x' },
      ]),
      rec([{ name: 'a', type: 'int' }]),
    ],
    [rec([{ name: 'a', type: 'long' }]), rec([{ name: 'a', type: 'int' }])],
    [rec([{ name: 'a', type: 'int' }], 'S'), rec([{ name: 'a', type: 'int' }], 'R')],
    [
      { type: 'enum', name: 'E', symbols: ['A', 'B', 'C'] },
      { type: 'enum', name: 'E', symbols: ['A', 'B'] },
    ],
    [
      ['null', 'int', 'string'],
      ['null', 'int'],
    ],
    [
      { type: 'fixed', name: 'F', size: 4 },
      { type: 'fixed', name: 'F', size: 8 },
    ],
    [
      { type: 'array', items: 'long' },
      { type: 'array', items: 'int' },
    ],
    [
      { type: 'map', values: 'int' },
      { type: 'map', values: 'string' },
    ],
  ];

  testRef("verdicts in every mode match python3-avro's ReaderWriterCompatibilityChecker", async () => {
    const backward = pyTools(
      'compat',
      PAIRS.map(([reader, writer]) => ({ reader, writer })),
    );
    const forward = pyTools(
      'compat',
      PAIRS.map(([reader, writer]) => ({ reader: writer, writer: reader })),
    );
    const jobs = [];
    PAIRS.forEach((pair, i) => {
      // Every pair in full mode (both directions); the one-way modes on every other pair.
      for (const mode of i % 2 ? ['full'] : ['backward', 'forward', 'full']) jobs.push({ pair, i, mode });
    });
    const results = await mapLimit(jobs, CONCURRENCY, ({ pair: [reader, writer], mode }) =>
      cliAsync(['compat', '--reader', JSON.stringify(reader), '--writer', JSON.stringify(writer), '--mode', mode]),
    );
    jobs.forEach(({ i, mode }, k) => {
      const expected =
        mode === 'backward'
          ? backward[i].compatible
          : mode === 'forward'
            ? forward[i].compatible
            : backward[i].compatible && forward[i].compatible;
      const r = results[k];
      expect({ pair: i, mode, status: r.status }).toEqual({ pair: i, mode, status: expected ? 0 : 1 });
      expect(r.text.split('\n')[0]).toBe(expected ? 'compatible' : 'incompatible');
      if (!expected) expect(r.stderr).toMatch(new RegExp(`incompatible in ${mode} mode`));
    });
    // Schema files work as arguments too; backward is the default mode.
    const reader = tmp('compat-reader.avsc');
    const writer = tmp('compat-writer.avsc');
    fs.writeFileSync(reader, JSON.stringify(PAIRS[5][0]));
    fs.writeFileSync(writer, JSON.stringify(PAIRS[5][1]));
    const r = cli(['compat', '--reader', reader, '--writer', writer]);
    expect(r.status).toBe(1);
    expect(r.text).toMatch(/^incompatible\nbackward: READER_FIELD_MISSING_DEFAULT_VALUE at \/fields\/1: /);
  });
});

// ------------------------------------------------------------------ validate

describe('validate', () => {
  testRef("verdicts match python3-avro's validate; invalid values are reported with line and path", () => {
    const weather = pyFile('apache-avro/data/weather.avro').schema; // no unions or bytes: Avro JSON = natural JSON
    const values = [
      '{"station":"a","time":1,"temp":2}',
      '{"station":"a","time":1,"temp":"warm"}',
      '{"station":"a","time":1.5,"temp":2}',
      '{"station":"a","time":-9007199254740993,"temp":2}',
      '{"station":"a","time":1,"temp":4294967296}',
      '{"time":1,"temp":2}',
      '{"station":null,"time":1,"temp":2}',
      '[1,2]',
      '{"station":"ok","time":0,"temp":-2147483648}',
    ];
    const expected = pyTools('validate', { schema: weather, values });
    expect(expected).toEqual([true, false, false, true, false, false, false, false, true]);
    const file = tmp('weather-values.json');
    fs.writeFileSync(file, `${values.join('\n')}\n`);
    const schemaFile = schemaFileOf('apache-avro/data/weather.avro');
    for (const flags of [[], ['--plain']]) {
      const r = cli(['validate', ...flags, '--schema', schemaFile, file]);
      expect(r.status).toBe(1);
      expect(r.text).toBe(`${expected.filter(Boolean).length} of ${values.length} values valid\n`);
      const reported = lines(r.stderr).map((line) => Number(/value (\d+) \(line (\d+)\)/.exec(line)[1]) - 1);
      expect(reported).toEqual(expected.flatMap((valid, i) => (valid ? [] : [i])));
    }
    const plainFile = tmp('weather-values-bad.json');
    fs.writeFileSync(plainFile, '{"station":"a","time":1,"temp":2}\n\n{"station":"a","time":1,"temp":"warm"}\n');
    expect(cli(['validate', '--schema', schemaFile, plainFile]).stderr).toMatch(/value 2 \(line 3\): .* at \.temp/);
  });

  testRef('--plain: unions without wrappers, as python3-avro takes them', () => {
    const person = pyFile('apache-avro/data/lang-js/person-10.avro').schema;
    const values = [
      '{"name":"a","age":null,"gender":"MALE","address":{"zipcode":1}}',
      '{"name":"a","age":30,"gender":"FEMALE","address":{"zipcode":1}}',
      '{"name":"a","age":"30","gender":"FEMALE","address":{"zipcode":1}}',
      '{"name":"a","age":30,"gender":"OTHER","address":{"zipcode":1}}',
      '{"name":"a","age":30,"gender":"MALE","address":{"zipcode":"x"}}',
      '{"name":"a","gender":"MALE","address":{"zipcode":1}}',
    ];
    const expected = pyTools('validate', { schema: person, values });
    expect(expected).toEqual([true, true, false, false, false, true]);
    const r = cli(['validate', '--plain', '--schema', JSON.stringify(person), '-'], { input: values.join('\n') });
    expect(r.status).toBe(1);
    const reported = lines(r.stderr).map((line) => Number(/value (\d+)/.exec(line)[1]) - 1);
    expect(reported).toEqual(expected.flatMap((valid, i) => (valid ? [] : [i])));
    expect(r.stderr).toMatch(/value 5 \(line 5\): .*\.address\.zipcode/);
    // Every value of a real file, as tojson --plain prints it, is valid.
    const all = ok(cli(['tojson', '--plain', testdataPath('apache-avro/data/lang-js/person-10.avro')])).stdout;
    expect(ok(cli(['validate', '--plain', '--schema', JSON.stringify(person), '-'], { input: all })).text).toBe(
      '10 of 10 values valid\n',
    );
  });
});

// ------------------------------------------------------------------ progress

describe('progress bar', () => {
  testRef('drawn on stderr when asked (as on a terminal), never when stderr is a pipe', () => {
    const file = testdataPath('fastavro/data/test-null.avro');
    const quiet = ok(cli(['count', file]));
    expect(quiet.stderr).toBe('');
    const drawn = cli(['count', file], { env: { AVRO_WASM_PROGRESS: 'always' } });
    expect(drawn.status).toBe(0);
    expect(drawn.text).toBe('400\n');
    expect(drawn.stderr).toMatch(/\rcount \[#+\] 100% 0\.0 MB\/0\.0 MB /);
    expect(drawn.stderr.endsWith('\r\x1b[K')).toBe(true); // the line is cleared at the end
    const random = cli(['random', '--schema', '"int"', '--count', '10', tmp('progress.avro')], {
      env: { AVRO_WASM_PROGRESS: 'always' },
    });
    expect(random.stderr).toMatch(/\rrandom \[#+\] 100% 10\/10 /);
    const never = cli(['count', file], { env: { AVRO_WASM_PROGRESS: 'never' } });
    expect(never.stderr).toBe('');
  });
});
