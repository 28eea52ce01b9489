"""The package itself: how it loads, its version, its fastavro-shaped modules, memory."""

import importlib.metadata
import io
import os
import unittest

import avro_wasm
import avro_wasm as fastavro
from avro_wasm import _loader
from support import USER


class PackageTest(unittest.TestCase):
    def test_loaded_at_import_and_installed_as_a_wheel(self):
        self.assertTrue(avro_wasm.is_loaded())
        self.assertEqual(importlib.metadata.version("avro-wasm"), avro_wasm.__version__)
        directory = os.path.dirname(avro_wasm.__file__)
        for name in ("avro_wasm_sync.cjs", "avro_wasm.wasm", "_bridge.js"):
            self.assertTrue(os.path.isfile(os.path.join(directory, name)), name)

    def test_load_is_harmless_once_loaded(self):
        # Already loaded, load() finishes without awaiting anything.
        coroutine = avro_wasm.load()
        with self.assertRaises(StopIteration) as stop:
            coroutine.send(None)
        self.assertIs(stop.exception.value, _loader.runtime())

    def test_fastavro_module_layout(self):
        self.assertIs(fastavro.read.reader, fastavro.reader)
        self.assertIs(fastavro.write.writer, fastavro.writer)
        self.assertIs(fastavro.schema.parse_schema, fastavro.parse_schema)
        self.assertIs(fastavro.validation.validate, fastavro.validate)
        self.assertIs(fastavro.json_read.json_reader, fastavro.json_reader)
        self.assertIs(fastavro.json_write.json_writer, fastavro.json_writer)
        for name in fastavro.__all__:
            self.assertTrue(hasattr(fastavro, name), name)

    def test_error_hierarchy(self):
        for cls in (fastavro.SchemaParseException, fastavro.ReadError, fastavro.SchemaResolutionError,
                    fastavro.ValidationError, fastavro.UnknownType, fastavro.UnsupportedError):
            self.assertTrue(issubclass(cls, fastavro.AvroError), cls)
        error = fastavro.ReadError("bad", "INVALID_DATA", ".a", 3)
        self.assertEqual(str(error), "bad at .a (byte 3)")
        self.assertEqual((error.code, error.path, error.offset, error.reason), ("INVALID_DATA", ".a", 3, "bad"))

    def test_wasm_memory_stays_flat(self):
        # Handles are freed with their Python owners; converters, tapes and
        # staging buffers are reused: many calls must not grow the heap.
        schema = fastavro.parse_schema(USER)
        record = {"id": 1, "name": "a" * 100, "email": None, "tags": ["x"] * 10}

        def churn(n):
            for i in range(n):
                buffer = io.BytesIO()
                fastavro.schemaless_writer(buffer, schema, record)
                fastavro.schemaless_reader(buffer.getvalue(), schema)
            for i in range(20):
                buffer = io.BytesIO()
                fastavro.writer(buffer, USER, [record] * 100, codec="deflate")
                list(fastavro.reader(buffer.getvalue()))
                try:
                    bad = {"type": "record", "name": f"Bad{i}", "fields": [{"name": "x", "type": "nope"}]}
                    fastavro.parse_schema(bad)
                except fastavro.SchemaParseException:
                    pass

        churn(2000)
        import gc

        gc.collect()
        before = _loader.runtime().bridge.heapSize()
        churn(5000)
        gc.collect()
        self.assertEqual(_loader.runtime().bridge.heapSize(), before)


if __name__ == "__main__":
    unittest.main()
