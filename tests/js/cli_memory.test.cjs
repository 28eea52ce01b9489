// The command line streams: a 200 MB container file (generated here in a
// temp dir with the package's writer, never stored) goes through `count`
// and `recodec`, and the child process's peak resident memory must stay far
// below the file size. Peak RSS is measured by GNU time (%M) when
// /usr/bin/time exists, else by polling VmHWM in /proc/<pid>/status.
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn, spawnSync } = require('node:child_process');
const avro = require('../../dist/index.cjs');

const BIN = path.resolve(__dirname, '../../bin/avro-wasm.mjs');
const FILE_BYTES = 200e6;
// Node itself takes ~40 MB and the wasm module and streams a few tens more;
// anything that held the file (or a large part of it) would pass 200 MB.
const PEAK_LIMIT_MB = 160;
const TIME = '/usr/bin/time';

const SCHEMA = {
  type: 'record',
  name: 'Row',
  fields: [
    { name: 'n', type: 'long' },
    { name: 'tag', type: ['null', 'string'] },
    { name: 'payload', type: 'string' },
    { name: 'blob', type: 'bytes' },
  ],
};
const PAYLOAD = 'abcdefghij'.repeat(300);
const BLOB = new Uint8Array(1000).fill(7);
const row = (n) => ({ n, tag: n % 3 ? `t${n}` : null, payload: PAYLOAD, blob: BLOB });

/** Writes records of ~4 KB with the null codec until the file holds FILE_BYTES; returns the record count. */
function generate(file) {
  const encoder = new avro.ContainerEncoder(SCHEMA, { codec: 'null' });
  const fd = fs.openSync(file, 'w');
  let n = 0;
  let bytes = 0;
  try {
    while (bytes < FILE_BYTES) {
      const records = [];
      for (let i = 0; i < 500; i++) records.push(row(n++));
      const chunk = encoder.writeMany(records);
      fs.writeSync(fd, chunk);
      bytes += chunk.length;
    }
    fs.writeSync(fd, encoder.end());
  } finally {
    fs.closeSync(fd);
  }
  return n;
}

/** Runs the CLI; resolves to { status, stdout, stderr, peakMB }. */
function runMeasured(args, dir) {
  if (fs.existsSync(TIME)) {
    const report = path.join(dir, 'time.txt');
    const r = spawnSync(TIME, ['-f', '%M', '-o', report, process.execPath, BIN, ...args], { encoding: 'utf8' });
    const peakKB = Number(fs.readFileSync(report, 'utf8').trim().split('\n').pop());
    return Promise.resolve({ status: r.status, stdout: r.stdout, stderr: r.stderr, peakMB: peakKB / 1024 });
  }
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args]);
    let stdout = '';
    let stderr = '';
    let peakKB = 0;
    const poll = () => {
      try {
        const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (m) peakKB = Math.max(peakKB, Number(m[1]));
      } catch {
        // the process has just exited
      }
    };
    const timer = setInterval(poll, 10);
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('exit', () => poll());
    child.on('close', (status) => {
      clearInterval(timer);
      resolve({ status, stdout, stderr, peakMB: peakKB / 1024 });
    });
  });
}

let dir;
let big;
let records;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'avro-wasm-cli-memory-'));
  big = path.join(dir, 'big.avro');
  records = generate(big);
}, 60000);
afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

test('count and recodec on a 200 MB file keep the peak RSS bounded', async () => {
  expect(fs.statSync(big).size).toBeGreaterThan(FILE_BYTES);

  const count = await runMeasured(['count', big], dir);
  expect(count.stderr).toBe('');
  expect(count.stdout).toBe(`${records}\n`);

  const out = path.join(dir, 'big-snappy.avro');
  const recodec = await runMeasured(['recodec', '--codec', 'snappy', big, out], dir);
  expect(recodec.stderr).toBe('');
  expect(recodec.status).toBe(0);

  const countOut = await runMeasured(['count', out], dir);
  expect(countOut.stdout).toBe(`${records}\n`);
  expect(fs.statSync(out).size).toBeLessThan(fs.statSync(big).size / 4);

  // The recoded file holds the records that were generated, in order.
  let n = 0;
  for await (const record of avro.readRecords(out)) {
    if (record.n !== n || record.payload !== PAYLOAD || record.tag !== row(n).tag || record.blob.length !== 1000) {
      throw new Error(`record ${n} came back as ${JSON.stringify({ n: record.n, tag: record.tag })}`);
    }
    n++;
  }
  expect(n).toBe(records);

  const peaks = { count: count.peakMB, recodec: recodec.peakMB, countSnappy: countOut.peakMB };
  console.log(`peak RSS (MB) for a ${(fs.statSync(big).size / 1e6).toFixed(0)} MB file: ${JSON.stringify(peaks)}`);
  for (const [name, peak] of Object.entries(peaks)) {
    expect({ name, withinLimit: peak > 0 && peak < PEAK_LIMIT_MB, peak }).toEqual({ name, withinLimit: true, peak });
  }
}, 60000);

// On a real terminal (util-linux `script` gives the child a pseudo-terminal)
// a long operation draws its progress bar; cli.test.cjs checks pipes stay quiet.
const SCRIPT = ['/usr/bin/script', '/bin/script'].find((p) => fs.existsSync(p));
(SCRIPT ? test : test.skip)(
  'a long operation on a terminal draws a progress bar on stderr',
  () => {
    const quote = (s) => `'${s.replace(/'/g, `'\\''`)}'`;
    const out = path.join(dir, 'big-tty.avro');
    const command = [process.execPath, BIN, 'recodec', '--codec', 'zstandard', big, out].map(quote).join(' ');
    const r = spawnSync(SCRIPT, ['-qec', command, '/dev/null'], {
      encoding: 'utf8',
      env: { ...process.env, AVRO_WASM_PROGRESS: '' },
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/\rrecodec \[#*-*\] \d+% [\d.]+ MB\/20\d\.\d MB [\d.]+ s/);
    expect(r.stdout).toMatch(/\r\x1b\[K$/); // cleared when done
  },
  60000,
);
