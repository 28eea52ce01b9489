// The users-like data set, shared by the Node benchmarks (common.mjs) and
// the browser benchmark page (web/src/bench), so it imports nothing.
// A users-like record: ids, strings, doubles, a timestamp, arrays, a nullable
// nested record.
export const userSchema = {
  type: 'record',
  name: 'User',
  namespace: 'bench',
  fields: [
    { name: 'id', type: 'long' },
    { name: 'name', type: 'string' },
    { name: 'email', type: 'string' },
    { name: 'score', type: 'double' },
    { name: 'ratio', type: 'double' },
    { name: 'active', type: 'boolean' },
    { name: 'created', type: { type: 'long', logicalType: 'timestamp-millis' } },
    { name: 'tags', type: { type: 'array', items: 'string' } },
    {
      name: 'address',
      type: [
        'null',
        {
          type: 'record',
          name: 'Address',
          fields: [
            { name: 'street', type: 'string' },
            { name: 'city', type: 'string' },
            { name: 'zip', type: 'int' },
          ],
        },
      ],
      default: null,
    },
  ],
};

export function makeUsers(n, seed = 42) {
  const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff) / 0x7fffffff;
  const word = (len) => Array.from({ length: len }, () => String.fromCharCode(97 + Math.floor(rand() * 26))).join('');
  return Array.from({ length: n }, (_, i) => ({
    id: i * 7919,
    name: `${word(6)} ${word(9)}`,
    email: `${word(8)}@${word(5)}.com`,
    score: rand() * 1000,
    ratio: rand(),
    active: rand() > 0.5,
    created: new Date(1500000000000 + Math.floor(rand() * 3e11)),
    tags: Array.from({ length: Math.floor(rand() * 4) }, () => word(5)),
    address:
      rand() > 0.3
        ? { street: `${Math.floor(rand() * 999)} ${word(7)} St`, city: word(8), zip: Math.floor(rand() * 99999) }
        : null,
  }));
}

/**
 * avsc's logical types for these data sets: timestamp-millis as a Date, the
 * value avro-wasm gives, so both sides build the same objects. Takes avsc
 * (Node's or the browser build) as an argument to keep this file import-free.
 */
export function avscLogicalTypes(avsc) {
  class TimestampMillis extends avsc.types.LogicalType {
    _fromValue(value) {
      return new Date(value);
    }
    _toValue(date) {
      return date instanceof Date ? +date : undefined;
    }
    _resolve(type) {
      if (avsc.Type.isType(type, 'long', 'logical:timestamp-millis')) return this._fromValue;
    }
  }
  return { 'timestamp-millis': TimestampMillis };
}
