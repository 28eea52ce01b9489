// The program described as JSON for the JS/Python materializers: they build
// their per-node readers and writers from this, never by re-parsing Avro.
#pragma once

#include <string>

#include "datum/program.h"

namespace avro::wasm {

// {"root":N,"nodes":[{"op":"record","name":"a.B","fields":[{"name":"x","type":1}]}, ...]}
std::string describe_program(const Program& program);

}  // namespace avro::wasm
