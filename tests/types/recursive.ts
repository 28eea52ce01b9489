// Recursive and mutually recursive schemas type recursively (record
// properties are evaluated lazily), and deeply nested schemas compile.
import { Type, type InferValue } from 'avro-wasm';
import { bytes, expectType, type Equal } from './util';

const list = Type.forSchema({
  type: 'record',
  name: 'LongList',
  fields: [
    { name: 'value', type: 'long' },
    { name: 'next', type: ['null', 'LongList'] },
  ],
});
type Node = ReturnType<typeof list.fromBuffer>;
expectType<Equal<Node['next'], Node | null>>();
const head = list.fromBuffer(bytes);
const tenth: number | bigint | undefined = head.next?.next?.next?.next?.next?.next?.next?.next?.next?.value;
let chain: Node = { value: 0, next: null };
for (let i = 1; i < 100; i++) chain = { value: i, next: chain };
list.toBuffer(chain);
list.toBuffer({ value: 1, next: { value: 2, next: { value: 3, next: null } } });

// Mutual recursion through namespaces.
const tree = Type.forSchema({
  type: 'record',
  name: 'fs.Dir',
  fields: [
    { name: 'name', type: 'string' },
    {
      name: 'entries',
      type: {
        type: 'array',
        items: [
          {
            type: 'record',
            name: 'File',
            fields: [
              { name: 'size', type: 'long' },
              { name: 'parent', type: 'Dir' },
            ],
          },
          'fs.Dir',
        ],
      },
    },
  ],
});
type Dir = ReturnType<typeof tree.fromBuffer>;
type Entry = Dir['entries'][number];
// File and Dir are both records: wrapped by full name.
expectType<Equal<Entry, { 'fs.File': { size: number | bigint; parent: Dir } } | { 'fs.Dir': Dir }>>();
const d = tree.fromBuffer(bytes);
for (const entry of d.entries) {
  if ('fs.File' in entry) {
    const parentName: string = entry['fs.File'].parent.entries.length.toFixed();
  }
}

// A deep, non-recursive schema (20 levels of arrays inside records).
type Deep<N extends unknown[]> = N['length'] extends 20
  ? 'int'
  : {
      type: 'record';
      name: `R${N['length']}`;
      fields: [{ name: 'x'; type: { type: 'array'; items: Deep<[...N, 0]> } }];
    };
type DeepValue = InferValue<Deep<[]>>;
declare const deep: DeepValue;
const leaf: number =
  deep.x[0].x[0].x[0].x[0].x[0].x[0].x[0].x[0].x[0].x[0].x[0].x[0].x[0].x[0].x[0].x[0].x[0].x[0].x[0].x[0];
