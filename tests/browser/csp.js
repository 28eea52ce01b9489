// Runs under the strict CSP of csp.html: the API tour on the main thread and
// in a module worker (csp_worker.js, also served with the policy), with the
// unbundled browser entry from node_modules. Any eval or new Function in the
// package throws an EvalError here. Results go to #result, then #done.
import { tour, TOUR_FILES } from './api_tour.mjs';

const violations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  violations.push({ directive: event.violatedDirective, blocked: event.blockedURI });
});

const report = (result) => {
  document.getElementById('result').textContent = JSON.stringify(result, null, 2);
  const done = document.createElement('p');
  done.id = 'done';
  done.textContent = result.error ? 'failed' : 'done';
  document.body.append(done);
};

async function loadTourFiles() {
  const files = {};
  for (const [name, rel] of Object.entries(TOUR_FILES)) {
    const response = await fetch(`/${rel}`);
    if (!response.ok) throw new Error(`${rel}: HTTP ${response.status}`);
    files[name] = new Uint8Array(await response.arrayBuffer());
  }
  return files;
}

try {
  // Imported here, not statically, so a failure to load (an EvalError from
  // code generation, say) is reported rather than ending the module.
  const avro = await import('/node_modules/avro-wasm/dist/browser.mjs');
  const main = await tour(avro, await loadTourFiles());
  const worker = new Worker('./csp_worker.js', { type: 'module' });
  const inWorker = await new Promise((resolve, reject) => {
    worker.onmessage = ({ data }) => (data.error ? reject(new Error(`worker: ${data.error}`)) : resolve(data.steps));
    worker.onerror = (event) => reject(new Error(`worker: ${event.message}`));
  });
  worker.terminate();
  // Let the violation events of the tour's own eval probe arrive.
  await new Promise((resolve) => setTimeout(resolve, 50));
  report({ main, worker: inWorker, violations });
} catch (error) {
  report({ error: String(error && error.stack ? error.stack : error), violations });
}
