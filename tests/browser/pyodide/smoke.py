# The avro_wasm smoke check the browser test runs in Pyodide (worker and main thread).
import datetime
import decimal
import io
import json

import avro_wasm as fastavro

schema = fastavro.parse_schema({
    "type": "record",
    "name": "Payment",
    "fields": [
        {"name": "id", "type": "long"},
        {"name": "amount", "type": {"type": "bytes", "logicalType": "decimal", "precision": 9, "scale": 2}},
        {"name": "at", "type": {"type": "long", "logicalType": "timestamp-millis"}},
        {"name": "note", "type": ["null", "string"], "default": None},
    ],
})
at = datetime.datetime(2024, 5, 1, 12, 30, tzinfo=datetime.timezone.utc)
records = [{"id": i, "amount": decimal.Decimal(f"{i}.25"), "at": at, "note": None if i % 2 else f"n{i}"} for i in range(2000)]
buffer = io.BytesIO()
fastavro.writer(buffer, schema, records, codec="zstandard")
back = list(fastavro.reader(buffer.getvalue()))
datum = io.BytesIO()
fastavro.schemaless_writer(datum, schema, records[7])
json.dumps({
    "same": back == records,
    "count": len(back),
    "codec": fastavro.reader(buffer.getvalue()).codec,
    "schemaless": fastavro.schemaless_reader(datum.getvalue(), schema) == records[7],
    "columns": list(fastavro.read_columns(buffer.getvalue(), fields=["id"])["id"][:3]),
    "canonical": fastavro.to_parsing_canonical_form(schema),
})
