#!/usr/bin/env python3
"""Second reference reader: Apache avro-c's `avrocat` (Debian package avro-bin,
found on PATH or through the AVROCAT environment variable).

Usage:
    avrocat_dump.py FILE...          or a JSON list of paths on stdin

avrocat prints each record as one line of JSON in the Avro JSON encoding
(unions as {"<branch name>": value}, with avro-c's short names for named
types; bytes and fixed as strings of code points 0-255). This script runs
avrocat once per file, parses its lines with Python's json module (integers
stay exact, 17-digit floats parse to the exact double), and converts them
into the same normalized form as pyavro_dump.py (unions unwrapped, bytes as
{"$bytes": hex}, |long| > 2^53 as {"$long": "..."}), guided by the writer
schema read from the file header by pyavro_dump's own header parser.

Prints ONE JSON document:
    {"avrocat": "<path>", "files": [{path, records, rc, stderr,
      codec}, ...]}

Known limitations of avrocat 1.11.1 (the callers model them, see
avrocatView in tests/js/reference.cjs):
  * codecs: null, deflate, snappy and avro-c's own "lzma" (raw LZMA2, not the
    spec's xz); zstandard, bzip2 and xz files are rejected when opened
    ("File header contains an unknown codec");
  * its JSON output stops at the first NUL character of a string, bytes or
    fixed value (and of a map key): avro-c hands jansson NUL-terminated
    strings;
  * a record holding a NaN or infinite float/double is not printed at all
    ("Cannot allocate JSON double" on stderr; exit status still 0).
"""

import json
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pyavro_dump  # noqa: E402  (own header parser and normalization)

PRIMITIVES = {"null", "boolean", "int", "long", "float", "double", "bytes", "string"}


class Schemas:
    """Resolves named types of a schema JSON (full names, namespaces) without python3-avro."""

    def __init__(self, root):
        self.named = {}
        self.root = self.index(root, None)

    def index(self, node, ns):
        if isinstance(node, str):
            return node if node in PRIMITIVES else ("ref", node if "." in node or not ns else f"{ns}.{node}", node)
        if isinstance(node, list):
            return ("union", [self.index(b, ns) for b in node])
        t = node.get("type")
        if t in ("record", "error", "enum", "fixed"):
            name = node["name"]
            space = node.get("namespace", ns) if "." not in name else name.rsplit(".", 1)[0]
            short = name.rsplit(".", 1)[-1]
            full = f"{space}.{short}" if space else short
            entry = {"kind": "record" if t == "error" else t, "full": full, "short": short}
            self.named[full] = entry
            if t in ("record", "error"):
                entry["fields"] = [(f["name"], self.index(f["type"], space)) for f in node["fields"]]
            return ("named", full)
        if t == "array":
            return ("array", self.index(node["items"], ns))
        if t == "map":
            return ("map", self.index(node["values"], ns))
        return self.index(t, ns)  # {"type": "int", "logicalType": ...}

    def lookup(self, ref):
        if ref[0] == "ref":
            full, raw = ref[1], ref[2]
            if full in self.named:
                return ("named", full)
            if raw in self.named:  # a name in the null namespace referenced from inside a namespace
                return ("named", raw)
            raise KeyError(f"unknown type {raw}")
        return ref

    def branch_name(self, s):
        s = self.lookup(s)
        if isinstance(s, str):
            return {s}
        if s[0] == "named":
            entry = self.named[s[1]]
            return {entry["full"], entry["short"]}
        return {s[0]}

    def convert(self, s, v):
        s = self.lookup(s)
        if isinstance(s, str):
            if s == "null":
                assert v is None, f"null expected, got {v!r}"
                return None
            if s == "boolean":
                assert isinstance(v, bool)
                return v
            if s in ("int", "long"):
                assert isinstance(v, int) and not isinstance(v, bool)
                return pyavro_dump.normalize(v)
            if s in ("float", "double"):
                return pyavro_dump.normalize(float(v))
            if s == "bytes":
                return {"$bytes": v.encode("latin-1").hex()}
            return v
        kind = s[0]
        if kind == "union":
            if v is None:
                return None
            assert isinstance(v, dict) and len(v) == 1, f"union value {v!r}"
            key, inner = next(iter(v.items()))
            for b in s[1]:
                if key in self.branch_name(b):
                    return self.convert(b, inner)
            raise KeyError(f"no union branch named {key}")
        if kind == "array":
            return [self.convert(s[1], x) for x in v]
        if kind == "map":
            return {k: self.convert(s[1], x) for k, x in v.items()}
        entry = self.named[s[1]]
        if entry["kind"] == "fixed":
            return {"$bytes": v.encode("latin-1").hex()}
        if entry["kind"] == "enum":
            return v
        return {name: self.convert(t, v[name]) for name, t in entry["fields"]}


def dump(path, avrocat):
    out = {"path": path, "records": [], "rc": None, "stderr": ""}
    with open(path, "rb") as f:
        header = pyavro_dump.parse_header(f.read())
    codec = header["meta"].get("avro.codec", b"null").decode()
    out["codec"] = codec
    schemas = Schemas(json.loads(header["meta"]["avro.schema"].decode("utf-8")))
    proc = subprocess.run([avrocat, path], capture_output=True, check=False)
    out["rc"] = proc.returncode
    out["stderr"] = proc.stderr.decode("utf-8", "replace")
    for line in proc.stdout.decode("utf-8").splitlines():
        out["records"].append(schemas.convert(schemas.root, json.loads(line)))
    return out


def main(argv):
    paths = argv or json.load(sys.stdin)
    avrocat = os.environ.get("AVROCAT") or shutil.which("avrocat")
    files = []
    if not avrocat:
        print(json.dumps({"avrocat": None, "files": []}))
        return 0
    for path in paths:
        try:
            files.append(dump(path, avrocat))
        except Exception as exc:  # noqa: BLE001 - reported per file
            files.append({"path": path, "fatal": {"type": type(exc).__name__, "message": str(exc)}})
    json.dump({"avrocat": avrocat, "files": files}, sys.stdout, allow_nan=False)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
