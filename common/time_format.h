#pragma once

#include <cstdint>
#include <string>

namespace berth {

// "2026-11-25T20:33:00.123Z" for Unix epoch milliseconds (UTC).
std::string FormatIsoMs(int64_t epoch_ms);

}  // namespace berth
