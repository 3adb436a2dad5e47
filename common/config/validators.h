// CLI11 checks for flags whose values have a syntax of their own, so that a bad value is
// refused when the flag or its config key is read (and by `config check`), naming it.
#pragma once

#include <CLI/CLI.hpp>

namespace berth::config {

// A duration such as 90s, 10m, 12h, 30d (common/duration.h).
CLI::Validator Duration();
// A size such as 64MiB (common/byte_size.h).
CLI::Validator ByteSize();
// KEY=VALUE with a non-empty KEY.
CLI::Validator KeyValue();

}  // namespace berth::config
