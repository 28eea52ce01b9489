"""fastavro.schema's names."""

from ._errors import SchemaParseException, UnknownType
from ._schema import (
    FINGERPRINT_ALGORITHMS,
    expand_schema,
    fingerprint,
    fullname,
    load_schema,
    load_schema_ordered,
    parse_schema,
    to_parsing_canonical_form,
)

__all__ = [
    "FINGERPRINT_ALGORITHMS",
    "SchemaParseException",
    "UnknownType",
    "expand_schema",
    "fingerprint",
    "fullname",
    "load_schema",
    "load_schema_ordered",
    "parse_schema",
    "to_parsing_canonical_form",
]
