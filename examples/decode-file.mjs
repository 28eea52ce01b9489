// Decodes an Avro object container file (default: a snappy-compressed
// sample written by Apache Avro's Java implementation), streaming it block
// by block, and prints each record as Avro JSON, one per line. The header
// summary goes to stderr.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Type, readBlocks } from '../dist/index.mjs';

const sample = fileURLToPath(new URL('../../shared/testdata/apache-avro/data/weather-snappy.avro', import.meta.url));
const file = process.argv[2] ?? sample;
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
    console.log(type.toString(record));
    records++;
  }
}
console.error(`  ${records} records in ${blocks} blocks`);
