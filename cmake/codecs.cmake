# Block codec libraries, one target each: avro_zlib, avro_libdeflate,
# avro_zstd, avro_snappy, avro_bzip2, avro_xz. Natively they wrap Debian's
# -dev packages; under Emscripten they are compiled from the pinned upstream
# sources that scripts/fetch-codecs.sh unpacks (cmake/codecs-wasm.cmake).
# avro_codecs is the set the core links.
if(EMSCRIPTEN)
  include(${CMAKE_CURRENT_LIST_DIR}/codecs-wasm.cmake)
else()
  function(avro_find_codec target header library)
    find_path(${target}_INCLUDE_DIR ${header} REQUIRED)
    find_library(${target}_LIBRARY ${library} REQUIRED)
    add_library(${target} INTERFACE)
    target_include_directories(${target} SYSTEM INTERFACE ${${target}_INCLUDE_DIR})
    target_link_libraries(${target} INTERFACE ${${target}_LIBRARY})
  endfunction()
  avro_find_codec(avro_zlib zlib.h z)                # zlib1g-dev
  avro_find_codec(avro_libdeflate libdeflate.h deflate)  # libdeflate-dev
  avro_find_codec(avro_zstd zstd.h zstd)             # libzstd-dev
  avro_find_codec(avro_snappy snappy.h snappy)       # libsnappy-dev
  avro_find_codec(avro_bzip2 bzlib.h bz2)            # libbz2-dev
  avro_find_codec(avro_xz lzma.h lzma)               # liblzma-dev
endif()

add_library(avro_codecs INTERFACE)
target_link_libraries(avro_codecs INTERFACE avro_libdeflate avro_zlib avro_zstd avro_snappy avro_bzip2 avro_xz)
