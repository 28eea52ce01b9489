"""Container files and single datums: writing, reading, appending, resolution, errors."""

import io
import json
import os
import tempfile
import unittest

import avro_wasm as fastavro
from support import USER, read_testdata, roundtrip_file

CODECS = ("null", "deflate", "snappy", "zstandard", "bzip2", "xz")

ALL_TYPES = {
    "type": "record",
    "name": "All",
    "namespace": "t",
    "fields": [
        {"name": "n", "type": "null"},
        {"name": "b", "type": "boolean"},
        {"name": "i", "type": "int"},
        {"name": "l", "type": "long"},
        {"name": "f", "type": "float"},
        {"name": "d", "type": "double"},
        {"name": "s", "type": "string"},
        {"name": "by", "type": "bytes"},
        {"name": "fx", "type": {"type": "fixed", "name": "F4", "size": 4}},
        {"name": "e", "type": {"type": "enum", "name": "Suit", "symbols": ["SPADES", "HEARTS"]}},
        {"name": "a", "type": {"type": "array", "items": "int"}},
        {"name": "m", "type": {"type": "map", "values": ["null", "double"]}},
        {"name": "u", "type": ["null", "string", "F4", "Suit"]},
        {"name": "r", "type": ["null", {"type": "record", "name": "Inner", "fields": [{"name": "x", "type": "int"}]}]},
    ],
}


def all_types_records():
    return [
        {"n": None, "b": True, "i": -(2**31), "l": 2**63 - 1, "f": 1.5, "d": -0.0, "s": "héllo ✓ 𝄞",
         "by": b"\x00\xff", "fx": b"abcd", "e": "HEARTS", "a": [1, 2, 3], "m": {"x": 1.25, "y": None},
         "u": "text", "r": {"x": 7}},
        {"n": None, "b": False, "i": 2**31 - 1, "l": -(2**63), "f": -0.25, "d": float("inf"), "s": "",
         "by": b"", "fx": b"\x00\x00\x00\x00", "e": "SPADES", "a": [], "m": {}, "u": b"wxyz", "r": None},
        {"n": None, "b": True, "i": 0, "l": 2**53 + 1, "f": 3.0, "d": 1e300, "s": "x" * 300,
         "by": bytes(range(256)) * 3,
         "fx": b"1234", "e": "SPADES", "a": list(range(1000)), "m": {"k" * 500: 2.0}, "u": "SPADES", "r": None},
    ]


class RoundTripTest(unittest.TestCase):
    def test_every_type_and_codec(self):
        records = all_types_records()
        for codec in CODECS:
            with self.subTest(codec=codec):
                back = roundtrip_file(fastavro, ALL_TYPES, records, codec=codec)
                # "u": "SPADES" is a string (the first branch that takes it), as fastavro writes it.
                self.assertEqual(back, records)

    def test_reader_attributes(self):
        buffer = io.BytesIO()
        metadata = {"origin": "test", "raw": b"\xff\x00"}
        fastavro.writer(buffer, USER, [{"id": 1, "name": "a"}], codec="deflate", metadata=metadata,
                        sync_marker=b"0123456789abcdef")
        buffer.seek(0)
        r = fastavro.reader(buffer)
        self.assertEqual(r.codec, "deflate")
        self.assertEqual(r.metadata["origin"], "test")
        self.assertEqual(r.metadata["raw"], b"\xff\x00")  # not UTF-8: stays bytes
        self.assertEqual(r.metadata["avro.codec"], "deflate")
        self.assertEqual(r.sync_marker, b"0123456789abcdef")
        self.assertEqual(r.writer_schema["name"], "User")
        self.assertIsNone(r.reader_schema)
        self.assertEqual(r.schema["namespace"], "test")
        self.assertEqual(next(r), {"id": 1, "name": "a", "email": None, "tags": []})
        with self.assertRaises(StopIteration):
            next(r)

    def test_inputs_bytes_memoryview_and_file(self):
        buffer = io.BytesIO()
        records = [{"id": i, "name": str(i)} for i in range(5)]
        fastavro.writer(buffer, USER, records)
        data = buffer.getvalue()
        expected = [dict(r, email=None, tags=[]) for r in records]
        self.assertEqual(list(fastavro.reader(data)), expected)
        self.assertEqual(list(fastavro.reader(memoryview(data))), expected)
        self.assertEqual(list(fastavro.reader(bytearray(data))), expected)
        path = os.path.join(tempfile.mkdtemp(), "users.avro")
        with open(path, "wb") as f:
            f.write(data)
        with open(path, "rb") as f:
            self.assertEqual(list(fastavro.reader(f)), expected)
        with open(path, "r") as f, self.assertRaises(TypeError):
            fastavro.reader(f)

    def test_many_blocks_and_a_large_file(self):
        records = [
            {"id": i, "name": f"user {i}", "email": None if i % 3 else f"{i}@x", "tags": ["t"] * (i % 4)}
            for i in range(20000)
        ]
        buffer = io.BytesIO()
        fastavro.writer(buffer, USER, records, codec="zstandard", sync_interval=4096)
        buffer.seek(0)
        blocks = list(fastavro.block_reader(buffer))
        self.assertGreater(len(blocks), 20)
        self.assertEqual(sum(b.num_records for b in blocks), len(records))
        self.assertEqual([r for b in blocks for r in b], records)
        self.assertEqual(blocks[0].codec, "zstandard")
        # Offsets and sizes tile the file after the header.
        for before, after in zip(blocks, blocks[1:]):
            self.assertEqual(before.offset + before.size, after.offset)
        self.assertEqual(blocks[-1].offset + blocks[-1].size, len(buffer.getvalue()))

    def test_appending_to_a_file(self):
        path = os.path.join(tempfile.mkdtemp(), "append.avro")
        with open(path, "wb") as f:
            fastavro.writer(f, USER, [{"id": 1, "name": "a"}], codec="deflate")
        with open(path, "a+b") as f:
            fastavro.writer(f, USER, [{"id": 2, "name": "b"}, {"id": 3, "name": "c"}])
        with open(path, "rb") as f:
            r = fastavro.reader(f)
            self.assertEqual(r.codec, "deflate")
            self.assertEqual([x["id"] for x in r], [1, 2, 3])
        with open(path, "rb") as f:
            self.assertEqual(len(list(fastavro.block_reader(f))), 2)
        with open(path, "ab") as f, self.assertRaises(ValueError):
            fastavro.writer(f, USER, [])

    def test_writer_class_and_flush(self):
        buffer = io.BytesIO()
        w = fastavro.Writer(buffer, USER, codec="snappy")
        for i in range(3000):
            w.write({"id": i, "name": "n"})
        w.flush()
        w.write({"id": 3000, "name": "last"})
        w.flush()
        buffer.seek(0)
        blocks = list(fastavro.block_reader(buffer))
        self.assertEqual(blocks[-1].num_records, 1)
        self.assertEqual(sum(b.num_records for b in blocks), 3001)
        # write_block re-encodes a block read elsewhere.
        other = io.BytesIO()
        w2 = fastavro.Writer(other, USER)
        w2.write_block(blocks[-1])
        w2.flush()
        other.seek(0)
        self.assertEqual(list(fastavro.reader(other))[0]["name"], "last")

    def test_defaults_fill_missing_fields_and_records_is_not_a_dict(self):
        back = roundtrip_file(fastavro, USER, [{"id": 1, "name": "x"}])
        self.assertEqual(back, [{"id": 1, "name": "x", "email": None, "tags": []}])
        with self.assertRaises(ValueError):
            fastavro.writer(io.BytesIO(), USER, {"id": 1})

    def test_codec_errors(self):
        with self.assertRaises(ValueError) as caught:
            fastavro.writer(io.BytesIO(), USER, [], codec="lz4")
        self.assertEqual(caught.exception.code, "UNSUPPORTED")
        with self.assertRaises(fastavro.AvroError):
            fastavro.writer(io.BytesIO(), USER, [], codec="deflate", codec_compression_level=42)

    def test_schemaless_round_trip(self):
        schema = fastavro.parse_schema(ALL_TYPES)
        for record in all_types_records():
            buffer = io.BytesIO()
            fastavro.schemaless_writer(buffer, schema, record)
            data = buffer.getvalue()
            self.assertEqual(fastavro.schemaless_reader(io.BytesIO(data), schema), record)
            self.assertEqual(fastavro.schemaless_reader(data, schema), record)

    def test_schemaless_reader_leaves_the_file_after_the_datum(self):
        buffer = io.BytesIO()
        for i in range(3):
            fastavro.schemaless_writer(buffer, "long", i * 1000)
        buffer.seek(0)
        self.assertEqual([fastavro.schemaless_reader(buffer, "long") for _ in range(3)], [0, 1000, 2000])
        with self.assertRaises(EOFError):
            fastavro.schemaless_reader(buffer, "long")

    def test_person_raw_datums(self):
        data = read_testdata("apache-avro/data/lang-js/person-10.avro.raw")
        person = json.loads(read_testdata("apache-avro/data/lang-js/Person.avsc"))
        stream = io.BytesIO(data)
        people = [fastavro.schemaless_reader(stream, person) for _ in range(10)]
        self.assertEqual(stream.tell(), len(data))
        self.assertEqual(len(people), 10)
        self.assertTrue(all(isinstance(p["name"], str) for p in people))


class ResolutionTest(unittest.TestCase):
    V1 = {
        "type": "record", "name": "User", "fields": [{"name": "id", "type": "int"}, {"name": "old", "type": "string"}],
    }
    V2 = {
        "type": "record",
        "name": "User",
        "fields": [
            {"name": "plan", "type": "string", "default": "free"},
            {"name": "id", "type": "double"},
            {"name": "renamed", "aliases": ["old"], "type": "bytes"},
        ],
    }

    def test_reader_schema_promotes_reorders_fills_defaults_and_skips(self):
        buffer = io.BytesIO()
        fastavro.writer(buffer, self.V1, [{"id": 1, "old": "x"}, {"id": 2, "old": "yé"}])
        buffer.seek(0)
        r = fastavro.reader(buffer, reader_schema=self.V2)
        self.assertEqual(r.reader_schema["fields"][0]["name"], "plan")
        self.assertEqual(list(r), [
            {"plan": "free", "id": 1.0, "renamed": b"x"},
            {"plan": "free", "id": 2.0, "renamed": "yé".encode()},
        ])
        datum = io.BytesIO()
        fastavro.schemaless_writer(datum, self.V1, {"id": 5, "old": "z"})
        resolved = fastavro.schemaless_reader(io.BytesIO(datum.getvalue()), self.V1, self.V2)
        self.assertEqual(resolved, {"plan": "free", "id": 5.0, "renamed": b"z"})

    def test_incompatible_schemas(self):
        buffer = io.BytesIO()
        fastavro.writer(buffer, self.V1, [{"id": 1, "old": "x"}])
        buffer.seek(0)
        reader_schema = {"type": "record", "name": "User", "fields": [{"name": "id", "type": "string"}]}
        with self.assertRaises(fastavro.SchemaResolutionError) as caught:
            fastavro.reader(buffer, reader_schema=reader_schema)
        self.assertEqual(caught.exception.code, "INCOMPATIBLE")
        self.assertIn(".id", caught.exception.path + str(caught.exception))

    def test_union_branch_missing_from_the_reader_fails_when_read(self):
        writer_schema = ["null", "string", "int"]
        buffer = io.BytesIO()
        fastavro.writer(buffer, writer_schema, [None, "a", 3])
        buffer.seek(0)
        r = fastavro.reader(buffer, reader_schema=["null", "string"])
        with self.assertRaises(fastavro.SchemaResolutionError):
            list(r)

    def test_enum_default_for_unknown_symbols(self):
        w = {"type": "enum", "name": "E", "symbols": ["A", "B", "C"]}
        rd = {"type": "enum", "name": "E", "symbols": ["A", "B", "X"], "default": "X"}
        buffer = io.BytesIO()
        fastavro.writer(buffer, w, ["A", "C"])
        buffer.seek(0)
        self.assertEqual(list(fastavro.reader(buffer, rd)), ["A", "X"])


class ReadErrorTest(unittest.TestCase):
    def test_bad_union_discriminant(self):
        data = read_testdata("apache-avro/data/lang-c/avro-1237-bad-union-discriminant.avro")
        records = []
        with self.assertRaises(fastavro.ReadError) as caught:
            for record in fastavro.reader(data):
                records.append(record)
        error = caught.exception
        self.assertEqual(error.code, "INVALID_DATA")
        self.assertGreater(error.offset, 0)
        self.assertIn("union", str(error))

    def test_truncated_file_is_an_eof_error(self):
        data = read_testdata("apache-avro/data/lang-c/avro-1238-truncated.avro")
        with self.assertRaises(EOFError) as caught:
            list(fastavro.reader(data))
        self.assertEqual(caught.exception.code, "TRUNCATED")
        self.assertIsInstance(caught.exception, fastavro.ReadError)

    def test_records_before_a_bad_one_are_yielded(self):
        buffer = io.BytesIO()
        fastavro.writer(buffer, "string", ["ok", "also ok", "bad"])
        data = bytearray(buffer.getvalue())
        at = data.rindex(b"bad")
        data[at] = 0xFF  # invalid UTF-8 in the third record
        got = []
        with self.assertRaises(fastavro.ReadError) as caught:
            for record in fastavro.reader(bytes(data)):
                got.append(record)
        self.assertEqual(got, ["ok", "also ok"])
        self.assertEqual(caught.exception.code, "INVALID_UTF8")

    def test_blocks_before_a_bad_sync_marker_are_yielded(self):
        records = list(range(20000))
        buffer = io.BytesIO()
        fastavro.writer(buffer, "long", records, sync_interval=4000, sync_marker=b"S" * 16)
        data = bytearray(buffer.getvalue())
        markers = [i for i in range(len(data)) if data[i:i + 16] == b"S" * 16]
        self.assertGreater(len(markers), 6)  # the header's, then one per block
        data[markers[4]] ^= 0xFF  # the 4th block's
        got = []
        with self.assertRaises(fastavro.ReadError) as caught:
            for record in fastavro.reader(bytes(data)):
                got.append(record)
        self.assertEqual(caught.exception.code, "INVALID_DATA")
        self.assertEqual(got, records[: len(got)])
        blocks = list(fastavro.block_reader(buffer.getvalue()))
        self.assertGreaterEqual(len(got), sum(b.num_records for b in blocks[:3]))

    def test_not_an_avro_file(self):
        with self.assertRaises(fastavro.ReadError):
            fastavro.reader(b"definitely not avro")
        with self.assertRaises(fastavro.ReadError) as caught:
            fastavro.reader(read_testdata("apache-avro/data/test.avro12"))
        self.assertIn("1.2", str(caught.exception))
        self.assertFalse(fastavro.is_avro(io.BytesIO(b"PK\x03\x04")))
        self.assertTrue(fastavro.is_avro(io.BytesIO(read_testdata("apache-avro/data/weather.avro"))))

    def test_trailing_byte_after_the_last_block(self):
        data = read_testdata("apache-avro/data/lang-js/person-10.no-codec.avro")
        got = []
        with self.assertRaises(fastavro.ReadError):
            for record in fastavro.reader(data):
                got.append(record)
        self.assertEqual(len(got), 10)

    def test_limits(self):
        buffer = io.BytesIO()
        fastavro.writer(buffer, "int", list(range(100)))
        with self.assertRaises(fastavro.LimitError) as caught:
            list(fastavro.reader(buffer.getvalue(), max_block_records=10))
        self.assertEqual(caught.exception.code, "LIMIT_EXCEEDED")
        with self.assertRaises(TypeError):
            fastavro.reader(buffer.getvalue(), max_nonsense=1)

    def test_datum_errors(self):
        with self.assertRaises(EOFError):
            fastavro.schemaless_reader(b"\x80", "long")
        with self.assertRaises(fastavro.ReadError) as caught:
            fastavro.schemaless_reader(b"\x04\xff\xfe", "string")
        self.assertEqual(caught.exception.code, "INVALID_UTF8")

    def test_unicode_error_modes(self):
        with self.assertRaises(NotImplementedError):
            fastavro.schemaless_reader(b"\x00", "string", handle_unicode_errors="ignore")


if __name__ == "__main__":
    unittest.main()
