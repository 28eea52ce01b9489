"""Message framing for streams of single datums (Kafka and friends).

The Avro spec's single-object encoding (``C3 01`` + the writer schema's
8-byte CRC-64-AVRO fingerprint, little-endian + the datum) and Confluent's
wire format (``00`` + 4-byte big-endian schema id + the datum). A frame is a
few header bytes around what schemaless_writer writes, so only the headers
are handled here; fingerprints come from the core. Errors follow the JS
package: a bad marker is INVALID_DATA, a short header TRUNCATED, a schema
that is not available UNSUPPORTED (register it and retry).
"""

import collections

from ._errors import ReadError, TruncatedError, UnsupportedError
from ._read import decode_datum
from ._schema import compile_schema
from ._write import encode_one

SINGLE_OBJECT_MARKER = b"\xc3\x01"
FINGERPRINT_SIZE = 8
SINGLE_OBJECT_HEADER = len(SINGLE_OBJECT_MARKER) + FINGERPRINT_SIZE
CONFLUENT_MAGIC = b"\x00"
CONFLUENT_HEADER = 5


def schema_fingerprint(schema):
    """The 8 bytes single-object encoding puts in front of a datum of `schema`."""
    return bytes.fromhex(compile_schema(schema).handle.fingerprint("CRC-64-AVRO"))


class SchemaStore:
    """Writer schemas by CRC-64-AVRO fingerprint, for single_object_decode."""

    def __init__(self, schemas=()):
        self._types = {}
        for schema in schemas:
            self.add(schema)

    def add(self, schema):
        """Adds a schema; returns its fingerprint (8 bytes)."""
        compiled = compile_schema(schema)
        key = bytes.fromhex(compiled.handle.fingerprint("CRC-64-AVRO"))
        self._types[key] = compiled
        return key

    def get(self, fingerprint):
        """The compiled schema with this fingerprint (8 bytes or 16 hex digits), or None."""
        if isinstance(fingerprint, str):
            fingerprint = bytes.fromhex(fingerprint)
        return self._types.get(bytes(fingerprint))

    def __len__(self):
        return len(self._types)


def single_object_encode(schema, record):
    """One record as a single-object frame."""
    compiled = compile_schema(schema)
    fingerprint = bytes.fromhex(compiled.handle.fingerprint("CRC-64-AVRO"))
    return SINGLE_OBJECT_MARKER + fingerprint + encode_one(compiled, record)


def is_single_object(data):
    return len(data) >= SINGLE_OBJECT_HEADER and bytes(data[:2]) == SINGLE_OBJECT_MARKER


def single_object_decode(data, schemas, reader_schema=None):
    """Decodes a single-object frame.

    `schemas` is a SchemaStore, or the one schema the frame must have been
    written with. With `reader_schema` the value is resolved to it.
    """
    data = bytes(data)
    for i, byte in enumerate(SINGLE_OBJECT_MARKER[: len(data)]):
        if data[i] != byte:
            raise ReadError("not a single-object encoding: the frame must start with C3 01", "INVALID_DATA", "", 0)
    if len(data) < SINGLE_OBJECT_HEADER:
        raise TruncatedError(f"a single-object header needs {SINGLE_OBJECT_HEADER} bytes, got {len(data)}",
                             "TRUNCATED", "", len(data))
    fingerprint = data[len(SINGLE_OBJECT_MARKER):SINGLE_OBJECT_HEADER]
    if isinstance(schemas, SchemaStore):
        writer = schemas.get(fingerprint)
    else:
        writer = compile_schema(schemas)
        if bytes.fromhex(writer.handle.fingerprint("CRC-64-AVRO")) != fingerprint:
            writer = None
    if writer is None:
        error = UnsupportedError(f"no writer schema with CRC-64-AVRO fingerprint {fingerprint.hex()}",
                                 "UNSUPPORTED", "", len(SINGLE_OBJECT_MARKER))
        error.fingerprint = fingerprint.hex()
        raise error
    reader = None if reader_schema is None else compile_schema(reader_schema)
    return _datum(data, SINGLE_OBJECT_HEADER, writer, reader)


def _datum(data, header, writer, reader):
    try:
        return decode_datum(memoryview(data)[header:], writer, reader, require_complete=True)[0]
    except ReadError as error:
        offset = error.offset + header if error.offset >= 0 else error.offset
        raise type(error)(error.reason, error.code, error.path, offset) from None


def confluent_encode(schema_id, schema, record):
    """One record in Confluent's wire format."""
    if not (isinstance(schema_id, int) and 0 <= schema_id <= 0xFFFFFFFF):
        raise ValueError(f"a Confluent schema id is an integer in [0, 2**32), got {schema_id!r}")
    return CONFLUENT_MAGIC + schema_id.to_bytes(4, "big") + encode_one(compile_schema(schema), record)


def confluent_schema_id(data):
    """The schema id of a Confluent frame."""
    data = bytes(data[:CONFLUENT_HEADER])
    if data[:1] and data[:1] != CONFLUENT_MAGIC:
        raise ReadError(f"not a Confluent frame: magic byte is {data[0]}, expected 0", "INVALID_DATA", "", 0)
    if len(data) < CONFLUENT_HEADER:
        raise TruncatedError(f"a Confluent header needs {CONFLUENT_HEADER} bytes, got {len(data)}", "TRUNCATED", "",
                             len(data))
    return int.from_bytes(data[1:CONFLUENT_HEADER], "big")


class ConfluentDecoder:
    """Decodes Confluent frames; writer schemas come from `lookup(schema_id)` (a registry client).

    Schemas are cached per id (least recently used out beyond `cache_size`);
    a failed or empty lookup is not cached, so the next message retries.
    """

    def __init__(self, lookup, reader_schema=None, cache_size=1000):
        if not callable(lookup):
            lookup = lookup.__getitem__ if hasattr(lookup, "__getitem__") else None
        if lookup is None:
            raise TypeError("ConfluentDecoder needs lookup(schema_id) or a mapping of ids to schemas")
        self._lookup = lookup
        self._reader = None if reader_schema is None else compile_schema(reader_schema)
        self._cache = collections.OrderedDict()
        self._cache_size = cache_size

    def _writer(self, schema_id):
        compiled = self._cache.get(schema_id)
        if compiled is not None:
            self._cache.move_to_end(schema_id)
            return compiled
        try:
            schema = self._lookup(schema_id)
        except Exception as cause:  # noqa: BLE001 - any lookup failure means "not available"
            error = UnsupportedError(f"lookup of Confluent schema id {schema_id} failed: {cause}", "UNSUPPORTED", "", 1)
            error.schema_id = schema_id
            raise error from cause
        if schema is None:
            error = UnsupportedError(f"no writer schema for Confluent schema id {schema_id}", "UNSUPPORTED", "", 1)
            error.schema_id = schema_id
            raise error
        compiled = compile_schema(schema)
        self._cache[schema_id] = compiled
        if len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)
        return compiled

    def decode(self, data):
        data = bytes(data)
        schema_id = confluent_schema_id(data)
        return _datum(data, CONFLUENT_HEADER, self._writer(schema_id), self._reader)


def confluent_decode(data, lookup, reader_schema=None):
    """Decodes one Confluent frame (see ConfluentDecoder to decode many with a cache)."""
    return ConfluentDecoder(lookup, reader_schema).decode(data)
