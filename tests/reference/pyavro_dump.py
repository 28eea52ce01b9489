#!/usr/bin/env python3
"""Reference reader for Avro object container files, built on Apache's
python3-avro (1.11.1, the Debian package), used by the Jest interop suites.

Usage:
    pyavro_dump.py [--logical] FILE...        files named on the command line
    pyavro_dump.py [--logical] < list.json     a JSON list of paths on stdin

Prints ONE JSON document:
    {"reader": "python3-avro <version>", "python": "<version>",
     "files": [ {per-file result}, ... ]}     (same order as the input)

Per file:
    path        the path as given
    size        file length in bytes
    header      our own parse of the header (independent of python3-avro):
                {magic (hex), metadata {key: hex}, codecKey (the raw
                avro.codec value or null), sync (hex), end (offset of the
                first block)}, or null when the header cannot be parsed
    headerError {kind, offset, message} when the header cannot be parsed
    codec       the effective codec ("null" when the key is absent)
    schema      the writer schema (JSON) from the header
    canonicalForm  python3-avro's Parsing Canonical Form of it
    walk        our own block walk: {blocks: [{offset, count, size,
                dataOffset, syncOffset}], problem: {kind, offset, message}
                or null}. kind is one of 'trailing' (bytes after the last
                block that do not form a complete block header), 'truncated'
                (the file ends inside a block), 'sync-mismatch' (offset of
                the bad marker), 'bad-count' / 'bad-size' (negative varints).
    records     what python3-avro's DataFileReader returned, normalized
                (every record decoded before an error, if there was one)
    error       null, or {type, message} of the exception python3-avro raised
    strict      a second, stricter decode (see strict_decode): {records,
                error} — python3-avro's DatumReader run block by block over
                the blocks found by our walker, checking that each block's
                data is consumed exactly and rejecting what python3-avro
                silently accepts (negative union/enum indexes, booleans
                other than 0/1, ints outside 32 bits, negative lengths)
    fallbacks   list of workarounds applied (see below), empty normally

Values are normalized to unambiguous JSON:
    bytes/fixed          {"$bytes": "<hex>"}
    int with |v| > 2^53  {"$long": "<decimal>"}
    NaN, +-Infinity      {"$float": "NaN" | "Infinity" | "-Infinity"}
    -0.0                 kept (json "-0.0")
    dict/list/str/bool/None as is; unions are unwrapped (python3-avro
    returns the bare branch value).

Logical types: by default they are DISABLED so values are the raw Avro
values. python3-avro 1.11.1 applies a logical type from the WRITER schema
(DatumReader.read_data looks at writers_schema.logical_type), so passing a
reader schema does not help; instead, after DataFileReader has read the
header, its DatumReader gets a copy of the writer schema with every
"logicalType" attribute removed (`strip_logical_types`). A record field
cannot be named by a key, so removing the key "logicalType" from every JSON
object of the schema only touches logical type annotations.

With --logical, logical types are ENABLED and every value that was read
through a schema carrying a "logicalType" is wrapped as
    {"$logical": "<logicalType>", "value": <normalized value>}
where python3-avro's converted values are normalized as
    decimal.Decimal    {"$decimal": "<plain notation, exact scale>"}
    datetime.datetime  {"$datetime": "YYYY-MM-DDTHH:MM:SS.ffffffZ"} (UTC)
    datetime.date      {"$date": "YYYY-MM-DD"}
    datetime.time      {"$time": "HH:MM:SS.ffffff"}
Logical types python3-avro 1.11.1 does not implement (uuid is returned as
the string, big-decimal, duration, timestamp-nanos, local-timestamp-*) come
through as the raw value inside the same wrapper, so a caller can derive
the expected logical value from the spec.

Fallbacks (each is recorded in `fallbacks` and justified here):
  * "xz-codec": python3-avro 1.11.1 has no xz codec (null, deflate, bzip2,
    snappy, zstandard only). The spec defines xz as an XZ container per
    block, which is exactly what the Python standard library's `lzma`
    module reads, so an "xz" entry using lzma.decompress is registered in
    avro.codecs.KNOWN_CODECS; python3-avro still does all the rest (header,
    blocks, sync markers, datum decoding). This is only done when the file's
    codec is xz.
  * "dollar-namespace": Java's reflect writers put `$` in namespaces
    (`org.apache.avro.mapred.TestReflectJob$`), which the spec's name
    grammar forbids and python3-avro rejects (InvalidName) before reading
    any data. Names never appear in the decoded values of a record (unions
    come back unwrapped), so replacing each `$` by `_` in the header's
    schema text in memory (same byte length, so every length and offset in
    the file is unchanged) makes python3-avro decode the very same bytes.
    It is only applied when python3-avro rejects the schema, and only if
    every `$` is inside a name, namespace or type reference (never in an
    enum symbol, field name, default or doc, which would change values).
"""

import datetime
import decimal
import io
import json
import lzma
import math
import sys
import warnings

import avro
import avro.codecs
import avro.datafile
import avro.errors
import avro.io
import avro.schema

MAGIC = b"Obj\x01"
SYNC_SIZE = 16
LONG_LIMIT = 2**53


class WalkError(Exception):
    def __init__(self, kind, offset, message):
        super().__init__(message)
        self.kind = kind
        self.offset = offset
        self.message = message

    def as_json(self):
        return {"kind": self.kind, "offset": self.offset, "message": self.message}


# ---------------------------------------------------------------- header/blocks


def read_varlong(buf, pos, what):
    """Zigzag varint at pos -> (value, new pos); WalkError('eof') when the bytes end."""
    shift = 0
    acc = 0
    start = pos
    while True:
        if pos >= len(buf):
            raise WalkError("eof", start, f"{what}: the file ends inside a varint at offset {start}")
        b = buf[pos]
        pos += 1
        acc |= (b & 0x7F) << shift
        shift += 7
        if not b & 0x80:
            break
        if shift > 63:
            raise WalkError("bad-varint", start, f"{what}: varint longer than 10 bytes at offset {start}")
    return (acc >> 1) ^ -(acc & 1), pos


def parse_header(buf):
    """Own parse of the container header: magic, metadata map, sync marker."""
    if len(buf) < 4 or buf[:4] != MAGIC:
        raise WalkError("bad-magic", 0, f"magic is {buf[:4].hex()}, expected {MAGIC.hex()}")
    pos = 4
    meta = {}
    ranges = {}
    while True:
        count, pos = read_varlong(buf, pos, "metadata block count")
        if count == 0:
            break
        if count < 0:
            count = -count
            _, pos = read_varlong(buf, pos, "metadata block size")
        for _ in range(count):
            klen, pos = read_varlong(buf, pos, "metadata key length")
            if klen < 0 or pos + klen > len(buf):
                raise WalkError("truncated", pos, "metadata key runs past the end")
            key = bytes(buf[pos : pos + klen]).decode("utf-8")
            pos += klen
            vlen, pos = read_varlong(buf, pos, "metadata value length")
            if vlen < 0 or pos + vlen > len(buf):
                raise WalkError("truncated", pos, "metadata value runs past the end")
            meta[key] = bytes(buf[pos : pos + vlen])
            ranges[key] = (pos, pos + vlen)
            pos += vlen
    if pos + SYNC_SIZE > len(buf):
        raise WalkError("truncated", pos, "the header ends inside the sync marker")
    sync = bytes(buf[pos : pos + SYNC_SIZE])
    return {"meta": meta, "ranges": ranges, "sync": sync, "end": pos + SYNC_SIZE}


def walk_blocks(buf, header):
    """Own walk over the blocks: count, size, data, sync marker; reports the first problem."""
    pos = header["end"]
    blocks = []
    while pos < len(buf):
        start = pos
        try:
            count, pos = read_varlong(buf, pos, "block count")
            size, pos = read_varlong(buf, pos, "block size")
        except WalkError as error:
            if error.kind == "eof":
                return blocks, WalkError(
                    "trailing", start, f"{len(buf) - start} byte(s) after the last block at offset {start} do not form a block header"
                )
            return blocks, error
        if count < 0:
            return blocks, WalkError("bad-count", start, f"negative block count {count} at offset {start}")
        if size < 0:
            return blocks, WalkError("bad-size", start, f"negative block size {size} at offset {start}")
        data = pos
        if data + size > len(buf):
            return blocks, WalkError("truncated", start, f"block at offset {start} needs {size} data bytes, {len(buf) - data} remain")
        sync_at = data + size
        if sync_at + SYNC_SIZE > len(buf):
            return blocks, WalkError("truncated", start, f"the file ends inside the sync marker at offset {sync_at}")
        if bytes(buf[sync_at : sync_at + SYNC_SIZE]) != header["sync"]:
            return blocks, WalkError("sync-mismatch", sync_at, f"sync marker mismatch at offset {sync_at}")
        blocks.append({"offset": start, "count": count, "size": size, "dataOffset": data, "syncOffset": sync_at})
        pos = sync_at + SYNC_SIZE
    return blocks, None


# ---------------------------------------------------------------- fallbacks


class XzCodec(avro.codecs.Codec):
    """The spec's xz codec (an XZ container per block) over the stdlib lzma module."""

    @staticmethod
    def compress(data):
        compressed = lzma.compress(data, format=lzma.FORMAT_XZ)
        return compressed, len(compressed)

    @staticmethod
    def decompress(readers_decoder):
        length = readers_decoder.read_long()
        data = readers_decoder.read(length)
        return avro.io.BinaryDecoder(io.BytesIO(lzma.decompress(data, format=lzma.FORMAT_XZ)))


def ensure_xz_codec(fallbacks):
    if "xz" not in avro.codecs.KNOWN_CODECS:
        avro.codecs.KNOWN_CODECS["xz"] = XzCodec
    fallbacks.append("xz-codec")


NAME_KEYS = ("name", "namespace", "type", "items", "values")


def dollars_only_in_names(node, key=None, in_union=False):
    """True when every '$' of the schema JSON is in a name, namespace or type reference."""
    if isinstance(node, str):
        return "$" not in node or key in NAME_KEYS or in_union
    if isinstance(node, list):
        if key == "symbols" or key == "aliases":
            return all("$" not in s for s in node if isinstance(s, str)) and all(
                dollars_only_in_names(s) for s in node if not isinstance(s, str)
            )
        return all(dollars_only_in_names(n, key, in_union=key in ("type", "items", "values", None)) for n in node)
    if isinstance(node, dict):
        for k, v in node.items():
            if "$" in k:
                return False
            if k in ("default", "doc"):
                if "$" in json.dumps(v):
                    return False
                continue
            if not dollars_only_in_names(v, k):
                return False
        return True
    return True


def parse_schema_text(text):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return avro.schema.parse(text)


# ---------------------------------------------------------------- normalization


def strip_logical_types(node):
    if isinstance(node, dict):
        return {k: strip_logical_types(v) for k, v in node.items() if k != "logicalType"}
    if isinstance(node, list):
        return [strip_logical_types(n) for n in node]
    return node


class Logical:
    """A value read through a schema that carries a logicalType (only with --logical)."""

    __slots__ = ("logical_type", "value")

    def __init__(self, logical_type, value):
        self.logical_type = logical_type
        self.value = value


def normalize(v):
    if v is None or isinstance(v, (bool, str)):
        return v
    if isinstance(v, int):
        return {"$long": str(v)} if abs(v) > LONG_LIMIT else v
    if isinstance(v, float):
        if math.isnan(v):
            return {"$float": "NaN"}
        if math.isinf(v):
            return {"$float": "Infinity" if v > 0 else "-Infinity"}
        return v
    if isinstance(v, (bytes, bytearray)):
        return {"$bytes": bytes(v).hex()}
    if isinstance(v, list):
        return [normalize(x) for x in v]
    if isinstance(v, dict):
        return {k: normalize(x) for k, x in v.items()}
    if isinstance(v, Logical):
        return {"$logical": v.logical_type, "value": normalize(v.value)}
    if isinstance(v, decimal.Decimal):
        return {"$decimal": format(v, "f")}
    if isinstance(v, datetime.datetime):
        utc = v.astimezone(datetime.timezone.utc) if v.tzinfo else v
        return {"$datetime": utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond:06d}Z"}
    if isinstance(v, datetime.date):
        return {"$date": v.isoformat()}
    if isinstance(v, datetime.time):
        return {"$time": f"{v.hour:02d}:{v.minute:02d}:{v.second:02d}.{v.microsecond:06d}"}
    raise TypeError(f"cannot normalize {type(v).__name__}: {v!r}")


# ---------------------------------------------------------------- readers


class LogicalTaggingReader(avro.io.DatumReader):
    """DatumReader that wraps values read through a logicalType schema in Logical."""

    def read_data(self, writers_schema, readers_schema, decoder):
        value = super().read_data(writers_schema, readers_schema, decoder)
        logical_type = writers_schema.get_prop("logicalType") if hasattr(writers_schema, "get_prop") else None
        # python3-avro's read_union calls read_data(branch, reader union), which
        # calls read_data(branch, matching reader branch): wrap only once.
        if logical_type is not None and not isinstance(value, Logical) and not isinstance(writers_schema, avro.schema.UnionSchema):
            return Logical(logical_type, value)
        return value


class StrictDatumReader(avro.io.DatumReader):
    """python3-avro's DatumReader, minus the laxities that would hide a writer bug."""

    def read_data(self, writers_schema, readers_schema, decoder):
        t = writers_schema.type
        if t == "boolean":
            byte = decoder.read(1)
            if byte not in (b"\x00", b"\x01"):
                raise avro.errors.InvalidAvroBinaryEncoding(f"boolean byte {byte.hex()} is neither 00 nor 01")
            return byte == b"\x01"
        if t == "int" and getattr(writers_schema, "logical_type", None) is None:
            value = decoder.read_long()
            if not -(2**31) <= value < 2**31:
                raise avro.errors.InvalidAvroBinaryEncoding(f"int out of 32-bit range: {value}")
            return value
        return super().read_data(writers_schema, readers_schema, decoder)

    def read_union(self, writers_schema, readers_schema, decoder):
        index = decoder.read_long()
        if not 0 <= index < len(writers_schema.schemas):
            raise avro.errors.InvalidAvroBinaryEncoding(f"union index {index} out of range")
        return self.read_data(writers_schema.schemas[index], readers_schema.schemas[index], decoder)

    def read_enum(self, writers_schema, readers_schema, decoder):
        index = decoder.read_long()
        if not 0 <= index < len(writers_schema.symbols):
            raise avro.errors.InvalidAvroBinaryEncoding(f"enum index {index} out of range")
        return writers_schema.symbols[index]


class StrictBinaryDecoder(avro.io.BinaryDecoder):
    def read_bytes(self):
        n = self.read_long()
        if n < 0:
            raise avro.errors.InvalidAvroBinaryEncoding(f"negative length {n}")
        return self.read(n)


def strict_decode(buf, blocks, codec_name, schema, logical):
    """Decodes every block found by our walker with python3-avro's codecs and a strict DatumReader."""
    records = []
    reader = (LogicalTaggingReader if logical else StrictDatumReader)(schema, schema)
    codec = avro.codecs.get_codec(codec_name)
    for index, block in enumerate(blocks):
        data = bytes(buf[block["dataOffset"] : block["dataOffset"] + block["size"]])
        if codec_name == "null":
            payload = data
        else:
            # python3-avro's codec reads "size + data" from a decoder.
            framed = io.BytesIO()
            avro.io.BinaryEncoder(framed).write_long(len(data))
            payload_decoder = codec.decompress(avro.io.BinaryDecoder(io.BytesIO(framed.getvalue() + data)))
            payload = payload_decoder.reader.read()
        stream = io.BytesIO(payload)
        decoder = StrictBinaryDecoder(stream)
        for _ in range(block["count"]):
            records.append(reader.read(decoder))
        left = len(payload) - stream.tell()
        if left:
            raise avro.errors.InvalidAvroBinaryEncoding(f"block {index} at offset {block['offset']}: {left} byte(s) left after {block['count']} record(s)")
    return records


def error_json(error):
    return {"type": type(error).__name__, "message": str(error)}


def dump_file(path, logical):
    with open(path, "rb") as f:
        buf = bytearray(f.read())
    out = {"path": path, "size": len(buf), "fallbacks": []}

    try:
        header = parse_header(buf)
    except WalkError as error:
        out.update(header=None, headerError=error.as_json(), records=[], error=None)
        # Still let python3-avro try, so its own error is on record.
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                list(avro.datafile.DataFileReader(io.BytesIO(bytes(buf)), avro.io.DatumReader()))
        except Exception as exc:  # noqa: BLE001 - any failure is the expected outcome
            out["error"] = error_json(exc)
        return out

    meta = header["meta"]
    codec_key = meta.get("avro.codec")
    codec = "null" if codec_key is None else codec_key.decode("utf-8", "replace")
    out["header"] = {
        "magic": MAGIC.hex(),
        "metadata": {k: v.hex() for k, v in meta.items()},
        "codecKey": None if codec_key is None else codec_key.decode("utf-8", "replace"),
        "sync": header["sync"].hex(),
        "end": header["end"],
    }
    out["codec"] = codec
    schema_text = meta.get("avro.schema", b"").decode("utf-8")
    schema_json = json.loads(schema_text)
    out["schema"] = schema_json
    blocks, problem = walk_blocks(buf, header)
    out["walk"] = {"blocks": blocks, "problem": problem.as_json() if problem else None}

    if codec == "xz":
        ensure_xz_codec(out["fallbacks"])

    try:
        parse_schema_text(schema_text)
    except avro.errors.SchemaParseException:
        if "$" in schema_text and dollars_only_in_names(schema_json):
            start, end = header["ranges"]["avro.schema"]
            buf[start:end] = bytes(buf[start:end]).replace(b"$", b"_")
            schema_text = bytes(buf[start:end]).decode("utf-8")
            out["fallbacks"].append("dollar-namespace")
        # otherwise python3-avro reports its own error below

    try:
        # python3-avro's Parsing Canonical Form of the writer schema (after the
        # dollar-namespace fallback, if any: then with '_' for '$').
        out["canonicalForm"] = parse_schema_text(schema_text).canonical_form
    except Exception as exc:  # noqa: BLE001
        out["canonicalForm"] = None
        out["schemaError"] = error_json(exc)

    records = []
    out["records"] = records
    out["error"] = None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            datum_reader = LogicalTaggingReader() if logical else avro.io.DatumReader()
            dfr = avro.datafile.DataFileReader(io.BytesIO(bytes(buf)), datum_reader)
            if not logical:
                stripped = parse_schema_text(json.dumps(strip_logical_types(json.loads(schema_text))))
                dfr.datum_reader.writers_schema = stripped
                dfr.datum_reader.readers_schema = stripped
            for record in dfr:
                records.append(normalize(record))
    except Exception as exc:  # noqa: BLE001 - reported, not hidden
        out["error"] = error_json(exc)

    strict = {"records": [], "error": None}
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            text = schema_text if logical else json.dumps(strip_logical_types(json.loads(schema_text)))
            strict["records"] = [normalize(r) for r in strict_decode(buf, blocks, codec, parse_schema_text(text), logical)]
    except Exception as exc:  # noqa: BLE001
        strict["error"] = error_json(exc)
    out["strict"] = strict
    return out


def main(argv):
    logical = "--logical" in argv
    paths = [a for a in argv if not a.startswith("--")]
    if not paths:
        paths = json.load(sys.stdin)
    files = []
    for path in paths:
        try:
            files.append(dump_file(path, logical))
        except Exception as exc:  # noqa: BLE001 - one bad file must not hide the others
            files.append({"path": path, "fatal": error_json(exc)})
    result = {
        "reader": f"python3-avro {avro.__version__}",
        "python": sys.version.split()[0],
        "logicalTypes": logical,
        "files": files,
    }
    json.dump(result, sys.stdout, allow_nan=False, ensure_ascii=True)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
