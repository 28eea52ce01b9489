"""Interoperability with Apache's python3-avro.

Reading: tests/js/pyodide.test.cjs runs tests/reference/pyavro_dump.py (the
native python3-avro from Debian) over every container file of the test
data and hands its output in as AVRO_PYAVRO_EXPECTED; every file it reads
must read the same here, values compared in its normalized form.

Writing: the files written here (every codec, every type, logical types)
go to AVRO_OUT with the values that were written; the Jest side reads them
with python3-avro and compares.
"""

import datetime
import decimal
import json
import os
import unittest
import uuid

import avro_wasm as fastavro
from support import CI, OUT, TESTDATA, normalize
from test_read_write import ALL_TYPES, CODECS, all_types_records

EXPECTED = os.environ.get("AVRO_PYAVRO_EXPECTED")
# Files python3-avro cannot read as they are (MANIFEST.md); the reference
# script reads them with documented workarounds, so they are compared too,
# except the deliberately broken ones, which tests elsewhere cover.
BROKEN = {
    "apache-avro/data/lang-c/avro-1237-bad-union-discriminant.avro",
    "apache-avro/data/lang-c/avro-1238-truncated.avro",
    "apache-avro/data/lang-js/person-10.no-codec.avro",
}


def reference_dump():
    if not EXPECTED or not os.path.exists(EXPECTED):
        message = "no python3-avro reference dump (AVRO_PYAVRO_EXPECTED); run through tests/js/pyodide.test.cjs"
        if CI:
            raise AssertionError(message)
        raise unittest.SkipTest(message)
    with open(EXPECTED, encoding="utf-8") as f:
        return json.load(f)


class ReadLikePythonAvroTest(unittest.TestCase):
    def test_every_container_file_reads_as_python3_avro_reads_it(self):
        dump = reference_dump()
        compared, problems = 0, []
        for entry in dump["files"]:
            rel = entry["path"]
            if rel in BROKEN or entry.get("header") is None or entry.get("error") is not None:
                continue
            path = os.path.join(TESTDATA, rel)
            try:
                r = fastavro.reader(open(path, "rb"), logical_types=False)
                records = [normalize(record) for record in r]
            except Exception as error:  # noqa: BLE001 - reported below with the file name
                problems.append(f"{rel}: {type(error).__name__}: {error}")
                continue
            if records != entry["records"]:
                first = next((i for i, (a, b) in enumerate(zip(records, entry["records"])) if a != b), None)
                counts = f"{len(records)} records vs {len(entry['records'])}"
                problems.append(f"{rel}: {counts}; first difference at {first}")
            if r.codec != entry["codec"]:
                problems.append(f"{rel}: codec {r.codec} vs {entry['codec']}")
            if r.sync_marker.hex() != entry["header"]["sync"]:
                problems.append(f"{rel}: sync marker differs")
            raw = {k: (v if isinstance(v, bytes) else v.encode()).hex() for k, v in r.metadata.items()}
            if raw != entry["header"]["metadata"]:
                problems.append(f"{rel}: metadata differs")
            compared += 1
        self.assertEqual(problems, [])
        self.assertGreaterEqual(compared, 80)


LOGICAL_SCHEMA = {
    "type": "record",
    "name": "Logical",
    "fields": [
        {"name": "date", "type": {"type": "int", "logicalType": "date"}},
        {"name": "tmillis", "type": {"type": "int", "logicalType": "time-millis"}},
        {"name": "tmicros", "type": {"type": "long", "logicalType": "time-micros"}},
        {"name": "tsmillis", "type": {"type": "long", "logicalType": "timestamp-millis"}},
        {"name": "tsmicros", "type": {"type": "long", "logicalType": "timestamp-micros"}},
        {"name": "dec", "type": {"type": "bytes", "logicalType": "decimal", "precision": 10, "scale": 3}},
        {"name": "decfixed",
         "type": {"type": "fixed", "name": "F", "size": 6, "logicalType": "decimal", "precision": 12, "scale": 2}},
        {"name": "uuid", "type": {"type": "string", "logicalType": "uuid"}},
    ],
}


def logical_records():
    utc = datetime.timezone.utc
    return [
        {"date": datetime.date(1969, 7, 20), "tmillis": datetime.time(20, 17, 40),
         "tmicros": datetime.time(1, 2, 3, 456789),
         "tsmillis": datetime.datetime(2038, 1, 19, 3, 14, 7, 999000, tzinfo=utc),
         "tsmicros": datetime.datetime(1955, 11, 5, 6, 0, 0, 1, tzinfo=utc),
         "dec": decimal.Decimal("-9999999.999"), "decfixed": decimal.Decimal("1234567890.12"),
         "uuid": uuid.UUID(int=2**127 + 5)},
        {"date": datetime.date(2000, 1, 1), "tmillis": datetime.time(0, 0),
         "tmicros": datetime.time(23, 59, 59, 999999),
         "tsmillis": datetime.datetime(1970, 1, 1, tzinfo=utc), "tsmicros": datetime.datetime(2262, 4, 11, tzinfo=utc),
         "dec": decimal.Decimal("0.001"), "decfixed": decimal.Decimal("-0.01"), "uuid": uuid.UUID(int=0)},
    ]


def tagged(schema, record):
    """A record in pyavro_dump.py --logical form: values of logical fields wrapped with their type."""
    out = {}
    for field in schema["fields"]:
        value = record[field["name"]]
        value = str(value) if isinstance(value, uuid.UUID) else value
        out[field["name"]] = {"$logical": field["type"]["logicalType"], "value": normalize(value)}
    return out


class WriteForPythonAvroTest(unittest.TestCase):
    def test_write_files_for_python3_avro(self):
        if not OUT:
            raise unittest.SkipTest("AVRO_OUT is not set; run through tests/js/pyodide.test.cjs")
        manifest = []
        records = all_types_records()
        for codec in CODECS:
            name = f"all_types_{codec}.avro"
            with open(os.path.join(OUT, name), "wb") as f:
                fastavro.writer(f, ALL_TYPES, records, codec=codec, sync_interval=1000)
            normalized = [normalize(r) for r in records]
            manifest.append({"file": name, "logical": False, "codec": codec, "records": normalized})
        many = [
            {"id": i, "name": f"n{i}" * (i % 7), "email": None if i % 2 else "e", "tags": [str(i)] * (i % 3)}
            for i in range(5000)
        ]
        from support import USER

        with open(os.path.join(OUT, "users_deflate.avro"), "wb") as f:
            fastavro.writer(f, USER, many, codec="deflate", sync_interval=10000)
        with open(os.path.join(OUT, "users_deflate.avro"), "a+b") as f:
            fastavro.writer(f, USER, many[:10])
        manifest.append({"file": "users_deflate.avro", "logical": False, "codec": "deflate",
                         "records": [normalize(dict({"email": None, "tags": []}, **r)) for r in many + many[:10]]})
        logical = logical_records()
        with open(os.path.join(OUT, "logical.avro"), "wb") as f:
            fastavro.writer(f, LOGICAL_SCHEMA, logical, codec="snappy")
        manifest.append({"file": "logical.avro", "logical": True, "codec": "snappy",
                         "records": [tagged(LOGICAL_SCHEMA, r) for r in logical]})
        with open(os.path.join(OUT, "expected.json"), "w", encoding="utf-8") as f:
            json.dump(manifest, f)
        # The files read back here too (the other half of the check is python3-avro's).
        for entry in manifest:
            with open(os.path.join(OUT, entry["file"]), "rb") as f:
                self.assertEqual(fastavro.reader(f).codec, entry["codec"])


if __name__ == "__main__":
    unittest.main()
