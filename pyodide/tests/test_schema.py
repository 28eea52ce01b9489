"""Schemas: parsing, errors, named types across calls and files, canonical form, fingerprints."""

import hashlib
import json
import os
import re
import tempfile
import unittest

import avro_wasm as fastavro
from avro_wasm import schema as avro_schema
from support import USER, read_testdata, testdata


def schema_test_vectors():
    """apache-avro's schema-tests.txt: (input, canonical, fingerprint or None) per entry."""
    lines = read_testdata("apache-avro/data/schema-tests.txt").decode("utf-8").splitlines()
    entries, current, i = [], None, 0
    while i < len(lines):
        match = re.match(r"^<<([A-Za-z]+)(?: (.*))?$", lines[i])
        i += 1
        if not match:
            continue
        key, value = match.group(1), match.group(2)
        if value is None:
            body = []
            while lines[i] != key:
                body.append(lines[i])
                i += 1
            i += 1
            value = "\n".join(body)
        if key == "INPUT":
            current = {}
            entries.append(current)
        current[key] = value
    return entries


class ParseSchemaTest(unittest.TestCase):
    def test_parse_returns_a_fastavro_style_parsed_dict(self):
        parsed = fastavro.parse_schema(USER)
        self.assertIsInstance(parsed, dict)
        self.assertTrue(parsed["__fastavro_parsed"])
        self.assertEqual(parsed["name"], "User")
        self.assertEqual(parsed["namespace"], "test")
        self.assertEqual([f["name"] for f in parsed["fields"]], ["id", "name", "email", "tags"])
        self.assertIn("test.User", parsed["__named_schemas"])
        # Parsing a parsed schema (or the same dict again) reuses the compiled program.
        self.assertIs(fastavro.parse_schema(parsed)._avro_wasm_type, parsed._avro_wasm_type)
        self.assertIs(fastavro.parse_schema(USER)._avro_wasm_type, parsed._avro_wasm_type)

    def test_parsed_schemas_copy_and_pickle(self):
        import copy
        import pickle

        parsed = fastavro.parse_schema(USER)
        for duplicate in (copy.copy(parsed), copy.deepcopy(parsed)):
            self.assertEqual(duplicate, parsed)
            self.assertIs(duplicate._avro_wasm_type, parsed._avro_wasm_type)
        plain = pickle.loads(pickle.dumps(parsed))
        self.assertIs(type(plain), dict)
        self.assertEqual(plain, parsed)
        union = fastavro.parse_schema(["null", "int"])
        self.assertEqual(copy.deepcopy(union), ["null", "int"])

    def test_primitive_and_union_schemas(self):
        self.assertEqual(fastavro.parse_schema("int"), "int")
        self.assertEqual(fastavro.parse_schema({"type": "long"}), "long")
        self.assertEqual(list(fastavro.parse_schema(["null", "string"])), ["null", "string"])
        parsed = fastavro.parse_schema('{"type": "array", "items": "int"}')
        self.assertEqual({k: v for k, v in parsed.items() if not k.startswith("__")}, {"type": "array", "items": "int"})

    def test_unknown_type_names_the_type_and_the_path(self):
        bad = {"type": "record", "name": "R", "namespace": "ns", "fields": [{"name": "a", "type": "Nope"}]}
        with self.assertRaises(fastavro.UnknownType) as caught:
            fastavro.parse_schema(bad)
        error = caught.exception
        self.assertEqual(error.name, "ns.Nope")
        self.assertEqual(error.path, ".fields[0].type")
        self.assertEqual(error.code, "SCHEMA_PARSE")
        self.assertIsInstance(error, fastavro.SchemaParseException)
        self.assertIsInstance(error, fastavro.AvroError)
        self.assertIsInstance(error, ValueError)

    def test_invalid_schemas_raise_schema_parse_exception(self):
        cases = [
            ({"type": "record", "name": "R", "fields": [{"name": "a", "type": "int", "default": "x"}]}, ".fields[0]"),
            ({"type": "enum", "name": "E", "symbols": ["A", "A"]}, ".symbols[1]"),
            ({"type": "fixed", "name": "F"}, ""),
            ({"type": "record", "name": "1bad", "fields": []}, ".name"),
            (["int", "int"], "[1]"),
        ]
        for schema, path in cases:
            with self.subTest(schema=schema):
                with self.assertRaises(fastavro.SchemaParseException) as caught:
                    fastavro.parse_schema(schema)
                self.assertTrue(caught.exception.path.startswith(path), caught.exception.path)
        with self.assertRaises(fastavro.SchemaParseException) as caught:
            fastavro.parse_schema('{"type": ')
        self.assertEqual(caught.exception.code, "JSON_SYNTAX")

    def test_module_keeps_working_after_errors(self):
        for _ in range(3):
            with self.assertRaises(fastavro.SchemaParseException):
                fastavro.parse_schema({"type": "nope"})
        self.assertEqual(fastavro.parse_schema({"type": "record", "name": "Ok", "fields": []})["name"], "Ok")

    def test_named_schemas_carry_types_between_calls(self):
        named = {}
        child = {"type": "record", "name": "Child", "namespace": "kids", "fields": [{"name": "x", "type": "int"}]}
        fastavro.parse_schema(child, named)
        self.assertIn("kids.Child", named)
        parent = fastavro.parse_schema(
            {"type": "record", "name": "Parent",
             "fields": [{"name": "c", "type": "kids.Child"}, {"name": "d", "type": ["null", "kids.Child"]}]},
            named,
        )
        self.assertIn("Parent", named)
        self.assertEqual(parent["fields"][0]["type"]["name"], "Child")
        records = [{"c": {"x": 1}, "d": None}, {"c": {"x": 2}, "d": {"x": 3}}]
        import io

        buffer = io.BytesIO()
        fastavro.writer(buffer, parent, records)
        buffer.seek(0)
        self.assertEqual(list(fastavro.reader(buffer)), records)
        with self.assertRaises(fastavro.UnknownType):
            fastavro.parse_schema({"type": "record", "name": "P2", "fields": [{"name": "c", "type": "kids.Child"}]})

    def test_null_namespace_type_used_inside_a_namespace(self):
        named = {}
        fastavro.parse_schema({"type": "enum", "name": "Color", "symbols": ["RED"]}, named)
        car = {"type": "record", "name": "Car", "namespace": "auto", "fields": [{"name": "c", "type": "Color"}]}
        parsed = fastavro.parse_schema(car, named)
        self.assertEqual(parsed["fields"][0]["type"]["symbols"], ["RED"])

    def test_load_schema_resolves_sibling_files(self):
        parsed = fastavro.load_schema(testdata("fastavro/schemas/Parent.avsc"))
        self.assertEqual(parsed["name"], "Parent")
        self.assertEqual([f["type"]["name"] for f in parsed["fields"]], ["Child", "Child1"])
        with self.assertRaises(fastavro.UnknownType) as caught:
            fastavro.load_schema(testdata("fastavro/schemas/ParentMissingChild.avsc"))
        self.assertEqual(caught.exception.name, "Missing")

    def test_load_schema_with_namespaced_sibling_files(self):
        directory = tempfile.mkdtemp()
        with open(os.path.join(directory, "app.Event.avsc"), "w") as f:
            json.dump({"type": "record", "name": "Event", "namespace": "app",
                       "fields": [{"name": "info", "type": "Info"}]}, f)
        with open(os.path.join(directory, "app.Info.avsc"), "w") as f:
            json.dump({"type": "record", "name": "Info", "namespace": "app",
                       "fields": [{"name": "n", "type": "int"}]}, f)
        parsed = fastavro.load_schema(os.path.join(directory, "app.Event.avsc"))
        self.assertEqual(parsed["fields"][0]["type"]["name"], "Info")
        paths = [os.path.join(directory, "app.Info.avsc"), os.path.join(directory, "app.Event.avsc")]
        ordered = fastavro.load_schema_ordered(paths)
        self.assertEqual(ordered["name"], "Event")

    def test_java_multi_file_schema(self):
        directory = tempfile.mkdtemp()
        for name in ("ApplicationEvent", "DocumentInfo", "MyResponse"):
            data = read_testdata(f"apache-avro/schemas/lang-java/multipleFile-{name}.avsc")
            with open(os.path.join(directory, f"model.{name}.avsc"), "wb") as f:
                f.write(data)
        parsed = fastavro.load_schema(os.path.join(directory, "model.ApplicationEvent.avsc"))
        self.assertEqual(parsed["name"], "ApplicationEvent")
        self.assertIn("model.DocumentInfo", parsed["__named_schemas"])

    def test_expand_schema_writes_named_types_out(self):
        schema = {
            "type": "record", "name": "A", "namespace": "n",
            "fields": [
                {"name": "x", "type": {"type": "fixed", "name": "F", "size": 2}},
                {"name": "y", "type": "F"},
                {"name": "next", "type": ["null", "A"]},
            ],
        }
        expanded = fastavro.expand_schema(schema)
        self.assertEqual(expanded["fields"][1]["type"]["type"], "fixed")
        self.assertEqual(expanded["fields"][1]["type"]["size"], 2)
        self.assertEqual(expanded["fields"][2]["type"], ["null", "n.A"])  # recursion stays a name
        self.assertEqual(fastavro.parse_schema(schema, expand=True), expanded)

    def test_fullname(self):
        self.assertEqual(avro_schema.fullname({"name": "X", "namespace": "a.b"}), "a.b.X")
        self.assertEqual(avro_schema.fullname({"name": "c.X", "namespace": "a.b"}), "c.X")


class CanonicalFormTest(unittest.TestCase):
    def test_schema_tests_vectors(self):
        vectors = schema_test_vectors()
        self.assertGreaterEqual(len(vectors), 30)
        for entry in vectors:
            with self.subTest(input=entry["INPUT"]):
                canonical = fastavro.to_parsing_canonical_form(json.loads(entry["INPUT"]))
                self.assertEqual(canonical, entry["canonical"])
                if "fingerprint" in entry:
                    hex_le = fastavro.fingerprint(canonical, "CRC-64-AVRO")
                    signed = int.from_bytes(bytes.fromhex(hex_le), "little", signed=True)
                    self.assertEqual(signed, int(entry["fingerprint"]))

    def test_digest_fingerprints_match_hashlib(self):
        canonical = fastavro.to_parsing_canonical_form(USER)
        for algorithm in ("md5", "sha256", "sha1", "sha512"):
            expected = hashlib.new(algorithm, canonical.encode()).hexdigest()
            self.assertEqual(fastavro.fingerprint(canonical, algorithm), expected)
        with self.assertRaises(ValueError):
            fastavro.fingerprint(canonical, "nope")
        self.assertIn("CRC-64-AVRO", avro_schema.FINGERPRINT_ALGORITHMS)


if __name__ == "__main__":
    unittest.main()
