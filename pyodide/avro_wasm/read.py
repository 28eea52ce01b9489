"""fastavro.read's names."""

from ._errors import ReadError, SchemaResolutionError
from ._read import Block, block_reader, is_avro, reader, schemaless_reader

__all__ = ["Block", "ReadError", "SchemaResolutionError", "block_reader", "is_avro", "reader", "schemaless_reader"]
