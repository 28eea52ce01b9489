# Header-only dependencies come from Debian packages (libfast-float-dev).
# The wasm build must not see the rest of /usr/include (glibc headers), so it
# gets a directory holding only a link to fast_float/.
find_path(FAST_FLOAT_INCLUDE_DIR fast_float/fast_float.h
          PATHS /usr/include NO_CMAKE_FIND_ROOT_PATH REQUIRED)
set(AVRO_HEADER_DEPS_DIR ${FAST_FLOAT_INCLUDE_DIR})
if(EMSCRIPTEN)
  set(AVRO_HEADER_DEPS_DIR ${CMAKE_BINARY_DIR}/header_deps)
  file(MAKE_DIRECTORY ${AVRO_HEADER_DEPS_DIR})
  file(CREATE_LINK ${FAST_FLOAT_INCLUDE_DIR}/fast_float ${AVRO_HEADER_DEPS_DIR}/fast_float SYMBOLIC)
endif()
add_library(avro_header_deps INTERFACE)
# SYSTEM: third-party headers do not get our warning flags.
target_include_directories(avro_header_deps SYSTEM INTERFACE ${AVRO_HEADER_DEPS_DIR})
