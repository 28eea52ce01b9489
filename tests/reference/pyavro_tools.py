#!/usr/bin/env python3
"""Reference answers from Apache's python3-avro (1.11.1) for the command-line
tests (tests/js/cli.test.cjs). Nothing here uses avro-wasm.

Usage: pyavro_tools.py MODE < request.json   (prints one JSON document)

Modes:
  canonical    request: [schema JSON text, ...]
               answer:  [{"canonical": python3-avro's Parsing Canonical Form} | {"error": text}, ...]
  compat       request: [{"reader": schema, "writer": schema}, ...]
               answer:  [{"compatible": bool, "incompatibilities": [names]}, ...] from
                        avro.compatibility.ReaderWriterCompatibilityChecker (can `reader`
                        read data written with `writer`?)
  validate     request: {"schema": schema, "values": [JSON text, ...]}
               answer:  [bool, ...] from avro.io.validate on each json.loads(text): the
                        values are natural JSON (unions bare), which is python3-avro's
                        own datum form for schemas without bytes or fixed
  avro-json    request: [{"schema": schema, "lines": [Avro JSON text, ...]}, ...]
               answer:  [[normalized record, ...], ...]: each line parsed with Python's
                        json module and converted by the schema-guided converter that
                        avrocat_dump.py applies to avrocat's Avro JSON output (a float's
                        JSON number denotes the nearest 32-bit float, as python3-avro
                        reads it)
  read-as      request: {"path": container file, "reader": schema}
               answer:  {"records": [normalized record, ...]} read by DataFileReader with
                        DatumReader(readers_schema=reader) (schema resolution), or
                        {"error": text}

Schemas are JSON values except in canonical mode. Records are normalized as in pyavro_dump.py (bytes as {"$bytes": hex}, ...).
"""

import json
import os
import struct
import sys
import warnings

import avro.compatibility
import avro.datafile
import avro.io
import avro.schema

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import avrocat_dump  # noqa: E402  (schema-guided Avro JSON converter)
import pyavro_dump  # noqa: E402  (normalization)


def parse(text):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return avro.schema.parse(text)


def canonical(request):
    out = []
    for text in request:
        try:
            out.append({"canonical": parse(text).canonical_form})
        except Exception as error:  # noqa: BLE001 - a rejection is an answer
            out.append({"error": f"{type(error).__name__}: {error}"})
    return out


def compat(request):
    checker = avro.compatibility.ReaderWriterCompatibilityChecker()
    out = []
    for case in request:
        result = checker.get_compatibility(parse(json.dumps(case["reader"])), parse(json.dumps(case["writer"])))
        out.append(
            {
                "compatible": result.compatibility == avro.compatibility.SchemaCompatibilityType.compatible,
                "incompatibilities": sorted(i.name for i in result.incompatibilities),
            }
        )
    return out


def validate(request):
    schema = parse(json.dumps(request["schema"]))
    return [bool(avro.io.validate(schema, json.loads(text))) for text in request["values"]]


class Float32Schemas(avrocat_dump.Schemas):
    def convert(self, s, v):
        if self.lookup(s) == "float":
            return pyavro_dump.normalize(struct.unpack("<f", struct.pack("<f", float(v)))[0])
        return super().convert(s, v)


def avro_json(request):
    out = []
    for case in request:
        schemas = Float32Schemas(case["schema"])
        out.append([schemas.convert(schemas.root, json.loads(line)) for line in case["lines"]])
    return out


def read_as(request):
    try:
        with open(request["path"], "rb") as f, warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = avro.datafile.DataFileReader(f, avro.io.DatumReader(readers_schema=parse(json.dumps(request["reader"]))))
            return {"records": [pyavro_dump.normalize(r) for r in reader]}
    except Exception as error:  # noqa: BLE001 - a resolution failure is an answer
        return {"error": f"{type(error).__name__}: {error}"}


MODES = {"canonical": canonical, "compat": compat, "validate": validate, "avro-json": avro_json, "read-as": read_as}


def main(argv):
    if len(argv) != 1 or argv[0] not in MODES:
        sys.stderr.write(f"usage: pyavro_tools.py {{{'|'.join(MODES)}}} < request.json\n")
        return 2
    json.dump(MODES[argv[0]](json.load(sys.stdin)), sys.stdout, allow_nan=False)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
