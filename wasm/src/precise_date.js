// A Date that keeps sub-millisecond precision, for timestamp-micros/-nanos
// values: it is a real Date (works wherever a Date does) plus the
// nanoseconds within its millisecond, and toISOString() prints them all.

export class PreciseDate extends Date {
  #nanos;

  /** @param {number} millis epoch milliseconds  @param {number} nanos 0..999999 within that millisecond */
  constructor(millis, nanos = 0) {
    super(millis);
    this.#nanos = nanos;
  }

  /** Microseconds within the current millisecond (0..999). */
  getMicroseconds() {
    return Math.floor(this.#nanos / 1000);
  }

  /** Nanoseconds within the current microsecond (0..999). */
  getNanoseconds() {
    return this.#nanos % 1000;
  }

  /** Nanoseconds within the current millisecond (0..999999). */
  get subMillisecondNanos() {
    return this.#nanos;
  }

  /** Epoch time in nanoseconds, exact. */
  getFullTime() {
    return BigInt(this.getTime()) * 1000000n + BigInt(this.#nanos);
  }

  toISOString() {
    const base = super.toISOString(); // 2024-01-02T03:04:05.678Z
    if (this.#nanos === 0) return base;
    let fraction = String(this.#nanos).padStart(6, '0');
    fraction = fraction.replace(/0+$/, '');
    if (fraction.length <= 3) fraction = fraction.padEnd(3, '0');
    return `${base.slice(0, -1)}${fraction}Z`;
  }

  toJSON() {
    return this.toISOString();
  }
}
