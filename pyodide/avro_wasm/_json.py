"""The Avro JSON encoding, one datum per line (fastavro.json_reader / json_writer).

Lines are converted in batches by the core (JSON text <-> binary is the
core's json_codec), so Python never interprets Avro JSON itself.
"""

import io

from ._errors import AvroError
from ._read import union_options
from ._schema import _parsed, compile_schema
from ._values import unpickle_output
from ._write import BATCH_NUMS, BATCH_RECORDS, load_tape

CHUNK = 1 << 20


class json_reader:
    """Iterates over the records of Avro JSON text, one datum per line.

    `fo` is a text or binary file object, or str/bytes. With `reader_schema`
    the records are resolved from `schema` to it by the core.
    """

    def __init__(self, fo, schema, reader_schema=None, *, decoder=None, return_record_name=False,
                 return_record_name_override=False, return_named_type=False, return_named_type_override=False):
        if decoder is not None:
            raise NotImplementedError("avro_wasm.json_reader has its own decoder (the core's)")
        self._writer = compile_schema(schema)
        self._reader = None if reader_schema is None else compile_schema(reader_schema)
        if self._reader is None or self._reader.schema_text == self._writer.schema_text:
            self._target, self._resolver = self._writer, None
        else:
            self._target, self._resolver = self._reader, self._reader.resolver(self._writer)
        self.writer_schema = _parsed(self._writer)
        self.reader_schema = None if reader_schema is None else _parsed(self._reader)
        options = union_options(return_record_name, return_record_name_override, return_named_type,
                                return_named_type_override)
        self._converter = self._target.converter(options)
        if isinstance(fo, str):
            fo = io.StringIO(fo)
        elif isinstance(fo, (bytes, bytearray)):
            fo = io.BytesIO(fo)
        self._fo = fo
        self._elems = self._records()

    def __iter__(self):
        return self._elems

    def __next__(self):
        return next(self._elems)

    def _records(self):
        runtime = self._writer.runtime
        converter = self._converter
        rest = b""
        consumed = 0
        while True:
            chunk = self._fo.read(CHUNK)
            if isinstance(chunk, str):
                chunk = chunk.encode("utf-8")
            at_end = not chunk
            data = rest + (chunk or b"")
            if not data:
                return
            cut = len(data) if at_end else data.rfind(b"\n") + 1
            if cut == 0:
                rest = data
                continue
            batch, rest = data[:cut], data[cut:]
            count = runtime.bridge.jsonRead(converter, self._writer.handle, self._target.handle, self._resolver, batch)
            if count < 0:
                error = runtime.error(converter, "decode")
                offset = error.offset + consumed if error.offset >= 0 else error.offset
                raise type(error)(error.reason, error.code, error.path, offset)
            consumed += len(batch)
            if count > 0:
                if converter.rows(self._target.handle, count) != 0:
                    raise runtime.error(converter, "decode")
                yield from unpickle_output(runtime, converter)
            if at_end:
                return


def json_writer(fo, schema, records, *, write_union_type=True, validator=False, encoder=None, strict=False,
                strict_allow_default=False, disable_tuple_notation=False):
    """Writes records as Avro JSON, one datum per line, to a text (or binary) file object."""
    if not write_union_type:
        raise NotImplementedError("avro_wasm.json_writer only writes the spec's JSON encoding (write_union_type=True)")
    if encoder is not None:
        raise NotImplementedError("avro_wasm.json_writer has its own encoder (the core's)")
    compiled = compile_schema(schema)
    runtime = compiled.runtime
    converter = compiled.converter()
    tape = compiled.acquire_writer(strict, strict_allow_default, disable_tuple_notation)
    binary = isinstance(fo, (io.RawIOBase, io.BufferedIOBase)) or "b" in getattr(fo, "mode", "")

    def drain():
        if tape.count == 0:
            return
        load_tape(compiled, tape)
        if converter.jsonWrite(compiled.handle, tape.count) != 0:
            raise runtime.error(converter, "encode")
        data = runtime.bridge.output(converter).to_bytes()
        fo.write(data if binary else data.decode("utf-8"))
        tape.reset()

    try:
        for index, record in enumerate(records):
            tape.add(record, index)
            if tape.count >= BATCH_RECORDS or len(tape.nums) >= BATCH_NUMS:
                drain()
        drain()
    except AvroError:
        raise
    finally:
        compiled.release_writer(tape)
