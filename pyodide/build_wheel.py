#!/usr/bin/env python3
"""Writes the avro_wasm wheel: the Python package, the core's synchronous JS glue and the .wasm.

    python3 pyodide/build_wheel.py [--glue build/wasm/avro_wasm_sync.cjs]
                                   [--wasm dist/avro_wasm.wasm] [--out dist]

Paths are relative to the repository root. The wheel is pure Python
(py3-none-any): Pyodide installs it with ``pyodide.unpackArchive(bytes,
'wheel')`` or ``micropip.install(url)``. It is reproducible: entries are
sorted and carry a fixed timestamp. Standard library only; when Node is on
PATH the glue is checked to instantiate the .wasm first.
"""

import argparse
import base64
import hashlib
import os
import re
import shutil
import subprocess
import sys
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PACKAGE = "avro_wasm"
PACKAGE_DIR = os.path.join(ROOT, "pyodide", PACKAGE)
DIST_NAME = "avro-wasm"
FIXED_TIME = (1980, 1, 1, 0, 0, 0)
GLUE_NAME = "avro_wasm_sync.cjs"
WHEEL = "Wheel-Version: 1.0\nGenerator: avro-wasm build_wheel.py\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
WASM_NAME = "avro_wasm.wasm"


def package_version():
    with open(os.path.join(PACKAGE_DIR, "__init__.py"), encoding="utf-8") as f:
        match = re.search(r'^__version__ = "([^"]+)"', f.read(), re.MULTILINE)
    if not match:
        sys.exit("build_wheel: no __version__ in avro_wasm/__init__.py")
    return match.group(1)


def package_files():
    """(archive name, bytes) of the package's own sources."""
    out = []
    for name in sorted(os.listdir(PACKAGE_DIR)):
        if name.endswith((".py", ".js")):
            with open(os.path.join(PACKAGE_DIR, name), "rb") as f:
                out.append((f"{PACKAGE}/{name}", f.read()))
    return out


def record_hash(data):
    digest = hashlib.sha256(data).digest()
    return "sha256=" + base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def metadata(version):
    readme_path = os.path.join(ROOT, "pyodide", "README.md")
    with open(readme_path, encoding="utf-8") as f:
        readme = f.read()
    return (
        "Metadata-Version: 2.1\n"
        f"Name: {DIST_NAME}\n"
        f"Version: {version}\n"
        "Summary: fastavro's API for Pyodide on avro-wasm's WebAssembly Avro core\n"
        "License: Apache-2.0\n"
        "Requires-Python: >=3.10\n"
        "Classifier: Programming Language :: Python :: 3\n"
        "Classifier: Framework :: Pyodide\n"
        "Description-Content-Type: text/markdown\n"
        "\n" + readme
    ).encode("utf-8")


NODE_CHECK = """
const fs = require('fs');
const create = require(process.argv[1]);
const mod = { wasmBinary: fs.readFileSync(process.argv[2]) };
create(mod);
if (typeof mod.PyConverter !== 'function') throw new Error('the module has no PyConverter (wasm/python)');
"""


def check_pair(glue_path, wasm_path):
    """Instantiates the glue with the .wasm in Node when Node is there: the two
    must come from the same link (Emscripten minifies import names per link,
    so a stale pair would only fail in the user's Pyodide) and the module
    must carry the Python converters."""
    node = shutil.which("node")
    if node is None:
        print("build_wheel: node not found; the glue/wasm pair is not checked", file=sys.stderr)
        return
    result = subprocess.run([node, "-e", NODE_CHECK, glue_path, wasm_path], capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"build_wheel: {glue_path} does not instantiate {wasm_path} (rebuild both):\n{result.stderr[-2000:]}")


def build(glue_path, wasm_path, out_dir):
    version = package_version()
    for path in (glue_path, wasm_path):
        if not os.path.isfile(path):
            sys.exit(f"build_wheel: {path} does not exist (build the wasm module first)")
    with open(glue_path, "rb") as f:
        glue = f.read()
    with open(wasm_path, "rb") as f:
        wasm = f.read()
    if not wasm.startswith(b"\0asm"):
        sys.exit(f"build_wheel: {wasm_path} is not a WebAssembly module")
    check_pair(glue_path, wasm_path)
    info = f"{DIST_NAME.replace('-', '_')}-{version}.dist-info"
    files = package_files() + [(f"{PACKAGE}/{GLUE_NAME}", glue), (f"{PACKAGE}/{WASM_NAME}", wasm)]
    files += [
        (f"{info}/METADATA", metadata(version)),
        (f"{info}/WHEEL", WHEEL.encode("ascii")),
        (f"{info}/top_level.txt", f"{PACKAGE}\n".encode("ascii")),
    ]
    record = "".join(f"{name},{record_hash(data)},{len(data)}\n" for name, data in files)
    record += f"{info}/RECORD,,\n"
    files.append((f"{info}/RECORD", record.encode("utf-8")))

    os.makedirs(out_dir, exist_ok=True)
    wheel_path = os.path.join(out_dir, f"{DIST_NAME.replace('-', '_')}-{version}-py3-none-any.whl")
    temporary = wheel_path + ".tmp"
    with zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, data in files:
            entry = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            archive.writestr(entry, data)
    os.replace(temporary, wheel_path)
    return wheel_path


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--glue", default="build/wasm/avro_wasm_sync.cjs", help="the synchronous JS glue")
    parser.add_argument("--wasm", default="dist/avro_wasm.wasm", help="the WebAssembly module")
    parser.add_argument("--out", default="dist", help="output directory")
    args = parser.parse_args(argv)
    resolve = lambda p: p if os.path.isabs(p) else os.path.join(ROOT, p)  # noqa: E731
    print(build(resolve(args.glue), resolve(args.wasm), resolve(args.out)))


if __name__ == "__main__":
    main(sys.argv[1:])
