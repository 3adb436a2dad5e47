// A nesting check on JSON text before it is parsed: nlohmann's parser recurses once per
// level, so a 200,000-deep body would exhaust the stack. The scan itself is a loop.
#pragma once

#include <cstddef>
#include <string_view>

namespace berth::text {

inline constexpr size_t kMaxJsonDepth = 64;

// The deepest nesting of arrays and objects in `json` (strings and their escapes are
// skipped), counting no further than `stop_at` + 1. Malformed text is not an error here:
// the parser that follows reports it.
size_t JsonDepth(std::string_view json, size_t stop_at = kMaxJsonDepth);

}  // namespace berth::text
