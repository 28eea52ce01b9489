"""Shared by the avro_wasm tests: test data paths (a missing file fails under
CI=true and skips otherwise), value normalization in the reference form of
tests/reference/pyavro_dump.py, and small schemas."""

import datetime
import decimal
import io
import math
import os
import unittest

TESTDATA = os.environ.get("AVRO_TESTDATA", "/testdata")
OUT = os.environ.get("AVRO_OUT")
CI = os.environ.get("CI") == "true"
LONG_LIMIT = 2**53


def testdata(rel):
    """The path of a test data file; fails (CI) or skips the test when it is missing."""
    path = os.path.join(TESTDATA, rel)
    if not os.path.exists(path):
        message = f"missing test data: {path}"
        if CI:
            raise AssertionError(message)
        raise unittest.SkipTest(message)
    return path


def read_testdata(rel):
    with open(testdata(rel), "rb") as f:
        return f.read()


def normalize(v):
    """A value in pyavro_dump.py's JSON form (bytes as hex, big longs as text, NaN tagged)."""
    if v is None or isinstance(v, (bool, str)):
        return v
    if isinstance(v, int):
        return {"$long": str(v)} if abs(v) > LONG_LIMIT else v
    if isinstance(v, float):
        if math.isnan(v):
            return {"$float": "NaN"}
        if math.isinf(v):
            return {"$float": "Infinity" if v > 0 else "-Infinity"}
        return v
    if isinstance(v, (bytes, bytearray)):
        return {"$bytes": bytes(v).hex()}
    if isinstance(v, list):
        return [normalize(x) for x in v]
    if isinstance(v, dict):
        return {k: normalize(x) for k, x in v.items()}
    if isinstance(v, decimal.Decimal):
        return {"$decimal": format(v, "f")}
    if isinstance(v, datetime.datetime):
        utc = v.astimezone(datetime.timezone.utc) if v.tzinfo else v
        return {"$datetime": utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond:06d}Z"}
    if isinstance(v, datetime.date):
        return {"$date": v.isoformat()}
    if isinstance(v, datetime.time):
        return {"$time": f"{v.hour:02d}:{v.minute:02d}:{v.second:02d}.{v.microsecond:06d}"}
    raise TypeError(f"cannot normalize {type(v).__name__}")


def roundtrip_file(avro, schema, records, **options):
    """Writes records to an in-memory container file and reads them back."""
    buffer = io.BytesIO()
    avro.writer(buffer, schema, records, **options)
    buffer.seek(0)
    return list(avro.reader(buffer))


USER = {
    "type": "record",
    "name": "User",
    "namespace": "test",
    "fields": [
        {"name": "id", "type": "long"},
        {"name": "name", "type": "string"},
        {"name": "email", "type": ["null", "string"], "default": None},
        {"name": "tags", "type": {"type": "array", "items": "string"}, "default": []},
    ],
}
