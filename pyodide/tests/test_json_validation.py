"""The Avro JSON encoding and validation."""

import io
import json
import unittest

import avro_wasm as fastavro
from support import USER, read_testdata
from test_read_write import ALL_TYPES, all_types_records


class JsonTest(unittest.TestCase):
    def test_round_trip_every_type(self):
        records = all_types_records()
        records[1]["d"] = 1.0  # JSON has no infinity; the core writes "Infinity", which reads back too
        text = io.StringIO()
        fastavro.json_writer(text, ALL_TYPES, records)
        # Not splitlines(): U+0085 and friends may appear unescaped inside JSON strings.
        lines = text.getvalue().rstrip("\n").split("\n")
        self.assertEqual(len(lines), len(records))
        first = json.loads(lines[0])
        self.assertEqual(first["u"], {"string": "text"})  # unions are wrapped with the branch name
        self.assertEqual(first["r"], {"t.Inner": {"x": 7}})
        self.assertEqual(first["by"], "\u0000\u00ff")  # bytes as code points 0-255
        text.seek(0)
        self.assertEqual(list(fastavro.json_reader(text, ALL_TYPES)), records)

    def test_weather_json_lines(self):
        schema = fastavro.reader(read_testdata("apache-avro/data/weather.avro")).writer_schema
        expected = list(fastavro.reader(read_testdata("apache-avro/data/weather.avro")))
        text = read_testdata("apache-avro/data/weather.json").decode("utf-8")
        self.assertEqual(list(fastavro.json_reader(io.StringIO(text), schema)), expected)
        self.assertEqual(list(fastavro.json_reader(text.encode(), schema)), expected)

    def test_binary_output_and_reader_schema(self):
        out = io.BytesIO()
        fastavro.json_writer(out, USER, [{"id": 1, "name": "a"}])
        self.assertEqual(json.loads(out.getvalue()), {"id": 1, "name": "a", "email": None, "tags": []})
        reader_schema = {
            "type": "record", "name": "User", "namespace": "test", "fields": [{"name": "id", "type": "double"}],
        }
        text = io.StringIO(out.getvalue().decode())
        self.assertEqual(list(fastavro.json_reader(text, USER, reader_schema)), [{"id": 1.0}])

    def test_many_lines_cross_chunks(self):
        records = [{"id": i, "name": "x" * (i % 50), "email": None, "tags": []} for i in range(30000)]
        text = io.StringIO()
        fastavro.json_writer(text, USER, records)
        text.seek(0)
        self.assertEqual(list(fastavro.json_reader(text, USER)), records)

    def test_errors(self):
        first = '{"id": 1, "name": "a", "email": null, "tags": []}'
        with self.assertRaises(fastavro.ReadError) as caught:
            list(fastavro.json_reader(io.StringIO(first + '\n{"id": "x"}\n'), USER))
        self.assertIn("line 2", str(caught.exception))
        self.assertEqual(caught.exception.path, ".id")
        self.assertEqual(caught.exception.offset, len(first) + 1)
        with self.assertRaises(NotImplementedError):
            fastavro.json_writer(io.StringIO(), USER, [], write_union_type=False)
        with self.assertRaises(fastavro.ValidationError):
            fastavro.json_writer(io.StringIO(), USER, [{"id": "no"}])


class ValidationTest(unittest.TestCase):
    def test_validate(self):
        self.assertTrue(fastavro.validate({"id": 1, "name": "a"}, USER))
        with self.assertRaises(fastavro.ValidationError) as caught:
            fastavro.validate({"id": 1, "name": "a", "tags": ["x", 2]}, USER)
        self.assertEqual(caught.exception.path, ".tags[1]")
        self.assertIsInstance(caught.exception, ValueError)
        self.assertFalse(fastavro.validate({"id": "1"}, USER, raise_errors=False))
        with self.assertRaises(fastavro.ValidationError) as caught:
            fastavro.validate(2**31, "int", field="count")
        self.assertEqual(caught.exception.path, ".count")

    def test_strict(self):
        self.assertTrue(fastavro.validate({"id": 1, "name": "a", "extra": 1}, USER))
        with self.assertRaises(fastavro.ValidationError):
            fastavro.validate({"id": 1, "name": "a", "extra": 1}, USER, strict=True)
        with self.assertRaises(fastavro.ValidationError):
            fastavro.validate({"id": 1, "name": "a"}, USER, strict=True)  # email, tags missing
        with self.assertRaises(fastavro.ValidationError):
            fastavro.writer(io.BytesIO(), USER, [{"id": 1, "name": "a"}], strict=True)
        fastavro.writer(io.BytesIO(), USER, [{"id": 1, "name": "a"}], strict_allow_default=True)

    def test_validate_many(self):
        good = [{"id": i, "name": str(i)} for i in range(100)]
        self.assertTrue(fastavro.validate_many(good, USER))
        bad = good + [{"id": None, "name": "x"}, {"id": 1, "name": 2}]
        with self.assertRaises(fastavro.ValidationError) as caught:
            fastavro.validate_many(bad, USER)
        self.assertEqual(len(caught.exception.errors), 2)
        self.assertIn("[100].id", caught.exception.errors[0])
        self.assertFalse(fastavro.validate_many(bad, USER, raise_errors=False))

    def test_core_checks_are_part_of_validation(self):
        schema = {"type": "bytes", "logicalType": "decimal", "precision": 3, "scale": 0}
        import decimal

        self.assertTrue(fastavro.validate(decimal.Decimal("123"), schema))
        self.assertFalse(fastavro.validate(decimal.Decimal("1234"), schema, raise_errors=False))
        with self.assertRaises(fastavro.ValidationError) as caught:
            fastavro.validate_many([decimal.Decimal("1"), decimal.Decimal("1234")], schema)
        self.assertIn("[1]", caught.exception.errors[0])

    def test_writer_errors_carry_the_path(self):
        records = [{"id": 1, "name": "a"}, {"id": 2, "name": "b", "email": 5}]
        buffer = io.BytesIO()
        w = fastavro.Writer(buffer, USER)
        w.write(records[0])
        with self.assertRaises(fastavro.ValidationError) as caught:
            w.write(records[1])
        self.assertEqual(caught.exception.path, ".email")
        w.flush()
        buffer.seek(0)
        self.assertEqual([r["id"] for r in fastavro.reader(buffer)], [1])


class UnionWritingTest(unittest.TestCase):
    """fastavro's rules for picking a union branch."""

    def roundtrip(self, schema, value, **options):
        buffer = io.BytesIO()
        fastavro.schemaless_writer(buffer, schema, value, **options)
        return fastavro.schemaless_reader(buffer.getvalue(), schema, return_record_name=True), buffer.getvalue()

    def test_float_prefers_double_and_ints_stay_ints(self):
        _, data = self.roundtrip(["float", "double"], 0.1)
        self.assertEqual(data[0], 2)  # branch 1: double
        _, data = self.roundtrip(["float", "double", "long"], 5)
        self.assertEqual(data[0], 2)  # an int is not a float
        _, data = self.roundtrip(["int", "boolean"], True)
        self.assertEqual(data[0], 2)  # a bool is not an int
        _, data = self.roundtrip(["int", "long"], 2**40)
        self.assertEqual(data[0], 2)  # too big for int

    def test_records_by_shared_fields_type_key_and_tuples(self):
        a = {"type": "record", "name": "A", "fields": [{"name": "x", "type": "int"}]}
        b = {
            "type": "record", "name": "B",
            "fields": [{"name": "x", "type": "int"}, {"name": "y", "type": "int", "default": 0}],
        }
        schema = [a, b]
        value, _ = self.roundtrip(schema, {"x": 1, "y": 2})
        self.assertEqual(value, ("B", {"x": 1, "y": 2}))
        value, _ = self.roundtrip(schema, {"x": 1})
        self.assertEqual(value, ("A", {"x": 1}))
        value, _ = self.roundtrip(schema, {"-type": "B", "x": 1})
        self.assertEqual(value, ("B", {"x": 1, "y": 0}))
        value, _ = self.roundtrip(schema, ("B", {"x": 3}))
        self.assertEqual(value, ("B", {"x": 3, "y": 0}))
        with self.assertRaises(fastavro.ValidationError):
            self.roundtrip(schema, ("C", {"x": 3}))
        with self.assertRaises(fastavro.ValidationError):
            self.roundtrip(["null", {"type": "array", "items": "int"}], (1, 2), disable_tuple_notation=False)
        value, _ = self.roundtrip(["null", {"type": "array", "items": "int"}], (1, 2), disable_tuple_notation=True)
        self.assertEqual(value, [1, 2])

    def test_return_record_name_variants(self):
        a = {"type": "record", "name": "A", "fields": []}
        e = {"type": "enum", "name": "E", "symbols": ["S"]}
        one_record = ["null", a, e]
        buffer = io.BytesIO()
        fastavro.writer(buffer, {"type": "array", "items": one_record}, [[None, {}, "S"]])
        data = buffer.getvalue()
        self.assertEqual(list(fastavro.reader(data)), [[None, {}, "S"]])
        self.assertEqual(list(fastavro.reader(data, return_record_name=True)), [[None, ("A", {}), "S"]])
        only_one = fastavro.reader(data, return_record_name=True, return_record_name_override=True)
        self.assertEqual(list(only_one), [[None, {}, "S"]])
        self.assertEqual(list(fastavro.reader(data, return_named_type=True)), [[None, ("A", {}), ("E", "S")]])
        two_named = fastavro.reader(data, return_named_type=True, return_named_type_override=True)
        self.assertEqual(list(two_named), [[None, ("A", {}), ("E", "S")]])


if __name__ == "__main__":
    unittest.main()
