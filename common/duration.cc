#include "common/duration.h"

#include <charconv>

namespace berth {

Result<int64_t> ParseDurationMs(const std::string& text) {
  int64_t value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  const std::string unit(ptr, text.data() + text.size());
  if (ec != std::errc() || ptr == text.data() || value < 0) {
    return InvalidArgument("\"" + text + "\" is not a duration such as 90s, 10m, 12h or 30d");
  }
  int64_t scale = 0;
  if (unit == "ms") scale = 1;
  if (unit.empty() || unit == "s") scale = 1000;
  if (unit == "m") scale = 60 * 1000;
  if (unit == "h") scale = 3600 * 1000;
  if (unit == "d") scale = 24 * 3600 * 1000;
  if (scale == 0) {
    return InvalidArgument("\"" + text + "\" has an unknown unit (use ms, s, m, h or d)");
  }
  return value * scale;
}

}  // namespace berth
