"""Validation: does a value match a schema? (fastavro.validation).

A value is valid when the package's writers accept it and the core then
encodes it: the same two checks writing does, so validate() never disagrees
with writer().
"""

from ._errors import ValidationError
from ._schema import compile_schema
from ._write import load_tape


def _core_check(compiled, tape, count):
    load_tape(compiled, tape)
    converter = compiled.converter()
    if converter.encode(compiled.handle, count) != 0:
        raise compiled.runtime.error(converter, "encode")


def validate(datum, schema, field="", raise_errors=True, strict=False, disable_tuple_notation=False):
    """True when `datum` matches `schema`; else raises ValidationError (or returns False)."""
    compiled = compile_schema(schema)
    tape = compiled.acquire_writer(strict, False, disable_tuple_notation)
    try:
        tape.add(datum, None)
        _core_check(compiled, tape, 1)
        return True
    except ValidationError as error:
        if field:
            error = ValidationError(error.reason, error.code, f".{field}{error.path}", error.offset)
        if raise_errors:
            raise error from None
        return False
    finally:
        compiled.release_writer(tape)


def validate_many(records, schema, raise_errors=True, strict=False, disable_tuple_notation=False):
    """True when every record matches; else raises one ValidationError listing each problem (or returns False)."""
    compiled = compile_schema(schema)
    records = list(records)
    problems = []
    valid = []
    tape = compiled.acquire_writer(strict, False, disable_tuple_notation)
    try:
        for index, record in enumerate(records):
            try:
                tape.add(record, index)
                valid.append(index)
            except ValidationError as error:
                problems.append(error)
        if valid:
            try:
                _core_check(compiled, tape, len(valid))
            except ValidationError:
                # Only the core's own checks (e.g. decimal precision) get here: find the records.
                for index in valid:
                    tape.reset()
                    tape.add(records[index], index)
                    try:
                        _core_check(compiled, tape, 1)
                    except ValidationError as error:
                        problems.append(ValidationError(error.reason, error.code, f"[{index}]{error.path}"))
    finally:
        compiled.release_writer(tape)
    if not problems:
        return True
    if raise_errors:
        if len(problems) == 1:
            error = ValidationError(problems[0].reason, problems[0].code, problems[0].path)
        else:
            error = ValidationError(f"{len(problems)} records are invalid, the first: {problems[0]}", problems[0].code)
        error.errors = [str(p) for p in problems]
        raise error
    return False
