"""fastavro.json_write's names."""

from ._json import json_writer

__all__ = ["json_writer"]
