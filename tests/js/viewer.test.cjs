// The browser viewer (web/) in Debian's Chromium, headless: the page served
// by web/serve.mjs (strict CSP), real files from ../shared/testdata opened
// through the file input and by drag and drop, header values, row counts,
// cells, sorting, filters, search, exports, the message decoder, errors.
// Screenshots go to build/artifacts/viewer/.
'use strict';

const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const { testWithData, testdataPath } = require('./helpers.cjs');
const v = require('../viewer/viewer.cjs');

jest.setTimeout(60000);

const WEATHER = 'apache-avro/data/weather.avro';
const CODEC_FILES = [
  // file, codec, records, [column, row 0 cell]
  [WEATHER, 'null', 5, ['station', '011990-99999']],
  ['apache-avro/data/weather-deflate.avro', 'deflate', 5, ['temp', '0']],
  ['apache-avro/data/weather-snappy.avro', 'snappy', 5, ['time', '-619524000000']],
  ['apache-avro/data/weather-zstd.avro', 'zstandard', 5, ['station', '011990-99999']],
  ['arrow-testing/data/alltypes_plain.bzip2.avro', 'bzip2', 8, ['id', '4']],
  ['arrow-testing/data/alltypes_plain.xz.avro', 'xz', 8, ['double_col', '0']],
];

let server;
let browser;
let page;

beforeAll(async () => {
  v.buildWeb();
  server = await v.startServer();
  browser = await v.launchChromium();
  page = await v.openViewer(browser, server.url);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

function get(url) {
  return new Promise((resolve, reject) => {
    http
      .get(url, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}

// Raw request paths (http.get would normalise the dots away).
function getRaw(base, rawPath) {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname, port, path: rawPath, method: 'GET' }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', reject);
    req.end();
  });
}

async function download(format) {
  await page.selectOption('#export-format', format);
  const [file] = await Promise.all([page.waitForEvent('download'), page.click('#export')]);
  return { name: file.suggestedFilename(), text: fs.readFileSync(await file.path(), 'utf8') };
}

async function setFilter(column, value) {
  const before = await page.evaluate(() => document.getElementById('row-count').textContent);
  await page.fill(`.filter[aria-label="Filter ${column}"]`, value);
  // The filter is debounced, then runs in the worker: wait for the new count.
  await page.waitForFunction((old) => document.getElementById('row-count').textContent !== old, before).catch(() => {});
  await page.waitForFunction(() => document.getElementById('query-status').textContent === '');
  await page.waitForFunction(() => !document.querySelector('.data-row.loading:not([hidden])'));
}

test('the server sends the page, its scripts and the .wasm with a strict CSP, and nothing outside its root', async () => {
  const index = await get(server.url);
  expect(index.status).toBe(200);
  expect(index.headers['content-type']).toMatch(/^text\/html/);
  const csp = index.headers['content-security-policy'];
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(csp).not.toContain("'unsafe-eval'");
  const wasm = await get(`${server.url}avro_wasm.wasm`);
  expect(wasm.headers['content-type']).toBe('application/wasm');
  expect(wasm.body.subarray(0, 4)).toEqual(Buffer.from([0, 0x61, 0x73, 0x6d]));
  expect((await get(`${server.url}worker.js`)).headers['content-type']).toMatch(/^text\/javascript/);
  for (const bad of ['/../package.json', '/%2e%2e/package.json', '/..%2fpackage.json', '/%2e%2e%5cpackage.json']) {
    expect([400, 404]).toContain(await getRaw(server.url, bad));
  }
  // No page of the viewer needs run-time code generation: the bundles contain
  // none beyond the package's optional record readers and writers (wasm/src/codegen.js),
  // which browsers leave off unless asked (the CSP checks below see no attempt).
  for (const bundle of ['viewer.js', 'worker.js']) {
    const text = fs.readFileSync(path.join(v.ROOT, 'build/web', bundle), 'utf8')
      .replace(/function codegenAvailable\([\s\S]*?\n}\n/, '')
      .replace(/function generatedRecordReader\([\s\S]*?\n}\n/, '')
      .replace(/function generatedFieldsWriter\([\s\S]*?\n}\n/, '');
    expect(text).not.toMatch(/new Function\(|\beval\(/);
  }
});

test('the landing page offers the file input and the drop zone', async () => {
  expect(await page.isVisible('#dropzone')).toBe(true);
  expect(await page.getAttribute('#file-input', 'type')).toBe('file');
  expect(await page.textContent('label[for="file-input"].button')).toContain('Open file');
  await v.screenshot(page, 'landing');
});

describe.each(CODEC_FILES)('%s', (rel, codec, records, [column, value]) => {
  testWithData(`decodes (${codec}): header, record count, a cell`, [rel], async () => {
    await v.openFile(page, testdataPath(rel));
    expect(await page.evaluate(() => document.body.dataset.state)).toBe('done');
    expect(await page.textContent('#row-count')).toBe(`${records} records`);
    expect(await page.textContent('#status')).toMatch(new RegExp(`^Decoded ${records} records in 1 block`));
    expect(await page.locator('.data-row:not([hidden])').count()).toBe(records);
    expect(await v.cellText(page, 0, column)).toBe(value);
    expect(await v.fact(page, 'codec')).toBe(codec);
    expect(await v.fact(page, 'records')).toBe(String(records));
    expect(await v.fact(page, 'blocks')).toBe('1');
    expect(await v.fact(page, 'size')).toContain(`(${fs.statSync(testdataPath(rel)).size} bytes)`);
    expect(await v.fact(page, 'ratio')).toMatch(/^\d+\.\d\d×$/);
    if (codec === 'null') expect(await v.fact(page, 'ratio')).toBe('1.00×');
    expect(await v.fact(page, 'sync')).toMatch(/^([0-9a-f]{2} ){15}[0-9a-f]{2}$/);
    expect(page.log.errors).toEqual([]);
  });
});

testWithData('the header panel: schema tree and text, canonical form, fingerprints, metadata', [WEATHER], async () => {
  await v.openFile(page, testdataPath(WEATHER));
  await page.click('#tab-header');
  expect(await page.textContent('#canonical')).toBe(
    '{"name":"test.Weather","type":"record","fields":[{"name":"station","type":"string"},{"name":"time","type":"long"},{"name":"temp","type":"int"}]}',
  );
  // CRC-64-AVRO of that canonical form, computed independently by the native and Node suites.
  expect(await page.textContent('[data-fingerprint="CRC-64-AVRO"] code')).toMatch(/^[0-9a-f]{16}$/);
  expect(await page.textContent('[data-fingerprint="SHA-256"] code')).toMatch(/^[0-9a-f]{64}$/);
  expect(await page.textContent('[data-fingerprint="MD5"] code')).toMatch(/^[0-9a-f]{32}$/);
  const tree = await page.textContent('.schema-tree');
  expect(tree).toContain('"A weather reading."');
  await page.click('text=Show as text');
  expect(await page.textContent('.schema-text')).toContain('"doc": "A weather reading."');
  await page.click('text=Show as tree');
  await v.screenshot(page, 'header-weather');
  await page.click('#tab-records');
});

testWithData('user metadata and an empty file', ['fastavro/data/testDataFileMeta.avro'], async () => {
  await v.openFile(page, testdataPath('fastavro/data/testDataFileMeta.avro'));
  expect(await page.textContent('#row-count')).toBe('0 records');
  expect(await page.isVisible('.grid-empty')).toBe(true);
  await page.click('#tab-header');
  const rows = await page.$$eval('#panel-header .meta-table tbody tr', (trs) => trs.map((tr) => tr.textContent));
  expect(rows).toContain('hellobar3');
  await page.click('#tab-records');
});

testWithData(
  'logical types: timestamps as ISO dates, decimals exact, uuids and durations',
  [
    'arrow-testing/data/timestamp_logical_types.avro',
    'arrow-testing/data/int128_decimal.avro',
    'arrow-testing/data/duration_uuid.avro',
  ],
  async () => {
    await v.openFile(page, testdataPath('arrow-testing/data/timestamp_logical_types.avro'));
    expect(await v.cellText(page, 1, 'ts_millis')).toBe('1970-01-01T00:00:01.000Z');
    expect(await v.cellText(page, 1, 'ts_nanos')).toMatch(/^1970-01-01T00:00:01\.000(000000)?Z$/);
    expect(await page.textContent('.head-row [data-column="3"] .col-type')).toBe('long · timestamp-nanos');
    await v.screenshot(page, 'logical-timestamps');
    await page.click('#tab-columns');
    expect(await page.textContent('[data-column="ts_micros"]')).toContain('1970-01-01');
    await page.click('#tab-records');

    await v.openFile(page, testdataPath('arrow-testing/data/int128_decimal.avro'));
    expect(await v.cellText(page, 0, 'value')).toBe('1.00');
    expect(await page.textContent('#row-count')).toBe('24 records');

    await v.openFile(page, testdataPath('arrow-testing/data/duration_uuid.avro'));
    expect(await v.cellText(page, 0, 'uuid_field')).toBe('fe7bc30b-4ce8-4c5e-b67c-2234a2d38e66');
    expect(await v.cellText(page, 0, 'duration_field')).toBe('{"months":1,"days":15,"milliseconds":500}');
  },
);

testWithData('sort, filter and full-text search run in the worker', [WEATHER], async () => {
  await v.openFile(page, testdataPath(WEATHER));
  const sortTemp = () => page.click('.head-row [data-column="2"] button');
  await sortTemp();
  await page.waitForFunction(
    () => document.querySelector('.head-row [data-column="2"]').getAttribute('aria-sort') === 'ascending',
  );
  await page.waitForFunction(() => document.getElementById('query-status').textContent === '');
  await page.waitForFunction(
    () => document.querySelector('.data-row[aria-rowindex="3"] .cell:nth-child(4)')?.textContent === '-11',
  );
  await sortTemp();
  await page.waitForFunction(
    () => document.querySelector('.data-row[aria-rowindex="3"] .cell:nth-child(4)')?.textContent === '111',
  );
  expect(await v.cellText(page, 4, 'temp')).toBe('-11');
  await sortTemp(); // back to file order
  await page.waitForFunction(
    () => document.querySelector('.data-row[aria-rowindex="3"] .cell:nth-child(4)')?.textContent === '0',
  );

  await setFilter('temp', '>0');
  expect(await page.textContent('#row-count')).toBe('3 of 5 records');
  await setFilter('temp', '');
  expect(await page.textContent('#row-count')).toBe('5 records');
  await setFilter('station', '=012650-99999');
  expect(await page.textContent('#row-count')).toBe('2 of 5 records');
  await setFilter('station', '');

  await page.fill('#search', '011990');
  await page.waitForFunction(() => document.getElementById('row-count').textContent === '3 of 5 records');
  await page.fill('#search', '');
  await page.waitForFunction(() => document.getElementById('row-count').textContent === '5 records');
});

testWithData(
  'exports the filtered rows as CSV, NDJSON, plain JSON and Avro JSON',
  [WEATHER, 'arrow-testing/data/alltypes_plain.xz.avro'],
  async () => {
    await v.openFile(page, testdataPath(WEATHER));
    await setFilter('temp', '>0');
    const csv = await download('csv');
    expect(csv.name).toBe('weather.csv');
    expect(csv.text).toBe(
      'station,time,temp\r\n011990-99999,-619506000000,22\r\n012650-99999,-655531200000,111\r\n012650-99999,-655509600000,78\r\n',
    );
    const ndjson = await download('ndjson');
    expect(ndjson.name).toBe('weather.ndjson');
    const lines = ndjson.text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines).toEqual([
      { station: '011990-99999', time: -619506000000, temp: 22 },
      { station: '012650-99999', time: -655531200000, temp: 111 },
      { station: '012650-99999', time: -655509600000, temp: 78 },
    ]);
    // Sorted (descending by temp) and filtered: the export follows the view's order.
    await page.click('.head-row [data-column="2"] button');
    await page.click('.head-row [data-column="2"] button');
    await page.waitForFunction(
      () => document.querySelector('.head-row [data-column="2"]').getAttribute('aria-sort') === 'descending',
    );
    await page.waitForFunction(
      () => document.querySelector('.data-row[aria-rowindex="3"] .cell:nth-child(4)')?.textContent === '111',
    );
    const sorted = (await download('csv')).text.split('\r\n').map((line) => line.split(',')[2]);
    expect(sorted).toEqual(['temp', '111', '78', '22', undefined]);
    await page.click('.head-row [data-column="2"] button'); // file order again
    await page.waitForFunction(
      () => document.querySelector('.head-row [data-column="2"]').getAttribute('aria-sort') === 'none',
    );
    await setFilter('temp', '');
    const json = JSON.parse((await download('json')).text);
    expect(json).toHaveLength(5);
    expect(json[4]).toEqual({ station: '012650-99999', time: -655509600000, temp: 78 });

    // Avro JSON wraps union values with their branch name; plain JSON does not.
    await v.openFile(page, testdataPath('arrow-testing/data/alltypes_plain.xz.avro'));
    expect(await v.cellText(page, 1, 'float_col')).toBe('1.1'); // float32 shown at its own precision
    const avroJson = await download('avro-json');
    expect(avroJson.name).toBe('alltypes_plain.xz.avro.json');
    const first = JSON.parse(avroJson.text)[0];
    expect(first.id).toEqual({ int: 4 });
    expect(first.date_string_col).toEqual({ bytes: '03/01/09' });
    const plain = JSON.parse((await download('json')).text)[0];
    expect(plain.id).toBe(4);
    expect(plain.date_string_col).toBe(Buffer.from('03/01/09').toString('base64'));
    expect(await page.textContent('#export-status')).toBe('Exported 8 records');
  },
);

testWithData('nested values open in the record inspector', ['apache-avro/data/lang-js/person-10.avro'], async () => {
  await v.openFile(page, testdataPath('apache-avro/data/lang-js/person-10.avro'));
  expect(await v.cellText(page, 0, 'address')).toBe('{"zipcode":631}');
  expect(await v.cellText(page, 0, 'gender')).toBe('MALE');
  await page.click('.data-row[aria-rowindex="3"] .k-nested');
  await page.waitForSelector('#inspector:not([hidden]) .tree-target');
  expect(await page.textContent('#inspector-title')).toBe('Record 1');
  expect(await page.textContent('#inspector .tree-target')).toContain('zipcode: 631');
  await page.click('#inspector button:text("Avro JSON")');
  expect(await page.textContent('#inspector pre')).toContain('"zipcode": 631');
  await v.screenshot(page, 'inspector-person');
  await page.click('#inspector-close');
  expect(await page.isHidden('#inspector')).toBe(true);
});

testWithData('column summaries are drawn', [WEATHER], async () => {
  await v.openFile(page, testdataPath(WEATHER));
  await page.click('#tab-columns');
  const temp = page.locator('[data-column="temp"]');
  const text = await temp.textContent();
  expect(text).toContain('min-11');
  expect(text).toContain('max111');
  expect(text).toContain('mean40');
  expect(await temp.locator('svg.histogram rect.bar').count()).toBeGreaterThan(1);
  const station = page.locator('[data-column="station"]');
  expect(await station.locator('svg.top-values text.label').allTextContents()).toEqual([
    '011990-99999',
    '012650-99999',
  ]);
  expect(await station.locator('svg.top-values text.count').allTextContents()).toEqual(['3', '2']);
  await v.screenshot(page, 'columns-weather');
  await page.click('#tab-records');
});

testWithData('a file dropped on the page opens', [WEATHER], async () => {
  const bytes = [...fs.readFileSync(testdataPath('apache-avro/data/weather-deflate.avro'))];
  await page.evaluate((data) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([new Uint8Array(data)], 'dropped.avro'));
    window.dispatchEvent(new DragEvent('dragenter', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    window.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, bytes);
  await v.waitSettled(page, 'dropped.avro');
  expect(await page.textContent('#row-count')).toBe('5 records');
  expect(await page.isHidden('#drop-overlay')).toBe(true);
});

describe('bad files show an error and what was decoded', () => {
  testWithData(
    'a union index out of range: the error, and the record before it',
    ['apache-avro/data/lang-c/avro-1237-bad-union-discriminant.avro'],
    async () => {
      await v.openFile(page, testdataPath('apache-avro/data/lang-c/avro-1237-bad-union-discriminant.avro'));
      expect(await page.evaluate(() => document.body.dataset.state)).toBe('error');
      const banner = await page.textContent('#error');
      expect(await page.isVisible('#error')).toBe(true);
      expect(banner).toContain('This file is damaged');
      expect(banner).toContain('union branch index 2 out of range');
      expect(banner).toContain('INVALID_DATA');
      expect(banner).toContain('byte 86');
      expect(banner).toContain('The record decoded before the error is shown.');
      expect(await page.textContent('#row-count')).toBe('1 record');
      expect(await v.cellText(page, 0, 'value')).toBe('null');
      await v.screenshot(page, 'error-bad-union');
    },
  );

  testWithData('a truncated file', ['apache-avro/data/lang-c/avro-1238-truncated.avro'], async () => {
    await v.openFile(page, testdataPath('apache-avro/data/lang-c/avro-1238-truncated.avro'));
    const banner = await page.textContent('#error');
    expect(banner).toContain('TRUNCATED');
    expect(banner).toContain('the file ends inside a block');
    expect(banner).toContain('No records could be decoded before the error.');
    expect(await page.textContent('#row-count')).toBe('0 records');
  });

  testWithData(
    'not an Avro file at all, and the legacy 1.2 format',
    ['apache-avro/data/weather.json', 'apache-avro/data/test.avro12'],
    async () => {
      await v.openFile(page, testdataPath('apache-avro/data/weather.json'));
      expect(await page.textContent('#error')).toContain('This is not a readable Avro file');
      expect(await page.isVisible('#dropzone')).toBe(true);
      await v.screenshot(page, 'error-not-avro');
      await v.openFile(page, testdataPath('apache-avro/data/test.avro12'));
      expect(await page.textContent('#error')).toMatch(/1\.2/);
    },
  );

  testWithData('hostile blocks: a declared 300 MB block and a deflate bomb stop at the limits', [WEATHER], async () => {
    const zlib = require('node:zlib');
    const { readHeader, writeContainer } = require(path.join(v.ROOT, 'dist/index.cjs'));
    const varint = (n) => {
      let z = BigInt(n) << 1n;
      const out = [];
      for (; z >= 0x80n; z >>= 7n) out.push(Number(z & 0x7fn) | 0x80);
      out.push(Number(z));
      return Buffer.from(out);
    };
    const dir = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'viewer-'));
    try {
      const weather = fs.readFileSync(testdataPath(WEATHER));
      const huge = path.join(dir, 'huge-block.avro');
      const head = weather.subarray(0, readHeader(weather).size);
      fs.writeFileSync(huge, Buffer.concat([head, varint(1), varint(300e6), Buffer.alloc(10)]));
      await v.openFile(page, huge);
      expect(await page.textContent('#error')).toContain('LIMIT_EXCEEDED');
      expect(await page.textContent('#error')).toContain('block declares 300000000 bytes');

      // 140 MiB of zeros deflate to ~140 KB; the viewer stops inflating at 128 MiB.
      const sync = new Uint8Array(16).fill(7);
      const schema = { type: 'record', name: 'R', fields: [{ name: 'b', type: 'bytes' }] };
      const small = writeContainer([], schema, { codec: 'deflate', syncMarker: sync });
      const bomb = zlib.deflateRawSync(Buffer.alloc(140 << 20), { level: 9 });
      const bombFile = path.join(dir, 'bomb.avro');
      const bombHead = small.subarray(0, readHeader(small).size);
      fs.writeFileSync(bombFile, Buffer.concat([bombHead, varint(1), varint(bomb.length), bomb, Buffer.from(sync)]));
      await v.openFile(page, bombFile);
      expect(await page.textContent('#error')).toContain('decompresses to more than the limit of 134217728 bytes');
      await v.screenshot(page, 'error-bomb');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('random bytes and an empty file', async () => {
    const dir = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'viewer-'));
    try {
      const junk = path.join(dir, 'junk.avro');
      fs.writeFileSync(junk, Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919) & 255)));
      await v.openFile(page, junk);
      expect(await page.isVisible('#error')).toBe(true);
      const empty = path.join(dir, 'empty.avro');
      fs.writeFileSync(empty, '');
      await v.openFile(page, empty);
      expect(await page.textContent('#error')).toMatch(/not a readable Avro file.*empty/);
      expect(await page.textContent('#error')).not.toContain('null');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('decode a message', () => {
  const weatherSchema = JSON.stringify({
    type: 'record',
    name: 'Weather',
    namespace: 'test',
    fields: [
      { name: 'station', type: 'string' },
      { name: 'time', type: 'long' },
      { name: 'temp', type: 'int' },
    ],
  });
  // station "ab", time 1, temp -1
  const datum = '04 61 62 02 01';

  async function decode({ input, schema = weatherSchema, framing = 'auto', encoding = 'auto' }) {
    await page.click('#tab-message');
    await page.fill('#message-input', input);
    await page.fill('#message-schema', schema);
    await page.selectOption('#message-framing', framing);
    await page.selectOption('#message-encoding', encoding);
    await page.click('#message-decode');
    await page.waitForSelector('#message-ok, #message-error, .message-output .error-box');
  }

  test('the built-in example: single-object encoding with its fingerprint', async () => {
    await page.click('#tab-message');
    await page.click('text=Load an example');
    await page.click('#message-decode');
    await page.waitForSelector('#message-ok');
    const json = await page.textContent('#message-json');
    expect(JSON.parse(json)).toEqual({
      id: 1,
      name: 'Ada',
      email: { string: 'ada@example.com' },
      joined: 1704164645678,
    });
    expect(await page.textContent('#message-output')).toContain('single-object encoding');
    expect(await page.locator('.hx-frame').count()).toBe(10);
    await v.screenshot(page, 'message-example');
  });

  test('a raw datum in hex and in base64', async () => {
    await decode({ input: datum });
    expect(JSON.parse(await page.textContent('#message-json'))).toEqual({ station: 'ab', time: 1, temp: -1 });
    await decode({ input: Buffer.from(datum.replace(/ /g, ''), 'hex').toString('base64') });
    expect(await page.textContent('#message-output')).toContain('base64');
    expect(JSON.parse(await page.textContent('#message-json'))).toEqual({ station: 'ab', time: 1, temp: -1 });
  });

  test('a Confluent frame, detected and explicit', async () => {
    await decode({ input: `00 00 00 00 2a ${datum}`, framing: 'confluent' });
    expect(await page.textContent('#message-output')).toContain('Schema id42');
    await decode({ input: `00 00 00 00 2a ${datum}` });
    expect(await page.textContent('#message-output')).toContain('Confluent wire format');
  });

  test('errors point at the byte', async () => {
    // The string claims 10 bytes but only 2 follow.
    await decode({ input: '14 61 62', framing: 'raw' });
    expect(await page.isVisible('#message-error')).toBe(true);
    expect(await page.textContent('#message-error')).toMatch(/does not decode at byte \d+/);
    expect(await page.locator('#error-byte').count()).toBe(1);
    // A union index out of range, after the Confluent header: offset counted from the frame start.
    await decode({ input: '00 00 00 00 07 06', schema: '["null","int"]', framing: 'confluent' });
    expect(await page.textContent('#message-error')).toContain('at byte 5');
    expect(await page.getAttribute('#error-byte', 'title')).toBe('error at byte 5');
    await v.screenshot(page, 'message-error');
    await decode({ input: 'zz!!' });
    expect(await page.textContent('.message-output .error-box')).toContain('not valid');
    await decode({ input: datum, schema: '{"type": "nope"}' });
    expect(await page.textContent('.message-output .error-box')).toContain('The schema is not valid');
    await page.click('#tab-records');
  });
});

test('the page reported no errors (CSP violations included) and fetched nothing from elsewhere', () => {
  expect(v.pageProblems(page)).toEqual([]);
  // Offline by construction: every request went to the viewer's own server (or was a blob:/data: URL).
  const foreign = page.log.requests.filter((url) => !url.startsWith(server.url) && !/^(blob|data):/.test(url));
  expect(foreign).toEqual([]);
  expect(page.log.requests).toContain(`${server.url}avro_wasm.wasm`);
});
