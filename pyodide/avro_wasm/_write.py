"""Writing: container files (new or appended) and single datums.

Records go onto an encode tape in Python (see _tape.py); a batch crosses
into wasm as one buffer, the core encodes it, fills blocks, compresses them
and hands back the finished bytes.
"""

import json
import os
import weakref

from . import _loader
from ._errors import ValidationError
from ._read import Container
from ._schema import compile_schema

BATCH_RECORDS = 1024  # records per bridge crossing
BATCH_NUMS = 1 << 16  # ... or fewer when they are large


def _delete(handle):
    try:
        handle.delete()
    except Exception:  # noqa: BLE001 - the module may already be gone at exit
        pass


def _metadata_bytes(value):
    if isinstance(value, str):
        return value.encode("utf-8")
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value)
    raise TypeError(f"metadata values are str or bytes, not {type(value).__name__}")


def is_appendable(fo):
    """fastavro's rule: a seekable file not at position 0 is appended to (it must be readable)."""
    if getattr(fo, "seekable", lambda: False)() and fo.tell() != 0:
        if getattr(fo, "name", "") == "<stdout>":
            return False
        if fo.readable():
            return True
        raise ValueError("When appending to an avro file you must use the 'a+' mode, not just 'a'")
    return False


def load_tape(compiled, tape):
    """Moves a tape writer's batch into `compiled`'s encoder input (one copy)."""
    runtime = compiled.runtime
    converter = compiled.converter()
    buffer, counts = tape.pack()
    if runtime.bridge.loadTape(converter, compiled.handle, buffer, *counts) != 0:
        raise runtime.error(converter, "encode")


def encode_one(compiled, record, strict=False, strict_allow_default=False, disable_tuple_notation=False):
    """The binary encoding of one datum."""
    tape = compiled.acquire_writer(strict, strict_allow_default, disable_tuple_notation)
    try:
        tape.add(record)
        load_tape(compiled, tape)
        converter = compiled.converter()
        if converter.encode(compiled.handle, 1) != 0:
            raise compiled.runtime.error(converter, "encode")
        return compiled.runtime.bridge.output(converter).to_bytes()
    finally:
        compiled.release_writer(tape)


class Writer:
    """Writes records into an Avro container file (fastavro.write.Writer).

    A file opened with ``'a+b'`` that already holds data is appended to with
    its own schema, codec and sync marker. Call ``flush()`` at the end (as
    with fastavro); ``writer()`` does.
    """

    def __init__(self, fo, schema, codec="null", sync_interval=16000, metadata=None, validator=False,
                 sync_marker=None, codec_compression_level=None, options=None, *, strict=False,
                 strict_allow_default=False, disable_tuple_notation=False):
        options = dict(options or {})
        strict = options.get("strict", strict)
        strict_allow_default = options.get("strict_allow_default", strict_allow_default)
        disable_tuple_notation = options.get("disable_tuple_notation", disable_tuple_notation)
        self.runtime = runtime = _loader.runtime()
        self.fo = fo
        self.validator = validator  # values are always checked; kept for compatibility
        core = {"blockSize": int(sync_interval)}
        if codec_compression_level is not None:
            core["level"] = int(codec_compression_level)
        if is_appendable(fo):
            fo.seek(0)
            container = Container(fo)
            fo.seek(0, os.SEEK_END)
            self.schema = compile_schema(json.loads(container.schema_text))
            core.update(codec=container.codec, sync=container.sync_marker.hex(), append=True)
            self.codec = container.codec
            self.sync_marker = container.sync_marker
        else:
            self.schema = compile_schema(schema)
            self.codec = codec
            if sync_marker is None:
                sync_marker = os.urandom(16)
            self.sync_marker = bytes(sync_marker)
            core.update(codec=codec, sync=self.sync_marker.hex())
            if metadata:
                core["metadata"] = [[str(k), _metadata_bytes(v).hex()] for k, v in metadata.items()]
        self.metadata = metadata
        handle = runtime.mod.ContainerEncoder.create(self.schema.schema_text, json.dumps(core))
        if not handle.ok():
            error = runtime.error(handle, "encode")
            handle.delete()
            raise error
        self._encoder = handle
        weakref.finalize(self, _delete, handle)
        self._tape = self.schema.acquire_writer(strict, strict_allow_default, disable_tuple_notation)
        self._pending = []
        self._call(handle.writeHeader())

    def _call(self, status, index=None):
        data = self.runtime.bridge.output(self._encoder).to_bytes()
        if data:
            self.fo.write(data)
        if status != 0:
            error = self.runtime.error(self._encoder, "encode")
            if index is not None:
                error = ValidationError(error.reason, error.code, f"[{index}]{error.path}", error.offset)
            raise error

    def write(self, record):
        """Adds one record; raises ValidationError (nothing is written for it) when it does not fit."""
        self._tape.add(record)
        self._pending.append(record)
        if len(self._pending) >= BATCH_RECORDS or len(self._tape.nums) >= BATCH_NUMS:
            self._drain()

    def write_block(self, block):
        """Adds the records of a block from block_reader (they are re-encoded)."""
        for record in block:
            self.write(record)

    def _drain(self):
        pending = self._pending
        if not pending:
            return
        self._pending = []
        tape = self._tape
        try:
            load_tape(self.schema, tape)
            status = self._encoder.writeTape(self.schema.handle, len(pending))
            if status == 0:
                self._call(status)
                return
            # Take the error out of the handle: the records are retried one by one.
            self.runtime.error(self._encoder, "encode")
            # The core rejected the batch: write the records before the bad
            # one (as fastavro would have) and report the bad one.
            for index, record in enumerate(pending):
                tape.reset()
                tape.add(record)
                load_tape(self.schema, tape)
                self._call(self._encoder.writeTape(self.schema.handle, 1), index)
        finally:
            tape.reset()

    def flush(self):
        """Ends the current block and writes everything pending to `fo`."""
        self._drain()
        self._call(self._encoder.flush())
        flush = getattr(self.fo, "flush", None)
        if flush is not None:
            flush()

    dump = flush


def writer(fo, schema, records, codec="null", sync_interval=16000, metadata=None, validator=False, sync_marker=None,
           codec_compression_level=None, *, strict=False, strict_allow_default=False, disable_tuple_notation=False):
    """Writes records into an Avro container file (fastavro.writer).

    Codecs: null, deflate, snappy, zstandard, bzip2, xz (all built into the
    core). `sync_interval` is the uncompressed size of a block in bytes.
    """
    if isinstance(records, dict):
        raise ValueError('"records" argument should be an iterable, not dict')
    output = Writer(fo, schema, codec, sync_interval, metadata, validator, sync_marker, codec_compression_level,
                    strict=strict, strict_allow_default=strict_allow_default,
                    disable_tuple_notation=disable_tuple_notation)
    for record in records:
        output.write(record)
    output.flush()


def schemaless_writer(fo, schema, record, *, strict=False, strict_allow_default=False, disable_tuple_notation=False):
    """Writes one datum without any framing (fastavro.schemaless_writer)."""
    fo.write(encode_one(compile_schema(schema), record, strict, strict_allow_default, disable_tuple_notation))

