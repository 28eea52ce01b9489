# The WebAssembly module: the same core plus the Embind seam, linked from one
# set of objects. The npm package's two links produce the same .wasm; only
# the JS glue differs:
#   avro_wasm_sync.cjs    synchronous instantiation (Node require/import with
#                         no init call); wasmBinary is supplied.
#   avro_wasm_async.mjs   ES module with async instantiation (browsers,
#                         workers, bundlers), locating the .wasm next to it.
# The Python package's converters (pickle streams, bulk encode tapes,
# wasm/python) are linked only into a third module for the wheel, so the npm
# package does not carry them (~14 KB of the gzipped .wasm):
#   avro_wasm_python.cjs  synchronous glue + avro_wasm_python.wasm (Pyodide).
file(GLOB AVRO_WASM_SOURCES CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/wasm/*.cpp)
file(GLOB AVRO_WASM_PYTHON_SOURCES CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/wasm/python/*.cpp)
add_library(avro_wasm_objects OBJECT ${AVRO_WASM_SOURCES})
target_link_libraries(avro_wasm_objects PUBLIC avro_core)
avro_set_warnings(avro_wasm_objects)
add_library(avro_wasm_python_objects OBJECT ${AVRO_WASM_PYTHON_SOURCES})
target_link_libraries(avro_wasm_python_objects PUBLIC avro_core)
target_include_directories(avro_wasm_python_objects PRIVATE ${PROJECT_SOURCE_DIR}/wasm)
avro_set_warnings(avro_wasm_python_objects)

set(AVRO_WASM_LINK_FLAGS
    --bind
    -sMODULARIZE=1
    -sEXPORT_NAME=createAvroModule
    -sENVIRONMENT=web,worker
    -sALLOW_MEMORY_GROWTH=1
    -sWASM_BIGINT=1
    -sFILESYSTEM=0
    -sNODEJS_CATCH_EXIT=0
    -sNODEJS_CATCH_REJECTION=0
    -sDISABLE_EXCEPTION_CATCHING=1
    -sDYNAMIC_EXECUTION=0  # Embind without eval/new Function: strict CSP, Cloudflare Workers
    -sTOTAL_STACK=4MB)

function(avro_wasm_link name suffix objects)
  add_executable(${name} ${objects})
  target_link_libraries(${name} PRIVATE avro_core)
  set_target_properties(${name} PROPERTIES SUFFIX ${suffix})
  target_link_options(${name} PRIVATE ${AVRO_WASM_LINK_FLAGS} ${ARGN})
endfunction()

set(_npm_objects $<TARGET_OBJECTS:avro_wasm_objects>)
avro_wasm_link(avro_wasm_sync ".cjs" "${_npm_objects}" -sWASM_ASYNC_COMPILATION=0)
avro_wasm_link(avro_wasm_async ".mjs" "${_npm_objects}" -sEXPORT_ES6=1)
avro_wasm_link(avro_wasm_python ".cjs"
               "$<TARGET_OBJECTS:avro_wasm_objects>;$<TARGET_OBJECTS:avro_wasm_python_objects>"
               -sWASM_ASYNC_COMPILATION=0)
