"""avro_wasm: fastavro's API on avro-wasm's WebAssembly core, for Pyodide.

``import avro_wasm as fastavro`` and use it as fastavro::

    import io
    import avro_wasm as fastavro

    schema = fastavro.parse_schema({
        "type": "record", "name": "User",
        "fields": [{"name": "id", "type": "long"}, {"name": "name", "type": "string"}],
    })
    buffer = io.BytesIO()
    fastavro.writer(buffer, schema, [{"id": 1, "name": "Ada"}], codec="deflate")
    buffer.seek(0)
    for record in fastavro.reader(buffer):
        print(record)  # {'id': 1, 'name': 'Ada'}

Every Avro decision (parsing, resolution, encoding, decoding, codecs, the
JSON encoding, fingerprints) is made by the same C++ core the npm package
uses; Python receives each decoded block as one pickle stream. In Node and
in web workers the core loads at import; on a browser's main thread run
``await avro_wasm.load()`` first.
"""

from . import _loader
from ._columns import Columns, read_columns
from ._errors import (
    AvroError,
    LimitError,
    ReadError,
    SchemaParseException,
    SchemaResolutionError,
    TruncatedError,
    UnknownType,
    UnsupportedError,
    ValidationError,
)
from ._framing import (
    ConfluentDecoder,
    SchemaStore,
    confluent_decode,
    confluent_encode,
    confluent_schema_id,
    is_single_object,
    schema_fingerprint,
    single_object_decode,
    single_object_encode,
)
from ._json import json_reader, json_writer
from ._read import Block, block_reader, is_avro, reader, schemaless_reader
from ._schema import (
    expand_schema,
    fingerprint,
    fullname,
    load_schema,
    load_schema_ordered,
    parse_schema,
    to_parsing_canonical_form,
)
from ._validation import validate, validate_many
from ._write import Writer, schemaless_writer, writer
from . import json_read, json_write, read, schema, validation, write  # noqa: F401 - fastavro's submodules

__version__ = "0.1.0"
__version_info__ = (0, 1, 0)

load = _loader.load


def is_loaded():
    """Whether the WebAssembly core is loaded (always after import, except on a browser's main thread)."""
    return _loader.is_loaded()


_loader.try_load_now()

__all__ = [
    "AvroError",
    "Block",
    "Columns",
    "ConfluentDecoder",
    "LimitError",
    "ReadError",
    "SchemaParseException",
    "SchemaResolutionError",
    "SchemaStore",
    "TruncatedError",
    "UnknownType",
    "UnsupportedError",
    "ValidationError",
    "Writer",
    "block_reader",
    "confluent_decode",
    "confluent_encode",
    "confluent_schema_id",
    "expand_schema",
    "fingerprint",
    "fullname",
    "is_avro",
    "is_loaded",
    "is_single_object",
    "json_read",
    "json_reader",
    "json_write",
    "json_writer",
    "load",
    "load_schema",
    "load_schema_ordered",
    "parse_schema",
    "read",
    "read_columns",
    "reader",
    "schema",
    "schema_fingerprint",
    "schemaless_reader",
    "schemaless_writer",
    "single_object_decode",
    "single_object_encode",
    "to_parsing_canonical_form",
    "validate",
    "validate_many",
    "validation",
    "write",
    "writer",
]
