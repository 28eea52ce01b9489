// The JavaScript half of avro_wasm's bridge, evaluated once by _loader.py
// with pyodide.code.run_js. Python calls these helpers once per block or
// batch; each one does a whole step (copy bytes in, run a core call, hand
// back a view of the output) so no per-value work crosses the bridge.
// Arguments named `pybuf` are PyProxies of Python buffers (bytes,
// bytearray, memoryview): their memory is Pyodide's, not this module's, and
// is read once with getBuffer() and released before returning.
(function (createAvroModule) {
  'use strict';
  const EVENT_BLOCK = 2;
  const SLICE = 1 << 20; // the container reader is fed at most 1 MiB at a time
  // Slots of ContainerDecoder::stats() (wasm/container_handles.h).
  const S_COUNT = 0;
  const S_OFFSET = 1;
  const S_SIZE = 3;
  const S_DATA_SIZE = 4;
  const S_DECODED = 5;
  const H_CONSUMED = 14; // AvroType header slot (wasm/avro_type.h)

  function bind(mod) {
    if (typeof mod.AvroType !== 'function' || typeof mod.PyConverter !== 'function') {
      throw new Error('avro_wasm: the WebAssembly module did not initialise (or lacks the Python converters)');
    }
    // Copies a Python buffer into memory `reserve(size)` returns.
    const copyIn = (pybuf, reserve) => {
      const buffer = pybuf.getBuffer('u8');
      try {
        const data = buffer.data;
        const pointer = reserve(data.length); // may grow memory: read HEAPU8 after
        mod.HEAPU8.set(data, pointer);
        return data.length;
      } finally {
        buffer.release();
      }
    };
    // A view of the [pointer, length] a handle published; Python copies it out at once.
    const view = (slots) => {
      const s = slots >>> 2;
      const u32 = mod.HEAPU32;
      return mod.HEAPU8.subarray(u32[s], u32[s] + u32[s + 1]);
    };
    return {
      mod,
      output: (handle) => view(handle.output()),
      stage: (converter, pybuf) => copyIn(pybuf, (size) => converter.stage(size)),
      heapSize: () => mod.HEAPU8.length,

      feed(decoder, pybuf) {
        const buffer = pybuf.getBuffer('u8');
        try {
          const data = buffer.data;
          for (let i = 0; i < data.length; i += SLICE) {
            const part = data.subarray(i, i + SLICE);
            const pointer = decoder.reserve(part.length); // may grow memory: read HEAPU8 after
            mod.HEAPU8.set(part, pointer);
            decoder.commit(part.length);
          }
          return data.length;
        } finally {
          buffer.release();
        }
      },

      // Advances the container reader. Returns [event] for need-input,
      // header, end and error (-1); for a block, decodes it onto `type`'s
      // tape and converts it (rows, or columns when `columns` is a field
      // list), returning [event, count, offset, size, dataSize, status,
      // decoded]: status 0 ok, 1 decode error (decoded records are on the
      // tape), 2 conversion error.
      nextBlock(decoder, type, resolver, converter, columns) {
        const event = decoder.next();
        if (event !== EVENT_BLOCK) return [event];
        const stats = decoder.stats() >>> 3;
        const f64 = mod.HEAPF64;
        const count = f64[stats + S_COUNT];
        const info = [event, count, f64[stats + S_OFFSET], f64[stats + S_SIZE], f64[stats + S_DATA_SIZE], 0, count];
        const status = resolver ? decoder.decodeBlockResolved(type, resolver) : decoder.decodeBlock(type);
        if (status !== 0) {
          info[5] = 1;
          info[6] = mod.HEAPF64[stats + S_DECODED];
          return info;
        }
        const converted = columns === undefined ? converter.rows(type, count) : converter.columns(type, count, columns);
        if (converted !== 0) info[5] = 2;
        return info;
      },

      // Decodes one datum from a Python buffer: [status, bytes consumed].
      decodeOne(type, resolver, pybuf, requireComplete) {
        const size = copyIn(pybuf, (n) => type.input(n));
        const mode = requireComplete ? 1 : 0; // AvroType::DecodeMode: kExact or kPrefix
        const status = resolver ? type.decodeResolved(resolver, size, mode) : type.decode(size, mode);
        return [status, status === 0 ? mod.HEAPU32[(type.header() >>> 2) + H_CONSUMED] : 0];
      },

      // Avro JSON lines from a Python buffer -> `target`'s tape; the datum count or -1.
      jsonRead(converter, writer, target, resolver, pybuf) {
        const size = copyIn(pybuf, (n) => converter.stage(n));
        return converter.jsonRead(writer, target, resolver ?? null, size);
      },

      // Stages an encode tape Python laid out in one buffer and loads it into `type`.
      loadTape(converter, type, pybuf, nums, bigs, textEnds, blobEnds, text, blobs) {
        copyIn(pybuf, (size) => converter.stage(size));
        return converter.loadTape(type, nums, bigs, textEnds, blobEnds, text, blobs);
      },
    };
  }

  return {
    // Synchronous: Node and web workers may compile a large module synchronously.
    instantiate(wasmBinary) {
      const mod = { wasmBinary };
      createAvroModule(mod);
      return bind(mod);
    },
    // Browsers' main threads only compile large modules asynchronously.
    compile: (wasmBinary) => WebAssembly.compile(wasmBinary),
    instantiateCompiled(compiled) {
      const mod = {
        instantiateWasm(imports, receive) {
          const instance = new WebAssembly.Instance(compiled, imports);
          receive(instance, compiled);
          return instance.exports;
        },
      };
      createAvroModule(mod);
      return bind(mod);
    },
    isBrowserMainThread: () => typeof window === 'object' && typeof document === 'object',
  };
});
