// Python in Pyodide: avro_wasm (the wheel) vs Apache's pure-Python `avro`
// (Debian's python3-avro package directory copied into Pyodide's file
// system: what a notebook user can run today), in the same Pyodide, on the
// same container file of users-like records. Both readers' records are
// compared before anything is timed. Run alone: node bench/pyodide.mjs
// Runs of the two are interleaved so both see the same machine load.
// The floor rows show what CPython itself needs to make the same records
// with no Avro at all (pickle.loads, marshal.loads, dicts from ready-made
// tuples), timed interleaved with avro_wasm's decode; their ratio column is
// Apache's decode time over the floor: the most any Python reader could reach.
// Environment: BENCH_RUNS (median of runs, default 7; the slow Apache
// reader runs at most 3 times), BENCH_PYODIDE_RECORDS (default 20000),
// AVRO_WASM_WHEEL (default dist/avro_wasm-<version>-py3-none-any.whl),
// PYAVRO_DIR (default /usr/lib/python3/dist-packages/avro).
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeContainer } from '../dist/index.mjs';
import { makeUsers, row, RUNS, userSchema } from './common.mjs';

const require = createRequire(import.meta.url);
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const VERSION = require('../package.json').version;
const WHEEL = process.env.AVRO_WASM_WHEEL || join(ROOT, 'dist', `avro_wasm-${VERSION}-py3-none-any.whl`);
const PYAVRO_DIR = process.env.PYAVRO_DIR || '/usr/lib/python3/dist-packages/avro';
const PEER_RUNS = Math.min(RUNS, 3);

// Copies a host directory into Pyodide's file system (Python sources and data files).
function copyTree(py, from, to) {
  py.FS.mkdirTree(to);
  for (const name of readdirSync(from)) {
    if (name === '__pycache__') continue;
    const source = join(from, name);
    if (statSync(source).isDirectory()) copyTree(py, source, `${to}/${name}`);
    else py.FS.writeFile(`${to}/${name}`, readFileSync(source));
  }
}

const SETUP = `
import io, time
import avro_wasm
import avro.datafile, avro.io, avro.schema

def read_avro_wasm(data):
    return list(avro_wasm.reader(data))

def read_apache(data):
    return list(avro.datafile.DataFileReader(io.BytesIO(data), avro.io.DatumReader()))

def write_avro_wasm(schema, records):
    out = io.BytesIO()
    avro_wasm.writer(out, schema, records, codec="null", sync_interval=65536)
    return out.getvalue()

def write_apache(schema_json, records):
    out = io.BytesIO()
    writer = avro.datafile.DataFileWriter(out, avro.io.DatumWriter(), avro.schema.parse(schema_json))
    for record in records:
        writer.append(record)
    writer.flush()
    data = out.getvalue()
    return data

def timed(fn, *args):
    start = time.perf_counter()
    fn(*args)
    return (time.perf_counter() - start) * 1000

def median(samples):
    return sorted(samples)[len(samples) // 2]

def paired(runs, peer_runs, ours, theirs):
    # Interleaved, so both see the same machine load; one warm-up each.
    ours()
    theirs()
    a, b = [], []
    for i in range(max(runs, peer_runs)):
        if i < runs:
            a.append(timed(ours))
        if i < peer_runs:
            b.append(timed(theirs))
    return [median(a), median(b)]
`;

export async function pyodideRows(count) {
  if (!existsSync(WHEEL)) throw new Error(`bench/pyodide: no wheel at ${WHEEL} (npm run build)`);
  if (!existsSync(PYAVRO_DIR))
    throw new Error(`bench/pyodide: no python3-avro at ${PYAVRO_DIR} (apt-get install python3-avro)`);
  const { loadPyodide } = await import('pyodide');
  const py = await loadPyodide();
  py.unpackArchive(new Uint8Array(readFileSync(WHEEL)), 'wheel');
  copyTree(py, PYAVRO_DIR, '/bench_site/avro');
  py.runPython('import sys; sys.path.insert(0, "/bench_site")');
  py.runPython(SETUP);

  const records = makeUsers(count);
  const file = writeContainer(records, userSchema, { codec: 'null', blockSize: 64 * 1024 });
  py.globals.set('DATA', py.toPy(file));
  py.globals.set('SCHEMA_JSON', JSON.stringify(userSchema));
  py.runPython('import json; SCHEMA = json.loads(SCHEMA_JSON); DATA = bytes(DATA)');

  // Same records from both readers (and the same as written), before any timing.
  const same = py.runPython(`
ours = read_avro_wasm(DATA)
theirs = read_apache(DATA)
(ours == theirs and len(ours) == ${count} and read_avro_wasm(write_apache(SCHEMA_JSON, ours)) == ours
    and read_apache(write_avro_wasm(SCHEMA, ours)) == ours)`);
  if (!same) throw new Error('bench/pyodide: avro_wasm and Apache avro disagree on the records');
  py.runPython('RECORDS = ours; del ours, theirs');

  const paired = (ours, theirs) =>
    py.runPython(`paired(${RUNS}, ${PEER_RUNS}, lambda: ${ours}, lambda: ${theirs})`).toJs();
  const rows = [];
  const [decodeOurs, decodeTheirs] = paired('read_avro_wasm(DATA)', 'read_apache(DATA)');
  rows.push(
    row(
      `pyodide decode, container (${(file.length / 1e6).toFixed(1)} MB) vs Apache avro`,
      count,
      decodeOurs,
      decodeTheirs,
      { target: 'pyodide', bytes: file.length },
    ),
  );
  const [encodeOurs, encodeTheirs] = paired('write_avro_wasm(SCHEMA, RECORDS)', 'write_apache(SCHEMA_JSON, RECORDS)');
  rows.push(row('pyodide encode, container vs Apache avro', count, encodeOurs, encodeTheirs));
  // What CPython alone needs to build and free the same records, no Avro at
  // all: the floor under any Python reader in this Pyodide. Measured
  // interleaved with avro_wasm's decode (the first of the rows below), so
  // all see the same machine load; each floor row's peer column is
  // Apache's decode time, so its ratio is the most any reader could reach.
  //   pickle.loads  of pickle.dumps(records): one C-level stream, as avro_wasm uses
  //   marshal.loads of marshal.dumps(records), timestamps as int
  //                 milliseconds (marshal carries no datetime)
  //   dicts from ready-made tuples: [dict(zip(KEYS, t)) for t in TUPLES],
  //                 every value already built: only the dicts are made and freed
  const floors = py
    .runPython(
      `
import marshal, pickle
PICKLED = pickle.dumps(RECORDS, protocol=5)
MARSHALED = marshal.dumps([dict(r, created=int(r["created"].timestamp() * 1000)) for r in RECORDS])
KEYS = tuple(RECORDS[0])
TUPLES = [tuple(r[k] for k in KEYS) for r in RECORDS]
assert [dict(zip(KEYS, t)) for t in TUPLES] == RECORDS
def dicts_from_tuples():
    return [dict(zip(KEYS, t)) for t in TUPLES]
floor_fns = [lambda: read_avro_wasm(DATA), lambda: pickle.loads(PICKLED), lambda: marshal.loads(MARSHALED), dicts_from_tuples]
for fn in floor_fns:
    fn()
floor_samples = [[] for _ in floor_fns]
for _ in range(${RUNS}):
    for fn, samples in zip(floor_fns, floor_samples):
        samples.append(timed(fn))
[median(samples) for samples in floor_samples]`,
    )
    .toJs();
  const [oursInLoop, pickleFloor, marshalFloor, tuplesFloor] = floors;
  rows.push(row('pyodide decode again, interleaved with the floors below', count, oursInLoop, decodeTheirs));
  rows.push(row('pyodide floor: pickle.loads of pickle.dumps(records) (no Avro)', count, pickleFloor, decodeTheirs));
  rows.push(
    row('pyodide floor: marshal.loads of the records, timestamps as ints (no Avro)', count, marshalFloor, decodeTheirs),
  );
  rows.push(row('pyodide floor: dicts from ready-made value tuples (no Avro)', count, tuplesFloor, decodeTheirs));
  const columns = py.runPython(`median([timed(avro_wasm.read_columns, DATA) for _ in range(${RUNS})])`);
  rows.push(row('pyodide read_columns (no peer)', count, columns, undefined));
  return rows;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const count = Number(process.env.BENCH_PYODIDE_RECORDS ?? 20000);
  let rows;
  try {
    rows = await pyodideRows(count);
  } catch (error) {
    // Pyodide's errors can carry its whole JS source in the stack: print the message.
    console.error(`bench/pyodide: ${String(error?.message ?? error).slice(0, 5000)}`);
    process.exit(1);
  }
  console.log(
    `avro_wasm vs Apache avro (python3-avro from ${PYAVRO_DIR}) in Pyodide ${require('pyodide/package.json').version}, ${count} User records, median of ${RUNS} runs (Apache: ${PEER_RUNS}), Node ${process.version}`,
  );
  console.table(rows);
}
