"""fastavro.validation's names."""

from ._errors import ValidationError
from ._validation import validate, validate_many

__all__ = ["ValidationError", "validate", "validate_many"]
