// Module web worker (Pyodide 0.28+ no longer runs in classic workers):
// Pyodide from /pyodide/, the avro_wasm wheel installed with unpackArchive,
// `import avro_wasm` loading the core synchronously, then smoke.py.
import { loadPyodide } from '/pyodide/pyodide.mjs';

self.onmessage = async ({ data }) => {
  try {
    const py = await loadPyodide({ indexURL: '/pyodide/' });
    py.unpackArchive(await (await fetch(data.wheel)).arrayBuffer(), 'wheel');
    const smoke = await (await fetch('/smoke.py')).text();
    const loaded = py.runPython('import avro_wasm\navro_wasm.is_loaded()');
    self.postMessage({ ok: true, loaded, result: JSON.parse(py.runPython(smoke)) });
  } catch (error) {
    self.postMessage({ ok: false, error: String(error?.message ?? error).slice(0, 4000) });
  }
};
