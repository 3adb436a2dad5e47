// Durations as people type them: "90s", "10m", "12h", "30d", "500ms", or a bare number of
// seconds.
#pragma once

#include <cstdint>
#include <string>

#include "common/status.h"

namespace berth {

// Milliseconds; INVALID_ARGUMENT naming `text` for anything else (or a negative value).
Result<int64_t> ParseDurationMs(const std::string& text);

}  // namespace berth
