// Decodes a sample: ten `Person` datums written back to back by avsc (Avro's
// JS implementation), read with the schema they were written with, and
// printed as Avro JSON, one per line.
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Type } from '../dist/index.mjs';

const testdata = fileURLToPath(new URL('../../shared/testdata/apache-avro/data/lang-js/', import.meta.url));
const schemaPath = process.argv[2] ?? `${testdata}Person.avsc`;
const dataPath = process.argv[3] ?? `${testdata}person-10.avro.raw`;

if (!existsSync(schemaPath) || !existsSync(dataPath)) {
  console.error(`usage: npm start -- SCHEMA.avsc DATA (concatenated binary datums)\n(no sample at ${dataPath})`);
  process.exit(2);
}

const type = Type.forSchema(readFileSync(schemaPath, 'utf8'));
const bytes = readFileSync(dataPath);
console.error(`${type.name}: fingerprint ${Buffer.from(type.fingerprint()).toString('hex')}, ${bytes.length} bytes`);
let offset = 0;
let count = 0;
while (offset < bytes.length) {
  const { value, offset: next } = type.decode(bytes, offset);
  if (next < 0) throw new Error(`truncated datum at byte ${offset}`);
  console.log(type.toString(value));
  offset = next;
  count++;
}
console.error(`${count} records`);
