#pragma once

#include <cstdint>
#include <string>

namespace berth {

// "2026-11-25T20:33:00.123Z" for Unix epoch milliseconds (UTC).
std::string FormatIsoMs(int64_t epoch_ms);
// "Wed, 02 Dec 2026 05:04:17 GMT" (RFC 1123, as HTTP dates are written).
std::string FormatHttpDate(int64_t epoch_ms);

}  // namespace berth
