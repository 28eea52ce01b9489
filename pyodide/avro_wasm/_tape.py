"""Python values -> the core's encode tape (the counterpart of wasm/src/writers.js).

One writer function per schema node, built once per schema from the core's
description of its program. Writers append to four flat buffers: numbers
(float64), 64-bit integers beyond 2**53, strings and bytes. A batch crosses
into wasm as one buffer and the core encodes it, checking everything again:
this layer exists to read Python values the way fastavro does, not to be
trusted. The tape layout is documented in src/datum/tape.h.
"""

import datetime
import decimal
import itertools
import math
import numbers
import struct
import uuid
from array import array
from collections.abc import Mapping

from ._errors import ValidationError

NAN = math.nan
INT_MIN, INT_MAX = -(2**31), 2**31 - 1
LONG_MIN, LONG_MAX = -(2**63), 2**63 - 1
SAFE = 2**53 - 1
EPOCH_DAYS = datetime.date(1970, 1, 1).toordinal()
EPOCH_UTC = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)
EPOCH_NAIVE = datetime.datetime(1970, 1, 1)
DAY_MICROS = 86400 * 10**6


class Mismatch(Exception):
    """A value that does not fit; `path` grows (innermost first) while it unwinds."""

    def __init__(self, message, code="INVALID_VALUE"):
        super().__init__(message)
        self.message = message
        self.code = code
        self.path = []

    def error(self, prefix=""):
        path = prefix + "".join(reversed(self.path))
        return ValidationError(self.message, self.code, path)


def describe(value):
    text = repr(value)
    if len(text) > 60:
        text = text[:57] + "..."
    return f"{text} ({type(value).__name__})"


def expected(what, value):
    return Mismatch(f"expected {what}, got {describe(value)}")


class TapeWriter:
    """Compiled writers for one schema plus the tape they fill (not re-entrant: pooled per type)."""

    def __init__(self, compiled, strict=False, strict_allow_default=False, disable_tuple_notation=False):
        self.compiled = compiled
        self.nums = array("d")
        self.bigs = array("q")
        self.texts = []
        self.blobs = []
        self.count = 0
        self._strict = strict or strict_allow_default
        self._allow_default = strict_allow_default
        self._tuples = not disable_tuple_notation
        self._nodes = compiled.desc["nodes"]
        self._logical = compiled.desc["logicalTypes"]
        self._table = {}
        self._building = set()
        self._accepts = {}
        self.write = self._writer(compiled.desc["root"])

    # ------------------------------------------------------------------ tape

    def reset(self):
        del self.nums[:]
        del self.bigs[:]
        self.texts.clear()
        self.blobs.clear()
        self.count = 0

    def mark(self):
        return len(self.nums), len(self.bigs), len(self.texts), len(self.blobs)

    def rewind(self, mark):
        n, b, t, bl = mark
        del self.nums[n:]
        del self.bigs[b:]
        del self.texts[t:]
        del self.blobs[bl:]

    def add(self, value, index=None):
        """Appends one datum; raises ValidationError (with the datum's path) if it does not fit."""
        nums, bigs, texts, blobs = self.nums, self.bigs, self.texts, self.blobs
        mark = len(nums), len(bigs), len(texts), len(blobs)
        try:
            self.write(value)
        except Mismatch as mismatch:
            self.rewind(mark)
            raise mismatch.error("" if index is None else f"[{index}]") from None
        except RecursionError:
            self.rewind(mark)
            raise ValidationError("value nested too deeply", "LIMIT_EXCEEDED") from None
        self.count += 1

    def pack(self):
        """(buffer, counts) in the layout PyConverter.loadTape expects."""
        texts = self.texts
        try:
            # One join and one encode for all strings; their UTF-8 lengths are
            # their lengths when all of them are ASCII (the usual case).
            text = "".join(texts).encode("utf-8")
            if len(text) == sum(map(len, texts)):
                text_ends = array("I", itertools.accumulate(map(len, texts)))
            else:
                text_ends = array("I", itertools.accumulate(len(s.encode("utf-8")) for s in texts))
        except UnicodeEncodeError as error:
            raise ValidationError(f"string is not valid Unicode: {error.reason}", "INVALID_UTF8") from None
        blob_ends = array("I", itertools.accumulate(map(len, self.blobs)))
        blobs = b"".join(self.blobs)
        parts = (self.nums, self.bigs, text_ends, blob_ends)
        buffer = b"".join([part.tobytes() for part in parts] + [text, blobs])
        counts = (len(self.nums), len(self.bigs), len(text_ends), len(blob_ends), len(text), len(blobs))
        return buffer, counts

    # ------------------------------------------------------------------ writers

    def _writer(self, node_id):
        fn = self._table.get(node_id)
        if fn is None:
            if node_id in self._building:  # a recursive type: look it up when called
                table = self._table
                return lambda value: table[node_id](value)
            self._building.add(node_id)
            fn = self._build(node_id)
            self._building.discard(node_id)
            self._table[node_id] = fn
        return fn

    def _build(self, node_id):
        node = self._nodes[node_id]
        op = node["op"]
        logical = node.get("logical") if self._logical else None
        num = self.nums.append
        big = self.bigs.append
        text = self.texts.append
        blob = self.blobs.append

        def long_value(v):
            if type(v) is int or (isinstance(v, numbers.Integral) and not isinstance(v, bool)):
                v = int(v)
                if -SAFE <= v <= SAFE:
                    num(v)
                elif LONG_MIN <= v <= LONG_MAX:
                    num(NAN)
                    big(v)
                else:
                    raise Mismatch(f"{v} is out of range for long")
                return
            raise expected("a long (int)", v)

        if op == "null":

            def write(v):
                if v is not None:
                    raise expected("None", v)

        elif op == "boolean":

            def write(v):
                if v is True:
                    num(1)
                elif v is False:
                    num(0)
                else:
                    raise expected("a boolean", v)

        elif op == "int":
            if logical == "date":

                def write(v):
                    if isinstance(v, datetime.date):
                        num(v.toordinal() - EPOCH_DAYS)
                    elif isinstance(v, str):
                        num(datetime.date.fromisoformat(v).toordinal() - EPOCH_DAYS)
                    else:
                        int_value(v)

            elif logical == "time-millis":

                def write(v):
                    if isinstance(v, datetime.time):
                        num(((v.hour * 60 + v.minute) * 60 + v.second) * 1000 + v.microsecond // 1000)
                    else:
                        int_value(v)

            else:

                def write(v):
                    if type(v) is int and INT_MIN <= v <= INT_MAX:
                        num(v)
                    else:
                        int_value(v)

            def int_value(v):
                if type(v) is int or (isinstance(v, numbers.Integral) and not isinstance(v, bool)):
                    v = int(v)
                    if INT_MIN <= v <= INT_MAX:
                        num(v)
                        return
                    raise Mismatch(f"{v} is out of range for int")
                raise expected("an int", v)

        elif op == "long":
            if logical in ("timestamp-millis", "local-timestamp-millis"):
                local = logical.startswith("local")

                def write(v):
                    if isinstance(v, datetime.datetime):
                        num(_epoch_micros(v, local) // 1000)
                    else:
                        long_value(v)

            elif logical == "time-micros":

                def write(v):
                    if isinstance(v, datetime.time):
                        num(((v.hour * 60 + v.minute) * 60 + v.second) * 10**6 + v.microsecond)
                    else:
                        long_value(v)

            else:

                def write(v):
                    if type(v) is int and -SAFE <= v <= SAFE:
                        num(v)
                    else:
                        long_value(v)

        elif op in ("float", "double"):

            def write(v):
                if type(v) is float:
                    num(v)
                elif isinstance(v, numbers.Real) and not isinstance(v, bool):
                    try:
                        num(float(v))
                    except OverflowError:
                        raise Mismatch(f"{describe(v)} is out of range for {op}") from None
                else:
                    raise expected(f"a {op} (float)", v)

        elif op == "string":
            if logical == "uuid":

                def write(v):
                    if type(v) is str:
                        text(v)
                    elif isinstance(v, uuid.UUID):
                        text(str(v))
                    else:
                        raise expected("a UUID (uuid.UUID or str)", v)

            else:

                def write(v):
                    if type(v) is str or isinstance(v, str):
                        text(v)
                    else:
                        raise expected("a string", v)

        elif op == "bytes":

            def write(v):
                if type(v) is bytes or isinstance(v, (bytes, bytearray, memoryview)):
                    blob(v)
                else:
                    raise expected("bytes", v)

        elif op == "fixed":
            size = node["size"]

            def write(v):
                if isinstance(v, (bytes, bytearray, memoryview)) and len(v) == size:
                    blob(v)
                else:
                    raise expected(f"{size} bytes (fixed {node['name']})", v)

        elif op == "enum":
            index = {symbol: i for i, symbol in enumerate(node["symbols"])}

            def write(v):
                try:
                    i = index.get(v)
                except TypeError:
                    i = None
                if i is None:
                    raise expected(f"one of {node['name']}'s symbols {node['symbols']}", v)
                num(i)

        elif op == "array":
            write = self._array(node)

        elif op == "map":
            item = self._writer(node["items"])

            def write(v):
                if type(v) is not dict and not isinstance(v, Mapping):
                    raise expected("a map (dict)", v)
                num(len(v))
                key = None
                try:
                    for key, x in v.items():
                        if type(key) is not str:
                            raise expected("a str map key", key)
                        text(key)
                        item(x)
                except Mismatch as m:
                    m.path.append(f"[{key!r}]")
                    raise

        elif op == "record":
            write = self._record(node_id, node)

        elif op == "union":
            write = self._union(node)

        elif op in ("decimal", "big-decimal"):
            scale = node.get("scale")

            def write(v):
                if isinstance(v, decimal.Decimal):
                    if not v.is_finite():
                        raise Mismatch(f"{v} is not a finite decimal")
                    text(str(v))
                elif isinstance(v, int) and not isinstance(v, bool):
                    text(str(v))
                elif isinstance(v, (bytes, bytearray)) and op == "decimal" and scale is not None:
                    # Already-encoded unscaled bytes, as fastavro passes them through.
                    text(f"{int.from_bytes(v, 'big', signed=True)}E-{scale}")
                else:
                    raise expected("a decimal.Decimal", v)

        elif op == "uuid-fixed":

            def write(v):
                if isinstance(v, uuid.UUID):
                    text(str(v))
                elif isinstance(v, str):
                    text(v)
                elif isinstance(v, (bytes, bytearray)) and len(v) == 16:
                    text(str(uuid.UUID(bytes=bytes(v))))
                else:
                    raise expected("a UUID (uuid.UUID, str or 16 bytes)", v)

        elif op in ("timestamp-micros", "timestamp-nanos"):
            local = (node.get("logical") or "").startswith("local")
            per_ms = 1000 if op == "timestamp-micros" else 10**6

            def write(v):
                if isinstance(v, datetime.datetime):
                    value = _epoch_micros(v, local) * (per_ms // 1000)
                elif isinstance(v, int) and not isinstance(v, bool):
                    value = v
                else:
                    raise expected("a datetime.datetime or an int timestamp", v)
                if not LONG_MIN <= value <= LONG_MAX:
                    raise Mismatch(f"{describe(v)} is out of range for long")
                ms, rest = divmod(value, per_ms)
                num(ms)
                num(rest * (10**6 // per_ms))

        elif op == "duration":

            def write(v):
                if isinstance(v, datetime.timedelta):
                    if v < datetime.timedelta(0):
                        raise Mismatch(f"a duration cannot be negative: {v}")
                    parts = (0, v.days, v.seconds * 1000 + v.microseconds // 1000)
                elif isinstance(v, (bytes, bytearray)) and len(v) == 12:
                    parts = struct.unpack("<III", v)
                elif isinstance(v, (tuple, list)) and len(v) == 3:
                    parts = v
                else:
                    raise expected("a datetime.timedelta or (months, days, milliseconds)", v)
                for part in parts:
                    if not (isinstance(part, int) and 0 <= part <= 0xFFFFFFFF):
                        raise Mismatch(f"duration parts are unsigned 32-bit integers, got {describe(part)}")
                    num(part)

        else:  # pragma: no cover - the core's op list is closed
            raise ValueError(f"internal: unknown program op {op}")
        return write

    # Records and arrays are generated as straight-line Python (exec of code
    # built from the schema, no user input in it): one function call per
    # record instead of one per field, and plain values written inline.
    # Anything the inline checks do not take goes to the field's full writer.

    def _inline(self, node_id, var, fallback, env, indent):
        """Lines writing `var` (of node `node_id`), calling `fallback` for anything unusual."""
        node = self._nodes[node_id]
        op = node["op"]
        pad = " " * indent
        logical = node.get("logical") if self._logical else None
        checks = {
            "boolean": None,
            "int": f"type({var}) is int and INT_MIN <= {var} <= INT_MAX",
            "long": f"type({var}) is int and -SAFE <= {var} <= SAFE",
            "float": f"type({var}) is float",
            "double": f"type({var}) is float",
            "string": f"type({var}) is str",
            "bytes": f"type({var}) is bytes",
        }
        if op == "boolean" and not logical:
            return [f"{pad}if {var} is True:", f"{pad}    num(1)", f"{pad}elif {var} is False:", f"{pad}    num(0)",
                    f"{pad}else:", f"{pad}    {fallback}({var})"]
        if op in checks and not logical:
            store = {"string": "text", "bytes": "blob"}.get(op, "num")
            return [f"{pad}if {checks[op]}:", f"{pad}    {store}({var})", f"{pad}else:", f"{pad}    {fallback}({var})"]
        if op == "union" and len(node["branches"]) == 2:
            kinds = [self._nodes[b] for b in node["branches"]]
            nulls = [i for i, k in enumerate(kinds) if k["op"] == "null"]
            other = 1 - nulls[0] if nulls else -1
            if other >= 0 and kinds[other]["op"] in checks and kinds[other]["op"] != "boolean" and not (
                self._logical and kinds[other].get("logical")
            ):
                inner_op = kinds[other]["op"]
                store = {"string": "text", "bytes": "blob"}.get(inner_op, "num")
                return [
                    f"{pad}if {var} is None:",
                    f"{pad}    num({nulls[0]})",
                    f"{pad}elif {checks[inner_op]}:",
                    f"{pad}    num({other})",
                    f"{pad}    {store}({var})",
                    f"{pad}else:",
                    f"{pad}    {fallback}({var})",
                ]
        return [f"{pad}{fallback}({var})"]

    def _compile(self, lines, env):
        env.update(num=self.nums.append, text=self.texts.append, blob=self.blobs.append, SAFE=SAFE,
                   INT_MIN=INT_MIN, INT_MAX=INT_MAX, Mismatch=Mismatch, Mapping=Mapping, expected=expected,
                   as_sequence=_as_sequence)
        exec("\n".join(lines), env)  # noqa: S102 - generated from the schema's program, see above
        return env["write"]

    def _array(self, node):
        item = node["items"]
        env = {"ITEM": self._writer(item)}
        lines = ["def write(v):",
                 "    if type(v) is not list and type(v) is not tuple:",
                 "        v = as_sequence(v)",
                 "    num(len(v))",
                 "    i = 0",
                 "    try:",
                 "        for i, x in enumerate(v):"]
        lines += self._inline(item, "x", "ITEM", env, 12)
        lines += ["    except Mismatch as m:", "        m.path.append(f'[{i}]')", "        raise"]
        return self._compile(lines, env)

    def _record(self, node_id, node):
        defaults = self.compiled.defaults()
        names = [field["name"] for field in node["fields"]]
        required = set()
        env = {"NAMES": names, "WHAT": f"a {node['name']} record (dict)"}
        body = []
        for i, field in enumerate(node["fields"]):
            has_default = "default" in field  # the hex of its encoding, "" for a null default
            env[f"K{i}"] = field["name"]
            env[f"D{i}"] = defaults.get((node_id, i)) if has_default else None
            env[f"W{i}"] = self._writer(field["type"])
            if not has_default:
                required.add(field["name"])
            body.append(f"        f = {i}")
            body.append(f"        x = get(K{i}, D{i})")
            body += self._inline(field["type"], "x", f"W{i}", env, 8)
        known = frozenset(names)
        allow_default = self._allow_default

        def check_strict(v):
            extra = [k for k in v if k not in known and k != "-type"]
            if extra:
                raise Mismatch(f"record contains more fields than the schema specifies: {extra}")
            missing = [n for n in names if n not in v and (not allow_default or n in required)]
            if missing:
                raise Mismatch(f"field(s) {missing} are missing from the record")

        env["check_strict"] = check_strict
        lines = ["def write(v):",
                 "    if type(v) is not dict and not isinstance(v, Mapping):",
                 "        raise expected(WHAT, v)"]
        if self._strict:
            lines.append("    check_strict(v)")
        if not names:
            return self._compile(lines, env)
        lines += ["    get = v.get", "    f = 0", "    try:"] + body
        lines += ["    except Mismatch as m:", "        m.path.append('.' + NAMES[f])", "        raise"]
        return self._compile(lines, env)

    def _accept(self, node_id):
        """A cheap test of whether a value could be of this branch's type (fastavro's union matching)."""
        accept = self._accepts.get(node_id)
        if accept is not None:
            return accept
        node = self._nodes[node_id]
        op = node["op"]
        logical = node.get("logical") if self._logical else None
        integral = lambda v: isinstance(v, int) and not isinstance(v, bool)  # noqa: E731
        if op == "null":
            accept = lambda v: v is None  # noqa: E731
        elif op == "boolean":
            accept = lambda v: isinstance(v, bool)  # noqa: E731
        elif op == "int" and logical == "date":
            accept = lambda v: integral(v) or isinstance(v, datetime.date)  # noqa: E731
        elif op == "int" and logical == "time-millis" or op == "long" and logical == "time-micros":
            accept = lambda v: integral(v) or isinstance(v, datetime.time)  # noqa: E731
        elif op == "long" and logical in ("timestamp-millis", "local-timestamp-millis") or op in (
            "timestamp-micros",
            "timestamp-nanos",
        ):
            accept = lambda v: integral(v) or isinstance(v, datetime.datetime)  # noqa: E731
        elif op == "int":
            accept = lambda v: integral(v) and INT_MIN <= v <= INT_MAX  # noqa: E731
        elif op == "long":
            accept = lambda v: integral(v) and LONG_MIN <= v <= LONG_MAX  # noqa: E731
        elif op in ("float", "double"):
            accept = lambda v: isinstance(v, (int, float, numbers.Real)) and not isinstance(v, bool)  # noqa: E731
        elif op == "string":
            kinds = (str, uuid.UUID) if logical == "uuid" else str
            accept = lambda v: isinstance(v, kinds)  # noqa: E731
        elif op == "bytes":
            accept = lambda v: isinstance(v, (bytes, bytearray, memoryview))  # noqa: E731
        elif op == "fixed":
            size = node["size"]
            accept = lambda v: isinstance(v, (bytes, bytearray, memoryview)) and len(v) == size  # noqa: E731
        elif op == "enum":
            symbols = frozenset(node["symbols"])
            accept = lambda v: isinstance(v, str) and v in symbols  # noqa: E731
        elif op == "array":
            accept = lambda v: isinstance(v, (list, tuple)) or _is_sequence(v)  # noqa: E731
        elif op == "map":
            accept = lambda v: isinstance(v, Mapping)  # noqa: E731
        elif op == "record":
            name = node["name"]
            short = name.rsplit(".", 1)[-1]
            accept = lambda v: isinstance(v, Mapping) and v.get("-type", name) in (name, short)  # noqa: E731
        elif op in ("decimal", "big-decimal"):
            accept = lambda v: isinstance(v, decimal.Decimal) or isinstance(v, (bytes, bytearray))  # noqa: E731
        elif op == "uuid-fixed":
            accept = lambda v: isinstance(v, (uuid.UUID, str)) or _is_bytes(v, 16)  # noqa: E731
        elif op == "duration":
            accept = lambda v: isinstance(v, datetime.timedelta) or _is_bytes(v, 12)  # noqa: E731
        else:
            accept = lambda v: True  # noqa: E731
        self._accepts[node_id] = accept
        return accept

    def _union(self, node):
        branches = node["branches"]
        kinds = [self._nodes[b] for b in branches]
        null_index = next((i for i, k in enumerate(kinds) if k["op"] == "null"), -1)
        num = self.nums.append
        writers = [self._writer(b) for b in branches]

        names = {}
        for i, k in enumerate(kinds):
            if "name" in k:
                names.setdefault(k["name"], i)
                names.setdefault(k["name"].rsplit(".", 1)[-1], i)
            else:
                names.setdefault(k["kind"], i)
                names.setdefault(k["op"], i)
        accepts = [self._accept(b) for b in branches]
        tuples = self._tuples
        tape = self

        def write(v):
            if v is None and null_index >= 0:
                num(null_index)
                return
            if tuples and type(v) is tuple:
                if len(v) != 2 or not isinstance(v[0], str):
                    raise expected("a (type name, value) tuple", v)
                index = names.get(v[0])
                if index is None:
                    raise Mismatch(f"union type name {v[0]!r} not found in the union {sorted(names)}")
                num(index)
                writers[index](v[1])
                return
            index = choose(v)
            num(index)
            writers[index](v)

        def fits(i, v):
            mark = tape.mark()
            try:
                writers[i](v)
                return True
            except Mismatch:
                return False
            finally:
                tape.rewind(mark)

        # fastavro's choice: the first branch the value is valid for, except
        # that a float prefers a later double and a dict takes the record
        # branch that shares the most field names.
        def choose(v):
            candidates = [i for i, accept in enumerate(accepts) if accept(v)]
            if len(candidates) == 1:
                return candidates[0]
            best, most_fields, could_be_float = -1, -1, False
            for i in candidates:
                op = kinds[i]["op"]
                if could_be_float:
                    if op == "double":
                        return i
                    continue
                if not fits(i, v):
                    continue
                if op == "record":
                    shared = len({f["name"] for f in kinds[i]["fields"]}.intersection(v))
                    if shared > most_fields:
                        best, most_fields = i, shared
                elif op == "float":
                    best, could_be_float = i, True
                else:
                    return i
            if best < 0:
                raise expected(f"a value of one of the union's types {[k.get('name', k['kind']) for k in kinds]}", v)
            return best

        if len(branches) != 2 or null_index < 0:
            return write

        # ['null', X], the common optional value: no branch search.
        other = 1 - null_index
        write_other = writers[other]

        def write_optional(v):
            if v is None:
                num(null_index)
            elif tuples and type(v) is tuple:
                write(v)
            else:
                num(other)
                write_other(v)

        return write_optional


def _epoch_micros(v, local):
    """Microseconds since the epoch: aware datetimes in UTC, naive ones (and local-timestamp-*) as wall clock."""
    if local:
        delta = v.replace(tzinfo=None) - EPOCH_NAIVE
    elif v.tzinfo is not None:
        delta = v - EPOCH_UTC
    else:
        delta = v - EPOCH_NAIVE
    return (delta.days * 86400 + delta.seconds) * 10**6 + delta.microseconds


def _is_bytes(v, size):
    return isinstance(v, (bytes, bytearray)) and len(v) == size


def _is_sequence(v):
    return hasattr(v, "__len__") and hasattr(v, "__iter__") and not isinstance(v, (str, bytes, bytearray, Mapping))


def _as_sequence(v):
    if _is_sequence(v):
        return list(v)
    raise expected("an array (list)", v)
