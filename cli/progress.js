// A one-line progress bar on stderr for long operations. Shown only when
// stderr is a terminal (never in pipes or logs) and only once an operation
// has run for a moment; AVRO_WASM_PROGRESS=always|never overrides.

const DELAY_MS = 500;
const FRAME_MS = 100;
const WIDTH = 24;

const NONE = { update() {}, done() {} };

/**
 * label: what is running; total: bytes or records when known (else null);
 * unit: 'bytes' | 'records'; textOnStdout: the command prints text to stdout,
 * so a bar on the same terminal would break its lines.
 */
export function createProgress(ctx, { label, total = null, unit = 'bytes', textOnStdout = false }) {
  const mode = ctx.env.AVRO_WASM_PROGRESS;
  const always = mode === 'always';
  const terminal = ctx.stderr.isTTY === true && !(textOnStdout && ctx.stdout.isTTY === true);
  if (mode === 'never' || !(always || terminal)) return NONE;
  const stream = ctx.stderr;
  const start = Date.now();
  let lastFrame = 0;
  let shown = false;
  let current = 0;

  const draw = () => {
    const amount = unit === 'bytes' ? megabytes(current) : `${current}`;
    let line;
    if (total) {
      const fraction = Math.min(1, current / total);
      const filled = Math.round(fraction * WIDTH);
      const of = unit === 'bytes' ? megabytes(total) : `${total}`;
      line = `${label} [${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${Math.floor(fraction * 100)}% ${amount}/${of}`;
    } else {
      line = `${label} ${amount}${unit === 'records' ? ' records' : ''}`;
    }
    stream.write(`\r${line} ${seconds(Date.now() - start)}\x1b[K`);
    shown = true;
  };

  return {
    update(done) {
      current = done;
      const now = Date.now();
      if (!always && now - start < DELAY_MS) return;
      if (now - lastFrame < FRAME_MS) return;
      lastFrame = now;
      draw();
    },
    done() {
      if (always) draw();
      if (shown) stream.write('\r\x1b[K');
    },
  };
}

function megabytes(bytes) {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

function seconds(ms) {
  return `${(ms / 1000).toFixed(1)} s`;
}
