"""The one error seam for Python: core failures become AvroError subclasses.

Every class carries ``code`` (the core's error code name, e.g.
``"TRUNCATED"``), ``path`` (the datum or schema path, e.g. ``".address.zip"``)
and ``offset`` (a byte offset, or -1). The class names are fastavro's, and
where fastavro raises a builtin (``ValueError``, ``EOFError``) ours subclass
it too, so ``except ValueError`` code keeps working.
"""


class AvroError(Exception):
    """Base class of every error avro_wasm raises for Avro reasons."""

    def __init__(self, message, code="INTERNAL", path="", offset=-1):
        text = message
        if path:
            text += f" at {path}"
        if offset is not None and offset >= 0:
            text += f" (byte {offset})"
        super().__init__(text)
        self.reason = message
        self.code = code
        self.path = path
        self.offset = offset


class SchemaParseException(AvroError):
    """The schema is not valid Avro (or not valid JSON)."""


class UnknownType(SchemaParseException, ValueError):
    """A schema refers to a named type that is not defined; ``name`` is its full name."""

    def __init__(self, name, message=None, code="SCHEMA_PARSE", path="", offset=-1):
        super().__init__(message or f"unknown type {name!r}", code, path, offset)
        self.name = name


class ReadError(AvroError):
    """Bytes (or Avro JSON text) are not a valid encoding for the schema."""


class TruncatedError(ReadError, EOFError):
    """The input ended inside a datum, block or header (fastavro raises EOFError)."""


class LimitError(ReadError):
    """A configured limit (nesting depth, length, block size) was exceeded."""


class SchemaResolutionError(AvroError):
    """Reader and writer schemas cannot be resolved (for this data)."""


class ValidationError(AvroError, ValueError):
    """A value does not match the schema it is written with."""

    def __init__(self, message, code="INVALID_VALUE", path="", offset=-1):
        super().__init__(message, code, path, offset)
        # fastavro's ValidationError carries the list of problems.
        self.errors = [str(self)]


class UnsupportedError(AvroError, ValueError):
    """Valid Avro this package cannot represent (unknown codec, out-of-range date)."""


_BY_CODE = {
    "SCHEMA_PARSE": SchemaParseException,
    "TRUNCATED": TruncatedError,
    "INVALID_DATA": ReadError,
    "INVALID_UTF8": ReadError,
    "TRAILING_DATA": ReadError,
    "LIMIT_EXCEEDED": LimitError,
    "INVALID_VALUE": ValidationError,
    "INCOMPATIBLE": SchemaResolutionError,
    "UNSUPPORTED": UnsupportedError,
}

_UNKNOWN_TYPE_PREFIX = "unknown type "


def from_core(info, code_names, context):
    """Builds the exception for a core ErrorInfo; `context` is 'schema', 'decode' or 'encode'."""
    index = int(info.code)
    code = code_names[index] if 0 <= index < len(code_names) else "INTERNAL"
    message = str(info.message)
    path = str(info.path)
    offset = int(info.offset)
    return make_error(code, message, path, offset, context)


def make_error(code, message, path="", offset=-1, context="decode"):
    cls = _BY_CODE.get(code, AvroError)
    if code == "JSON_SYNTAX":
        cls = SchemaParseException if context == "schema" else ReadError
    elif context == "schema" and code in ("LIMIT_EXCEEDED", "INVALID_VALUE"):
        # A schema limit, or a field default that does not match its type.
        cls = SchemaParseException
    elif context == "encode" and code in ("INVALID_UTF8", "LIMIT_EXCEEDED"):
        cls = ValidationError
    elif context == "decode" and code == "INVALID_VALUE":
        # Avro JSON text whose values do not fit the schema: bad input, not a bad Python value.
        cls = ReadError
    if cls is SchemaParseException and message.startswith(_UNKNOWN_TYPE_PREFIX):
        return UnknownType(_unquote(message[len(_UNKNOWN_TYPE_PREFIX):]), message, code, path, offset)
    return cls(message, code, path, offset)


def _unquote(text):
    import json

    try:
        value = json.loads(text)
        return value if isinstance(value, str) else text
    except ValueError:
        return text
