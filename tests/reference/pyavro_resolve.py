"""Reference for schema resolution: Apache python3-avro writes records with a
writer schema into a container file, then reads the file back with a reader
schema. Input (stdin, JSON): [{"writer": schema, "reader": schema,
"records": [...]}...]. Output (stdout, JSON): per case {"file": hex of the
written file, "resolved": [normalized records]} or {"error": text}.
Values are normalized as in pyavro_dump.py."""
import io
import json
import sys

import avro.datafile
import avro.io
import avro.schema

sys.path.insert(0, __import__("os").path.dirname(__file__))
from pyavro_dump import normalize  # noqa: E402


def run(case):
    writer = avro.schema.parse(json.dumps(case["writer"]))
    reader = avro.schema.parse(json.dumps(case["reader"]))
    buffer = io.BytesIO()
    out = avro.datafile.DataFileWriter(buffer, avro.io.DatumWriter(), writer)
    for record in case["records"]:
        out.append(record)
    out.flush()
    data = buffer.getvalue()
    out.close()
    try:
        source = avro.datafile.DataFileReader(io.BytesIO(data), avro.io.DatumReader(readers_schema=reader))
        resolved = [normalize(r) for r in source]
    except Exception as error:  # a resolution failure is a result too
        return {"file": data.hex(), "error": f"{type(error).__name__}: {error}"}
    return {"file": data.hex(), "resolved": resolved}


print(json.dumps([run(case) for case in json.load(sys.stdin)]))
