"""Reading: container files block by block, single datums, block metadata.

Bytes go into the core's incremental container reader 1 MiB at a time; each
block is decoded (and resolved to a reader schema) by the core, turned into
one pickle stream by the wasm-side converter, and unpickled here: one bridge
round trip and one ``pickle.loads`` per block.
"""

import gc
import io
import itertools
import json
import weakref

from . import _loader
from ._errors import AvroError, ReadError, SchemaParseException
from ._schema import _parsed, _try_compile, compile_schema
from ._values import unpickle_output

EVENT_NEED_INPUT, EVENT_HEADER, EVENT_BLOCK, EVENT_END = 0, 1, 2, 3
CHUNK = 1 << 20
BATCH_BYTES = 4 << 20  # decoded block bytes converted per batch (see Container.blocks)
MAGIC = b"Obj\x01"

# Options of the core's container reader (limits against hostile files).
LIMIT_OPTIONS = ("max_header_size", "max_block_size", "max_decompressed_block_size", "max_block_records")
_LIMIT_KEYS = {
    "max_header_size": "maxHeaderSize",
    "max_block_size": "maxBlockSize",
    "max_decompressed_block_size": "maxDecompressedBlockSize",
    "max_block_records": "maxBlockRecords",
}


def union_options(return_record_name, return_record_name_override, return_named_type, return_named_type_override):
    return (
        bool(return_record_name),
        bool(return_record_name_override),
        bool(return_named_type),
        bool(return_named_type_override),
    )


def check_unicode_errors(handle_unicode_errors):
    if handle_unicode_errors != "strict":
        # The core validates UTF-8 while decoding and reports bad text as
        # INVALID_UTF8; it has no lossy mode to offer.
        raise NotImplementedError("avro_wasm only supports handle_unicode_errors='strict'")


class Source:
    """Input bytes from a binary file object, bytes, bytearray or memoryview, in chunks."""

    def __init__(self, fo):
        if isinstance(fo, (bytes, bytearray, memoryview)):
            self._data = memoryview(fo).cast("B") if not isinstance(fo, bytes) else fo
            self._fo = None
        elif isinstance(fo, io.TextIOBase):
            raise TypeError("avro_wasm reads Avro from binary files: open the file with 'rb'")
        elif hasattr(fo, "read"):
            self._data = None
            self._fo = fo
        else:
            raise TypeError(f"expected a binary file object, bytes or a memoryview, not {type(fo).__name__}")

    def read(self):
        """The next chunk, or b'' at the end."""
        if self._fo is None:
            data, self._data = self._data, b""
            return data
        chunk = self._fo.read(CHUNK)
        if isinstance(chunk, str):
            raise TypeError("avro_wasm reads Avro from binary files: open the file with 'rb'")
        return chunk or b""


def _delete(handle):
    try:
        handle.delete()
    except Exception:  # noqa: BLE001 - the module may already be gone at exit
        pass


class Container:
    """The core's incremental container reader over one source; reads the header at once."""

    def __init__(self, fo, reader_schema=None, options=(False, False, False, False), limits=None, logical_types=True):
        self.runtime = runtime = _loader.runtime()
        limit_json = {_LIMIT_KEYS[k]: v for k, v in (limits or {}).items() if v is not None}
        self.decoder = runtime.mod.ContainerDecoder.create(json.dumps(limit_json))
        weakref.finalize(self, _delete, self.decoder)
        self.source = Source(fo)
        self.done = False
        info = self._step(None, None, None, None)
        if info[0] != EVENT_HEADER:
            raise ReadError("no Avro container header", "INVALID_DATA", "", 0)
        header = json.loads(self.decoder.headerJson())
        self.codec = header["codec"]
        self.sync_marker = bytes.fromhex(header["sync"])
        self.raw_metadata = {key: bytes.fromhex(value) for key, value in header["metadata"]}
        self.schema_text = header["schema"]
        writer = _try_compile(self.schema_text)
        if isinstance(writer, Exception):
            message = f"the file's schema is invalid: {writer.reason}"
            raise SchemaParseException(message, writer.code, writer.path) from None
        self.writer = writer if logical_types else writer.raw()
        self.reader = None if reader_schema is None else compile_schema(reader_schema)
        if self.reader is not None and not logical_types:
            self.reader = self.reader.raw()
        if self.reader is None or self.reader is self.writer or self.reader.schema_text == writer.schema_text:
            self.target, self.resolver = self.writer, None
        else:
            self.target, self.resolver = self.reader, self.reader.resolver(self.writer)
        self.converter = self.target.converter(options)

    def _step(self, type_handle, resolver, converter, columns):
        bridge = self.runtime.bridge
        while True:
            info = bridge.nextBlock(self.decoder, type_handle, resolver, converter, columns).to_py()
            event = info[0]
            if event == EVENT_NEED_INPUT:
                chunk = self.source.read()
                if chunk:
                    bridge.feed(self.decoder, chunk)
                else:
                    self.decoder.finish()
                continue
            if event < 0:
                raise self.runtime.error(self.decoder, "decode")
            return info

    def blocks(self, columns=None):
        """Yields (info, value) per block: the pickled rows (a list) or columns (a dict).

        Blocks are converted in batches of about BATCH_BYTES of decoded data
        with the cyclic garbage collector paused (no user code runs
        meanwhile), so a batch costs one collection, not one per block or
        per 2000 new objects: measured in Pyodide 314, 5-10% faster than
        pausing around each block's pickle.loads with 64 KiB blocks, and up
        to 3x with small blocks. A batch holds at most about BATCH_BYTES of
        input's worth of Python objects before they are yielded.
        """
        runtime = self.runtime
        target = self.target.handle
        while not self.done:
            batch, size, failure = [], 0, None
            enabled = gc.isenabled()
            gc.disable()
            try:
                while size < BATCH_BYTES and not self.done:
                    try:
                        info = self._step(target, self.resolver, self.converter, columns)
                    except AvroError as error:
                        # Between blocks (a bad sync marker, bytes after the
                        # last block): the blocks before it still count.
                        self.done, failure = True, error
                        break
                    if info[0] == EVENT_END:
                        self.done = True
                        break
                    status = info[5]
                    if status == 0:
                        batch.append((info, unpickle_output(runtime, self.converter, pause_gc=False)))
                        size += info[4]
                        continue
                    self.done = True
                    if status == 1:
                        failure = runtime.error(self.decoder, "decode")
                        decoded = int(info[6])
                        # fastavro yields the records before the bad one: so do we.
                        if decoded > 0 and columns is None and self.converter.rows(target, decoded) == 0:
                            batch.append((info, unpickle_output(runtime, self.converter, pause_gc=False)))
                    else:
                        failure = runtime.error(self.converter, "decode")
            finally:
                if enabled:
                    gc.enable()
            yield from batch
            if failure is not None:
                raise failure


def decode_metadata(raw):
    """fastavro gives metadata values as str; a value that is not UTF-8 stays bytes."""
    out = {}
    for key, value in raw.items():
        try:
            out[key] = value.decode("utf-8")
        except UnicodeDecodeError:
            out[key] = value
    return out


class file_reader:
    """What reader and block_reader share: the header, schemas and metadata."""

    def __init__(
        self,
        fo,
        reader_schema=None,
        return_record_name=False,
        return_record_name_override=False,
        handle_unicode_errors="strict",
        return_named_type=False,
        return_named_type_override=False,
        logical_types=True,
        **limits,
    ):
        check_unicode_errors(handle_unicode_errors)
        unknown = set(limits) - set(LIMIT_OPTIONS)
        if unknown:
            raise TypeError(f"unexpected keyword arguments {sorted(unknown)}")
        options = union_options(
            return_record_name, return_record_name_override, return_named_type, return_named_type_override
        )
        self._container = Container(fo, reader_schema, options, limits, logical_types)
        self._has_reader_schema = reader_schema is not None
        self._schemas = {}
        self.metadata = decode_metadata(self._container.raw_metadata)
        self.codec = self._container.codec
        self.sync_marker = self._container.sync_marker
        self._elems = None

    # Parsed on first use: building the dicts costs more than a small file's records.
    @property
    def writer_schema(self):
        if "writer" not in self._schemas:
            self._schemas["writer"] = _parsed(self._container.writer)
        return self._schemas["writer"]

    @property
    def reader_schema(self):
        if not self._has_reader_schema:
            return None
        if "reader" not in self._schemas:
            self._schemas["reader"] = _parsed(self._container.reader)
        return self._schemas["reader"]

    @property
    def schema(self):
        """The writer schema as written in the file (fastavro's deprecated alias)."""
        return json.loads(self._container.schema_text)

    def __iter__(self):
        return self._elems

    def __next__(self):
        return next(self._elems)

    next = __next__


class reader(file_reader):
    """Iterates over the records of an Avro container file (fastavro.reader).

    `fo` is a binary file object, bytes or a memoryview. Attributes:
    ``writer_schema``, ``reader_schema``, ``metadata`` (str values),
    ``codec``, ``sync_marker``. Limits against hostile files may be given as
    keywords: max_header_size, max_block_size, max_decompressed_block_size,
    max_block_records. ``logical_types=False`` (not in fastavro) returns
    logical values as their underlying Avro types.
    """

    def __init__(self, fo, reader_schema=None, return_record_name=False, return_record_name_override=False,
                 handle_unicode_errors="strict", return_named_type=False, return_named_type_override=False,
                 logical_types=True, **limits):
        super().__init__(fo, reader_schema, return_record_name, return_record_name_override, handle_unicode_errors,
                         return_named_type, return_named_type_override, logical_types, **limits)
        # chain iterates each block's list in C: one Python resume per
        # block, not per record (a quarter of the read time otherwise).
        self._elems = itertools.chain.from_iterable(records for _, records in self._container.blocks())


class Block:
    """One block of a container file (fastavro.Block); iterating yields its records.

    The core decompresses and decodes the block, so ``bytes_`` (fastavro's
    decompressed payload) is not kept.
    """

    def __init__(self, records, num_records, codec, reader_schema, writer_schema, offset, size):
        self._records = records
        self.num_records = num_records
        self.codec = codec
        self.reader_schema = reader_schema
        self.writer_schema = writer_schema
        self.offset = offset
        self.size = size
        self.bytes_ = None

    def __iter__(self):
        return iter(self._records)

    def __len__(self):
        return self.num_records

    def __str__(self):
        return f"Avro block: {self.num_records} records, codec: {self.codec}, position {self.offset}+{self.size}"


class block_reader(file_reader):
    """Iterates over the blocks of an Avro container file (fastavro.block_reader)."""

    def __init__(self, fo, reader_schema=None, return_record_name=False, return_record_name_override=False,
                 handle_unicode_errors="strict", return_named_type=False, return_named_type_override=False,
                 logical_types=True, **limits):
        super().__init__(fo, reader_schema, return_record_name, return_record_name_override, handle_unicode_errors,
                         return_named_type, return_named_type_override, logical_types, **limits)
        self._elems = self._blocks()

    def _blocks(self):
        for info, records in self._container.blocks():
            # Size counts the block's count, size, data and sync marker, as fastavro's does.
            offset = int(info[2])
            yield Block(records, int(info[1]), self.codec, self.reader_schema, self.writer_schema, offset,
                        int(info[3]) + _varint_size(int(info[1])) + _varint_size(int(info[3])) + 16)


def _varint_size(value):
    value = (value << 1) ^ (value >> 63)
    size = 1
    while value >= 0x80:
        value >>= 7
        size += 1
    return size


def decode_datum(data, writer, reader=None, options=(False, False, False, False), require_complete=False):
    """(value, bytes consumed) of one datum at the start of `data`."""
    runtime = writer.runtime
    if reader is None or reader is writer or reader.schema_text == writer.schema_text:
        target, resolver = writer, None
    else:
        target, resolver = reader, reader.resolver(writer)
    status, consumed = runtime.bridge.decodeOne(target.handle, resolver, data, require_complete).to_py()
    if status != 0:
        raise runtime.error(target.handle, "decode")
    converter = target.converter(options)
    if converter.rows(target.handle, 1) != 0:
        raise runtime.error(converter, "decode")
    return unpickle_output(runtime, converter)[0], int(consumed)


def schemaless_reader(
    fo,
    writer_schema,
    reader_schema=None,
    return_record_name=False,
    return_record_name_override=False,
    handle_unicode_errors="strict",
    return_named_type=False,
    return_named_type_override=False,
    logical_types=True,
):
    """Reads one datum written by schemaless_writer (fastavro.schemaless_reader).

    `fo` may be bytes or a memoryview (the datum starts at its first byte) or
    a binary file object: then the rest of the file is read and, when the
    file is seekable, its position is left just after the datum.
    """
    check_unicode_errors(handle_unicode_errors)
    writer = compile_schema(writer_schema)
    reader = None if reader_schema is None else compile_schema(reader_schema)
    if not logical_types:
        writer = writer.raw()
        reader = None if reader is None else reader.raw()
    options = union_options(
        return_record_name, return_record_name_override, return_named_type, return_named_type_override
    )
    if isinstance(fo, (bytes, bytearray, memoryview)):
        return decode_datum(fo, writer, reader, options)[0]
    seekable = getattr(fo, "seekable", lambda: False)()
    start = fo.tell() if seekable else 0
    data = fo.read()
    if isinstance(data, str):
        raise TypeError("avro_wasm reads Avro from binary files: open the file with 'rb'")
    value, consumed = decode_datum(data, writer, reader, options)
    if seekable:
        fo.seek(start + consumed)
    return value


def is_avro(path_or_buffer):
    """Whether a path or binary file object starts with the container magic ``Obj\\x01``."""
    if isinstance(path_or_buffer, str):
        with open(path_or_buffer, "rb") as f:
            return f.read(len(MAGIC)) == MAGIC
    if isinstance(path_or_buffer, (bytes, bytearray, memoryview)):
        return bytes(path_or_buffer[: len(MAGIC)]) == MAGIC
    return path_or_buffer.read(len(MAGIC)) == MAGIC
