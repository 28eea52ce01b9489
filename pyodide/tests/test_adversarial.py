"""Hostile input in Pyodide: the adversarial corpus (tests/adversarial/corpus.cjs,
written to $AVRO_OUT/corpus by tests/js/pyodide.test.cjs) through the
fastavro-shaped API. Every case ends in success or an AvroError with one of
the codes the JS runtimes give, within a time bound; the module keeps
reading a good file afterwards and its heap does not grow."""

import io
import json
import os
import time
import unittest

import avro_wasm
from avro_wasm import _loader

CORPUS = os.path.join(os.environ.get("AVRO_OUT", ""), "corpus")
CANARY = "/testdata/apache-avro/data/weather-deflate.avro"
BOUND_S = 5.0


def run_case(case, data):
    """Runs one case; returns (ok, code, records)."""
    try:
        if case["kind"] == "container":
            return True, None, len(list(avro_wasm.reader(io.BytesIO(data))))
        if case["kind"] == "schema":
            avro_wasm.parse_schema(data.decode("utf-8"))
        elif case["kind"] == "datum":
            avro_wasm.schemaless_reader(io.BytesIO(data), case["schema"])
        else:
            list(avro_wasm.json_reader(io.StringIO(data.decode("utf-8").replace("\n", " ")), case["schema"]))
        return True, None, None
    except avro_wasm.AvroError as error:
        return False, error.code, None
    except (ValueError, UnicodeDecodeError, RecursionError) as error:
        # Schema text that is not JSON (or too deep for Python's own json
        # module) never reaches avro_wasm: Python's parser refuses it.
        if case["kind"] == "schema":
            return False, "JSON_SYNTAX", None
        return False, f"non-AvroError {type(error).__name__}: {error}", None


def canary_ok():
    records = list(avro_wasm.reader(open(CANARY, "rb")))
    return len(records) == 5 and records[0]["station"] == "011990-99999"


@unittest.skipUnless(os.path.isfile(os.path.join(CORPUS, "manifest.json")), "no adversarial corpus")
class AdversarialTest(unittest.TestCase):
    def test_every_case_ends_cleanly_and_the_module_keeps_working(self):
        with open(os.path.join(CORPUS, "manifest.json")) as f:
            # JS Type options (maxLength, maxDepth, ...) have no fastavro equivalent.
            cases = [case for case in json.load(f) if not case.get("options")]
        self.assertGreater(len(cases), 1000)
        inputs = []
        for case in cases:
            with open(os.path.join(CORPUS, case["file"]), "rb") as f:
                inputs.append(f.read())
        problems = self.run_all(cases, inputs)
        self.assertEqual(problems[:20], [])
        self.assertTrue(canary_ok())
        # A second pass: compiled schemas are cached by the first, so any
        # growth now is a leak (decoders, buffers, error slots).
        mod = _loader.runtime().mod
        before = mod.heapInUse()
        self.run_all(cases, inputs)
        self.assertLess(mod.heapInUse() - before, 1 << 20)

    def run_all(self, cases, inputs):
        problems = []
        for index, (case, data) in enumerate(zip(cases, inputs)):
            start = time.perf_counter()
            ok, code, records = run_case(case, data)
            elapsed = time.perf_counter() - start
            expect = case["expect"]
            where = f'{case["kind"]} "{case["name"]}"'
            if elapsed > BOUND_S:
                problems.append(f"{where}: took {elapsed:.1f} s")
            if expect.get("ok"):
                if not ok:
                    problems.append(f"{where}: expected success, got {code}")
                elif records is not None and expect.get("records") is not None and records != expect["records"]:
                    problems.append(f'{where}: {records} records, expected {expect["records"]}')
            elif ok:
                # fastavro's schemaless_reader reads one datum and leaves the rest.
                lenient = case["kind"] == "datum" and "TRAILING_DATA" in expect["codes"]
                if "ok" not in expect["codes"] and not lenient:
                    problems.append(f'{where}: expected {expect["codes"]}, but it succeeded')
            elif code not in expect["codes"]:
                problems.append(f'{where}: expected {expect["codes"]}, got {code}')
            if index % 1000 == 999 and not canary_ok():
                problems.append(f"after case {index} the module no longer reads a good file")
        return problems
