"""Python values from the core: one pickle stream per block or batch."""

import gc
import pickle


def unpickle_output(runtime, handle, pause_gc=True):
    """Unpickles the bytes `handle` published (a PyConverter's output).

    The stream was written by wasm/python/tape_to_pickle.cpp from data the
    core decoded; it only builds builtins, datetime, Decimal and UUID values.
    The cyclic garbage collector is paused meanwhile: a block makes many new
    containers and none of them can form a cycle, so collections triggered
    by the allocations alone would only cost time.
    """
    data = runtime.bridge.output(handle).to_bytes()
    if not pause_gc:
        return pickle.loads(data)
    enabled = gc.isenabled()
    gc.disable()
    try:
        return pickle.loads(data)
    finally:
        if enabled:
            gc.enable()
