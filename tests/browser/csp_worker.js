// The API tour inside a module worker under the page's strict CSP (the
// worker script is served with the same Content-Security-Policy header).
import { tour, TOUR_FILES } from './api_tour.mjs';

try {
  const avro = await import('/node_modules/avro-wasm/dist/browser.mjs');
  const files = {};
  for (const [name, rel] of Object.entries(TOUR_FILES)) {
    files[name] = new Uint8Array(await (await fetch(`/${rel}`)).arrayBuffer());
  }
  self.postMessage({ steps: await tour(avro, files) });
} catch (error) {
  self.postMessage({ error: String(error && error.stack ? error.stack : error) });
}
