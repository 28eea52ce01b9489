// The test's own checks in the bundled app (copied into the temporary
// project as checks.js and bundled like the README's app.js): one awaited
// import of 'avro-wasm', a fetched interop file decoded at once and through
// Blob.stream(), and the README's module worker (decode-worker.js) fed a Blob
// right after it starts. Results go to #result as JSON, then #done appears.
const report = (result) => {
  document.getElementById('result').textContent = JSON.stringify(result, null, 2);
  const done = document.createElement('p');
  done.id = 'done';
  done.textContent = result.error ? 'failed' : 'done';
  document.body.append(done);
};

try {
  const { readContainer, readRecords, Type } = await import('avro-wasm');
  const blob = await (await fetch('weather-zstd.avro')).blob();
  const file = readContainer(new Uint8Array(await blob.arrayBuffer()));
  const temps = [];
  for await (const reading of readRecords(blob.stream())) temps.push(reading.temp);

  const worker = new Worker(new URL('./decode-worker.js', import.meta.url), { type: 'module' });
  const fromWorker = await new Promise((resolve, reject) => {
    worker.onmessage = ({ data }) => resolve(data);
    worker.onerror = (event) => reject(new Error(`worker: ${event.message}`));
    worker.postMessage(blob); // at once: the worker must not drop it while it loads
  });
  worker.terminate();

  const type = Type.forSchema({ type: 'map', values: 'long' });
  report({
    codec: file.codec,
    count: file.records.length,
    first: file.records[0],
    temps,
    fromWorker,
    roundTrip: type.fromBuffer(type.toBuffer({ big: 2n ** 60n })).big.toString(),
  });
} catch (error) {
  report({ error: String(error && error.stack ? error.stack : error) });
}
