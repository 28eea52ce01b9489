// Byte and text helpers shared by the API modules.
import { AvroError } from './errors.js';

/** A Uint8Array view of bytes given as Uint8Array, ArrayBuffer or any typed array. */
export function toBytes(bytes) {
  if (bytes instanceof Uint8Array) return bytes;
  if (bytes instanceof ArrayBuffer) return new Uint8Array(bytes);
  if (ArrayBuffer.isView(bytes)) return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  throw new AvroError('expected a Uint8Array, ArrayBuffer or typed array', { code: 'INVALID_VALUE' });
}

export function concat(parts) {
  if (parts.length === 1) return parts[0];
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

export function hexToBytes(hex) {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.substr(i * 2, 2), 16);
  return out;
}

export function bytesToHex(bytes) {
  let hex = '';
  for (const b of bytes) hex += b.toString(16).padStart(2, '0');
  return hex;
}

/** Schema JSON text; a bare type name ("int", "com.example.Foo") is a schema too. */
export function normalizeSchemaText(text) {
  const trimmed = text.trim();
  if (/^[A-Za-z_][A-Za-z0-9_.]*$/.test(trimmed)) return JSON.stringify(trimmed);
  return trimmed;
}
