// Schemas: Parsing Canonical Form and fingerprints against Apache Avro's
// shared test vectors (schema-tests.txt), MD5/SHA-256 against node:crypto,
// and every JSON schema file of the interop test data: what must parse
// parses, what must be rejected is rejected.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');
const avsc = require('avsc');
const { Type, SchemaError, AvroError } = require('../../dist/index.cjs');
const { canon } = require('./gen.cjs');
const { TESTDATA, testWithData, readTestdata, reportMissing, crc64Avro, hex } = require('./helpers.cjs');

const SCHEMA_TESTS = 'apache-avro/data/schema-tests.txt';

/**
 * Parses schema-tests.txt: an entry starts with <<INPUT; other keys
 * (<<canonical, <<fingerprint) follow. `<<KEY value` is a one-line value;
 * a bare `<<KEY` line starts a multi-line value that ends at a line equal
 * to `KEY`.
 */
function parseSchemaTests(text) {
  const lines = text.split(/\r?\n/);
  const entries = [];
  let current = null;
  for (let i = 0; i < lines.length; i++) {
    const m = /^<<([A-Za-z]+)(?: (.*))?$/.exec(lines[i]);
    if (!m) continue;
    const key = m[1];
    let value;
    if (m[2] === undefined) {
      const body = [];
      const start = i + 1;
      for (i = start; i < lines.length && lines[i] !== key; i++) body.push(lines[i]);
      if (i >= lines.length) throw new Error(`unterminated <<${key} starting at line ${start}`);
      value = body.join('\n');
    } else {
      value = m[2];
    }
    if (key === 'INPUT') {
      current = { line: i + 1 };
      entries.push(current);
    } else if (!current) {
      throw new Error(`<<${key} before any <<INPUT at line ${i + 1}`);
    }
    current[key] = value;
  }
  return entries;
}

/** The unsigned 64-bit value as 8 little-endian bytes (single-object encoding order). */
function le64(value) {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(BigInt.asUintN(64, value));
  return b.toString('hex');
}

describe('the schema-tests.txt parser', () => {
  test('handles one-line and multi-line values', () => {
    const entries = parseSchemaTests(
      [
        '// 1',
        '<<INPUT "int"',
        '<<canonical "int"',
        '<<fingerprint -1',
        '',
        '<<INPUT',
        '{"type":',
        ' "long"}',
        'INPUT',
        '<<canonical "long"',
      ].join('\n'),
    );
    expect(entries).toEqual([
      { line: 2, INPUT: '"int"', canonical: '"int"', fingerprint: '-1' },
      { line: 9, INPUT: '{"type":\n "long"}', canonical: '"long"' },
    ]);
  });

  test('the reference CRC-64-AVRO matches the spec\'s value for "null"', () => {
    // schema-tests.txt entry 000: "null" -> 7195948357588979594
    expect(BigInt.asIntN(64, crc64Avro('"null"'))).toBe(7195948357588979594n);
  });
});

describe(`Parsing Canonical Form and fingerprints (${SCHEMA_TESTS})`, () => {
  const text = readTestdata(SCHEMA_TESTS, 'utf8');
  if (text === null) {
    reportMissing('schema-tests.txt', [SCHEMA_TESTS]);
    return;
  }
  const entries = parseSchemaTests(text);

  test('the file holds the expected number of vectors', () => {
    expect(entries.length).toBeGreaterThanOrEqual(30);
    expect(entries.every((e) => typeof e.canonical === 'string')).toBe(true);
    expect(entries.filter((e) => e.fingerprint !== undefined).length).toBeGreaterThanOrEqual(20);
  });

  entries.forEach((entry) => {
    const label = entry.INPUT.replace(/\s+/g, ' ').slice(0, 70);
    test(`line ${entry.line}: ${label}`, () => {
      const type = Type.forSchema(entry.INPUT);
      expect(type.canonicalForm()).toBe(entry.canonical);
      expect(JSON.stringify(type.schema({ canonical: true }))).toBe(entry.canonical);
      // Parsing the canonical form again is a fixed point.
      expect(Type.forSchema(entry.canonical).canonicalForm()).toBe(entry.canonical);

      const crc = type.fingerprint('CRC-64-AVRO');
      expect(crc).toBeInstanceOf(Uint8Array);
      expect(crc.length).toBe(8);
      expect(hex(type.fingerprint())).toBe(hex(crc)); // the default algorithm
      expect(hex(crc)).toBe(le64(crc64Avro(entry.canonical)));
      if (entry.fingerprint !== undefined) {
        expect(Buffer.from(crc).readBigInt64LE(0)).toBe(BigInt(entry.fingerprint));
      }

      const md5 = type.fingerprint('MD5');
      expect(md5.length).toBe(16);
      expect(hex(md5)).toBe(crypto.createHash('md5').update(entry.canonical, 'utf8').digest('hex'));
      const sha = type.fingerprint('SHA-256');
      expect(sha.length).toBe(32);
      expect(hex(sha)).toBe(crypto.createHash('sha256').update(entry.canonical, 'utf8').digest('hex'));
    });
  });
});

describe('fingerprint API', () => {
  const type = Type.forSchema({ type: 'record', name: 'a.B', fields: [{ name: 'x', type: 'int', doc: 'ignored' }] });

  test('aliases of the algorithm names give the same bytes', () => {
    expect(hex(type.fingerprint('rabin'))).toBe(hex(type.fingerprint('CRC-64-AVRO')));
    expect(hex(type.fingerprint('md5'))).toBe(hex(type.fingerprint('MD5')));
    expect(hex(type.fingerprint('sha256'))).toBe(hex(type.fingerprint('SHA-256')));
  });

  test('an unknown algorithm is an AvroError', () => {
    expect(() => type.fingerprint('SHA-1')).toThrow(AvroError);
  });

  test('canonical form strips doc/aliases/defaults/order and keeps full names', () => {
    const t = Type.forSchema({
      type: 'record',
      name: 'Rec',
      namespace: 'n.s',
      doc: 'a record',
      aliases: ['Old'],
      fields: [
        { name: 'f', type: { type: 'enum', name: 'E', symbols: ['X'], doc: 'd' }, default: 'X', order: 'descending' },
        { name: 'g', type: 'E' },
        { name: 'h', type: { type: 'fixed', name: 'other.F', size: 2 } },
        { name: 'l', type: { type: 'long', logicalType: 'timestamp-millis' } },
      ],
    });
    expect(t.canonicalForm()).toBe(
      '{"name":"n.s.Rec","type":"record","fields":[' +
        '{"name":"f","type":{"name":"n.s.E","type":"enum","symbols":["X"]}},' +
        '{"name":"g","type":"n.s.E"},' +
        '{"name":"h","type":{"name":"other.F","type":"fixed","size":2}},' +
        '{"name":"l","type":"long"}]}',
    );
  });

  test('schema() keeps the full schema, toJSON is schema()', () => {
    const input = {
      type: 'record',
      name: 'C',
      namespace: 'a.b',
      doc: 'd',
      fields: [{ name: 'x', type: 'int', default: 1 }],
    };
    const t = Type.forSchema(input);
    expect(t.schema()).toEqual(input);
    expect(JSON.parse(JSON.stringify(t))).toEqual(input);
    expect(Type.forSchema(t.schema()).canonicalForm()).toBe(t.canonicalForm());
  });
});

describe('single-object encoding test vector (messageV1)', () => {
  const files = ['apache-avro/data/messageV1/test_schema.avsc', 'apache-avro/data/messageV1/test_message.bin'];
  testWithData('the message header carries our CRC-64-AVRO fingerprint; the body decodes', files, () => {
    const type = Type.forSchema(fs.readFileSync(path.join(TESTDATA, files[0]), 'utf8'));
    const message = fs.readFileSync(path.join(TESTDATA, files[1]));
    expect(hex(message.subarray(0, 2))).toBe('c301');
    expect(hex(message.subarray(2, 10))).toBe(hex(type.fingerprint('CRC-64-AVRO')));
    expect(type.fromBuffer(message.subarray(10))).toEqual({ id: 42, name: 'Bill', tags: ['dog_lover', 'cat_hater'] });
  });
});

describe('raw datum stream (person-10.avro.raw)', () => {
  const files = ['apache-avro/data/lang-js/Person.avsc', 'apache-avro/data/lang-js/person-10.avro.raw'];
  testWithData('10 concatenated datums decode like avsc decodes them and consume all 192 bytes', files, () => {
    const schemaText = fs.readFileSync(path.join(TESTDATA, files[0]), 'utf8');
    const bytes = new Uint8Array(fs.readFileSync(path.join(TESTDATA, files[1])));
    const ours = Type.forSchema(schemaText);
    const theirs = avsc.Type.forSchema(JSON.parse(schemaText));
    let pos = 0;
    let count = 0;
    while (pos < bytes.length) {
      const { value, offset } = ours.decode(bytes, pos);
      expect(offset).toBeGreaterThan(pos);
      const ref = theirs.decode(Buffer.from(bytes), pos);
      expect(offset).toBe(ref.offset);
      expect(canon(value)).toBe(canon(ref.value));
      // Re-encoding gives the same bytes back.
      expect(hex(ours.toBuffer(value))).toBe(hex(bytes.subarray(pos, offset)));
      pos = offset;
      count++;
    }
    expect(count).toBe(10);
    expect(pos).toBe(192);
  });
});

// ---------------------------------------------------------------------------
// Every JSON schema file of the test data.

const C_PASS = 'apache-avro/schemas/lang-c-schema_tests/pass';
const C_FAIL = 'apache-avro/schemas/lang-c-schema_tests/fail';

// Files that must be rejected, beyond everything in the C suite's fail/
// directory (see MANIFEST.md, py-avro column "rejects schema").
const MUST_REJECT = {
  'apache-avro/schemas/lang-cpp-jsonschemas/nested.error': 'refers to the unknown type LongLister',
  'apache-avro/schemas/lang-cpp-jsonschemas/verboseint': 'not strict JSON (unquoted keys)',
  'apache-avro/schemas/lang-java/multipleFile-ApplicationEvent.avsc': 'refers to types defined in sibling files',
  'fastavro/schemas/Parent.avsc': 'refers to Child/Child1 defined in other files',
  'fastavro/schemas/ParentMissingChild.avsc': 'refers to the undefined type Missing',
};

// Files where avsc's canonical form legitimately differs from ours.
const AVSC_CANONICAL_DIFFERS = {
  // avsc keeps "type":"error" in the canonical form; Java's
  // SchemaNormalization writes "record" (as we do).
  'apache-avro/schemas/lang-java/regression_error_field_in_record.avsc': 'error type',
};

// A type in the null namespace nested inside a namespaced type: its PCF
// name "Z" has no dot, so parsing the PCF again puts it in the enclosing
// namespace (x.Z). A limitation of the PCF itself (Java behaves the same).
const PCF_NOT_REPARSEABLE = Object.fromEntries(
  ['namespace_null_enum', 'namespace_null_fixed', 'namespace_null_record'].map((f) => [`${C_PASS}/${f}`, true]),
);

/** JSON schema files: *.avsc, schema.json, and extension-less files. */
function listSchemaFiles() {
  const out = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        walk(full);
        continue;
      }
      const name = entry.name;
      if (/^(LICENSE|NOTICE)/.test(name)) continue;
      if (name.endsWith('.avsc') || name === 'schema.json' || !name.includes('.') || name.endsWith('.error')) {
        out.push(path.relative(TESTDATA, full).split(path.sep).join('/'));
      }
    }
  };
  walk(TESTDATA);
  return out.sort();
}

describe('every JSON schema file in the test data', () => {
  if (!fs.existsSync(TESTDATA)) {
    reportMissing('test data directory', ['.']);
    return;
  }
  const files = listSchemaFiles();
  const mustReject = (f) => f.startsWith(`${C_FAIL}/`) || Object.prototype.hasOwnProperty.call(MUST_REJECT, f);

  test('the walk finds the files the manifest lists', () => {
    // MANIFEST.md: 139 JSON schemas, counting weather.json (data, not a schema).
    expect(files.length).toBeGreaterThanOrEqual(138);
    expect(files.filter((f) => f.startsWith(`${C_PASS}/`)).length).toBe(28);
    expect(files.filter((f) => f.startsWith(`${C_FAIL}/`)).length).toBe(12);
    for (const f of Object.keys(MUST_REJECT)) expect(files).toContain(f);
  });

  for (const file of files.filter((f) => !mustReject(f))) {
    test(`parses: ${file}`, () => {
      const text = fs.readFileSync(path.join(TESTDATA, file), 'utf8');
      const type = Type.forSchema(text);
      const canonical = type.canonicalForm();
      // Canonical form is a fixed point (except where the PCF cannot express
      // the schema) and fingerprints are consistent with it.
      if (!PCF_NOT_REPARSEABLE[file]) expect(Type.forSchema(canonical).canonicalForm()).toBe(canonical);
      expect(Type.forSchema(type.schema()).canonicalForm()).toBe(canonical);
      expect(hex(type.fingerprint())).toBe(le64(crc64Avro(canonical)));
      if (!AVSC_CANONICAL_DIFFERS[file]) {
        expect(canonical).toBe(JSON.stringify(avsc.Type.forSchema(JSON.parse(text)).schema()));
      }
      type.dispose();
    });
  }

  for (const file of files.filter(mustReject)) {
    test(`rejects: ${file}${MUST_REJECT[file] ? ` (${MUST_REJECT[file]})` : ''}`, () => {
      const text = fs.readFileSync(path.join(TESTDATA, file), 'utf8');
      let error;
      try {
        Type.forSchema(text);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(SchemaError);
      expect(['SCHEMA_PARSE', 'JSON_SYNTAX']).toContain(error.code);
    });
  }
});

describe('namespace edge cases from the C suite', () => {
  const files = ['namespace_null_enum', 'namespace_null_fixed', 'namespace_null_record'].map((f) => `${C_PASS}/${f}`);
  testWithData('"namespace": "" puts a named type in the null namespace', files, () => {
    const enumType = Type.forSchema(fs.readFileSync(path.join(TESTDATA, files[0]), 'utf8'));
    const canonical = JSON.parse(enumType.canonicalForm());
    expect(canonical.fields[0].type.name).toBe('x.Y');
    expect(canonical.fields[0].type.fields[0].type.name).toBe('Z');
    expect(canonical.fields[1].type).toBe('Z');
    for (const f of files.slice(1))
      expect(() => Type.forSchema(fs.readFileSync(path.join(TESTDATA, f), 'utf8'))).not.toThrow();
  });

  test('a name without dots inherits the enclosing namespace; dotted names are full names', () => {
    const t = Type.forSchema({
      type: 'record',
      name: 'Outer',
      namespace: 'p',
      fields: [
        { name: 'a', type: { type: 'fixed', name: 'F', size: 1 } },
        { name: 'b', type: { type: 'fixed', name: 'q.G', size: 1 } },
        { name: 'c', type: 'F' },
        { name: 'd', type: 'q.G' },
        { name: 'e', type: 'p.F' },
      ],
    });
    expect(t.canonicalForm()).toBe(
      '{"name":"p.Outer","type":"record","fields":[{"name":"a","type":{"name":"p.F","type":"fixed","size":1}},' +
        '{"name":"b","type":{"name":"q.G","type":"fixed","size":1}},{"name":"c","type":"p.F"},{"name":"d","type":"q.G"},' +
        '{"name":"e","type":"p.F"}]}',
    );
    expect(() =>
      Type.forSchema({ type: 'record', name: 'O', namespace: 'p', fields: [{ name: 'a', type: 'q.Missing' }] }),
    ).toThrow(SchemaError);
  });
});

describe('protocol files (.avpr): their named types parse', () => {
  const protocols = [
    'apache-avro/schemas/share-schemas/InputProtocol.avpr',
    'apache-avro/schemas/share-schemas/OutputProtocol.avpr',
    'apache-avro/schemas/share-test/BulkData.avpr',
    'apache-avro/schemas/share-test/mail.avpr',
    'apache-avro/schemas/share-test/namespace.avpr',
    'apache-avro/schemas/share-test/simple.avpr',
    'avsc/schemas/etc/math.avpr',
  ];
  for (const file of protocols) {
    testWithData(file, [file], () => {
      const protocol = JSON.parse(fs.readFileSync(path.join(TESTDATA, file), 'utf8'));
      const types = protocol.types || [];
      // A protocol's types are a list of named schemas that may refer to
      // earlier ones: as the fields of one wrapper record they form a schema.
      const wrapper = {
        type: 'record',
        name: 'ProtocolTypes__',
        namespace: protocol.namespace,
        fields: types.map((t, i) => ({ name: `t${i}`, type: t })),
      };
      const t = Type.forSchema(wrapper);
      expect(JSON.parse(t.canonicalForm()).fields.length).toBe(types.length);
    });
  }
});
