// Small formatting helpers shared by the page and the worker.

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Lower-case hex of bytes; `separator` between bytes (e.g. ' '). */
export function toHex(bytes, separator = '') {
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    if (i && separator) out += separator;
    out += HEX[bytes[i]];
  }
  return out;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard base64 (with padding) of bytes. */
export function toBase64(bytes) {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out += BASE64[n >> 18] + BASE64[(n >> 12) & 63] + BASE64[(n >> 6) & 63] + BASE64[n & 63];
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i] << 16;
    out += BASE64[n >> 18] + BASE64[(n >> 12) & 63] + '==';
  } else if (rest === 2) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8);
    out += BASE64[n >> 18] + BASE64[(n >> 12) & 63] + BASE64[(n >> 6) & 63] + '=';
  }
  return out;
}

/**
 * 1234567 → "1,234,567". By hand, not toLocaleString: the first Intl call
 * loads locale data and took ~200 ms on the main thread, and a fixed format
 * keeps tests and screenshots stable.
 */
export function formatCount(n) {
  const value = Number(n);
  if (!Number.isFinite(value)) return String(value);
  const [whole, fraction] = String(Math.abs(value)).split('.');
  const grouped = whole.length > 3 && !whole.includes('e') ? whole.replace(/\B(?=(\d{3})+$)/g, ',') : whole;
  return `${value < 0 ? '-' : ''}${grouped}${fraction ? `.${fraction}` : ''}`;
}

/** Byte sizes: "512 B", "1.5 KiB", "210.3 MiB". */
export function formatSize(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 2 : 1)} ${units[unit]}`;
}

/** A number for summaries: integers grouped, others to 6 significant digits (large ones rounded). */
export function formatNumber(value) {
  if (typeof value !== 'number') return String(value);
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value)) return formatCount(value);
  const abs = Math.abs(value);
  if (abs >= 1e15 || (abs !== 0 && abs < 1e-4)) return value.toExponential(4);
  if (abs >= 1e5) return formatCount(Math.round(value));
  return String(Number(value.toPrecision(6)));
}

/** Milliseconds → "1.23 s" / "850 ms". */
export function formatDuration(ms) {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`;
}
