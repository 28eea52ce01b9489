// Fast access to the module's heap views and per-datum exports. Emscripten's
// Module object has dozens of properties, so V8 keeps it in dictionary mode:
// each `mod.HEAPU8` is a hash lookup, and a typed array's `.buffer` costs
// more. The per-datum path made many of each per call. These plain fields
// are refreshed when memory grows: growing detaches the old buffer, which
// leaves its views with length 0.
export class Heap {
  constructor(mod) {
    this.mod = mod;
    this.input = mod._avro_type_input;
    this.decode = mod._avro_type_decode;
    this.prepareEncode = mod._avro_type_prepare_encode;
    this.encode = mod._avro_type_encode;
    this.u8 = mod.HEAPU8;
    this.u32 = mod.HEAPU32;
    this.f64 = mod.HEAPF64;
    this.i64 = mod.HEAP64;
  }

  /** This object, with views over the current memory (call after any wasm call). */
  views() {
    if (this.u8.length === 0) {
      const mod = this.mod;
      this.u8 = mod.HEAPU8;
      this.u32 = mod.HEAPU32;
      this.f64 = mod.HEAPF64;
      this.i64 = mod.HEAP64;
    }
    return this;
  }
}

const SHORT = 12; // below this many bytes, a loop beats any decoder call

/**
 * UTF-8 bytes u8[start, start + length) as a string. Short ASCII text (one
 * datum's strings) skips the TextDecoder call on a fresh subarray, which
 * costs more than decoding a small record; `latin1` (Node's
 * Buffer#latin1Slice, no view allocated) takes longer ASCII runs.
 */
export function decodeText(u8, start, length, decoder, latin1) {
  const end = start + length;
  if (length < SHORT) {
    let s = '';
    for (let i = start; i < end; i++) {
      const b = u8[i];
      if (b > 0x7f) return decoder.decode(u8.subarray(start, end));
      s += String.fromCharCode(b);
    }
    return s;
  }
  if (latin1 && length <= 256) {
    for (let i = start; i < end; i++) if (u8[i] > 0x7f) return decoder.decode(u8.subarray(start, end));
    return latin1.call(u8, start, end);
  }
  return decoder.decode(u8.subarray(start, end));
}
