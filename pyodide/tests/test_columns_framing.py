"""Columnar reading, single-object encoding, the Confluent wire format."""

import io
import json
import unittest
from array import array

import avro_wasm as fastavro
from support import USER, read_testdata

METRICS = {
    "type": "record",
    "name": "Metric",
    "fields": [
        {"name": "i", "type": "int"},
        {"name": "l", "type": "long"},
        {"name": "f", "type": "float"},
        {"name": "d", "type": "double"},
        {"name": "name", "type": "string"},
        {"name": "maybe", "type": ["null", "long"]},
        {"name": "when", "type": {"type": "long", "logicalType": "timestamp-millis"}},
    ],
}


def metric(i):
    return {"i": -i, "l": i * 2**40, "f": i / 4, "d": i / 3, "name": f"m{i}", "maybe": None if i % 2 else i, "when": 0}


class ColumnsTest(unittest.TestCase):
    def write(self, records, **options):
        buffer = io.BytesIO()
        fastavro.writer(buffer, METRICS, records, **options)
        return buffer.getvalue()

    def test_numeric_columns_are_arrays_the_rest_lists(self):
        records = [metric(i) for i in range(5000)]
        columns = fastavro.read_columns(self.write(records, codec="deflate", sync_interval=2000))
        self.assertEqual(list(columns), ["i", "l", "f", "d", "name", "maybe", "when"])
        self.assertEqual(columns.num_rows, 5000)
        for name, typecode in (("i", "i"), ("l", "q"), ("f", "f"), ("d", "d")):
            self.assertIsInstance(columns[name], array)
            self.assertEqual(columns[name].typecode, typecode)
            self.assertEqual(list(columns[name]), [r[name] for r in records])
        self.assertEqual(columns["name"], [r["name"] for r in records])
        self.assertEqual(columns["maybe"], [r["maybe"] for r in records])
        self.assertEqual(columns["when"][0].year, 1970)
        self.assertEqual(memoryview(columns["d"]).format, "d")

    def test_field_selection_and_an_empty_file(self):
        data = self.write([metric(i) for i in range(10)])
        columns = fastavro.read_columns(data, fields=["name", "l"])
        self.assertEqual(list(columns), ["name", "l"])
        self.assertEqual(columns["l"][3], 3 * 2**40)
        empty = fastavro.read_columns(self.write([]))
        self.assertEqual(empty["d"].typecode, "d")
        self.assertEqual(len(empty["d"]), 0)
        self.assertEqual(empty["name"], [])
        with self.assertRaises(KeyError):
            fastavro.read_columns(data, fields=["nope"])
        with self.assertRaises(ValueError):
            fastavro.read_columns(self._int_file())

    def _int_file(self):
        buffer = io.BytesIO()
        fastavro.writer(buffer, "int", [1, 2])
        return buffer.getvalue()

    def test_weather_columns_match_rows(self):
        data = read_testdata("apache-avro/data/weather-snappy.avro")
        rows = list(fastavro.reader(data))
        columns = fastavro.read_columns(data)
        self.assertEqual(columns["station"], [r["station"] for r in rows])
        self.assertEqual(list(columns["time"]), [r["time"] for r in rows])

    def test_conversions_need_their_libraries(self):
        columns = fastavro.read_columns(self.write([metric(1)]))
        for method, module in (("to_numpy", "numpy"), ("to_pandas", "pandas"), ("to_arrow", "pyarrow")):
            try:
                __import__(module)
            except ImportError:
                with self.assertRaises(ImportError) as caught:
                    getattr(columns, method)()
                self.assertIn(module, str(caught.exception))
            else:
                self.assertIsNotNone(getattr(columns, method)())


class SingleObjectTest(unittest.TestCase):
    def test_the_spec_sample_message(self):
        schema = json.loads(read_testdata("apache-avro/data/messageV1/test_schema.avsc"))
        message = read_testdata("apache-avro/data/messageV1/test_message.bin")
        self.assertTrue(fastavro.is_single_object(message))
        expected = {"id": 42, "name": "Bill", "tags": ["dog_lover", "cat_hater"]}
        self.assertEqual(fastavro.single_object_decode(message, schema), expected)
        store = fastavro.SchemaStore([schema])
        self.assertEqual(fastavro.single_object_decode(message, store), expected)
        self.assertEqual(fastavro.single_object_encode(schema, expected), message)
        self.assertEqual(fastavro.schema_fingerprint(schema), message[2:10])

    def test_errors(self):
        message = fastavro.single_object_encode(USER, {"id": 1, "name": "a"})
        with self.assertRaises(fastavro.UnsupportedError) as caught:
            fastavro.single_object_decode(message, fastavro.SchemaStore())
        self.assertEqual(caught.exception.fingerprint, message[2:10].hex())
        with self.assertRaises(fastavro.ReadError) as caught:
            fastavro.single_object_decode(b"\x00\x01" + message[2:], USER)
        self.assertEqual((caught.exception.code, caught.exception.offset), ("INVALID_DATA", 0))
        with self.assertRaises(EOFError):
            fastavro.single_object_decode(message[:5], USER)
        with self.assertRaises(fastavro.ReadError) as caught:
            fastavro.single_object_decode(message + b"\x00", USER)
        self.assertEqual(caught.exception.code, "TRAILING_DATA")
        self.assertGreaterEqual(caught.exception.offset, 10)

    def test_reader_schema(self):
        message = fastavro.single_object_encode(USER, {"id": 1, "name": "a"})
        reader_schema = {
            "type": "record", "name": "User", "namespace": "test", "fields": [{"name": "name", "type": "string"}],
        }
        self.assertEqual(fastavro.single_object_decode(message, USER, reader_schema), {"name": "a"})


class ConfluentTest(unittest.TestCase):
    def test_encode_decode_and_cache(self):
        message = fastavro.confluent_encode(42, USER, {"id": 7, "name": "x"})
        self.assertEqual(message[:5], b"\x00\x00\x00\x00\x2a")
        self.assertEqual(fastavro.confluent_schema_id(message), 42)
        calls = []

        def lookup(schema_id):
            calls.append(schema_id)
            return USER if schema_id == 42 else None

        decoder = fastavro.ConfluentDecoder(lookup)
        for _ in range(3):
            self.assertEqual(decoder.decode(message)["id"], 7)
        self.assertEqual(calls, [42])
        with self.assertRaises(fastavro.UnsupportedError) as caught:
            decoder.decode(fastavro.confluent_encode(43, USER, {"id": 7, "name": "x"}))
        self.assertEqual(caught.exception.schema_id, 43)
        self.assertEqual(fastavro.confluent_decode(message, {42: USER})["name"], "x")
        with self.assertRaises(fastavro.ReadError):
            fastavro.confluent_decode(b"\x01" + message[1:], {42: USER})
        with self.assertRaises(ValueError):
            fastavro.confluent_encode(-1, USER, {})


if __name__ == "__main__":
    unittest.main()
