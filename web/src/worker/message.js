// "Decode a message": one datum given as hex or base64 text plus its writer
// schema, raw or framed (single-object encoding C3 01 + CRC-64-AVRO
// fingerprint, or Confluent's magic 0 + 4-byte schema id). Errors come back
// with the byte offset in the message (framing header included) so the page
// can highlight the byte.
import { Type, createConfluentDecoder, confluentSchemaId, decodeSingleObject } from 'avro-wasm';
import { toHex } from '../shared/format.js';
import { prettyJson } from '../shared/jsontext.js';
import { treeOf } from './values.js';

const MAX_INPUT_BYTES = 64 << 20;

class InputError extends Error {}

/** Bytes from hex (spaces, colons, commas, 0x prefixes allowed) or base64 (standard or URL-safe). */
export function parseBytes(text, encoding = 'auto') {
  const trimmed = text.trim();
  if (!trimmed) throw new InputError('paste the message bytes as hex or base64');
  const hexText = trimmed.replace(/0x/gi, '').replace(/[\s:,]/g, '');
  const looksHex = /^[0-9a-fA-F]*$/.test(hexText) && hexText.length % 2 === 0;
  const useHex = encoding === 'hex' || (encoding === 'auto' && looksHex);
  if (useHex) {
    const bad = /[^0-9a-fA-F]/.exec(hexText);
    if (bad) throw new InputError(`not hex: unexpected character ${JSON.stringify(bad[0])}`);
    if (hexText.length % 2) throw new InputError(`not hex: an odd number of digits (${hexText.length})`);
    const bytes = new Uint8Array(hexText.length / 2);
    for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hexText.slice(i * 2, i * 2 + 2), 16);
    return { bytes, encoding: 'hex' };
  }
  let b64 = trimmed.replace(/\s/g, '').replace(/-/g, '+').replace(/_/g, '/');
  const bad = /[^A-Za-z0-9+/=]/.exec(b64);
  if (bad) throw new InputError(`neither hex nor base64: unexpected character ${JSON.stringify(bad[0])}`);
  b64 = b64.replace(/=+$/, '');
  if (b64.length % 4 === 1) throw new InputError('not valid base64: wrong length');
  let binary;
  try {
    binary = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  } catch {
    throw new InputError('not valid base64');
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return { bytes, encoding: 'base64' };
}

/**
 * @param {{ input: string, encoding: 'auto'|'hex'|'base64', schema: string, framing: 'auto'|'raw'|'single-object'|'confluent' }} request
 */
export function decodeMessage({ input, encoding = 'auto', schema, framing = 'auto' }) {
  let bytes;
  let usedEncoding;
  try {
    ({ bytes, encoding: usedEncoding } = parseBytes(input, encoding));
  } catch (error) {
    return failure('input', error);
  }
  if (bytes.length > MAX_INPUT_BYTES) return failure('input', new InputError('the message is larger than 64 MiB'));
  let type;
  try {
    if (!schema || !schema.trim()) throw new InputError('paste the writer schema (JSON)');
    type = Type.forSchema(schema.trim());
  } catch (error) {
    return failure('schema', error, bytes);
  }
  try {
    let used = framing;
    if (framing === 'auto')
      used = bytes.length >= 2 && bytes[0] === 0xc3 && bytes[1] === 0x01 ? 'single-object' : 'raw';
    let attempt = decodeWith(used, bytes, type);
    // Auto: a raw datum that does not decode but starts with Confluent's magic byte.
    if (framing === 'auto' && attempt.error && used === 'raw' && bytes.length > 5 && bytes[0] === 0) {
      const confluent = decodeWith('confluent', bytes, type);
      if (!confluent.error) attempt = confluent;
    }
    if (attempt.error) return failure('datum', attempt.error, bytes, attempt);
    const { value } = attempt;
    return {
      ok: true,
      bytesHex: toHex(bytes),
      encoding: usedEncoding,
      framing: attempt.framing,
      headerLength: attempt.headerLength,
      schemaId: attempt.schemaId ?? null,
      fingerprint: attempt.fingerprint ?? null,
      schemaFingerprint: toHex(type.fingerprint('CRC-64-AVRO')),
      tree: treeOf(value),
      avroJson: prettyJson(type.toString(value)),
    };
  } finally {
    type.dispose();
  }
}

function decodeWith(framing, bytes, type) {
  const result = { framing, headerLength: 0 };
  try {
    if (framing === 'single-object') {
      result.headerLength = 10;
      if (bytes.length >= 10) result.fingerprint = toHex(bytes.subarray(2, 10));
      result.value = decodeSingleObject(bytes, type);
    } else if (framing === 'confluent') {
      result.headerLength = 5;
      result.schemaId = confluentSchemaId(bytes);
      result.value = createConfluentDecoder({ lookup: () => type }).decodeSync(bytes);
    } else {
      result.value = type.fromBuffer(bytes);
    }
  } catch (error) {
    result.error = error;
  }
  return result;
}

function failure(stage, error, bytes = null, attempt = {}) {
  return {
    ok: false,
    stage,
    error: {
      name: error?.name ?? 'Error',
      code: error?.code ?? null,
      message: error?.message ?? String(error),
      offset: typeof error?.offset === 'number' ? error.offset : -1,
      path: error?.path ?? '',
    },
    bytesHex: bytes ? toHex(bytes) : null,
    framing: attempt.framing ?? null,
    headerLength: attempt.headerLength ?? 0,
    schemaId: attempt.schemaId ?? null,
    fingerprint: attempt.fingerprint ?? null,
  };
}
