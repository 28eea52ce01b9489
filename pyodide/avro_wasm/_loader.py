"""Loads the WebAssembly core into the running Pyodide.

The wheel ships the core's synchronous JS glue (avro_wasm_sync.cjs, linked
with -sWASM_ASYNC_COMPILATION=0) and the .wasm shared with the npm package.
Both are evaluated with ``pyodide.code.run_js``: the glue defines the module
factory, _bridge.js wraps it with the few helpers Python calls per block.
Node and web workers may compile a large module synchronously, so there
``import avro_wasm`` is enough; a browser's main thread may not, so there
``await avro_wasm.load()`` must run first.
"""

import json
import os

from ._errors import from_core

_HERE = os.path.dirname(os.path.abspath(__file__))
GLUE_FILE = "avro_wasm_sync.cjs"
WASM_FILE = "avro_wasm.wasm"
BRIDGE_FILE = "_bridge.js"

MAIN_THREAD_MESSAGE = (
    "avro_wasm: a browser's main thread cannot compile the WebAssembly module "
    "synchronously. Run `await avro_wasm.load()` once before using avro_wasm "
    "(in a web worker and in Node, `import avro_wasm` is enough)."
)

_runtime = None
_factories = []  # the evaluated glue + bridge, kept for load() after a main-thread import


class Runtime:
    """The instantiated module (``mod``), the JS helpers (``bridge``) and the error code names."""

    def __init__(self, bridge):
        self.bridge = bridge
        self.mod = bridge.mod
        self.code_names = json.loads(self.mod.errorCodeNames())

    def error(self, handle, context):
        """The exception for the error `handle` holds (its slot is cleared)."""
        return from_core(handle.takeError(), self.code_names, context)


def _read(name, mode="rb"):
    with open(os.path.join(_HERE, name), mode) as f:
        return f.read()


def _factory():
    if _factories:
        return _factories[0]
    try:
        from pyodide.code import run_js
    except ImportError as error:  # pragma: no cover - only outside Pyodide
        raise ImportError(
            "avro_wasm runs inside Pyodide (it drives a WebAssembly module through Pyodide's JS bridge)"
        ) from error
    glue = _read(GLUE_FILE, "r")
    # The glue is a UMD-style script: give it a private `module` (and hide
    # any AMD `define`) so it defines nothing global.
    create = run_js(
        "(function () { var module = { exports: {} }; var exports = module.exports; var define;\n"
        + glue
        + "\nreturn module.exports; })()"
    )
    _factories.append(run_js(_read(BRIDGE_FILE, "r"))(create))
    return _factories[0]


def _wasm_bytes():
    from pyodide.ffi import to_js

    return to_js(_read(WASM_FILE))


def runtime():
    """The loaded module; loads it synchronously on first use where that is allowed."""
    global _runtime
    if _runtime is None:
        factory = _factory()
        if factory.isBrowserMainThread():
            raise RuntimeError(MAIN_THREAD_MESSAGE)
        _runtime = Runtime(factory.instantiate(_wasm_bytes()))
    return _runtime


def is_loaded():
    return _runtime is not None


async def load():
    """Loads the module asynchronously (required once on a browser's main thread; harmless elsewhere)."""
    global _runtime
    if _runtime is None:
        factory = _factory()
        compiled = await factory.compile(_wasm_bytes())
        if _runtime is None:
            _runtime = Runtime(factory.instantiateCompiled(compiled))
    return _runtime


def try_load_now():
    """Loads at import time where synchronous loading is allowed; on a main thread waits for load()."""
    if not _factory().isBrowserMainThread():
        runtime()
