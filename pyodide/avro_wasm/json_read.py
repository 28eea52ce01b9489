"""fastavro.json_read's names."""

from ._json import json_reader

__all__ = ["json_reader"]
