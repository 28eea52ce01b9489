function(avro_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
                                           -Wno-sign-conversion -Werror=return-type)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    # GCC 12 reports false -Wrestrict positives inside std::string concatenation.
    target_compile_options(${target} PRIVATE -Wno-restrict)
  endif()
  if(NOT EMSCRIPTEN)
    # The core must build without exceptions or RTTI, exactly as it does in wasm.
    target_compile_options(${target} PRIVATE -fno-exceptions -fno-rtti)
  endif()
endfunction()
