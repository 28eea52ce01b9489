"""fastavro.write's names."""

from ._write import Writer, schemaless_writer, writer

__all__ = ["Writer", "schemaless_writer", "writer"]
