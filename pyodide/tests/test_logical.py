"""Logical types: the Python values fastavro gives, written back unchanged."""

import datetime
import decimal
import io
import unittest
import uuid

import avro_wasm as fastavro
from support import read_testdata, roundtrip_file

UTC = datetime.timezone.utc
D = decimal.Decimal


def field(name, type_):
    return {"name": name, "type": type_}


LOGICAL = {
    "type": "record",
    "name": "Logical",
    "fields": [
        field("date", {"type": "int", "logicalType": "date"}),
        field("tmillis", {"type": "int", "logicalType": "time-millis"}),
        field("tmicros", {"type": "long", "logicalType": "time-micros"}),
        field("tsmillis", {"type": "long", "logicalType": "timestamp-millis"}),
        field("tsmicros", {"type": "long", "logicalType": "timestamp-micros"}),
        field("tsnanos", {"type": "long", "logicalType": "timestamp-nanos"}),
        field("ltsmillis", {"type": "long", "logicalType": "local-timestamp-millis"}),
        field("ltsmicros", {"type": "long", "logicalType": "local-timestamp-micros"}),
        field("dec", {"type": "bytes", "logicalType": "decimal", "precision": 9, "scale": 2}),
        field("decfixed",
              {"type": "fixed", "name": "D8", "size": 8, "logicalType": "decimal", "precision": 18, "scale": 4}),
        field("bigdec", {"type": "bytes", "logicalType": "big-decimal"}),
        field("uuid", {"type": "string", "logicalType": "uuid"}),
        field("uuidfixed", {"type": "fixed", "name": "U16", "size": 16, "logicalType": "uuid"}),
        field("duration", {"type": "fixed", "name": "Dur", "size": 12, "logicalType": "duration"}),
        field("optts", ["null", {"type": "long", "logicalType": "timestamp-millis"}]),
    ],
}

VALUE = {
    "date": datetime.date(2024, 2, 29),
    "tmillis": datetime.time(23, 59, 58, 123000),
    "tmicros": datetime.time(0, 0, 1, 999999),
    "tsmillis": datetime.datetime(2001, 9, 9, 1, 46, 40, 123000, tzinfo=UTC),
    "tsmicros": datetime.datetime(1969, 12, 31, 23, 59, 59, 999999, tzinfo=UTC),
    "tsnanos": 1_700_000_000_123_456_789,
    "ltsmillis": datetime.datetime(1900, 1, 1, 12, 0, 0, 1000),
    "ltsmicros": datetime.datetime(9999, 12, 31, 23, 59, 59, 999999),
    "dec": D("-1234567.89"),
    "decfixed": D("3.1416"),
    "bigdec": D("-0.000000000000000000000000000001"),
    "uuid": uuid.UUID("12345678-1234-5678-1234-567812345678"),
    "uuidfixed": uuid.UUID("00112233-4455-6677-8899-aabbccddeeff"),
    "duration": datetime.timedelta(days=65, milliseconds=1500),
    "optts": datetime.datetime(1970, 1, 1, tzinfo=UTC),
}


class LogicalValuesTest(unittest.TestCase):
    def test_round_trip_gives_fastavro_values(self):
        (back,) = roundtrip_file(fastavro, LOGICAL, [VALUE])
        self.assertEqual(back, VALUE)
        self.assertEqual(back["tsmillis"].tzinfo, UTC)  # timestamp-*: UTC-aware
        self.assertIsNone(back["ltsmillis"].tzinfo)  # local-timestamp-*: naive
        self.assertIsInstance(back["dec"], D)
        self.assertEqual(str(back["decfixed"]), "3.1416")
        self.assertIsInstance(back["uuidfixed"], uuid.UUID)

    def test_values_also_accepted_in_other_forms(self):
        other = dict(VALUE)
        other.update(
            date=18000,  # days
            tsmillis=1_000_000_000_123,
            tsmicros=datetime.datetime(1970, 1, 1, 1, tzinfo=datetime.timezone(datetime.timedelta(hours=1))),
            ltsmillis=datetime.datetime(1900, 1, 1, 12, 0, 0, 1999),  # truncated to the millisecond
            dec=D("5"),
            decfixed=7,
            uuid="12345678-1234-5678-1234-567812345678",
            uuidfixed=bytes(range(16)),
            duration=(1, 2, 3),
            tsnanos=datetime.datetime(1970, 1, 1, 0, 0, 1, tzinfo=UTC),
        )
        (back,) = roundtrip_file(fastavro, LOGICAL, [other])
        self.assertEqual(back["date"], datetime.date(2019, 4, 14))
        self.assertEqual(back["tsmillis"], datetime.datetime(2001, 9, 9, 1, 46, 40, 123000, tzinfo=UTC))
        self.assertEqual(back["tsmicros"], datetime.datetime(1970, 1, 1, tzinfo=UTC))
        self.assertEqual(back["ltsmillis"].microsecond, 1000)
        self.assertEqual(back["dec"], D("5.00"))
        self.assertEqual(str(back["dec"]), "5.00")
        self.assertEqual(back["decfixed"], D("7.0000"))
        self.assertEqual(back["uuidfixed"], uuid.UUID(bytes=bytes(range(16))))
        self.assertEqual(back["duration"], datetime.timedelta(days=32, milliseconds=3))
        self.assertEqual(back["tsnanos"], 1_000_000_000)

    def test_raw_values_with_logical_types_off(self):
        buffer = io.BytesIO()
        fastavro.writer(buffer, LOGICAL, [VALUE])
        (raw,) = fastavro.reader(buffer.getvalue(), logical_types=False)
        self.assertEqual(raw["date"], (datetime.date(2024, 2, 29) - datetime.date(1970, 1, 1)).days)
        self.assertEqual(raw["tsmillis"], 1_000_000_000_123)
        self.assertEqual(raw["tsmicros"], -1)
        self.assertEqual(raw["tmillis"], 86_398_123)
        self.assertEqual(raw["dec"], (-123456789).to_bytes(4, "big", signed=True))
        self.assertEqual(raw["uuid"], "12345678-1234-5678-1234-567812345678")
        self.assertEqual(raw["duration"], bytes([0, 0, 0, 0, 65, 0, 0, 0, 220, 5, 0, 0]))

    def test_decimal_precision_and_scale_are_enforced(self):
        schema = {"type": "bytes", "logicalType": "decimal", "precision": 4, "scale": 2}
        with self.assertRaises(fastavro.ValidationError):
            fastavro.schemaless_writer(io.BytesIO(), schema, D("1.234"))  # more digits than the scale
        with self.assertRaises(fastavro.ValidationError):
            fastavro.schemaless_writer(io.BytesIO(), schema, D("123.4"))  # more digits than the precision
        with self.assertRaises(fastavro.ValidationError):
            fastavro.schemaless_writer(io.BytesIO(), schema, D("NaN"))

    def test_out_of_range_dates_are_errors(self):
        schema = {"type": "long", "logicalType": "timestamp-millis"}
        buffer = io.BytesIO()
        fastavro.schemaless_writer(buffer, schema, 2**62)
        with self.assertRaises(fastavro.UnsupportedError) as caught:
            fastavro.schemaless_reader(buffer.getvalue(), schema)
        self.assertIsInstance(caught.exception, ValueError)
        self.assertEqual(fastavro.schemaless_reader(buffer.getvalue(), schema, logical_types=False), 2**62)
        time_schema = {"type": "int", "logicalType": "time-millis"}
        buffer = io.BytesIO()
        fastavro.schemaless_writer(buffer, time_schema, 86_400_000)
        with self.assertRaises(fastavro.UnsupportedError):
            fastavro.schemaless_reader(buffer.getvalue(), time_schema)

    def test_logical_defaults(self):
        schema = {
            "type": "record",
            "name": "WithDefaults",
            "fields": [
                {"name": "when", "type": {"type": "long", "logicalType": "timestamp-millis"}, "default": 0},
                {"name": "amount", "type": {"type": "bytes", "logicalType": "decimal", "precision": 5, "scale": 1},
                 "default": "\u0000\u0010"},
            ],
        }
        (back,) = roundtrip_file(fastavro, schema, [{}])
        self.assertEqual(back, {"when": datetime.datetime(1970, 1, 1, tzinfo=UTC), "amount": D("1.6")})


class LogicalFilesTest(unittest.TestCase):
    def test_files_with_logical_types(self):
        rows = list(fastavro.reader(read_testdata("arrow-testing/data/timestamp_logical_types.avro")))
        self.assertTrue(rows)
        kinds = {name: type(value) for name, value in rows[0].items() if value is not None}
        self.assertTrue(any(k is datetime.datetime for k in kinds.values()), kinds)
        for name in ("int128_decimal", "int256_decimal", "fixed256_decimal", "fixed_length_decimal"):
            with self.subTest(file=name):
                rows = fastavro.reader(read_testdata(f"arrow-testing/data/{name}.avro"))
                values = [v for row in rows for v in row.values()]
                self.assertTrue(any(isinstance(v, D) for v in values))
        uuids = [row["id"] for row in fastavro.reader(read_testdata("fastavro/data/java-generated-uuid.avro"))]
        self.assertTrue(uuids and all(isinstance(v, uuid.UUID) for v in uuids))
        duration_rows = list(fastavro.reader(read_testdata("arrow-testing/data/duration_uuid.avro")))
        self.assertTrue(any(isinstance(v, datetime.timedelta) for row in duration_rows for v in row.values()))


if __name__ == "__main__":
    unittest.main()
