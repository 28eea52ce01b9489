// The browser benchmark (web/bench.html) in headless Chromium: avro-wasm vs
// avsc (bundled for the browser) decoding the same container files in one
// page. Prints rows in the style of the other sections; browserRows() is the
// section for bench/run.mjs. Environment: BENCH_RUNS (default 7),
// BENCH_BROWSER_RECORDS (default 100000).
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { RUNS, avscVersion, row } from './common.mjs';
import { buildWeb } from '../web/build.mjs';
import { startServer } from '../web/serve.mjs';

const require = createRequire(import.meta.url);
const { launchChromium } = require('../tests/browser/harness.cjs');

const RECORDS = Number(process.env.BENCH_BROWSER_RECORDS ?? 100000);

/** Rows for the benchmark table; also returns the browser's user agent. */
export async function browserRows(count = RECORDS, runs = RUNS) {
  await buildWeb({ quiet: true });
  const server = await startServer({ port: 0 });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.goto(`${server.url}bench.html?run=1&records=${count}&runs=${runs}`);
    await page.waitForFunction(() => window.benchResults, null, { timeout: 600000, polling: 500 });
    const results = await page.evaluate(() => window.benchResults);
    if (results.error || errors.length) throw new Error(`browser bench: ${results.error ?? errors.join('; ')}`);
    const rows = results.rows.map((r) => row(r.what, r.count, r.oursMs, r.theirsMs));
    return { rows, userAgent: results.meta.userAgent };
  } finally {
    await browser.close();
    await server.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { rows, userAgent } = await browserRows();
  console.log(
    `avro-wasm vs avsc ${avscVersion} in Chromium (${userAgent}), ${RECORDS} User records, median of ${RUNS} runs`,
  );
  console.table(rows);
}
