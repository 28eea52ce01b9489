// The targets of the performance work (one line each) and the summary that
// checks the measured rows against them. A row counts for a target when it
// carries that target's key (row(..., { target })); the summary shows the
// worst and best row, and a target is met only when its worst row meets it.
export const TARGETS = [
  {
    key: 'container-decode',
    what: 'container decode to JS objects, each data set, null and deflate',
    peer: 'avsc',
    goal: 1.3,
  },
  {
    key: 'container-encode',
    what: 'container encode from JS objects, each data set, null and deflate',
    peer: 'avsc',
    goal: 1.3,
  },
  { key: 'datum', what: 'single datum decode / encode (per call)', peer: 'avsc', goal: 1.0 },
  { key: 'batch', what: 'batch API (fromBuffers / toBuffers)', peer: 'avsc, per call', goal: 2.0 },
  {
    key: 'projection',
    what: 'projection: 3 of the 40 wide fields via a reader schema',
    peer: 'avsc resolver',
    goal: 4.0,
  },
  {
    key: 'columns',
    what: 'columnar decode of numeric columns into typed arrays',
    peer: 'avsc object decode',
    goal: 10.0,
  },
  {
    key: 'pyodide',
    what: 'Python in Pyodide: reader over a container file',
    peer: 'Apache avro in Pyodide',
    goal: 50.0,
  },
  {
    key: 'wasm-core',
    what: 'wasm core alone (no JS objects): native time / wasm time',
    peer: 'native build of the same core',
    goal: 1 / 1.3,
    goalText: '≥ 0.77 (≤ 1.3× slower)',
  },
  { key: 'native-core', what: 'native core decode', peer: 'Apache avro-c', goal: 1.5 },
  { key: 'parallel', what: 'parallel decode of one large file, 2 workers', peer: '1 worker', goal: 1.7 },
  {
    key: 'size',
    what: 'package size: wasm + JS, all six codecs, gzipped',
    peer: '-',
    goal: 250,
    unit: 'KB',
    lowerIsBetter: true,
  },
  { key: 'startup', what: 'module instantiation in Node', peer: '-', goal: 20, unit: 'ms', lowerIsBetter: true },
];

const format = (target, value) => (target.unit ? `${value.toFixed(1)} ${target.unit}` : `${value.toFixed(2)}×`);

/** One summary line per target, from the rows that were measured. */
export function summarize(rows) {
  return TARGETS.map((target) => {
    const values = rows.filter((r) => r.target === target.key && Number.isFinite(r.ratio)).map((r) => r.ratio);
    const goal = target.goalText ?? `${target.lowerIsBetter ? '≤' : '≥'} ${format(target, target.goal)}`;
    if (values.length === 0)
      return { target: target.what, peer: target.peer, goal, measured: 'not measured', met: '-' };
    const sorted = [...values].sort((a, b) => (target.lowerIsBetter ? b - a : a - b));
    const worst = sorted[0];
    const best = sorted[sorted.length - 1];
    const met = target.lowerIsBetter ? worst <= target.goal : worst >= target.goal;
    const measured =
      values.length === 1
        ? format(target, worst)
        : `${format(target, worst)} … ${format(target, best)} (${values.length} rows)`;
    return { target: target.what, peer: target.peer, goal, measured, met: met ? 'yes' : 'no' };
  });
}
