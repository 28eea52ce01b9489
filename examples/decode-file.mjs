// Decodes an Avro object container file (default: a snappy-compressed
// sample written by Apache Avro's Java implementation), streaming it block
// by block, and prints each record as Avro JSON, one per line; with
// --head N only the first N records are printed (all are still read). The
// header summary goes to stderr.
//
//   node examples/decode-file.mjs [--head N] [FILE.avro]
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Type, readBlocks } from '../dist/index.mjs';

const sample = fileURLToPath(new URL('../../shared/testdata/apache-avro/data/weather-snappy.avro', import.meta.url));
const args = process.argv.slice(2);
let head = Infinity;
const at = args.indexOf('--head');
if (at >= 0) {
  head = Number(args[at + 1]);
  args.splice(at, 2);
  if (!(Number.isInteger(head) && head >= 0)) {
    console.error('usage: decode-file.mjs [--head N] [FILE.avro]');
    process.exit(2);
  }
}
const file = args[0] ?? sample;
if (!existsSync(file)) {
  console.error(`usage: npm start -- FILE.avro\n(no sample at ${file})`);
  process.exit(2);
}

let records = 0;
let blocks = 0;
let type;
for await (const block of readBlocks(file)) {
  if (!type) {
    const { schema, codec } = block.header;
    console.error(`${file}\n  schema ${schema.name ?? schema.type ?? schema}, codec ${codec}`);
    type = Type.forSchema(schema); // prints records in the Avro JSON encoding
  }
  blocks++;
  for (const record of block.records) {
    if (records < head) console.log(type.toString(record));
    records++;
  }
}
if (records > head) console.error(`  … ${records - head} more records not shown`);
console.error(`  ${records} records in ${blocks} blocks`);
