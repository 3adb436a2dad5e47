// Sizes as people type them: "64MiB", "512KiB", "2GiB", or a bare number of bytes.
#pragma once

#include <cstdint>
#include <string>

#include "common/status.h"

namespace berth {

// Bytes; INVALID_ARGUMENT naming `text` and the units for anything else.
Result<uint64_t> ParseByteSize(const std::string& text);

}  // namespace berth
