// The libFuzzer entry point every target in tests/fuzz defines. Built with clang and
// -fsanitize=fuzzer by tests/fuzz/run.sh; built with gcc and replay_main.cc by the
// normal build, which replays the checked-in seed corpus of each target under ctest.
#pragma once

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);
