// A Uint8Array-based Buffer with the methods avsc's types use, so avsc can
// run in the benchmark page (it targets Node's Buffer; browsers have none).
// Strings: short ASCII ones with String.fromCharCode (as Buffer polyfills
// do), the rest with TextDecoder; floats through a shared typed array as
// Node does. The aim is to not slow avsc down.
const decoder = new TextDecoder();
const encoder = new TextEncoder();
const f32 = new Float32Array(1);
const f32bytes = new Uint8Array(f32.buffer);
const f64 = new Float64Array(1);
const f64bytes = new Uint8Array(f64.buffer);

export class Buffer extends Uint8Array {
  static alloc(size, fill) {
    const buf = new Buffer(size);
    if (fill !== undefined) buf.fill(typeof fill === 'number' ? fill : 0);
    return buf;
  }

  static allocUnsafe(size) {
    return new Buffer(size);
  }

  static allocUnsafeSlow(size) {
    return new Buffer(size);
  }

  static from(data, encoding) {
    if (typeof data === 'string') {
      if (encoding === 'binary' || encoding === 'latin1') {
        const buf = new Buffer(data.length);
        for (let i = 0; i < data.length; i++) buf[i] = data.charCodeAt(i) & 0xff;
        return buf;
      }
      if (encoding === 'hex') {
        const buf = new Buffer(data.length >> 1);
        for (let i = 0; i < buf.length; i++) buf[i] = parseInt(data.substr(i * 2, 2), 16);
        return buf;
      }
      if (encoding === 'base64') {
        const binary = atob(data);
        return Buffer.from(binary, 'binary');
      }
      const bytes = encoder.encode(data);
      return new Buffer(bytes.buffer, bytes.byteOffset, bytes.length);
    }
    if (data instanceof ArrayBuffer) return new Buffer(data, encoding ?? 0, arguments[2]);
    const buf = new Buffer(data.length);
    buf.set(data);
    return buf;
  }

  static isBuffer(value) {
    return value instanceof Buffer;
  }

  static byteLength(string) {
    if (typeof string !== 'string') return string.byteLength;
    let length = 0;
    for (let i = 0; i < string.length; i++) {
      const c = string.charCodeAt(i);
      if (c < 0x80) length += 1;
      else if (c < 0x800) length += 2;
      else if ((c & 0xfc00) === 0xd800 && i + 1 < string.length && (string.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
        length += 4;
        i++;
      } else length += 3;
    }
    return length;
  }

  static compare(a, b) {
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
    return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
  }

  static concat(list, total) {
    const length = total ?? list.reduce((sum, b) => sum + b.length, 0);
    const out = new Buffer(length);
    let offset = 0;
    for (const b of list) {
      out.set(b.subarray(0, Math.min(b.length, length - offset)), offset);
      offset += b.length;
      if (offset >= length) break;
    }
    return out;
  }

  // Node semantics: slice is a view, not a copy.
  slice(start = 0, end = this.length) {
    return this.subarray(start, end);
  }

  // Plain Uint8Array views: subarray() would run this class's constructor (species).
  utf8Slice(start, end) {
    const view = new Uint8Array(this.buffer, this.byteOffset + start, end - start);
    if (view.length <= 32) {
      let ascii = true;
      for (let i = 0; i < view.length; i++) if (view[i] >= 0x80) ascii = false;
      if (ascii) return String.fromCharCode.apply(null, view);
    }
    return decoder.decode(view);
  }

  latin1Slice(start, end) {
    let s = '';
    for (let i = start; i < end; i++) s += String.fromCharCode(this[i]);
    return s;
  }

  toString(encoding = 'utf8', start = 0, end = this.length) {
    if (encoding === 'binary' || encoding === 'latin1') return this.latin1Slice(start, end);
    if (encoding === 'hex')
      return Array.from(this.subarray(start, end), (b) => b.toString(16).padStart(2, '0')).join('');
    if (encoding === 'base64') return btoa(this.latin1Slice(start, end));
    return this.utf8Slice(start, end);
  }

  toJSON() {
    return { type: 'Buffer', data: Array.from(this) };
  }

  equals(other) {
    return Buffer.compare(this, other) === 0;
  }

  write(string, offset = 0, length = this.length - offset, encoding = 'utf8') {
    if (encoding === 'binary' || encoding === 'latin1') return this.latin1Write(string, offset, length);
    const bytes = encoder.encode(string);
    const n = Math.min(bytes.length, length);
    this.set(bytes.subarray(0, n), offset);
    return n;
  }

  latin1Write(string, offset, length) {
    const n = Math.min(string.length, length);
    for (let i = 0; i < n; i++) this[offset + i] = string.charCodeAt(i) & 0xff;
    return n;
  }

  copy(target, targetStart = 0, sourceStart = 0, sourceEnd = this.length) {
    const part = this.subarray(sourceStart, Math.min(sourceEnd, sourceStart + target.length - targetStart));
    target.set(part, targetStart);
    return part.length;
  }

  readUIntLE(offset, byteLength) {
    let value = 0;
    let mul = 1;
    for (let i = 0; i < byteLength; i++, mul *= 0x100) value += this[offset + i] * mul;
    return value;
  }

  // Node reads floats through a shared typed array the same way.
  readFloatLE(offset) {
    for (let i = 0; i < 4; i++) f32bytes[i] = this[offset + i];
    return f32[0];
  }

  readDoubleLE(offset) {
    for (let i = 0; i < 8; i++) f64bytes[i] = this[offset + i];
    return f64[0];
  }

  writeFloatLE(value, offset) {
    f32[0] = value;
    for (let i = 0; i < 4; i++) this[offset + i] = f32bytes[i];
    return offset + 4;
  }

  writeDoubleLE(value, offset) {
    f64[0] = value;
    for (let i = 0; i < 8; i++) this[offset + i] = f64bytes[i];
    return offset + 8;
  }
}

export const SlowBuffer = Buffer;
export default { Buffer, SlowBuffer };
